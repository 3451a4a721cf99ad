"""The internal audit programme (ISO 9001 9.2): the checks an audit record gets beyond its own
fields (independence from the Allocate roles, status reached only by starting or completing),
starting an audit (its checklist drawn from the requirements in scope, one transaction) and
undoing that, completing it, its findings, the year's programme, and the audit report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_desktop.domain import audits as rules
from qms_desktop.domain.assessment import Grade, ItemAssessment, Status
from qms_desktop.domain.errors import QmsError, ValidationError, WorkspaceError
from qms_desktop.domain.messages import Message
from qms_desktop.domain.registers import REGISTERS
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.models import (
    AssessmentItemRecord,
    AssessmentRecord,
    InternalAuditRecord,
    LibraryRecord,
    PersonRecord,
    ProcessRecord,
    ResponsibilityRecord,
    RoleRecord,
)
from qms_desktop.storage.workspace import Workspace

KEY = "internal_audit"
STARTED = ("in_progress", "completed")


def _changes() -> ChangeSet:
    return ChangeSet(
        steps=frozenset({REGISTERS[KEY].step.value}), registers=frozenset({KEY}), checklist=True
    )


# -- the checks the register service makes of every audit record written --------------------


def _names(s: Session) -> dict[int, str]:
    return {i: n for i, n in s.execute(select(PersonRecord.id, PersonRecord.name))}


def _process_facts(s: Session, process_id: int | None) -> rules.ProcessFacts | None:
    if process_id is None:
        return None
    process = s.get(ProcessRecord, process_id)
    if process is None:
        return None
    appointees = {i: p for i, p in s.execute(select(RoleRecord.id, RoleRecord.appointee))}
    cells = s.execute(
        select(
            ResponsibilityRecord.role, ResponsibilityRecord.process, ResponsibilityRecord.assignment
        ).where(ResponsibilityRecord.process == process_id)
    ).all()
    owners = rules.process_owners(process_id, [(c[0], c[1], c[2]) for c in cells], appointees)
    return rules.ProcessFacts(process.name, owners, process.owner or "")


def _titles(s: Session) -> dict[int, set[str]]:
    titles: dict[int, set[str]] = {}
    for person, title in s.execute(select(RoleRecord.appointee, RoleRecord.title)):
        if person is not None:
            titles.setdefault(person, set()).add(title)
    return titles


def check_audit_in(s: Session, cleaned: dict[str, Any], record_id: int | None) -> None:
    """An audit record as it is about to be stored: its status changes to in progress or
    completed only by starting or completing it, never back to planned once started; its
    auditors are independent of the work audited unless the override says why."""
    row = s.get(InternalAuditRecord, record_id) if record_id is not None else None
    stored = row.status if row is not None else None
    started = row is not None and row.assessment_id is not None
    new = cleaned["status"]
    if new != stored and (new in STARTED or (new == "planned" and started)):
        raise ValidationError("status", "audit.status_by_action")
    facts = _process_facts(s, cleaned["process"])
    breaches = rules.independence_breaches(
        [cleaned["lead_auditor"], *cleaned["auditors"]],
        cleaned["auditee"],
        facts,
        _names(s),
        _titles(s),
    )
    rules.check_independence(
        breaches,
        str(cleaned["independence_override"]),
        _names(s),
        facts.name if facts is not None else "",
    )


def audit_uses(s: Session, record_id: int) -> list[Message]:
    """What keeps an audit from being deleted: its checklist, once started (cancel it)."""
    row = s.get(InternalAuditRecord, record_id)
    if row is not None and row.assessment_id is not None:
        return [Message("audit.used_by_checklist", {})]
    return []


# -- starting and completing -----------------------------------------------------------------


@dataclass(frozen=True)
class AuditStart:
    """What starting an audit did, so it can be undone and redone."""

    audit_id: int
    assessment_id: int
    status_before: str


def _audit(s: Session, audit_id: int) -> InternalAuditRecord:
    row = s.get(InternalAuditRecord, audit_id)
    if row is None:
        raise WorkspaceError("audit.no_such_audit")
    return row


def audit_scope(s: Session, row: InternalAuditRecord) -> tuple[str, ...]:
    """The clauses in the audit's scope: those written on the audit, else those its process
    names in its requirements. Refused when there are none."""
    clauses = rules.scope_clauses(row.clauses)
    if clauses:
        return clauses
    if row.process is None:
        raise ValidationError("clauses", "audit.no_scope", title=row.title)
    process = s.get(ProcessRecord, row.process)
    clauses = rules.scope_clauses(process.requirements if process is not None else "")
    if not clauses:
        name = process.name if process is not None else ""
        raise ValidationError(
            "clauses", "audit.process_names_no_clauses", title=row.title, process=name
        )
    return clauses


def _checklist_libraries(s: Session) -> list[str]:
    """The libraries the organisation's checklist uses: those of its latest assessment, else
    every library the workspace holds."""
    latest = s.scalar(
        select(AssessmentRecord.library_ids)
        .where(~AssessmentRecord.id.in_(_audit_checklists(s)))
        .order_by(AssessmentRecord.held_on.desc(), AssessmentRecord.id.desc())
    )
    held = list(s.scalars(select(LibraryRecord.id).order_by(LibraryRecord.id)))
    wanted = [lib for lib in str(latest or "").split() if lib in held]
    return wanted or held


def _audit_checklists(s: Session) -> list[int]:
    return [
        i
        for i in s.scalars(select(InternalAuditRecord.assessment_id))
        if i is not None  # not started
    ]


def start_audit(
    ws: Workspace,
    actor: str,
    audit_id: int,
    *,
    library_ids: list[str] | None = None,
    today: dt.date | None = None,
) -> tuple[AuditStart, ChangeSet]:
    """Start a planned audit: its checklist (an assessment over the requirements in its scope
    only) is made, linked to the audit and the audit put in progress, in one transaction."""
    from qms_desktop.services.checklist import create_assessment

    with ws.editing(actor) as s:
        row = _audit(s, audit_id)
        if row.status == "cancelled":
            raise QmsError("audit.cancelled", title=row.title)
        if row.assessment_id is not None or row.status in STARTED:
            raise QmsError("audit.already_started", title=row.title)
        scope = audit_scope(s, row)
        libraries = library_ids or _checklist_libraries(s)
        if not libraries:
            raise QmsError("audit.no_library")
        day = row.held_on or today or dt.date.today()
        info, _ = create_assessment(
            ws,
            actor,
            row.title,
            day,
            libraries,
            audit_date=row.planned_on,
            notes=row.clauses,
            scope=scope,
            within=s,
        )
        before = row.status
        row.assessment_id = info.id
        row.status = "in_progress"
        s.flush()
        done = AuditStart(audit_id, info.id, before)
    return done, _changes()


def undo_start(ws: Workspace, actor: str, done: AuditStart) -> tuple[Any, ChangeSet]:
    """Undo `start_audit`: the checklist is taken away (its snapshot returned for redo) and
    the audit is planned again, in one transaction."""
    from qms_desktop.services.checklist import delete_assessment

    with ws.editing(actor) as s:
        row = _audit(s, done.audit_id)
        row.assessment_id = None
        row.status = done.status_before
        s.flush()
        snapshot, _ = delete_assessment(ws, actor, done.assessment_id, within=s)
    return snapshot, _changes()


def redo_start(ws: Workspace, actor: str, done: AuditStart, snapshot: Any) -> ChangeSet:
    """Redo `start_audit` with the checklist it made (same ids, same findings)."""
    from qms_desktop.services.checklist import restore_assessment

    with ws.editing(actor) as s:
        row = _audit(s, done.audit_id)
        if row.assessment_id is not None:
            raise QmsError("audit.already_started", title=row.title)
        restore_assessment(ws, actor, snapshot, within=s)
        row.assessment_id = done.assessment_id
        row.status = "in_progress"
        s.flush()
    return _changes()


def _items(s: Session, assessment_id: int) -> list[ItemAssessment]:
    from qms_desktop.services.checklist import _to_item

    rows = s.scalars(
        select(AssessmentItemRecord)
        .where(AssessmentItemRecord.assessment_id == assessment_id)
        .order_by(AssessmentItemRecord.id)
    )
    return [_to_item(r) for r in rows]


def complete_audit(
    ws: Workspace,
    actor: str,
    audit_id: int,
    held_on: dt.date,
    summary: str | None = None,
) -> tuple[dict[str, object], ChangeSet]:
    """Complete a started audit on the day it was held (not in the future): refused while a
    nonconforming finding has no grade. Returns the fields as they were, for undo."""
    with ws.editing(actor) as s:
        row = _audit(s, audit_id)
        if row.status == "completed":
            raise QmsError("audit.already_completed", title=row.title)
        if row.status == "cancelled":
            raise QmsError("audit.cancelled", title=row.title)
        if row.assessment_id is None:
            raise QmsError("audit.not_started", title=row.title)
        if held_on > dt.date.today():
            raise ValidationError("held_on", "audit.held_in_future", date=held_on.isoformat())
        rules.check_completable(row.title, _items(s, row.assessment_id))
        before: dict[str, object] = {"status": row.status, "held_on": row.held_on}
        row.status = "completed"
        row.held_on = held_on
        if summary is not None:
            before["summary"] = row.summary
            row.summary = summary
        s.flush()
    return before, _changes()


def reopen_audit(ws: Workspace, actor: str, audit_id: int, before: dict[str, object]) -> ChangeSet:
    """Undo `complete_audit`: the fields as they were."""
    with ws.editing(actor) as s:
        row = _audit(s, audit_id)
        for name, value in before.items():
            setattr(row, name, value)
        s.flush()
    return _changes()


def redo_complete(
    ws: Workspace, actor: str, audit_id: int, held_on: dt.date, summary: str | None
) -> ChangeSet:
    return complete_audit(ws, actor, audit_id, held_on, summary)[1]


def record_audit(
    ws: Workspace,
    actor: str,
    audit_id: int,
    findings: dict[str, dict[str, object]],
    held_on: dt.date | None = None,
    summary: str | None = None,
) -> ChangeSet:
    """Run an audit as a whole, for records made elsewhere (the demo, an import of a paper
    audit): start it, set its findings by requirement ref (`status`, `grade`,
    `evidence_notes`, `gap`…), and complete it when `held_on` is given. Each part is its own
    transaction, checked as the GUI's would be; a ref outside the scope is refused."""
    from qms_desktop.services.checklist import apply_assessments

    start, changes = start_audit(ws, actor, audit_id)
    items = {f.ref: i for i, f in audit_items(ws, audit_id)}
    unknown = sorted(set(findings) - set(items))
    if unknown:
        undo_start(ws, actor, start)
        raise ValidationError("clauses", "audit.finding_out_of_scope", ref=unknown[0])
    if findings:
        changes = (
            changes
            | apply_assessments(
                ws, actor, [(items[ref], dict(values)) for ref, values in findings.items()]
            )[1]
        )
    if held_on is not None:
        changes = changes | complete_audit(ws, actor, audit_id, held_on, summary)[1]
    return changes


# -- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditInfo:
    """An audit as the programme and its findings show it."""

    id: int
    title: str
    planned_on: dt.date
    held_on: dt.date | None
    status: str
    assessment_id: int | None
    process: str
    clauses: str


def audit_info(ws: Workspace, audit_id: int) -> AuditInfo:
    with ws.reading() as s:
        row = _audit(s, audit_id)
        process = s.get(ProcessRecord, row.process) if row.process is not None else None
        return AuditInfo(
            row.id,
            row.title,
            row.planned_on,
            row.held_on,
            row.status,
            row.assessment_id,
            process.name if process is not None else "",
            row.clauses,
        )


def programme(ws: Workspace, year: int) -> list[AuditInfo]:
    """The year's audits (planned in it), in date order."""
    with ws.reading() as s:
        processes = {i: n for i, n in s.execute(select(ProcessRecord.id, ProcessRecord.name))}
        rows = s.scalars(
            select(InternalAuditRecord)
            .where(
                InternalAuditRecord.planned_on >= dt.date(year, 1, 1),
                InternalAuditRecord.planned_on <= dt.date(year, 12, 31),
            )
            .order_by(InternalAuditRecord.planned_on, InternalAuditRecord.id)
        )
        return [
            AuditInfo(
                r.id,
                r.title,
                r.planned_on,
                r.held_on,
                r.status,
                r.assessment_id,
                processes.get(r.process, "") if r.process is not None else "",
                r.clauses,
            )
            for r in rows
        ]


def audit_items(ws: Workspace, audit_id: int) -> list[tuple[int, ItemAssessment]]:
    """The audit's findings: (item id, finding) of its checklist, in checklist order."""
    with ws.reading() as s:
        row = _audit(s, audit_id)
        if row.assessment_id is None:
            return []
        rows = s.scalars(
            select(AssessmentItemRecord)
            .where(AssessmentItemRecord.assessment_id == row.assessment_id)
            .order_by(AssessmentItemRecord.id)
        )
        from qms_desktop.services.checklist import _to_item

        return [(r.id, _to_item(r)) for r in rows]


def nonconformities_raised(ws: Workspace, audit_id: int) -> dict[int, int]:
    """The audit's findings raised as nonconformities: item id -> nonconformity id."""
    from qms_desktop.storage.models import NonconformityRecord as Nc

    with ws.reading() as s:
        row = _audit(s, audit_id)
        if row.assessment_id is None:
            return {}
        items = select(AssessmentItemRecord.id).where(
            AssessmentItemRecord.assessment_id == row.assessment_id
        )
        rows = s.execute(select(Nc.assessment_item, Nc.id).where(Nc.assessment_item.in_(items)))
        return {item: nc for item, nc in rows if item is not None}


def graded_count(items: list[ItemAssessment]) -> dict[str, int]:
    """How many findings of each report grade (by the grade's stored value)."""
    by = rules.findings_by_grade(items)
    return {g.value: len(by[g]) for g in rules.REPORT_GRADES}


def is_finding(item: ItemAssessment) -> bool:
    return item.status in (Status.NONCONFORMING, Status.PARTIAL) or item.grade is not Grade.NONE
