"""Use cases of the Allocate and Strengthen steps beyond plain register edits: the
responsibility matrix (read, set cells), roles suggested by the Plan step, training coverage
and attendee matching, calibration due dates, the starting list of basic management work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qms_desktop.domain.allocation import (
    TARGET_KINDS,
    MatrixRole,
    MatrixTarget,
    ResponsibilityMatrix,
    TrainingCoverage,
    calibration_status,
    match_names,
    role_filled,
)
from qms_desktop.domain.allocation import (
    training_coverage as coverage_of,
)
from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import (
    BASIC_WORK,
    BASIC_WORK_AREAS,
    RACI,
    ROLES,
    ids_from_text,
    ids_to_text,
)
from qms_desktop.domain.steps import Step
from qms_desktop.services.changes import ChangeSet
from qms_desktop.services.registers import list_records
from qms_desktop.storage.models import (
    BasicWorkRecord,
    ElementRecord,
    PersonRecord,
    ProcessRecord,
    ResponsibilityRecord,
    RoleRecord,
    TrainingRecord,
)
from qms_desktop.storage.workspace import Workspace

# A cell of the matrix as the services take and give it: (role id, target kind, target id,
# letter); the letter "" is an empty cell.
Cell = tuple[int, str, int, str]

_ALLOCATE = frozenset({Step.ALLOCATE.value})


def _people(s: Session) -> dict[int, dict[str, object]]:
    p = PersonRecord.__table__.c  # rows of Core columns: cheaper to compile than entities
    return {
        id_: {"name": name, "role": role, "department": department, "state": state}
        for id_, name, role, department, state in s.execute(
            select(p.id, p.name, p.role, p.department, p.state).order_by(p.position, p.id)
        )
    }


# -- the responsibility matrix ---------------------------------------------------------------


def responsibility_matrix(ws: Workspace) -> ResponsibilityMatrix:
    """Roles (register order) down; processes, then the elements the Plan step adopted,
    across; the letters recorded. `matrix.problems()` says what is missing."""
    with ws.reading() as s:
        people = _people(s)
        roles = tuple(
            MatrixRole(
                r.id,
                r.title,
                str(people[r.appointee]["name"]) if r.appointee in people else "",
                role_filled({"appointee": r.appointee}, people),
            )
            for r in s.scalars(select(RoleRecord).order_by(RoleRecord.position, RoleRecord.id))
        )
        targets = tuple(
            MatrixTarget("process", p.id, p.name)
            for p in s.scalars(
                select(ProcessRecord).order_by(ProcessRecord.position, ProcessRecord.id)
            )
        ) + tuple(
            MatrixTarget("element", e.id, e.element)
            for e in s.scalars(
                select(ElementRecord)
                .where(ElementRecord.adopted == "yes")
                .order_by(ElementRecord.position, ElementRecord.id)
            )
        )
        cells = {
            (
                c.role,
                ("process", c.process) if c.process is not None else ("element", c.element),
            ): c.assignment
            for c in s.scalars(select(ResponsibilityRecord))
        }
    return ResponsibilityMatrix(roles, targets, cells)  # type: ignore[arg-type]


def _clean_cell(cell: Cell) -> Cell:
    role_id, kind, target_id, letter = cell
    letter = str(letter or "").strip().upper()
    if letter not in RACI and letter != "":
        raise ValidationError("assignment", "allocation.not_raci", value=str(cell[3]))
    if kind not in TARGET_KINDS:
        raise ValidationError("assignment", "allocation.not_a_target", kind=str(kind))
    return (int(role_id), kind, int(target_id), letter)


def set_responsibilities(
    ws: Workspace, actor: str, cells: Sequence[Cell]
) -> tuple[list[Cell], ChangeSet]:
    """Write matrix cells (a letter R/A/C/I, or "" to empty the cell) in one transaction and
    return the cells as they were before, for undo. A role, process or element that does
    not exist, or a letter that is not R/A/C/I, refuses the whole call."""
    cleaned = [_clean_cell(c) for c in cells]
    previous: list[Cell] = []
    with ws.editing(actor) as s:
        for role_id, kind, target_id, letter in cleaned:
            if s.get(RoleRecord, role_id) is None:
                raise ValidationError("role", "allocation.reference_gone", id=role_id)
            model = ProcessRecord if kind == "process" else ElementRecord
            if s.get(model, target_id) is None:
                raise ValidationError(kind, "allocation.reference_gone", id=target_id)
            column = (
                ResponsibilityRecord.process if kind == "process" else ResponsibilityRecord.element
            )
            row = s.scalar(
                select(ResponsibilityRecord).where(
                    ResponsibilityRecord.role == role_id, column == target_id
                )
            )
            previous.append((role_id, kind, target_id, row.assignment if row else ""))
            if row is not None and letter == "":
                s.delete(row)
            elif row is not None:
                row.assignment = letter
            elif letter:
                position = (s.scalar(select(func.max(ResponsibilityRecord.position))) or 0) + 1
                s.add(
                    ResponsibilityRecord(
                        role=role_id,
                        process=target_id if kind == "process" else None,
                        element=target_id if kind == "element" else None,
                        assignment=letter,
                        position=position,
                    )
                )
            s.flush()
    previous.reverse()  # undo writes them back last-first, so a cell set twice ends as it began
    return previous, ChangeSet(steps=_ALLOCATE, registers=frozenset({"responsibility"}))


# -- roles suggested by the Plan step --------------------------------------------------------


@dataclass(frozen=True)
class SuggestedRole:
    """A role the Plan step names (a process's owner, an element's responsible role) that the
    roles register does not hold yet."""

    title: str
    kind: str  # a ROLE_KINDS value
    processes: tuple[str, ...]  # the processes it owns
    elements: tuple[str, ...]  # the elements it answers for


def suggested_roles(ws: Workspace) -> list[SuggestedRole]:
    """Process owners and element responsibles not yet in the roles register (by title, case
    and outer spaces aside), in the Plan step's order."""
    with ws.reading() as s:
        have = {r.title.strip().casefold() for r in s.scalars(select(RoleRecord))}
        found: dict[str, tuple[str, list[str], list[str]]] = {}
        for p in s.scalars(
            select(ProcessRecord).order_by(ProcessRecord.position, ProcessRecord.id)
        ):
            title = p.owner.strip()
            if title and title.casefold() not in have:
                found.setdefault(title.casefold(), (title, [], []))[1].append(p.name)
        for e in s.scalars(
            select(ElementRecord)
            .where(ElementRecord.adopted == "yes")
            .order_by(ElementRecord.position, ElementRecord.id)
        ):
            title = e.responsible.strip()
            if title and title.casefold() not in have:
                found.setdefault(title.casefold(), (title, [], []))[2].append(e.element)
    return [
        SuggestedRole(title, "process_owner" if procs else "other_role", tuple(procs), tuple(els))
        for title, procs, els in found.values()
    ]


def add_suggested_roles(
    ws: Workspace, actor: str, titles: Sequence[str]
) -> tuple[list[Record], ChangeSet]:
    """Add the suggested roles named (others are ignored) in one transaction, each made
    accountable (A) for the processes it owns and the elements it answers for where no role
    is accountable yet. Returns the roles added."""
    wanted = {t.strip().casefold() for t in titles}
    chosen = [r for r in suggested_roles(ws) if r.title.casefold() in wanted]
    added: list[Record] = []
    with ws.editing(actor) as s:
        position = s.scalar(select(func.max(RoleRecord.position))) or 0
        cell_position = s.scalar(select(func.max(ResponsibilityRecord.position))) or 0
        accountable = {
            ("process", c.process) if c.process is not None else ("element", c.element)
            for c in s.scalars(
                select(ResponsibilityRecord).where(ResponsibilityRecord.assignment == "A")
            )
        }
        processes = {p.name.strip().casefold(): p.id for p in s.scalars(select(ProcessRecord))}
        elements = {e.element.strip().casefold(): e.id for e in s.scalars(select(ElementRecord))}
        for suggestion in chosen:
            position += 1
            values = ROLES.blank()
            values.update(title=suggestion.title, kind=suggestion.kind)
            if suggestion.kind == "process_owner":
                values["level"] = "middle"
            row = RoleRecord(**values, position=position)
            s.add(row)
            s.flush()
            added.append(
                Record("role", row.id, {f.name: getattr(row, f.name) for f in ROLES.fields})
            )
            targets = [("process", processes.get(n.casefold())) for n in suggestion.processes]
            targets += [("element", elements.get(n.casefold())) for n in suggestion.elements]
            for kind, target_id in targets:
                if target_id is None or (kind, target_id) in accountable:
                    continue
                accountable.add((kind, target_id))
                cell_position += 1
                s.add(
                    ResponsibilityRecord(
                        role=row.id,
                        process=target_id if kind == "process" else None,
                        element=target_id if kind == "element" else None,
                        assignment="A",
                        position=cell_position,
                    )
                )
            s.flush()
    return added, ChangeSet(steps=_ALLOCATE, registers=frozenset({"role", "responsibility"}))


# -- training coverage ---------------------------------------------------------------------------


def training_coverage(ws: Workspace) -> TrainingCoverage:
    """Who attended which sessions, per role who is trained and who is not, which planned
    study is completed (by the plan or by attendance), and attendee names matching nobody."""
    with ws.reading() as s:
        people = _people(s)
        t = TrainingRecord.__table__.c
        sessions = [
            (
                row.id,
                {
                    "topic": row.topic,
                    "hours": row.hours,
                    "standard": row.standard,
                    "participants": ids_from_text(row.participants),
                    "unmatched_attendees": row.unmatched_attendees,
                },
            )
            for row in s.execute(
                select(
                    t.id, t.topic, t.hours, t.standard, t.participants, t.unmatched_attendees
                ).order_by(t.position, t.id)
            )
        ]
    plan = [r.values for r in list_records(ws, "study_plan")]
    return coverage_of(people, sessions, plan)


def match_attendees(ws: Workspace, actor: str) -> tuple[int, ChangeSet]:
    """Move unmatched attendee names that now name a person into the sessions' participants
    (one transaction); returns how many names were matched."""
    matched = 0
    with ws.editing(actor) as s:
        people = _people(s)
        for t in s.scalars(select(TrainingRecord).where(TrainingRecord.unmatched_attendees != "")):
            found, missing = match_names(t.unmatched_attendees.splitlines(), people)
            if not found:
                continue
            ids = ids_from_text(t.participants)
            new = tuple(dict.fromkeys((*ids, *found)))
            matched += len(t.unmatched_attendees.split("\n")) - len(missing)
            t.participants = ids_to_text(new)
            t.unmatched_attendees = "\n".join(missing)
        s.flush()
    return matched, ChangeSet(
        steps=frozenset({Step.STUDY.value}), registers=frozenset({"training"})
    )


# -- facilities and equipment ------------------------------------------------------------


def calibration_states(ws: Workspace, today: dt.date | None = None) -> dict[int, str]:
    """Facility id -> "overdue" / "due_soon" / "ok" for measuring equipment in use with a next
    calibration date (see domain.allocation.calibration_status); others are left out."""
    today = today or dt.date.today()
    found: dict[int, str] = {}
    for record in list_records(ws, "facility"):
        state = calibration_status(record.values, today)
        if state:
            found[record.id] = state
    return found


# -- the basic management work -----------------------------------------------------------


def add_starting_areas(ws: Workspace, actor: str, lang: str) -> tuple[list[Record], ChangeSet]:
    """Add the six starting areas of basic management work (in `lang`, with the requirement
    each shores up) that the register does not hold yet, in one transaction."""
    added: list[Record] = []
    with ws.editing(actor) as s:
        have = {r.area.strip().casefold() for r in s.scalars(select(BasicWorkRecord))}
        position = s.scalar(select(func.max(BasicWorkRecord.position))) or 0
        for en, zh, ref in BASIC_WORK_AREAS:
            if en.casefold() in have or zh.casefold() in have:
                continue
            position += 1
            values = BASIC_WORK.blank()
            values.update(
                area=zh if lang == "zh_CN" else en, state="open", requirement=ref, owner=None
            )
            row = BasicWorkRecord(**values, position=position)
            s.add(row)
            s.flush()
            added.append(
                Record(
                    "basic_work", row.id, {f.name: getattr(row, f.name) for f in BASIC_WORK.fields}
                )
            )
    if not added:
        return added, ChangeSet()
    return added, ChangeSet(
        steps=frozenset({Step.STRENGTHEN.value}), registers=frozenset({"basic_work"})
    )
