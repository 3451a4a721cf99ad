"""Backups in the GUI: taken on open and while editing, listed with what changed since,
restored from File ▸ Restore a Backup… (the state before is kept, so a restore can be undone)."""

from __future__ import annotations

from pathlib import Path

from qms_desktop.services.backups import list_backups
from qms_desktop.services.profile import get_profile
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.ui.backups_dialog import RestoreDialog
from qms_desktop.ui.main_window import MainWindow


def test_a_backup_on_open_then_restore_and_go_back(qtbot, window: MainWindow, workspace_file: Path):
    assert window.open_path(workspace_file)
    qtbot.waitUntil(lambda: len(list_backups(workspace_file)) == 1)
    assert list_backups(workspace_file)[0].reason == "open"
    ops = window.controller.ops
    assert ops.set_profile("Edit", {"industry": ""}, {"industry": "Hotels"})
    assert ops.set_profile("Edit", {"address": ""}, {"address": "1 Harbour Road"})

    dialog = RestoreDialog(workspace_file, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "on opening"
    assert dialog.table.item(0, 3).text().startswith("2 changes")
    backup = dialog.chosen()
    dialog.close()

    assert window.restore_backup(workspace_file, backup)
    assert window.controller.is_open and not window.controller.read_only
    assert get_profile(window.controller.ws()).industry == ""
    assert "Restored the backup" in window.statusBar().currentMessage()
    assert check_workspace(workspace_file).sound
    reasons = [b.reason for b in list_backups(workspace_file)]
    assert "before-restore" in reasons

    before = next(b for b in list_backups(workspace_file) if b.reason == "before-restore")
    assert window.restore_backup(workspace_file, before)  # the restore undone
    assert get_profile(window.controller.ws()).industry == "Hotels"


def test_a_damaged_backup_is_refused_and_the_workspace_reopens(
    qtbot, window: MainWindow, workspace_file: Path
):
    assert window.open_path(workspace_file)
    qtbot.waitUntil(lambda: len(list_backups(workspace_file)) == 1)
    info = list_backups(workspace_file)[0]
    data = bytearray(info.path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    info.path.write_bytes(bytes(data))
    assert not window.restore_backup(workspace_file, info)
    assert window.controller.is_open
    box = window.findChild(object, "error_box")
    assert box is not None and "not restored" in box.windowTitle()
    box.close()


def test_with_no_backups_the_dialog_says_so_instead_of_an_empty_grid(qtbot, tmp_path: Path):
    never_backed_up = tmp_path / "new.qms"
    dialog = RestoreDialog(never_backed_up)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.table.isVisible()
    assert not dialog.restore_button.isEnabled()
