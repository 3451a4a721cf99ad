"""QC circles (QC小组) and their improvement projects, counted per year: circles registered,
projects finished and the savings those projects report. Plain functions over plain values
(no storage, no Qt)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Values = Mapping[str, object]


@dataclass(frozen=True)
class CircleYear:
    """One calendar year of circle activity."""

    year: int
    circles_registered: int
    projects_finished: int
    savings: float  # reported by the projects finished that year


def circles_per_year(circles: Iterable[Values], projects: Iterable[Values]) -> list[CircleYear]:
    """Circles registered (by `registered_on`) and projects finished (by `finished_on`, with
    their savings) per calendar year, oldest first; a year appears when something happened in
    it. Records without the date are not counted (a circle not yet registered, a project
    still running)."""
    registered: dict[int, int] = {}
    finished: dict[int, int] = {}
    savings: dict[int, float] = {}
    for c in circles:
        day = c.get("registered_on")
        if isinstance(day, dt.date):
            registered[day.year] = registered.get(day.year, 0) + 1
    for p in projects:
        day = p.get("finished_on")
        if not isinstance(day, dt.date):
            continue
        finished[day.year] = finished.get(day.year, 0) + 1
        amount = p.get("savings")
        saved = float(amount) if isinstance(amount, int | float) else 0.0
        savings[day.year] = savings.get(day.year, 0.0) + saved
    return [
        CircleYear(y, registered.get(y, 0), finished.get(y, 0), savings.get(y, 0.0))
        for y in sorted(set(registered) | set(finished))
    ]


def year_of(rows: list[CircleYear], year: int) -> CircleYear:
    """The row of `year`, or a year with nothing in it."""
    return next((r for r in rows if r.year == year), CircleYear(year, 0, 0, 0.0))
