"""Which automatic backups of a workspace to keep: all of today's, the newest of each of
the last days, the newest of each of the last weeks, under a total size — a pure choice
over dates and sizes, so it is tested with a fake clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class RetentionPolicy:
    """Keep every backup of today, the newest of each of the `days` days before it, the
    newest of each calendar (ISO) week up to `weeks` weeks back, and drop the oldest kept
    ones while together they exceed `max_total_bytes`. The newest backup is always kept,
    however old or large: it is the last known state of the workspace."""

    days: int = 14
    weeks: int = 8
    max_total_bytes: int = 500 * MEGABYTE


DEFAULT_POLICY = RetentionPolicy()


@dataclass(frozen=True)
class BackupStamp:
    """One backup as the choice sees it. `taken_at` is in the user's time zone, so that
    "today" is the user's today."""

    key: str
    taken_at: dt.datetime
    size: int


def backups_to_keep(
    stamps: Iterable[BackupStamp], now: dt.datetime, policy: RetentionPolicy = DEFAULT_POLICY
) -> frozenset[str]:
    """The keys of the backups to keep (the rest may be deleted)."""
    newest_first = sorted(stamps, key=lambda s: (s.taken_at, s.key), reverse=True)
    if not newest_first:
        return frozenset()
    today = now.date()
    kept: list[BackupStamp] = []
    days_seen: set[dt.date] = set()
    weeks_seen: set[tuple[int, int]] = set()
    for stamp in newest_first:
        day = stamp.taken_at.date()
        age = (today - day).days
        if age <= 0:  # today's (or stamped in the future by a wrong clock: not ours to judge)
            kept.append(stamp)
        elif age <= policy.days:
            if day not in days_seen:
                days_seen.add(day)
                kept.append(stamp)
        elif age < policy.weeks * 7:
            iso = day.isocalendar()
            week = (iso[0], iso[1])
            if week not in weeks_seen:
                weeks_seen.add(week)
                kept.append(stamp)
    if newest_first[0] not in kept:
        kept.insert(0, newest_first[0])
    total = sum(s.size for s in kept)
    # Over the size cap: the oldest go first (weekly, then daily, then today's), never the newest.
    for stamp in reversed(kept[1:]):
        if total <= policy.max_total_bytes:
            break
        kept.remove(stamp)
        total -= stamp.size
    return frozenset(s.key for s in kept)
