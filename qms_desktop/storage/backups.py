"""Backup files of workspaces: consistent copies made with SQLite's online backup API and
named under their folder only when complete, read back (when, why, the audit head), and
the pieces of a restore — the editor's lock, a staged copy, the atomic replacement.

A backup is named `<UTC date>-<UTC time>Z-<reason>[-n].qms`, so the folder lists in time
order and tells what each file is without opening it. Backups are never written after
they are placed, so they are read with SQLite's `immutable` flag.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from qms_desktop.domain.audit import GENESIS_HASH
from qms_desktop.domain.errors import WorkspaceError
from qms_desktop.domain.messages import Message
from qms_desktop.fileio import flush_to_disk, sync_folder
from qms_desktop.storage.audit import AUDIT_HEAD_KEY
from qms_desktop.storage.lock import LockHeld, WorkspaceLock
from qms_desktop.storage.workspace import failure_reason, os_reason, sqlite_reason

SUFFIX = ".qms"
TEMP_SUFFIX = ".qms-new"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(\d{8}-\d{6})Z-([a-z]+(?:-[a-z]+)*?)(?:-(\d+))?\.qms$")
_REASON = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
BUSY_TIMEOUT_MS = 10_000
STEP_PAGES = 1024  # pages copied per step of the online backup (4 MB with 4 KB pages)
# Copies started again because the source changed between steps, before the copy is made in
# one step instead (holding the editor off for its length): a writer committing faster than
# the steps go must not keep the copy restarting for ever.
MAX_RESTARTS = 20


class _Restarting(Exception):
    """The stepwise copy kept starting again (see MAX_RESTARTS)."""


@dataclass(frozen=True)
class BackupFile:
    """A backup file found in a workspace's backup folder."""

    path: Path
    taken_at: dt.datetime  # UTC
    reason: str
    sequence: int  # 1, 2, … for backups made within the same second
    size: int


@dataclass(frozen=True)
class ChangesSince:
    """Audit entries in the current workspace after a backup's head."""

    entries: int
    latest_at: str | None
    latest_actor: str | None


# -- where backups live ----------------------------------------------------------


def folder_for(workspace: Path, root: Path) -> Path:
    """The folder under `root` holding the backups of the workspace at `workspace`: its
    name (for people) and a hash of its real path (so two `org.qms` files never mix)."""
    real = os.path.realpath(workspace)
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    stem = _UNSAFE.sub("_", Path(real).stem).strip(" .")[:40] or "workspace"
    return root / f"{stem}-{digest}"


def backup_name(taken_at: dt.datetime, reason: str, sequence: int = 1) -> str:
    if not _REASON.match(reason):
        raise ValueError(f"a backup reason is lower-case words joined by '-', not {reason!r}")
    stamp = taken_at.astimezone(dt.UTC).strftime(_STAMP)
    more = f"-{sequence}" if sequence > 1 else ""
    return f"{stamp}Z-{reason}{more}{SUFFIX}"


def parse_name(name: str) -> tuple[dt.datetime, str, int] | None:
    """(when, reason, sequence) of a backup file name, or None for any other file."""
    found = _NAME.match(name)
    if found is None:
        return None
    try:
        when = dt.datetime.strptime(found.group(1), _STAMP).replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return when, found.group(2), int(found.group(3) or 1)


def backup_files(folder: Path) -> list[BackupFile]:
    """The backups in `folder`, newest first (none when the folder does not exist).
    OSError when the folder cannot be read."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    found = []
    for entry in entries:
        parsed = parse_name(entry.name)
        if parsed is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            size = entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
        found.append(BackupFile(Path(entry.path), parsed[0], parsed[1], parsed[2], size))
    found.sort(key=lambda b: (b.taken_at, b.sequence), reverse=True)
    return found


def stale_temporary_files(folder: Path, older_than: dt.timedelta) -> list[Path]:
    """Temporary files a killed backup left in `folder`."""
    limit = dt.datetime.now().timestamp() - older_than.total_seconds()
    stale = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith(".backup-") and entry.name.endswith(
            (TEMP_SUFFIX, TEMP_SUFFIX + "-journal")
        ):
            try:
                if entry.stat(follow_symlinks=False).st_mtime < limit:
                    stale.append(Path(entry.path))
            except OSError:
                continue
    return stale


# -- reading ------------------------------------------------------------------------


def _ro_uri(path: Path, *, immutable: bool = False) -> str:
    absolute = os.path.abspath(path).replace(os.sep, "/")
    return "file:" + quote(absolute, safe="/:") + "?mode=ro" + ("&immutable=1" if immutable else "")


def _parse_head(raw: str) -> tuple[int, str]:
    count, _, last = raw.partition(" ")
    return int(count), last


def _head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute(
        "SELECT value FROM workspace_meta WHERE key = ?", (AUDIT_HEAD_KEY,)
    ).fetchone()
    return (0, GENESIS_HASH) if row is None else _parse_head(str(row[0]))


def read_audit_head(path: Path, *, immutable: bool = False) -> tuple[int, str] | None:
    """The audit chain's head (entry count, last hash) stored in a workspace or backup file;
    None when the file cannot be read. `immutable` for a file nobody writes (a backup)."""
    try:
        conn = sqlite3.connect(_ro_uri(path, immutable=immutable), uri=True)
    except sqlite3.Error:
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return _head(conn)
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()


def changes_since(
    workspace: Path, heads: Sequence[tuple[int, str] | None]
) -> list[ChangesSince | None]:
    """For each backup head, the audit entries the workspace holds after it, or None when
    the backup's state is not in the workspace's history (it was taken on a branch a restore
    went back from, or the workspace cannot be read)."""
    if not heads:
        return []
    try:
        conn = sqlite3.connect(_ro_uri(workspace), uri=True)
    except sqlite3.Error:
        return [None] * len(heads)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        count, _ = _head(conn)
        results: list[ChangesSince | None] = []
        for head in heads:
            if head is None or head[0] > count:
                results.append(None)
                continue
            if head[0] > 0:
                row = conn.execute(
                    "SELECT hash FROM audit_entry WHERE seq = ? ORDER BY id DESC LIMIT 1",
                    (head[0],),
                ).fetchone()
                if row is None or row[0] != head[1]:
                    results.append(None)
                    continue
            since = count - head[0]
            if since == 0:
                results.append(ChangesSince(0, None, None))
                continue
            latest = conn.execute(
                "SELECT at_utc, actor FROM audit_entry ORDER BY id DESC LIMIT 1"
            ).fetchone()
            results.append(
                ChangesSince(since, latest[0] if latest else None, latest[1] if latest else None)
            )
        return results
    except (sqlite3.Error, ValueError):
        return [None] * len(heads)
    finally:
        conn.close()


# -- writing ------------------------------------------------------------------------


def discard(tmp: Path) -> None:
    """Remove a temporary database and its journal, quietly."""
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        try:
            leftover.unlink()
        except OSError:
            pass


def online_copy(source: Path, target: Path, *, writable_source: bool = False) -> None:
    """Copy the database `source` into the (new or empty) file `target` with SQLite's
    online backup API. It copies a few megabytes per step and lets an editor's commit in
    between (a large workspace never holds an edit up for long); when the source changed
    between steps SQLite starts the copy again, so the result is always one committed state.

    `writable_source` for a file whose interrupted edit must be rolled back first (only
    under the editor's lock). Raises sqlite3.Error or OSError."""
    if writable_source:
        src = sqlite3.connect(os.fspath(source))
    else:
        src = sqlite3.connect(_ro_uri(source), uri=True)
    try:
        src.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        dst = sqlite3.connect(os.fspath(target))
        try:
            try:
                src.backup(dst, pages=STEP_PAGES, progress=_restart_counter(), sleep=0.01)
            except _Restarting:
                src.backup(dst, pages=-1)  # the whole database in one step: one committed state
        finally:
            dst.close()
    finally:
        src.close()
    flush_to_disk(target)


def _restart_counter() -> Callable[[int, int, int], None]:
    """A backup progress callback that raises _Restarting once SQLite has started the copy
    again MAX_RESTARTS times (the pages left grow when it starts again)."""
    left = -1
    restarts = 0

    def progress(_status: int, remaining: int, _total: int) -> None:
        nonlocal left, restarts
        if left >= 0 and remaining > left:
            restarts += 1
            if restarts >= MAX_RESTARTS:
                raise _Restarting
        left = remaining

    return progress


def _place(tmp: Path, folder: Path, taken_at: dt.datetime, reason: str) -> Path:
    """Give the finished `tmp` a backup name in `folder`, never replacing another backup."""
    sequence = 1
    while True:
        target = folder / backup_name(taken_at, reason, sequence)
        try:
            os.link(tmp, target)
        except FileExistsError:
            sequence += 1
            continue
        except OSError:
            # No hard links on this file system (FAT, exFAT, some network shares).
            if os.path.lexists(target):
                sequence += 1
                continue
            os.replace(tmp, target)
        else:
            tmp.unlink()
        sync_folder(folder)
        return target


def _new_temporary(folder: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=".backup-", suffix=TEMP_SUFFIX, dir=folder)
    os.close(fd)
    return Path(name)


def write_backup(
    source: Path, folder: Path, taken_at: dt.datetime, reason: str, *, writable_source: bool = False
) -> Path:
    """Make a backup of the workspace file `source` in `folder` (created when missing),
    built under a temporary name and named only when complete. Raises OSError or
    sqlite3.Error; nothing is left behind but (after a kill) a hidden temporary file."""
    backup_name(taken_at, reason)  # a bad reason is a bug: refuse before touching the disk
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _new_temporary(folder)
    try:
        online_copy(source, tmp, writable_source=writable_source)
        return _place(tmp, folder, taken_at, reason)
    except BaseException:
        discard(tmp)
        raise


def write_raw_backup(source: Path, folder: Path, taken_at: dt.datetime, reason: str) -> Path:
    """Copy the bytes of a file SQLite cannot read (damaged) into `folder`, with its rollback
    journal beside the copy when it has one, so that nothing of it is lost. Only for a file
    no one is writing (the caller holds the editor's lock)."""
    backup_name(taken_at, reason)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _new_temporary(folder)
    journal = source.with_name(source.name + "-journal")
    try:
        shutil.copyfile(source, tmp)
        flush_to_disk(tmp)
        target = _place(tmp, folder, taken_at, reason)
    except BaseException:
        discard(tmp)
        raise
    if journal.exists():
        kept = target.with_name(target.name + "-journal")
        shutil.copyfile(journal, kept)
        flush_to_disk(kept)
    return target


def is_damage(exc: BaseException) -> bool:
    """An SQLite error that says the file itself is damaged (or not a database)."""
    reason = sqlite_reason(exc)
    return reason is not None and reason.code == "storage.reason_damaged"


def reason_for(exc: BaseException) -> Message | str:
    """Why a disk or SQLite operation failed, in words for the user."""
    return failure_reason(exc) or str(exc)


# -- restoring ----------------------------------------------------------------------


@contextmanager
def editor_lock(real: Path, name: str) -> Iterator[None]:
    """Hold the workspace's editor lock for the block; refuse, naming who holds it, while
    another editor has the workspace open."""
    lock = WorkspaceLock(real)
    try:
        lock.acquire()
    except LockHeld as held:
        raise WorkspaceError("backups.being_edited", name=name, owner=held.owner) from None
    except OSError as exc:
        raise WorkspaceError("backups.lock_unavailable", name=name, reason=os_reason(exc)) from exc
    try:
        yield
    finally:
        lock.release()


def stage_copy(backup: Path, real: Path) -> Path:
    """A copy of `backup` under a temporary name beside the workspace `real` (the same disk,
    so that the final rename is atomic). Raises sqlite3.Error or OSError."""
    fd, name = tempfile.mkstemp(prefix=f".{real.stem}-", suffix=".qms-restore", dir=real.parent)
    os.close(fd)
    staged = Path(name)
    try:
        online_copy(backup, staged)
    except BaseException:
        discard(staged)
        raise
    return staged


def replace_workspace(real: Path, staged: Path) -> None:
    """Put the checked, staged file in the workspace's place in one rename. The caller holds
    the editor's lock, so no one is writing; a rollback journal left beside the old file is
    removed first, since SQLite would otherwise apply it to the restored one."""
    try:
        mode = stat.S_IMODE(real.stat().st_mode)
    except FileNotFoundError:
        mode = None
    if mode is not None:
        os.chmod(staged, mode | stat.S_IRUSR | stat.S_IWUSR)
    journal = real.with_name(real.name + "-journal")
    try:
        journal.unlink()
    except FileNotFoundError:
        pass
    os.replace(staged, real)
    sync_folder(real.parent)
