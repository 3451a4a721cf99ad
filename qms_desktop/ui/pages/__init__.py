"""Pages of the main window other than the eight steps."""
