import datetime as dt

import pytest

from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.services.audit import history
from qms_desktop.services.steps import get_step_progress
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.workspace import Workspace


def lesson(**kw):
    return {
        "source": "complaint",
        "what_happened": "Guest waited 40 min at check-in",
        "lesson": "Peak arrivals need a second desk",
        **kw,
    }


def test_add_edit_delete_restore(workspace: Workspace):
    rec, changes = rs.add_record(workspace, "Lin", "lesson", lesson(occurred_on="2025-08-01"))
    assert changes.steps == {"summarise"} and changes.registers == {"lesson"}
    assert rec.values["occurred_on"] == dt.date(2025, 8, 1)
    rec2, _ = rs.update_record(
        workspace,
        "Lin",
        "lesson",
        rec.id,
        decision="adopt",
        rule_kind="standard",
        document="HLH-SOP-012",
    )
    assert rec2.values["document"] == "HLH-SOP-012"
    deleted, _ = rs.delete_record(workspace, "Lin", "lesson", rec.id)
    assert rs.list_records(workspace, "lesson") == []
    restored, _ = rs.add_record(workspace, "Lin", "lesson", deleted.values, record_id=deleted.id)
    assert restored == rec2
    fields = [e.field for e in history(workspace, "lesson", str(rec.id))]
    assert "document" in fields
    assert check_workspace(workspace.path).sound


def test_invalid_edits_write_nothing(workspace: Workspace):
    rec, _ = rs.add_record(workspace, "t", "lesson", lesson())
    with pytest.raises(ValidationError, match="kind of rule"):
        rs.update_record(workspace, "t", "lesson", rec.id, decision="adopt")
    with pytest.raises(ValidationError, match="no field"):
        rs.update_record(workspace, "t", "lesson", rec.id, colour="red")
    assert rs.list_records(workspace, "lesson")[0].values["decision"] == ""
    with pytest.raises(WorkspaceError, match="no longer exists"):
        rs.update_record(workspace, "t", "lesson", 999, decision="reject")
    with pytest.raises(ValidationError, match="no register"):
        rs.list_records(workspace, "nonsense")


def test_step_progress_from_records(workspace: Workspace):
    a, _ = rs.add_record(workspace, "t", "lesson", lesson())
    rs.add_record(workspace, "t", "lesson", lesson(decision="reject"))
    assert get_step_progress(workspace)[Step.SUMMARISE] == 0.5
    rs.update_record(workspace, "t", "lesson", a.id, decision="later")
    assert get_step_progress(workspace)[Step.SUMMARISE] == 0.5  # "later" is not a decision
    rs.update_record(
        workspace, "t", "lesson", a.id, decision="adopt", rule_kind="standard", document="SOP-1"
    )
    assert get_step_progress(workspace)[Step.SUMMARISE] == 1.0  # complete, awaiting sign-off
    rs.add_record(
        workspace,
        "t",
        "study_plan",
        {"role": "Front office", "standard": "ISO 9001", "state": "planned"},
    )
    assert get_step_progress(workspace)[Step.STUDY] == 0.0


def test_plan_design_and_commitment(workspace: Workspace):
    plan, changes = rs.update_plan(
        workspace,
        "t",
        quality_policy="Every guest, every time.",
        commitment_promise="Room ready by 14:00 or the first night is free.",
        commitment_covers="check-in time",
        commitment_remedy="First night refunded at once at the desk",
        commitment_invoke="Tell the front desk.",
    )
    assert plan["quality_policy"] == "Every guest, every time." and changes.steps == {"plan"}
    assert rs.rate_commitment(workspace).score == 5
    with pytest.raises(ValidationError):
        rs.update_plan(workspace, "t", colour="red")
