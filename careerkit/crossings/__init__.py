"""Creative crossings: the brainstorm model, editing, matching, numbers, the map and the board."""
