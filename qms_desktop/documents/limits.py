"""Bounds on the work one document may cause: a deadline and the user's Cancel, checked
between pieces of work by the template run and by both writers."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from qms_desktop.documents.errors import DocumentError


class Deadline:
    """Stops long work: `check()` raises once `seconds` have passed or `cancel()` is true."""

    def __init__(self, seconds: float, cancel: Callable[[], bool] | None = None) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.cancel = cancel
        # the refusal raised, kept: a library that catches it and raises another in its
        # place (reportlab's page-begin handler rebuilds it around its own text) cannot lose
        # what it says
        self.stopped: DocumentError | None = None

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            self.stopped = DocumentError("documents.cancelled")
            raise self.stopped
        if time.monotonic() > self.end:
            self.stopped = DocumentError("documents.layout_too_long", seconds=round(self.seconds))
            raise self.stopped


def never() -> Deadline:
    """A deadline for writers called on their own (tests, benchmarks): a day, no cancel."""
    return Deadline(86400.0)


_frozen = 0
_frozen_by_us = False
_frozen_lock = threading.Lock()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Python's cyclic collector kept to what the work inside allocates: everything alive
    before (the modules, the workspace's mappings, reportlab's fonts) is frozen meanwhile, so
    the full collections a render triggers walk only its own objects, not the whole heap
    (they took a quarter of a render's time). Cycles the work leaves are still collected;
    the heap is unfrozen when the last of several overlapping renders ends. A heap someone
    else froze is left as it is (gc.unfreeze would undo their freeze too): in the app that
    is the storage package's import, which froze the bulk of the heap already (SQLAlchemy,
    the models), and a render then changes nothing (measured: the same time either way)."""
    global _frozen, _frozen_by_us
    with _frozen_lock:
        if _frozen == 0:
            _frozen_by_us = gc.get_freeze_count() == 0
            if _frozen_by_us:
                gc.freeze()
        _frozen += 1
    try:
        yield
    finally:
        with _frozen_lock:
            _frozen -= 1
            if _frozen == 0 and _frozen_by_us:
                gc.unfreeze()
