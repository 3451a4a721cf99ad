"""Text cleaning at the writer boundary: characters XML cannot hold are dropped."""

from __future__ import annotations

import re

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Drop control characters, non-characters and lone surrogates; keep tabs and newlines."""
    return _ILLEGAL.sub("", text)
