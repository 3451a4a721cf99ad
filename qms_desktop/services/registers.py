"""The registers of the Summarise, Study and Plan steps: list, add, edit, delete and
restore records; the plan design's single values; the commitment check."""

from __future__ import annotations

from sqlalchemy import func, select

from qms_desktop.domain.commitment import Rating, ServiceCommitment, check_commitment
from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import REGISTERS, Register, validate_record
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.models import REGISTER_MODELS, PlanDesignRecord, RegisterRow
from qms_desktop.storage.workspace import Workspace

PLAN_FIELDS = (
    "target_customers",
    "offerings",
    "service_level",
    "quality_policy",
    "numbering_scheme",
    "service_environment",
    "commitment_promise",
    "commitment_covers",
    "commitment_remedy",
    "commitment_invoke",
)


def _register(key: str) -> tuple[Register, type[RegisterRow]]:
    if key not in REGISTERS:
        raise ValidationError("register", "core.no_such_register", register=key)
    return REGISTERS[key], REGISTER_MODELS[key]


def _to_record(reg: Register, row: RegisterRow) -> Record:
    return Record(reg.key, row.id, {f.name: getattr(row, f.name) for f in reg.fields})


def _changes(reg: Register) -> ChangeSet:
    return ChangeSet(steps=frozenset({reg.step.value}), registers=frozenset({reg.key}))


def list_records(ws: Workspace, key: str) -> list[Record]:
    reg, model = _register(key)
    with ws.reading() as s:
        return [
            _to_record(reg, r) for r in s.scalars(select(model).order_by(model.position, model.id))
        ]


def _check_attendees(s: object, key: str, cleaned: dict[str, object]) -> None:
    """Training attendees are the organisation's people, once the people register is filled."""
    if key != "training":
        return
    from qms_desktop.domain.registers import unknown_attendees
    from qms_desktop.storage.models import PersonRecord

    people = [str(n) for n in s.scalars(select(PersonRecord.name))]  # type: ignore[attr-defined]
    unknown = unknown_attendees(str(cleaned.get("attendees") or ""), people)
    if unknown:
        raise ValidationError("attendees", "core.attendees_not_people", names=unknown[:5])


def check_record(ws: Workspace, key: str, values: dict[str, object]) -> dict[str, object]:
    """Validate a whole record as `add_record`/`update_record` would, without writing."""
    reg, _ = _register(key)
    cleaned = validate_record(reg, values)
    with ws.reading() as s:
        _check_attendees(s, key, cleaned)
    return cleaned


def add_record(
    ws: Workspace, actor: str, key: str, values: dict[str, object], record_id: int | None = None
) -> tuple[Record, ChangeSet]:
    """Add a record (or put back a deleted one under its old id, for undo)."""
    reg, model = _register(key)
    cleaned = validate_record(reg, values)
    with ws.editing(actor) as s:
        _check_attendees(s, key, cleaned)
        if record_id is not None and s.get(model, record_id) is not None:
            raise WorkspaceError("core.record_exists", id=record_id)
        position = (s.scalar(select(func.max(model.position))) or 0) + 1
        row = model(**cleaned)
        row.position = position
        if record_id is not None:
            row.id = record_id
        s.add(row)
        s.flush()
        record = _to_record(reg, row)
    return record, _changes(reg)


def update_record(
    ws: Workspace, actor: str, key: str, record_id: int, **values: object
) -> tuple[Record, ChangeSet]:
    """Change fields of one record; the whole record is validated as it would be stored."""
    reg, model = _register(key)
    with ws.editing(actor) as s:
        row = s.get(model, record_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        current = {f.name: getattr(row, f.name) for f in reg.fields}
        for name in values:
            reg.field(name)
        cleaned = validate_record(reg, {**current, **values})
        if "attendees" in values:
            _check_attendees(s, key, cleaned)
        for name in values:
            setattr(row, name, cleaned[name])
        s.flush()
        record = _to_record(reg, row)
    return record, _changes(reg)


def delete_record(ws: Workspace, actor: str, key: str, record_id: int) -> tuple[Record, ChangeSet]:
    """Delete a record; returns what it held so an undo can put it back."""
    reg, model = _register(key)
    with ws.editing(actor) as s:
        row = s.get(model, record_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        record = _to_record(reg, row)
        s.delete(row)
    return record, _changes(reg)


# -- the plan design -------------------------------------------------------------------


def get_plan(ws: Workspace) -> dict[str, str]:
    with ws.reading() as s:
        row = s.get(PlanDesignRecord, 1)
        return {name: (getattr(row, name) if row else "") for name in PLAN_FIELDS}


def update_plan(ws: Workspace, actor: str, **values: str) -> tuple[dict[str, str], ChangeSet]:
    for name, value in values.items():
        if name not in PLAN_FIELDS:
            raise ValidationError(name, "core.no_such_field", field=name)
        if not isinstance(value, str):
            raise ValidationError(name, "core.must_be_text")
        if len(value) > 1_000_000:
            raise ValidationError(name, "core.text_too_long", limit=1_000_000)
    with ws.editing(actor) as s:
        row = s.get(PlanDesignRecord, 1)
        if row is None:
            row = PlanDesignRecord(id=1, **{n: "" for n in PLAN_FIELDS})
            s.add(row)
        for name, value in values.items():
            setattr(row, name, value)
        s.flush()
        plan = {name: getattr(row, name) for name in PLAN_FIELDS}
    from qms_desktop.domain.steps import Step

    return plan, ChangeSet(steps=frozenset({Step.PLAN.value}), registers=frozenset({"plan"}))


def commitment(ws: Workspace) -> ServiceCommitment:
    p = get_plan(ws)
    return ServiceCommitment(
        p["commitment_promise"],
        p["commitment_covers"],
        p["commitment_remedy"],
        p["commitment_invoke"],
    )


def rate_commitment(ws: Workspace) -> Rating:
    return check_commitment(commitment(ws))
