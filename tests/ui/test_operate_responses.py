"""The Responses tab with many answers: one survey's answers a page at a time, narrowed to
respondents as the user types, the survey chosen also the one an import fills; an import
and its undo seen on the page."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qms_desktop.services import operate
from qms_desktop.services import registers as rs
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.operate import ResponsesPanel
from tests.ui.test_operate_page import tab


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    ws = window.controller.ws()
    for title in ("Spring", "Autumn"):
        survey, _ = rs.add_record(ws, "t", "survey", {"title": title, "starts_on": dt.date(2026, 3, 1),
                                                      "scale": "7", "asks": "perception_only"})  # fmt: skip
        items, _ = operate.add_records(ws, "t", "survey_item", [
            {"survey": survey.id, "code": f"Q{k}", "statement": f"Q{k}", "dimension": "empathy"}
            for k in range(5)])  # fmt: skip
        people = 300 if title == "Spring" else 20  # 1 500 answers, and 100
        operate.add_records(ws, "t", "survey_response", [
            {"survey": survey.id, "respondent": f"{title[0]}{p:03d}", "item": i.id,
             "perception": 1 + (p + k) % 7} for p in range(people) for k, i in enumerate(items)])  # fmt: skip
    return window


def _responses(window: MainWindow) -> ResponsesPanel:
    surveys = tab(window, 1)
    panel = surveys.show_part(3)
    assert isinstance(panel, ResponsesPanel)
    return panel


def _respondents(panel: ResponsesPanel) -> set[str]:
    model = panel.register_panel.model
    return {str(r.values["respondent"]) for r in model.records()}


def test_a_page_of_one_survey_and_its_respondents(qtbot, opened: MainWindow) -> None:
    panel = _responses(opened)
    qtbot.waitUntil(lambda: panel.register_panel.model.rowCount() > 0)
    assert panel.survey.currentText() == "Autumn"  # the latest survey first
    assert panel.register_panel.model.rowCount() == 100
    assert panel.position.text() == "1–100 of 100"
    assert not panel.next.isEnabled() and not panel.previous.isEnabled()
    panel.survey.setCurrentIndex(panel.survey.findText("Spring"))
    assert panel.register_panel.model.rowCount() == ResponsesPanel.PAGE
    assert panel.position.text() == "1–500 of 1,500"
    assert _respondents(panel) == {f"S{p:03d}" for p in range(100)}
    qtbot.mouseClick(panel.next, Qt.MouseButton.LeftButton)
    assert panel.position.text() == "501–1,000 of 1,500"
    assert _respondents(panel) == {f"S{p:03d}" for p in range(100, 200)}
    qtbot.mouseClick(panel.next, Qt.MouseButton.LeftButton)
    assert not panel.next.isEnabled() and panel.previous.isEnabled()
    # typing narrows the survey's answers to the respondents whose name holds the text
    qtbot.keyClicks(panel.respondent, "s02")
    qtbot.waitUntil(lambda: panel.position.text() == "1–50 of 50")  # S020 … S029
    assert _respondents(panel) == {f"S{p:03d}" for p in range(20, 30)}
    assert not panel.previous.isEnabled()
    panel.respondent.setText("100%_")  # the wildcards of LIKE are text here
    panel.apply_filter()
    assert panel.register_panel.model.rowCount() == 0 and panel.position.text() == "no answers"
    panel.respondent.clear()
    panel.apply_filter()
    assert panel.position.text() == "1–500 of 1,500"


def test_an_import_and_its_undo_seen_on_the_page(qtbot, opened: MainWindow, tmp_path: Path) -> None:
    panel = _responses(opened)
    qtbot.waitUntil(lambda: panel.position.text() == "1–100 of 100")
    path = tmp_path / "more.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Respondent", "Item", "Perception"])
        w.writerows([[f"N{p}", f"Q{k}", 5] for p in range(30) for k in range(5)])
    assert panel.import_file(path) == 150  # into the survey shown
    assert panel.position.text() == "1–250 of 250"
    panel.respondent.setText("N1")
    panel.apply_filter()
    assert _respondents(panel) == {"N1", *(f"N1{d}" for d in range(10))}
    opened.controller.undo_stack.undo()
    assert panel.position.text() == "no answers"
    panel.respondent.clear()
    panel.apply_filter()
    assert panel.position.text() == "1–100 of 100"
    ws = opened.controller.ws()
    assert len(rs.list_records(ws, "survey_response")) == 1_600
