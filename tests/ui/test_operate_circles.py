"""The Operate page's "Circles and culture" tab as a user works it: register a circle with its
members, start a project in it and walk its PDCA stages to a finish with savings, record a
culture activity; the year's summary line follows; a refused date shows beside its field; the
tab at 1280x720 in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.operate_circles import CirclesPanel, ProjectsPanel
from tests.ui.test_register_pages import choose, type_line, type_text


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def circles_tab(window: MainWindow, part: int):
    window.go_to(Step.OPERATE.value)
    page = window.step_pages[Step.OPERATE]
    index = next(
        i for i in range(page.tabs.count()) if getattr(page.tabs.widget(i), "inner", None)
        and page.tabs.widget(i).inner.objectName() == "circle_tabs"
    )  # fmt: skip
    page.show_tab(index)
    return page.tabs.widget(index).show_part(part)


def save(qtbot, panel) -> None:
    qtbot.keyClick(panel.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    if panel.drafting:
        panel.save_draft()
    assert not panel.drafting


def test_circle_project_and_activity_recorded_and_counted(qtbot, opened: MainWindow) -> None:
    ws = opened.controller.ws()
    wang = rs.add_record(ws, "t", "person", {"name": "Wang Fang", "role": "Front office"})[0].id
    li = rs.add_record(ws, "t", "person", {"name": "Li Na", "role": "Housekeeping"})[0].id
    rs.add_record(ws, "t", "person", {"name": "Old Hand", "role": "Kitchen", "state": "left"})
    year = dt.date.today().year
    circles = circles_tab(opened, 0)
    assert isinstance(circles, CirclesPanel)
    assert f"{year}: 0 circle(s) registered, 0 project(s) finished" in circles.summary.text()
    panel = circles.register_panel
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, panel.editors["name"], "Smiling Front Desk")
    type_line(qtbot, panel.editors["registered_on"], f"{year}-01-05")
    choose(panel.editors["facilitator"], wang)
    save(qtbot, panel)
    picker = panel.editors["members"]
    offered = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert offered == ["Wang Fang", "Li Na"]  # who left is not offered
    picker.tick("Li Na")
    picker.tick("Wang Fang")  # the facilitator may be a member too
    [circle] = rs.list_records(ws, "qc_circle")
    assert circle.values["members"] == (li, wang) and circle.values["status"] == "active"
    assert f"{year}: 1 circle(s) registered" in circles.summary.text()
    # a project, walked through its PDCA stages
    projects = circles_tab(opened, 1)
    assert isinstance(projects, ProjectsPanel)
    pp = projects.register_panel
    qtbot.mouseClick(pp.add_button, Qt.MouseButton.LeftButton)
    choose(pp.editors["circle"], circle.id)
    type_line(qtbot, pp.editors["title"], "Check-in within five minutes")
    type_text(qtbot, pp.editors["problem"], "Queues at 3 pm", pp.table)
    save(qtbot, pp)
    [project] = rs.list_records(ws, "qc_project")
    assert project.values["pdca"] == "plan"
    pdca = pp.model.column_of("pdca")
    assert pp.model.index(0, pdca).data() == "Plan (P)"
    for stage in ("do", "check", "act"):
        choose(pp.editors["pdca"], stage)
    type_line(qtbot, pp.editors["presented_on"], f"{year}-01-04")  # before the circle's start
    assert "was registered on" in pp.errors["presented_on"].text()
    assert rs.list_records(ws, "qc_project")[0].values["presented_on"] is None
    type_line(qtbot, pp.editors["presented_on"], f"{year}-01-20")
    type_line(qtbot, pp.editors["finished_on"], f"{year}-01-19")  # before it was presented
    assert "cannot finish before it was presented" in pp.errors["finished_on"].text()
    type_line(qtbot, pp.editors["finished_on"], f"{year}-01-20")
    type_line(qtbot, pp.editors["savings"], "-5")
    assert "zero or more" in pp.errors["savings"].text()
    type_line(qtbot, pp.editors["savings"], "12500")
    stored = rs.list_records(ws, "qc_project")[0].values
    assert stored["pdca"] == "act" and stored["savings"] == 12500.0
    assert stored["finished_on"] == dt.date(year, 1, 20)
    assert pp.model.index(0, pdca).data() == "Act (A)"
    assert (
        f"{year}: 1 circle(s) registered, 1 project(s) finished, savings 12,500"
        in projects.summary.text()
    )
    # the one edit path: each change one undo step; undo takes the savings back
    opened.controller.undo_stack.undo()
    assert rs.list_records(ws, "qc_project")[0].values["savings"] is None
    assert "savings 0" in projects.summary.text()
    # a culture activity
    culture = circles_tab(opened, 2)
    qtbot.mouseClick(culture.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, culture.editors["title"], "Quality month opening")
    choose(culture.editors["kind"], "quality_month")
    type_line(qtbot, culture.editors["held_on"], f"{year}-01-09")
    save(qtbot, culture)
    culture.editors["participants"].tick("Li Na")
    [activity] = rs.list_records(ws, "culture_activity")
    assert activity.values["kind"] == "quality_month" and activity.values["participants"] == (li,)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_tab_at_1280x720_with_the_demo(qtbot, window: MainWindow, demo_file: Path, lang):
    assert window.open_path(demo_file)
    window.languages.apply(lang)
    window.resize(1280, 720)
    for part in range(3):
        shown = circles_tab(window, part)
        qtbot.waitUntil(lambda shown=shown: shown.isVisible())
        group = shown.parentWidget()
        while group is not None and getattr(group, "inner", None) is None:
            group = group.parentWidget()
        assert group is not None
        assert group.inner.tabBar().sizeHint().width() <= group.width()
        window.grab().save(f"/tmp/operate_circles_{lang}_{part}.png")
    summary = circles_tab(window, 0).summary.text()
    year = dt.date.today().year
    assert (f"{year} 年：登记" if lang == "zh_CN" else f"{year}: ") in summary
    assert "38,000" in summary  # the demo's finished project's savings, this year or the last
