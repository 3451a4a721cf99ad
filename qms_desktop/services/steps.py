"""Reading and updating the state of the eight steps."""

from __future__ import annotations

import datetime as dt

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.steps import Step, StepState, StepStatus, step_progress, validate_sign_off
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.models import StepRecord
from qms_desktop.storage.workspace import Workspace


def _to_state(row: StepRecord) -> StepState:
    return StepState(
        Step(row.step), StepStatus(row.status), row.signed_off_by, row.signed_off_on, row.notes
    )


def get_step_states(ws: Workspace) -> dict[Step, StepState]:
    with ws.reading() as s:
        rows = {r.step: r for r in s.query(StepRecord)}
        return {
            step: _to_state(rows[step.value]) if step.value in rows else StepState(step)
            for step in Step
        }


def record_progress(ws: Workspace) -> dict[Step, float]:
    """Each step's "done when" rule measured on its records, where the step has records."""
    from qms_desktop.domain.registers import study_progress, summarise_progress
    from qms_desktop.services.checklist import assessment_progress, list_assessments
    from qms_desktop.services.registers import list_records

    found: dict[Step, float] = {}
    lessons = summarise_progress([r.values for r in list_records(ws, "lesson")])
    if lessons is not None:
        found[Step.SUMMARISE] = lessons
    study = study_progress([r.values for r in list_records(ws, "study_plan")])
    if study is not None:
        found[Step.STUDY] = study
    assessments = list_assessments(ws)
    if assessments:
        found[Step.COMPARE] = assessment_progress(ws, assessments[-1].id)
    return found


def get_step_progress(ws: Workspace) -> dict[Step, float]:
    """Progress per step: the step's records where it has them, else its status."""
    return get_step_overview(ws)[1]


def get_step_overview(ws: Workspace) -> tuple[dict[Step, StepState], dict[Step, float]]:
    """Each step's state and progress, read once (the navigator shows both after every edit)."""
    measured = record_progress(ws)
    states = get_step_states(ws)
    return states, {
        step: step_progress(state, measured.get(step)) for step, state in states.items()
    }


def update_step(
    ws: Workspace,
    actor: str,
    step: Step,
    *,
    status: StepStatus | None = None,
    signed_off_by: str | None = None,
    signed_off_on: dt.date | None | str = "",
    notes: str | None = None,
) -> tuple[StepState, ChangeSet]:
    """Change a step's status, sign-off or notes. Arguments left out keep their value."""
    with ws.editing(actor) as s:
        row = s.get(StepRecord, step.value)
        if row is None:
            row = StepRecord(step=step.value, status="not_started", signed_off_by="", notes="")
            s.add(row)
        new_status = status if status is not None else StepStatus(row.status)
        new_by = signed_off_by if signed_off_by is not None else row.signed_off_by
        new_on = row.signed_off_on if signed_off_on == "" else signed_off_on
        if isinstance(new_on, str):
            raise ValidationError("signed_off_on", "core.must_be_date", value=new_on)
        validate_sign_off(new_status, new_by, new_on)
        if notes is not None and len(notes) > 1_000_000:
            raise ValidationError("notes", "core.text_too_long", limit=1_000_000)
        row.status = new_status.value
        row.signed_off_by = new_by
        row.signed_off_on = new_on
        if notes is not None:
            row.notes = notes
        s.flush()
        state = _to_state(row)
    return state, ChangeSet(steps=frozenset({step.value}))
