"""Line breaking for reportlab paragraphs in Chinese and mixed text: breaks between any two
Chinese characters, never inside a Latin word or number (unless the word alone is wider
than the line), and with the kinsoku rules of `text.can_break`: no line starts with
，。、；：？！）」』】 and the like, none ends with （「『【.

reportlab's own CJK splitter hangs at most one closing mark of a short list (without the
fullwidth comma, semicolon, colon or question mark) and has no line-end rule, so
`install()` replaces `Paragraph.breakLinesCJK` (used by every style with wordWrap='CJK')
with `break_lines` below, once per process."""

from __future__ import annotations

from typing import Any

from qms_desktop.documents.text import CANNOT_END, CANNOT_START, can_break

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from reportlab.platypus.paragraph import Paragraph

    Paragraph.breakLinesCJK = break_lines
    _installed = True


def break_lines(self: Any, max_widths: Any) -> Any:
    """`Paragraph.breakLinesCJK` with the rules above (same contract as reportlab's)."""
    from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth

    if not isinstance(max_widths, list | tuple):
        max_widths = [max_widths]
    style = self.style
    self.height = 0
    _handleBulletWidth(self.bulletText, style, max_widths)
    frags = self.frags
    if not frags:
        return ParaLines(
            kind=0,
            fontSize=style.fontSize,
            fontName=style.fontName,
            textColor=style.textColor,
            lines=[],
            ascent=style.fontSize,
            descent=-0.2 * style.fontSize,
        )
    if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
        return self.blPara
    # a table wraps each cell to measure it and again to draw it, at the same width: the
    # lines of the last width are kept (a paragraph split in two gets new frags)
    key = tuple(max_widths)
    kept = self.__dict__.get("_qms_lines")
    if kept is not None and kept[0] == key and kept[1] is frags:
        return kept[2]
    auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
    lines = split_frags(frags, max_widths, auto_leading not in ("", "off"))
    self._qms_lines = (key, frags, lines)
    return lines


_PLACEHOLDER = "\ufffc"  # stands for a frag without text (a picture, a callback, a <br/>)
_widths: dict[tuple[str, float], dict[str, float]] = {}
_MAX_MEASURED = 40_000  # characters kept measured per font and size


def _char_width(ch: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    table = _widths.setdefault((font, size), {})
    width = table.get(ch)
    if width is None:
        width = table[ch] = stringWidth(ch, font, size)
    return width


def split_frags(frags: list[Any], max_widths: list[float], calc_bounds: bool) -> Any:
    """Lines of `frags` (reportlab's ParaLines of kind 1, as its cjkFragSplit makes them)."""
    from reportlab.platypus.paragraph import ParaLines
    from reportlab.rl_config import _FUZZ

    chars: list[str] = []
    widths: list[float] = []
    owner: list[int] = []  # the frag each character belongs to
    for n, frag in enumerate(frags):
        text = frag.text
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if not text:
            chars.append(_PLACEHOLDER)
            cb = getattr(frag, "cbDefn", None)
            widths.append(float(getattr(cb, "width", 0) or 0) if cb is not None else 0.0)
            owner.append(n)
            continue
        table = _widths.setdefault((frag.fontName, frag.fontSize), {})
        if len(table) > _MAX_MEASURED:
            table.clear()
        for ch in set(text).difference(table):  # each character measured once per process
            _char_width(ch, frag.fontName, frag.fontSize)
        chars.extend(text)
        widths.extend([table[ch] for ch in text])
        owner.extend([n] * len(text))
    count = len(chars)
    lines: list[Any] = []
    start = i = 0
    used = 0.0
    max_width = max_widths[0]

    def emit(end: int, line_break: bool) -> None:
        nonlocal start, used, max_width
        shown = end
        while shown > start and chars[shown - 1].isspace() and not line_break:
            shown -= 1  # trailing spaces take no room
        width = sum(widths[start:shown])
        lines.append(
            _line(frags, chars, owner, start, end, max_width, width, line_break, calc_bounds)
        )
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        start, used = end, 0.0

    if _PLACEHOLDER not in chars and sum(widths) <= max_width + _FUZZ:
        emit(count, False)  # all on the first line, as the loop below would find
        return ParaLines(kind=1, lines=lines)
    while i < count:
        used += widths[i]
        i += 1
        if chars[i - 1] == _PLACEHOLDER and hasattr(frags[owner[i - 1]], "lineBreak"):
            emit(i, True)
            continue
        if used <= max_width + _FUZZ or i - 1 <= start:
            continue
        end = i - 1  # the character that does not fit starts the next line ...
        if chars[end].isspace():
            while end < count and chars[end].isspace():  # ... spaces stay at this line's end
                end += 1
        else:
            k = end  # ... or the line ends earlier, where a break is allowed
            while k > start and not can_break(chars[k - 1], chars[k]):
                k -= 1
            if k <= start:  # a word wider than the line: break it, kinsoku still kept
                k = end
                while k > start and (chars[k] in CANNOT_START or chars[k - 1] in CANNOT_END):
                    k -= 1
                if k <= start:
                    k = end
            end = k
        emit(end, False)
        i = end
    if start < count:
        emit(count, False)
    return ParaLines(kind=1, lines=lines)


def _line(
    frags: list[Any],
    chars: list[str],
    owner: list[int],
    start: int,
    end: int,
    max_width: float,
    width: float,
    line_break: bool,
    calc_bounds: bool,
) -> Any:
    """One line as reportlab's makeCJKParaLine builds it: the frags it spans, each cut to
    its part of the line."""
    from reportlab.pdfbase.pdfmetrics import getAscentDescent
    from reportlab.platypus.paragraph import FragLine, imgNormV, imgVRange

    words: list[Any] = []
    max_size = max_ascent = min_descent = 0.0
    k = start
    while k < end:
        n = owner[k]
        j = k
        while j < end and owner[j] == n:
            j += 1
        frag = frags[n]
        size = frag.fontSize
        cb = getattr(frag, "cbDefn", None)
        cb_width: float = getattr(cb, "width", 0) if cb is not None else 0
        if calc_bounds and cb is not None and cb_width:
            descent, ascent = imgVRange(imgNormV(cb.height, size), cb.valign, size)
        else:
            ascent, descent = getAscentDescent(frag.fontName, size)
        max_size = max(max_size, size)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        piece = frag.clone()
        text = "".join(chars[k:j])
        piece.text = "" if text == _PLACEHOLDER else text
        words.append(piece)
        k = j
    return FragLine(
        kind=1,
        extraSpace=max_width - width,
        wordCount=1,
        words=words,
        fontSize=max_size,
        ascent=max_ascent,
        descent=min_descent,
        maxWidth=max_width,
        currentWidth=width,
        lineBreak=line_break,
    )
