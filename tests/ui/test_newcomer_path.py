"""A new user goes from the welcome screen to a first generated quality manual without
leaving the app: the path 'Your first quality manual' in the guide describes, driven like a
user would (clicks and keys), ending with the manual's pages on screen."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton

from qms_desktop.domain.steps import Step
from qms_desktop.ui.dialogs import NewWorkspaceDialog
from qms_desktop.ui.help.guide import GUIDE
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.models.navigator import PAGE_KEYS


def click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_into(qtbot, editor, text: str) -> None:
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    editor.editingFinished.emit()  # what leaving the field does


def test_a_new_user_goes_from_the_welcome_screen_to_a_first_quality_manual(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
):
    workspace = tmp_path / "Harbour Light Hotels.qms"
    manual = tmp_path / "quality-manual.pdf"
    # The guide describes this very path, in both languages.
    assert "New workspace…" in (GUIDE / "en" / "first-manual.md").read_text("utf-8")
    assert "新建工作区…" in (GUIDE / "zh_CN" / "first-manual.md").read_text("utf-8")

    # 1. The welcome screen: "New workspace…"
    assert window.central.currentWidget() is window.welcome
    filled: list[str] = []

    def fill_new_workspace_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewWorkspaceDialog)
        qtbot.keyClicks(dialog.org, "Harbour Light Hotels")
        dialog.file.clear()
        qtbot.keyClicks(dialog.file, str(workspace))
        filled.append(dialog.org.text())
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    QTimer.singleShot(0, fill_new_workspace_dialog)
    qtbot.mouseClick(
        window.welcome.findChild(QPushButton, "welcome_new"), Qt.MouseButton.LeftButton
    )
    assert filled == ["Harbour Light Hotels"] and workspace.exists()

    # 2. The workspace opens on the organisation profile: fill in what the manual starts with.
    assert window.current_page_key() == "profile"
    profile = window.profile_page
    type_into(qtbot, profile.findChild(QLineEdit, "profile_industry"), "Hotels")
    type_into(qtbot, profile.findChild(QLineEdit, "profile_doc_prefix"), "HLH-QMS")
    assert window.controller.profile().industry == "Hotels"
    assert window.controller.profile().doc_prefix == "HLH-QMS"

    # 3. Step 7, Refine, from the navigator
    click_row(qtbot, window.navigator, PAGE_KEYS.index(Step.REFINE.value))
    assert window.current_page_key() == "refine"
    panel = window.step_pages[Step.REFINE].tabs.currentWidget()
    assert panel.preview.page_count() == 0

    # 4. "Quality manual", PDF, Generate… (the save dialog answers with a file name)
    titles = [panel.templates.item(i).text() for i in range(panel.templates.count())]
    click_row(qtbot, panel.templates, titles.index("Quality manual"))
    assert panel.current_template() == "quality-manual"
    assert panel.format.currentData() == "pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(manual), "PDF (*.pdf)")
    )
    qtbot.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.job is None, timeout=60000)

    # 5. The manual's pages are on screen, ready to print
    pages = len(PdfReader(manual).pages)
    assert pages >= 2
    assert panel.preview.page_count() == pages
    assert panel.preview.view.isVisible() and panel.print_button.isEnabled()
    assert panel.preview.view.visibleRegion().boundingRect().contains(QPoint(10, 10))
    text = "".join(page.extract_text() for page in PdfReader(manual).pages)
    assert "Harbour Light Hotels" in text and "HLH-QMS" in text
