"""The steps' rules are kept per open workspace and computed again only for the steps
whose tables the audit trail shows written since: an edit in one register recomputes the
steps that read it, and only those; the results stay those of a full computation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from qms_desktop.domain.steps import Step, StepStatus
from qms_desktop.services import registers as rs
from qms_desktop.services import steps
from qms_desktop.storage.models import Audited, Base
from qms_desktop.storage.workspace import Workspace

TODAY = dt.date(2026, 11, 26)


def lesson() -> dict[str, object]:
    return {"source": "complaint", "what_happened": "A long wait", "lesson": "Two desks"}


def full(ws: Workspace) -> dict[Step, object]:
    """Every rule computed from scratch, as before the cache."""
    return {step: fn(ws, TODAY) for step, (fn, _) in steps.RULES.items()}


@pytest.fixture
def demo(demo_file: Path) -> Iterator[Workspace]:
    ws = Workspace.open(demo_file)
    yield ws
    ws.close()


def _tables_read(ws: Workspace, step: Step) -> set[str]:
    statements: list[str] = []

    def grab(_c: object, _cur: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(ws.engine, "before_cursor_execute", grab)
    try:
        steps.RULES[step][0](ws, TODAY)
    finally:
        event.remove(ws.engine, "before_cursor_execute", grab)
    return {m.group(1) for s in statements for m in re.finditer(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', s)}


@pytest.mark.parametrize("which", ["demo", "empty"])
def test_each_rule_reads_only_the_tables_it_declares(
    which: str, demo_file: Path, workspace_file: Path
):
    """What keeps the cache honest: a rule that starts reading another table fails here
    until RULES names it (else an edit there would leave the step's rule stale)."""
    written = {m.local_table.name for m in Base.registry.mappers if issubclass(m.class_, Audited)}
    written.add("requirement")  # written with its library, which the trail records
    with Workspace.open(demo_file if which == "demo" else workspace_file) as ws:
        for step, (_, declared) in steps.RULES.items():
            read = _tables_read(ws, step) & written
            assert read <= declared, (step, read - declared)


def test_a_change_in_one_register_recomputes_only_the_steps_that_read_it(demo: Workspace):
    first = steps.step_rules(demo, TODAY)
    assert steps.rules_computed_last(demo) == list(Step)
    assert steps.step_rules(demo, TODAY) == first
    assert steps.rules_computed_last(demo) == []  # nothing written: nothing computed

    rs.add_record(demo, "t", "lesson", lesson())
    rules = steps.step_rules(demo, TODAY)
    assert steps.rules_computed_last(demo) == [Step.SUMMARISE]
    assert rules == full(demo)

    # people are read by Study (training coverage) and Allocate (appointees)
    rs.add_record(demo, "t", "person", {"name": "Zhou Min", "role": "Front desk"})
    assert steps.step_rules(demo, TODAY) == full(demo)
    assert steps.rules_computed_last(demo) == [Step.STUDY, Step.ALLOCATE]

    # a step's own state is no input of any rule
    steps.update_step(demo, "t", Step.SUMMARISE, status=StepStatus.IN_PROGRESS)
    steps.step_rules(demo, TODAY)
    assert steps.rules_computed_last(demo) == []


def test_a_checklist_edit_recomputes_compare_only(demo: Workspace):
    from qms_desktop.services import checklist as cl

    steps.step_rules(demo, TODAY)
    assessment = cl.list_assessments(demo)[-1]
    item = cl.checklist_rows(demo, assessment.id)[0]
    cl.assess_requirement(demo, "t", item.item_id, status="conforming")
    rules = steps.step_rules(demo, TODAY)
    assert rules == full(demo)
    assert steps.rules_computed_last(demo) == [Step.COMPARE]
    # counted in one query, the same share as the checklist's own measure
    assert rules[Step.COMPARE].progress == cl.assessment_progress(demo, assessment.id)


def test_deleting_and_undoing_keep_the_cached_rules_equal_to_a_full_computation(
    demo: Workspace,
):
    steps.step_rules(demo, TODAY)
    record, _ = rs.add_record(demo, "t", "basic_work", _any_basic_work(demo))
    assert steps.step_rules(demo, TODAY) == full(demo)
    gone, _ = rs.delete_record(demo, "t", "basic_work", record.id)
    assert steps.step_rules(demo, TODAY) == full(demo)
    assert steps.rules_computed_last(demo) == [Step.STRENGTHEN]
    rs.add_record(demo, "t", "basic_work", gone.values, record_id=gone.id)
    assert steps.step_rules(demo, TODAY) == full(demo)


def _any_basic_work(ws: Workspace) -> dict[str, object]:
    existing = rs.list_records(ws, "basic_work")
    assert existing
    return {k: v for k, v in existing[0].values.items() if v not in (None, "")}


def test_another_day_or_another_trail_computes_every_rule(demo: Workspace, tmp_path: Path):
    steps.step_rules(demo, TODAY)
    steps.step_rules(demo, TODAY + dt.timedelta(days=1))  # Allocate's expiries depend on today
    assert steps.rules_computed_last(demo) == list(Step)
    # the trail no longer holds the entry the rules were computed at as it was
    import sqlite3

    seq, _ = demo.audit_head()
    conn = sqlite3.connect(demo.path)
    conn.execute("UPDATE audit_entry SET hash = 'x' WHERE seq = ?", (seq,))
    conn.commit()
    conn.close()
    rs.add_record(demo, "t", "lesson", lesson())
    steps.step_rules(demo, TODAY + dt.timedelta(days=1))
    assert steps.rules_computed_last(demo) == list(Step)
