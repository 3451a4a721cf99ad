"""Allocate and Strengthen as a user works them: appoint a person to a role, fill the
responsibility matrix by keyboard, record a calibration, watch the step become ready for
sign-off; the basic management work from its starting list; the dashboard tells the truth."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox

from qms_desktop.domain.steps import ShownStatus, Step, StepState, StepStatus
from qms_desktop.services import registers as rs
from qms_desktop.services import steps as steps_service
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.allocate import (
    BasicWorkPanel,
    FacilitiesPanel,
    ResponsibilityMatrixPanel,
    RolesPanel,
    TrainingCoveragePanel,
)
from tests.ui.test_register_pages import type_line, type_text


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def tab(window: MainWindow, step: Step, index: int):
    window.go_to(step.value)
    page = window.step_pages[step]
    page.show_tab(index)
    return page.tabs.widget(index)


def pick(combo: QComboBox, label: str) -> None:
    index = combo.findText(label)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def shown_status(window: MainWindow, step: Step) -> ShownStatus:
    return steps_service.step_summaries(window.controller.ws())[step].status


def test_appoint_fill_the_matrix_record_a_calibration_then_ready(qtbot, opened: MainWindow):
    ws = opened.controller.ws()
    rs.add_record(ws, "t", "person", {"name": "Chen Jing", "role": "Front office"})
    rs.add_record(ws, "t", "person", {"name": "Gone Guy", "role": "Kitchen", "state": "left"})
    rs.add_record(ws, "t", "process", {"name": "Check-in", "owner": "Front office manager"})
    rs.add_record(ws, "t", "process", {"name": "Housekeeping"})
    # the Plan step's process owner is offered as a role
    roles = tab(opened, Step.ALLOCATE, 0)
    assert isinstance(roles, RolesPanel)
    assert "Front office manager" in roles.suggestion.text()
    qtbot.mouseClick(roles.add_suggested, Qt.MouseButton.LeftButton)
    assert not roles.add_suggested.isVisible()
    panel = roles.register_panel
    assert [r.values["title"] for r in panel.model.records()] == ["Front office manager"]
    # appoint a person: the picker offers people who have not left
    appointee = panel.editors["appointee"]
    offered = [appointee.itemText(i) for i in range(appointee.count())]
    assert "Chen Jing" in offered and "Gone Guy" not in offered
    pick(appointee, "Chen Jing")
    assert shown_status(opened, Step.ALLOCATE) is ShownStatus.IN_PROGRESS
    type_text(qtbot, panel.editors["appointee_competence"], "Hotel school; 8 years", panel.table)
    stored = rs.list_records(ws, "role")[0].values
    assert stored["appointee"] == rs.list_records(ws, "person")[0].id
    assert panel.model.index(0, panel.model.column_of("appointee")).data() == "Chen Jing"
    # the matrix by keyboard: A was set for the owned process; type A for housekeeping too
    matrix = tab(opened, Step.ALLOCATE, 1)
    assert isinstance(matrix, ResponsibilityMatrixPanel)
    assert matrix.model.index(0, 0).data() == "A"
    assert "Housekeeping" in matrix.problems.text()
    matrix.view.setFocus()
    matrix.view.setCurrentIndex(matrix.model.index(0, 1))
    qtbot.keyClick(matrix.view, Qt.Key.Key_A)
    assert matrix.model.index(0, 1).data() == "A"
    assert "exactly one accountable" in matrix.problems.text()
    undo_count = opened.controller.undo_stack.count()
    # a letter that is not R/A/C/I is refused with a message, nothing stored
    qtbot.keyClick(matrix.view, Qt.Key.Key_X)
    assert "R, A, C or I" in matrix.error.text()
    assert opened.controller.undo_stack.count() == undo_count
    # Delete empties the selected cells: both at once, one undo step
    sel = matrix.view.selectionModel()
    sel.select(matrix.model.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    sel.select(matrix.model.index(0, 1), QItemSelectionModel.SelectionFlag.Select)
    qtbot.keyClick(matrix.view, Qt.Key.Key_Delete)
    assert matrix.model.index(0, 0).data() == "" and matrix.model.index(0, 1).data() == ""
    opened.controller.undo_stack.undo()
    assert matrix.model.index(0, 0).data() == "A" and matrix.model.index(0, 1).data() == "A"
    # a thermometer overdue for calibration holds the step back, flagged in the table
    facilities = tab(opened, Step.ALLOCATE, 3)
    assert isinstance(facilities, FacilitiesPanel)
    fp = facilities.register_panel
    qtbot.mouseClick(fp.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, fp.editors["item"], "Kitchen thermometer")
    fp.editors["kind"].setCurrentIndex(fp.editors["kind"].findData("measuring_equipment"))
    fp.editors["state"].setCurrentIndex(fp.editors["state"].findData("in_service"))
    type_line(qtbot, fp.editors["calibration_months"], "12")
    type_line(qtbot, fp.editors["last_calibrated"], "2020-01-10")
    qtbot.mouseClick(fp.save_button, Qt.MouseButton.LeftButton)
    thermometer = rs.list_records(ws, "facility")[0]
    assert thermometer.values["next_calibration"] == dt.date(2021, 1, 10)
    assert fp.model.flag(thermometer.id, "next_calibration") == "overdue"
    assert "overdue" in facilities.calibration.text()
    assert shown_status(opened, Step.ALLOCATE) is ShownStatus.IN_PROGRESS
    # record the calibration made today: the flag goes and the step is ready for sign-off
    today = dt.date.today()
    type_line(qtbot, fp.editors["last_calibrated"], today.isoformat())
    facility = rs.list_records(ws, "facility")[0].values
    assert facility["last_calibrated"] == today and facility["next_calibration"] > today
    assert fp.model.flag(thermometer.id, "next_calibration") == ""
    assert not facilities.calibration.isVisible()
    assert shown_status(opened, Step.ALLOCATE) is ShownStatus.READY
    about = opened.step_pages[Step.ALLOCATE].about
    opened.step_pages[Step.ALLOCATE].show_tab(4)
    assert "Ready for sign-off" in about.shown_status.text()
    assert "How progress is measured" in about._rule.text()
    opened.go_to("dashboard")
    card = opened.dashboard.findChild(type(opened.dashboard._cards[Step.ALLOCATE]), "card_allocate")
    assert "Ready for sign-off" in card.status.text()


def test_a_calibration_before_the_last_one_is_refused(qtbot, opened: MainWindow):
    facilities = tab(opened, Step.ALLOCATE, 3)
    fp = facilities.register_panel
    qtbot.mouseClick(fp.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, fp.editors["item"], "Scale")
    fp.editors["kind"].setCurrentIndex(fp.editors["kind"].findData("measuring_equipment"))
    type_line(qtbot, fp.editors["last_calibrated"], "2026-05-01")
    type_line(qtbot, fp.editors["next_calibration"], "2026-01-01")
    qtbot.mouseClick(fp.save_button, Qt.MouseButton.LeftButton)
    assert rs.list_records(opened.controller.ws(), "facility") == []
    assert "2026-01-01" in fp.errors["last_calibrated"].text()


def test_training_coverage_says_who_is_trained_per_role(qtbot, opened: MainWindow):
    ws = opened.controller.ws()
    ann = rs.add_record(ws, "t", "person", {"name": "Ann", "role": "Kitchen"})[0].id
    rs.add_record(ws, "t", "person", {"name": "Bo", "role": "Kitchen"})
    rs.add_record(
        ws, "t", "training", {"topic": "ISO 9001", "held_on": "2026-10-01", "participants": [ann]}
    )
    coverage = tab(opened, Step.ALLOCATE, 2)
    assert isinstance(coverage, TrainingCoveragePanel)
    assert "Kitchen: 1 of 2 trained — not yet: Bo" in coverage.by_role.text()
    assert (
        coverage.model.index(0, 5).data() == "Yes"
        and coverage.model.index(1, 5).data() == "Not yet"
    )


def test_basic_management_work_from_the_starting_list(qtbot, opened: MainWindow):
    opened.go_to("strengthen")
    page = opened.step_pages[Step.STRENGTHEN]
    panel = page.tabs.widget(0)
    assert isinstance(panel, BasicWorkPanel)
    assert shown_status(opened, Step.STRENGTHEN) is ShownStatus.NOT_STARTED
    qtbot.mouseClick(panel.starting, Qt.MouseButton.LeftButton)
    records = rs.list_records(opened.controller.ws(), "basic_work")
    assert len(records) == 6 and records[1].values["requirement"] == "7.1.5"
    assert not panel.starting.isVisible()
    assert opened.controller.undo_stack.undoText() == "Add the starting areas"
    # put every area in place at once: select all, set State
    reg = panel.register_panel
    reg.table.selectAll()
    qtbot.mouseClick(reg.bulk_button, Qt.MouseButton.LeftButton)
    state = reg.bulk_dialog.choose("state")
    state.setCurrentIndex(state.findData("in_place"))
    qtbot.mouseClick(reg.bulk_dialog.ok_button, Qt.MouseButton.LeftButton)
    assert shown_status(opened, Step.STRENGTHEN) is ShownStatus.READY
    opened.controller.undo_stack.undo()
    opened.controller.undo_stack.undo()
    assert rs.list_records(opened.controller.ws(), "basic_work") == []


def test_dashboard_warns_when_a_signed_off_step_no_longer_holds(qtbot, opened: MainWindow):
    ws = opened.controller.ws()
    rec, _ = rs.add_record(ws, "t", "basic_work", {"area": "Metrology", "state": "in_place"})
    steps_service.update_step(
        ws,
        "t",
        Step.STRENGTHEN,
        status=StepStatus.DONE,
        signed_off_by="Li",
        signed_off_on=dt.date(2026, 1, 1),
    )
    rs.update_record(ws, "t", "basic_work", rec.id, state="under_way")
    opened.go_to("dashboard")
    opened.dashboard.reload()
    card = opened.dashboard._cards[Step.STRENGTHEN]
    assert "Done" in card.status.text() and "⚠" in card.status.text()
    assert "Metrology" in opened.dashboard._warnings.text()
    assert "Next: step 1" in opened.dashboard._next.text()


def test_guidance_tabs_state_their_progress_rule_and_no_stale_sentence(qtbot, opened: MainWindow):
    for step in (Step.SUMMARISE, Step.STUDY, Step.PLAN, Step.ALLOCATE, Step.STRENGTHEN):
        opened.go_to(step.value)
        about = opened.step_pages[step].about
        assert "coming versions" not in about._holds.text(), step
        assert "How progress is measured" in about._rule.text(), step
    assert StepState(Step.OPERATE).status is StepStatus.NOT_STARTED


@pytest.mark.parametrize("typed,expected", [("Ｒ", "R"), ("ａ", "A"), ("c", "C"), ("Ｘ", None)])
def test_full_width_letters_from_a_chinese_input_method_count(qtbot, typed: str, expected):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from qms_desktop.ui.steps.allocate import MatrixView

    view = MatrixView()
    qtbot.addWidget(view)
    letters: list[str] = []
    refused: list[str] = []
    view.lettersTyped.connect(letters.append)
    view.refused.connect(refused.append)
    event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, typed)
    QApplication.sendEvent(view, event)
    assert letters == ([expected] if expected else [])
    assert refused == ([] if expected else ["X"])
