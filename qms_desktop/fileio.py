"""Writing output files safely: to a temporary file beside the target, flushed to the disk,
then one rename, so a reader never sees half a file, a failure leaves nothing behind and a
power cut after the rename cannot leave an empty file under the target's name."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _read_umask() -> int:
    mask = os.umask(0o022)  # read once, at import (single-threaded), and put back at once
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` and move the result into place; OSError propagates after cleanup.
    The file gets the permissions any new file of the user gets (the temporary file starts
    private, 0600, as mkstemp makes it)."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if os.name != "nt":
            os.chmod(tmp, 0o666 & ~_UMASK)
        flush_to_disk(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def flush_to_disk(path: Path) -> None:
    """Make the file's content durable before it is renamed into place (some file systems
    would otherwise write the rename first)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); a folder cannot be opened for that on
    Windows, and a file system that refuses it is left to its own guarantees."""
    if os.name == "nt":  # pragma: no cover
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
