"""The plan editor's screens: start or resume a plan, goal cards, and the side panels."""
