"""The Operate page's corrective actions as a user works them: raise a nonconformity from a
checklist finding and from a complaint, verify it (a 'no' reopens it, kept on record; a
'yes' verifies it), turn it into a lesson; overdue rows are marked and counted on the
dashboard; each is one undo step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from qms_desktop.domain.steps import Step
from qms_desktop.services import checklist as cl
from qms_desktop.services import registers as rs
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.operate_actions import ActionsPanel
from tests.checklist_data import add_test_library

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def actions_tab(window: MainWindow) -> ActionsPanel:
    window.go_to(Step.OPERATE.value)
    page = window.step_pages[Step.OPERATE]
    index = next(
        i for i in range(page.tabs.count()) if getattr(page.tabs.widget(i), "inner", None)
        and page.tabs.widget(i).inner.objectName() == "audit_tabs"
    )  # fmt: skip
    page.show_tab(index)
    group = page.tabs.widget(index)
    inner = group.inner
    part = next(i for i in range(inner.count()) if isinstance(inner.widget(i), ActionsPanel))
    shown = group.show_part(part)
    assert isinstance(shown, ActionsPanel)
    return shown


def _stored(window: MainWindow) -> list[dict[str, object]]:
    return [r.values for r in rs.list_records(window.controller.ws(), "nonconformity")]


def test_raise_from_finding_verify_no_reopens_yes_verifies(qtbot, opened: MainWindow) -> None:
    ws = opened.controller.ws()
    add_test_library(ws)
    info, _ = cl.create_assessment(ws, "t", "Internal audit", DAY, ["test-iso"])
    item = cl.checklist_rows(ws, info.id)[0].item_id
    cl.assess_requirement(ws, "t", item, status="partial", gap="Two scales without records")
    li = rs.add_record(ws, "t", "person", {"name": "Li Na", "role": "Auditor"})[0].id
    panel = actions_tab(opened)
    stack = opened.controller.undo_stack
    steps = stack.count()
    nc_id = panel.raise_from_finding(item)
    assert nc_id is not None and stack.count() == steps + 1
    (row,) = _stored(opened)
    assert row["source"] == "checklist_gap" and row["assessment_item"] == item
    assert row["description"] == "Two scales without records"
    assert panel.register_panel.current_record().id == nc_id  # type: ignore[union-attr]
    # the checklist item is named (assessment — requirement), not shown as its number
    assert panel.register_panel.editors["assessment_item"].text() == "Internal audit — 4.1"
    assert panel.verify.isEnabled() and panel.to_lesson.isEnabled()
    # closing it by hand, without verification, is refused and shown beside the field
    rs.update_record(ws, "t", "nonconformity", nc_id, action="Calibration log", status="done")
    assert panel.verify_current((li, dt.date.today(), "Log still missing for one scale", False))
    (row,) = _stored(opened)
    assert row["status"] == "in_progress" and row["effective"] == "no"
    assert "Log still missing" in str(row["verification_evidence"])
    assert panel.verify_current((li, dt.date.today(), "Both scales logged", True))
    (row,) = _stored(opened)
    assert row["status"] == "verified" and row["effective"] == "yes"
    assert "Log still missing" in str(row["verification_evidence"])  # the failed one kept
    stack.undo()
    assert _stored(opened)[0]["status"] == "in_progress"
    stack.redo()
    assert _stored(opened)[0]["status"] == "verified"


def test_raise_from_complaint_then_lesson_and_undo(qtbot, opened: MainWindow) -> None:
    ws = opened.controller.ws()
    complaint = rs.add_record(ws, "t", "complaint", {
        "received_on": DAY, "description": "Cold breakfast", "severity": "disappointed",
        "status": "open", "cause": "Buffet heaters off at 9"})[0].id  # fmt: skip
    panel = actions_tab(opened)
    nc_id = panel.raise_from_complaint(complaint)
    (row,) = _stored(opened)
    assert row["complaint"] == complaint and row["root_cause"] == "Buffet heaters off at 9"
    assert panel.turn_into_lesson()
    lessons = rs.list_records(ws, "lesson")
    assert len(lessons) == 1 and _stored(opened)[0]["lesson"] == lessons[0].id
    assert not panel.to_lesson.isEnabled()  # one lesson per nonconformity
    opened.controller.undo_stack.undo()
    assert rs.list_records(ws, "lesson") == [] and _stored(opened)[0]["lesson"] is None
    opened.controller.undo_stack.undo()  # the raise itself
    assert _stored(opened) == []
    opened.controller.undo_stack.redo()
    assert [r.id for r in rs.list_records(ws, "nonconformity")] == [nc_id]


def test_overdue_marked_and_on_the_dashboard(qtbot, opened: MainWindow) -> None:
    ws = opened.controller.ws()
    late = dt.date.today() - dt.timedelta(days=3)
    for due in (late, late, dt.date.today() + dt.timedelta(days=9)):
        rs.add_record(ws, "t", "nonconformity", {"raised_on": DAY, "source": "other",
                                                 "description": "x", "status": "open",
                                                 "due": due})  # fmt: skip
    panel = actions_tab(opened)
    panel.reload()
    assert panel.overdue.text() == "2 overdue corrective actions"
    flagged = [r.id for r in panel.register_panel.model.records()
               if panel.register_panel.model.flag(r.id, "due") == "overdue"]  # fmt: skip
    assert len(flagged) == 2
    opened.go_to("dashboard")
    label = opened.findChild(QLabel, "dashboard_overdue_actions")
    assert label is not None and label.isVisible()
    assert "2 overdue corrective actions" in label.text()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_tab_at_1280x720(qtbot, window: MainWindow, demo_file: Path, lang: str) -> None:
    assert window.open_path(demo_file)
    window.languages.apply(lang)
    window.resize(1280, 720)
    panel = actions_tab(window)
    qtbot.waitUntil(panel.isVisible)
    window.grab().save(f"/tmp/operate_actions_{lang}.png")
    assert panel.verify.isVisible()


def test_verify_dialog_gives_what_the_user_chose(qtbot) -> None:
    from qms_desktop.ui.steps.operate_actions import VerifyDialog

    dialog = VerifyDialog([(4, "Li Na"), (7, "王芳")])
    qtbot.addWidget(dialog)
    dialog.person.setCurrentIndex(1)
    qtbot.keyClicks(dialog.evidence, "20 rooms sampled, 4 late")
    dialog.effective.setCurrentIndex(1)  # No: not effective, reopen
    by, on, evidence, effective = dialog.values()
    assert (by, evidence, effective) == (7, "20 rooms sampled, 4 late", False)
    assert on == dt.date.today() and dialog.on.maximumDate().toPython() == dt.date.today()
