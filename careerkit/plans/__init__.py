"""Development plans: the model, the editing rules, their numbers, downloads and the editor screens."""
