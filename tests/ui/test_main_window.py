"""Drive the main window as a user would: create, edit, undo, redo, switch language, reopen."""

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox

from qms_desktop.app import build_main_window
from qms_desktop.domain.steps import ShownStatus, Step, StepStatus
from qms_desktop.services.profile import get_profile
from qms_desktop.services.steps import get_step_states
from qms_desktop.storage.workspace import Workspace
from qms_desktop.ui.dialogs import NewWorkspaceDialog
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.models.navigator import PAGE_KEYS, StatusRole


def type_into(qtbot, editor, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def stored_profile(window: MainWindow):
    return get_profile(window.controller.ws())


def test_welcome_page_without_workspace(window: MainWindow):
    assert window.central.currentWidget() is window.welcome
    assert window.windowTitle() == "QMS Desktop"
    assert not window.menus.close.isEnabled()


def test_create_edit_undo_redo_reopen(qtbot, window: MainWindow, tmp_path: Path):
    path = tmp_path / "harbour.qms"
    assert window.create_workspace(path, "Harbour Light", "en")
    assert window.current_page_key() == "profile"
    address = window.findChild(QLineEdit, "profile_industry")
    type_into(qtbot, address, "Hospitality")
    assert stored_profile(window).industry == "Hospitality"
    type_into(qtbot, address, "Hotels")
    assert stored_profile(window).industry == "Hotels"

    window.activateWindow()
    qtbot.keySequence(window, "Ctrl+Z")
    assert stored_profile(window).industry == "Hospitality"
    assert address.text() == "Hospitality"
    qtbot.keySequence(window, "Ctrl+Shift+Z")
    assert stored_profile(window).industry == "Hotels"
    assert address.text() == "Hotels"

    # the History panel (Ctrl+H) shows the trail for the profile
    window.menus.history.trigger()
    rows = window.history_model.rowCount()
    assert rows >= 3
    assert window.history_model.index(0, 2).data() == "Industry"

    window.close_workspace()
    assert window.central.currentWidget() is window.welcome
    assert window.open_path(path)
    assert stored_profile(window).industry == "Hotels"
    window.go_to("profile")
    assert window.findChild(QLineEdit, "profile_industry").text() == "Hotels"


def test_invalid_value_is_shown_next_to_the_field_and_not_stored(
    qtbot, window: MainWindow, tmp_path: Path
):
    window.create_workspace(tmp_path / "v.qms", "Org", "en")
    prefix = window.findChild(QLineEdit, "profile_doc_prefix")
    type_into(qtbot, prefix, "bad prefix!")
    assert stored_profile(window).doc_prefix == ""
    errors = [
        lbl.text()
        for lbl in window.profile_page.findChildren(QLabel)
        if lbl.isVisible() and "prefix may hold" in lbl.text()
    ]
    assert errors
    assert window.controller.undo_stack.count() == 0


def test_switch_language_to_chinese_at_run_time(qtbot, window: MainWindow, tmp_path: Path):
    window.create_workspace(tmp_path / "zh.qms", "Org", "en")
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.menus.menu_file.title() == "文件(&F)")
    assert window.navigator_model.index(2).data() == "1. 总结"
    window.go_to("summarise")
    page = window.step_pages[Step.SUMMARISE]
    assert "第1步" in page.title.text()
    assert page.tabs.tabText(0) == "经验教训"
    assert window.settings.language == "zh_CN"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.menus.menu_file.title() == "&File")


def test_step_status_and_sign_off(qtbot, window: MainWindow, tmp_path: Path):
    window.create_workspace(tmp_path / "s.qms", "Org", "en")
    window.go_to("plan")
    status = window.findChild(QComboBox, "step_status_plan")
    status.setCurrentIndex(status.findData(StepStatus.DONE))
    status.activated.emit(status.currentIndex())
    # done without a sign-off is refused, with the reason on the page
    assert get_step_states(window.controller.ws())[Step.PLAN].status is StepStatus.NOT_STARTED
    page = window.step_pages[Step.PLAN].about
    assert "needs the name" in page._error.text()
    type_into(qtbot, window.findChild(QLineEdit, "step_signed_by_plan"), "Lin Wei")
    qtbot.mouseClick(page._today, Qt.MouseButton.LeftButton)
    state = get_step_states(window.controller.ws())[Step.PLAN]
    assert state.status is StepStatus.DONE and state.signed_off_by == "Lin Wei"
    plan_row = window.navigator_model.index(PAGE_KEYS.index("plan"))
    assert plan_row.data(StatusRole) is ShownStatus.DONE
    window.controller.undo_stack.undo()
    assert get_step_states(window.controller.ws())[Step.PLAN].status is StepStatus.NOT_STARTED


def test_bad_date_is_refused(qtbot, window: MainWindow, tmp_path: Path):
    window.create_workspace(tmp_path / "d.qms", "Org", "en")
    window.go_to("study")
    type_into(qtbot, window.findChild(QLineEdit, "step_signed_on_study"), "31/02/2026")
    assert "YYYY-MM-DD" in window.step_pages[Step.STUDY].about._error.text()


def test_every_page_shows_on_the_demo(qtbot, window: MainWindow, demo_file: Path):
    assert window.open_path(demo_file)
    for key in PAGE_KEYS:
        window.go_to(key)
        assert window.current_page_key() == key
    assert window.dashboard._org.text() == "Harbour Light Hotels Ltd."


def test_second_window_is_read_only(qtbot, window: MainWindow, demo_file: Path, tmp_path: Path):
    assert window.open_path(demo_file)
    other = build_main_window(
        settings=QSettings(str(tmp_path / "o.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(other)
    other.open_path(demo_file)
    box = other.findChild(QMessageBox, "error_box")
    assert box is not None and "being edited" in box.text()
    assert other.controller.read_only
    other.go_to("profile")
    assert other.findChild(QLineEdit, "profile_name").isReadOnly()
    assert "[read-only]" in other.windowTitle()
    other.controller.close()


def test_bad_file_gives_a_message_and_stays_on_welcome(qtbot, window: MainWindow, tmp_path: Path):
    bad = tmp_path / "bad.qms"
    bad.write_bytes(b"not a database" * 50)
    assert not window.open_path(bad)
    box = window.findChild(QMessageBox, "error_box")
    assert "not a QMS Desktop workspace" in box.text()
    assert window.central.currentWidget() is window.welcome


def test_recent_files_and_geometry_are_remembered(qtbot, settings: QSettings, demo_file: Path):
    first = build_main_window(settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 540)
    first.open_path(demo_file)
    first.close()
    second = build_main_window(settings=settings)
    qtbot.addWidget(second)
    assert second.settings.recent_files()[0] == demo_file.resolve()
    second.show()
    qtbot.waitExposed(second)
    assert (second.size().width(), second.size().height()) == (790, 540)
    assert second.welcome.recent.count() == 1


def test_new_workspace_dialog(qtbot, tmp_path: Path):
    dialog = NewWorkspaceDialog(tmp_path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.org, "Acme / Services")
    assert dialog.file.text().endswith("Acme-Services.qms")
    dialog.org.clear()
    dialog.buttons.accepted.emit()
    assert "needs a name" in dialog.error.text()
    qtbot.keyClicks(dialog.org, "Acme")
    dialog.buttons.accepted.emit()
    assert dialog.result() == NewWorkspaceDialog.DialogCode.Accepted
    name, lang, path = dialog.values
    assert (name, lang, path.suffix) == ("Acme", "en", ".qms")


def test_edits_survive_closing_the_window(qtbot, settings: QSettings, workspace_file: Path):
    w = build_main_window(settings=settings)
    qtbot.addWidget(w)
    w.show()
    w.open_path(workspace_file)
    w.go_to("profile")
    editor = w.findChild(QLineEdit, "profile_short_name")
    editor.setFocus()
    qtbot.keyClicks(editor, "Typed but not confirmed")
    w.close()  # the pending edit is stored on close
    with Workspace.open(workspace_file) as ws:
        assert get_profile(ws).short_name == "Typed but not confirmed"


def test_preferences_user_name_goes_into_the_audit_trail(qtbot, window: MainWindow, tmp_path: Path):
    from qms_desktop.services.audit import history
    from qms_desktop.ui.dialogs import PreferencesDialog

    dialog = PreferencesDialog("", "osuser", "en", window)
    qtbot.addWidget(dialog)
    assert dialog.user.placeholderText() == "osuser"
    window.create_workspace(tmp_path / "p.qms", "Org", "en")
    window.apply_preferences("Zhang Min", "en")
    assert window.settings.user_name == "Zhang Min"
    type_into(qtbot, window.findChild(QLineEdit, "profile_industry"), "Retail")
    assert history(window.controller.ws(), "organisation", "1")[0].actor == "Zhang Min"
    assert "Zhang Min" in window.status_label.text()


def test_open_for_reading_only_as_an_auditor(qtbot, window, workspace_file):
    assert window.open_path(workspace_file, read_only=True)
    assert window.controller.read_only
    assert "reading only" in window.statusBar().currentMessage()
    assert window.findChild(object, "error_box") is None
    assert window.windowTitle().endswith("[read-only] — QMS Desktop")
    before = window.controller.undo_stack.count()
    assert not window.controller.ops.set_profile("Edit", {"industry": ""}, {"industry": "Hotels"})
    assert window.controller.undo_stack.count() == before


def test_every_page_keeps_the_page_contract(qtbot, window):
    from qms_desktop.ui.models.navigator import PAGE_KEYS
    from qms_desktop.ui.page_registry import Page

    for row, key in enumerate(PAGE_KEYS):
        page = window.page_at(row)
        assert isinstance(page, Page), key  # reload() and commit_pending()
        assert hasattr(page, "recordSelected"), key  # tells the History panel what is shown
