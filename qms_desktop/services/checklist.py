"""The gap checklist (step 3, Compare): assessments, per-requirement findings, evidence,
scores and comparisons."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from qms_desktop.domain.actions import (
    ACTION_FIELDS,
    ACTION_OF_STATE,
    FINISHED_STATES,
    checklist_status,
)
from qms_desktop.domain.assessment import (
    Action,
    ActionState,
    Comparison,
    Grade,
    ItemAssessment,
    Priority,
    Readiness,
    Score,
    Status,
    compare,
    implied_values,
    readiness,
    score,
    score_by_clause,
    validate_item,
)
from qms_desktop.domain.audits import in_scope
from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.filenames import safe_file_name
from qms_desktop.domain.requirements import in_language
from qms_desktop.services.changes import ChangeSet
from qms_desktop.services.checklist_rows import ChecklistRow
from qms_desktop.storage.audit import insert_audited, update_audited
from qms_desktop.storage.models import (
    AssessmentItemRecord,
    AssessmentRecord,
    BlobRecord,
    EvidenceFileRecord,
    LibraryRecord,
    NonconformityRecord,
    PersonRecord,
    RequirementRecord,
)
from qms_desktop.storage.workspace import Workspace

MAX_EVIDENCE_BYTES = 25 * 1024 * 1024
ENTITY = AssessmentItemRecord.__audit_entity__

# the finding's own fields (columns of assessment_item)
FINDING_FIELDS = (
    "status",
    "grade",
    "na_justification",
    "current_practice",
    "evidence_notes",
    "gap",
)
# its action's fields: kept in the nonconformity row linked to the item (the one action
# list, services/actions.py), read and written here under the checklist's names
ACTION_ITEM_FIELDS = tuple(ACTION_FIELDS)
ITEM_FIELDS = (*FINDING_FIELDS, *ACTION_ITEM_FIELDS)


@dataclass(frozen=True)
class AssessmentInfo:
    id: int
    name: str
    held_on: dt.date
    audit_date: dt.date | None
    library_ids: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class EvidenceFile:
    id: int
    item_id: int
    name: str
    sha256: str
    size: int
    added_at: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _to_info(r: AssessmentRecord) -> AssessmentInfo:
    return AssessmentInfo(
        r.id, r.name, r.held_on, r.audit_date, tuple(r.library_ids.split()), r.notes
    )


def _to_item(r: AssessmentItemRecord, action: Action | None = None) -> ItemAssessment:
    """A finding from its ORM row; its action (unless given) is read from the nonconformity
    of the item, its own or carried (`with_actions`)."""
    if action is None:
        session = object_session(r)
        values = (
            session.execute(
                with_actions(select(*_ACTION_COLUMNS).select_from(AssessmentItemRecord)).where(
                    AssessmentItemRecord.id == r.id
                )
            ).first()
            if session is not None
            else None
        )
        action = _action(*(values if values is not None else (None,) * 5))
    return ItemAssessment(
        library_id=r.library_id,
        ref=r.ref,
        status=Status(r.status),
        grade=Grade(r.grade),
        na_justification=r.na_justification,
        current_practice=r.current_practice,
        evidence_notes=r.evidence_notes,
        gap=r.gap,
        action=action,
        changed_by=r.changed_by,
        changed_at=r.changed_at,
    )


def _action(
    text: str | None, owner: str | None, due: dt.date | None, priority: str | None,
    status: str | None,
) -> Action:  # fmt: skip
    """The checklist's view of a nonconformity row's action (none: no row)."""
    if status is None:
        return _NO_ACTION
    return Action(
        text or "",
        owner or "",
        due,
        _PRIORITIES.get(priority or "") or Priority(priority),
        _ACTION_STATES[ACTION_OF_STATE.get(status, status)],
    )


_NO_ACTION = Action()


_BLANK_ITEM: dict[str, Any] = {
    "status": Status.NOT_ASSESSED.value,
    "grade": "",
    "na_justification": "",
    "current_practice": "",
    "evidence_notes": "",
    "gap": "",
    "changed_by": "",
    "changed_at": "",
}


# -- assessments -------------------------------------------------------------


def list_assessments(ws: Workspace, *, audits: bool = False) -> list[AssessmentInfo]:
    """The gap assessments, oldest first; internal audits' checklists (shown with their
    audits, never the latest gap assessment) only with `audits`."""
    with ws.reading() as s:
        query = select(AssessmentRecord).order_by(AssessmentRecord.held_on, AssessmentRecord.id)
        if not audits:
            query = query.where(AssessmentRecord.id.not_in(audit_checklists()))
        return [_to_info(r) for r in s.scalars(query)]


def audit_checklists() -> Any:
    """A subquery of the assessments that are internal audits' checklists."""
    from qms_desktop.storage.models import InternalAuditRecord as Audit

    c = Audit.__table__.c  # a Core column: a statement holding it compiles as Core (cheaper)
    return select(c.assessment_id).where(c.assessment_id.is_not(None))


def create_assessment(
    ws: Workspace,
    actor: str,
    name: str,
    held_on: dt.date,
    library_ids: list[str],
    *,
    audit_date: dt.date | None = None,
    copy_from: int | None = None,
    notes: str = "",
    bring_in_builtin: bool = False,
    scope: Sequence[str] | None = None,
    within: Session | None = None,
) -> tuple[AssessmentInfo, ChangeSet]:
    """A new assessment over the requirements of `library_ids`. A re-assessment
    (`copy_from`) starts from the earlier one's findings, so only changes need entering.
    With `bring_in_builtin`, built-in libraries named in `library_ids` that the workspace
    does not hold yet are copied in, in the same transaction. `scope` (an internal audit's
    clauses, e.g. ["7.5", "8.2"]) keeps only the requirements equal to or under one of
    them; `within`: the session of a larger edit this one is part of (one transaction)."""
    from contextlib import nullcontext

    from qms_desktop.libraries import builtin_libraries, builtin_library
    from qms_desktop.services.libraries import store_library_in

    if not name.strip():
        raise ValidationError("name", "core.assessment_needs_name")
    if not library_ids:
        raise ValidationError("library_ids", "core.assessment_needs_library")
    with nullcontext(within) if within is not None else ws.editing(actor) as s:
        brought = False
        if bring_in_builtin:
            builtin = {lib.id for lib in builtin_libraries()}
            for library_id in library_ids:
                if library_id in builtin and s.get(LibraryRecord, library_id) is None:
                    store_library_in(s, builtin_library(library_id))
                    brought = True
        known = set(s.scalars(select(LibraryRecord.id)))
        unknown = [lib for lib in library_ids if lib not in known]
        if unknown:
            raise ValidationError("library_ids", "core.no_such_library", library=unknown)
        record = AssessmentRecord(
            name=name.strip(),
            held_on=held_on,
            audit_date=audit_date,
            library_ids=" ".join(library_ids),
            notes=notes,
        )
        s.add(record)
        s.flush()
        earlier: dict[tuple[str, str], AssessmentItemRecord] = {}
        if copy_from is not None:
            earlier = {
                (r.library_id, r.ref): r
                for r in s.scalars(
                    select(AssessmentItemRecord).where(
                        AssessmentItemRecord.assessment_id == copy_from
                    )
                )
            }
        refs = s.execute(
            select(RequirementRecord.library_id, RequirementRecord.ref)
            .where(
                RequirementRecord.library_id.in_(library_ids),
                RequirementRecord.is_section.is_(False),
            )
            .order_by(RequirementRecord.library_id, RequirementRecord.position)
        ).all()
        if scope is not None:
            refs = [row for row in refs if in_scope(row[1], scope)]
            if not refs:
                raise ValidationError("scope", "audit.scope_matches_nothing", clauses=list(scope))
        now = _now()
        rows: list[dict[str, Any]] = []
        for library_id, ref in refs:
            values = dict(_BLANK_ITEM, assessment_id=record.id, library_id=library_id, ref=ref)
            old = earlier.get((library_id, ref))
            if old is not None:  # the findings; their actions stay in the one action list
                for name_ in FINDING_FIELDS:
                    values[name_] = getattr(old, name_)
                values["changed_by"], values["changed_at"] = actor, now
            rows.append(values)
        insert_audited(s, AssessmentItemRecord, rows)
        info = _to_info(record)
    return info, ChangeSet(checklist=True, libraries=brought)


ASSESSMENT_FIELDS = ("name", "held_on", "audit_date", "notes")


def update_assessment(
    ws: Workspace, actor: str, assessment_id: int, **values: object
) -> tuple[AssessmentInfo, ChangeSet]:
    """Rename an assessment or change its dates or notes."""
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "core.no_such_field", field=sorted(unknown)[0])
    if "name" in values:
        if not isinstance(values["name"], str):
            raise ValidationError("name", "core.must_be_text")
        if not values["name"].strip():
            raise ValidationError("name", "core.assessment_needs_name")
        values["name"] = values["name"].strip()
    for key in ("held_on", "audit_date"):
        if key in values and not isinstance(values[key], dt.date | None):
            raise ValidationError(key, "core.must_be_date", value=str(values[key]))
    if values.get("held_on", dt.date.min) is None:
        raise ValidationError("held_on", "core.required")
    if "notes" in values and not isinstance(values["notes"], str):
        raise ValidationError("notes", "core.must_be_text")
    with ws.editing(actor) as s:
        record = s.get(AssessmentRecord, assessment_id)
        if record is None:
            raise WorkspaceError("core.no_such_assessment", id=assessment_id)
        for key, value in values.items():
            if getattr(record, key) != value:
                setattr(record, key, value)
        s.flush()
        info = _to_info(record)
    return info, ChangeSet(checklist=True)


@dataclass(frozen=True)
class EvidenceSnapshot:
    """An evidence file as it was, bytes included: enough to put it back under its own id."""

    file: EvidenceFile
    data: bytes


@dataclass(frozen=True)
class AssessmentSnapshot:
    """A deleted assessment with every finding and evidence file, to put it back as it was."""

    info: AssessmentInfo
    items: tuple[dict[str, object], ...]
    evidence: tuple[EvidenceSnapshot, ...]
    # the nonconformities raised from its items (their actions), every column
    actions: tuple[dict[str, object], ...] = ()


_ITEM_COLUMNS = ("id", "library_id", "ref", *FINDING_FIELDS, "changed_by", "changed_at")


def delete_assessment(
    ws: Workspace, actor: str, assessment_id: int, *, within: Session | None = None
) -> tuple[AssessmentSnapshot, ChangeSet]:
    """Delete an assessment, its findings and their evidence; returns what `restore_assessment`
    needs. An internal audit's checklist is kept with its audit (refused here)."""
    from contextlib import nullcontext

    from qms_desktop.storage.models import InternalAuditRecord

    with nullcontext(within) if within is not None else ws.editing(actor) as s:
        record = s.get(AssessmentRecord, assessment_id)
        if record is None:
            raise WorkspaceError("core.no_such_assessment", id=assessment_id)
        audit = s.scalar(
            select(InternalAuditRecord).where(InternalAuditRecord.assessment_id == assessment_id)
        )
        if audit is not None:
            raise WorkspaceError("audit.checklist_of_audit", title=audit.title)
        info = _to_info(record)
        items = list(
            s.scalars(
                select(AssessmentItemRecord)
                .where(AssessmentItemRecord.assessment_id == assessment_id)
                .order_by(AssessmentItemRecord.id)
            )
        )
        ids = [i.id for i in items]
        evidence: list[EvidenceSnapshot] = []
        if ids:
            files = list(
                s.scalars(
                    select(EvidenceFileRecord)
                    .where(EvidenceFileRecord.item_id.in_(ids))
                    .order_by(EvidenceFileRecord.id)
                )
            )
            for f in files:
                blob = s.get(BlobRecord, f.sha256)
                evidence.append(
                    EvidenceSnapshot(
                        EvidenceFile(f.id, f.item_id, f.name, f.sha256, f.size, f.added_at),
                        blob.data if blob is not None else b"",
                    )
                )
                s.delete(f)
        linked = list(s.scalars(select(_NC).where(_NC.assessment_item.in_(ids)).order_by(_NC.id)))
        columns = [c.key for c in _NC.__mapper__.column_attrs]
        snapshot = AssessmentSnapshot(
            info,
            tuple({c: getattr(i, c) for c in _ITEM_COLUMNS} for i in items),
            tuple(evidence),
            tuple({c: getattr(nc, c) for c in columns} for nc in linked),
        )
        for nc in linked:  # the actions go with their findings, and come back with them
            s.delete(nc)
        for item in items:
            s.delete(item)
        s.flush()
        _drop_unused_blobs(s, {e.file.sha256 for e in evidence})
        s.delete(record)
    return snapshot, ChangeSet(checklist=True)


def restore_assessment(
    ws: Workspace, actor: str, snapshot: AssessmentSnapshot, *, within: Session | None = None
) -> tuple[AssessmentInfo, ChangeSet]:
    """Put a deleted assessment back under its old ids (undo of a delete, redo of a create)."""
    from contextlib import nullcontext

    info = snapshot.info
    with nullcontext(within) if within is not None else ws.editing(actor) as s:
        if s.get(AssessmentRecord, info.id) is not None:
            raise WorkspaceError("core.record_exists", id=info.id)
        s.add(
            AssessmentRecord(
                id=info.id,
                name=info.name,
                held_on=info.held_on,
                audit_date=info.audit_date,
                library_ids=" ".join(info.library_ids),
                notes=info.notes,
            )
        )
        s.flush()
        s.add_all(
            [AssessmentItemRecord(assessment_id=info.id, **values) for values in snapshot.items]
        )
        s.flush()
        for e in snapshot.evidence:
            _put_evidence(s, e)
        s.add_all([_NC(**values) for values in snapshot.actions])
        s.flush()
    return info, ChangeSet(checklist=True)


def _drop_unused_blobs(s: Session, digests: set[str]) -> None:
    for digest in digests:
        still_used = s.scalar(
            select(EvidenceFileRecord.id).where(EvidenceFileRecord.sha256 == digest).limit(1)
        )
        if still_used is None:
            blob = s.get(BlobRecord, digest)
            if blob is not None:
                s.delete(blob)


def _put_evidence(s: Session, e: EvidenceSnapshot) -> None:
    if hashlib.sha256(e.data).hexdigest() != e.file.sha256:
        raise WorkspaceError("core.evidence_damaged", name=e.file.name)
    if s.get(BlobRecord, e.file.sha256) is None:
        s.add(BlobRecord(sha256=e.file.sha256, data=e.data))
    f = e.file
    s.add(
        EvidenceFileRecord(
            id=f.id,
            item_id=f.item_id,
            name=f.name,
            sha256=f.sha256,
            size=f.size,
            added_at=f.added_at,
        )
    )


# -- the checklist -------------------------------------------------------------


def checklist_rows(ws: Workspace, assessment_id: int) -> list[ChecklistRow]:
    """Every requirement of the assessment with its finding, in library order."""
    i, r = AssessmentItemRecord, RequirementRecord
    with ws.reading() as s:
        files: dict[int, list[str]] = {}
        for item_id, fname in s.execute(
            select(EvidenceFileRecord.item_id, EvidenceFileRecord.name)
            .join(i, i.id == EvidenceFileRecord.item_id)
            .where(i.assessment_id == assessment_id)
            .order_by(EvidenceFileRecord.id)
        ):
            files.setdefault(item_id, []).append(fname)
        # Plain columns, not ORM objects: this runs for checklists of 10 000 rows.
        q = (
            select(
                i.id,
                *_finding_columns(),
                r.parent_ref,
                r.title_en,
                r.title_zh,
                r.guidance_en,
                r.guidance_zh,
                r.statement_en,
                r.statement_zh,
            )
            .join(r, (r.library_id == i.library_id) & (r.ref == i.ref))
            .where(i.assessment_id == assessment_id)
            .order_by(r.library_id, r.position)
        )
        q = with_actions(q)
        out: list[ChecklistRow] = []
        width = len(_finding_columns())
        no_files: tuple[str, ...] = ()
        # Core rows on the session's connection: the ORM's result machinery cost a third
        # of reading 10 000 rows
        for row in s.connection().execute(q).all():
            item_id, item = row[0], _finding(row[1 : 1 + width])
            parent, t_en, t_zh, g_en, g_zh, s_en, s_zh = row[1 + width :]
            named = files.get(item_id)
            out.append(
                ChecklistRow(
                    item_id,
                    item.library_id,
                    item.ref,
                    parent,
                    t_en,
                    t_zh,
                    g_en,
                    g_zh,
                    item,
                    no_files if named is None else tuple(named),
                    s_en,
                    s_zh,
                )
            )
        return out


def _finding_columns() -> tuple[Any, ...]:
    """The columns of a finding, in the order `_finding` reads them (Core columns: a
    statement of them alone compiles as Core, in about half the time of the ORM's)."""
    i = _ITEM.c
    return (
        i.library_id,
        i.ref,
        i.status,
        i.grade,
        i.na_justification,
        i.current_practice,
        i.evidence_notes,
        i.gap,
        *_ACTION_COLUMNS,
        i.changed_by,
        i.changed_at,
    )


_NC = NonconformityRecord
# The tables themselves, for the statements below: Core columns and aliases keep a statement
# made of them alone (`_items`) out of the ORM's compilation; ORM statements take them too.
_ITEM, _NC_TABLE = AssessmentItemRecord.__table__, NonconformityRecord.__table__
# the linked nonconformity's columns under the checklist's names (None: no row)
_ACTION_COLUMNS = tuple(_NC_TABLE.c[column].label(name) for name, column in ACTION_FIELDS.items())


def with_actions(query: Any) -> Any:
    """`query` over assessment items outer-joined with the nonconformity holding each
    item's action, for `_finding_columns`: the one linked to the item (the link is
    unique), else the one it carries (`_carried`). Every reader of actions goes
    through here (or `_to_item`, which does)."""
    return query.outerjoin(_NC_TABLE, _action_link())


@cache
def _action_link() -> Any:
    """The join condition of `with_actions`, built once (building it took 1.6 ms, more
    than storing one checklist edit)."""
    i, nc, own = _ITEM.c, _NC_TABLE.c, _NC_TABLE.alias().c
    own_id = select(own.id).where(own.assessment_item == i.id).scalar_subquery()
    return (nc.id == func.coalesce(own_id, _carried())) & (
        # a carried row only while its action is still open
        (nc.assessment_item == i.id) | nc.status.not_in(FINISHED_STATES)
    )


def _carried() -> Any:
    """The nonconformity an item of a gap assessment carries (a correlated subquery): an
    action still open in the one list follows its requirement into later gap assessments.
    It is the one linked to the same requirement's item in the latest earlier (lower id)
    gap assessment that has one — `with_actions` drops it when that one is verified,
    closed or cancelled. Internal audits' checklists neither carry nor are carried from.
    Driven from the few assessments, each step a unique-index lookup."""
    i = _ITEM.c
    earlier, item, nc = AssessmentRecord.__table__.alias(), _ITEM.alias(), _NC_TABLE.alias()
    audits = audit_checklists()
    return (
        select(nc.c.id)
        .select_from(earlier)
        .join(
            item,
            (item.c.assessment_id == earlier.c.id)
            & (item.c.library_id == i.library_id)
            & (item.c.ref == i.ref),
        )
        .join(nc, nc.c.assessment_item == item.c.id)
        .where(
            earlier.c.id < i.assessment_id,
            earlier.c.id.not_in(audits),
            i.assessment_id.not_in(audits),
        )
        .order_by(earlier.c.id.desc())
        .limit(1)
        .correlate(_ITEM)
        .scalar_subquery()
    )


@dataclass(frozen=True)
class Verification:
    """The verification of effectiveness recorded on the nonconformity that holds a
    checklist item's action (its own or one it carries)."""

    status: str  # the nonconformity's status: "verified", "closed", or reopened after a "no"
    by: str  # the verifier's name ("" when not named)
    on: dt.date
    effective: bool


def action_verifications(ws: Workspace, assessment_id: int) -> dict[int, Verification]:
    """Item id -> the verification of its action, for the items of `assessment_id` whose
    action was verified; others are left out."""
    return _verifications(ws, AssessmentItemRecord.assessment_id == assessment_id)


def action_verification(ws: Workspace, item_id: int) -> Verification | None:
    """The verification of item `item_id`'s action (None: not verified, or no action)."""
    return _verifications(ws, AssessmentItemRecord.id == item_id).get(item_id)


def _verifications(ws: Workspace, where: Any) -> dict[int, Verification]:
    item, nc = AssessmentItemRecord, _NC
    query = (
        with_actions(
            select(item.id, nc.status, PersonRecord.name, nc.verified_on, nc.effective).select_from(
                item
            )
        )
        .outerjoin(PersonRecord, PersonRecord.id == nc.verified_by)
        .where(where, nc.verified_on.is_not(None))
    )
    with ws.reading() as s:
        found = s.execute(query).all()
    return {
        i: Verification(status, name or "", on, effective == "yes")
        for i, status, name, on, effective in found
    }


def _finding(values: Sequence[Any]) -> ItemAssessment:
    """A finding from the values of `_finding_columns()`, read without ORM objects."""
    (
        lib,
        ref,
        status,
        grade,
        na,
        practice,
        ev_notes,
        gap,
        a_text,
        a_owner,
        a_due,
        a_prio,
        a_state,
        by,
        at,
    ) = values
    action = _action(a_text, a_owner, a_due, a_prio, a_state)
    return ItemAssessment(
        lib,
        ref,
        _STATUSES.get(status) or Status(status),
        _GRADES.get(grade) or Grade(grade),
        na,
        practice,
        ev_notes,
        gap,
        action,
        by,
        at,
    )


# Stored values to their enum members by dict, not by calling the enum (10 000 rows read
# four enums each: calling them cost half of reading a large checklist). A value that is
# no member still goes through the enum, which raises.
_STATUSES = {m.value: m for m in Status}
_GRADES = {m.value: m for m in Grade}
_PRIORITIES = {m.value: m for m in Priority}
_ACTION_STATES = {m.value: m for m in ActionState}


def get_item(ws: Workspace, item_id: int) -> ItemAssessment:
    with ws.reading() as s:
        row = s.get(AssessmentItemRecord, item_id)
        if row is None:
            raise WorkspaceError("core.no_such_item", id=item_id)
        return _to_item(row)


def _coerce(name: str, value: object) -> object:
    enums = {
        "status": Status,
        "grade": Grade,
        "action_priority": Priority,
        "action_state": ActionState,
    }
    if name in enums:
        try:
            return enums[name](value.value if hasattr(value, "value") else value)  # type: ignore[union-attr]
        except ValueError:
            allowed = [m.value for m in enums[name] if m.value]
            raise ValidationError(name, "core.not_a_choice", value=value, choices=allowed) from None
    if name == "action_due":
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(name, "core.must_be_date", value=str(value)) from None
    if not isinstance(value, str):
        raise ValidationError(name, "core.must_be_text")
    return value


def _with_fields(item: ItemAssessment, values: dict[str, object]) -> ItemAssessment:
    action = item.action
    top: dict[str, object] = {}
    for name, value in values.items():
        if name.startswith("action_"):
            action = replace(action, **{name.removeprefix("action_"): value})  # type: ignore[arg-type]
        else:
            top[name] = value
    return replace(item, action=action, **top)  # type: ignore[arg-type]


def check_values(item: ItemAssessment, values: dict[str, object]) -> ItemAssessment:
    """The item as it would be with `values` applied; raises ValidationError as the write would."""
    result = _with_fields(item, _clean(values))
    validate_item(result)
    return result


def _assess_in(
    actor: str, row: AssessmentItemRecord | None, item_id: int, cleaned: dict[str, object]
) -> tuple[ItemAssessment, dict[str, object]]:
    """Apply `cleaned` to one loaded item row and the nonconformity holding its action (the
    caller flushes); returns the item and the values it replaced (the rules' own changes
    included), which undoing it writes back."""
    if row is None:
        raise WorkspaceError("core.no_such_item", id=item_id)
    was = _to_item(row)
    item = _with_fields(was, cleaned)
    implied = implied_values(item, cleaned)
    if implied:
        item = _with_fields(item, implied)
        cleaned = {**cleaned, **implied}
    validate_item(item)
    before: dict[str, object] = {}
    old_action = _action_values(was.action)
    actions: dict[str, object] = {}
    for name, value in cleaned.items():
        stored = value.value if hasattr(value, "value") else value
        if name in ACTION_FIELDS:
            if old_action[name] != stored:
                before[name] = old_action[name]
                actions[name] = stored
        elif getattr(row, name) != stored:
            before[name] = getattr(row, name)
            setattr(row, name, stored)
    if set(before) - set(actions):  # the finding's own columns changed
        row.changed_by, row.changed_at = actor, _now()
    if actions:
        session = object_session(row)
        assert session is not None
        _write_actions(session, {item_id: ({**old_action, **actions}, row)})
    return item, before


def _action_values(action: Action) -> dict[str, object]:
    """An action under the checklist's field names, as stored values."""
    return {
        "action_text": action.text,
        "action_owner": action.owner,
        "action_due": action.due,
        "action_priority": action.priority.value,
        "action_state": action.state.value,
    }


# a nonconformity's fields that only its own register fills: while all are empty, the row
# is the checklist's action alone, and clearing the action removes it
_REGISTER_ONLY = (
    "complaint", "review", "containment", "why_1", "why_2", "why_3", "why_4", "why_5",
    "cause_category", "root_cause", "verified_by", "verified_on", "verification_evidence",
    "effective", "lesson",
)  # fmt: skip


def _write_actions(
    s: Session, wanted: dict[int, tuple[dict[str, object], AssessmentItemRecord | None]]
) -> None:
    """Write checklist actions (item id -> (every action field under the checklist's names,
    the item row when loaded)) into the nonconformity linked to each item: updated, made
    (raised from the item on its assessment's date, source checklist gap or audit finding;
    its description the gap, else the action) when an item without
    one gets an action, removed when an action the checklist alone made is cleared. An
    item's action carried from an earlier assessment (`with_actions`) is that earlier
    item's nonconformity: it is the one updated (or removed), never a second one made."""
    from qms_desktop.services.actions import audit_assessments

    ids = sorted(wanted)
    existing: dict[int, NonconformityRecord] = {}
    i = AssessmentItemRecord
    for start in range(0, len(ids), 500):
        for item_id, found in s.execute(
            with_actions(select(i.id, _NC).select_from(i)).where(i.id.in_(ids[start : start + 500]))
        ):
            if found is not None:
                existing[item_id] = found
    removed: set[int] = set()  # a row two items carry is removed once
    audits: set[int] | None = None
    held: dict[int, dt.date | None] = {}
    today = dt.date.today()
    new_rows: list[dict[str, Any]] = []
    for item_id in ids:
        values, item = wanted[item_id]
        nc = existing.get(item_id)
        if nc is not None and nc.id in removed:
            continue
        blank = not any(values[n] for n in ("action_text", "action_owner", "action_due",
                                             "action_priority"))  # fmt: skip
        state = str(values["action_state"] or "")
        if nc is None:
            if blank and state in ("", "open"):
                continue
            if item is None:
                item = s.get(AssessmentItemRecord, item_id)
                assert item is not None
            if audits is None:
                audits = audit_assessments(s)
            description = item.gap.strip() or str(values["action_text"]).strip() or item.ref
            if item.assessment_id not in held:
                held[item.assessment_id] = s.scalar(
                    select(AssessmentRecord.held_on).where(
                        AssessmentRecord.id == item.assessment_id
                    )
                )
            on = held[item.assessment_id]
            new_rows.append(
                {
                    **{f: "" for f in _TEXT_COLUMNS},
                    # raised when the finding was (the assessment's date), today at the latest
                    "raised_on": today if on is None or on > today else on,
                    "source": "audit_finding" if item.assessment_id in audits else "checklist_gap",
                    "assessment_item": item_id,
                    "requirement": item.ref,
                    "description": description,
                    "action": values["action_text"],
                    "owner": values["action_owner"],
                    "due": values["action_due"],
                    "priority": values["action_priority"],
                    "status": checklist_status(state, None),
                }
            )
            continue
        status = checklist_status(state, nc.status)
        pristine = status == "open" and not any(getattr(nc, f) for f in _REGISTER_ONLY)
        if blank and pristine:
            removed.add(nc.id)
            s.delete(nc)
            continue
        for name, value in (
            ("action", values["action_text"]),
            ("owner", values["action_owner"]),
            ("due", values["action_due"]),
            ("priority", values["action_priority"]),
            ("status", status),
        ):
            if getattr(nc, name) != value:
                setattr(nc, name, value)
    s.flush()
    if new_rows:
        top = s.scalar(select(func.max(_NC.position))) or 0
        for n, values in enumerate(new_rows, start=top + 1):
            values["position"] = n
        insert_audited(s, _NC, new_rows)


_TEXT_COLUMNS = (
    "containment", "why_1", "why_2", "why_3", "why_4", "why_5", "cause_category",
    "root_cause", "verification_evidence", "effective",
)  # fmt: skip


def _clean(values: dict[str, object]) -> dict[str, object]:
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], "core.no_such_field", field=sorted(unknown)[0])
    return {name: _coerce(name, value) for name, value in values.items()}


def assess_requirement(
    ws: Workspace, actor: str, item_id: int, **values: object
) -> tuple[ItemAssessment, ChangeSet]:
    """Set fields of one checklist item (status, grade, practice, evidence notes, gap, action…)."""
    cleaned = _clean(values)
    with ws.editing(actor) as s:
        result, _ = _assess_in(actor, s.get(AssessmentItemRecord, item_id), item_id, cleaned)
        s.flush()
    return result, ChangeSet(items=frozenset({item_id}))


def apply_assessments(
    ws: Workspace, actor: str, changes: list[tuple[int, dict[str, object]]]
) -> tuple[list[tuple[int, dict[str, object]]], ChangeSet]:
    """Apply several item changes in one transaction, all of them or none. Rows are read
    as plain columns in a few queries and written in bulk: one executemany UPDATE per set
    of changed columns and the audit entries in one INSERT — one entry per changed field,
    the same entries the flush writes for `assess_requirement` (the trail test proves it).
    Returns the inverse — for each item that changed, the values it had — and what changed."""
    cleaned = [(item_id, _clean(values)) for item_id, values in changes]
    inverse: list[tuple[int, dict[str, object]]] = []
    with ws.editing(actor) as s:
        ids = sorted({item_id for item_id, _ in cleaned})
        stored: dict[int, dict[str, object]] = {}
        i = AssessmentItemRecord
        for start in range(0, len(ids), 500):
            for row in s.execute(
                with_actions(select(i.id, *_finding_columns())).where(
                    i.id.in_(ids[start : start + 500])
                )
            ):
                found = dict(zip(_FINDING_KEYS, row[1:], strict=True))
                # the action as the checklist shows it (a verified row is "done")
                found.update(_action_values(_action(*(found[n] for n in ACTION_FIELDS))))
                stored[row[0]] = found
        original = {item_id: dict(values) for item_id, values in stored.items()}
        order: dict[int, None] = {}  # the items changed, in the order of their first change
        for item_id, values in cleaned:
            current = stored.get(item_id)
            if current is None:
                raise WorkspaceError("core.no_such_item", id=item_id)
            item = _with_fields(_finding(tuple(current.values())), values)
            implied = implied_values(item, values)
            if implied:
                item = _with_fields(item, implied)
                values = {**values, **implied}
            validate_item(item)
            for name, value in values.items():
                new = value.value if hasattr(value, "value") else value
                if current[name] != new:
                    current[name] = new
                    order[item_id] = None
        # an item changed twice is undone to the values it had before the first change
        for item_id in order:
            old, new = original[item_id], stored[item_id]
            before = {k: old[k] for k in ITEM_FIELDS if old[k] != new[k]}
            if before:
                inverse.append((item_id, before))
        now = _now()
        update_audited(
            s,
            AssessmentItemRecord,
            [
                (
                    item_id,
                    original[item_id],
                    {k: stored[item_id][k] for k in before if k in FINDING_FIELDS}
                    | {"changed_by": actor, "changed_at": now},
                )
                for item_id, before in inverse
                if set(before) - set(ACTION_FIELDS)  # the finding's own columns changed
            ],
        )
        _write_actions(
            s,
            {
                item_id: ({n: stored[item_id][n] for n in ACTION_FIELDS}, None)
                for item_id, before in inverse
                if set(before) & set(ACTION_FIELDS)
            },
        )
    return inverse, ChangeSet(items=frozenset(item_id for item_id, _ in inverse))


_FINDING_KEYS = tuple(c.key for c in _finding_columns())


def assess_many(
    ws: Workspace, actor: str, changes: list[tuple[int, dict[str, object]]]
) -> ChangeSet:
    """Apply several item changes in one transaction: all of them, or none."""
    _, result = apply_assessments(ws, actor, changes)
    return ChangeSet(items=frozenset(item_id for item_id, _ in changes)) | result


# -- evidence ------------------------------------------------------------------


def attach_evidence(
    ws: Workspace,
    actor: str,
    item_id: int,
    path: Path | None = None,
    *,
    name: str | None = None,
    data: bytes | None = None,
    max_bytes: int = MAX_EVIDENCE_BYTES,
) -> tuple[EvidenceFile, ChangeSet]:
    """Store a file inside the workspace as evidence for a checklist item."""
    if path is not None:
        path = Path(path)
        if path.is_symlink():  # never follow a link to somewhere the user did not choose
            raise ValidationError(
                "evidence", "core.evidence_is_link", name=path.name, target=str(os.readlink(path))
            )
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise WorkspaceError(
                "core.cannot_read", path=str(path), reason=exc.strerror or str(exc)
            ) from exc
        if size > max_bytes:
            raise ValidationError(
                "evidence",
                "core.evidence_too_large",
                name=path.name,
                size_mb=round(size / 1048576, 1),
                limit_mb=round(max_bytes / 1048576),
            )
        if not path.is_file():
            raise ValidationError("evidence", "core.not_a_file", name=path.name)
        data = path.read_bytes()
        name = name or path.name
    if data is None or not name:
        raise ValidationError("evidence", "core.evidence_needs_file")
    if len(data) > max_bytes:
        raise ValidationError(
            "evidence",
            "core.evidence_too_large",
            name=name,
            size_mb=round(len(data) / 1048576, 1),
            limit_mb=round(max_bytes / 1048576),
        )
    digest = hashlib.sha256(data).hexdigest()
    with ws.editing(actor) as s:
        if s.get(AssessmentItemRecord, item_id) is None:
            raise WorkspaceError("core.no_such_item", id=item_id)
        if s.get(BlobRecord, digest) is None:
            s.add(BlobRecord(sha256=digest, data=data))
        record = EvidenceFileRecord(
            item_id=item_id,
            name=safe_file_name(name),
            sha256=digest,
            size=len(data),
            added_at=_now(),
        )
        s.add(record)
        s.flush()
        result = EvidenceFile(record.id, item_id, record.name, digest, len(data), record.added_at)
    return result, ChangeSet(items=frozenset({item_id}))


def evidence_files(ws: Workspace, item_id: int) -> list[EvidenceFile]:
    with ws.reading() as s:
        rows = s.scalars(
            select(EvidenceFileRecord)
            .where(EvidenceFileRecord.item_id == item_id)
            .order_by(EvidenceFileRecord.id)
        )
        return [EvidenceFile(r.id, r.item_id, r.name, r.sha256, r.size, r.added_at) for r in rows]


def evidence_data(ws: Workspace, evidence_id: int) -> bytes:
    """The file's bytes, checked against its SHA-256."""
    with ws.reading() as s:
        record = s.get(EvidenceFileRecord, evidence_id)
        blob = s.get(BlobRecord, record.sha256) if record else None
        if record is None or blob is None:
            raise WorkspaceError("core.no_such_evidence")
        if hashlib.sha256(blob.data).hexdigest() != record.sha256:
            raise WorkspaceError("core.evidence_damaged", name=record.name)
        return blob.data


def remove_evidence(
    ws: Workspace, actor: str, evidence_id: int
) -> tuple[EvidenceSnapshot, ChangeSet]:
    """Remove an evidence file (its bytes too, when nothing else uses them); returns what
    `restore_evidence` needs to put it back."""
    with ws.editing(actor) as s:
        record = s.get(EvidenceFileRecord, evidence_id)
        if record is None:
            raise WorkspaceError("core.no_such_evidence")
        blob = s.get(BlobRecord, record.sha256)
        snapshot = EvidenceSnapshot(
            EvidenceFile(
                record.id, record.item_id, record.name, record.sha256, record.size, record.added_at
            ),
            blob.data if blob is not None else b"",
        )
        s.delete(record)
        s.flush()
        _drop_unused_blobs(s, {snapshot.file.sha256})
    return snapshot, ChangeSet(items=frozenset({snapshot.file.item_id}))


def restore_evidence(ws: Workspace, actor: str, snapshot: EvidenceSnapshot) -> ChangeSet:
    """Put a removed evidence file back under its old id (undo of a remove, redo of an attach)."""
    with ws.editing(actor) as s:
        if s.get(AssessmentItemRecord, snapshot.file.item_id) is None:
            raise WorkspaceError("core.no_such_item", id=snapshot.file.item_id)
        if s.get(EvidenceFileRecord, snapshot.file.id) is not None:
            raise WorkspaceError("core.record_exists", id=snapshot.file.id)
        _put_evidence(s, snapshot)
    return ChangeSet(items=frozenset({snapshot.file.item_id}))


def item_states(
    ws: Workspace, item_ids: list[int] | set[int] | frozenset[int]
) -> dict[int, tuple[ItemAssessment, tuple[str, ...]]]:
    """Findings and evidence file names of several items, read in one session."""
    ids = sorted(item_ids)
    out: dict[int, tuple[ItemAssessment, tuple[str, ...]]] = {}
    with ws.reading() as s:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            files: dict[int, list[str]] = {}
            for item_id, fname in s.execute(
                select(EvidenceFileRecord.item_id, EvidenceFileRecord.name)
                .where(EvidenceFileRecord.item_id.in_(chunk))
                .order_by(EvidenceFileRecord.id)
            ):
                files.setdefault(item_id, []).append(fname)
            i = AssessmentItemRecord
            for row in s.execute(
                with_actions(select(i.id, *_finding_columns())).where(i.id.in_(chunk))
            ):
                item_id, item = row[0], _finding(row[1:])
                out[item_id] = (item, tuple(files.get(item_id, ())))
    return out


# -- scores ----------------------------------------------------------------------


def _items(ws: Workspace, assessment_id: int) -> list[ItemAssessment]:
    with ws.reading() as s:
        rows = s.execute(
            with_actions(select(*_finding_columns()).select_from(_ITEM)).where(
                _ITEM.c.assessment_id == assessment_id
            )
        )
        return [_finding(row) for row in rows]


def assessment_score(ws: Workspace, assessment_id: int) -> tuple[Score, dict[str, Score]]:
    items = _items(ws, assessment_id)
    return score(items), score_by_clause(items)


def assessment_progress(ws: Workspace, assessment_id: int) -> float:
    """Share of applicable requirements assessed, counted in the database (cheap on big checklists)."""
    from sqlalchemy import func

    with ws.reading() as s:
        counts = dict(
            s.execute(
                select(AssessmentItemRecord.status, func.count())
                .where(AssessmentItemRecord.assessment_id == assessment_id)
                .group_by(AssessmentItemRecord.status)
            ).all()
        )
    applicable = sum(n for st, n in counts.items() if st != Status.NOT_APPLICABLE.value)
    assessed = sum(
        counts.get(st.value, 0) for st in (Status.CONFORMING, Status.PARTIAL, Status.NONCONFORMING)
    )
    return assessed / applicable if applicable else (1.0 if counts else 0.0)


def assessment_readiness(
    ws: Workspace, assessment_id: int, today: dt.date | None = None
) -> Readiness | None:
    a = AssessmentRecord.__table__.c  # a Core column: cheaper to compile than `s.get`
    with ws.reading() as s:
        audit = s.scalar(select(a.audit_date).where(a.id == assessment_id))
    if audit is None:
        return None
    return readiness(_items(ws, assessment_id), audit, today or dt.date.today())


def compare_assessments(ws: Workspace, before_id: int, after_id: int) -> Comparison:
    return compare(_items(ws, before_id), _items(ws, after_id))


def item_values(item: ItemAssessment) -> dict[str, object]:
    """The item's editable fields as `assess_requirement` takes them."""
    a = item.action
    return {
        "status": item.status.value,
        "grade": item.grade.value,
        "na_justification": item.na_justification,
        "current_practice": item.current_practice,
        "evidence_notes": item.evidence_notes,
        "gap": item.gap,
        "action_text": a.text,
        "action_owner": a.owner,
        "action_due": a.due,
        "action_priority": a.priority.value,
        "action_state": a.state.value,
    }


@dataclass(frozen=True)
class OutlineRow:
    library_id: str
    ref: str
    parent_ref: str
    depth: int
    is_section: bool
    title_en: str
    title_zh: str

    def title(self, lang: str) -> str:
        return in_language(self.title_en, self.title_zh, lang)


@dataclass(frozen=True)
class LibraryInfo:
    id: str
    name_en: str
    name_zh: str
    version: str
    source: str
    requirements: int

    def name(self, lang: str) -> str:
        return in_language(self.name_en, self.name_zh, lang)


def workspace_libraries(ws: Workspace) -> list[LibraryInfo]:
    from sqlalchemy import func

    with ws.reading() as s:
        counts = dict(
            s.execute(
                select(RequirementRecord.library_id, func.count())
                .where(RequirementRecord.is_section.is_(False))
                .group_by(RequirementRecord.library_id)
            ).all()
        )
        return [
            LibraryInfo(r.id, r.name_en, r.name_zh, r.version, r.source, counts.get(r.id, 0))
            for r in s.scalars(select(LibraryRecord).order_by(LibraryRecord.id))
        ]


def library_sections(
    ws: Workspace, library_ids: Sequence[str]
) -> tuple[list[LibraryName], list[OutlineRow]]:
    """The names of several libraries, in the order given (those the workspace holds), and
    their sections (no requirements), each library in its order: all the Compare page's
    tree needs, read in two small queries."""
    r = RequirementRecord
    with ws.reading() as s:
        held = {
            row[0]: LibraryName(*row)
            for row in s.execute(
                select(LibraryRecord.id, LibraryRecord.name_en, LibraryRecord.name_zh).where(
                    LibraryRecord.id.in_(list(library_ids))
                )
            )
        }
        rows = s.execute(
            select(r.library_id, r.ref, r.parent_ref, r.depth, r.is_section, r.title_en, r.title_zh)
            .where(r.library_id.in_(list(library_ids)), r.is_section.is_(True))
            .order_by(r.library_id, r.position)
        )
        names = [held[i] if i in held else LibraryName(i, i, i) for i in library_ids]
        return names, [OutlineRow(*row) for row in rows]


@dataclass(frozen=True)
class LibraryName:
    id: str
    name_en: str
    name_zh: str

    def name(self, lang: str) -> str:
        return in_language(self.name_en, self.name_zh, lang)


def library_outline(ws: Workspace, library_id: str) -> list[OutlineRow]:
    with ws.reading() as s:
        rows = s.execute(
            select(
                RequirementRecord.library_id,
                RequirementRecord.ref,
                RequirementRecord.parent_ref,
                RequirementRecord.depth,
                RequirementRecord.is_section,
                RequirementRecord.title_en,
                RequirementRecord.title_zh,
            )
            .where(RequirementRecord.library_id == library_id)
            .order_by(RequirementRecord.position)
        )
        return [OutlineRow(*r) for r in rows]
