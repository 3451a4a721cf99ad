"""Creating, opening and checking workspaces."""

from __future__ import annotations

import hashlib
import marshal
import os
import sqlite3
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from qms_desktop.domain.errors import ValidationError, WorkspaceReadOnlyError
from qms_desktop.domain.messages import Message
from qms_desktop.domain.organisation import LANGUAGES, validate_profile_value
from qms_desktop.domain.requirements import LibraryRow
from qms_desktop.domain.steps import Step
from qms_desktop.services.identity import default_actor
from qms_desktop.storage.integrity import check_contents, start_second_process
from qms_desktop.storage.models import MetaRecord, Organisation, StepRecord
from qms_desktop.storage.workspace import Workspace, shown


def create_workspace(
    path: Path,
    org_name: str,
    *,
    lang: str = "en",
    actor: str | None = None,
    fill: Callable[[Workspace], None] | None = None,
) -> Workspace:
    """Create a workspace for a new organisation and return it open for editing.

    `fill` adds more records (the demo) before the file appears under its name: the
    workspace is built under a temporary name, so a failure or a kill never leaves a
    half-made one behind."""
    validate_profile_value("name", org_name)
    if lang not in LANGUAGES:
        raise ValidationError("lang", "core.bad_language")
    who = actor or default_actor()

    def populate(ws: Workspace) -> None:
        with ws.editing(who) as s:
            s.add(
                Organisation(
                    id=1,
                    name=org_name,
                    default_language=lang,
                    short_name="",
                    address="",
                    scope="",
                    services="",
                    sites="",
                    industry="",
                    doc_prefix="",
                    management_representative="",
                )
            )
            for step in Step:
                s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
            from qms_desktop import __version__

            s.add(MetaRecord(key="created_by_version", value=__version__))
        if fill is not None:
            fill(ws)

    return Workspace.create(Path(path), fill=populate)


def open_workspace(path: Path, *, read_only: bool = False) -> Workspace:
    return Workspace.open(Path(path), read_only=read_only)


@dataclass(frozen=True)
class CheckReport:
    """What `check_workspace` found. `findings` are problems, each naming the record;
    `notes` say what could not be verified (not problems)."""

    path: Path
    findings: tuple[Message, ...]
    audit_entries: int
    notes: tuple[Message, ...] = ()

    @property
    def sound(self) -> bool:
        return not self.findings

    @property
    def problems(self) -> tuple[str, ...]:
        """The findings in English (for logs and scripts)."""
        return self.problem_texts("en")

    def problem_texts(self, lang: str = "en") -> tuple[str, ...]:
        return tuple(m.text(lang) for m in self.findings)

    def note_texts(self, lang: str = "en") -> tuple[str, ...]:
        return tuple(m.text(lang) for m in self.notes)


def check_workspace(path: Path) -> CheckReport:
    """Integrity check: database pages and schema; the audit trail's hash chain; every
    audited record against the trail's last word on it (changed, added, deleted or put back
    behind the trail's back); triggers, views, tables and indexes the app did not make;
    references; requirements against the library text recorded when it was added; evidence
    contents against their SHA-256 (see storage/integrity.py).

    Opens read-only and changes nothing — except that an edit interrupted by a crash is
    rolled back first, as opening for editing would (under the editor's lock), so the
    check sees the last committed state. Raises WorkspaceError when the file cannot be
    opened at all (foreign, truncated, newer, an interrupted edit that cannot be rolled
    back here)."""
    path = Path(path)
    # Opening runs SQLite's quick check of the pages, which the full check here covers
    # (10⁶ entries: 0.2 s each); the full check refuses what opening would have refused.
    ws = Workspace.open(path, read_only=True, full_check_follows=True)
    try:
        # SQLite's check of the pages runs in a thread of its own while the rest is
        # checked (SQLite releases Python's lock for it: 10⁶ entries, 0.4 s). Its refusal
        # of a damaged file stands before anything the rest found or raised, as when it
        # ran first.
        pages = _InThread(ws.full_integrity_problems)
        libraries = _LibrariesBeside.start(ws) if _trail_length(ws) >= _BESIDE_FROM else None
        try:
            schema = ws.schema_problems()
            with ws.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                contents = check_contents(raw, libraries.rows if libraries else _library_rows)
        except BaseException:
            pages.result()
            raise
        finally:
            if libraries is not None:
                libraries.close()
        findings = [Message("storage.check_database", {"detail": p}) for p in pages.result()]
        findings += [Message("storage.check_schema", {"detail": p}) for p in schema]
        return CheckReport(
            path, (*findings, *contents.findings), contents.audit_entries, contents.notes
        )
    finally:
        ws.close()


class _InThread:
    """A call run in a thread; `result` waits for it and returns or raises what it did."""

    def __init__(self, call: Callable[[], list[str]]) -> None:
        self._call = call
        self._value: list[str] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="qms-check-pages", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._call()
        except BaseException as exc:  # raised again by result(), in the caller's thread
            self._error = exc

    def result(self) -> list[str]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def _library_rows(content: str) -> tuple[LibraryRow, ...]:
    """A library's stored YAML text read back into its rows (LibraryError when it cannot be)."""
    from qms_desktop.libraries import load_library_text

    return load_library_text(content, "library").rows


# The libraries' texts as the file stores them, read back into rows by a second Python
# process while this one checks the trail (10⁴ requirements in four libraries: ~0.4 s of
# YAML, a tenth of `check` at 10⁶ entries and most of it at 10⁴). It writes, marshalled,
# {SHA-256 of a text: its rows as tuples} for the texts it could read.
_LIBRARIES_SCRIPT = """\
import gc, hashlib, marshal, sqlite3, sys
gc.disable()
from dataclasses import astuple
from qms_desktop.domain.errors import QmsError
from qms_desktop.libraries import load_library_text
conn = sqlite3.connect(sys.argv[1], uri=True, timeout=0)
read = {}
for (content,) in conn.execute("SELECT content FROM library"):
    if isinstance(content, str):
        key = hashlib.sha256(content.encode("utf-8")).hexdigest()
        try:
            read[key] = [astuple(r) for r in load_library_text(content, "library").rows]
        except QmsError:
            pass
sys.stdout.buffer.write(marshal.dumps(read))
"""
# Whether the libraries may be read beside the check (tests turn it off), and from how
# long a trail: with a short one there is nothing to do here meanwhile, and starting the
# second process costs more than it saves (10⁴ entries: +0.1 s).
_BESIDE = True
_BESIDE_FROM = 100_000
_BESIDE_WAIT = 120.0  # seconds: a second process that takes longer is not waited for


def _trail_length(ws: Workspace) -> int:
    """About how many entries the trail holds (its last row id; 0 when it cannot be read)."""
    try:
        with ws.engine.connect() as conn:
            last = conn.exec_driver_sql("SELECT max(id) FROM audit_entry").scalar()
    except DBAPIError:  # a damaged schema: the check itself reports it
        return 0
    return last if isinstance(last, int) else 0


class _LibrariesBeside:
    """`_library_rows` for `check_contents`, answered from the second process's reading
    when it read the very same text (compared by SHA-256), else read here — so a text it
    could not read, or that differs from the stored one (the trail's own record of a
    library), is read and refused here exactly as before."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self._proc: subprocess.Popen[bytes] | None = proc
        self._read: dict[str, tuple[LibraryRow, ...]] | None = None

    @classmethod
    def start(cls, ws: Workspace) -> _LibrariesBeside | None:
        """The second process for the workspace's file, or None where there is none to
        start (a bundled app, whose executable is not Python)."""
        if not _BESIDE:
            return None
        from qms_desktop.paths import CODE_ROOT

        root = str(CODE_ROOT)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
        uri = Path(ws.path).resolve().as_uri() + "?mode=ro"
        proc = start_second_process(["-c", _LIBRARIES_SCRIPT, uri], text=False, env=env)
        return None if proc is None else cls(proc)

    def rows(self, content: str) -> tuple[LibraryRow, ...]:
        if self._read is None:
            self._read = self._collect()
        key = hashlib.sha256(content.encode("utf-8", "surrogateescape")).hexdigest()
        read = self._read.get(key)
        return read if read is not None else _library_rows(content)

    def _collect(self) -> dict[str, tuple[LibraryRow, ...]]:
        proc, self._proc = self._proc, None
        if proc is None:
            return {}
        try:
            out, _ = proc.communicate(timeout=_BESIDE_WAIT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return {}
        if proc.returncode != 0:
            return {}
        try:
            read = marshal.loads(out)
            return {key: tuple(LibraryRow(*r) for r in rows) for key, rows in read.items()}
        except (EOFError, ValueError, TypeError):
            return {}

    def close(self) -> None:
        if self._proc is not None:
            proc, self._proc = self._proc, None
            if proc.poll() is None:
                proc.kill()
            proc.communicate()


def require_writable(ws: Workspace) -> None:
    if ws.read_only:
        if ws.read_only_message is not None:
            raise WorkspaceReadOnlyError("storage.read_only", reason=ws.read_only_message)
        raise WorkspaceReadOnlyError("storage.read_only_plain", name=shown(ws.path.name))
