"""The quality-cost trend chart of the quality-cost report, drawn as a sketch: one
stacked bar per month, the four PAF categories in their colours, with a legend."""

from __future__ import annotations

from qms_desktop.documents.charts import _cached
from qms_desktop.documents.operate_charts import _canvas
from qms_desktop.documents.sketch import Sketch

# prevention, appraisal, internal failure, external failure (the screen chart uses the same)
CATEGORY_COLOURS = ((47, 133, 90), (43, 108, 176), (214, 158, 46), (197, 48, 48))
_INK = (40, 40, 40)
_GRID = (225, 225, 225)
_AXIS = (90, 90, 90)


def _step(biggest: float) -> float:
    """A round grid step giving four or five lines up to `biggest`."""
    raw = biggest / 4 or 1.0
    power = 10 ** (len(str(int(raw))) - 1)
    for k in (1, 2, 2.5, 5, 10):
        if raw <= k * power:
            return k * power
    return 10 * power


def _short(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if value >= 10_000:
        return f"{value / 1_000:g}k"
    return f"{value:g}"


@_cached
def cost_trend_chart(
    months: list[tuple[str, tuple[float, ...]]], title: str, legend: tuple[str, ...]
) -> Sketch:
    """Stacked bars per month ("2026-03", amounts per category in the legend's order); the
    month labels thin out so they never overlap (every year's January when there are many)."""
    width, height = 1500, 680
    draw, _font, small = _canvas(width, height, title)
    left, right, top, bottom = 130, width - 40, 100, height - 150
    totals = [sum(v) for _, v in months]
    step = _step(max(totals, default=0.0) or 1.0)
    lines = max(1, -(-max(totals, default=0.0) // step)) if totals else 1
    top_value = step * lines
    for k in range(int(lines) + 1):
        y = bottom - k / lines * (bottom - top)
        draw.line([(left, y), (right, y)], fill=_GRID, width=2)
        draw.text((left - 14, y - 14), _short(step * k), fill=_AXIS, font=small, anchor="ra")
    slot = (right - left) / max(1, len(months))
    bar = max(1.0, min(60.0, slot * 0.7))
    label_room = draw.textlength("2026-03", font=small) + 16
    every = 1 if slot >= label_room else (3 if slot * 3 >= label_room else 12)
    for i, (month, values) in enumerate(months):
        x = left + i * slot + (slot - bar) / 2
        base = float(bottom)
        for value, colour in zip(values, CATEGORY_COLOURS, strict=False):
            if value <= 0:
                continue
            h = value / top_value * (bottom - top)
            draw.rectangle([x, base - h, x + bar, base], fill=colour)
            base -= h
        shown = month if every == 1 else (month[:4] if every == 12 else month[2:])
        if (every == 12 and month.endswith("-01")) or (every != 12 and i % every == 0):
            draw.line([(x + bar / 2, bottom), (x + bar / 2, bottom + 8)], fill=_AXIS, width=2)
            draw.text((x + bar / 2, bottom + 14), shown, fill=_INK, font=small, anchor="ma")
    draw.line([(left, bottom), (right, bottom)], fill=_AXIS, width=2)
    x = float(left)
    for name, colour in zip(legend, CATEGORY_COLOURS, strict=False):
        draw.rectangle([x, height - 66, x + 26, height - 40], fill=colour)
        draw.text((x + 36, height - 70), name, fill=_INK, font=small)
        x += 70 + draw.textlength(name, font=small)
    return draw
