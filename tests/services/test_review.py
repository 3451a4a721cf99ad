"""Management review services: the inputs of a review gathered from records stored in the
workspace (an audit run with its findings, complaints, surveys, results, actions), outputs
raised as nonconformities linked to the review, and the Operate step's rule reaching its
review cycle."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qms_desktop.domain.errors import QmsError
from qms_desktop.libraries import builtin_library
from qms_desktop.services import audits, review
from qms_desktop.services import checklist as cl
from qms_desktop.services.libraries import store_library
from qms_desktop.services.registers import add_record, list_records, update_record
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.workspace import Workspace

D = dt.date


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    store_library(workspace, "t", builtin_library("iso9001-2015"))
    return workspace


def _review(ws: Workspace, held: D, start: D, end: D, **more: object) -> int:
    values = {"held_on": held, "period_from": start, "period_to": end, **more}
    return add_record(ws, "t", "management_review", values)[0].id


def _completed_audit(ws: Workspace, held: D, grade: str = "minor") -> int:
    audit = add_record(
        ws, "t", "internal_audit",
        {"title": f"Audit {held}", "planned_on": held, "clauses": "8.5.1", "status": "planned"},
    )[0].id  # fmt: skip
    audits.start_audit(ws, "t", audit)
    (item_id, _), *_ = audits.audit_items(ws, audit)
    cl.assess_requirement(ws, "t", item_id, status="partial", grade=grade, gap="Keys not logged")
    audits.complete_audit(ws, "t", audit, held)
    return audit


def test_inputs_of_a_review_from_the_stored_records(ws: Workspace) -> None:
    audit = _completed_audit(ws, D(2025, 10, 5))
    add_record(ws, "t", "complaint", {"received_on": D(2025, 3, 1), "description": "Cold room",
                                      "severity": "angered", "status": "open"})  # fmt: skip
    add_record(ws, "t", "complaint", {"received_on": D(2024, 3, 1), "description": "Old",
                                      "severity": "disappointed", "status": "closed"})  # fmt: skip
    add_record(ws, "t", "commitment_claim", {"claimed_on": D(2025, 3, 2), "payout": 30})
    objective = add_record(ws, "t", "objective", {"objective": "Satisfaction", "metric": "score",
                                                  "target": 90, "unit": "%", "frequency": "monthly",
                                                  "process": "Front desk"})[0].id  # fmt: skip
    add_record(ws, "t", "result", {"objective": objective, "period": D(2025, 6, 1), "value": 93})
    earlier = _review(ws, D(2025, 1, 10), D(2024, 1, 1), D(2024, 12, 31))
    review.add_review_output(ws, "t", earlier, "Train night staff", "Li", D(2025, 4, 1))
    rid = _review(ws, D(2026, 1, 12), D(2025, 1, 1), D(2025, 12, 31),
                  changes_in_context="New hotel next door")  # fmt: skip

    inputs = review.review_inputs(ws, rid)
    assert [a.description for a in inputs.previous_actions] == ["Train night staff"]
    assert inputs.previous_actions[0].overdue  # due in April 2025, still open at the year's end
    assert inputs.changes_in_context == "New hotel next door"
    assert inputs.feedback.complaints == 1 and inputs.feedback.by_severity == {"angered": 1}
    assert inputs.feedback.payouts == 30.0
    (line,) = inputs.objectives
    assert line.latest == 93.0 and line.met is True
    assert [(p.process, p.met) for p in inputs.processes] == [("Front desk", 1)]
    assert [a.id for a in inputs.audits] == [audit]
    assert inputs.findings["minor"] == 1
    assert inputs.actions.opened == 1  # the earlier review's output, raised in January 2025


def test_an_output_is_a_nonconformity_linked_to_the_review(ws: Workspace) -> None:
    rid = _review(ws, D(2025, 1, 10), D(2024, 1, 1), D(2024, 12, 31))
    record, changes = review.add_review_output(ws, "t", rid, "Add a night porter", "Wu",
                                               D(2025, 3, 1))  # fmt: skip
    assert "nonconformity" in changes.registers
    (stored,) = list_records(ws, "nonconformity")
    assert stored.id == record.id
    assert stored.values["source"] == "management_review" and stored.values["review"] == rid
    assert stored.values["raised_on"] == D(2025, 1, 10)
    assert stored.values["owner"] == "Wu" and stored.values["status"] == "open"
    assert check_workspace(ws.path).sound


def test_an_output_of_a_review_not_there_is_refused_and_nothing_stored(ws: Workspace) -> None:
    with pytest.raises(QmsError):
        review.add_review_output(ws, "t", 999, "Anything")
    assert list_records(ws, "nonconformity") == []
    with pytest.raises(QmsError) as err:
        review.review_inputs(ws, 999)
    assert "999" in err.value.text("en") and "999" in err.value.text("zh_CN")


def test_the_step_rule_reaches_its_cycle(ws: Workspace) -> None:
    from qms_desktop.services.operate import operate_rule_inputs

    facts = operate_rule_inputs(ws)
    assert facts["audit_completed"] is False and facts["review_held"] is False
    audit = _completed_audit(ws, D(2025, 10, 5))
    rid = _review(ws, D(2026, 1, 12), D(2025, 1, 1), D(2025, 12, 31))
    facts = operate_rule_inputs(ws)
    assert facts["audit_completed"] is True and facts["review_held"] is False  # not included
    update_record(ws, "t", "management_review", rid, audits=(audit,))
    review.add_review_output(ws, "t", rid, "Log the keys")  # no owner, no due date
    facts = operate_rule_inputs(ws)
    assert facts["review_held"] is True and facts["outputs_unscheduled"] == 1
    (output,) = list_records(ws, "nonconformity")
    update_record(ws, "t", "nonconformity", output.id, owner="Li", due=D(2026, 3, 1))
    assert operate_rule_inputs(ws)["outputs_unscheduled"] == 0


def test_a_workspace_of_format_15_opens_with_its_reviews_naming_no_audits(tmp_path) -> None:
    """The `audits` column came in format 16: an older review reads as naming none, and
    the workspace stays sound (the trail never recorded the column)."""
    import sqlite3

    from qms_desktop.domain.steps import Step
    from qms_desktop.storage.models import Audited, Organisation, StepRecord
    from qms_desktop.storage.workspace import SCHEMA_VERSION

    class Format15(DeclarativeBase):
        pass

    class Review15(Audited, Format15):  # the table as format 15 had it
        __tablename__ = "management_review"
        __audit_entity__ = "management_review"
        id: Mapped[int] = mapped_column(Integer, primary_key=True)
        position: Mapped[int] = mapped_column(Integer, default=0)
        held_on: Mapped[D] = mapped_column(Date)
        period_from: Mapped[D] = mapped_column(Date)
        period_to: Mapped[D] = mapped_column(Date)
        chair: Mapped[int | None] = mapped_column(Integer, nullable=True)
        participants: Mapped[str] = mapped_column(Text, default="")
        changes_in_context: Mapped[str] = mapped_column(Text, default="")
        supplier_performance: Mapped[str] = mapped_column(Text, default="")
        resources: Mapped[str] = mapped_column(Text, default="")
        risks_and_opportunities: Mapped[str] = mapped_column(Text, default="")
        suitable: Mapped[str] = mapped_column(String(5), default="")
        adequate: Mapped[str] = mapped_column(String(5), default="")
        effective: Mapped[str] = mapped_column(String(5), default="")
        conclusions: Mapped[str] = mapped_column(Text, default="")

    def format15(ws: Workspace) -> None:
        with ws.editing("old version") as s:
            s.add(Organisation(id=1, name="Old Org", default_language="en"))
            for step in Step:
                s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
            s.add(Review15(id=1, position=1, held_on=D(2025, 1, 10), period_from=D(2024, 1, 1),
                           period_to=D(2024, 12, 31)))  # fmt: skip

    path = tmp_path / "v15.qms"
    Workspace.create(path, revision="0015", fill=format15).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 15
    with Workspace.open(path) as ws:
        (stored,) = list_records(ws, "management_review")
        assert stored.id == 1 and stored.values["audits"] == ()
        update_record(ws, "t", "management_review", 1, conclusions="Reviewed again")
    assert check_workspace(path).sound
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 16
    conn.close()
