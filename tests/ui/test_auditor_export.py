"""File ▸ Export for auditor: the package is written off the UI thread with progress and
Cancel, and verifies; a cancelled export leaves nothing."""

from __future__ import annotations

from pathlib import Path

from qms_desktop.services.package import verify_package
from qms_desktop.ui.main_window import MainWindow


def test_export_for_auditor_writes_a_package_that_verifies(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
):
    assert window.open_path(demo_file)
    assert window.menus.export_auditor.isEnabled()
    export = window.auditor_export
    assert export.start(tmp_path / "for-the-auditor", lang="zh_CN")
    assert export.dialog is not None
    qtbot.waitUntil(lambda: export.job is None, timeout=120000)
    out = tmp_path / "for-the-auditor.zip"
    assert out.exists()
    assert "for-the-auditor.zip" in window.statusBar().currentMessage()
    assert verify_package(out).sound


def test_a_cancelled_export_leaves_nothing(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
):
    assert window.open_path(demo_file)
    export = window.auditor_export
    messages: list[tuple[str, str]] = []
    export.failed.connect(lambda title, text: messages.append((title, text)))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert export.start(out_dir / "cancelled.zip", lang="en")
    export.cancel()
    qtbot.waitUntil(lambda: export.job is None, timeout=120000)
    assert list(out_dir.iterdir()) == []  # no zip, no temporary file
    assert messages and messages[0][0] == "The auditor's package was not written"


def test_export_is_offered_only_with_a_workspace_open(qtbot, window: MainWindow):
    assert not window.menus.export_auditor.isEnabled()
