"""The survey's screens: the form, one control per question kind, and the result view."""
