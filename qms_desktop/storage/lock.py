"""An exclusive, crash-safe lock that marks one process as the workspace's editor.

The lock lives in a sidecar file (`<workspace>.lock`) locked with the operating
system's advisory lock, so a crashed editor's lock vanishes with its process and
never has to be broken by hand.

The sidecar file is never deleted, only unlocked. Deleting it on release would let a
process that had already opened it lock the orphaned file while a third process creates
a fresh one and locks that: two "exclusive" editors at once. The lock is keyed on the
workspace's real path, so a symbolic link to a file being edited finds the same lock.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from pathlib import Path

from qms_desktop.domain.messages import Message


class LockHeld(Exception):
    """Another process holds the lock; `owner` says who, in the reader's language."""

    def __init__(self, owner: Message) -> None:
        super().__init__(owner.text("en"))
        self.owner = owner


def lock_path_for(workspace: Path) -> Path:
    """The sidecar lock file of `workspace`, beside the real file its name leads to."""
    real = Path(os.path.realpath(workspace))
    return real.with_name(real.name + ".lock")


def _describe_owner(raw: str) -> Message:
    try:
        info = json.loads(raw)
        return Message(
            "storage.owner",
            {"user": str(info["user"]), "host": str(info["host"]), "pid": str(info["pid"])},
        )
    except (ValueError, KeyError, TypeError):
        return Message("storage.another_window")


class WorkspaceLock:
    def __init__(self, workspace: Path) -> None:
        self.path = lock_path_for(workspace)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise LockHeld naming who holds it; OSError when the lock file
        can be neither made nor opened."""
        writable = True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except PermissionError as refused:
            # Another user's lock file in a shared folder: locking needs only read access.
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except OSError:
                raise refused from None
            writable = False
        try:
            _lock_fd(fd)
        except OSError:
            try:
                raw = (
                    os.pread(fd, 4096, 0).decode("utf-8", "replace") if hasattr(os, "pread") else ""
                )
            finally:
                os.close(fd)
            raise LockHeld(_describe_owner(raw)) from None
        self._fd = fd
        if not writable:
            return
        try:
            user = getpass.getuser()
        except Exception:  # noqa: BLE001 - no account name is not an error here
            user = "unknown"
        info = json.dumps({"user": user, "host": socket.gethostname(), "pid": os.getpid()})
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, info.encode())
        except OSError:
            pass  # a full disk: the lock holds all the same; others see "another window"

    def release(self) -> None:
        """Unlock and close; the file stays (see the module docstring for why)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock_fd(fd)
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
