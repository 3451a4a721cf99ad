"""libraries package."""
