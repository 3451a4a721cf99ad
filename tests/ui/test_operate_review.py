"""The management review as a user holds it on the Operate page: record the meeting, pick the
audit it reviewed, see the inputs gathered for its period, add an output action, and watch
step 8 reach "ready for sign-off" once the output is scheduled; the panel at 1280x720."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qms_desktop.domain.steps import ShownStatus, Step
from qms_desktop.libraries import builtin_library
from qms_desktop.services import audits
from qms_desktop.services import checklist as cl
from qms_desktop.services import registers as rs
from qms_desktop.services.libraries import store_library
from qms_desktop.services.steps import step_summaries
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.operate_review import ReviewPanel
from tests.ui.test_register_pages import type_line, type_text

D = dt.date
LAST_YEAR = dt.date.today().year - 1


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def review_panel(window: MainWindow) -> ReviewPanel:
    window.go_to(Step.OPERATE.value)
    page = window.step_pages[Step.OPERATE]
    (panel,) = page.findChildren(ReviewPanel)
    for index in range(page.tabs.count()):
        group = page.tabs.widget(index)
        if group.isAncestorOf(panel):
            page.show_tab(index)
            for part in range(group.inner.count()):
                if group.inner.widget(part) is panel or group.inner.widget(part).isAncestorOf(
                    panel
                ):
                    group.show_part(part)
    assert panel.isVisible()
    return panel


def _customer_voice(ws) -> None:
    """Part 1 of the step: a channel and a survey with an answer."""
    rs.add_record(ws, "t", "feedback_channel", {"name": "Comment cards", "kind": "comment_card"})
    survey = rs.add_record(ws, "t", "survey", {"title": "Guests", "starts_on": D(LAST_YEAR, 6, 1),
                                               "scale": "7", "asks": "perception_only"})[0].id  # fmt: skip
    item = rs.add_record(ws, "t", "survey_item", {"survey": survey, "code": "R1",
                                                  "statement": "On time",
                                                  "dimension": "reliability"})[0].id  # fmt: skip
    rs.add_record(ws, "t", "survey_response", {"survey": survey, "respondent": "A", "item": item,
                                               "perception": 6})  # fmt: skip


def _completed_audit(ws) -> int:
    store_library(ws, "t", builtin_library("iso9001-2015"))
    audit = rs.add_record(ws, "t", "internal_audit", {
        "title": "Front desk audit", "planned_on": D(LAST_YEAR, 9, 1), "clauses": "8.5.1",
        "status": "planned"})[0].id  # fmt: skip
    audits.start_audit(ws, "t", audit)
    (item_id, _), *_ = audits.audit_items(ws, audit)
    cl.assess_requirement(ws, "t", item_id, status="partial", grade="minor", gap="Keys not logged")
    audits.complete_audit(ws, "t", audit, D(LAST_YEAR, 9, 5))
    return audit


def _operate(window: MainWindow) -> ShownStatus:
    return step_summaries(window.controller.ws())[Step.OPERATE].status


def test_hold_a_review_see_its_inputs_add_an_output_and_reach_sign_off(
    qtbot, opened: MainWindow
) -> None:
    ws = opened.controller.ws()
    _customer_voice(ws)
    audit = _completed_audit(ws)
    rs.add_record(ws, "t", "complaint", {"received_on": D(LAST_YEAR, 3, 1),
                                         "description": "Cold room", "severity": "disappointed",
                                         "status": "open"})  # fmt: skip
    panel = review_panel(opened)
    registers = panel.register_panel
    assert not panel.add_output_button.isEnabled()  # no review selected yet

    # hold the review: the meeting's dates and the audit it reviewed, through the form
    qtbot.mouseClick(registers.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, registers.editors["held_on"], f"{LAST_YEAR + 1}-01-10")
    type_line(qtbot, registers.editors["period_from"], f"{LAST_YEAR}-01-01")
    type_line(qtbot, registers.editors["period_to"], f"{LAST_YEAR}-12-31")
    type_text(qtbot, registers.editors["changes_in_context"], "A competitor opened nearby",
              registers.table)  # fmt: skip
    qtbot.keyClick(registers.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    if registers.drafting:
        registers.save_draft()
    (review,) = rs.list_records(ws, "management_review")
    registers.editors["audits"].tick("Front desk audit — " + f"{LAST_YEAR}-09-01")
    (review,) = rs.list_records(ws, "management_review")
    assert review.values["audits"] == (audit,)
    assert review.values["changes_in_context"] == "A competitor opened nearby"

    # the inputs gathered for its period
    assert f"{LAST_YEAR}-01-01" in panel.heading.text()
    shown = _tree_text(panel)
    assert "A competitor opened nearby" in shown
    assert "Front desk audit" in shown and "Minor nonconformity 1" in shown
    assert panel.gathered is not None and panel.gathered.feedback.complaints == 1
    # held, the audit in it, but no output yet: ISO 9001 9.3.3 asks for decisions and actions
    assert _operate(opened) is ShownStatus.IN_PROGRESS

    # an output without owner or due date keeps the step from sign-off
    assert panel.add_output_button.isEnabled()
    nc = panel.add_output({"description": "Log every key handed out", "owner": "", "due": None})
    assert nc is not None
    (output,) = rs.list_records(ws, "nonconformity")
    assert output.values["review"] == review.id
    assert output.values["source"] == "management_review"
    assert _operate(opened) is ShownStatus.IN_PROGRESS
    opened.controller.undo_stack.undo()  # undone: gone again
    assert rs.list_records(ws, "nonconformity") == []
    opened.controller.undo_stack.redo()

    # scheduled (owner and due date): ready for sign-off
    rs.update_record(ws, "t", "nonconformity", output.id, owner="Li", due=D(LAST_YEAR + 1, 3, 1))
    assert _operate(opened) is ShownStatus.READY
    opened.go_to("dashboard")
    card = opened.dashboard._cards[Step.OPERATE]  # noqa: SLF001
    assert "Ready for sign-off" in card.status.text()


def _tree_text(panel: ReviewPanel) -> str:
    tree = panel.inputs
    lines = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        lines.append(f"{top.text(0)} {top.text(1)}")
        for j in range(top.childCount()):
            lines.append(f"{top.child(j).text(0)} {top.child(j).text(1)}")
    return "\n".join(lines)


def test_the_panel_at_1280x720(qtbot, opened: MainWindow, tmp_path: Path) -> None:
    ws = opened.controller.ws()
    rs.add_record(ws, "t", "management_review", {"held_on": D(LAST_YEAR + 1, 1, 10),
                                                 "period_from": D(LAST_YEAR, 1, 1),
                                                 "period_to": D(LAST_YEAR, 12, 31)})  # fmt: skip
    opened.resize(1280, 720)
    panel = review_panel(opened)
    registers = panel.register_panel
    registers.table.selectRow(0)
    assert panel.gathered is not None
    assert panel.inputs.topLevelItemCount() == 12  # the twelve inputs of 9.3.2
    opened.grab().save(str(tmp_path / "review.png"))
