"""The Generate tab keeps a registered document's file as its draft in document control."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from qms_desktop.domain.document_control import RevisionStatus
from qms_desktop.services import document_control as dc
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.refine_page import DocumentsPanel

S = RevisionStatus


def open_panel(window: MainWindow, path: Path) -> DocumentsPanel:
    assert window.open_path(path)
    window.resize(1280, 720)
    window.go_to("refine")
    page = window.pages.currentWidget()
    panel = page.findChild(DocumentsPanel)
    page.tabs.setCurrentWidget(panel)
    return panel


def choose(panel: DocumentsPanel, template_id: str) -> None:
    row = next(
        i
        for i in range(panel.templates.count())
        if panel.templates.item(i).data(Qt.ItemDataRole.UserRole) == template_id
    )
    panel.templates.setCurrentRow(row)


def manual(window: MainWindow) -> dc.ControlledDocument:
    doc = dc.document_for_template(window.controller.ws(), "quality-manual")
    assert doc is not None
    return doc


def generate(qtbot, panel: DocumentsPanel, out: Path) -> None:
    assert panel.start(out)
    qtbot.waitUntil(lambda: panel.job is None, timeout=60000)


def test_the_written_manual_becomes_the_draft(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
):
    panel = open_panel(window, demo_file)
    choose(panel, "quality-manual")
    assert not panel.keep.isHidden() and panel.keep.isChecked()
    assert "HLH-QM-01" in panel.controlled.text() and not panel.controlled.isHidden()
    before = manual(window)
    assert before.working is None  # B is issued: keeping makes a new draft
    panel.language.setCurrentIndex(panel.language.findData("en"))
    panel.format.setCurrentIndex(panel.format.findData("pdf"))
    generate(qtbot, panel, tmp_path / "manual.pdf")
    written = (tmp_path / "manual.pdf").read_bytes()
    assert written.startswith(b"%PDF")
    draft = manual(window).working
    assert draft is not None and draft.status is S.DRAFT and draft.source == "generated"
    assert len(manual(window).revisions) == len(before.revisions) + 1
    files = {(f.lang, f.kind): f for f in draft.files}
    assert set(files) == {("en", "pdf"), ("en", "text"), ("en", "context")}
    assert dc.read_file(window.controller.ws(), files[("en", "pdf")].id) == written
    assert files[("en", "pdf")].name == f"HLH-QM-01-{draft.label}-en.pdf"
    assert f"kept as draft {draft.label} of HLH-QM-01" in panel.status.text()
    assert panel.error.isHidden()
    # the printed revision is the draft's: its words name the revision kept
    assert f"HLH-QM-01-{draft.label}" in files[("en", "text")].name

    # again, as Word: the same draft takes the DOCX too, its PDF stays
    panel.format.setCurrentIndex(panel.format.findData("docx"))
    generate(qtbot, panel, tmp_path / "manual.docx")
    again = manual(window).working
    assert again is not None and again.id == draft.id
    files = {(f.lang, f.kind): f for f in again.files}
    docx = (tmp_path / "manual.docx").read_bytes()
    assert dc.read_file(window.controller.ws(), files[("en", "docx")].id) == docx
    assert dc.read_file(window.controller.ws(), files[("en", "pdf")].id) == written


def test_unticked_the_register_is_untouched(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
):
    panel = open_panel(window, demo_file)
    choose(panel, "quality-manual")
    panel.keep.setChecked(False)
    before = manual(window)
    generate(qtbot, panel, tmp_path / "manual.pdf")
    assert (tmp_path / "manual.pdf").read_bytes().startswith(b"%PDF")
    assert manual(window) == before
    assert "kept" not in panel.status.text() and panel.error.isHidden()


def test_a_template_outside_the_register_offers_no_box(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
):
    panel = open_panel(window, demo_file)
    choose(panel, "quality-manual")
    assert not panel.keep.isHidden()
    choose(panel, "gap-report")
    assert panel.keep.isHidden() and panel.controlled.isHidden()
    docs = dc.list_documents(window.controller.ws())
    generate(qtbot, panel, tmp_path / "gap.pdf")
    assert (tmp_path / "gap.pdf").exists()
    assert dc.list_documents(window.controller.ws()) == docs


def test_a_draft_in_review_refuses_the_file_which_stays_on_disk(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
):
    panel = open_panel(window, demo_file)
    choose(panel, "quality-manual")
    generate(qtbot, panel, tmp_path / "first.pdf")
    draft = manual(window).working
    assert draft is not None
    dc.move_revision(window.controller.ws(), "test", draft.id, S.IN_REVIEW, reviewer="Li Wei")
    before = manual(window)
    generate(qtbot, panel, tmp_path / "second.pdf")
    assert (tmp_path / "second.pdf").read_bytes().startswith(b"%PDF")
    assert manual(window) == before
    assert not panel.error.isHidden()
    assert "written but not kept" in panel.error.text()
    assert "review" in panel.error.text()
