"""Plain-Python domain of QMS Desktop: no Qt, no SQL."""
