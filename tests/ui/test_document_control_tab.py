"""The Refine page's Document control tab: approve a document and see it frozen."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.modeltest import ModelTester

from qms_desktop.domain.document_control import RevisionStatus
from qms_desktop.services import document_control as dc
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.document_control import DocumentControlPanel

S = RevisionStatus


def open_tab(qtbot, window: MainWindow, path: Path) -> DocumentControlPanel:
    assert window.open_path(path)
    window.resize(1280, 720)
    window.go_to("refine")
    page = window.pages.currentWidget()
    panel = page.findChild(DocumentControlPanel)
    page.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    return panel


def pick(panel: DocumentControlPanel, number: str) -> None:
    row = next(i for i, d in enumerate(panel.model.documents) if d.number == number)
    panel.table.selectRow(row)


def type_into(qtbot, editor: QLineEdit, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    editor.editingFinished.emit()


def test_the_demo_history_is_shown(qtbot, window: MainWindow, demo_file: Path):
    panel = open_tab(qtbot, window, demo_file)
    ModelTester(None).check(panel.model)
    ModelTester(None).check(panel.revisions)
    assert panel.summary.text() == "1 of 6 planned documents issued"
    pick(panel, "HLH-QM-01")
    shown = [
        (
            panel.revisions.data(panel.revisions.index(r, 0)),
            panel.revisions.data(panel.revisions.index(r, 1)),
        )
        for r in range(panel.revisions.rowCount())
    ]
    assert shown == [("B", "Issued"), ("A", "Superseded")]
    assert panel.frozen.isVisible() and "SHA-256" in panel.frozen.text()
    assert panel.editors["approver"].isReadOnly()
    qtbot.mouseClick(panel.buttons["compare"], Qt.MouseButton.LeftButton)
    assert "+- Harbour Light Airport Hotel, 5 Liuting Avenue" in panel.diff.toPlainText()
    if os.environ.get("QMS_SCREENSHOTS"):
        window.grab().save(os.path.join(os.environ["QMS_SCREENSHOTS"], "document-control.png"))


def test_approve_a_document_and_see_it_frozen(qtbot, window: MainWindow, demo_file: Path):
    panel = open_tab(qtbot, window, demo_file)
    pick(panel, "HLH-QM-01")
    ws = window.controller.ws()
    panel.editors["change_summary"].setText("Responsibilities of top management added")
    qtbot.mouseClick(panel.buttons["generate"], Qt.MouseButton.LeftButton)
    assert panel.wait()
    qtbot.waitUntil(lambda: panel.job is None)
    doc = dc.get_document(ws, panel.current_document().planned_id)
    assert (doc.latest.label, doc.latest.status) == ("C", S.DRAFT)
    assert doc.latest.change_summary == "Responsibilities of top management added"
    assert panel.current_revision().label == "C" and not panel.frozen.isVisible()
    # review: the reviewer typed, then sent
    type_into(qtbot, panel.editors["reviewer"], "Zhou Min")
    qtbot.mouseClick(panel.buttons["review"], Qt.MouseButton.LeftButton)
    assert dc.get_document(ws, doc.planned_id).latest.status is S.IN_REVIEW
    assert not panel.buttons["generate"].isEnabled()
    # approval renders off the UI thread, then freezes
    type_into(qtbot, panel.editors["approver"], "Chen Hao")
    qtbot.mouseClick(panel.buttons["approve"], Qt.MouseButton.LeftButton)
    assert panel.wait()
    qtbot.waitUntil(lambda: panel.job is None)
    latest = dc.get_document(ws, doc.planned_id).latest
    assert latest.status is S.APPROVED and latest.approver == "Chen Hao"
    assert panel.frozen.isVisible() and latest.file("pdf").sha256 in panel.frozen.text()
    assert all(panel.editors[n].isReadOnly() for n in ("author", "reviewer", "approver"))
    assert panel.buttons["issue"].isEnabled() and not panel.buttons["approve"].isEnabled()
    assert "frozen" in panel.status.text()
    # an approved revision has no undo step: the undo stack offers none for it
    assert "Approve" not in window.controller.undo_stack.undoText()
    opened = panel.open_file("pdf")
    assert opened is not None and opened.read_bytes()[:5] == b"%PDF-"
    qtbot.mouseClick(panel.buttons["issue"], Qt.MouseButton.LeftButton)
    doc = dc.get_document(ws, doc.planned_id)
    assert [(r.label, r.status) for r in doc.revisions] == [
        ("A", S.SUPERSEDED), ("B", S.SUPERSEDED), ("C", S.ISSUED),
    ]  # fmt: skip


def test_a_refused_move_is_shown_and_changes_nothing(qtbot, window: MainWindow, demo_file: Path):
    panel = open_tab(qtbot, window, demo_file)
    pick(panel, "HLH-QP-04")  # a draft uploaded without a reviewer
    assert panel.current_revision().status is S.DRAFT
    panel.editors["reviewer"].clear()
    assert not panel.change_status(S.IN_REVIEW)
    assert "reviewer" in panel.error.text()
    assert panel.buttons["delete"].isEnabled()
    assert (
        dc.get_document(window.controller.ws(), panel.current_document().planned_id).latest.status
        is S.DRAFT
    )


def test_a_draft_is_deleted_and_an_upload_registered(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
):
    import docx

    panel = open_tab(qtbot, window, demo_file)
    pick(panel, "HLH-QP-04")
    qtbot.mouseClick(panel.buttons["delete"], Qt.MouseButton.LeftButton)
    assert panel.revisions.rowCount() == 0
    document = docx.Document()
    document.add_paragraph("Reservations are confirmed within two hours.")
    document.save(str(tmp_path / "qp04.docx"))
    assert panel.upload(tmp_path / "qp04.docx")
    revision = panel.current_revision()
    assert (revision.label, revision.source, revision.file("upload").name) == (
        "A", "uploaded", "qp04.docx",
    )  # fmt: skip
    assert panel.buttons["open_upload"].isEnabled()
