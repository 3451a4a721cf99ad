"""The steps' rules read the workspace with few, plain statements (Core selects of columns,
one statement asking several registers whether they hold records, the latest assessment's
items counted in one statement): their results stay those of a straightforward computation
from ORM objects, as the rules were first written, on the demo, on an empty workspace and on
the edge cases of each shortcut (an element not adopted, channels but no survey, an
assessment without items, an audit's checklist)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select

from qms_desktop.domain import operate as op
from qms_desktop.domain.allocation import training_coverage as coverage_of
from qms_desktop.domain.assessment import Status
from qms_desktop.domain.policy import missing_commitments
from qms_desktop.domain.registers import REGISTERS, ids_from_text
from qms_desktop.domain.steps import (
    RuleResult,
    Step,
    allocate_rule,
    compare_rule,
    operate_rule,
    plan_rule,
    refine_rule,
    strengthen_rule,
    study_rule,
    summarise_rule,
)
from qms_desktop.services import registers as rs
from qms_desktop.services import steps
from qms_desktop.services.document_control import refine_documents
from qms_desktop.services.registers import PLAN_FIELDS
from qms_desktop.services.review import cycle_rule_inputs
from qms_desktop.storage.models import (
    REGISTER_MODELS,
    AssessmentItemRecord,
    AssessmentRecord,
    InternalAuditRecord,
    PlanDesignRecord,
    StepRecord,
    SurveyResponseRecord,
)
from qms_desktop.storage.workspace import Workspace

TODAY = dt.date(2026, 11, 26)
Values = dict[str, object]


def orm_records(ws: Workspace, key: str) -> list[tuple[int, Values]]:
    """A register's records as the ORM objects give them, in the register's order."""
    reg, model = REGISTERS[key], REGISTER_MODELS[key]
    with ws.reading() as s:
        return [
            (
                r.id,
                {
                    f.name: ids_from_text(str(getattr(r, f.name) or ""))
                    if f.kind == "references"
                    else getattr(r, f.name)
                    for f in reg.fields
                },
            )
            for r in s.scalars(select(model).order_by(model.position, model.id))
        ]


def values(ws: Workspace, key: str) -> list[Values]:
    return [v for _, v in orm_records(ws, key)]


def straightforward(ws: Workspace, today: dt.date) -> dict[Step, RuleResult]:
    """Each rule computed from whole registers read as ORM objects, counted in Python."""
    people = {
        i: {k: v[k] for k in ("name", "role", "department", "state")}
        for i, v in orm_records(ws, "person")
    }
    sessions = [
        (
            i,
            {
                k: v[k]
                for k in ("topic", "hours", "standard", "participants", "unmatched_attendees")
            },
        )
        for i, v in orm_records(ws, "training")
    ]
    coverage = coverage_of(people, sessions, values(ws, "study_plan"))
    study_started = bool(coverage.people) or any(values(ws, k) for k in ("training", "benchmark"))

    with ws.reading() as s:
        audits = {a.assessment_id for a in s.scalars(select(InternalAuditRecord))}
        gap = sorted(
            (a for a in s.scalars(select(AssessmentRecord)) if a.id not in audits),
            key=lambda a: (a.held_on, a.id),
        )
        statuses = (
            Counter(
                i.status
                for i in s.scalars(select(AssessmentItemRecord))
                if i.assessment_id == gap[-1].id
            )
            if gap
            else None
        )
        plan_row = s.get(PlanDesignRecord, 1)
        plan = {n: (getattr(plan_row, n) if plan_row else "") for n in PLAN_FIELDS}
    if statuses is None:
        compare = compare_rule(None)
    else:
        applicable = sum(n for st, n in statuses.items() if st != "not_applicable")
        assessed = sum(statuses[st] for st in ("conforming", "partial", "nonconforming"))
        share = assessed / applicable if applicable else (1.0 if statuses else 0.0)
        compare = compare_rule(share, statuses[Status.NOT_ASSESSED.value])

    results = values(ws, "result")
    complaints = dict(orm_records(ws, "complaint"))
    with ws.reading() as s:
        answered = bool(list(s.scalars(select(SurveyResponseRecord))))
    operate = operate_rule(
        channels=len(values(ws, "feedback_channel")),
        surveyed=answered,
        recovery_gaps=len(op.recovery_warnings(complaints, values(ws, "recovery"))),
        unmeasured=[
            str(o["objective"])
            for i, o in orm_records(ws, "objective")
            if not any(r["objective"] == i for r in results)
        ],
        started=answered
        or any(values(ws, k) for k in ("feedback_channel", "complaint", "survey", "result"))
        or bool(values(ws, "management_review")),
        **cycle_rule_inputs(ws),  # type: ignore[arg-type]
    )
    return {
        Step.SUMMARISE: summarise_rule(values(ws, "lesson")),
        Step.STUDY: study_rule(coverage.cells, study_started),
        Step.COMPARE: compare,
        Step.PLAN: plan_rule(
            {
                "positioning": any(
                    plan[k].strip() for k in ("target_customers", "offerings", "service_level")
                ),
                "policy": bool(plan["quality_policy"].strip()),
                "objectives": bool(values(ws, "objective")),
                "elements": any(v["adopted"] == "yes" for v in values(ws, "element")),
                "processes": bool(values(ws, "process")),
                "documents": bool(values(ws, "planned_document")),
                "outline": bool(values(ws, "service_item")),
                "commitment": bool(plan["commitment_promise"].strip()),
                "satisfaction": bool(values(ws, "satisfaction_standard")),
            },
            missing_commitments(plan["quality_policy"]),
        ),
        Step.ALLOCATE: allocate_rule(
            values(ws, "role"), dict(orm_records(ws, "person")), values(ws, "facility"), today
        ),
        Step.STRENGTHEN: strengthen_rule(values(ws, "basic_work")),
        Step.REFINE: refine_rule(*refine_documents(ws)),
        Step.OPERATE: operate,
    }


def assert_rules_as_straightforward(path: Path) -> dict[Step, RuleResult]:
    with Workspace.open(path) as ws:
        rules = steps.step_rules(ws, TODAY)
        assert steps.rules_computed_last(ws) == list(Step)
        expected = straightforward(ws, TODAY)
        for step in Step:
            assert rules[step] == expected[step], step
        return rules


def test_the_demo_s_rules_are_those_of_a_straightforward_computation(demo_file: Path):
    rules = assert_rules_as_straightforward(demo_file)
    assert any(r.started for r in rules.values())  # a real comparison, not of empties


def test_an_empty_workspace_s_rules_are_those_of_a_straightforward_computation(
    workspace_file: Path,
):
    rules = assert_rules_as_straightforward(workspace_file)
    assert rules[Step.COMPARE].missing[0].code == "steps.no_assessment"


def _add(path: Path, key: str, values: Values) -> None:
    with Workspace.open(path) as ws:
        rs.add_record(ws, "t", key, values)


def test_the_shortcuts_edge_cases_are_those_of_a_straightforward_computation(
    workspace_file: Path,
):
    # an element not adopted: the Plan's "elements" part still missing
    _add(
        workspace_file,
        "element",
        {"element": "Customer", "group": "key", "adopted": "no", "reason": "Later"},
    )
    rules = assert_rules_as_straightforward(workspace_file)
    parts = [m.params["part"].code for m in rules[Step.PLAN].missing if "part" in m.params]
    assert "steps.part_elements" in parts

    # a feedback channel alone starts Operate; a session without people starts Study
    _add(workspace_file, "feedback_channel", {"name": "Desk", "kind": "complaint_desk"})
    _add(workspace_file, "training", {"topic": "Greeting", "held_on": TODAY})
    rules = assert_rules_as_straightforward(workspace_file)
    assert rules[Step.OPERATE].started and rules[Step.STUDY].started

    # an assessment without items: assessed share 0, not "no assessment"; an internal
    # audit's checklist held later is never the latest gap assessment
    conn = sqlite3.connect(workspace_file)
    conn.execute(
        "INSERT INTO assessment (id, name, held_on, library_ids, notes) "
        "VALUES (7, 'Empty', '2026-01-05', '', ''), (8, 'Audit', '2026-02-05', '', '')"
    )
    conn.execute(
        "INSERT INTO assessment_item (assessment_id, library_id, ref, status, grade, "
        "na_justification, current_practice, evidence_notes, gap, changed_by, changed_at) "
        "VALUES (8, 'x', '4.1', 'conforming', 'none', '', '', '', '', '', '')"
    )
    conn.execute(
        "INSERT INTO internal_audit (id, title, planned_on, clauses, site, auditors, status, "
        "independence_override, summary, assessment_id, position) "
        "VALUES (1, 'Audit', '2026-02-01', '', '', '', 'planned', '', '', 8, 0)"
    )
    conn.commit()
    conn.close()
    rules = assert_rules_as_straightforward(workspace_file)
    assert rules[Step.COMPARE].started and rules[Step.COMPARE].progress == 0.0


def test_list_records_and_the_plan_read_as_orm_objects_do(demo_file: Path):
    with Workspace.open(demo_file) as ws:
        held = 0
        for key in REGISTERS:
            listed = rs.list_records(ws, key)
            assert [(r.id, r.values) for r in listed] == orm_records(ws, key), key
            assert all(r.register == key for r in listed)
            held += bool(listed)
        assert held > 20  # the demo holds records in most registers
        with ws.reading() as s:
            row = s.get(PlanDesignRecord, 1)
            assert row is not None
            assert rs.get_plan(ws) == {n: getattr(row, n) for n in PLAN_FIELDS}


@pytest.fixture
def demo(demo_file: Path) -> Iterator[Workspace]:
    ws = Workspace.open(demo_file)
    yield ws
    ws.close()


def test_the_first_computation_runs_few_statements(demo: Workspace):
    """33 statements before (every register read whole, a step's parts one by one); what
    each rule's own statements are is held here so a read added twice is seen."""
    demo.audit_head()
    counts: dict[Step, int] = {}
    statements: list[str] = []

    def grab(_c: object, _cur: object, statement: str, *_: object) -> None:
        statements.append(statement)

    for step, (rule, _) in steps.RULES.items():
        statements.clear()
        event.listen(demo.engine, "before_cursor_execute", grab)
        try:
            rule(demo, TODAY)
        finally:
            event.remove(demo.engine, "before_cursor_execute", grab)
        counts[step] = len(statements)
    assert counts[Step.COMPARE] == 1  # the latest assessment and its counts together
    assert counts[Step.PLAN] == 2  # the plan's values; which parts hold records
    assert counts[Step.OPERATE] <= 9  # the flags and counts in one statement
    assert sum(counts.values()) <= 25


def test_step_states_read_as_rows_are_the_stored_states(demo: Workspace):
    steps.update_step(demo, "t", Step.PLAN, notes="Approved by the owner")
    states = steps.get_step_states(demo)
    with demo.reading() as s:
        stored = {r.step: steps._to_state(r) for r in s.scalars(select(StepRecord))}
    assert states[Step.PLAN].notes == "Approved by the owner"
    for step, state in states.items():
        if step.value in stored:
            assert state == stored[step.value]
        else:
            assert state.status.value == "not_started"
