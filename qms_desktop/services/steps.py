"""Reading and updating the state of the eight steps."""

from __future__ import annotations

import datetime as dt

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.steps import (
    RuleResult,
    Step,
    StepState,
    StepStatus,
    StepSummary,
    allocate_rule,
    compare_rule,
    operate_rule,
    plan_rule,
    refine_rule,
    strengthen_rule,
    study_rule,
    summarise_rule,
    summarise_step,
    validate_sign_off,
)
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


def step_rules(ws: Workspace, today: dt.date | None = None) -> dict[Step, RuleResult]:
    """Each step's rule (domain.steps) measured on its records."""
    from qms_desktop.services.allocation import training_coverage
    from qms_desktop.services.checklist import assessment_progress, list_assessments
    from qms_desktop.services.document_control import refine_documents
    from qms_desktop.services.operate import operate_rule_inputs
    from qms_desktop.services.registers import get_plan, list_records

    today = today or dt.date.today()

    def values(key: str) -> list[dict[str, object]]:
        return [r.values for r in list_records(ws, key)]

    coverage = training_coverage(ws)
    study_started = bool(coverage.people) or any(values(k) for k in ("training", "benchmark"))
    assessments = list_assessments(ws)
    if assessments:
        share = assessment_progress(ws, assessments[-1].id)
        compare = compare_rule(share, _unassessed(ws, assessments[-1].id))
    else:
        compare = compare_rule(None)
    plan = get_plan(ws)
    parts = {
        "positioning": any(
            plan[k].strip() for k in ("target_customers", "offerings", "service_level")
        ),
        "policy": bool(plan["quality_policy"].strip()),
        "objectives": bool(values("objective")),
        "elements": any(v["adopted"] == "yes" for v in values("element")),
        "processes": bool(values("process")),
        "documents": bool(values("planned_document")),
        "outline": bool(values("service_item")),
        "commitment": bool(plan["commitment_promise"].strip()),
        "satisfaction": bool(values("satisfaction_standard")),
    }
    people = {r.id: r.values for r in list_records(ws, "person")}
    return {
        Step.SUMMARISE: summarise_rule(values("lesson")),
        Step.STUDY: study_rule(coverage.cells, study_started),
        Step.COMPARE: compare,
        Step.PLAN: plan_rule(parts),
        Step.ALLOCATE: allocate_rule(values("role"), people, values("facility"), today),
        Step.STRENGTHEN: strengthen_rule(values("basic_work")),
        Step.REFINE: refine_rule(*refine_documents(ws)),
        Step.OPERATE: operate_rule(**operate_rule_inputs(ws)),  # type: ignore[arg-type]
    }


def _unassessed(ws: Workspace, assessment_id: int) -> int:
    from sqlalchemy import func, select

    from qms_desktop.domain.assessment import Status
    from qms_desktop.storage.models import AssessmentItemRecord as Item

    with ws.reading() as s:
        return int(
            s.scalar(
                select(func.count()).where(
                    Item.assessment_id == assessment_id, Item.status == Status.NOT_ASSESSED.value
                )
            )
            or 0
        )


def step_summaries(ws: Workspace, today: dt.date | None = None) -> dict[Step, StepSummary]:
    """Every step's stored state, rule, shown status (not started / in progress / ready for
    sign-off / done), progress and warning, read once."""
    rules = step_rules(ws, today)
    return {step: summarise_step(state, rules[step]) for step, state in get_step_states(ws).items()}


def get_step_progress(ws: Workspace) -> dict[Step, float]:
    """Progress per step, as its rule measures it (1 once signed off)."""
    return get_step_overview(ws)[1]


def get_step_overview(ws: Workspace) -> tuple[dict[Step, StepState], dict[Step, float]]:
    """Each step's stored state and progress, read once (see `step_summaries` for the shown
    status and warnings)."""
    summaries = step_summaries(ws)
    return (
        {step: s.state for step, s in summaries.items()},
        {step: s.progress for step, s in summaries.items()},
    )


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
