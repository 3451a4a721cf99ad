"""Nonconformities and corrective actions, the one action list: raised from an audit finding
or checklist gap, a complaint, a management review or anything else (one transaction each,
written through the audit trail); verification of effectiveness; a lesson drawn from one;
what is overdue, for the dashboard."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from qms_desktop.domain import actions as act
from qms_desktop.domain.assessment import Grade, Status
from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.messages import Message
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import REGISTERS, validate_record
from qms_desktop.services.changes import ChangeSet
from qms_desktop.services.registers import add_record, list_records, update_record
from qms_desktop.storage.models import (
    REGISTER_MODELS,
    AssessmentItemRecord,
    AssessmentRecord,
    ComplaintRecord,
    LessonRecord,
    NonconformityRecord,
    PersonRecord,
)
from qms_desktop.storage.workspace import Workspace

KEY = "nonconformity"
Values = dict[str, object]

# findings that raise a nonconformity: a gap, or a graded finding short of good practice
_GAP_STATUSES = (Status.PARTIAL.value, Status.NONCONFORMING.value)
_FINDING_GRADES = (Grade.MAJOR.value, Grade.MINOR.value, Grade.OBSERVATION.value, Grade.OFI.value)
# what kind of lesson a nonconformity's source makes (domain.registers.LESSON_SOURCES)
_LESSON_SOURCE = {
    "audit_finding": "audit",
    "checklist_gap": "audit",
    "complaint": "complaint",
    "management_review": "earlier_quality_activity",
    "other": "incident",
}


def _today() -> dt.date:
    return dt.date.today()


def _not_after_today(day: dt.date | None) -> dt.date:
    today = _today()
    return today if day is None or day > today else day


# -- raising ---------------------------------------------------------------------------------


def raise_nonconformity(ws: Workspace, actor: str, values: Values) -> tuple[Record, ChangeSet]:
    """A nonconformity from anything else (source "other" unless said): raised today, open,
    unless `values` say otherwise."""
    start: Values = {"raised_on": _today(), "source": "other", "status": "open"}
    return add_record(ws, actor, KEY, {**start, **values})


def audit_assessments(s: object) -> set[int]:
    """The assessments that are internal audits' checklists (their items are audit
    findings), when the internal-audit register exists."""
    model = REGISTER_MODELS.get("internal_audit")
    column = getattr(model, "assessment_id", None)
    if model is None or column is None:
        return set()
    return {i for i in s.scalars(select(column).where(column.is_not(None)))}  # type: ignore[attr-defined]


def raise_from_item(
    ws: Workspace, actor: str, item_id: int, values: Values | None = None, lang: str = "en"
) -> tuple[Record, ChangeSet]:
    """A nonconformity from a checklist item (a gap) or an audit finding (an item of an
    internal audit's checklist): linked to the item, its requirement, its gap as the
    description. One per item: the checklist's action fields edit it."""
    with ws.reading() as s:
        item = s.get(AssessmentItemRecord, item_id)
        if item is None:
            raise ValidationError("assessment_item", "actions.no_item")
        if item.status not in _GAP_STATUSES and item.grade not in _FINDING_GRADES:
            raise ValidationError("assessment_item", "actions.item_not_a_gap", status=item.status)
        from qms_desktop.services.checklist import with_actions

        # its own nonconformity, or the one still open that it carries from an earlier
        # gap assessment (services.checklist.with_actions): one action list, not two rows
        existing = s.scalar(
            with_actions(select(NonconformityRecord).select_from(AssessmentItemRecord)).where(
                AssessmentItemRecord.id == item_id
            )
        )
        if existing is not None:
            label = REGISTERS[KEY].label({"description": existing.description})
            raise ValidationError("assessment_item", "actions.item_has_nonconformity", label=label)
        audit = item.assessment_id in audit_assessments(s)
        description = item.gap.strip() or Message(
            "actions.item_without_gap", {"ref": item.ref, "status": item.status}
        ).text(lang)
        start: Values = {
            "raised_on": _today(),
            "source": "audit_finding" if audit else "checklist_gap",
            "assessment_item": item_id,
            "requirement": item.ref,
            "description": description,
            "status": "open",
        }
    record, changes = add_record(ws, actor, KEY, {**start, **(values or {})})
    return record, changes | ChangeSet(items=frozenset({item_id}))


def raise_from_complaint(
    ws: Workspace, actor: str, complaint_id: int, values: Values | None = None
) -> tuple[Record, ChangeSet]:
    """A nonconformity from a complaint: its description, its cause as the root cause."""
    with ws.reading() as s:
        c = s.get(ComplaintRecord, complaint_id)
        if c is None:
            raise ValidationError("complaint", "actions.no_complaint")
        start: Values = {
            "raised_on": _today(),
            "source": "complaint",
            "complaint": complaint_id,
            "description": c.description,
            "root_cause": c.cause,
            "status": "open",
        }
    record, changes = add_record(ws, actor, KEY, {**start, **(values or {})})
    return record, changes | ChangeSet(registers=frozenset({"complaint"}))


def raise_from_review(
    ws: Workspace, actor: str, review_id: int, values: Values
) -> tuple[Record, ChangeSet]:
    """An output of a management review: a nonconformity (or improvement action) whose
    `review` names the meeting, raised on the day it was held."""
    model = REGISTER_MODELS.get("management_review")
    with ws.reading() as s:
        review = s.get(model, review_id) if model is not None else None
        if review is None:
            raise ValidationError("review", "actions.no_review")
        held = getattr(review, "held_on", None)
    start: Values = {
        "raised_on": _not_after_today(held),
        "source": "management_review",
        "review": review_id,
        "status": "open",
    }
    record, changes = add_record(ws, actor, KEY, {**start, **values})
    return record, changes | ChangeSet(registers=frozenset({"management_review"}))


def nonconformity_of_item(ws: Workspace, item_id: int) -> Record | None:
    """The nonconformity raised from a checklist item, if any."""
    with ws.reading() as s:
        nc_id = s.scalar(
            select(NonconformityRecord.id).where(NonconformityRecord.assessment_item == item_id)
        )
    if nc_id is None:
        return None
    return next(r for r in list_records(ws, KEY) if r.id == nc_id)


def findings_to_raise(ws: Workspace) -> list[tuple[int, str]]:
    """Checklist gaps and audit findings without a nonconformity yet, as (item id, label:
    assessment — requirement — gap), newest assessment first."""
    from qms_desktop.services.checklist import with_actions

    i, a, nc = AssessmentItemRecord, AssessmentRecord, NonconformityRecord
    with ws.reading() as s:
        # without one of its own and without one it carries from an earlier gap assessment
        rows = s.execute(
            with_actions(select(i.id, a.name, i.ref, i.gap).join(a, a.id == i.assessment_id))
            .where((i.status.in_(_GAP_STATUSES) | i.grade.in_(_FINDING_GRADES)) & nc.id.is_(None))
            .order_by(a.held_on.desc(), a.id.desc(), i.id)
        ).all()
    return [
        (iid, " — ".join(x for x in (name, ref, gap[:80]) if x)) for iid, name, ref, gap in rows
    ]


def item_label(ws: Workspace, item_id: int) -> str:
    """How a nonconformity names the checklist item it was raised from: assessment —
    requirement (the item's id when it is gone)."""
    i, a = AssessmentItemRecord, AssessmentRecord
    with ws.reading() as s:
        row = s.execute(
            select(a.name, i.ref).join(a, a.id == i.assessment_id).where(i.id == item_id)
        ).first()
    return f"{row[0]} — {row[1]}" if row is not None else f"#{item_id}"


# -- verification of effectiveness -----------------------------------------------------------


def verify_nonconformity(
    ws: Workspace,
    actor: str,
    nc_id: int,
    verified_by: int | None,
    verified_on: dt.date,
    evidence: str,
    effective: bool,
    lang: str = "en",
) -> tuple[Values, ChangeSet]:
    """Record a verification of the action's effectiveness. Effective: verified. Not
    effective: reopened (in progress), the verification kept on the record (verifier, date,
    "no", and its evidence appended under a dated line), so the next verification adds to it.
    Returns the fields as they were, for undo."""
    if verified_by is None:
        raise ValidationError("verified_by", "actions.verifier_needed")
    with ws.reading() as s:
        row = s.get(NonconformityRecord, nc_id)
        if row is None:
            raise WorkspaceError("actions.no_nonconformity")
        person = s.get(PersonRecord, verified_by)
        name = person.name if person is not None else str(verified_by)
        current: Values = {
            "verified_by": row.verified_by,
            "verified_on": row.verified_on,
            "effective": row.effective,
            "verification_evidence": row.verification_evidence,
            "status": row.status,
        }
    code = "actions.verified_effective" if effective else "actions.verified_not_effective"
    heading = Message(code, {"date": verified_on.isoformat(), "name": name}).text(lang)
    new = act.verification_values(current, verified_by, verified_on, evidence, effective, heading)
    _, changes = update_record(ws, actor, KEY, nc_id, **new)
    return current, changes


# -- turned into a lesson --------------------------------------------------------------------


def lesson_from_nonconformity(
    ws: Workspace, actor: str, nc_id: int, lang: str = "en"
) -> tuple[Record, ChangeSet]:
    """A lesson of the Summarise register drawn from a nonconformity (what happened, the
    root cause and the action as the lesson), linked from it, in one transaction."""
    with ws.editing(actor) as s:
        row = s.get(NonconformityRecord, nc_id)
        if row is None:
            raise WorkspaceError("actions.no_nonconformity")
        if row.lesson is not None and s.get(LessonRecord, row.lesson) is not None:
            raise ValidationError("lesson", "actions.lesson_exists")
        if not row.root_cause.strip():
            raise ValidationError("root_cause", "actions.lesson_needs_cause")
        happened = Message(
            "actions.lesson_what_happened",
            {
                "date": row.raised_on.isoformat(),
                "requirement": row.requirement or "—",
                "description": row.description,
            },
        ).text(lang)
        lesson_text = row.root_cause.strip()
        if row.action.strip():
            lesson_text = f"{lesson_text}\n\n{row.action.strip()}"
        values = validate_record(
            REGISTERS["lesson"],
            {
                "source": _LESSON_SOURCE.get(row.source, "incident"),
                "occurred_on": row.raised_on,
                "what_happened": happened,
                "lesson": lesson_text,
                "complaint": row.complaint,
            },
        )
        if values["complaint"] is not None and s.get(ComplaintRecord, values["complaint"]) is None:
            values["complaint"] = None
        lesson = _new_lesson(s, values)
        row.lesson = lesson.id
        s.flush()
        record = Record("lesson", lesson.id, values)
    return record, _changes() | ChangeSet(
        steps=frozenset({"summarise"}), registers=frozenset({"lesson"})
    )


def _new_lesson(s: object, values: Values, lesson_id: int | None = None) -> LessonRecord:
    lesson = LessonRecord(**values)
    lesson.position = (s.scalar(select(func.max(LessonRecord.position))) or 0) + 1  # type: ignore[attr-defined]
    if lesson_id is not None:
        lesson.id = lesson_id
    s.add(lesson)  # type: ignore[attr-defined]
    s.flush()  # type: ignore[attr-defined]
    return lesson


def withdraw_lesson(ws: Workspace, actor: str, nc_id: int) -> ChangeSet:
    """The undo of `lesson_from_nonconformity`: the link cleared and the lesson deleted."""
    with ws.editing(actor) as s:
        row = s.get(NonconformityRecord, nc_id)
        if row is None or row.lesson is None:
            raise WorkspaceError("actions.no_nonconformity")
        lesson = s.get(LessonRecord, row.lesson)
        row.lesson = None
        s.flush()
        if lesson is not None:
            s.delete(lesson)
    return _changes() | ChangeSet(steps=frozenset({"summarise"}), registers=frozenset({"lesson"}))


def put_back_lesson(ws: Workspace, actor: str, nc_id: int, lesson: Record) -> ChangeSet:
    """The redo of `lesson_from_nonconformity`: the same lesson under its id, linked again."""
    with ws.editing(actor) as s:
        row = s.get(NonconformityRecord, nc_id)
        if row is None:
            raise WorkspaceError("actions.no_nonconformity")
        if s.get(LessonRecord, lesson.id) is not None:
            raise WorkspaceError("core.record_exists", id=lesson.id)
        _new_lesson(s, dict(lesson.values), lesson.id)
        row.lesson = lesson.id
    return _changes() | ChangeSet(steps=frozenset({"summarise"}), registers=frozenset({"lesson"}))


# -- what is overdue ------------------------------------------------------------------------


def overdue_actions(ws: Workspace, today: dt.date | None = None) -> list[Record]:
    """Corrective actions due before today and not verified, closed or cancelled, the most
    overdue first."""
    today = today or _today()
    late = [r for r in list_records(ws, KEY) if act.is_overdue(r.values, today)]
    return sorted(late, key=lambda r: (r.values["due"], r.id))  # type: ignore[return-value, arg-type]


def overdue_count(ws: Workspace, today: dt.date | None = None) -> int:
    """How many corrective actions are overdue (one query, for the dashboard)."""
    today = today or _today()
    nc = NonconformityRecord
    with ws.reading() as s:
        return int(
            s.scalar(
                select(func.count(nc.id)).where(
                    nc.due.is_not(None), nc.due < today, nc.status.not_in(act.FINISHED_STATES)
                )
            )
            or 0
        )


def _changes() -> ChangeSet:
    return ChangeSet(steps=frozenset({"operate"}), registers=frozenset({KEY}))
