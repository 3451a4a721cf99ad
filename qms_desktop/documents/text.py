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


# -- line breaking rules (kinsoku) for Chinese text mixed with Latin words -------------------

# Closing brackets and punctuation that must never start a line (GB/T 15834 and the W3C's
# "Requirements for Chinese Text Layout"), fullwidth and ASCII.
CANNOT_START = frozenset(
    "!%),.:;?]}¢°·'\"’”‰′″℃、。〃〉》」』】〕〗〙〛〞〟︶︸︺︼︾﹀﹂﹄﹏﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞"
    "！＂％＇），．：；？］｝～｠｡｣､ゝゞヽヾ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー"
)
# Opening brackets and currency signs that must never end a line.
CANNOT_END = frozenset("([{£¥$‘“〈《「『【〔〖〘〚〝﹙﹛﹝（［｛｟￡￥＄｢")
# Marks written doubled that must stay together (—— and ……).
_DOUBLED = frozenset("—…⋯")


def is_wide(ch: str) -> bool:
    """A character of the scripts that break between any two characters (CJK ideographs,
    kana, hangul, their punctuation and the fullwidth forms)."""
    return ord(ch) >= 0x2E80 and not ("\ufe00" <= ch <= "\ufe0f")


def can_break(before: str, after: str) -> bool:
    """May a line end between `before` and `after`? Never before a closing mark, after an
    opening one, inside a doubled dash or ellipsis, or inside a Latin word or number."""
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before == after and before in _DOUBLED:
        return False
    if after.isspace() or before.isspace():
        return True
    return is_wide(before) or is_wide(after)
