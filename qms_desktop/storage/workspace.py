"""The workspace file: one organisation in one SQLite file — create, inspect, open,
lock, migrate (after a backup), check, close.

Journal mode: the classic rollback journal (`DELETE`) with `synchronous=FULL`, not
WAL. A workspace is a single file that consultants copy, e-mail and carry on USB
sticks; in WAL mode recent commits live in a `-wal` sidecar until a checkpoint, so a
copy of the `.qms` file alone can silently miss them, and WAL's shared-memory index
does not work on network shares. With a rollback journal the main file is complete
after every commit, and a crash mid-write leaves a hot journal that SQLite rolls back
on the next open. The cost — readers wait while a write commits — is irrelevant with
one editor at a time.

Nothing is made by halves: a new workspace (and the demo) is built under a temporary
name beside its target and appears under its own name only when complete; so does the
backup copy made before a migration. Failures of the disk (full, read-only, permission)
become one clear WorkspaceError, never an SQL dump.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import struct
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from qms_desktop.domain.errors import WorkspaceError, WorkspaceReadOnlyError
from qms_desktop.domain.messages import Message
from qms_desktop.fileio import sync_folder
from qms_desktop.storage.audit import read_head, record_changes
from qms_desktop.storage.blobs import keep_used_blobs
from qms_desktop.storage.document_control import refuse_frozen_changes
from qms_desktop.storage.lock import LockHeld, WorkspaceLock
from qms_desktop.storage.signing import Signer, signer_for

APPLICATION_ID = 0x514D5344  # "QMSD"
SCHEMA_VERSION = 20
# Alembic revision → schema version written to PRAGMA user_version.
REVISION_VERSIONS = {
    "0001": 1,
    "0002": 2,
    "0003": 3,
    "0004": 4,
    "0005": 5,
    "0006": 6,
    "0007": 7,
    "0008": 8,
    "0009": 9,
    "0010": 10,
    "0011": 11,
    "0012": 12,
    "0013": 13,
    "0014": 14,
    "0015": 15,
    "0016": 16,
    "0017": 17,
    "0018": 18,
    "0019": 19,
    "0020": 20,
}
HEAD_REVISION = "0020"
SUFFIX = ".qms"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _foreign_objects(real: Path) -> list[Message]:
    """Triggers, views, tables and indexes QMS Desktop did not make (read from sqlite_master)."""
    from qms_desktop.storage.integrity import foreign_schema_objects

    conn = sqlite3.connect(f"{real.as_uri()}?mode=ro", uri=True)
    try:
        return foreign_schema_objects(conn)
    finally:
        conn.close()


class WorkspaceSession(Session):
    """Session class of workspaces: every flush is followed by its audit entries."""


event.listen(WorkspaceSession, "after_flush", record_changes)
event.listen(WorkspaceSession, "before_flush", keep_used_blobs)
event.listen(WorkspaceSession, "before_flush", refuse_frozen_changes)


# -- paths and the reasons a disk gives ---------------------------------------


def shown(path: Path | str) -> str:
    """A path as text that can always be printed: bytes that are not UTF-8 as \\xNN."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def require_text_path(path: Path) -> None:
    """Refuse a path whose name holds bytes that are not UTF-8 (SQLite, the settings and
    every message need the name as text)."""
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeError:
        raise WorkspaceError("storage.path_not_text", path=shown(path)) from None


def real_path(path: Path) -> Path:
    """The file a name leads to (symbolic links followed): what locks and journals belong to."""
    return Path(os.path.realpath(path))


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_ALLOWED = {errno.EACCES, errno.EPERM}


def os_reason(exc: OSError) -> Message:
    """Why an operating-system call failed, in words for the user."""
    if exc.errno in _DISK_FULL:
        return Message("storage.reason_disk_full")
    if exc.errno == errno.EROFS:
        return Message("storage.reason_read_only_place")
    if exc.errno in _NOT_ALLOWED:
        return Message("storage.reason_no_permission")
    if exc.errno == errno.ENAMETOOLONG:
        return Message("storage.reason_name_too_long")
    return Message("storage.reason_os", {"error": exc.strerror or str(exc)})


def sqlite_reason(exc: BaseException) -> Message | None:
    """Why SQLite failed, when it is the disk or the file rather than a bug; else None."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.Error):
        return None
    name = getattr(orig, "sqlite_errorname", "") or ""
    said = str(orig).lower()
    if name == "SQLITE_FULL" or "disk is full" in said:
        return Message("storage.reason_disk_full")
    if name.startswith("SQLITE_READONLY") or "readonly database" in said:
        return Message("storage.reason_not_writable")
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in said:
        return Message("storage.reason_io_error")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database" in said:
        return Message("storage.reason_cannot_open")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in said:
        return Message("storage.reason_damaged")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in said:
        return Message("storage.reason_busy")
    return None


def failure_reason(exc: BaseException) -> Message | None:
    """Why writing failed, for an OSError or an SQLite error the disk caused; else None."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    return sqlite_reason(exc)


# -- reading the header --------------------------------------------------------


@dataclass(frozen=True)
class FileFacts:
    """What the header of a workspace file says, read without opening it."""

    size: int
    page_size: int
    page_count: int
    application_id: int
    user_version: int


def read_header(path: Path, *, journal_pending: bool | None = None) -> FileFacts:
    """Read the file's SQLite header and refuse anything that is not a sound workspace
    of this version or older. Never writes.

    With `journal_pending` (a crashed editor left a hot journal; found out when not
    given), the size checks are skipped: the file is legitimately mid-transaction until
    SQLite rolls it back."""
    path = Path(path)
    require_text_path(path)
    if journal_pending is None:
        journal_pending = hot_journal(real_path(path))
    name = shown(path.name)
    if not path.exists():
        raise WorkspaceError("storage.no_such_file", path=shown(path))
    if path.is_dir():
        raise WorkspaceError("storage.is_folder", path=shown(path))
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise WorkspaceError(
            "storage.cannot_read", path=shown(path), reason=os_reason(exc)
        ) from exc
    if size == 0:
        raise WorkspaceError("storage.empty", name=name)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise WorkspaceError("storage.not_a_workspace", name=name)
    raw_page = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if raw_page == 1 else raw_page
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    user_version = struct.unpack(">I", header[60:64])[0]
    application_id = struct.unpack(">I", header[68:72])[0]
    if page_size < 512 or page_size & (page_size - 1):
        raise WorkspaceError("storage.bad_page_size", name=name)
    if application_id != APPLICATION_ID:
        raise WorkspaceError("storage.foreign_sqlite", name=name)
    if user_version > SCHEMA_VERSION:
        raise WorkspaceError(
            "storage.newer_format", name=name, version=user_version, supported=SCHEMA_VERSION
        )
    if journal_pending:
        return FileFacts(size, page_size, page_count, application_id, user_version)
    if valid_for == change_counter and size < page_size * page_count:
        raise WorkspaceError(
            "storage.truncated", name=name, size=size, expected=page_size * page_count
        )
    if size % page_size:
        raise WorkspaceError("storage.not_whole_pages", name=name)
    return FileFacts(size, page_size, page_count, application_id, user_version)


def hot_journal(path: Path) -> bool:
    """True when a rollback journal with content lies beside the (real) file: an edit was
    interrupted, or an editor is writing right now."""
    journal = path.with_name(path.name + "-journal")
    try:
        return journal.stat().st_size > 0
    except OSError:
        return False


def _ro_uri(path: Path) -> str:
    return "file:" + _quote(path) + "?mode=ro"


def _quote(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.resolve()).replace(os.sep, "/"), safe="/:")


def integrity_problems(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    rows = [r[0] for r in conn.execute(f"PRAGMA quick_check({limit})")]
    return [] if rows == ["ok"] else rows


def _interrupted(exc: sqlite3.Error) -> bool:
    """SQLite refused to read because a hot journal must be rolled back first."""
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK"


def _sqlite_problems_readonly(
    path: Path, name: str, pages: bool = True
) -> tuple[list[str], str | None]:
    """(integrity problems, Alembic revision) read through a read-only connection; with
    `pages` False, SQLite's quick check of the pages is left out."""
    try:
        conn = sqlite3.connect(_ro_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise WorkspaceError(
            "storage.cannot_open_db", name=name, reason=sqlite_reason(exc) or str(exc)
        ) from exc
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        problems = integrity_problems(conn) if pages else []
        revision = None
        if not problems:
            try:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            except sqlite3.Error:
                revision = None
        if revision is None and not pages:  # unreadable: damaged pages, or no revision
            problems = integrity_problems(conn)
        return problems, revision
    except sqlite3.DatabaseError as exc:
        if _interrupted(exc):
            raise WorkspaceError("storage.interrupted_edit", name=name) from exc
        return [str(exc)], None
    finally:
        conn.close()


def _verify(path: Path, name: str, pages: bool = True) -> str:
    """Refuse a damaged file or one of an unknown revision; return its Alembic revision."""
    problems, revision = _sqlite_problems_readonly(path, name, pages)
    if problems:
        raise WorkspaceError("storage.damaged", name=name, problem=problems[0])
    if revision is not None and revision not in REVISION_VERSIONS:
        raise WorkspaceError("storage.unknown_revision", name=name, revision=revision)
    if revision is None:
        raise WorkspaceError("storage.no_revision", name=name)
    return revision


def _roll_back_interrupted_edit(path: Path, name: str) -> None:
    """Let SQLite roll back the hot journal a killed editor left: any connection that may
    write does so on its first read. The caller holds the editor's lock."""
    try:
        conn = sqlite3.connect(os.fspath(path))
        try:
            conn.execute("PRAGMA busy_timeout=5000")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        reason = sqlite_reason(exc)
        if reason is None or reason.code == "storage.reason_damaged":
            raise WorkspaceError("storage.damaged", name=name, problem=str(exc)) from exc
        if _interrupted(exc):
            raise WorkspaceError("storage.interrupted_edit", name=name) from exc
        raise WorkspaceError("storage.cannot_open_db", name=name, reason=reason) from exc
    # A journal SQLite did not find "hot" (its header never reached the disk) may stay
    # behind; it holds nothing committed, and the complete checks apply from here on.


# -- write access ----------------------------------------------------------------


def probe_write_access(path: Path) -> tuple[str, OSError] | None:
    """None when this process may write the file and create files beside it (SQLite's
    journal); else ("file" or "folder", the error that says why). Changes nothing.

    Tried rather than asked (os.access): it is the only answer that is true for ACLs,
    immutable files, read-only mounts and the administrator alike."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as exc:
        return "file", exc
    os.close(fd)
    try:
        fd, probe = tempfile.mkstemp(prefix=".qms-probe-", dir=path.parent)
    except OSError as exc:
        return "folder", exc
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass
    return None


def _cannot_write(name: str, where: str, exc: OSError) -> Message:
    """Why a workspace is opened read-only when it cannot be written."""
    if exc.errno == errno.EROFS:
        return Message("storage.read_only_place", {"name": name})
    if exc.errno in _DISK_FULL:
        return Message("storage.disk_full_read_only", {"name": name})
    if exc.errno in _NOT_ALLOWED:
        if where == "file":
            return Message("storage.write_protected", {"name": name})
        return Message("storage.folder_not_writable", {"name": name})
    return Message("storage.cannot_write_read_only", {"name": name, "reason": os_reason(exc)})


def _take_lock(real: Path, name: str) -> tuple[WorkspaceLock | None, Message | None, bool]:
    """(the editor's lock, None, False) when this process may edit the file; else
    (None, why not, whether another editor holds it)."""
    lock = WorkspaceLock(real)
    try:
        lock.acquire()
    except LockHeld as held:
        return None, Message("storage.being_edited", {"name": name, "owner": held.owner}), True
    except OSError as exc:
        return None, _cannot_write(name, "folder", exc), False
    problem = probe_write_access(real)
    if problem is not None:
        lock.release()
        return None, _cannot_write(name, *problem), False
    return lock, None, False


# -- building files without leaving half of one ---------------------------------


def _discard(tmp: Path) -> None:
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        try:
            leftover.unlink()
        except OSError:
            pass


def _move_into_place(tmp: Path, target: Path) -> None:
    """Give the finished file `tmp` its name `target`, never replacing a file that
    appeared there meanwhile."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise WorkspaceError("storage.exists", path=shown(target)) from None
    except OSError:
        # No hard links on this file system (FAT, exFAT, some network shares).
        if os.path.lexists(target):
            raise WorkspaceError("storage.exists", path=shown(target)) from None
        os.replace(tmp, target)
    else:
        tmp.unlink()
    sync_folder(target.parent)


def _build_then_move(target: Path, build: Callable[[Path], None]) -> None:
    """Build a file under a temporary name beside `target` (so it is on the same disk and
    the rename is atomic), then move it into place. On any failure, or a kill, no file
    appears under `target`, and the temporary file is removed (a kill can leave only a
    hidden `.name-….qms-new`)."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".qms-new", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        build(tmp)
        _move_into_place(tmp, target)
    except BaseException:
        _discard(tmp)
        raise


def _create_error(path: Path, reason: Message) -> WorkspaceError:
    if reason.code == "storage.reason_disk_full":
        return WorkspaceError("storage.create_disk_full", path=shown(path))
    if reason.code in (
        "storage.reason_read_only_place",
        "storage.reason_no_permission",
        "storage.reason_not_writable",
    ):
        return WorkspaceError("storage.create_not_writable", path=shown(path), reason=reason)
    return WorkspaceError("storage.cannot_create", path=shown(path), reason=reason)


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    try:
        cur.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError:
        pass  # a read-only connection keeps whatever mode the file has
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _make_engine(path: Path, read_only: bool, *, transactional_ddl: bool = False) -> Engine:
    """An engine on the file. With `transactional_ddl` every transaction starts with an
    explicit BEGIN, so schema changes (a migration) commit or vanish as a whole; Python's
    sqlite3 would otherwise commit each CREATE/ALTER/DROP on its own."""

    def connect() -> sqlite3.Connection:
        if read_only:
            return sqlite3.connect(_ro_uri(path), uri=True, check_same_thread=False)
        conn = sqlite3.connect(os.fspath(path), check_same_thread=False)
        if transactional_ddl:
            conn.isolation_level = None
        return conn

    engine = create_engine("sqlite://", creator=connect)
    event.listen(engine, "connect", _set_pragmas)
    if transactional_ddl:
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


def _alembic_upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        version = SCHEMA_VERSION if target == "head" else REVISION_VERSIONS[target]
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version={version}")


def backup_copy(path: Path, label: str) -> Path:
    """Copy the workspace beside itself with SQLite's backup API; return the copy's path.
    The copy appears under its name only when complete."""
    path = real_path(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{label}-{stamp}{path.suffix}")
    n = 1
    while os.path.lexists(target):  # a second attempt within the same second keeps both copies
        n += 1
        target = path.with_name(f"{path.stem}.backup-{label}-{stamp}-{n}{path.suffix}")

    def copy(tmp: Path) -> None:
        src = sqlite3.connect(_ro_uri(path), uri=True)
        try:
            dst = sqlite3.connect(os.fspath(tmp))
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()

    try:
        _build_then_move(target, copy)
    except (OSError, sqlite3.Error) as exc:
        raise WorkspaceError(
            "storage.backup_failed", name=shown(path.name), reason=failure_reason(exc) or str(exc)
        ) from exc
    return target


class Workspace:
    """An open workspace. Build with `Workspace.create` or `Workspace.open`."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: WorkspaceLock | None,
        read_only: bool,
        read_only_message: Message | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.read_only = read_only
        self.read_only_message = read_only_message
        self._sessions = sessionmaker(bind=engine, class_=WorkspaceSession, expire_on_commit=False)
        self.backup_path: Path | None = None
        # Who signs the entries an actor writes: their key on this computer (made on first
        # use). None writes unsigned entries, as a workspace of an older schema must.
        self.signer_for: Callable[[str], Signer | None] | None = signer_for

    @property
    def read_only_reason(self) -> str:
        """Why the workspace is read-only (English; `read_only_text` for other languages),
        or "" when it is editable or was asked for read-only."""
        return self.read_only_text("en")

    def read_only_text(self, lang: str = "en") -> str:
        """Why the workspace is read-only in `lang` ("en" or "zh_CN"), or ""."""
        return self.read_only_message.text(lang) if self.read_only_message is not None else ""

    # -- opening -------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, *, revision: str = "head", fill: Callable[[Workspace], None] | None = None
    ) -> Workspace:
        """Make a new, migrated workspace at `path` (which must not exist), filled by
        `fill` (given the workspace, open for editing), and return it open.

        The file is built and filled under a temporary name beside the target and renamed
        into place when complete, so a failure or a kill never leaves a half-made
        workspace under its name. A full disk, a read-only folder and a name that is not
        text are one clear WorkspaceError.
        """
        path = Path(path)
        require_text_path(path)
        if os.path.lexists(path):
            raise WorkspaceError("storage.exists", path=shown(path))
        if not path.parent.is_dir():
            raise WorkspaceError("storage.no_folder", folder=shown(path.parent))

        def build(tmp: Path) -> None:
            engine = _make_engine(tmp, read_only=False, transactional_ddl=True)
            try:
                _alembic_upgrade(engine, revision)
                if fill is not None:
                    filling = cls(tmp, engine, None, False)
                    if revision != "head":
                        filling.signer_for = None  # an older schema has no signatures
                    fill(filling)
            finally:
                engine.dispose()

        try:
            _build_then_move(path, build)
        except WorkspaceError as exc:
            if exc.code != "storage.edit_not_saved":
                raise
            raise _create_error(path, exc.params["reason"]) from exc  # type: ignore[arg-type]
        except (OSError, DBAPIError, sqlite3.Error) as exc:
            reason = failure_reason(exc)
            if reason is None:
                raise
            raise _create_error(path, reason) from exc
        if revision != "head":
            old = cls(path, _make_engine(real_path(path), read_only=False), None, False)
            old.signer_for = None
            return old
        return cls.open(path)

    @classmethod
    def open(
        cls, path: Path, *, read_only: bool = False, full_check_follows: bool = False
    ) -> Workspace:
        """Open a workspace for editing, or read-only when asked or when it cannot be
        edited here (another process is editing it, the file or folder cannot be written,
        the disk is full): `read_only_message` then says why. Refuses foreign, damaged,
        truncated and newer files without changing a byte of them (and without leaving a
        lock file beside them); migrates an older file after a backup.

        An edit interrupted by a crash or a kill leaves a hot journal. It is rolled back
        first, under the editor's lock, even when read-only access was asked for (reading
        needs it); where it cannot be, the error says it will be rolled back when the
        workspace is next opened for editing."""
        path = Path(path)
        require_text_path(path)
        real = real_path(path)
        name = shown(path.name)
        hot = hot_journal(real)
        facts = read_header(path, journal_pending=hot)
        # `full_check_follows`: the caller (`check`) runs SQLite's full integrity check
        # next and refuses damaged pages itself, so the quick check is not run twice.
        pages = not full_check_follows
        revision = "" if hot else _verify(real, name, pages)
        lock: WorkspaceLock | None = None
        reason: Message | None = None
        held_elsewhere = False
        if not read_only or hot:
            lock, reason, held_elsewhere = _take_lock(real, name)
        try:
            if hot:
                if lock is not None:
                    _roll_back_interrupted_edit(real, name)
                    facts = read_header(path, journal_pending=False)
                elif not held_elsewhere:
                    raise WorkspaceError("storage.interrupted_edit", name=name)
                # else the journal belongs to an editor at work: SQLite lets readers wait.
                revision = _verify(real, name, pages)
            if read_only:
                reason = None
                if lock is not None:
                    lock.release()  # it was taken to roll back, not to edit
                    lock = None
            return cls._open_verified(path, real, facts, revision, lock, lock is None, reason)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _open_verified(
        cls,
        path: Path,
        real: Path,
        facts: FileFacts,
        revision: str,
        lock: WorkspaceLock | None,
        read_only: bool,
        reason: Message | None,
    ) -> Workspace:
        name = shown(path.name)
        backup: Path | None = None
        if facts.user_version < SCHEMA_VERSION or revision != HEAD_REVISION:
            if read_only:
                if reason is None:
                    raise WorkspaceError("storage.upgrade_needs_write_plain", name=name)
                raise WorkspaceError("storage.upgrade_needs_write", name=name, reason=reason)
            backup = backup_copy(real, f"v{facts.user_version}")
            engine = _make_engine(real, read_only=False, transactional_ddl=True)
            try:
                _alembic_upgrade(engine)
            except (OSError, DBAPIError, sqlite3.Error) as exc:
                why = failure_reason(exc)
                if why is None:
                    raise
                raise WorkspaceError(
                    "storage.upgrade_failed", name=name, reason=why, backup=shown(backup.name)
                ) from exc
            finally:
                engine.dispose()
        if not read_only:
            foreign = _foreign_objects(real)
            if foreign:  # a trigger could rewrite every edit behind the trail's back
                if lock is not None:
                    lock.release()
                    lock = None
                read_only, reason = True, Message("storage.foreign_objects", {"objects": foreign})
        ws = cls(path, _make_engine(real, read_only), lock, read_only, reason)
        ws.backup_path = backup
        return ws

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions ------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading; anything it changes is thrown away."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def editing(self, actor: str) -> Iterator[Session]:
        """A session whose changes are committed (with their audit entries) at the end
        of the block, or rolled back entirely if it raises."""
        if self.read_only:
            if self.read_only_message is not None:
                raise WorkspaceReadOnlyError("storage.read_only", reason=self.read_only_message)
            raise WorkspaceReadOnlyError("storage.read_only_plain", name=shown(self.path.name))
        if not actor.strip():
            raise WorkspaceError("storage.needs_actor")
        session = self._sessions()
        session.info["actor"] = actor
        signer = self.signer_for(actor) if self.signer_for is not None else None
        if signer is not None:
            session.info["signer"] = signer
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            # A full disk, a file that became read-only, an I/O error: one sentence, not SQL.
            reason = sqlite_reason(exc) if isinstance(exc, DBAPIError) else None
            if reason is not None:
                raise WorkspaceError(
                    "storage.edit_not_saved", name=shown(self.path.name), reason=reason
                ) from exc
            raise
        finally:
            session.close()

    # -- checks --------------------------------------------------------------

    def audit_head(self) -> tuple[int, str]:
        with self.reading() as s:
            return read_head(s)

    def schema_problems(self) -> list[str]:
        """Differences between the file's schema and the models (empty when sound).

        A file whose tables, columns (declared type, NOT NULL, primary key), indexes,
        unique constraints and foreign keys are exactly those the models declare is sound
        without asking Alembic, whose import and comparison cost ~0.2 s of every `check`.
        Anything else — a difference, or a detail this comparison does not know how to
        read — is described by Alembic's comparison, as before."""
        from qms_desktop.storage.models import Base

        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            if schema_shape(raw) == model_shape(Base.metadata):
                diffs: list[Any] = []
            else:
                from alembic.autogenerate import compare_metadata
                from alembic.migration import MigrationContext

                ctx = MigrationContext.configure(conn, opts={"render_as_batch": True})
                diffs = compare_metadata(ctx, Base.metadata)
            version = conn.exec_driver_sql("PRAGMA user_version").scalar()
            app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
        problems = [f"schema differs from this version: {d!r}" for d in diffs]
        if version != SCHEMA_VERSION:
            problems.append(f"workspace format is {version}, expected {SCHEMA_VERSION}")
        if app_id != APPLICATION_ID:
            problems.append("the file does not identify itself as a QMS Desktop workspace")
        return problems

    def integrity_problems(self) -> list[str]:
        with self.engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check(50)"))]
        return [] if rows == ["ok"] else rows

    def full_integrity_problems(self) -> list[str]:
        """`integrity_problems`, for a workspace opened with `full_check_follows`: refuses
        what opening refuses without it (WorkspaceError "storage.damaged": pages SQLite's
        quick check finds damaged, or cannot read) and returns the rest (an index out of
        step with its table)."""
        name = shown(self.path.name)
        try:
            problems = self.integrity_problems()
            if not problems:
                return []
            with self.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                damaged = integrity_problems(raw)
        except (DBAPIError, sqlite3.DatabaseError) as exc:
            problem = str(getattr(exc, "orig", None) or exc)
            raise WorkspaceError("storage.damaged", name=name, problem=problem) from exc
        if damaged:
            raise WorkspaceError("storage.damaged", name=name, problem=damaged[0])
        return problems


# -- the schema's shape, compared without Alembic ------------------------------------------

_Shape = dict[str, tuple[frozenset[Any], ...]]


def schema_shape(conn: sqlite3.Connection) -> _Shape:
    """Each table of the file (but SQLite's and Alembic's own): its columns (name, declared
    type, NOT NULL, primary key), indexes (name, unique, columns), unique constraints
    (columns) and foreign keys (columns, table, its columns, ON DELETE)."""
    shape: _Shape = {}
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%'"
        " ESCAPE '\\' AND name != 'alembic_version'"
    ).fetchall()
    for (table,) in tables:
        quoted = '"' + str(table).replace('"', '""') + '"'
        columns = frozenset(
            (name, str(kind).upper(), bool(notnull), bool(pk))
            for _, name, kind, notnull, _, pk in conn.execute(f"PRAGMA table_info({quoted})")
        )
        indexes: set[tuple[Any, ...]] = set()
        uniques: set[tuple[Any, ...]] = set()
        for _, name, unique, origin, partial in conn.execute(f"PRAGMA index_list({quoted})"):
            quoted_index = '"' + str(name).replace('"', '""') + '"'
            names = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({quoted_index})"))
            if origin == "c":
                indexes.add((name, bool(unique), names, bool(partial)))
            elif origin == "u":
                uniques.add(names)
        keys: dict[int, list[Any]] = {}
        for key, _, target, source, column, _, on_delete, _ in conn.execute(
            f"PRAGMA foreign_key_list({quoted})"
        ):
            entry = keys.setdefault(key, [(), target, (), str(on_delete).upper()])
            entry[0] += (source,)
            entry[2] += (column,)
        shape[str(table)] = (
            columns,
            frozenset(indexes),
            frozenset(uniques),
            frozenset(tuple(k) for k in keys.values()),
        )
    return shape


_MODEL_SHAPES: dict[MetaData, _Shape] = {}


def model_shape(metadata: MetaData) -> _Shape:
    """`schema_shape` of the file the models would create (types as SQLite's dialect writes
    them), computed once per metadata."""
    cached = _MODEL_SHAPES.get(metadata)
    if cached is not None:
        return cached
    from sqlalchemy import UniqueConstraint
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    shape: _Shape = {}
    for table in metadata.tables.values():
        columns = frozenset(
            (c.name, str(c.type.compile(dialect=dialect)).upper(), not c.nullable, c.primary_key)
            for c in table.columns
        )
        indexes = frozenset(
            (ix.name, bool(ix.unique), tuple(c.name for c in ix.columns), False)
            for ix in table.indexes
        )
        uniques = frozenset(
            tuple(c.name for c in uc.columns)
            for uc in table.constraints
            if isinstance(uc, UniqueConstraint)
        )
        keys = frozenset(
            (
                tuple(e.parent.name for e in fk.elements),
                fk.referred_table.name,
                tuple(e.column.name for e in fk.elements),
                (fk.ondelete or "NO ACTION").upper(),
            )
            for fk in table.foreign_key_constraints
        )
        shape[table.name] = (columns, indexes, uniques, keys)
    _MODEL_SHAPES[metadata] = shape
    return shape
