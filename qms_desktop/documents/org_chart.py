"""The organisation chart for documents, drawn as a sketch: a box per role under the
role it reports to (a tree read top to bottom), the appointee in each box, vacancies marked."""

from __future__ import annotations

from collections.abc import Sequence

from qms_desktop.documents.charts import _cached
from qms_desktop.documents.sketch import Sketch

NAVY = (31, 58, 95)
GREY = (90, 90, 90)
RED = (197, 48, 48)
MAX_ROLES = 400  # beyond this the chart would be unreadable: the first ones are drawn


@_cached
def org_chart(roles: Sequence[tuple[int, str, str]], title: str, vacant: str) -> Sketch:
    """`roles`: (depth, title, appointee) in outline order (each role after the role it
    reports to, as domain.allocation.org_chart_levels gives them); `vacant` is printed for a
    role nobody fills."""
    roles = list(roles)[:MAX_ROLES]
    width, indent, row_h, box_h, top = 1500, 70, 84, 66, 90
    height = top + row_h * max(1, len(roles)) + 20
    draw = Sketch(width, height)
    font, small = draw.font(26), draw.font(22)
    draw.text((40, 20), title, fill=NAVY, font=font)
    deepest = max((d for d, _, _ in roles), default=0)
    indent = min(indent, (width - 700) // max(1, deepest))
    box_w = width - 80 - indent * deepest
    last_at_depth: dict[int, float] = {}  # the lower edge of the last box drawn at each depth
    for i, (depth, name, appointee) in enumerate(roles):
        x = 40 + depth * indent
        y = top + i * row_h
        if depth > 0 and depth - 1 in last_at_depth:  # an elbow from the role above
            stem = 40 + (depth - 1) * indent + 28
            draw.line([(stem, last_at_depth[depth - 1]), (stem, y + box_h / 2)], fill=GREY, width=3)
            draw.line([(stem, y + box_h / 2), (x, y + box_h / 2)], fill=GREY, width=3)
        for deeper in [d for d in last_at_depth if d > depth]:
            del last_at_depth[deeper]
        filled = bool(appointee.strip())
        draw.rounded_rectangle(
            [x, y, x + box_w, y + box_h],
            radius=12,
            fill=(232, 240, 250) if filled else (253, 236, 236),
            outline=NAVY if filled else RED,
            width=3,
        )
        draw.text(
            (x + 20, y + box_h / 2),
            draw.fit(name, font, box_w * 0.6),
            fill=(20, 20, 20),
            font=font,
            anchor="lm",
        )
        who = appointee if filled else vacant
        draw.text(
            (x + box_w - 20, y + box_h / 2),
            draw.fit(who, small, box_w * 0.35),
            fill=GREY if filled else RED,
            font=small,
            anchor="rm",
        )
        last_at_depth[depth] = y + box_h
    return draw
