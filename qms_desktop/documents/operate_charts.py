"""Charts of the Operate documents, drawn as sketches: SERVQUAL gaps per dimension or
item (two survey waves side by side), a Pareto chart of complaints, bars per month."""

from __future__ import annotations

from qms_desktop.documents.charts import _cached
from qms_desktop.documents.sketch import Sketch, SketchFont

_BLUE = (43, 108, 176)
_GREY = (160, 174, 192)
_RED = (197, 48, 48)
_INK = (40, 40, 40)
_TITLE = (31, 58, 95)


def _canvas(width: int, height: int, title: str) -> tuple[Sketch, SketchFont, SketchFont]:
    """A sketch with its title drawn, and its two text sizes (title, labels)."""
    draw = Sketch(width, height)
    font, small = draw.font(34), draw.font(28)
    draw.text((40, 20), title, fill=_TITLE, font=font)
    return draw, font, small


@_cached
def gap_chart(
    rows: list[tuple[str, float | None, float | None]], title: str, legend: tuple[str, str]
) -> Sketch:
    """Horizontal bars, one row per dimension or item: (label, this wave, earlier wave or
    None). Values below zero (expectations not met) grow left of the zero line."""
    height = 110 + max(1, len(rows)) * 64 + 60
    draw, _font, small = _canvas(1500, height, title)
    labels, top = 560, 100
    # the values print beside the bar ends: room for them on either side of the plot
    left, right = labels + 110, 1500 - 110
    values = [abs(v) for _, a, b in rows for v in (a, b) if v is not None]
    biggest = max(values, default=1.0) or 1.0
    negative = any(v < 0 for _, a, b in rows for v in (a, b) if v is not None)
    positive = any(v > 0 for _, a, b in rows for v in (a, b) if v is not None)
    if negative and positive:
        zero, scale = (left + right) / 2, (right - left) / 2 / biggest
    elif negative:
        zero, scale = right, (right - left) / biggest
    else:
        zero, scale = left, (right - left) / biggest
    earlier = any(b is not None for _, _, b in rows)
    for i, (label, now, before) in enumerate(rows):
        y = top + i * 64
        draw.text((labels - 16, y + 16), draw.fit(label, small, labels - 40), fill=_INK,
                  font=small, anchor="ra")  # fmt: skip
        bars = [(now, _RED if (now or 0) < 0 else _BLUE, 0)]
        if earlier:
            bars = [(before, _GREY, 0), (now, _RED if (now or 0) < 0 else _BLUE, 28)]
        for value, colour, dy in bars:
            if value is None:
                continue
            end = zero + value * scale
            y0 = y + dy + (4 if earlier else 12)
            draw.rectangle([min(zero, end), y0, max(zero, end), y0 + 24], fill=colour)
            text_x = end - 8 if value < 0 else end + 8
            draw.text((text_x, y0 - 4), f"{value:+.2f}", fill=_INK, font=small,
                      anchor="ra" if value < 0 else "la")  # fmt: skip
    bottom = top + len(rows) * 64
    draw.line([(zero, top - 10), (zero, bottom)], fill=(90, 90, 90), width=2)
    if earlier:
        x = float(left)
        for name, colour in zip(legend, (_GREY, _BLUE), strict=True):
            draw.rectangle([x, bottom + 20, x + 24, bottom + 44], fill=colour)
            draw.text((x + 34, bottom + 16), name, fill=_INK, font=small)
            x += 60 + draw.textlength(name, font=small)
    return draw


@_cached
def pareto_chart(rows: list[tuple[str, int, float]], title: str) -> Sketch:
    """Bars of counts, the largest first, with the cumulative share as a line (0-100%)."""
    width, height = 1500, 700
    draw, _font, small = _canvas(width, height, title)
    left, right, top, bottom = 110, width - 110, 90, height - 150
    biggest = max((c for _, c, _ in rows), default=1) or 1
    biggest = -(-biggest // 4) * 4  # a multiple of 4: whole numbers at each quarter
    for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = bottom - frac * (bottom - top)
        draw.line([(left, y), (right, y)], fill=(225, 225, 225), width=2)
        draw.text((right + 12, y - 12), f"{int(frac * 100)}%", fill=(90, 90, 90), font=small)
        draw.text((left - 14, y - 12), f"{biggest * frac:.0f}", fill=(90, 90, 90), font=small,
                  anchor="ra")  # fmt: skip
    slot = (right - left) / max(1, len(rows))
    bar = min(110.0, slot * 0.65)
    points = []
    for i, (label, count, cumulative) in enumerate(rows):
        x = left + i * slot + (slot - bar) / 2
        y = bottom - count / biggest * (bottom - top)
        draw.rectangle([x, y, x + bar, bottom], fill=_BLUE)
        draw.text((x + bar / 2, y - 28), str(count), fill=_INK, font=small, anchor="ma")
        name = draw.fit(label, small, max(slot - 8, 40))
        draw.text((x + bar / 2, bottom + 12), name, fill=_INK, font=small, anchor="ma")
        points.append((x + bar / 2, bottom - cumulative * (bottom - top)))
    if len(points) > 1:
        draw.line(points, fill=_RED, width=4)
    for px, py in points:
        draw.ellipse([px - 7, py - 7, px + 7, py + 7], fill=_RED)
    return draw


@_cached
def monthly_chart(
    months: list[tuple[str, float, float | None]], title: str, legend: tuple[str, str]
) -> Sketch:
    """Bars per month (the first value), the second value as a narrower bar beside it."""
    width, height = 1500, 620
    draw, _font, small = _canvas(width, height, title)
    left, right, top, bottom = 90, width - 40, 90, height - 130
    biggest = max((max(a, b or 0) for _, a, b in months), default=1) or 1
    for frac in (0.0, 0.5, 1.0):
        y = bottom - frac * (bottom - top)
        draw.line([(left, y), (right, y)], fill=(225, 225, 225), width=2)
        draw.text((left - 14, y - 12), f"{biggest * frac:.0f}", fill=(90, 90, 90), font=small,
                  anchor="ra")  # fmt: skip
    slot = (right - left) / max(1, len(months))
    second = any(b is not None for _, _, b in months)
    bar = min(44.0, slot * (0.38 if second else 0.6))
    for i, (label, a, b) in enumerate(months):
        x = left + i * slot + (slot - (2 * bar if second else bar)) / 2
        for value, colour, dx in ((a, _BLUE, 0.0), (b, _GREY, bar)):
            if value is None:
                continue
            y = bottom - value / biggest * (bottom - top)
            draw.rectangle([x + dx, y, x + dx + bar - 2, bottom], fill=colour)
        draw.text((x + (bar if second else bar / 2), bottom + 12), label[2:] if len(label) > 5 else label,
                  fill=_INK, font=small, anchor="ma")  # fmt: skip
    if second:
        x = left
        for name, colour in zip(legend, (_BLUE, _GREY), strict=True):
            draw.rectangle([x, height - 60, x + 24, height - 38], fill=colour)
            draw.text((x + 34, height - 62), name, fill=_INK, font=small)
            x += 60 + draw.textlength(name, font=small)
    return draw
