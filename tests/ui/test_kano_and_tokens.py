"""Kano in use and the recovery catalogue as a user meets them: the customer needs tab lists
what is missing and the list shrinks as standards and plans are added; the Allocate page
keeps the tokens each role may grant; choosing a token in a recovery case brings its name and
its role's limit, and a value beyond that limit is refused next to the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.register_panel import RegisterPanel
from qms_desktop.ui.steps.kano import KanoNeedsPanel
from qms_desktop.ui.steps.operate import RecoveryPanel
from tests.ui.test_operate_page import tab
from tests.ui.test_register_pages import choose, type_line


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def _page_tab(window: MainWindow, step: Step, title: str):
    window.go_to(step.value)
    page = window.step_pages[step]
    index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == title)
    page.show_tab(index)
    return page.tabs.widget(index)


def test_the_needs_tab_lists_what_is_missing(qtbot, opened: MainWindow) -> None:
    ws = opened.controller.ws()
    need, _ = rs.add_record(ws, "t", "customer_need", {"need": "Clean room", "category": "basic"})
    rs.add_record(ws, "t", "moment_of_truth", {"moment": "Check-in", "standard": "5 min",
                                               "severity": "small"})  # fmt: skip
    panel = _page_tab(opened, Step.PLAN, "Customer needs (Kano)")
    assert isinstance(panel, KanoNeedsPanel)
    gaps = panel.checks.gaps
    assert gaps[0] == "The basic need “Clean room” has no satisfaction standard serving it."
    assert "The moment of truth “Check-in” has no owner." in gaps
    assert "The moment of truth “Check-in” has no recovery plan." in gaps
    assert len(gaps) == 3 + 5 and "… and 2 more" in panel.checks.text()  # five dimensions
    standard, _ = rs.add_record(ws, "t", "satisfaction_standard", {
        "dimension": "tangibles", "standard": "Clean rooms", "metric": "score", "target": "≥ 95%"})  # fmt: skip
    choose(panel.register_panel.editors["commitment"], "yes")  # an edit through the form
    opened.controller.ops.edit_record("Link", "customer_need", need.id, {"standards": ()},
                                      {"standards": (standard.id,)})  # fmt: skip
    assert not any("Clean room" in g for g in panel.checks.gaps)
    assert not any("tangibles" in g for g in panel.checks.gaps)
    assert rs.list_records(ws, "customer_need")[0].values["commitment"] == "yes"
    rs_moment = rs.list_records(ws, "moment_of_truth")[0]
    opened.controller.ops.edit_record("Plan", "moment_of_truth", rs_moment.id,
                                      {"owner": "", "plan_apology": ""},
                                      {"owner": "Front desk", "plan_apology": "Apologise"})  # fmt: skip
    assert "The recovery plan of “Check-in” lacks steps its severity needs: " \
           "2 urgent reinstatement." in panel.checks.gaps  # fmt: skip


def test_a_token_of_the_catalogue_fills_the_recovery_and_its_limit_holds(
    qtbot, opened: MainWindow
) -> None:
    ws = opened.controller.ws()
    role, _ = rs.add_record(ws, "t", "role", {"title": "Duty manager", "kind": "other_role"})
    tokens = _page_tab(opened, Step.ALLOCATE, "Recovery tokens")
    assert isinstance(tokens, RegisterPanel) and tokens.register.key == "recovery_token"
    token, _ = rs.add_record(ws, "t", "recovery_token", {"token": "Dinner voucher",
                                                         "value_limit": 60, "role": role.id})  # fmt: skip
    complaint, _ = rs.add_record(ws, "t", "complaint", {
        "received_on": dt.date(2026, 3, 2), "description": "Cold room", "severity": "angered",
        "status": "open"})  # fmt: skip
    rs.add_record(ws, "t", "recovery", {"complaint": complaint.id})
    recovery = tab(opened, 0, 1)
    assert isinstance(recovery, RecoveryPanel)
    rp = recovery.register_panel
    rp.table.selectRow(0)
    choose(rp.editors["catalogue_token"], token.id)
    stored = rs.list_records(ws, "recovery")[0].values
    assert stored["catalogue_token"] == token.id
    assert stored["token"] == "Dinner voucher" and stored["authority_limit"] == 60
    assert rp.editors["token"].text() == "Dinner voucher"
    type_line(qtbot, rp.editors["token_value"], "80")
    assert "beyond what the authoriser may grant" in rp.errors["token_value"].text()
    assert rs.list_records(ws, "recovery")[0].values["token_value"] is None
    type_line(qtbot, rp.editors["token_value"], "55")
    assert rs.list_records(ws, "recovery")[0].values["token_value"] == 55
    opened.controller.undo_stack.undo()  # the value
    opened.controller.undo_stack.undo()  # the token and what it brought, as one step
    assert rs.list_records(ws, "recovery")[0].values["token"] == ""
