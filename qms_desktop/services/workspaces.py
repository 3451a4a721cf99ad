"""Creating, opening and checking workspaces."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qms_desktop.domain.errors import ValidationError, WorkspaceReadOnlyError
from qms_desktop.domain.messages import Message
from qms_desktop.domain.organisation import LANGUAGES, validate_profile_value
from qms_desktop.domain.requirements import LibraryRow
from qms_desktop.domain.steps import Step
from qms_desktop.services.identity import default_actor
from qms_desktop.storage.integrity import check_contents
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
        try:
            schema = ws.schema_problems()
            with ws.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                contents = check_contents(raw, _library_rows)
        except BaseException:
            pages.result()
            raise
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


def require_writable(ws: Workspace) -> None:
    if ws.read_only:
        if ws.read_only_message is not None:
            raise WorkspaceReadOnlyError("storage.read_only", reason=ws.read_only_message)
        raise WorkspaceReadOnlyError("storage.read_only_plain", name=shown(ws.path.name))
