"""The demo organisation's copies in the user-data folder: a fresh copy per visit, earlier
ones removed unless someone has them open, so they never pile up."""

from __future__ import annotations

from pathlib import Path

from qms_desktop.storage.lock import LockHeld, WorkspaceLock


def remove_unused_demo_copies(folder: Path) -> list[Path]:
    """Delete the demo copies in `folder` that no window or process has open (their lock is
    free), with their lock and journal files; returns what was removed. Never raises for a
    file that cannot be removed: it is simply kept."""
    removed: list[Path] = []
    for copy in sorted(Path(folder).glob("demo-*.qms")):
        lock = WorkspaceLock(copy)
        try:
            lock.acquire()
        except (LockHeld, OSError):
            continue  # open somewhere: keep it
        try:
            for path in (copy, copy.with_name(copy.name + "-journal")):
                path.unlink(missing_ok=True)
            removed.append(copy)
        except OSError:
            continue
        finally:
            lock.release()
            lock.path.unlink(missing_ok=True)  # nobody holds it and the copy is gone
    return removed
