"""Bounds on the work one document may cause: a deadline and the user's Cancel, checked
between pieces of work by the template run and by both writers."""

from __future__ import annotations

import time
from collections.abc import Callable

from qms_desktop.documents.errors import DocumentError


class Deadline:
    """Stops long work: `check()` raises once `seconds` have passed or `cancel()` is true."""

    def __init__(self, seconds: float, cancel: Callable[[], bool] | None = None) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.cancel = cancel

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise DocumentError("documents.cancelled")
        if time.monotonic() > self.end:
            raise DocumentError("documents.layout_too_long", seconds=round(self.seconds))


def never() -> Deadline:
    """A deadline for writers called on their own (tests, benchmarks): a day, no cancel."""
    return Deadline(86400.0)
