"""Summarise, Study and Plan pages: add, edit, validate, delete and undo records as a user would."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.register_panel import RegisterPanel
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def panel_of(window: MainWindow, step: Step, tab: int) -> RegisterPanel:
    page = window.step_pages[step]
    window.go_to(step.value)
    page.show_tab(tab)
    widget = page.tabs.widget(tab)
    return getattr(widget, "register_panel", widget)


def type_line(qtbot, editor: QLineEdit, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def type_text(qtbot, editor: CommitOnLeaveTextEdit, text: str, leave_to) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    leave_to.setFocus()


def lessons(window):
    return rs.list_records(window.controller.ws(), "lesson")


def choose(combo: QComboBox, data) -> None:
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())


def test_add_opens_the_form_and_stores_only_on_save(qtbot, opened: MainWindow):
    panel = panel_of(opened, Step.SUMMARISE, 0)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert lessons(opened) == [] and panel.drafting and panel.save_button.isVisible()
    assert panel.editors["what_happened"].toPlainText() == ""  # no "(new)" placeholder
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)  # required fields empty
    assert lessons(opened) == [] and "required" in panel.errors["what_happened"].text()
    assert opened.controller.undo_stack.count() == 0
    type_text(qtbot, panel.editors["what_happened"], "Guest waited 40 minutes", panel.table)
    type_text(qtbot, panel.editors["lesson"], "Open a second desk at peak", panel.table)
    assert lessons(opened) == []  # still nothing stored while writing
    panel.editors["document"].setFocus()
    qtbot.keyClick(
        panel.editors["document"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert [r.values["what_happened"] for r in lessons(opened)] == ["Guest waited 40 minutes"]
    assert not panel.drafting and panel.current_record() == lessons(opened)[0]
    assert opened.controller.undo_stack.count() == 1
    # a second Add, walked away from with Escape, leaves nothing behind
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, panel.editors["what_happened"], "Half-written", panel.editors["document"])
    qtbot.keyClick(panel.editors["document"], Qt.Key.Key_Escape)  # focus is in the form
    assert not panel.drafting and len(lessons(opened)) == 1
    assert panel.editors["what_happened"].toPlainText() == "Guest waited 40 minutes"


def add_lesson_by_form(qtbot, panel: RegisterPanel) -> None:
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    type_text(
        qtbot, panel.editors["what_happened"], "Guest waited 40 minutes at check-in", panel.table
    )
    type_text(qtbot, panel.editors["lesson"], "Open a second desk at peak arrivals", panel.table)
    panel.editors["source"].setCurrentIndex(panel.editors["source"].findData("complaint"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)


def test_add_edit_undo_delete_a_lesson(qtbot, opened: MainWindow):
    panel = panel_of(opened, Step.SUMMARISE, 0)
    add_lesson_by_form(qtbot, panel)
    rec = lessons(opened)[0].values
    assert rec["what_happened"].startswith("Guest waited") and rec["source"] == "complaint"
    assert panel.model.index(0, 2).data() == "Guest waited 40 minutes at check-in"
    # adopting without a rule kind is refused, with the reason next to the field
    choose(panel.editors["decision"], "adopt")
    assert lessons(opened)[0].values["decision"] == ""
    assert "kind of rule" in panel.errors["rule_kind"].text()
    choose(panel.editors["rule_kind"], "standard")
    choose(panel.editors["decision"], "adopt")
    type_line(qtbot, panel.editors["document"], "HLH-SOP-012")
    assert lessons(opened)[0].values["decision"] == "adopt"
    assert opened.navigator_model.index(2).data(Qt.ItemDataRole.UserRole + 3) == pytest.approx(1.0)
    # undo the document, then redo it
    opened.controller.undo_stack.undo()
    assert lessons(opened)[0].values["document"] == ""
    opened.controller.undo_stack.redo()
    assert lessons(opened)[0].values["document"] == "HLH-SOP-012"
    # delete, then undo the delete: the same record comes back
    before = lessons(opened)[0]
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert lessons(opened) == []
    opened.controller.undo_stack.undo()
    assert lessons(opened) == [before]
    assert panel.current_record() == before


def test_bad_date_and_required_field_messages(qtbot, opened: MainWindow):
    panel = panel_of(opened, Step.SUMMARISE, 0)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, panel.editors["occurred_on"], "last spring")
    assert "YYYY-MM-DD" in panel.errors["occurred_on"].text()
    type_text(qtbot, panel.editors["what_happened"], " ", panel.editors["document"])
    assert "required" in panel.errors["what_happened"].text()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert lessons(opened) == [] and panel.drafting


def test_objective_needs_a_number_and_unit(qtbot, opened: MainWindow):
    panel = panel_of(opened, Step.PLAN, 1)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, panel.editors["objective"], "Guests satisfied")
    type_line(qtbot, panel.editors["metric"], "Share rating 4 or 5")
    type_line(qtbot, panel.editors["target"], "ninety")
    assert "number" in panel.errors["target"].text()
    type_line(qtbot, panel.editors["unit"], "")
    type_line(qtbot, panel.editors["target"], "95")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "unit" in panel.errors["unit"].text()  # a target needs its unit
    assert rs.list_records(opened.controller.ws(), "objective") == []
    type_line(qtbot, panel.editors["unit"], "%")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    stored = rs.list_records(opened.controller.ws(), "objective")[0].values
    assert stored["target"] == 95.0 and stored["unit"] == "%"


def test_training_matrix_shows_who_still_needs_what(qtbot, opened: MainWindow):
    ws = opened.controller.ws()
    rs.add_record(
        ws,
        "t",
        "study_plan",
        {"role": "Front office", "standard": "ISO 9001", "state": "completed"},
    )
    rs.add_record(
        ws, "t", "study_plan", {"role": "Kitchen", "standard": "ISO 9001", "state": "planned"}
    )
    rs.add_record(
        ws, "t", "study_plan", {"role": "Kitchen", "standard": "Food hygiene", "state": "planned"}
    )
    opened.go_to("study")
    page = opened.step_pages[Step.STUDY]
    page.show_tab(2)
    matrix = page.tabs.widget(2)
    matrix.reload()
    assert matrix.model.roles == ["Front office", "Kitchen"]
    assert matrix.model.index(0, 1).data() == "✔"
    assert "Kitchen: Food hygiene, ISO 9001" in matrix.summary.text()
    rs.add_record(ws, "t", "person", {"name": "Zhao Lei", "role": "Kitchen"})
    matrix.reload()
    assert "Kitchen (Zhao Lei): Food hygiene, ISO 9001" in matrix.summary.text()


def test_training_attendees_are_picked_from_the_people(qtbot, opened: MainWindow):
    ws = opened.controller.ws()
    li = rs.add_record(ws, "t", "person", {"name": "Li Na", "role": "Front office"})[0].id
    wang = rs.add_record(ws, "t", "person", {"name": "Wang Fang", "role": "Kitchen"})[0].id
    rs.add_record(ws, "t", "person", {"name": "Old Hand", "role": "Kitchen", "state": "left"})
    rs.add_record(ws, "t", "training", {"topic": "Hygiene", "held_on": "2026-11-01"})
    panel = panel_of(opened, Step.STUDY, 3)
    picker = panel.editors["participants"]
    offered = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert offered == ["Li Na", "Wang Fang"]  # who left is not offered
    picker.filter.setText("wang")
    assert [picker.list.item(i).isHidden() for i in range(2)] == [True, False]
    picker.tick("Wang Fang")
    picker.tick("Li Na")
    assert rs.list_records(ws, "training")[0].values["participants"] == (wang, li)
    assert panel.model.index(0, panel.model.column_of("participants")).data() == "Wang Fang, Li Na"
    opened.controller.undo_stack.undo()
    assert rs.list_records(ws, "training")[0].values["participants"] == (wang,)


def test_commitment_is_rated_as_it_is_typed(qtbot, opened: MainWindow):
    opened.go_to("plan")
    page = opened.step_pages[Step.PLAN]
    page.show_tab(7)
    panel = page.tabs.widget(7)
    promise = panel.editors["commitment_promise"]
    promise.setFocus()
    qtbot.keyClicks(promise, "We offer excellent service, subject to availability.")
    assert "make it unconditional" in panel.result.text()
    assert "0 of 5" in panel.result.text() or "1 of 5" in panel.result.text()
    panel.editors["commitment_remedy"].setFocus()  # leaving stores it
    assert rs.get_plan(opened.controller.ws())["commitment_promise"].startswith("We offer")
    promise.setPlainText("Your room is ready by 14:00 or the first night is free.")
    panel.editors["commitment_remedy"].setPlainText(
        "The first night is refunded at the desk at once."
    )
    panel.editors["commitment_invoke"].setPlainText("Tell the front desk.")
    assert "5 of 5 qualities met" in panel.result.text()


def test_process_network_diagram(qtbot, opened: MainWindow):
    ws = opened.controller.ws()
    rs.add_record(ws, "t", "process", {"name": "Reservation", "feeds": "Check-in"})
    rs.add_record(ws, "t", "process", {"name": "Check-in", "feeds": "Housekeeping, Check-out"})
    rs.add_record(ws, "t", "process", {"name": "Housekeeping"})
    opened.go_to("plan")
    page = opened.step_pages[Step.PLAN]
    page.show_tab(3)
    network = page.tabs.widget(3)
    network.reload()
    assert [p[0] for p in network.diagram.processes] == ["Reservation", "Check-in", "Housekeeping"]
    assert network.diagram.processes[1][1] == ["Housekeeping", "Check-out"]
    assert len(network.diagram.boxes()) == 3
    assert not network.diagram.grab().isNull()


def test_read_only_registers(qtbot, opened: MainWindow, workspace_file: Path, tmp_path: Path):
    from PySide6.QtCore import QSettings

    from qms_desktop.app import build_main_window

    rs.add_record(
        opened.controller.ws(),
        "t",
        "lesson",
        {"source": "audit", "what_happened": "x", "lesson": "y"},
    )
    other = build_main_window(
        settings=QSettings(str(tmp_path / "o.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(other)
    other.open_path(workspace_file)
    panel = panel_of(other, Step.SUMMARISE, 0)
    assert panel.model.rowCount() == 1
    assert not panel.add_button.isEnabled() and not panel.editors["lesson"].isEnabled()
    other.controller.close()


def test_chinese_labels_on_register_pages(qtbot, opened: MainWindow):
    opened.set_language("zh_CN")
    panel = panel_of(opened, Step.SUMMARISE, 0)
    qtbot.waitUntil(lambda: panel.labels["source"].text().startswith("来源"))
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "来源"
    combo = panel.editors["source"]
    assert isinstance(combo, QComboBox) and combo.itemText(1) == "投诉"
    opened.set_language("en")


def test_history_panel_follows_the_selected_record(qtbot, opened: MainWindow):
    opened.menus.history.trigger()  # Ctrl+H: the panel reads the trail while it is shown
    panel = panel_of(opened, Step.SUMMARISE, 0)
    add_lesson_by_form(qtbot, panel)
    type_line(qtbot, panel.editors["document"], "SOP-1")
    assert opened.history_model.rowCount() >= 2
    assert opened.history_model.index(0, 2).data() in ("document", "Carried by document")
    opened.go_to("plan")
    opened.step_pages[Step.PLAN].show_tab(0)
    assert "plan design" in opened.history_dock.windowTitle()
