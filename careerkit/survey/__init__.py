"""The interest survey: scoring answers, the form and its controls, the result, demo answers."""
