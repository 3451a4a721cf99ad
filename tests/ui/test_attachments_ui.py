"""Attachments in the register form as a user meets them: attach a photo to a lesson and a
calibration certificate to a facility, see the preview, open and save a copy, remove and
undo, delete the record and undo; a new record takes files once saved."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QScrollArea

from qms_desktop.domain.registers import REGISTERS
from qms_desktop.domain.steps import Step
from qms_desktop.services import attachments as at
from qms_desktop.services import registers as rs
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.ui.attachments import AttachmentsPanel, image_preview, pdf_first_page
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.register_panel import RegisterPanel


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def png(path: Path, size: QSize | None = None, colour: str = "#2b6cb0") -> Path:
    image = QImage(size or QSize(640, 480), QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path


def pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 28)
    canvas.drawString(72, 760, "Calibration certificate")
    canvas.rect(72, 500, 300, 200, fill=1)
    canvas.showPage()
    canvas.save()
    return path


def register_panel(window: MainWindow, step: Step, key: str) -> RegisterPanel:
    window.go_to(step.value)
    page = window.step_pages[step]
    panel = page.findChild(RegisterPanel, f"register_{key}")
    assert panel is not None
    for i in range(page.tabs.count()):  # show the tab holding it
        if page.tabs.widget(i).isAncestorOf(panel) or page.tabs.widget(i) is panel:
            page.show_tab(i)
    return panel


def add_lesson(window: MainWindow) -> int:
    values = {"source": "complaint", "what_happened": "Soup served cold", "lesson": "Warm bowls"}
    record = window.controller.ops.add_record("Add", "lesson", values)
    assert record is not None
    return record.id


def add_facility(window: MainWindow) -> int:
    values = REGISTERS["facility"].new_record(dt.date(2026, 1, 5), "Probe thermometer")
    values.update(kind="measuring_equipment", state="in_service", site="Central kitchen")
    record = window.controller.ops.add_record("Add", "facility", values)
    assert record is not None
    return record.id


def names(panel: AttachmentsPanel) -> list[str]:
    return [panel.files.item(i).text() for i in range(panel.files.count())]


def test_attach_a_photo_to_a_lesson_preview_undo_and_redo(
    qtbot, opened: MainWindow, tmp_path: Path
):
    lessons = register_panel(opened, Step.SUMMARISE, "lesson")
    record_id = add_lesson(opened)
    lessons.reload()
    box = lessons.attachments
    assert box.isVisible() and box.attach_button.isEnabled()
    assert "No files attached" in box.note.text()
    photo = png(tmp_path / "cold soup.png")
    stack = opened.controller.undo_stack
    steps = stack.count()
    assert box.attach_paths([photo])
    assert stack.count() == steps + 1 and stack.undoText() == "Attach cold soup.png"
    assert opened.statusBar().currentMessage() == "Attached cold soup.png"
    assert names(box) == ["cold soup.png  (2 KB)"] or names(box)[0].startswith("cold soup.png")
    box.files.setCurrentRow(0)
    assert box.preview_shown()
    shown = box.preview.pixmap()
    assert shown.width() == 180 and shown.height() == 135  # 640x480 fitted into 180x180
    assert shown.toImage().pixelColor(10, 10) == QColor("#2b6cb0")
    assert box.open_button.isEnabled() and box.save_button.isEnabled()
    [stored] = at.attachments_of(opened.controller.ws(), "lesson", record_id)
    stack.undo()
    assert names(box) == [] and not box.preview.isVisible()
    assert at.attachments_of(opened.controller.ws(), "lesson", record_id) == []
    stack.redo()
    assert at.attachments_of(opened.controller.ws(), "lesson", record_id) == [stored]
    assert len(names(box)) == 1
    assert check_workspace(opened.controller.ws().path).sound


def test_a_calibration_certificate_on_a_facility_save_a_copy_and_open(
    qtbot, opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    facilities = register_panel(opened, Step.ALLOCATE, "facility")
    add_facility(opened)
    facilities.reload()
    box = facilities.attachments
    certificate = pdf(tmp_path / "certificate 2026.pdf")
    photo = png(tmp_path / "label.png", QSize(100, 60))
    assert box.attach_paths([certificate, photo])  # two files: one undo step
    assert opened.controller.undo_stack.undoText() == "Attach 2 files"
    assert len(names(box)) == 2
    box.files.setCurrentRow(0)
    assert box.preview_shown()  # the PDF's first page
    page = box.preview.pixmap().toImage()
    assert page.height() == 180 and page.width() == 127  # A4 upright
    assert page.pixelColor(2, 2) == QColor("white")
    # save a copy: the same bytes
    copy = tmp_path / "out" / "copy.pdf"
    copy.parent.mkdir()
    assert box.save_copy(int(box.files.item(0).data(Qt.ItemDataRole.UserRole)), copy)
    assert copy.read_bytes() == certificate.read_bytes()
    # open: a read-only copy handed to the system's program
    opened_urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened_urls.append(url) or True)
    box.files.setCurrentRow(1)
    assert box.preview_shown() and box.preview.pixmap().size() == QSize(100, 60)  # not enlarged
    shown = box.open_selected()
    assert shown is not None and opened_urls == [QUrl.fromLocalFile(str(shown))]
    assert shown.name == "label.png" and shown.read_bytes() == photo.read_bytes()
    assert not shown.stat().st_mode & stat.S_IWUSR
    assert box.open_selected() == shown  # opened again: rewritten, not refused
    # a program that cannot be found is said so, in words
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    assert box.open_selected() is None
    assert "No program" in box.error.text()
    # the workspace closed: nothing of it stays on screen
    opened.controller.close()
    assert box.files.count() == 0 and not box.preview.isVisible()
    assert not box.open_button.isEnabled() and box.open_selected() is None


def test_remove_several_then_undo(qtbot, opened: MainWindow, tmp_path: Path):
    lessons = register_panel(opened, Step.SUMMARISE, "lesson")
    record_id = add_lesson(opened)
    lessons.reload()
    box = lessons.attachments
    files = [png(tmp_path / f"{n}.png", colour=c) for n, c in (("a", "red"), ("b", "blue"))]
    box.attach_paths(files)
    box.files.setCurrentRow(1)
    lessons.reload()  # the workspace changed: the file picked stays picked
    assert (
        box.files.currentRow() == 1
        and box._selected_ids()
        == [f.id for f in at.attachments_of(opened.controller.ws(), "lesson", record_id)][1:]
    )
    box.files.selectAll()
    assert box.remove_selected()
    assert opened.controller.undo_stack.undoText() == "Remove 2 files"
    assert names(box) == []
    opened.controller.undo_stack.undo()
    assert [f.name for f in at.attachments_of(opened.controller.ws(), "lesson", record_id)] == [
        "a.png",
        "b.png",
    ]


def test_a_refused_file_says_why_and_leaves_no_undo_step(
    qtbot, opened: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    lessons = register_panel(opened, Step.SUMMARISE, "lesson")
    add_lesson(opened)
    lessons.reload()
    box = lessons.attachments
    huge = tmp_path / "<b>huge<i>.mov"  # a name that looks like markup stays text
    huge.write_bytes(b"\0" * 4096)
    steps = opened.controller.undo_stack.count()
    assert not box.attach_paths([tmp_path / "nowhere.pdf"])
    assert "Cannot read nowhere.pdf" in box.error.text()
    assert opened.controller.undo_stack.count() == steps and names(box) == []
    # a smaller limit than the service's 25 MB, to keep the test small
    original = at.attach_files
    monkeypatch.setattr(
        at, "attach_files", lambda *a, **k: original(*a, **{**k, "max_bytes": 1024})
    )
    assert not box.attach_paths([huge])
    assert box.error.textFormat() == Qt.TextFormat.PlainText
    assert "<b>huge<i>.mov is 0.0 MB" in box.error.text()
    assert opened.controller.undo_stack.count() == steps


def test_a_new_record_takes_files_once_saved(qtbot, opened: MainWindow, tmp_path: Path):
    lessons = register_panel(opened, Step.SUMMARISE, "lesson")
    qtbot.mouseClick(lessons.add_button, Qt.MouseButton.LeftButton)
    box = lessons.attachments
    assert "once the record is saved" in box.note.text()
    assert not box.attach_button.isEnabled() and not box.files.isVisible()
    assert not box.attach_paths([png(tmp_path / "x.png")])
    lessons.editors["what_happened"].setPlainText("A guest slipped on the wet floor")
    lessons.editors["lesson"].setPlainText("Signs out while mopping")
    record = lessons.save_draft()
    assert record is not None
    assert box.attach_button.isEnabled() and box.files.isVisible()
    assert box.attach_paths([png(tmp_path / "floor.png")])
    assert len(at.attachments_of(opened.controller.ws(), "lesson", record.id)) == 1


def test_deleting_a_record_takes_its_files_and_undo_brings_them_back(
    qtbot, opened: MainWindow, tmp_path: Path
):
    facilities = register_panel(opened, Step.ALLOCATE, "facility")
    record_id = add_facility(opened)
    facilities.reload()
    facilities.attachments.attach_paths([png(tmp_path / "certificate.png")])
    ws = opened.controller.ws()
    [before] = at.attachments_of(ws, "facility", record_id)
    facilities.delete_current()
    assert (
        rs.list_records(ws, "facility") == [] and at.attachments_of(ws, "facility", record_id) == []
    )
    assert facilities.attachments.files.count() == 0
    opened.controller.undo_stack.undo()
    assert at.attachments_of(ws, "facility", record_id) == [before]
    facilities.reload()
    assert len(names(facilities.attachments)) == 1
    opened.controller.undo_stack.redo()
    assert at.attachments_of(ws, "facility", record_id) == []
    opened.controller.undo_stack.undo()
    assert at.attachment_data(ws, before.id) == (tmp_path / "certificate.png").read_bytes()
    assert check_workspace(ws.path).sound


def test_undo_of_an_added_record_keeps_files_attached_meanwhile(
    qtbot, opened: MainWindow, tmp_path: Path
):
    """Undo and redo of 'Add a record' when its attach step was dropped: the files go and
    come back with the record instead of being left behind."""
    lessons = register_panel(opened, Step.SUMMARISE, "lesson")
    record_id = add_lesson(opened)
    ws = opened.controller.ws()
    at.attach_files(ws, "tester", "lesson", record_id, [("note.txt", b"n")])  # not undoable
    stack = opened.controller.undo_stack
    stack.undo()
    assert rs.list_records(ws, "lesson") == [] and at.attachments_of(ws, "lesson", record_id) == []
    stack.redo()
    assert [f.name for f in at.attachments_of(ws, "lesson", record_id)] == ["note.txt"]
    lessons.reload()
    assert len(names(lessons.attachments)) == 1


def test_previews_of_what_cannot_be_shown(qtbot, tmp_path: Path):
    assert image_preview(b"\x89PNG\r\n\x1a\n broken") is None
    assert pdf_first_page(b"%PDF-1.4 nothing more") is None
    big = png(tmp_path / "big.png", QSize(4000, 3000))
    image = image_preview(big.read_bytes())
    assert image is not None and image.size() == QSize(180, 135)


def test_read_only_workspace_offers_no_edits(qtbot, window: MainWindow, workspace_file: Path):
    from qms_desktop.storage.workspace import Workspace

    ws = Workspace.open(workspace_file)
    values = {"source": "complaint", "what_happened": "x", "lesson": "y"}
    record = rs.add_record(ws, "t", "lesson", values)[0]
    at.attach_files(ws, "t", "lesson", record.id, [("a.txt", b"a")])
    ws.close()
    assert window.open_path(workspace_file, read_only=True)
    lessons = register_panel(window, Step.SUMMARISE, "lesson")
    box = lessons.attachments
    box.files.setCurrentRow(0)
    assert not box.attach_button.isEnabled() and not box.remove_button.isEnabled()
    assert box.save_button.isEnabled() and box.open_button.isEnabled()
    assert not box.remove_selected()


def test_screenshot_of_a_facility_with_attachments(qtbot, opened: MainWindow, tmp_path: Path):
    opened.resize(1280, 720)
    facilities = register_panel(opened, Step.ALLOCATE, "facility")
    add_facility(opened)
    facilities.reload()
    facilities.attachments.attach_paths(
        [pdf(tmp_path / "calibration certificate 2026.pdf"), png(tmp_path / "label photo.png")]
    )
    facilities.attachments.files.setCurrentRow(0)
    area = facilities.form_scroll
    assert isinstance(area, QScrollArea)
    area.ensureWidgetVisible(facilities.attachments.preview)
    qtbot.wait(50)
    assert not area.horizontalScrollBar().isVisible()
    opened.grab().save(str(tmp_path / "facility.png"))
    Path("/tmp/attachments-facility-1280x720.png").write_bytes(
        (tmp_path / "facility.png").read_bytes()
    )
