"""A record of one of the step registers, as plain values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    register: str  # the register's key
    id: int
    values: dict[str, object]
