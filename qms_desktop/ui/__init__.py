"""The Qt GUI: main window, step pages, item models, dialogs, undo commands."""
