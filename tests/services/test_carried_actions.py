"""An action still open in the one action list follows its requirement into later gap
assessments: a re-assessment shows the baseline's open and done-but-unverified actions (not
the verified one), editing one there updates the same nonconformity, readiness counts them,
deleting and restoring the re-assessment leaves them with the baseline, and internal
audits' checklists neither carry nor are carried from."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from qms_desktop.domain.assessment import ActionState, Priority
from qms_desktop.services import actions, audits
from qms_desktop.services import checklist as cl
from qms_desktop.services.registers import add_record, list_records
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import NonconformityRecord
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library

TODAY = dt.date.today()  # a verification cannot be dated in the future
AUDIT = TODAY + dt.timedelta(days=90)


def _ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _count(ws: Workspace) -> int:
    with ws.reading() as s:
        return s.scalar(select(func.count()).select_from(NonconformityRecord)) or 0


def _rows(ws: Workspace, assessment_id: int) -> dict[str, cl.ChecklistRow]:
    return {r.ref: r for r in cl.checklist_rows(ws, assessment_id)}


def _nc_of(ws: Workspace, item_id: int) -> dict[str, Any]:
    """The values of the nonconformity linked to the item, its id included."""
    return next(
        {**r.values, "id": r.id}
        for r in list_records(ws, "nonconformity")
        if r.values["assessment_item"] == item_id
    )


@pytest.fixture
def baseline(workspace: Workspace) -> tuple[Workspace, cl.AssessmentInfo]:
    """A baseline with an open action (4.1), a done one not yet verified (4.2) and a
    verified one (4.3)."""
    ws = workspace
    add_test_library(ws)
    base, _ = cl.create_assessment(ws, "t", "Baseline", _ago(60), ["test-iso"], audit_date=AUDIT)
    rows = _rows(ws, base.id)
    for ref, state in (("4.1", "open"), ("4.2", "done"), ("4.3", "done")):
        cl.assess_requirement(
            ws, "t", rows[ref].item_id, status="nonconforming", gap=f"Gap {ref}",
            action_text=f"Fix {ref}", action_owner="Lin", action_due=TODAY + dt.timedelta(days=30),
            action_priority="high", action_state=state,
        )  # fmt: skip
    person, _ = add_record(ws, "t", "person", {"name": "Li Na", "role": "Auditor"})
    nc_43 = _nc_of(ws, rows["4.3"].item_id)
    actions.verify_nonconformity(
        ws, "t", int(nc_43["id"]), person.id, _ago(20), "Seen working", True
    )
    assert _nc_of(ws, rows["4.3"].item_id)["status"] == "verified"
    return ws, base


def _reassess(ws: Workspace, copy_from: int) -> cl.AssessmentInfo:
    later, _ = cl.create_assessment(
        ws, "t", "Re-assessment", _ago(10), ["test-iso"],
        audit_date=AUDIT, copy_from=copy_from,
    )  # fmt: skip
    return later


def test_open_actions_follow_their_requirement_into_the_reassessment(baseline) -> None:
    ws, base = baseline
    count = _count(ws)
    later = _reassess(ws, base.id)
    rows = _rows(ws, later.id)
    assert rows["4.1"].item.action.text == "Fix 4.1"
    assert rows["4.1"].item.action.state is ActionState.OPEN
    assert rows["4.1"].item.action.priority is Priority.HIGH
    assert rows["4.2"].item.action.state is ActionState.DONE  # done, not yet verified
    assert rows["4.3"].item.action.text == ""  # verified: it stays with the baseline
    # every reader: one item, several, the scores' items and readiness
    assert cl.get_item(ws, rows["4.1"].item_id).action.text == "Fix 4.1"
    states = cl.item_states(ws, [rows["4.2"].item_id, rows["4.3"].item_id])
    assert [states[rows[r].item_id][0].action.text for r in ("4.2", "4.3")] == ["Fix 4.2", ""]
    ready = cl.assessment_readiness(ws, later.id, TODAY)
    assert ready is not None and ready.open_actions == 1  # 4.1; 4.2 is done
    assert _count(ws) == count  # nothing copied: the same rows


def test_editing_a_carried_action_updates_the_same_nonconformity(baseline) -> None:
    ws, base = baseline
    later = _reassess(ws, base.id)
    base_rows, rows = _rows(ws, base.id), _rows(ws, later.id)
    count = _count(ws)
    item, _ = cl.assess_requirement(
        ws, "t", rows["4.1"].item_id, action_owner="Wang", action_state="in_progress"
    )
    assert item.action.owner == "Wang" and item.action.state is ActionState.IN_PROGRESS
    assert _count(ws) == count
    nc = _nc_of(ws, base_rows["4.1"].item_id)  # still linked to the baseline's item
    assert nc["owner"] == "Wang" and nc["status"] == "in_progress"
    # the bulk path (undo of a checklist edit, imports) writes the same row
    inverse, _ = cl.apply_assessments(ws, "t", [(rows["4.2"].item_id, {"action_text": "Re-fix"})])
    assert _count(ws) == count and _nc_of(ws, base_rows["4.2"].item_id)["action"] == "Re-fix"
    cl.apply_assessments(ws, "t", inverse)
    assert _nc_of(ws, base_rows["4.2"].item_id)["action"] == "Fix 4.2"
    # an item carrying nothing gets its own row; the verified one is left alone
    cl.assess_requirement(ws, "t", rows["4.3"].item_id, action_text="Keep it up")
    assert _count(ws) == count + 1
    assert _nc_of(ws, rows["4.3"].item_id)["action"] == "Keep it up"
    assert _nc_of(ws, base_rows["4.3"].item_id)["status"] == "verified"
    assert _rows(ws, base.id)["4.3"].item.action.text == "Fix 4.3"
    assert check_workspace(ws.path).findings == ()


def test_clearing_a_carried_action_keeps_the_pristine_rule(baseline) -> None:
    ws, base = baseline
    later = _reassess(ws, base.id)
    base_rows, rows = _rows(ws, base.id), _rows(ws, later.id)
    count = _count(ws)
    blank = {"action_text": "", "action_owner": "", "action_due": None, "action_priority": ""}
    # 4.2 is done: clearing its text keeps the row (only an open checklist-only row goes)
    cl.assess_requirement(ws, "t", rows["4.2"].item_id, **blank)
    assert _count(ws) == count and _nc_of(ws, base_rows["4.2"].item_id)["status"] == "done"
    # 4.1 is open and filled by the checklist alone: cleared, it is removed everywhere
    cl.assess_requirement(ws, "t", rows["4.1"].item_id, **blank)
    assert _count(ws) == count - 1
    assert _rows(ws, base.id)["4.1"].item.action.text == ""


def test_deleting_and_restoring_the_reassessment_leaves_carried_rows(baseline) -> None:
    ws, base = baseline
    later = _reassess(ws, base.id)
    count = _count(ws)
    snapshot, _ = cl.delete_assessment(ws, "t", later.id)
    assert snapshot.actions == ()
    assert _count(ws) == count
    assert _rows(ws, base.id)["4.1"].item.action.text == "Fix 4.1"
    cl.restore_assessment(ws, "t", snapshot)
    assert _count(ws) == count
    assert _rows(ws, later.id)["4.1"].item.action.text == "Fix 4.1"
    assert check_workspace(ws.path).findings == ()


def test_the_latest_earlier_action_is_carried_and_only_while_open(baseline) -> None:
    ws, base = baseline
    middle = _reassess(ws, base.id)
    # the middle assessment raises its own action on 4.3 and it is cancelled
    cl.assess_requirement(
        ws, "t", _rows(ws, middle.id)["4.3"].item_id, action_text="Try", action_state="cancelled"
    )
    last = _reassess(ws, middle.id)
    rows = _rows(ws, last.id)
    assert rows["4.1"].item.action.text == "Fix 4.1"  # through the middle one
    assert rows["4.3"].item.action.text == ""  # the latest one (cancelled) is finished


def test_audit_checklists_neither_carry_nor_receive(baseline) -> None:
    ws, base = baseline
    audit_id = add_record(
        ws, "t", "internal_audit",
        {"title": "Audit 1", "planned_on": _ago(30), "status": "planned",
         "clauses": "4"},
    )[0].id  # fmt: skip
    done, _ = audits.start_audit(ws, "t", audit_id, library_ids=["test-iso"])
    items = dict((item.ref, (item_id, item)) for item_id, item in audits.audit_items(ws, audit_id))
    assert items["4.1"][1].action.text == ""  # the baseline's open action does not go there
    assert cl.get_item(ws, items["4.1"][0]).action.text == ""
    # an action on the audit's checklist does not follow into the next gap assessment
    cl.assess_requirement(
        ws, "t", items["4.3"][0], status="nonconforming", grade="minor", action_text="Audit fix"
    )
    later = _reassess(ws, base.id)
    assert later.id > done.assessment_id
    rows = _rows(ws, later.id)
    assert rows["4.3"].item.action.text == ""
    assert rows["4.1"].item.action.text == "Fix 4.1"  # the baseline's, past the audit


def test_an_item_carrying_an_open_action_is_not_offered_for_another(baseline) -> None:
    """Raising a nonconformity from a re-assessment's gap that carries an open action would
    make a second row for the same requirement: it is not offered, and refused if asked."""
    from qms_desktop.domain.errors import ValidationError

    ws, base = baseline
    later = _reassess(ws, base.id)
    rows = _rows(ws, later.id)
    offered = {item_id for item_id, _label in actions.findings_to_raise(ws)}
    assert rows["4.1"].item_id not in offered and rows["4.2"].item_id not in offered
    assert rows["4.3"].item_id in offered  # its action was verified: a new gap needs its own
    before = _count(ws)
    with pytest.raises(ValidationError, match="already has its nonconformity"):
        actions.raise_from_item(ws, "t", rows["4.1"].item_id)
    assert _count(ws) == before
    record, _ = actions.raise_from_item(ws, "t", rows["4.3"].item_id)
    assert record.values["assessment_item"] == rows["4.3"].item_id
