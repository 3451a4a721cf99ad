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
    auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
    return split_frags(frags, max_widths, auto_leading not in ("", "off"))


def _legal(u: list[Any], k: int) -> bool:
    return can_break(u[k - 1], u[k])


def _kinsoku_only(u: list[Any], k: int) -> bool:
    return u[k] not in CANNOT_START and u[k - 1] not in CANNOT_END


def split_frags(frags: list[Any], max_widths: list[float], calc_bounds: bool) -> Any:
    from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
    from reportlab.rl_config import _FUZZ

    u: list[Any] = []
    for frag in frags:
        text = frag.text
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if text:
            u.extend(cjkU(t, frag, "utf8") for t in text)
        else:
            u.append(cjkU(text, frag, "utf8"))
    count = len(u)
    widths = [0.0] * count
    lines: list[Any] = []
    start = i = 0
    used = 0.0
    max_width = max_widths[0]

    def width_of(k: int) -> float:
        w = u[k].width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        widths[k] = w
        return float(w)

    def emit(end: int, line_break: bool) -> None:
        nonlocal start, used, max_width
        shown = end
        while shown > start and u[shown - 1].isspace() and not line_break:
            shown -= 1  # trailing spaces take no room
        width = sum(widths[start:shown])
        lines.append(
            makeCJKParaLine(
                u[start:end], max_width, width, max_width - width, line_break, calc_bounds
            )
        )
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        start, used = end, 0.0

    while i < count:
        used += width_of(i)
        i += 1
        if hasattr(u[i - 1].frag, "lineBreak"):
            emit(i, True)
            continue
        if used <= max_width + _FUZZ or i - 1 <= start:
            continue
        end = i - 1  # the character that does not fit starts the next line ...
        if u[end].isspace():
            while end < count and u[end].isspace():  # ... spaces stay at this line's end
                width_of(end)
                end += 1
        else:
            k = end  # ... or the line ends earlier, where a break is allowed
            while k > start and not _legal(u, k):
                k -= 1
            if k <= start:  # a word wider than the line: break it, kinsoku still kept
                k = end
                while k > start and not _kinsoku_only(u, k):
                    k -= 1
                if k <= start:
                    k = end
            end = k
        emit(end, False)
        i = end
    if start < count:
        emit(count, False)
    return ParaLines(kind=1, lines=lines)
