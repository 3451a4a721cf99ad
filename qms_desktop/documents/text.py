"""Text cleaning at the writer boundary: line and paragraph separators of every kind become
a line break, characters XML cannot hold are dropped."""

from __future__ import annotations

import re

_NEWLINE_LIKE = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SEPARATORS = re.compile("[\x1c-\x1e]")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Line breaks of every kind (CR, VT, FF, NEL, U+2028, U+2029) as "\\n", the information
    separators (FS, GS, RS) as spaces; other control characters, non-characters and lone
    surrogates dropped. Tabs and newlines stay."""
    return _ILLEGAL.sub("", _SEPARATORS.sub(" ", _NEWLINE_LIKE.sub("\n", text)))


def one_line(text: str) -> str:
    """Clean text on one line (headers, outline entries): every run of white space one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"
