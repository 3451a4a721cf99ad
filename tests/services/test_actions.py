"""Nonconformities and corrective actions: raised from a checklist gap or audit finding, a
complaint, a management review or free, one transaction each and through the audit trail;
verification (a 'no' reopens, the failed verification kept); a lesson drawn from one and
taken back; overdue for the dashboard; the integrity check passes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.services import actions
from qms_desktop.services import checklist as cl
from qms_desktop.services.registers import add_record, list_records, update_record
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import AuditRecord, NonconformityRecord
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library

DAY = dt.date(2026, 3, 2)


def _entries(ws: Workspace, entity: str) -> int:
    with ws.reading() as s:
        return s.scalar(select(func.count()).where(AuditRecord.entity == entity)) or 0


def _gap_item(ws: Workspace) -> int:
    add_test_library(ws)
    info, _ = cl.create_assessment(ws, "t", "Baseline", DAY, ["test-iso"])
    row = cl.checklist_rows(ws, info.id)[0]
    cl.assess_requirement(ws, "t", row.item_id, status="nonconforming", grade="minor",
                          gap="No calibration records for two scales")  # fmt: skip
    return row.item_id


def test_raise_from_a_checklist_gap(workspace: Workspace) -> None:
    item = _gap_item(workspace)
    before = _entries(workspace, "nonconformity")
    record, changes = actions.raise_from_item(workspace, "t", item, {"owner": "Li"})
    v = record.values
    assert v["source"] == "checklist_gap" and v["assessment_item"] == item
    assert v["description"] == "No calibration records for two scales"
    assert v["requirement"] and v["status"] == "open" and v["owner"] == "Li"
    assert "nonconformity" in changes.registers and item in changes.items
    assert _entries(workspace, "nonconformity") == before + 1  # one "create" entry
    assert actions.nonconformity_of_item(workspace, item).id == record.id  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as caught:  # one per item
        actions.raise_from_item(workspace, "t", item)
    assert caught.value.code == "actions.item_has_nonconformity"
    assert check_workspace(workspace.path).findings == ()


def test_an_item_without_a_gap_or_gone_is_refused(workspace: Workspace) -> None:
    add_test_library(workspace)
    info, _ = cl.create_assessment(workspace, "t", "Baseline", DAY, ["test-iso"])
    row = cl.checklist_rows(workspace, info.id)[0]
    with pytest.raises(ValidationError) as caught:
        actions.raise_from_item(workspace, "t", row.item_id)
    assert caught.value.code == "actions.item_not_a_gap"
    with pytest.raises(ValidationError) as caught:
        actions.raise_from_item(workspace, "t", 99_999)
    assert caught.value.code == "actions.no_item"
    assert list_records(workspace, "nonconformity") == []


def test_raise_from_a_complaint_review_and_free(workspace: Workspace) -> None:
    complaint, _ = add_record(workspace, "t", "complaint", {
        "received_on": DAY, "description": "Room not cleaned", "severity": "angered",
        "status": "open", "cause": "Rota left a gap on Sundays"})  # fmt: skip
    nc, changes = actions.raise_from_complaint(workspace, "t", complaint.id)
    assert nc.values["source"] == "complaint" and nc.values["complaint"] == complaint.id
    assert nc.values["description"] == "Room not cleaned"
    assert nc.values["root_cause"] == "Rota left a gap on Sundays"
    assert "complaint" in changes.registers
    with pytest.raises(ValidationError):
        actions.raise_from_complaint(workspace, "t", 4242)
    review, _ = add_record(workspace, "t", "management_review", {
        "held_on": DAY, "period_from": dt.date(2025, 3, 1), "period_to": dt.date(2026, 2, 28)})  # fmt: skip
    out, _ = actions.raise_from_review(workspace, "t", review.id,
                                       {"description": "Train night staff", "owner": "Wang",
                                        "due": dt.date(2026, 6, 1)})  # fmt: skip
    assert out.values["source"] == "management_review" and out.values["review"] == review.id
    assert out.values["raised_on"] == DAY
    with pytest.raises(ValidationError):
        actions.raise_from_review(workspace, "t", 777, {"description": "x"})
    free, _ = actions.raise_nonconformity(workspace, "t", {"description": "Scale off by 2 g"})
    assert free.values["source"] == "other" and free.values["raised_on"] == dt.date.today()
    with pytest.raises(ValidationError):  # a description is required; nothing stored
        actions.raise_nonconformity(workspace, "t", {"description": "  "})
    assert len(list_records(workspace, "nonconformity")) == 3
    assert check_workspace(workspace.path).findings == ()


def test_verify_effective_no_reopens_then_yes_closes(workspace: Workspace) -> None:
    person, _ = add_record(workspace, "t", "person", {"name": "Li Na", "role": "Auditor"})
    nc, _ = actions.raise_nonconformity(workspace, "t", {
        "raised_on": DAY, "description": "Late", "action": "New rota", "status": "done"})  # fmt: skip
    with pytest.raises(ValidationError) as caught:  # closing by hand without verification
        update_record(workspace, "t", "nonconformity", nc.id, status="closed")
    assert caught.value.code == "actions.close_needs_verification"
    with pytest.raises(ValidationError):
        actions.verify_nonconformity(workspace, "t", nc.id, None, DAY, "", True)
    before, _ = actions.verify_nonconformity(
        workspace, "t", nc.id, person.id, dt.date(2026, 4, 1), "4 of 20 rooms late", False
    )
    assert before["status"] == "done"
    row = list_records(workspace, "nonconformity")[0].values
    assert row["status"] == "in_progress" and row["effective"] == "no"
    assert "NOT effective" in str(row["verification_evidence"])
    assert "4 of 20 rooms late" in str(row["verification_evidence"])
    actions.verify_nonconformity(workspace, "t", nc.id, person.id, dt.date(2026, 5, 1),
                                 "0 of 20 late", True, "zh_CN")  # fmt: skip
    row = list_records(workspace, "nonconformity")[0].values
    assert row["status"] == "verified" and row["effective"] == "yes"
    text = str(row["verification_evidence"])
    assert text.index("NOT effective") < text.index("有效")  # the failed one still there
    update_record(workspace, "t", "nonconformity", nc.id, status="closed")
    # a later "no" reopens a closed one
    update_record(workspace, "t", "nonconformity", nc.id, effective="no")
    assert list_records(workspace, "nonconformity")[0].values["status"] == "in_progress"
    assert check_workspace(workspace.path).findings == ()


def test_lesson_drawn_linked_taken_back_and_put_back(workspace: Workspace) -> None:
    nc, _ = actions.raise_nonconformity(workspace, "t", {
        "raised_on": DAY, "requirement": "7.1.5", "description": "Scales not calibrated",
        "action": "Calibration plan"})  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        actions.lesson_from_nonconformity(workspace, "t", nc.id)
    assert caught.value.code == "actions.lesson_needs_cause"
    update_record(workspace, "t", "nonconformity", nc.id, root_cause="No one owned calibration")
    lesson, changes = actions.lesson_from_nonconformity(workspace, "t", nc.id)
    assert {"lesson", "nonconformity"} <= changes.registers
    assert lesson.values["source"] == "incident"
    assert "No one owned calibration" in str(lesson.values["lesson"])
    assert "7.1.5" in str(lesson.values["what_happened"])
    assert list_records(workspace, "nonconformity")[0].values["lesson"] == lesson.id
    with pytest.raises(ValidationError):
        actions.lesson_from_nonconformity(workspace, "t", nc.id)
    actions.withdraw_lesson(workspace, "t", nc.id)
    assert list_records(workspace, "lesson") == []
    assert list_records(workspace, "nonconformity")[0].values["lesson"] is None
    actions.put_back_lesson(workspace, "t", nc.id, lesson)
    assert [r.id for r in list_records(workspace, "lesson")] == [lesson.id]
    assert check_workspace(workspace.path).findings == ()


def test_overdue(workspace: Workspace) -> None:
    today = dt.date(2026, 5, 1)
    for due, status in ((dt.date(2026, 4, 1), "open"), (dt.date(2026, 4, 20), "done"),
                        (dt.date(2026, 6, 1), "open"), (None, "open"),
                        (dt.date(2026, 3, 1), "cancelled")):  # fmt: skip
        actions.raise_nonconformity(workspace, "t", {"raised_on": DAY, "description": "x",
                                                     "due": due, "status": status})  # fmt: skip
    late = actions.overdue_actions(workspace, today)
    assert [r.values["due"] for r in late] == [dt.date(2026, 4, 1), dt.date(2026, 4, 20)]
    assert actions.overdue_count(workspace, today) == 2


def test_nothing_half_stored_when_refused(workspace: Workspace) -> None:
    with pytest.raises(QmsError):
        actions.raise_nonconformity(workspace, "t", {"description": "x", "status": "closed"})
    with workspace.reading() as s:
        assert s.scalar(select(func.count(NonconformityRecord.id))) == 0
    assert _entries(workspace, "nonconformity") == 0


def test_checklist_action_fields_edit_the_items_nonconformity(workspace: Workspace) -> None:
    """The Compare page's action fields are the nonconformity's: setting an action makes
    it (once), editing edits it, a verified one stays verified when the checklist writes
    'done' back, clearing an action the checklist alone made removes it; the item's
    history shows its action's changes."""
    from qms_desktop.services.audit import history

    item = _gap_item(workspace)
    cl.assess_requirement(workspace, "t", item, action_text="Calibrate", action_owner="Li",
                          action_due="2026-12-01", action_priority="high")  # fmt: skip
    (nc,) = list_records(workspace, "nonconformity")
    assert (nc.values["action"], nc.values["owner"], nc.values["priority"]) == (
        "Calibrate", "Li", "high")  # fmt: skip
    assert nc.values["description"] == "No calibration records for two scales"
    assert nc.values["raised_on"] == DAY  # when the finding was made: the assessment's date
    cl.apply_assessments(workspace, "t", [(item, {"action_state": "done"})])
    assert list_records(workspace, "nonconformity")[0].values["status"] == "done"
    fields = {e.field for e in history(workspace, "assessment_item", str(item))}
    assert {"gap", "action_state"} <= fields
    # verified in the register: the checklist shows "done" and writing it back keeps it
    person, _ = add_record(workspace, "t", "person", {"name": "Wang", "role": "QA"})
    actions.verify_nonconformity(workspace, "t", nc.id, person.id, dt.date.today(), "", True)
    assert cl.get_item(workspace, item).action.state.value == "done"
    cl.apply_assessments(workspace, "t", [(item, {"action_state": "done", "action_owner": "Li"})])
    assert list_records(workspace, "nonconformity")[0].values["status"] == "verified"
    # an action the checklist alone made goes when cleared (and comes back with undo's values)
    other = cl.checklist_rows(workspace, cl.list_assessments(workspace)[0].id)[1].item_id
    cl.assess_requirement(workspace, "t", other, status="partial", action_text="Train")
    assert len(list_records(workspace, "nonconformity")) == 2
    cl.assess_requirement(workspace, "t", other, action_text="", action_state="")
    assert len(list_records(workspace, "nonconformity")) == 1
    assert check_workspace(workspace.path).findings == ()


def test_deleting_an_assessment_takes_its_actions_and_undo_brings_them_back(
    workspace: Workspace,
) -> None:
    item = _gap_item(workspace)
    record, _ = actions.raise_from_item(workspace, "t", item, {"action": "Calibrate"})
    snapshot, _ = cl.delete_assessment(workspace, "t", cl.list_assessments(workspace)[0].id)
    assert list_records(workspace, "nonconformity") == []
    cl.restore_assessment(workspace, "t", snapshot)
    (back,) = list_records(workspace, "nonconformity")
    assert back.id == record.id and back.values == record.values
    assert check_workspace(workspace.path).findings == ()
