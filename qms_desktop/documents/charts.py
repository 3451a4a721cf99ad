"""Charts for documents, drawn as sketches (documents/sketch.py): a PNG in the DOCX, vectors in
the PDF, the same drawing in both."""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from qms_desktop.documents.sketch import Sketch

_CACHE_SIZE = 16
_caches: list[OrderedDict[str, Sketch]] = []


def forget_charts() -> None:
    """Empty the charts' caches (benchmarks measure drawing them)."""
    for cache in _caches:
        cache.clear()


def _cached(draw: Callable[..., Sketch]) -> Callable[..., Sketch]:
    """Charts kept by what they show (a hash of the arguments): the PDF and the DOCX of one
    document, or a document made again, draw each chart once."""
    cache: OrderedDict[str, Sketch] = OrderedDict()
    _caches.append(cache)
    lock = threading.Lock()

    @functools.wraps(draw)
    def wrapper(*args: Any) -> Sketch:
        key = hashlib.sha256(repr(args).encode("utf-8", "surrogatepass")).hexdigest()
        with lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        data = draw(*args)
        with lock:
            cache[key] = data
            while len(cache) > _CACHE_SIZE:
                cache.popitem(last=False)
        return data

    return wrapper


def _colour(value: float) -> tuple[int, int, int]:
    if value >= 0.85:
        return (47, 133, 90)
    if value >= 0.5:
        return (214, 158, 46)
    return (197, 48, 48)


@_cached
def conformity_chart(bars: list[tuple[str, float | None]], title: str) -> Sketch:
    """A bar per clause, height = conformity; clauses with nothing assessed show a dash."""
    width, height = 1500, 600
    draw = Sketch(width, height)
    font, small = draw.font(26), draw.font(22)
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
            draw.text(
                (x + bar / 2, y - 30),
                f"{round(value * 100)}",
                fill=(40, 40, 40),
                font=small,
                anchor="ma",
            )
        else:
            draw.text(
                (x + bar / 2, bottom - 30), "—", fill=(120, 120, 120), font=small, anchor="ma"
            )
        draw.text((x + bar / 2, bottom + 12), label, fill=(40, 40, 40), font=small, anchor="ma")
    return draw


@_cached
def process_network(processes: list[tuple[str, list[str]]], title: str) -> Sketch:
    """The process network: a box per process on a ring, an arrow for each hand-over."""
    import math

    width, height = 1500, 950
    draw = Sketch(width, height)
    font, small = draw.font(26), draw.font(22)
    draw.text((40, 20), title, fill=(31, 58, 95), font=font)
    n = len(processes)
    box_w, box_h = 260, 74
    cx, cy = width / 2, height / 2 + 30
    rx, ry = width / 2 - box_w / 2 - 40, height / 2 - box_h / 2 - 70
    centres = {}
    for i, (name, _feeds) in enumerate(processes):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, n)
        centres[name] = (
            cx + (rx * math.cos(angle) if n > 1 else 0),
            cy + (ry * math.sin(angle) if n > 1 else 0),
        )
    for name, feeds in processes:
        for target in feeds:
            if target not in centres or target == name:
                continue
            (x1, y1), (x2, y2) = centres[name], centres[target]
            dx, dy = x2 - x1, y2 - y1
            length = math.hypot(dx, dy) or 1.0
            ux, uy = dx / length, dy / length
            back = (
                min((box_w / 2) / abs(ux) if ux else 1e9, (box_h / 2) / abs(uy) if uy else 1e9) + 4
            )
            tip = (x2 - ux * back, y2 - uy * back)
            draw.line([(x1, y1), tip], fill=(74, 85, 104), width=3)
            draw.polygon(
                [
                    tip,
                    (tip[0] - ux * 18 - uy * 9, tip[1] - uy * 18 + ux * 9),
                    (tip[0] - ux * 18 + uy * 9, tip[1] - uy * 18 - ux * 9),
                ],
                fill=(74, 85, 104),
            )
    for name, (x, y) in centres.items():
        draw.rounded_rectangle(
            [x - box_w / 2, y - box_h / 2, x + box_w / 2, y + box_h / 2],
            radius=14,
            fill=(232, 240, 250),
            outline=(31, 58, 95),
            width=3,
        )
        # measured, not counted: 22 Chinese characters are twice as wide as the box
        label = draw.fit(name, small, box_w - 24)
        draw.text((x, y), label, fill=(20, 20, 20), font=small, anchor="mm")
    return draw
