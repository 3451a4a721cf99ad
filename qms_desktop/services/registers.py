"""The registers of the steps: list, add, edit, delete and restore records, with the checks
that need other registers (references exist, people who left are not picked, a record still
pointed at is not deleted); pickers' choices; the plan design's single values; the
commitment check."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Exists, Select, exists, func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from qms_desktop.domain.attachments import AttachmentSnapshot
from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.messages import Message
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import (
    REGISTERS,
    Field,
    Register,
    ids_from_text,
    ids_to_text,
    validate_record,
)
from qms_desktop.services.attachments import put_back_attachments, take_attachments
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.models import REGISTER_MODELS, PlanDesignRecord, RegisterRow
from qms_desktop.storage.workspace import Workspace

if TYPE_CHECKING:
    from qms_desktop.domain.commitment import Rating, ServiceCommitment

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
    return Record(reg.key, row.id, {f.name: _read(f, getattr(row, f.name)) for f in reg.fields})


def _read(field: Field, stored: object) -> object:
    return ids_from_text(str(stored or "")) if field.kind == "references" else stored


def _write(row: RegisterRow, field: Field, value: object) -> None:
    if field.kind == "references":
        value = ids_to_text(value)  # type: ignore[arg-type]
    setattr(row, field.name, value)


def _changes(reg: Register) -> ChangeSet:
    return ChangeSet(steps=frozenset({reg.step.value}), registers=frozenset({reg.key}))


def _money(ws: Workspace, reg: Register, values: dict[str, object]) -> dict[str, object]:
    """Amounts of quality cost and revenue read in the workspace's one currency (its own sign
    accepted, another currency's refused); other registers' values as they are."""
    # imported here: the quality-cost and commitment modules (~4 ms) are not needed to open
    # a workspace, which reads registers
    from qms_desktop.domain.quality_cost import MONEY_FIELDS

    if reg.key not in MONEY_FIELDS:
        return values
    from qms_desktop.services.quality_cost import read_money

    return read_money(ws, reg.key, values)


def list_records(ws: Workspace, key: str) -> list[Record]:
    reg, model = _register(key)
    # the stored values as rows, not as ORM objects: SQLAlchemy compiles a plain select of
    # the table's columns in half the time of an entity's (the first read of each register
    # in a process compiles its statement), and no objects are made and thrown away
    with ws.reading() as s:
        rows = s.execute(_listing(reg, model)).all()
    fields = reg.fields
    return [
        Record(
            key, int(row[0]), {f.name: _read(f, v) for f, v in zip(fields, row[1:], strict=True)}
        )
        for row in rows
    ]


def _listing(reg: Register, model: type[RegisterRow]) -> Select[Any]:
    """A register's records in its order: the id, then each field's stored value."""
    c = sa_inspect(model).columns  # Core columns (an ORM attribute compiles as slowly as an entity)
    return select(c.id, *(c[f.name] for f in reg.fields)).order_by(c.position, c.id)


def any_record(key: str, **stored: object) -> Exists:
    """A clause true when register `key` holds a record (with these stored values), so that
    one statement asks it of several registers: `select(any_record("a"), any_record("b"))`."""
    table = sa_inspect(_register(key)[1]).local_table
    return exists().select_from(table).where(*(table.c[n] == v for n, v in stored.items()))


def reference_choices(
    ws: Workspace, key: str, *, include_left: bool = False
) -> list[tuple[int, str]]:
    """What a reference field pointing at register `key` may pick: (id, label) in the
    register's order; people who left are left out unless `include_left`."""
    reg, model = _register(key)
    with ws.reading() as s:
        rows = s.scalars(select(model).order_by(model.position, model.id))
        return [
            (r.id, reg.label({f.name: getattr(r, f.name) for f in reg.fields}))
            for r in rows
            if include_left or getattr(r, "state", "") != "left" or key != "person"
        ]


def record_labels(ws: Workspace, key: str) -> dict[int, str]:
    """Every record's label by id (people who left included), to show a stored reference."""
    return dict(reference_choices(ws, key, include_left=True))


def _check_references(
    s: Session,
    reg: Register,
    cleaned: dict[str, object],
    before: dict[str, object] | None = None,
    record_id: int | None = None,
) -> None:
    """Each reference points at a record that exists; a person newly picked has not left;
    a role does not report to itself; a matrix cell is not there twice."""
    for f in reg.references():
        value = cleaned[f.name]
        ids = value if isinstance(value, tuple) else (() if value is None else (value,))
        if not ids:
            continue
        model = REGISTER_MODELS[f.ref]
        rows = {r.id: r for r in s.scalars(select(model).where(model.id.in_(ids)))}
        for i in ids:
            if i not in rows:
                raise ValidationError(f.name, "allocation.reference_gone", id=i)
        if f.ref == "person":
            old = (before or {}).get(f.name)
            kept = set(old) if isinstance(old, tuple) else {old}
            for i in ids:
                if i not in kept and getattr(rows[i], "state", "") == "left":
                    raise ValidationError(f.name, "allocation.person_left", name=rows[i].name)  # type: ignore[attr-defined]
    if reg.key == "role" and cleaned["reports_to"] is not None:
        from qms_desktop.domain.allocation import reporting_loop
        from qms_desktop.storage.models import RoleRecord

        chain = {r.id: r.reports_to for r in s.scalars(select(RoleRecord))}
        if record_id is not None and (
            cleaned["reports_to"] == record_id
            or reporting_loop(record_id, cleaned["reports_to"], chain)  # type: ignore[arg-type]
        ):
            raise ValidationError("reports_to", "allocation.reporting_loop")
    if reg.key == "responsibility":
        from qms_desktop.storage.models import ResponsibilityRecord as Cell

        same = select(Cell.id).where(
            Cell.role == cleaned["role"],
            Cell.process.is_(None)
            if cleaned["process"] is None
            else Cell.process == cleaned["process"],
            Cell.element.is_(None)
            if cleaned["element"] is None
            else Cell.element == cleaned["element"],
        )
        if record_id is not None:
            same = same.where(Cell.id != record_id)
        if s.scalar(same) is not None:
            raise ValidationError("assignment", "allocation.cell_taken")
    if reg.key == "survey_item":
        check_item_code(s, cleaned, record_id)
    if reg.key == "survey_response":
        _check_response_item(s, cleaned)
    if reg.key == "recovery" and cleaned["catalogue_token"] is not None:
        check_token_limit(s, cleaned)
    if reg.key in ("qc_circle", "qc_project"):
        from qms_desktop.services.circles import check_circle_record

        check_circle_record(s, reg.key, cleaned, before, record_id)
    if reg.key == "internal_audit":
        from qms_desktop.services.audits import check_audit_in

        check_audit_in(s, cleaned, record_id)


def check_item_code(s: Session, cleaned: dict[str, object], record_id: int | None) -> None:
    """An item's code names one item of its survey (responses name their item by it, read
    as the import reads it: case, width and spacing folded)."""
    from qms_desktop.services.sheet_text import fold
    from qms_desktop.storage.models import SurveyItemRecord as Item

    wanted = fold(str(cleaned["code"]))
    others = select(Item.code).where(Item.survey == cleaned["survey"], Item.id != (record_id or 0))
    for code in s.scalars(others):
        if fold(code) == wanted:
            raise ValidationError(
                "code", "operate.item_code_taken", code=cleaned["code"], other=code
            )


def item_code_clash(rows: list[dict[str, object]]) -> tuple[int, ValidationError] | None:
    """Several items written together (a file's rows) sharing a code within a survey: the
    later one's index and its refusal, or None."""
    from qms_desktop.services.sheet_text import fold

    seen: dict[tuple[object, str], str] = {}
    for n, v in enumerate(rows):
        key = (v["survey"], fold(str(v["code"])))
        if key in seen:
            return n, ValidationError(
                "code", "operate.item_code_taken", code=v["code"], other=seen[key]
            )
        seen[key] = str(v["code"])
    return None


def check_token_limit(s: Session, cleaned: dict[str, object]) -> None:
    """A token from the catalogue is worth no more than its role may grant."""
    from qms_desktop.storage.models import RecoveryTokenRecord, RoleRecord

    token = s.get(RecoveryTokenRecord, cleaned["catalogue_token"])
    value = cleaned["token_value"]
    if token is None or token.value_limit is None or value is None:
        return
    if float(value) > token.value_limit:  # type: ignore[arg-type]
        role = s.get(RoleRecord, token.role)
        raise ValidationError(
            "token_value",
            "operate.token_beyond_role_limit",
            value=value,
            limit=token.value_limit,
            token=token.token,
            role=role.title if role is not None else "—",
        )


def _check_response_item(s: Session, cleaned: dict[str, object]) -> None:
    from qms_desktop.storage.models import SurveyItemRecord as Item

    item = s.get(Item, cleaned["item"])
    if item is not None and item.survey != cleaned["survey"]:
        raise ValidationError("item", "operate.item_of_other_survey", item=item.code)


def _uses(s: Session, key: str, record_id: int) -> list[Message]:
    """What still points at record `record_id` of register `key`."""
    found: list[Message] = []
    for other in REGISTERS.values():
        fields = [f for f in other.references() if f.ref == key]
        if not fields:
            continue
        model = REGISTER_MODELS[other.key]
        for row in s.scalars(select(model).order_by(model.position, model.id)):
            values = {f.name: _read(f, getattr(row, f.name)) for f in other.fields}
            hit = any(
                record_id in v if isinstance(v, tuple) else v == record_id
                for v in (values[f.name] for f in fields)
            )
            if not hit or (other.key == key and row.id == record_id):
                continue
            found.append(Message(f"allocation.used_by_{other.key}", {"label": other.label(values)}))
    if key == "internal_audit":  # a started audit keeps its checklist: cancel it instead
        from qms_desktop.services.audits import audit_uses

        found += audit_uses(s, record_id)
    cells = [m for m in found if m.code == "allocation.used_by_responsibility"]
    if cells:
        found = [m for m in found if m.code != "allocation.used_by_responsibility"]
        found.append(Message("allocation.used_by_responsibility", {"count": len(cells)}))
    return found


def check_record(
    ws: Workspace, key: str, values: dict[str, object], record_id: int | None = None
) -> dict[str, object]:
    """Validate a whole record as `add_record`/`update_record` would, without writing
    (`record_id`: the record being edited, whose stored values count as already picked)."""
    reg, model = _register(key)
    cleaned = validate_record(reg, _money(ws, reg, values))
    with ws.reading() as s:
        before = None
        if record_id is not None and (row := s.get(model, record_id)) is not None:
            before = _to_record(reg, row).values
        _check_references(s, reg, cleaned, before, record_id)
    return cleaned


def add_record(
    ws: Workspace, actor: str, key: str, values: dict[str, object], record_id: int | None = None
) -> tuple[Record, ChangeSet]:
    """Add a record (or put back a deleted one under its old id, for undo)."""
    reg, model = _register(key)
    cleaned = validate_record(reg, _money(ws, reg, values))
    with ws.editing(actor) as s:
        _check_references(s, reg, cleaned, None, record_id)
        if record_id is not None and s.get(model, record_id) is not None:
            raise WorkspaceError("core.record_exists", id=record_id)
        position = (s.scalar(select(func.max(model.position))) or 0) + 1
        row = model()
        for f in reg.fields:
            _write(row, f, cleaned[f.name])
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
    values = _money(ws, reg, values)
    with ws.editing(actor) as s:
        row = s.get(model, record_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        current = _to_record(reg, row).values
        for name in values:
            reg.field(name)
        cleaned = validate_record(reg, {**current, **values})
        _check_references(s, reg, cleaned, current, record_id)
        for f in reg.fields:  # rules may fill a field left empty (a calibration's next date)
            if name_changed(f.name, values, current, cleaned):
                _write(row, f, cleaned[f.name])
        s.flush()
        record = _to_record(reg, row)
    return record, _changes(reg)


def name_changed(
    name: str, values: dict[str, object], current: dict[str, object], cleaned: dict[str, object]
) -> bool:
    return name in values or cleaned[name] != current[name]


def delete_record(ws: Workspace, actor: str, key: str, record_id: int) -> tuple[Record, ChangeSet]:
    """Delete a record; returns what it held so an undo can put it back. A record other
    records point at is refused, naming them (a person: the roles they fill, the sessions
    they attended — mark them as left instead)."""
    reg, model = _register(key)
    with ws.editing(actor) as s:
        row = s.get(model, record_id)
        if row is None:
            raise WorkspaceError("core.record_gone")
        record = _to_record(reg, row)
        uses = _uses(s, key, record_id)
        if uses and key == "person":
            raise WorkspaceError(
                "allocation.person_in_use", name=reg.label(record.values), uses=uses
            )
        if uses:
            raise WorkspaceError(
                "allocation.record_in_use", name=reg.label(record.values), uses=uses
            )
        record = replace(record, files=take_attachments(s, key, [record_id]))
        s.delete(row)
    return record, _changes(reg)


# -- several records at once (one transaction, one undo step) -------------------------------


def delete_records(
    ws: Workspace, actor: str, key: str, record_ids: list[int], *, with_cells: bool = False
) -> tuple[list[Record], ChangeSet]:
    """Delete several records of one register in one transaction; returns what they held
    (for `restore_records`). A record still pointed at by a record not deleted with it is
    refused, naming what points at it, and nothing is deleted. `with_cells`: the
    responsibility-matrix cells of deleted roles go with them (and are returned first)."""
    reg, model = _register(key)
    removed: list[Record] = []
    touched = {reg.key}
    with ws.editing(actor) as s:
        rows = []
        for record_id in dict.fromkeys(record_ids):
            row = s.get(model, record_id)
            if row is None:
                raise WorkspaceError("core.record_gone")
            rows.append(row)
        if with_cells and key == "role":
            cells_reg, cells_model = _register("responsibility")
            ids = [r.id for r in rows]
            for cell in s.scalars(
                select(cells_model)
                .where(cells_model.role.in_(ids))  # type: ignore[attr-defined]
                .order_by(cells_model.position, cells_model.id)
            ):
                removed.append(_to_record(cells_reg, cell))
                touched.add(cells_reg.key)
                s.delete(cell)
        files: dict[int, list[AttachmentSnapshot]] = {}
        for snap in take_attachments(s, key, [r.id for r in rows]):
            files.setdefault(snap.file.record_id, []).append(snap)
        for row in rows:  # their attachments go with them, and come back with them
            removed.append(replace(_to_record(reg, row), files=tuple(files.get(row.id, ()))))
            s.delete(row)
        s.flush()
        for row in rows:  # what still points at them once they are all gone
            uses = _uses(s, key, row.id)
            if uses:
                code = "allocation.person_in_use" if key == "person" else "allocation.record_in_use"
                label = reg.label(_to_record(reg, row).values)
                raise WorkspaceError(code, name=label, uses=uses)
    return removed, _changes_of(touched)


def restore_records(ws: Workspace, actor: str, records: list[Record]) -> ChangeSet:
    """Put deleted records back under their ids in one transaction (the undo of
    `delete_records`); their references are checked once all of them are back."""
    touched: set[str] = set()
    with ws.editing(actor) as s:
        restored = []
        for record in records:
            reg, model = _register(record.register)
            cleaned = validate_record(reg, dict(record.values))
            if s.get(model, record.id) is not None:
                raise WorkspaceError("core.record_exists", id=record.id)
            row = model()
            row.id = record.id
            for f in reg.fields:
                _write(row, f, cleaned[f.name])
            row.position = (s.scalar(select(func.max(model.position))) or 0) + 1
            s.add(row)
            s.flush()
            put_back_attachments(s, record.files)
            restored.append((reg, cleaned, record.id))
            touched.add(reg.key)
        for reg, cleaned, record_id in restored:  # a person who left may come back with them
            _check_references(s, reg, cleaned, cleaned, record_id)
    return _changes_of(touched)


def update_records(
    ws: Workspace, actor: str, key: str, changes: list[tuple[int, dict[str, object]]]
) -> tuple[list[tuple[int, dict[str, object]]], ChangeSet]:
    """Change fields of several records of one register in one transaction (all or none);
    returns the fields as they were, for undo."""
    reg, model = _register(key)
    changes = [(record_id, _money(ws, reg, values)) for record_id, values in changes]
    inverse: list[tuple[int, dict[str, object]]] = []
    with ws.editing(actor) as s:
        for record_id, values in changes:
            row = s.get(model, record_id)
            if row is None:
                raise WorkspaceError("core.record_gone")
            current = _to_record(reg, row).values
            for name in values:
                reg.field(name)
            cleaned = validate_record(reg, {**current, **values})
            _check_references(s, reg, cleaned, current, record_id)
            before = {}
            for f in reg.fields:
                if name_changed(f.name, values, current, cleaned):
                    before[f.name] = current[f.name]
                    _write(row, f, cleaned[f.name])
            inverse.append((record_id, before))
            s.flush()
    inverse.reverse()
    return inverse, _changes(reg)


def _changes_of(keys: set[str]) -> ChangeSet:
    return ChangeSet(
        steps=frozenset(REGISTERS[k].step.value for k in keys), registers=frozenset(keys)
    )


# -- the plan design -------------------------------------------------------------------


def get_plan(ws: Workspace) -> dict[str, str]:
    c = sa_inspect(PlanDesignRecord).columns  # a row of Core columns: cheaper to compile
    with ws.reading() as s:
        row = s.execute(select(*(c[n] for n in PLAN_FIELDS)).where(c.id == 1)).first()
    return {name: (row[i] if row else "") for i, name in enumerate(PLAN_FIELDS)}


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
    from qms_desktop.domain.commitment import ServiceCommitment

    p = get_plan(ws)
    return ServiceCommitment(
        p["commitment_promise"],
        p["commitment_covers"],
        p["commitment_remedy"],
        p["commitment_invoke"],
    )


def rate_commitment(ws: Workspace) -> Rating:
    from qms_desktop.domain.commitment import check_commitment

    return check_commitment(commitment(ws))
