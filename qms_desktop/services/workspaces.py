"""Creating, opening and checking workspaces."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from qms_desktop.domain.audit import verify_chain
from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.organisation import LANGUAGES, validate_profile_value
from qms_desktop.domain.steps import Step
from qms_desktop.services.identity import default_actor
from qms_desktop.storage.audit import all_entries, read_head
from qms_desktop.storage.models import MetaRecord, Organisation, StepRecord
from qms_desktop.storage.workspace import Workspace, read_header


def create_workspace(path: Path, org_name: str, *, lang: str = "en", actor: str | None = None) -> Workspace:
    """Create a workspace for a new organisation and return it open for editing."""
    validate_profile_value("name", org_name)
    if lang not in LANGUAGES:
        raise ValidationError("lang", f"Unknown language {lang!r}; use one of {', '.join(LANGUAGES)}.")
    path = Path(path)
    ws = Workspace.create(path)
    try:
        with ws.editing(actor or default_actor()) as s:
            s.add(Organisation(id=1, name=org_name, default_language=lang, short_name="", address="",
                               scope="", services="", sites="", industry="", doc_prefix="",
                               management_representative=""))
            for step in Step:
                s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
            from qms_desktop import __version__

            s.add(MetaRecord(key="created_by_version", value=__version__))
    except BaseException:
        ws.close()
        path.unlink(missing_ok=True)
        raise
    return ws


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

    Opens read-only and never changes the file. Raises WorkspaceError when the file
    cannot be opened at all (foreign, truncated, newer)."""
    path = Path(path)
    read_header(path)
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
        raise WorkspaceError(ws.read_only_reason or f"{ws.path.name} is open read-only.")
