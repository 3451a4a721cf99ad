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
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from qms_desktop.domain.errors import WorkspaceError, WorkspaceReadOnlyError
from qms_desktop.storage.audit import read_head, record_changes
from qms_desktop.storage.lock import LockHeld, WorkspaceLock

APPLICATION_ID = 0x514D5344  # "QMSD"
SCHEMA_VERSION = 4
# Alembic revision → schema version written to PRAGMA user_version.
REVISION_VERSIONS = {"0001": 1, "0002": 2, "0003": 3, "0004": 4}
HEAD_REVISION = "0004"
SUFFIX = ".qms"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class WorkspaceSession(Session):
    """Session class of workspaces: every flush is followed by its audit entries."""


event.listen(WorkspaceSession, "after_flush", record_changes)


@dataclass(frozen=True)
class FileFacts:
    """What the header of a workspace file says, read without opening it."""

    size: int
    page_size: int
    page_count: int
    application_id: int
    user_version: int


def read_header(path: Path, *, journal_pending: bool = False) -> FileFacts:
    """Read the file's SQLite header and refuse anything that is not a sound workspace
    of this version or older. Never writes.

    With `journal_pending` (a crashed editor left a hot journal), the size checks are
    skipped: the file is legitimately mid-transaction until SQLite rolls it back."""
    name = path.name
    if not path.exists():
        raise WorkspaceError(f"{path}: no such file.")
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a workspace file.")
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise WorkspaceError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if size == 0:
        raise WorkspaceError(f"{name} is empty: it is not a QMS Desktop workspace.")
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise WorkspaceError(
            f"{name} is not a QMS Desktop workspace (it is not an SQLite database, or its "
            "first bytes are damaged). The file was left untouched."
        )
    raw_page = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if raw_page == 1 else raw_page
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    user_version = struct.unpack(">I", header[60:64])[0]
    application_id = struct.unpack(">I", header[68:72])[0]
    if page_size < 512 or page_size & (page_size - 1):
        raise WorkspaceError(f"{name} is damaged (its header gives an impossible page size).")
    if application_id != APPLICATION_ID:
        raise WorkspaceError(
            f"{name} is an SQLite database made by another program, not a QMS Desktop "
            "workspace. The file was left untouched."
        )
    if user_version > SCHEMA_VERSION:
        raise WorkspaceError(
            f"{name} was made by a newer version of QMS Desktop (workspace format "
            f"{user_version}; this version reads up to {SCHEMA_VERSION}). Update QMS Desktop "
            "to open it. The file was left untouched."
        )
    if journal_pending:
        return FileFacts(size, page_size, page_count, application_id, user_version)
    if valid_for == change_counter and size < page_size * page_count:
        raise WorkspaceError(
            f"{name} is truncated: it holds {size:,} bytes of the {page_size * page_count:,} its "
            "header announces, so it was probably copied incompletely. Restore it from a "
            "backup. The file was left untouched."
        )
    if size % page_size:
        raise WorkspaceError(f"{name} is damaged: its size is not a whole number of pages.")
    return FileFacts(size, page_size, page_count, application_id, user_version)


def _hot_journal(path: Path) -> bool:
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def _ro_uri(path: Path) -> str:
    return "file:" + _quote(path) + "?mode=ro"


def _quote(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.resolve()).replace(os.sep, "/"), safe="/:")


def integrity_problems(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    rows = [r[0] for r in conn.execute(f"PRAGMA quick_check({limit})")]
    return [] if rows == ["ok"] else rows


def _sqlite_problems_readonly(path: Path) -> tuple[list[str], str | None]:
    """(integrity problems, Alembic revision) read through a read-only connection."""
    try:
        conn = sqlite3.connect(_ro_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise WorkspaceError(f"{path.name} cannot be opened: {exc}.") from exc
    try:
        problems = integrity_problems(conn)
        revision = None
        if not problems:
            try:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            except sqlite3.Error:
                revision = None
        return problems, revision
    except sqlite3.DatabaseError as exc:
        return [str(exc)], None
    finally:
        conn.close()


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


def _make_engine(path: Path, read_only: bool) -> Engine:
    def connect() -> sqlite3.Connection:
        if read_only:
            return sqlite3.connect(_ro_uri(path), uri=True, check_same_thread=False)
        return sqlite3.connect(str(path), check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect)
    event.listen(engine, "connect", _set_pragmas)
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
    """Copy the workspace beside itself with SQLite's backup API; return the copy's path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{label}-{stamp}{path.suffix}")
    src = sqlite3.connect(_ro_uri(path), uri=True)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


class Workspace:
    """An open workspace. Build with `Workspace.create` or `Workspace.open`."""

    def __init__(self, path: Path, engine: Engine, lock: WorkspaceLock | None, read_only: bool,
                 read_only_reason: str = "") -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self._sessions = sessionmaker(bind=engine, class_=WorkspaceSession, expire_on_commit=False)
        self.backup_path: Path | None = None

    # -- opening -------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, *, revision: str = "head") -> Workspace:
        """Make a new, empty, migrated workspace at `path` (which must not exist).

        The file is built under a temporary name beside the target and renamed into
        place when complete, so a failure never leaves a half-made workspace.
        """
        path = Path(path)
        if path.exists():
            raise WorkspaceError(f"{path} already exists; choose another name or open it.")
        if not path.parent.is_dir():
            raise WorkspaceError(f"The folder {path.parent} does not exist.")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".qms-new", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()
            engine = _make_engine(tmp, read_only=False)
            _alembic_upgrade(engine, revision)
            engine.dispose()
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise WorkspaceError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        if revision != "head":
            return cls(path, _make_engine(path, read_only=False), None, False)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Workspace:
        """Open a workspace for editing, or read-only when asked or when another
        process is editing it. Refuses foreign, damaged, truncated and newer files
        without changing a byte of them; migrates an older file after a backup."""
        path = Path(path)
        facts = read_header(path, journal_pending=_hot_journal(path))
        lock: WorkspaceLock | None = None
        reason = ""
        if not read_only:
            lock = WorkspaceLock(path)
            try:
                lock.acquire()
            except LockHeld as held:
                lock = None
                read_only = True
                reason = f"{path.name} is being edited by {held.owner}; it is open read-only."
            except OSError:
                # A read-only folder or medium: we can still read.
                lock = None
                read_only = True
                reason = f"{path.name} is on a medium that cannot be written; it is open read-only."
        try:
            return cls._open_checked(path, facts, lock, read_only, reason)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def _open_checked(cls, path: Path, facts: FileFacts, lock: WorkspaceLock | None,
                      read_only: bool, reason: str) -> Workspace:
        if lock is not None and _hot_journal(path):
            # A crashed editor left a transaction half-done: let SQLite roll it back
            # (we hold the editor's lock, so nobody else is mid-write).
            conn = sqlite3.connect(str(path))
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise WorkspaceError(f"{path.name} is damaged: {exc}.") from exc
            conn.close()
            # A journal SQLite did not find "hot" (its header never reached the disk)
            # may stay behind; it holds nothing committed, and the checks below apply.
            facts = read_header(path)  # now the complete checks
        problems, revision = _sqlite_problems_readonly(path)
        if problems:
            raise WorkspaceError(
                f"{path.name} is damaged ({problems[0]}). Restore it from a backup. "
                "The file was left untouched."
            )
        if revision is not None and revision not in REVISION_VERSIONS:
            raise WorkspaceError(
                f"{path.name} has a schema revision ({revision}) this version of QMS Desktop "
                "does not know; it was probably made by a newer version. The file was left untouched."
            )
        if revision is None:
            raise WorkspaceError(f"{path.name} is damaged: it carries no schema revision.")
        backup: Path | None = None
        if facts.user_version < SCHEMA_VERSION or revision != HEAD_REVISION:
            if read_only:
                raise WorkspaceError(
                    f"{path.name} was made by an older version and must be upgraded, which "
                    "needs write access. " + reason
                )
            backup = backup_copy(path, f"v{facts.user_version}")
            engine = _make_engine(path, read_only=False)
            _alembic_upgrade(engine)
            engine.dispose()
        ws = cls(path, _make_engine(path, read_only), lock, read_only, reason)
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
            raise WorkspaceReadOnlyError(self.read_only_reason or f"{self.path.name} is open read-only.")
        if not actor.strip():
            raise WorkspaceError("Every change needs a user name for the audit trail.")
        session = self._sessions()
        session.info["actor"] = actor
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # -- checks --------------------------------------------------------------

    def audit_head(self) -> tuple[int, str]:
        with self.reading() as s:
            return read_head(s)

    def schema_problems(self) -> list[str]:
        """Differences between the file's schema and the models (empty when sound)."""
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        from qms_desktop.storage.models import Base

        with self.engine.connect() as conn:
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
