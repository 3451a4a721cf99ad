"""What a cell of an exchanged spreadsheet may hold, both ways: the one guard against
spreadsheets taking text for a formula, a number, a date or a truth value (undone exactly
on import), choice words matched in either language, dates as people type them, and CSV
bytes decoded and split the way the file was written.

The guard (OWASP's advice for CSV injection, extended to values a spreadsheet retypes): a
text a spreadsheet would act on — it begins with = + - @ tab or CR, or it reads as a number,
date, time or TRUE/FALSE ("1.10", "007", "2026-12-01") — is written in a CSV with one
leading apostrophe, which Excel and LibreOffice keep as text and show. In a workbook the
cell is typed as text with Excel's own "quote prefix", so it needs no apostrophe; only a
text that itself begins with apostrophes before such a value gets one more. On every path
the import takes one apostrophe off a text whose rest the guard would have protected, and
nothing else, so every text comes back exactly as it went out."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_RETYPED = re.compile(
    r"""^\s*(?:
        \(?[+\-]?[$€£¥]?\s*(?:\d[\d,' \u00a0]*)?(?:\.\d*)?(?:e[+\-]?\d+)?\s*%?\)?  # numbers
      | \d{1,4}\s*[./\-]\s*\d{1,2}(?:\s*[./\-]\s*\d{1,4})?(?:[ t]+\d{1,2}:\d{2}.*)?  # dates
      | \d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm)?  # times
      | \d{1,2}[\s\-/.]*"""
    + _MONTH
    + r"""(?:[\s\-/.,]*\d{2,4})?  # 1-Mar, 1 March 2026
      | """
    + _MONTH
    + r"""[\s\-/.,]*\d{1,4}(?:[\s\-/.,]+\d{2,4})?  # Mar-26, March 1, 2026
      | \d+\s+\d+/\d+  # fractions
      | true | false
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


_DIGIT = re.compile(r"\d")


def retyped(text: str) -> bool:
    """Whether a spreadsheet opening a CSV would take `text` for a value other than text."""
    if len(text) > 80:  # longer than any number, date or time a spreadsheet reads
        return False
    if _DIGIT.search(text) is None:
        return text.strip().upper() in ("TRUE", "FALSE")
    return _RETYPED.match(text) is not None


def needs_guard(text: str) -> bool:
    """Whether a spreadsheet would act on `text` (leading apostrophes set aside)."""
    rest = text.lstrip("'")
    return bool(rest) and (rest.startswith(FORMULA_STARTS) or retyped(rest))


def guard_csv(text: str) -> str:
    """A CSV cell for `text`: one apostrophe in front when a spreadsheet would act on it."""
    return "'" + text if needs_guard(text) else text


def guard_xlsx(text: str) -> tuple[str, bool]:
    """(the text cell's value, whether to set Excel's quote prefix) for `text`. A text cell
    is never a formula; the quote prefix keeps it text when someone edits it; only a text
    beginning with apostrophes before a value the guard protects needs one more."""
    if not needs_guard(text):
        return text, False
    return ("'" + text if text.startswith("'") else text), True


def unguard(text: str) -> str:
    """The text a guarded cell stands for (the same on every path; see the module)."""
    return text[1:] if text.startswith("'") and needs_guard(text[1:]) else text


# -- words in either language -------------------------------------------------------------

_SPACING = re.compile(r"[\s_\-·・]+")


def fold(text: str) -> str:
    """A word as matching sees it: full-width folded (NFKC), case folded, no spacing,
    underscores or hyphens ("Not assessed", "NOT_ASSESSED", "ｎｏｔ－ａｓｓｅｓｓｅｄ")."""
    return _SPACING.sub("", unicodedata.normalize("NFKC", text).casefold()).strip(".。")


@dataclass(frozen=True)
class ChoiceWords:
    """The stored values of one choice and the words people may type for them: the code,
    and its label in English and Chinese, in any case, spacing or width."""

    codes: tuple[str, ...]
    labels: Mapping[str, tuple[str, str]]  # code -> (English, Chinese)
    synonyms: Mapping[str, tuple[str, ...]] = dataclass_field(default_factory=dict)

    def label(self, code: str, lang: str) -> str:
        pair = self.labels.get(code)
        if not code or pair is None:
            return code
        return pair[1] if lang == "zh_CN" else pair[0]

    def shown(self, lang: str) -> list[str]:
        """The words offered for this choice in `lang` (a drop-down's values)."""
        return [self.label(c, lang) for c in self.codes if c]

    def lookup(self) -> dict[str, str]:
        """Folded word -> code; a word that would name two codes names none."""
        found: dict[str, str] = {}
        clash: set[str] = set()
        for code in self.codes:
            pair = self.labels.get(code, ("", ""))
            for word in {code, *pair, *self.synonyms.get(code, ())}:
                key = fold(word)
                if not key and code:
                    continue
                if found.get(key, code) != code:
                    clash.add(key)
                found[key] = code
        for key in clash:
            del found[key]
        return found

    def read(self, text: str, lookup: dict[str, str]) -> str | None:
        """The code `text` names, or None."""
        return lookup.get(fold(text))


# -- dates --------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ t].*)?$", re.I)
_DAY_FIRST = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s.*)?$")


def read_date(value: object) -> dt.date | None:
    """A date from a cell: a date cell, or text as ISO (2026-12-01, 2026/12/01, 2026年12月1日,
    with or without a time), 01.12.2026, or d/m/yyyy when the day shows which is which.
    None for an empty cell; ValueError for anything else."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    if m := _ISO.match(text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_FIRST.match(text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if m := _SLASHED.match(text):
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if a > 12 >= b:
            return dt.date(year, b, a)
        if b > 12 >= a:
            return dt.date(year, a, b)
    raise ValueError(text)


# -- CSV bytes ------------------------------------------------------------------------------

ENCODINGS = ("utf-8", "utf-16", "gb18030", "cp1252")


class EncodingUnsure(Exception):
    """The bytes are neither UTF-8 nor UTF-16, and cp1252 and GB18030 both fit."""


class NotText(Exception):
    """The bytes are not text in any encoding a CSV is written in."""


def decode_csv(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). UTF-8 with or without a BOM and UTF-16 (BOM, or the zero bytes
    of ASCII text) are recognised; other bytes are a legacy code page, cp1252 (Western
    Europe) or GB18030 (Chinese), told apart by what the text looks like in each."""
    if encoding is not None:
        return data.decode(_python_name(encoding)), encoding
    if data.startswith(codecs.BOM_UTF8):
        return _text(data[3:], "utf-8"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _text(data, "utf-16"), "utf-16"
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 > len(head):
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > 0.9 * len(head[1::2]) and even == 0:
            return _text(data, "utf-16-le"), "utf-16"
        if even > 0.9 * len(head[0::2]) and odd == 0:
            return _text(data, "utf-16-be"), "utf-16"
        raise NotText
    if b"\x00" in data:
        raise NotText
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _legacy(data)


def _python_name(encoding: str) -> str:
    name = encoding.strip().lower().replace("_", "-")
    return {"utf-8": "utf-8-sig", "utf8": "utf-8-sig", "gbk": "gb18030", "gb2312": "gb18030"}.get(
        name, name
    )


def _text(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise NotText from exc


def _legacy(data: bytes) -> tuple[str, str]:
    """cp1252 or GB18030. Western text in cp1252 has its accented letters inside words of
    ASCII letters ("Qualitätsmanagement"); Chinese bytes read as cp1252 give runs of
    symbols and accented letters among themselves ("ÖÊÁ¿"), and read as GB18030 give
    common characters (GB 2312), seldom a lone one between ASCII letters ("Qualit鋞s")."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    try:
        chinese = data.decode("gb18030")
    except UnicodeDecodeError:
        chinese = None
    if western is None and chinese is None:
        raise NotText
    if chinese is None:
        return _checked(western), "cp1252"  # type: ignore[arg-type]
    if western is None:
        return _checked(chinese), "gb18030"
    in_words = _share(western, _latin_in_word)
    common = _share(chinese, _common_chinese)
    if in_words >= 0.6 and in_words > common - 0.2:
        return _checked(western), "cp1252"
    if common >= 0.8:
        return _checked(chinese), "gb18030"
    raise EncodingUnsure


def _checked(text: str) -> str:
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n")
    if controls > max(2, len(text) // 100):
        raise NotText
    return text


def _share(text: str, good: object) -> float:
    """The share of the text's non-ASCII characters that `good(text, i)` accepts."""
    test = good  # a callable (text, index) -> bool
    total = hits = 0
    for i, ch in enumerate(text):
        if ch >= "\x80":
            total += 1
            hits += bool(test(text, i))  # type: ignore[operator]
    return hits / total if total else 0.0


def _latin_in_word(text: str, i: int) -> bool:
    if not text[i].isalpha() or unicodedata.category(text[i]) not in ("Ll", "Lu"):
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(text) and (text[j].isascii() and text[j].isalpha()):
            return True
    # two accented letters side by side ("öß"): one of them must touch a word
    for j in (i - 2, i + 2):
        if 0 <= j < len(text) and text[j].isascii() and text[j].isalpha():
            k = (i + j) // 2
            return text[k].isalpha() and not text[k].isascii()
    return False


def _common_chinese(text: str, i: int) -> bool:
    encoded = text[i].encode("gb18030")
    if len(encoded) != 2 or not (0xA1 <= encoded[0] <= 0xF7 and 0xA1 <= encoded[1] <= 0xFE):
        return False  # not GB 2312
    if 0xA4 <= encoded[0] <= 0xAF:
        return False  # kana, Greek, Cyrillic, pinyin, box drawing: rare in a Chinese CSV
    if 0xB0 <= encoded[0]:  # a character, not a symbol: seldom alone between ASCII letters
        left = text[i - 1] if i else " "
        right = text[i + 1] if i + 1 < len(text) else " "
        if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
            return False
    return True


def split_csv(text: str) -> Iterable[list[str]]:
    """The rows of a CSV text, split at the separator its header line uses (comma,
    semicolon as spreadsheets write it where the comma is the decimal mark, or tab)."""
    first = text.split("\n", 1)[0]
    counts = {sep: _outside_quotes(first, sep) for sep in (",", ";", "\t")}
    delimiter = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _outside_quotes(line: str, sep: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            count += 1
    return count
