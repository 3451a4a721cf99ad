"""The Operate page as a user works it: record a complaint, walk its five recovery steps and
watch the warning go; turn its cause into a lesson; import survey responses and see the
SERVQUAL scores; the page at 1280x720."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.operate import ComplaintsPanel, RecoveryPanel, SurveysPanel
from tests.ui.test_register_pages import choose, type_line, type_text


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def tab(window: MainWindow, index: int, part: int | None = None):
    """The page's tab `index` shown (and of a group of panels, its panel `part`)."""
    window.go_to(Step.OPERATE.value)
    page = window.step_pages[Step.OPERATE]
    page.show_tab(index)
    shown = page.tabs.widget(index)
    return shown if part is None else shown.show_part(part)


def save(qtbot, panel) -> None:
    qtbot.keyClick(panel.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    if panel.drafting:
        panel.save_draft()
    assert not panel.drafting


def test_complaint_walked_through_five_recovery_steps(qtbot, opened: MainWindow) -> None:
    ws = opened.controller.ws()
    rs.add_record(ws, "t", "person", {"name": "Li Na", "role": "Duty manager"})
    complaints = tab(opened, 0, 0)
    assert isinstance(complaints, ComplaintsPanel)
    panel = complaints.register_panel
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, panel.editors["received_on"], "2026-03-14")
    type_text(qtbot, panel.editors["description"], "Room not ready at 3 pm", panel.table)
    choose(panel.editors["severity"], "angered")
    choose(panel.editors["status"], "closed")
    type_text(qtbot, panel.editors["cause"], "Housekeeping rota thin on Saturdays", panel.table)
    save(qtbot, panel)
    [complaint] = rs.list_records(ws, "complaint")
    assert complaint.values["severity"] == "angered" and complaint.values["status"] == "closed"
    assert "1 closed complaint(s) lack recovery steps" in complaints.warnings.text()
    assert "5 follow-up" in complaints.warnings.text()
    # the recovery case, step by step
    recovery = tab(opened, 0, 1)
    assert isinstance(recovery, RecoveryPanel)
    rp = recovery.register_panel
    qtbot.mouseClick(rp.add_button, Qt.MouseButton.LeftButton)
    choose(rp.editors["complaint"], complaint.id)
    type_line(qtbot, rp.editors["apology_on"], "2026-03-14")  # 1 apology
    save(qtbot, rp)
    assert "missing 2 urgent reinstatement" in recovery.warnings.text()
    type_text(qtbot, rp.editors["reinstatement"], "Upgraded to a ready suite", rp.table)  # 2
    type_text(qtbot, rp.editors["empathy"], "Acknowledged the long wait", rp.table)  # 3
    type_line(qtbot, rp.editors["token"], "Dinner voucher")  # 4
    type_line(qtbot, rp.editors["authority_limit"], "100")
    type_line(qtbot, rp.editors["token_value"], "300")  # beyond the authoriser's limit
    assert "beyond what the authoriser may grant" in rp.errors["token_value"].text()
    type_line(qtbot, rp.editors["token_value"], "60")
    assert "missing 5 follow-up" in recovery.warnings.text()
    type_line(qtbot, rp.editors["follow_up_on"], "2026-03-20")  # 5
    assert "Every closed complaint had the recovery steps it needs" in recovery.warnings.text()
    assert "Every closed complaint" in complaints.warnings.text()
    stored = rs.list_records(ws, "recovery")[0].values
    assert stored["token_value"] == 60 and stored["follow_up_on"] == dt.date(2026, 3, 20)
    # the cause becomes a lesson of step 1, linked to the complaint; undo takes it back
    tab(opened, 0, 0)
    panel.table.selectRow(0)
    qtbot.mouseClick(complaints.to_lesson, Qt.MouseButton.LeftButton)
    [lesson] = rs.list_records(ws, "lesson")
    assert lesson.values["complaint"] == complaint.id
    opened.controller.undo_stack.undo()
    assert rs.list_records(ws, "lesson") == []


def test_import_survey_and_see_scores(qtbot, opened: MainWindow, tmp_path: Path) -> None:
    ws = opened.controller.ws()
    survey, _ = rs.add_record(ws, "t", "survey", {"title": "Spring", "starts_on": dt.date(2026, 3, 1),
                                                  "scale": "7", "asks": "expectation_perception"})  # fmt: skip
    for code, dim in (("T1", "tangibles"), ("R1", "reliability")):
        rs.add_record(ws, "t", "survey_item", {"survey": survey.id, "code": code,
                                               "statement": code, "dimension": dim})  # fmt: skip
    surveys = tab(opened, 1)
    assert isinstance(surveys, SurveysPanel)
    path = tmp_path / "answers.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Respondent", "Item", "Expectation", "Perception"])
        w.writerows([["A", "T1", 6, 5], ["A", "R1", 7, 4], ["B", "T1", 5, 5], ["B", "R1", 6, 6]])
    surveys.inner.setCurrentIndex(3)
    assert surveys.responses.import_file(path) == 4
    surveys.inner.setCurrentIndex(0)
    scores = surveys.scores
    texts = [scores.model.index(r, 0).data() for r in range(scores.model.rowCount())]
    assert texts[0] == "Tangibles" and "Reliability" in texts
    assert scores.model.index(0, 4).data() == "-0.50"  # (5-6 + 5-5) / 2
    assert "2 respondents" in scores.overall.text()
    assert [round(v, 2) for _, v in scores.chart.bars()] == [-0.5, -1.5]
    # one bad cell: refused with its row, nothing stored
    bad = tmp_path / "bad.csv"
    bad.write_text("Respondent,Item,Expectation,Perception\nC,T1,5,5\nC,R1,5,9\n", encoding="utf-8")
    failures: list = []
    opened.controller.ops.failed.connect(failures.append)
    assert surveys.responses.import_file(bad) is None
    assert len(rs.list_records(ws, "survey_response")) == 4


def test_operate_page_at_1280x720_with_the_demo(qtbot, window: MainWindow, demo_file: Path):
    """Seven tabs and the guidance fit the width (no scroll arrows); every panel is reached
    from the keyboard: the arrow keys on the page's tab bar, then on the group's own."""
    assert window.open_path(demo_file)
    window.resize(1280, 720)
    window.go_to(Step.OPERATE.value)
    page = window.step_pages[Step.OPERATE]
    qtbot.waitUntil(lambda: page.isVisible())
    bar = page.tabs.tabBar()
    assert page.tabs.count() == 8
    assert bar.sizeHint().width() <= page.tabs.width()  # no scroll arrows
    assert bar.focusPolicy() & Qt.FocusPolicy.TabFocus
    page.show_tab(0)
    bar.setFocus()
    seen: list[str] = []
    for index in range(page.tabs.count()):
        assert page.tabs.currentIndex() == index
        shown = page.tabs.currentWidget()
        inner = getattr(shown, "inner", None)
        if inner is not None:
            assert inner.tabBar().focusPolicy() & Qt.FocusPolicy.TabFocus
            assert inner.tabBar().sizeHint().width() <= shown.width()
            inner.setCurrentIndex(0)
            inner.tabBar().setFocus()
            for part in range(inner.count()):
                assert inner.currentIndex() == part
                seen.append(inner.tabText(part))
                qtbot.keyClick(inner.tabBar(), Qt.Key.Key_Right)
        else:
            seen.append(page.tabs.tabText(index))
        qtbot.keyClick(bar, Qt.Key.Key_Right)
    assert seen == ["Complaints", "Service recovery", "Commitment claims", "Statistics",
                    "Scores", "Surveys", "Items", "Responses", "Results",
                    "Customers kept", "Feedback channels",
                    "Internal audits", "Corrective actions", "Management review",
                    "Quality cost", "Revenue per month", "Appraisal and veto", "Veto triggers",
                    "QC circles", "QC projects", "Culture and education", "Guidance and sign-off"]  # fmt: skip
    complaints = tab(window, 0, 0)
    assert isinstance(complaints, ComplaintsPanel)
    assert "lack recovery steps" in complaints.warnings.text()
    statistics = tab(window, 0, 3)
    assert len(statistics.by_moment.bars()) >= 3
    scores = tab(window, 1, 0)
    page.show_tab(1)
    qtbot.waitUntil(lambda: scores.isVisible())
    scores.show_scores()
    table = scores.table
    columns = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    assert columns <= table.viewport().width()  # the change column is not cut off
    assert scores.chart.width() >= 250  # and the chart keeps room
    window.grab().save("/tmp/operate_page.png")


def test_hidden_responses_table_is_read_when_shown(qtbot, opened: MainWindow, tmp_path: Path):
    """The answers' table is not read again while hidden; shown, it holds the new answers."""
    ws = opened.controller.ws()
    survey, _ = rs.add_record(ws, "t", "survey", {"title": "Spring", "starts_on": dt.date(2026, 3, 1),
                                                  "scale": "7", "asks": "perception_only"})  # fmt: skip
    rs.add_record(ws, "t", "survey_item", {"survey": survey.id, "code": "T1", "statement": "T1",
                                           "dimension": "tangibles"})  # fmt: skip
    tab(opened, 1, 0)
    surveys = opened.step_pages[Step.OPERATE].tabs.widget(1)
    responses = surveys.responses
    assert not responses.isVisible()
    path = tmp_path / "answers.csv"
    path.write_text("Respondent,Item,Perception\nA,T1,5\nB,T1,6\nC,T1,7\n", encoding="utf-8")
    responses.refresh()
    assert responses.import_file(path) == 3
    assert responses.register_panel.model.rowCount() == 0  # hidden: not read yet
    assert "3 respondents" in surveys.scores.overall.text()
    surveys.show_part(3)
    qtbot.waitUntil(lambda: responses.register_panel.model.rowCount() == 3)


def test_missing_recovery_steps_read_as_a_list_in_each_language(window: MainWindow):
    from qms_desktop.ui.steps.operate import _steps_text

    assert _steps_text((3, 4, 5)) == "3 empathy, 4 symbolic atonement, 5 follow-up"
    window.languages.apply("zh_CN")
    try:
        assert _steps_text((3, 4, 5)) == "3 移情、4 象征性赎罪、5 跟踪"
    finally:
        window.languages.apply("en")
