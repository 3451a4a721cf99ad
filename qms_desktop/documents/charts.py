"""Charts for documents, drawn as PNG with Pillow (the same image goes into DOCX and PDF)."""

from __future__ import annotations

import io

from qms_desktop.paths import CJK_FONT


def _colour(value: float) -> tuple[int, int, int]:
    if value >= 0.85:
        return (47, 133, 90)
    if value >= 0.5:
        return (214, 158, 46)
    return (197, 48, 48)


def conformity_chart_png(bars: list[tuple[str, float | None]], title: str) -> bytes:
    """A bar per clause, height = conformity; clauses with nothing assessed show a dash."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1500, 600
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(CJK_FONT), 26, index=0)
    small = ImageFont.truetype(str(CJK_FONT), 22, index=0)
    draw.text((40, 20), title, fill=(31, 58, 95), font=font)
    left, right, top, bottom = 110, width - 30, 90, height - 70
    for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = bottom - frac * (bottom - top)
        draw.line([(left, y), (right, y)], fill=(220, 220, 220), width=2)
        draw.text((20, y - 13), f"{int(frac * 100)}%", fill=(90, 90, 90), font=small)
    slot = (right - left) / max(1, len(bars))
    bar = min(90.0, slot * 0.6)
    for i, (label, value) in enumerate(bars):
        x = left + i * slot + (slot - bar) / 2
        if value is not None:
            y = bottom - value * (bottom - top)
            draw.rectangle([x, y, x + bar, bottom], fill=_colour(value))
            draw.text((x + bar / 2, y - 30), f"{round(value * 100)}", fill=(40, 40, 40), font=small, anchor="ma")
        else:
            draw.text((x + bar / 2, bottom - 30), "—", fill=(120, 120, 120), font=small, anchor="ma")
        draw.text((x + bar / 2, bottom + 12), label, fill=(40, 40, 40), font=small, anchor="ma")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
