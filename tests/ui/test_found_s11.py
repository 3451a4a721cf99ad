"""Bugs found by exploratory GUI testing (session 11), each pinned by the test that showed it.

User text that looks like markup (`<b>x</b>`) must be shown as written wherever it appears:
a label, a tooltip or a message box with Qt's automatic format renders it as rich text, so a
title such as "Terms <b>and</b> conditions" lost its words and turned bold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QScrollArea, QWidget

from qms_desktop.domain.steps import Step
from qms_desktop.services import profile, registers
from qms_desktop.storage.workspace import Workspace
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.models.navigator import PAGE_KEYS
from qms_desktop.ui.steps.document_control import DocumentControlPanel
from qms_desktop.ui.steps.plan_widgets import TrainingMatrix
from qms_desktop.ui.widgets import FieldError

MARK = "<b>x</b> & y"


def shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """The words Qt puts on the screen for `text` (labels, tooltips, message boxes)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def label_shows(label: QLabel) -> str:
    return shown(label.text(), label.textFormat())


@pytest.fixture
def marked(window: MainWindow, demo_file: Path) -> MainWindow:
    """The demo organisation with markup typed into a lesson, a role, a planned document and
    a study plan entry (every role's title begins with it)."""
    ws = Workspace.open(demo_file)
    try:
        lesson = registers.list_records(ws, "lesson")[0]
        registers.update_record(ws, "t", "lesson", lesson.id, what_happened=MARK)
        for role in registers.list_records(ws, "role"):
            title = f"{MARK} {role.values['title']}"
            registers.update_record(ws, "t", "role", role.id, title=title)
        doc = next(
            r
            for r in registers.list_records(ws, "planned_document")
            if r.values["number"] == "HLH-QM-01"
        )
        registers.update_record(ws, "t", "planned_document", doc.id, title=MARK)
        plan = next(
            r for r in registers.list_records(ws, "study_plan") if r.values["state"] != "completed"
        )
        registers.update_record(ws, "t", "study_plan", plan.id, standard=MARK)
    finally:
        ws.close()
    assert window.open_path(demo_file)
    return window


def test_register_cell_tooltips_show_markup_as_written(qtbot, marked: MainWindow):
    marked.go_to(Step.SUMMARISE.value)
    page = marked.step_pages[Step.SUMMARISE]
    table = page.findChild(object, "table_lesson")
    model = table.model()
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "What happened"
    )
    tips = [
        model.index(r, column).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())
    ]
    assert MARK in [shown(t) for t in tips]
    plain = next(t for t in tips if t and "<" not in t)
    assert shown(plain) == plain  # ordinary text is left as it is


def test_dashboard_card_tooltip_shows_markup_as_written(qtbot, marked: MainWindow):
    marked.go_to("dashboard")
    card = marked.findChild(object, "card_allocate")
    assert MARK in shown(card.toolTip())


def test_document_heading_shows_markup_as_written(qtbot, marked: MainWindow):
    marked.go_to(Step.REFINE.value)
    page = marked.pages.currentWidget()
    panel = page.findChild(DocumentControlPanel)
    page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    row = next(i for i, d in enumerate(panel.model.documents) if d.number == "HLH-QM-01")
    panel.table.selectRow(row)
    assert label_shows(panel.heading) == f"HLH-QM-01 — {MARK}"
    assert panel.frozen.isVisible()
    # the sentence names the approver, typed by a user: never read as markup
    assert panel.frozen.textFormat() == Qt.TextFormat.PlainText


def test_training_outstanding_shows_markup_as_written(qtbot, marked: MainWindow):
    marked.go_to(Step.STUDY.value)
    matrix = marked.step_pages[Step.STUDY].findChild(TrainingMatrix)
    matrix.reload()
    assert MARK in label_shows(matrix.summary)


def test_navigator_tooltips_and_field_errors_are_plain(qtbot, marked: MainWindow):
    error = FieldError()
    qtbot.addWidget(error)
    error.show_message(f"“{MARK}” is not a date")
    assert label_shows(error) == f"“{MARK}” is not a date"
    model = marked.navigator.model()
    for row in range(len(PAGE_KEYS)):
        tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
        if tip:
            assert shown(tip) == tip or "<" not in shown(tip)


def test_cannot_open_box_shows_a_file_name_as_written(qtbot, window: MainWindow, tmp_path):
    bad = tmp_path / "<i>draft.qms"
    bad.write_bytes(b"not a workspace at all")
    assert not window.open_path(bad)
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and box.isVisible()
    assert "<i>draft.qms" in shown(box.text(), box.textFormat())
    box.close()


def test_delete_assessment_question_shows_its_name_as_written(
    qtbot, window: MainWindow, demo_file: Path, monkeypatch
):
    from qms_desktop.ui.steps.compare.assessments import AssessmentPicker

    assert window.open_path(demo_file)
    window.go_to(Step.COMPARE.value)
    picker = window.pages.currentWidget().findChild(AssessmentPicker)
    name = picker.current_assessment().name
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(shown(box.text(), box.textFormat()))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert window.controller.ops.update_assessment(
        "rename", picker.current_assessment().id, {"name": name}, {"name": f"<i>{name}"}
    )
    qtbot.mouseClick(picker.delete_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and f"“<i>{name}”" in asked[0]
    assert picker.current_assessment() is not None  # Cancel deleted nothing


LONG_WORD = "W" * 1500  # a pasted link or a hostile paste: one "word" some 15 000 pixels wide


@pytest.fixture
def long_words(window: MainWindow, demo_file: Path) -> MainWindow:
    """The demo organisation with a very long word in texts that labels show."""
    ws = Workspace.open(demo_file)
    try:
        profile.update_profile(ws, "t", name=f"Harbour {LONG_WORD}", scope=f"Rooms and {LONG_WORD}")

        def lengthen(key: str, field: str, pick=lambda r: True) -> None:
            for r in registers.list_records(ws, key):
                if pick(r):
                    value = f"{r.values[field]} {LONG_WORD}"
                    registers.update_record(ws, "t", key, r.id, **{field: value})

        lengthen("role", "title")
        lengthen("study_plan", "standard")
        lengthen("planned_document", "title")
        lengthen("facility", "item")
        lengthen("internal_audit", "title")
        lengthen("basic_work", "area")
    finally:
        ws.close()
    assert window.open_path(demo_file)
    return window


def every_page_and_tab(window: MainWindow) -> Iterator[tuple[str, int, QWidget]]:
    """(page key, tab index, page) for every page of the navigator and each of its tabs,
    each shown in turn."""
    from PySide6.QtWidgets import QTabWidget

    for key in PAGE_KEYS:
        window.go_to(key)
        page = window.pages.currentWidget()
        tabs = getattr(page, "tabs", None)
        for i in range(tabs.count() if isinstance(tabs, QTabWidget) else 1):
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentIndex(i)
            yield key, i, page


def test_a_very_long_word_does_not_widen_the_window(qtbot, long_words: MainWindow):
    """Labels showing user text wrapped at word boundaries only, so one long word made their
    minimum width (and the window's) some 16 000 pixels: the window grew far past the screen."""

    from qms_desktop.ui.steps.operate_audits import FindingsPanel

    window = long_words
    window.resize(1024, 700)
    wide: list[str] = []
    for key, i, page in every_page_and_tab(window):
        if key == Step.REFINE.value and i == 1:
            panel = page.findChild(DocumentControlPanel)
            qtbot.waitUntil(lambda p=panel: p.model.rowCount() > 0)
            panel.table.selectRow(0)
        if key == Step.OPERATE.value:
            findings = page.findChild(FindingsPanel)
            if findings is not None and findings.isVisible():
                audits = page.findChild(object, "table_internal_audit")
                audits.selectRow(0)
        qtbot.wait(1)
        width = max(window.minimumSizeHint().width(), window.width())
        if width > 1024:
            wide.append(f"{key}/{i}: {width}")
    assert wide == []
    # the long word is still there, and the dashboard needs no sideways scrolling
    window.go_to("dashboard")
    org = window.findChild(QLabel, "dashboard_org")
    assert LONG_WORD in org.text()
    area = window.pages.currentWidget().findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.widget().width() <= area.viewport().width())


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_page_fits_a_1024_pixel_wide_window(qtbot, window: MainWindow, demo_file, lang):
    """The Compare page's row of buttons with the navigator's minimum width made the window at
    least 1032 pixels wide in English: on a 1024-wide screen its right edge was off-screen."""

    window.set_language(lang)
    assert window.open_path(demo_file)
    window.resize(1024, 700)
    wide: list[str] = []
    for key, i, _page in every_page_and_tab(window):
        qtbot.wait(1)
        if window.minimumSizeHint().width() > 1024:
            wide.append(f"{key}/{i}: {window.minimumSizeHint().width()}")
    assert wide == []
    assert window.width() == 1024


def new_workspace_dialog(qtbot, folder: Path, file: str):
    from qms_desktop.ui.dialogs import NewWorkspaceDialog

    dialog = NewWorkspaceDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.org, "Acme")
    dialog.file.selectAll()
    qtbot.keyClicks(dialog.file, file)
    qtbot.keyClick(dialog.file, Qt.Key.Key_Return)  # Enter is OK, as in every dialog
    return dialog


def test_a_bare_file_name_goes_to_the_suggested_folder(qtbot, tmp_path: Path, monkeypatch):
    """Typing just a name in "Workspace file" created it in the process's working folder (the
    app's install folder, /, or wherever it was started), not where the dialog suggested."""
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    folder = tmp_path / "documents"
    folder.mkdir()
    dialog = new_workspace_dialog(qtbot, folder, "acme-2027")
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.values[2] == folder / "acme-2027.qms"


def test_an_upper_case_suffix_is_kept(qtbot, tmp_path: Path):
    dialog = new_workspace_dialog(qtbot, tmp_path, str(tmp_path / "ACME.QMS"))
    assert dialog.values[2] == tmp_path / "ACME.QMS"  # not ACME.QMS.qms


def test_a_missing_folder_is_said_before_the_dialog_closes(qtbot, tmp_path: Path):
    """The folder's absence was found only after the dialog had closed, and the name typed
    was lost with it."""
    dialog = new_workspace_dialog(qtbot, tmp_path, str(tmp_path / "nowhere" / "acme.qms"))
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error.isVisibleTo(dialog) and "nowhere" in dialog.error.text()
    assert dialog.org.text() == "Acme"


def test_tab_leaves_every_table(qtbot, window: MainWindow, demo_file: Path):
    """Keyboard only: Tab inside a table moved from cell to cell and wrapped round, so a user
    could never Tab from a register's table to its form (a keyboard trap on every page)."""
    from PySide6.QtWidgets import QApplication, QTableView, QTabWidget

    assert window.open_path(demo_file)
    window.activateWindow()
    trapped: set[str] = set()
    for key in PAGE_KEYS:
        window.go_to(key)
        page = window.pages.currentWidget()
        tabs = [t for t in page.findChildren(QTabWidget)]
        for t in tabs or [None]:
            for i in range(t.count() if t else 1):
                if t is not None:
                    if not t.isVisible():
                        continue
                    t.setCurrentIndex(i)
                qtbot.wait(1)
                for view in page.findChildren(QTableView):
                    if not view.isVisible() or view.model().rowCount() == 0:
                        continue
                    view.setFocus()
                    view.setCurrentIndex(view.model().index(0, 0))
                    qtbot.keyClick(view, Qt.Key.Key_Tab)
                    if QApplication.focusWidget() is view:
                        trapped.add(f"{key}: {view.objectName() or type(view).__name__}")
    assert sorted(trapped) == []


def test_bulk_edit_shows_a_one_line_editor_at_its_own_height(qtbot, window, demo_file):
    """In "Edit selected records" a drop-down or one-line field filled the height of the
    tallest editor (a multi-line one): a combo box some 190 pixels tall."""
    from qms_desktop.ui.register_panel import BulkEditDialog, RegisterPanel

    assert window.open_path(demo_file)
    window.go_to(Step.SUMMARISE.value)
    panel = window.pages.currentWidget().findChild(RegisterPanel)
    dialog = BulkEditDialog(panel, [1, 2])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for name in ("source", "occurred_on", "document", "what_happened"):
        editor = dialog.choose(name)
        qtbot.wait(1)
        assert editor.isVisible()
        if name != "what_happened":  # one line
            assert editor.height() <= editor.sizeHint().height() + 8, name
    assert dialog.choose("what_happened").height() > 2 * dialog.choose("source").height()


def test_audit_findings_follow_a_language_switch(qtbot, window: MainWindow, demo_file: Path):
    """Switching the interface to Chinese left the audit findings panel (headers, labels,
    buttons, status choices) in English until the app was restarted."""
    from qms_desktop.ui.steps.operate_audits import FindingsPanel

    assert window.open_path(demo_file)
    window.go_to(Step.OPERATE.value)
    panel = window.pages.currentWidget().findChild(FindingsPanel)
    assert panel.raise_nc.text() == "Raise nonconformity"
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: panel.raise_nc.text() != "Raise nonconformity")
    texts = [
        panel.raise_nc.text(),
        panel.attach.text(),
        panel.status_label.text(),
        panel.model.headerData(1, Qt.Orientation.Horizontal),
        panel.status.itemText(1),
    ]
    assert all(t and not any("a" <= ch.lower() <= "z" for ch in t) for t in texts), texts


def show(widget) -> None:
    """Bring forward every tab that holds `widget`."""
    from PySide6.QtWidgets import QTabWidget

    chain = [widget]
    while chain[-1].parentWidget() is not None:
        chain.append(chain[-1].parentWidget())
    for i, w in enumerate(chain):
        if isinstance(w, QTabWidget) and i >= 2:
            w.setCurrentWidget(chain[i - 2])  # the page, inside the tab widget's stack


def _shown_width(combo) -> int:
    """The width of the text field of a combo box (without its arrow)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def test_the_survey_choices_show_their_whole_titles(qtbot, window: MainWindow, demo_file: Path):
    """Survey scores: the two combo boxes were sized when first shown, before any survey was
    in them, so "Guest survey (spring)" and "(autumn)" both read "Guest surv…": which survey
    was compared with which could not be told."""
    from PySide6.QtGui import QFontMetrics

    from qms_desktop.ui.steps.operate import ScoresPanel

    assert window.open_path(demo_file)
    window.resize(1600, 900)
    window.go_to(Step.OPERATE.value)
    page = window.pages.currentWidget()
    panel = page.findChild(ScoresPanel)
    show(panel)
    qtbot.waitUntil(lambda: panel.survey.count() >= 2)
    for combo in (panel.survey, panel.earlier):
        metrics = QFontMetrics(combo.font())
        widest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert _shown_width(combo) >= widest, combo.objectName()


def test_the_assessment_choice_shows_its_date_where_there_is_room(
    qtbot, window: MainWindow, demo_file: Path
):
    """The assessment combo box stayed 160 px wide on any screen: "Re-assessment (2026-11-"
    lost the date that tells assessments apart, even at 1600 px."""
    from PySide6.QtGui import QFontMetrics

    from qms_desktop.ui.steps.compare.assessments import AssessmentPicker

    assert window.open_path(demo_file)
    window.resize(1600, 900)
    window.go_to(Step.COMPARE.value)
    combo = window.pages.currentWidget().findChild(AssessmentPicker).combo
    qtbot.waitUntil(lambda: combo.count() >= 2)
    qtbot.wait(1)
    text = combo.currentText()
    assert _shown_width(combo) >= QFontMetrics(combo.font()).horizontalAdvance(text), text


def test_a_list_of_standards_is_not_filtered_by_name(qtbot):
    """The filter above a list of satisfaction standards or moments of truth said "Find a
    name" (in Chinese "查找姓名", a person's name); only lists of people say so."""
    from qms_desktop.domain.registers import REGISTERS
    from qms_desktop.ui.field_editors import ReferenceList

    need = REGISTERS["customer_need"]
    standards = ReferenceList(need.field("standards"))
    people = ReferenceList(REGISTERS["training"].field("participants"))
    for w in (standards, people):
        qtbot.addWidget(w)
    assert standards.filter.placeholderText() == "Filter"
    assert people.filter.placeholderText() == "Find a name"


def _write_a_lesson(qtbot, window: MainWindow):
    from PySide6.QtWidgets import QPlainTextEdit

    from qms_desktop.ui.register_panel import RegisterPanel

    window.go_to(Step.SUMMARISE.value)
    panel = window.pages.currentWidget().findChild(RegisterPanel)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    for name, text in (("what_happened", "A whole event, typed"), ("lesson", "And its lesson")):
        editor = panel.findChild(QPlainTextEdit, f"lesson_{name}")
        editor.setFocus()
        qtbot.keyClicks(editor, text)
    return panel


def _answer(monkeypatch, button) -> list[str]:
    asked: list[str] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box.objectName())
        return button

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked


def _lessons(path: Path) -> list[str]:
    with Workspace.open(path) as ws:
        return [str(r.values["what_happened"]) for r in registers.list_records(ws, "lesson")]


def test_closing_with_a_new_record_written_asks_and_saves_it(
    qtbot, window: MainWindow, demo_file: Path, monkeypatch
):
    """A new record written in a form but not yet saved (Save stores it) was dropped without
    a word when the window was closed or another workspace opened."""
    assert window.open_path(demo_file)
    panel = _write_a_lesson(qtbot, window)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.close()
    assert asked == ["unsaved_draft_box"] and window.controller.is_open  # Cancel: back to it
    assert panel.drafting and panel.isVisible()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Save)
    window.close()
    assert asked == ["unsaved_draft_box"] and not window.controller.is_open
    assert "A whole event, typed" in _lessons(demo_file)


def test_a_new_record_can_be_dropped_and_an_untouched_form_is_not_asked_about(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path, monkeypatch
):
    from qms_desktop.ui.register_panel import RegisterPanel

    other = tmp_path / "other.qms"
    other.write_bytes(demo_file.read_bytes())
    assert window.open_path(demo_file)
    _write_a_lesson(qtbot, window)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.open_path(other)
    assert asked == ["unsaved_draft_box"]
    assert "A whole event, typed" not in _lessons(demo_file)
    window.go_to(Step.SUMMARISE.value)
    panel = window.pages.currentWidget().findChild(RegisterPanel)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)  # opened, nothing written
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.close()
    assert asked == [] and not window.controller.is_open
