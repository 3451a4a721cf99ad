"""Error sentences of the core area, in English and Simplified Chinese (see messages.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
