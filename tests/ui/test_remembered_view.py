"""The dashboard remembered per workspace file (ui/snapshot.py): at start-up the last view is
on screen before the workspace is opened, only while the file is unchanged, and the real
opening that follows shows the same; a remembered file that is stale, damaged or hostile is
never shown (issue 17, content on screen from process start)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.messages import Message
from qms_desktop.domain.steps import ShownStatus, Step
from qms_desktop.paths import user_data_dir
from qms_desktop.services.profile import get_profile, update_profile
from qms_desktop.services.workspaces import open_workspace
from qms_desktop.ui import snapshot
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.models.navigator import PAGE_KEYS, StatusRole


def shown(window: MainWindow) -> dict[str, object]:
    """What the dashboard and the navigator put on screen."""
    d = window.dashboard
    return {
        "org": d._org.text(),
        "scope": d._scope.text(),
        "logo": not d._logo.pixmap().isNull(),
        "overall": d._overall.value(),
        "next": d._next.text(),
        "overdue": (d._overdue_actions.isVisibleTo(d), d._overdue_actions.text()),
        "warnings": d._warnings.text(),
        "gap": d._gap_summary.text(),
        "bars": d.gap_chart._bars,
        "cards": {s: (c.title.text(), c.status.text(), c.bar.value()) for s, c in d._cards.items()},
        "navigator": [
            window.navigator_model.index(r).data(StatusRole) for r in range(len(PAGE_KEYS))
        ],
    }


def remembered_demo(window: MainWindow, demo_file: Path) -> dict[str, object]:
    """Open the demo (its dashboard is remembered as it is shown), note what is on screen,
    and close it again."""
    assert window.open_path(demo_file)
    on_screen = shown(window)
    window.controller.close()
    assert window.central.currentWidget() is window.welcome
    assert snapshot.is_current(demo_file)
    return on_screen


def test_start_up_shows_the_remembered_dashboard_before_opening_then_the_same(
    qtbot, window: MainWindow, demo_file: Path
):
    before = remembered_demo(window, demo_file)
    assert before["org"] == "Harbour Light Hotels Ltd."

    window.open_at_start(demo_file)
    # on screen at once, while the workspace itself is not open yet
    assert not window.controller.is_open
    assert window.central.currentWidget() is window.splitter
    assert window.pages.currentWidget() is window.dashboard
    assert shown(window) == before
    assert window.status_label.text() == f"Opening {demo_file}…"
    # laid out before it was painted: the label is as wide as its new text, not its old one
    assert window.status_label.width() >= window.status_label.sizeHint().width()
    statuses = shown(window)["navigator"]
    assert ShownStatus.DONE in statuses and ShownStatus.IN_PROGRESS in statuses  # type: ignore[operator]
    # nothing can be edited before the workspace is open: the pages wait
    window.go_to("summarise")
    assert window.pages.currentWidget() is window.dashboard

    qtbot.waitUntil(lambda: window.controller.is_open)
    assert window.current_page_key() == "dashboard"
    assert shown(window) == before


def test_a_file_changed_since_is_opened_without_the_remembered_view(
    window: MainWindow, demo_file: Path
):
    remembered_demo(window, demo_file)
    ws = open_workspace(demo_file)  # another program (the command line, a colleague) edits
    try:
        update_profile(ws, "tester", name="Harbour Light Group")
    finally:
        ws.close()
    assert snapshot.recall(demo_file) is None

    window.open_at_start(demo_file)
    assert window.controller.is_open  # opened at once, no stale view in between
    assert window.dashboard._org.text() == "Harbour Light Group"


def test_closing_remembers_changes_made_away_from_the_dashboard(
    window: MainWindow, demo_file: Path
):
    assert window.open_path(demo_file)
    window.go_to("summarise")  # the dashboard is not shown, so not reloaded, by the edit
    assert window.controller.ops.set_profile(
        "name", {"name": get_profile(window.controller.ws()).name}, {"name": "Harbour & Co"}
    )
    assert not snapshot.is_current(demo_file)
    fresh = window.controller.step_summaries()
    window.controller.close()
    assert snapshot.is_current(demo_file)
    view = snapshot.recall(demo_file)
    assert view is not None
    assert view.name == "Harbour & Co"
    assert {s: v.status for s, v in view.steps.items()} == {s: v.status for s, v in fresh.items()}
    assert {s: v.progress for s, v in view.steps.items()} == {
        s: v.progress for s, v in fresh.items()
    }


def test_markup_in_the_remembered_name_is_shown_as_text(window: MainWindow, demo_file: Path):
    assert window.open_path(demo_file)
    name = "<b>Bold</b> & <i>{{ 7*7 }}</i> 🏨"
    assert window.controller.ops.set_profile(
        "name", {"name": get_profile(window.controller.ws()).name}, {"name": name}
    )
    window.controller.close()
    window.open_at_start(demo_file)
    assert not window.controller.is_open
    label = window.dashboard._org
    assert label.text() == name
    assert label.textFormat() is Qt.TextFormat.PlainText


def _stored(demo_file: Path) -> Path:
    return snapshot._store(user_data_dir(), demo_file)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"\x00\xff not json",
        lambda data: b"[]",
        lambda data: b'{"key": 1}',
        lambda data: b"{" * 100_000,
        lambda data: data.replace(b'"status": "done"', b'"status": "evil"', 1),
        lambda data: data.replace(b'"name": "Harbour', b'"name": ["Harbour"], "x": "', 1),
        lambda data: data.replace(b'"overdue_actions": ', b'"overdue_actions": "1', 1),
        lambda data: data.replace(b'"logo": "', b'"logo": "!!', 1),
        lambda data: data + b" " * (snapshot.MAX_BYTES + 1),
    ],
)
def test_a_damaged_or_hostile_remembered_file_is_ignored(
    window: MainWindow, demo_file: Path, damage
):
    remembered_demo(window, demo_file)
    stored = _stored(demo_file)
    stored.write_bytes(damage(stored.read_bytes()))
    assert snapshot.recall(demo_file) is None
    window.open_at_start(demo_file)
    assert window.controller.is_open  # the workspace itself, opened the ordinary way
    assert window.dashboard._org.text() == "Harbour Light Hotels Ltd."


def test_a_workspace_that_then_fails_to_open_leaves_the_welcome_page(
    qtbot, window: MainWindow, demo_file: Path, monkeypatch: pytest.MonkeyPatch
):
    remembered_demo(window, demo_file)

    def refused(path: Path, read_only: bool = False) -> None:
        raise QmsError("storage.not_a_workspace", name=path.name)

    monkeypatch.setattr(window.controller, "open", refused)
    window.open_at_start(demo_file)
    assert window.central.currentWidget() is window.splitter  # the remembered view
    qtbot.waitUntil(lambda: window.central.currentWidget() is window.welcome)
    assert not window.controller.is_open
    assert window.navigator_model._summaries == {}
    box = window.findChild(object, "error_box")
    assert box is not None


def test_a_copy_at_another_path_is_not_shown_the_view_of_the_original(
    window: MainWindow, demo_file: Path, tmp_path: Path
):
    remembered_demo(window, demo_file)
    copy = tmp_path / "copy.qms"
    shutil.copy2(demo_file, copy)
    assert snapshot.recall(copy) is None


def test_a_view_from_an_earlier_day_is_shown_then_computed_for_today(
    qtbot, window: MainWindow, demo_file: Path
):
    """The first start of a day shows yesterday's view (same file), and the opening that
    follows puts today's counts in its place."""
    remembered_demo(window, demo_file)
    stored = _stored(demo_file)
    data = json.loads(stored.read_text("utf-8"))
    data["view"]["overdue_actions"] = 999  # what yesterday's date made of the same file
    stored.write_text(json.dumps(data), encoding="utf-8")
    window.open_at_start(demo_file)
    assert window.dashboard._overdue_actions.text() == "⚠ 999 overdue corrective actions"
    qtbot.waitUntil(lambda: window.controller.is_open)
    assert "999" not in window.dashboard._overdue_actions.text()


def test_messages_with_nested_parameters_are_kept_exactly(tmp_path: Path, demo_file: Path):
    inner = Message("steps.no_lessons")
    warning = Message(
        "steps.study_open",
        {
            "role": "Front desk",
            "standard": inner,
            "list": ("a", inner, 3),
            "on": dt.date(2026, 1, 2),
        },
    )
    from qms_desktop.domain.steps import RuleResult, StepState, StepSummary

    steps = {
        s: StepSummary(
            s,
            StepState(s),
            RuleResult(True, True, False, 0.25, (warning,)),
            ShownStatus.IN_PROGRESS,
            0.25,
            warning if s is Step.PLAN else None,
        )
        for s in Step
    }
    view = snapshot.DashboardView(
        "Org",
        "Scope",
        b"\x89PNG",
        steps,
        snapshot.GapView(
            "Gap 1",
            None,
            0.5,
            snapshot.Readiness("2027-01-02", 3, 1, 0),
            (("4", 0.5, 1.0), ("5", None, 0.0)),
        ),
        2,
    )
    assert snapshot.remember(demo_file, view, folder=tmp_path)
    back = snapshot.recall(demo_file, folder=tmp_path)
    assert back is not None
    assert back.steps[Step.PLAN].warning == warning
    assert back.steps[Step.PLAN].rule.missing == (warning,)
    assert back.steps[Step.STUDY].warning is None
    assert (back.name, back.scope, back.logo, back.gap, back.overdue_actions) == (
        view.name,
        view.scope,
        view.logo,
        view.gap,
        view.overdue_actions,
    )
    assert json.loads(snapshot._store(tmp_path, demo_file).read_text("utf-8"))["key"][
        "path"
    ] == str(demo_file.resolve())


def test_a_view_that_cannot_be_kept_is_not_kept_and_nothing_breaks(tmp_path: Path, demo_file: Path):
    blocked = tmp_path / "data"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    view = snapshot.DashboardView("Org", "", b"", {}, None, 0)
    assert not snapshot.remember(demo_file, view, folder=blocked)
    not_sqlite = tmp_path / "notes.qms"
    not_sqlite.write_text("hello", encoding="utf-8")
    assert not snapshot.remember(not_sqlite, view, folder=tmp_path)
    assert snapshot.recall(not_sqlite, folder=tmp_path) is None


def test_clearing_the_recent_list_forgets_the_remembered_dashboards(
    window: MainWindow, demo_file: Path
):
    remembered_demo(window, demo_file)
    window._clear_recent()
    assert not list((user_data_dir() / "views").glob("*.json"))
    assert snapshot.recall(demo_file) is None


def test_only_the_latest_views_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(snapshot, "KEEP", 3)
    source = tmp_path / "source.qms"
    source.write_bytes(snapshot.SQLITE_MAGIC + bytes(84))
    view = snapshot.DashboardView("Org", "", b"", {}, None, 0)
    paths = []
    for i in range(5):
        p = tmp_path / f"w{i}.qms"
        shutil.copyfile(source, p)
        assert snapshot.remember(p, view, folder=tmp_path / "data")
        paths.append(p)
    assert len(list((tmp_path / "data" / "views").glob("*.json"))) == 3
    assert snapshot._store(tmp_path / "data", paths[-1]).exists()
    assert not snapshot._store(tmp_path / "data", paths[0]).exists()
