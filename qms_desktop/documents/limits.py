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
_frozen_lock = threading.Lock()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Python's cyclic collector kept to what the work inside allocates: everything alive
    before (the modules, the workspace's mappings, reportlab's fonts, the window's rows) is
    frozen meanwhile, so the full collections a render triggers walk only its own objects,
    not the whole heap. Cycles the work leaves are still collected. The heap is unfrozen
    when the last of several overlapping renders ends, all of it: Python cannot unfreeze
    part of a heap, so what the storage package's import froze (SQLAlchemy, the models) is
    thawed too; that freeze has done its work by then (the import's own collections), and
    the process's entry freezes again before the interpreter ends (cli.run).
    Measured (quality manual as PDF, CPU time): 102 -> 91 ms against leaving the storage
    import's freeze alone, with or without 10 000 GUI-like rows alive."""
    global _frozen
    with _frozen_lock:
        if _frozen == 0:
            gc.freeze()
        _frozen += 1
    try:
        yield
    finally:
        with _frozen_lock:
            _frozen -= 1
            if _frozen == 0:
                gc.unfreeze()
