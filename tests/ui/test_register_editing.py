"""Registers as a user edits them: several records selected, deleted or changed as one step;
dates typed or picked; references picked from other registers; the form at 1280x720."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QCalendarWidget, QPushButton, QScrollArea, QTableView

from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.register_panel import RegisterPanel
from tests.ui.test_register_pages import panel_of, type_line


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def people_panel(window: MainWindow, *names: str) -> RegisterPanel:
    for n in names:
        rs.add_record(window.controller.ws(), "t", "person", {"name": n, "role": "Chef"})
    panel = panel_of(window, Step.STUDY, 0)
    panel.reload()
    return panel


def select_rows(panel: RegisterPanel, *rows: int) -> None:
    sel = panel.table.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(
            panel.proxy.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def names(window: MainWindow) -> list[str]:
    return [str(r.values["name"]) for r in rs.list_records(window.controller.ws(), "person")]


def test_several_records_deleted_by_one_key_and_back_by_one_undo(qtbot, opened: MainWindow):
    panel = people_panel(opened, "Ann", "Bo", "Cy", "Di")
    panel.table.setFocus()
    qtbot.mouseClick(
        panel.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.table.visualRect(panel.proxy.index(0, 0)).center(),
    )
    qtbot.mouseClick(
        panel.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        panel.table.visualRect(panel.proxy.index(2, 0)).center(),
    )
    assert panel.selected_ids() and len(panel.selected_ids()) == 2
    assert panel.selection_note.isVisible() and "2 records selected" in panel.selection_note.text()
    stack = opened.controller.undo_stack
    before = stack.count()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert names(opened) == ["Bo", "Di"]
    assert stack.count() == before + 1 and stack.undoText() == "Delete 2 records"
    stack.undo()
    assert sorted(names(opened)) == ["Ann", "Bo", "Cy", "Di"]
    stack.redo()
    assert names(opened) == ["Bo", "Di"]


def test_a_refused_multi_delete_deletes_nothing(qtbot, opened: MainWindow):
    panel = people_panel(opened, "Ann", "Bo")
    ws = opened.controller.ws()
    ann = rs.list_records(ws, "person")[0].id
    rs.add_record(
        ws, "t", "role", {"title": "Quality lead", "kind": "other_role", "appointee": ann}
    )
    select_rows(panel, 0, 1)
    before = opened.controller.undo_stack.count()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert names(opened) == ["Ann", "Bo"]
    assert opened.controller.undo_stack.count() == before
    assert "Quality lead" in " ".join(e.text() for e in panel.errors.values())


def test_bulk_edit_sets_one_field_of_every_selected_record_as_one_step(qtbot, opened: MainWindow):
    panel = people_panel(opened, "Ann", "Bo", "Cy")
    select_rows(panel, 0, 2)
    assert panel.bulk_button.isEnabled()
    qtbot.mouseClick(panel.bulk_button, Qt.MouseButton.LeftButton)
    dialog = panel.bulk_dialog
    assert dialog is not None and dialog.isVisible()
    editor = dialog.choose("department")
    qtbot.keyClicks(editor, "Kitchen")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    depts = [r.values["department"] for r in rs.list_records(opened.controller.ws(), "person")]
    assert depts == ["Kitchen", "", "Kitchen"]
    assert opened.controller.undo_stack.undoText() == "Set Department of 2 records"
    opened.controller.undo_stack.undo()
    depts = [r.values["department"] for r in rs.list_records(opened.controller.ws(), "person")]
    assert depts == ["", "", ""]
    # a value the register refuses is shown in the dialog, which stays open; nothing changes
    select_rows(panel, 0, 1)
    qtbot.mouseClick(panel.bulk_button, Qt.MouseButton.LeftButton)
    dialog = panel.bulk_dialog
    dialog.choose("name")  # empty: a name is required
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "required" in dialog.error.text()
    assert names(opened) == ["Ann", "Bo", "Cy"]
    dialog.reject()


def test_dates_are_typed_or_picked_from_a_calendar(qtbot, opened: MainWindow):
    panel = panel_of(opened, Step.SUMMARISE, 0)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    date = panel.editors["occurred_on"]
    type_line(qtbot, date, "2026-03-14")  # typing still works
    assert date.date() == dt.date(2026, 3, 14) and not panel.errors["occurred_on"].text()
    date.setFocus()
    qtbot.keyClick(date, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = date.calendar
    assert isinstance(calendar, QCalendarWidget) and calendar.isVisible()
    assert calendar.selectedDate().toPython() == dt.date(2026, 3, 14)
    calendar.setSelectedDate(dt.date(2026, 3, 20))
    view = calendar.findChild(QTableView, "qt_calendar_calendarview")
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the arrow keys move the day, Return picks it
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert date.text() == "2026-03-21" and date.calendar is None
    for text, widget in (("x", panel.editors["what_happened"]), ("y", panel.editors["lesson"])):
        widget.setPlainText(text)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    stored = rs.list_records(opened.controller.ws(), "lesson")[0].values
    assert stored["occurred_on"] == dt.date(2026, 3, 21)
    # on a stored record the picked date is stored at once, undoably
    date.show_calendar()
    date.calendar.clicked.emit(dt.date(2026, 4, 1))
    assert rs.list_records(opened.controller.ws(), "lesson")[0].values["occurred_on"] == dt.date(
        2026, 4, 1
    )


def test_text_fields_suggest_names_kept_in_other_registers(qtbot, opened: MainWindow):
    ws = opened.controller.ws()
    rs.add_record(ws, "t", "process", {"name": "Check-in"})
    rs.add_record(ws, "t", "process", {"name": "Housekeeping"})
    panel = panel_of(opened, Step.PLAN, 1)
    completer = panel.editors["process"].completer()
    assert completer is not None
    assert completer.model().stringList() == ["Check-in", "Housekeeping"]


def test_the_training_matrix_has_a_legend(qtbot, opened: MainWindow):
    opened.go_to("study")
    page = opened.step_pages[Step.STUDY]
    page.show_tab(2)
    legend = page.tabs.widget(2).legend.text()
    assert "✔" in legend and "○" in legend and "completed" in legend.lower()


@pytest.mark.parametrize("key_tab", [(Step.ALLOCATE, 0), (Step.ALLOCATE, 3), (Step.PLAN, 3)])
def test_register_forms_fit_1280x720(qtbot, opened: MainWindow, key_tab):
    step, tab = key_tab
    opened.resize(1280, 720)
    panel = panel_of(opened, step, tab)
    qtbot.wait(10)
    area = panel.form_scroll
    assert isinstance(area, QScrollArea)
    assert not area.horizontalScrollBar().isVisible()
    form = area.widget()
    assert form.minimumSizeHint().width() <= area.viewport().width()
    assert panel.table.width() >= 380


def test_every_register_panel_offers_export_and_import(qtbot, opened: MainWindow):
    """Export…/Import… sit under each register's table (not squeezing the form at 1280x720)
    and act on that panel's register."""
    opened.resize(1280, 720)
    panel = panel_of(opened, Step.SUMMARISE, 0)
    qtbot.wait(10)
    export = panel.findChild(QPushButton, f"export_{panel.register.key}")
    imported = panel.findChild(QPushButton, f"import_{panel.register.key}")
    assert export is not None and export.isVisible() and export.isEnabled()
    assert imported is not None and imported.isVisible()
    table_bottom = panel.table.mapTo(panel, panel.table.rect().bottomLeft()).y()
    assert export.mapTo(panel, export.rect().topLeft()).y() > table_bottom
