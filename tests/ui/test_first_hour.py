"""Points a newcomer met in the first hour (issue "A newcomer's first hour"), each fixed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtWidgets import QLabel

from qms_desktop.paths import demo_dir
from qms_desktop.ui.dialogs import NewWorkspaceDialog
from qms_desktop.ui.main_window import MainWindow


def test_new_workspace_dialog_labels_show_their_mnemonic_not_an_ampersand(
    qtbot, window: MainWindow
):
    dialog = NewWorkspaceDialog(Path.home(), window, language="zh_CN")
    qtbot.addWidget(dialog)
    labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    assert {label.buddy() for label in labels} >= {dialog.org, dialog.lang, dialog.file}
    assert dialog.lang.currentData() == "zh_CN"  # documents default to the interface language


def test_a_new_workspace_is_never_proposed_inside_the_demo_folder(
    qtbot, window: MainWindow, tmp_path: Path
):
    assert window.open_demo()
    folder = window.new_workspace_folder()
    assert not folder.resolve().is_relative_to(demo_dir().resolve())
    mine = tmp_path / "clients" / "acme.qms"
    mine.parent.mkdir()
    assert window.create_workspace(mine, "Acme", "en")
    assert window.new_workspace_folder() == mine.parent


def test_demo_visits_do_not_pile_up_or_fill_recent_files(qtbot, window: MainWindow):
    for _ in range(3):
        assert window.open_demo()
    copies = list(demo_dir().glob("demo-*.qms"))
    assert len(copies) == 1 and copies[0] == window.controller.ws().path
    assert not any(
        p.resolve().is_relative_to(demo_dir().resolve()) for p in window.settings.recent_files()
    )


def test_generated_files_get_the_users_usual_permissions(tmp_path: Path):
    from qms_desktop.fileio import write_atomically

    out = write_atomically(tmp_path / "report.pdf", lambda tmp: tmp.write_bytes(b"%PDF") and None)
    if os.name != "nt":
        mask = os.umask(0o022)
        os.umask(mask)
        assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_the_guidance_of_a_step_with_registers_does_not_promise_them_later(
    qtbot, window: MainWindow, demo_file
):
    from qms_desktop.domain.steps import Step

    assert window.open_path(demo_file)
    for step in (Step.COMPARE, Step.PLAN):
        window.go_to(step.value)
        guidance = window.step_pages[step]
        text = " ".join(label.text() for label in guidance.findChildren(QLabel))
        assert "coming versions" not in text, step
    window.go_to(Step.OPERATE.value)
    text = " ".join(label.text() for label in window.step_pages[Step.OPERATE].findChildren(QLabel))
    assert "coming versions" in text


def test_the_history_panel_shows_created_records_as_fields_and_keeps_its_menu_name(
    qtbot, window: MainWindow, workspace_file
):
    from qms_desktop.domain.steps import Step

    assert window.open_path(workspace_file)
    window.menus.history.trigger()
    assert window.history_dock.isVisible() and window.menus.history.isChecked()
    window.go_to("summarise")
    panel = window.step_pages[Step.SUMMARISE].findChild(object, "register_lesson")
    panel.add_blank()  # the form opens; the record is stored on Save
    panel.editors["what_happened"].setPlainText("Guest waited")
    panel.editors["lesson"].setPlainText("Open a second desk")
    assert panel.save_draft() is not None
    created = [
        window.history_model.index(r, 4).data() for r in range(window.history_model.rowCount())
    ]
    assert created and not any(str(v).startswith("{") for v in created)
    assert any("Guest waited" in str(v) for v in created)
    assert window.menus.history.text() == "&History Panel"
    window.menus.history.trigger()
    assert not window.history_dock.isVisible()
