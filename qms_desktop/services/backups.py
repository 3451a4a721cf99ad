"""Automatic backups of each workspace in the user-data folder, and restoring one.

Backups go to `<user data>/backups/<name>-<hash of the real path>/`; a backup is skipped
when the audit chain's head has not moved since the newest one, and after each new one
the retention rule (`domain.backups`) decides which to keep. A restore first backs up the
current file, so that it can itself be undone, checks the backup, and replaces the
workspace in one rename while holding the editor's lock.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from qms_desktop.domain.backups import DEFAULT_POLICY, BackupStamp, RetentionPolicy, backups_to_keep
from qms_desktop.domain.errors import WorkspaceError
from qms_desktop.services.workspaces import CheckReport, check_workspace
from qms_desktop.storage.backups import (
    BackupFile,
    backup_files,
    changes_since,
    discard,
    editor_lock,
    folder_for,
    is_damage,
    parse_name,
    read_audit_head,
    reason_for,
    replace_workspace,
    stage_copy,
    stale_temporary_files,
    write_backup,
    write_raw_backup,
)
from qms_desktop.storage.lock import lock_path_for
from qms_desktop.storage.workspace import (
    Workspace,
    hot_journal,
    read_header,
    real_path,
    require_text_path,
    shown,
)

REASONS = ("open", "auto", "manual", "before-restore", "damaged-before-restore")
DEFAULT_EVERY_MINUTES = 10
_STALE_TEMPORARY = dt.timedelta(days=1)


@dataclass(frozen=True)
class BackupInfo:
    """One backup of a workspace, as a list shows it."""

    number: int  # 1 = the newest; `qms-desktop backup restore WORKSPACE NUMBER` takes it
    path: Path
    taken_at: dt.datetime  # UTC
    reason: str  # one of REASONS
    size: int  # bytes
    audit_entries: int | None  # the audit head's count in the backup (None: it cannot be read)
    audit_head: str | None
    # Audit entries the current workspace holds after this backup; None when the backup's
    # state is not in the workspace's history (taken before a restore went further back)
    # or the workspace cannot be read.
    entries_since: int | None
    latest_change_at: str | None  # the newest of those entries: when (UTC, ISO 8601) …
    latest_change_actor: str | None  # … and who


@dataclass(frozen=True)
class RestoreReport:
    workspace: Path
    restored_from: Path
    safety_copy: Path | None  # the workspace as it was before the restore (None: there was no file)
    audit_entries: int  # in the restored workspace


def backups_root() -> Path:
    from qms_desktop.paths import user_data_dir

    return user_data_dir() / "backups"


def backup_folder(path: Path) -> Path:
    """Where the backups of the workspace at `path` are kept."""
    return folder_for(Path(path), backups_root())


def _now(now: dt.datetime | None) -> dt.datetime:
    return dt.datetime.now(dt.UTC) if now is None else now.astimezone(dt.UTC)


def _files(path: Path) -> list[BackupFile]:
    folder = backup_folder(path)
    try:
        return backup_files(folder)
    except OSError as exc:
        raise WorkspaceError(
            "backups.cannot_list",
            name=shown(Path(path).name),
            folder=shown(folder),
            reason=reason_for(exc),
        ) from exc


def _infos(path: Path, files: list[BackupFile], first_number: int = 1) -> list[BackupInfo]:
    heads = [read_audit_head(f.path, immutable=True) for f in files]
    since = changes_since(real_path(Path(path)), heads)
    return [
        BackupInfo(
            number=first_number + i,
            path=f.path,
            taken_at=f.taken_at,
            reason=f.reason,
            size=f.size,
            audit_entries=head[0] if head else None,
            audit_head=head[1] if head else None,
            entries_since=s.entries if s else None,
            latest_change_at=s.latest_at if s else None,
            latest_change_actor=s.latest_actor if s else None,
        )
        for i, (f, head, s) in enumerate(zip(files, heads, since, strict=True))
    ]


def _made(path: Path) -> BackupFile:
    parsed = parse_name(path.name)
    assert parsed is not None, path
    return BackupFile(path, parsed[0], parsed[1], parsed[2], path.stat().st_size)


# -- making backups -------------------------------------------------------------------


def backup_now(
    ws: Workspace, reason: str = "manual", *, now: dt.datetime | None = None
) -> BackupInfo | None:
    """Back up the open workspace now, unless nothing changed since its newest backup (same
    audit head): then None. Afterwards old backups are pruned by the retention rule.

    The copy is made with SQLite's online backup API through a separate read connection,
    so it is one committed state even while edits go on. A disk that is full or cannot be
    written is one WorkspaceError("backups.backup_failed"); the workspace is never touched."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    when = _now(now)
    real = real_path(ws.path)
    folder = backup_folder(ws.path)
    files = _files(ws.path)
    current = read_audit_head(real)
    if files and current is not None and read_audit_head(files[0].path, immutable=True) == current:
        return None
    try:
        made = write_backup(real, folder, when, reason)
    except (OSError, sqlite3.Error) as exc:
        raise WorkspaceError(
            "backups.backup_failed",
            name=shown(ws.path.name),
            folder=shown(folder),
            reason=reason_for(exc),
        ) from exc
    prune_backups(ws.path, now=when)
    return _infos(ws.path, [_made(made)])[0]


def maybe_backup(
    ws: Workspace, every_minutes: float = DEFAULT_EVERY_MINUTES, *, now: dt.datetime | None = None
) -> BackupInfo | None:
    """The GUI's call after edits and on a timer: a backup when the newest is at least
    `every_minutes` old and something changed since; else None (cheap: one folder listing,
    and two small reads when due). Nothing for a workspace open read-only — its editor
    backs it up."""
    if ws.read_only:
        return None
    when = _now(now)
    files = _files(ws.path)
    if files:
        age = when - files[0].taken_at
        # A newest backup "in the future" means the clock was put back: do not wait for it.
        if dt.timedelta(0) <= age < dt.timedelta(minutes=every_minutes):
            return None
    return backup_now(ws, "auto", now=when)


def backup_on_open(ws: Workspace, *, now: dt.datetime | None = None) -> BackupInfo | None:
    """A backup when a workspace is opened for editing (skipped when unchanged since the
    newest one, or when it is open read-only)."""
    if ws.read_only:
        return None
    return backup_now(ws, "open", now=now)


def prune_backups(
    path: Path, *, now: dt.datetime | None = None, policy: RetentionPolicy = DEFAULT_POLICY
) -> list[Path]:
    """Delete the backups of the workspace at `path` that the retention rule does not keep
    (judged in the user's time zone) and what killed backups left behind; return those
    deleted. A file that cannot be deleted now is left for the next time."""
    when = _now(now)
    folder = backup_folder(path)
    try:
        files = backup_files(folder)
    except OSError:
        return []
    stamps = [BackupStamp(str(f.path), f.taken_at.astimezone(), f.size) for f in files]
    keep = backups_to_keep(stamps, when.astimezone(), policy)
    removed = []
    for f in files:
        if str(f.path) in keep:
            continue
        try:
            f.path.unlink()
        except OSError:
            continue
        removed.append(f.path)
        try:
            f.path.with_name(f.path.name + "-journal").unlink()
        except OSError:
            pass
    for leftover in stale_temporary_files(folder, _STALE_TEMPORARY):
        try:
            leftover.unlink()
        except OSError:
            pass
    return removed


# -- listing --------------------------------------------------------------------------


def list_backups(path: Path) -> list[BackupInfo]:
    """The backups of the workspace at `path`, newest first, each with what changed since
    (read from the current file; works while it is open elsewhere, and when it is damaged
    or gone — then `entries_since` is None)."""
    return _infos(Path(path), _files(Path(path)))


def find_backup(path: Path, which: str) -> Path:
    """A backup named by the user: a file, or the number `list_backups` gives (1 = newest)."""
    candidate = Path(which)
    if os.path.lexists(candidate) or not which.strip().isdigit():
        return candidate
    number = int(which)
    files = _files(Path(path))
    if not 1 <= number <= len(files):
        raise WorkspaceError(
            "backups.no_backup_number", name=shown(Path(path).name), number=number, count=len(files)
        )
    return files[number - 1].path


# -- restoring ------------------------------------------------------------------------


def restore_backup(
    path: Path, backup: Path | str | BackupInfo, *, now: dt.datetime | None = None
) -> RestoreReport:
    """Replace the workspace at `path` with a backup.

    The backup is checked first (a damaged, foreign or newer one is refused and nothing
    changes); then, under the editor's lock (refused, naming who, while anyone has the
    workspace open for editing — the GUI closes it first), the current file is backed up
    (reason "before-restore", so the restore can be undone by restoring that), and the
    checked copy takes the workspace's place in one rename. An older-format backup is
    brought up to date on the way. The restored file passes `check_workspace`."""
    path = Path(path)
    require_text_path(path)
    real = real_path(path)
    name = shown(path.name)
    source = backup.path if isinstance(backup, BackupInfo) else Path(backup)
    label = shown(source.name)
    if not source.is_file():
        raise WorkspaceError("backups.no_such_backup", path=shown(source))
    if os.path.realpath(source) == os.path.realpath(real):
        raise WorkspaceError("backups.is_the_workspace", name=name)
    if not real.parent.is_dir():
        raise WorkspaceError("storage.no_folder", folder=shown(real.parent))
    try:
        read_header(source)
    except WorkspaceError as exc:
        raise WorkspaceError(
            "backups.unusable_backup", backup=label, name=name, problem=exc.message
        ) from exc
    when = _now(now)
    with editor_lock(real, name):
        try:
            staged = stage_copy(source, real)
        except (OSError, sqlite3.Error) as exc:
            if is_damage(exc):
                raise WorkspaceError(
                    "backups.damaged_backup", backup=label, name=name, problem=reason_for(exc)
                ) from exc
            raise WorkspaceError(
                "backups.restore_failed", name=name, backup=label, reason=reason_for(exc)
            ) from exc
        try:
            _require_sound(staged, label, name)
            safety = _safety_copy(real, name, when)
            try:
                replace_workspace(real, staged)
            except OSError as exc:
                raise WorkspaceError(
                    "backups.restore_failed", name=name, backup=label, reason=reason_for(exc)
                ) from exc
        except BaseException:
            discard(staged)
            raise
        report = check_workspace(path)
        if not report.sound:
            raise WorkspaceError(
                "backups.restored_unsound",
                name=name,
                problem=_first_problem(report),
                safety=shown(safety) if safety else "-",
            )
    return RestoreReport(path, source, safety, report.audit_entries)


def _require_sound(staged: Path, label: str, name: str) -> None:
    """Refuse a staged copy `check_workspace` does not pass (an older format is brought up
    to date first, as opening it would)."""
    try:
        report = check_workspace(staged)
    except WorkspaceError as exc:
        if exc.code != "storage.upgrade_needs_write_plain":
            raise WorkspaceError(
                "backups.damaged_backup", backup=label, name=name, problem=exc.message
            ) from exc
        _upgrade(staged, label, name)
        report = check_workspace(staged)
    if not report.sound:
        raise WorkspaceError(
            "backups.damaged_backup", backup=label, name=name, problem=_first_problem(report)
        )


def _first_problem(report: CheckReport) -> object:
    """The first thing `check_workspace` found (a sentence in the reader's language)."""
    return report.findings[0]


def _upgrade(staged: Path, label: str, name: str) -> None:
    made: Path | None = None
    try:
        ws = Workspace.open(staged)
        made = ws.backup_path
        ws.close()
    except WorkspaceError as exc:
        raise WorkspaceError(
            "backups.damaged_backup", backup=label, name=name, problem=exc.message
        ) from exc
    finally:
        # Opening left a lock file and a pre-upgrade copy beside the staged file: not wanted.
        for leftover in (lock_path_for(staged), made):
            if leftover is not None:
                try:
                    leftover.unlink()
                except OSError:
                    pass


def _safety_copy(real: Path, name: str, when: dt.datetime) -> Path | None:
    """Back up the workspace as it is before a restore; a file SQLite cannot read is
    copied byte for byte (with its journal), so nothing of it is lost."""
    if not real.exists():
        return None
    folder = backup_folder(real)
    try:
        return write_backup(real, folder, when, "before-restore", writable_source=hot_journal(real))
    except (OSError, sqlite3.Error) as exc:
        if not is_damage(exc):
            raise WorkspaceError(
                "backups.safety_copy_failed", name=name, reason=reason_for(exc)
            ) from exc
    try:
        return write_raw_backup(real, folder, when, "damaged-before-restore")
    except OSError as exc:
        raise WorkspaceError(
            "backups.safety_copy_failed", name=name, reason=reason_for(exc)
        ) from exc
