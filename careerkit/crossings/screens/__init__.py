"""The crossing brainstorm's screens: the board, its parts, and sending a crossing to a plan."""
