"""The shared widget kit: escaped text, sealed layouts, retry after a failed save, autosave."""
