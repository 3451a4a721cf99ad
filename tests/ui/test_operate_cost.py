"""Quality cost and the quality appraisal as a user works them: enter a cost (another
currency refused beside the field) and see the month's totals, shares, ratio and chart; the
external failure from a recovery token shown read-only; define a trigger, see the veto
proposed for an appraisal, apply it — refused without a reason, recorded with one; the tab at
1280x720 in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.operate_cost import AppraisalPanel, QualityCostPanel
from tests.ui.test_operate_page import save
from tests.ui.test_register_pages import choose, type_line, type_text


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def cost_tab(window: MainWindow, part: int):
    window.go_to(Step.OPERATE.value)
    page = window.step_pages[Step.OPERATE]
    for i in range(page.tabs.count()):
        group = page.tabs.widget(i)
        if getattr(getattr(group, "inner", None), "objectName", lambda: "")() == "cost_tabs":
            page.show_tab(i)
            return group.show_part(part)
    raise AssertionError("no Cost and appraisal tab")


def test_enter_a_cost_and_see_the_totals(qtbot, opened: MainWindow) -> None:
    ws = opened.controller.ws()
    panel = cost_tab(opened, 0)
    assert isinstance(panel, QualityCostPanel)
    assert panel.currency.currentText() == "EUR"
    rp = panel.register_panel
    qtbot.mouseClick(rp.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, rp.editors["period"], "2026-03-14")
    choose(rp.editors["category"], "internal_failure")
    type_line(qtbot, rp.editors["department"], "Kitchen")
    type_line(qtbot, rp.editors["amount"], "$300")  # another currency: refused beside the field
    rp.save_draft()
    assert rp.drafting and rs.list_records(ws, "quality_cost") == []
    assert "EUR" in rp.errors["amount"].text() and "$" in rp.errors["amount"].text()
    rp.editors["amount"].setText("€1,200")  # QTest types ASCII only
    qtbot.keyClick(rp.editors["amount"], Qt.Key.Key_Return)
    save(qtbot, rp)
    [cost] = rs.list_records(ws, "quality_cost")
    assert cost.values["amount"] == 1200.0 and cost.values["period"] == dt.date(2026, 3, 1)
    rs.add_record(ws, "t", "cost_period", {"period": dt.date(2026, 3, 1), "revenue": 48_000})
    c = rs.add_record(ws, "t", "complaint", {"received_on": dt.date(2026, 3, 2), "site": "Lobby",
                                             "description": "Cold soup", "severity": "angered",
                                             "status": "closed"})[0]  # fmt: skip
    rs.add_record(ws, "t", "recovery", {"complaint": c.id, "apology_on": dt.date(2026, 3, 2),
                                        "token": "Dessert", "token_value": 30})  # fmt: skip
    panel.refresh()
    row = [panel.model.index(0, k).data() for k in range(panel.model.columnCount())]
    assert row[0] == "2026-03" and row[3].startswith("1,200.00") and row[4].startswith("30.00")
    assert row[5] == "1,230.00" and row[6] == "30.00" and row[8] == "2.56%"
    assert "1,230.00 EUR" in panel.summary.text() and "recovery tokens" in panel.summary.text()
    assert panel.chart.months() == [("2026-03", (0.0, 0.0, 1200.0, 30.0))]
    # the currency is not changed from under recorded amounts
    failures: list = []
    opened.controller.ops.failed.connect(failures.append)
    panel.currency.setCurrentText("USD")
    panel._choose_currency(panel.currency.currentIndex())  # noqa: SLF001
    assert failures and panel.currency.currentText() == "EUR"


def test_the_veto_is_proposed_and_applied_only_with_a_reason(qtbot, opened: MainWindow) -> None:
    ws = opened.controller.ws()
    rs.add_record(ws, "t", "veto_trigger", {"name": "Angry guest", "kind": "serious_complaint"})
    rs.add_record(ws, "t", "complaint", {"received_on": dt.date(2026, 2, 9), "site": "Front office",
                                         "description": "Shouted at", "severity": "angered",
                                         "status": "closed"})  # fmt: skip
    panel = cost_tab(opened, 2)
    assert isinstance(panel, AppraisalPanel)
    rp = panel.register_panel
    qtbot.mouseClick(rp.add_button, Qt.MouseButton.LeftButton)
    type_line(qtbot, rp.editors["period"], "2026-02-01")
    type_line(qtbot, rp.editors["department"], "Front office")
    type_line(qtbot, rp.editors["score"], "86")
    save(qtbot, rp)
    [appraisal] = rs.list_records(ws, "appraisal")
    rp.table.selectRow(0)
    assert "Veto proposed: Angry guest" in panel.proposal.text()
    assert panel.apply.isEnabled()
    failures: list = []
    opened.controller.ops.failed.connect(failures.append)
    panel.ask_reason = lambda: ("   ", True)
    assert not panel.apply_veto()  # no reason: refused, nothing stored
    assert failures and rs.list_records(ws, "appraisal")[0].values["veto_applied"] != "yes"
    panel.ask_reason = lambda: ("Guest shouted at on 9 February", True)
    assert panel.apply_veto()
    stored = rs.list_records(ws, "appraisal")[0].values
    assert stored["veto_applied"] == "yes" and stored["trigger"] is not None
    assert panel.model.index(0, 4).data() == "yes"  # the department's history
    type_text(qtbot, rp.editors["economic_effect"], "Bonus withheld for February", rp.table)
    assert rs.list_records(ws, "appraisal")[0].values["economic_effect"].startswith("Bonus")
    opened.controller.undo_stack.undo()
    opened.controller.undo_stack.undo()
    assert rs.list_records(ws, "appraisal")[0].values["veto_applied"] != "yes"
    assert appraisal.id == rs.list_records(ws, "appraisal")[0].id


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_tab_at_1280x720(qtbot, opened: MainWindow, lang: str) -> None:
    ws = opened.controller.ws()
    cats = ("prevention", "appraisal", "internal_failure", "external_failure")
    rows = [{"period": dt.date(2025, m, 1), "category": cat, "amount": 1000 + 300 * k + 50 * m,
             "department": "Front office"} for m in range(1, 13) for k, cat in enumerate(cats)]  # fmt: skip
    for row in rows:
        rs.add_record(ws, "t", "quality_cost", row)
    for m in range(1, 13):
        rs.add_record(ws, "t", "cost_period", {"period": dt.date(2025, m, 1), "revenue": 90_000})
    rs.add_record(ws, "t", "appraisal", {"period": dt.date(2025, 3, 1), "department": "Kitchen",
                                         "score": 91})  # fmt: skip
    opened.languages.apply(lang)
    opened.resize(1280, 720)
    opened.show()
    for part in range(4):
        shown = cost_tab(opened, part)
        qtbot.waitUntil(lambda shown=shown: shown.isVisible())
        group = shown.parentWidget()
        while group is not None and getattr(group, "inner", None) is None:
            group = group.parentWidget()
        assert group is not None and group.inner.tabBar().sizeHint().width() <= group.width()
        opened.grab().save(f"/tmp/operate_cost_{lang}_{part}.png")
    panel = cost_tab(opened, 0)
    assert panel.chart.width() > 200 and panel.totals.height() > 60
    assert len(panel.chart.months()) == 12
