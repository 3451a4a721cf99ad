"""Creating, opening and checking workspaces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from qms_desktop.domain.audit import verify_chain
from qms_desktop.domain.errors import ValidationError, WorkspaceReadOnlyError
from qms_desktop.domain.organisation import LANGUAGES, validate_profile_value
from qms_desktop.domain.steps import Step
from qms_desktop.services.identity import default_actor
from qms_desktop.storage.audit import all_entries, read_head
from qms_desktop.storage.models import MetaRecord, Organisation, StepRecord
from qms_desktop.storage.workspace import Workspace, shown


def create_workspace(path: Path, org_name: str, *, lang: str = "en", actor: str | None = None,
                     fill: Callable[[Workspace], None] | None = None) -> Workspace:
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
            s.add(Organisation(id=1, name=org_name, default_language=lang, short_name="", address="",
                               scope="", services="", sites="", industry="", doc_prefix="",
                               management_representative=""))
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
    path: Path
    problems: tuple[str, ...]
    audit_entries: int

    @property
    def sound(self) -> bool:
        return not self.problems


def check_workspace(path: Path) -> CheckReport:
    """Integrity check: database pages, schema, and the audit trail's hash chain.

    Opens read-only and changes nothing — except that an edit interrupted by a crash is
    rolled back first, as opening for editing would (under the editor's lock), so the
    check sees the last committed state. Raises WorkspaceError when the file cannot be
    opened at all (foreign, truncated, newer, an interrupted edit that cannot be rolled
    back here)."""
    path = Path(path)
    ws = Workspace.open(path, read_only=True)
    try:
        problems: list[str] = []
        problems += [f"database: {p}" for p in ws.integrity_problems()]
        problems += ws.schema_problems()
        with ws.reading() as s:
            entries = all_entries(s)
            head = read_head(s) if s.get(MetaRecord, "audit_head") is not None else None
            if s.get(Organisation, 1) is None:
                problems.append("the organisation profile is missing")
            missing = {st.value for st in Step} - {r.step for r in s.query(StepRecord)}
            if missing:
                problems.append(f"step records missing: {', '.join(sorted(missing))}")
            problems += _evidence_problems(s)
        problems += [f"audit trail: {p.message}" for p in verify_chain(entries, head)]
        return CheckReport(path, tuple(problems), len(entries))
    finally:
        ws.close()


def _evidence_problems(session: Session) -> list[str]:
    """Every stored evidence file still matches the SHA-256 it was stored under."""
    import hashlib

    from sqlalchemy import select

    from qms_desktop.storage.models import BlobRecord, EvidenceFileRecord

    problems = []
    for digest, data in session.execute(select(BlobRecord.sha256, BlobRecord.data)):
        if hashlib.sha256(data).hexdigest() != digest:
            names = [n for (n,) in session.execute(
                select(EvidenceFileRecord.name).where(EvidenceFileRecord.sha256 == digest))]
            problems.append(f"evidence file {', '.join(names) or digest[:12]} was altered after it was attached")
    return problems


def require_writable(ws: Workspace) -> None:
    if ws.read_only:
        if ws.read_only_message is not None:
            raise WorkspaceReadOnlyError("storage.read_only", reason=ws.read_only_message)
        raise WorkspaceReadOnlyError("storage.read_only_plain", name=shown(ws.path.name))
