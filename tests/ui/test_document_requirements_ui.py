"""The Plan step's document system: the requirements a planned document meets are written
in its form ("Requirements it meets"), stored through the register operation and undone in
one step (issue 12: the manual's clause cross-reference reads them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.ui.main_window import MainWindow
from tests.ui.test_register_pages import choose, panel_of, type_line

DOCUMENT_SYSTEM = 4  # the Plan step's tab


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def test_requirements_written_in_the_form_are_stored_and_undone(qtbot, opened: MainWindow):
    panel = panel_of(opened, Step.PLAN, DOCUMENT_SYSTEM)
    assert panel.register.key == "planned_document"
    assert panel.labels["requirements"].text().startswith("Requirements it meets")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    choose(panel.editors["level"], "procedure")
    type_line(qtbot, panel.editors["number"], "QP-01")
    type_line(qtbot, panel.editors["title"], "Document control")
    type_line(qtbot, panel.editors["requirements"], "7.5, 8.2.1")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    ws = opened.controller.ws()
    (record,) = rs.list_records(ws, "planned_document")
    assert record.values["requirements"] == "7.5, 8.2.1"
    panel.editors["requirements"].setFocus()
    stack = opened.controller.undo_stack
    before = stack.count()
    type_line(qtbot, panel.editors["requirements"], "7.5")
    (record,) = rs.list_records(ws, "planned_document")
    assert record.values["requirements"] == "7.5" and stack.count() == before + 1
    panel.grab().save("/tmp/document-requirements-panel.png")
    stack.undo()
    (record,) = rs.list_records(ws, "planned_document")
    assert record.values["requirements"] == "7.5, 8.2.1"
