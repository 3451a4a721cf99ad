"""The files attached to one register record, under its form: attach (button or drop),
open a copy in the system's program, save a copy, remove; a preview of an image or of a
PDF's first page. File names are shown as text, never as markup."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QItemSelectionModel,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QImageReader,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.attachments import NO_ATTACHMENTS, Attachment, preview_kind
from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.filenames import safe_file_name
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.lazy import LazyModule
from qms_desktop.ui.operations import error_text
from qms_desktop.ui.widgets import FieldError

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from qms_desktop.services import attachments as attachment_service
else:  # the services are imported on first use, not at start-up (see ui/lazy.py)
    attachment_service = LazyModule("qms_desktop.services.attachments")

AttachmentIdRole = Qt.ItemDataRole.UserRole
FileNameRole = Qt.ItemDataRole.UserRole + 1
PREVIEW = QSize(180, 180)  # the largest preview; a smaller picture is not enlarged


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1048576:.1f} MB"


def image_preview(data: bytes, box: QSize = PREVIEW) -> QImage | None:
    """The picture scaled to fit `box` (decoded at that size, so a huge photo costs little);
    None when Qt cannot read it."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # a phone photo the right way up
    size = reader.size()
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


def pdf_first_page(data: bytes, box: QSize = PREVIEW) -> QImage | None:
    """The first page of a PDF, fitted to `box`, rendered with Qt's QtPdf (as the Refine
    page's preview is); None when it cannot be read."""
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:  # a build without QtPdf: the file still opens in the system viewer
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() <= 0:
            return None
        points = document.pagePointSize(0)
        if points.isEmpty():
            return None
        scaled = points.toSize().scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
        image = document.render(0, scaled)
        if image.isNull():
            return None
        page = QImage(image.size(), QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)  # a page without a background is white, not black
        painter = QPainter(page)
        painter.drawImage(0, 0, image)
        painter.end()
        return page
    finally:
        document.close()
        buffer.close()


class AttachmentList(QListWidget):
    """The attachments of one record; files dropped here are attached to it."""

    filesDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.filesDropped.emit(paths)
            event.acceptProposedAction()


class AttachmentsPanel(QWidget):
    """Attachments of the record a register form shows. A record not stored yet (a new one
    being written) takes files once it is saved: the panel says so."""

    status = Signal(str)  # a line for the status bar

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachments")
        self._c = controller
        self._register = ""
        self._record_id: int | None = None
        self._writable = False
        self._drafting = False
        self._open_dir: Path | None = None
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.note = QLabel()
        self.note.setObjectName("attachments_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.files = AttachmentList()
        self.files.setObjectName("attachment_list")
        self.files.setMinimumWidth(160)
        self.files.filesDropped.connect(self.attach_paths)
        self.files.currentItemChanged.connect(lambda *_: self._show_preview())
        self.files.itemSelectionChanged.connect(self._enable)
        self.files.itemActivated.connect(lambda _item: self.open_selected())
        self.attach_button = QPushButton()
        self.attach_button.setObjectName("attach_file")
        self.attach_button.clicked.connect(self._pick)
        self.open_button = QPushButton()
        self.open_button.setObjectName("open_attachment")
        self.open_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_attachment")
        self.save_button.clicked.connect(self._save_copy_dialog)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("remove_attachment")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()  # the title, then the buttons on the same line
        buttons.addWidget(self.title)
        buttons.addStretch()
        for button in (self.attach_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        self.preview = QLabel()
        self.preview.setObjectName("attachment_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.hide()
        self.error = FieldError()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # sentences hold file names
        self.preview.setFixedWidth(PREVIEW.width())
        self.preview.setMaximumHeight(PREVIEW.height())
        beside = QHBoxLayout()  # the list and, beside it, the current file's preview
        beside.addWidget(self.files, 1, Qt.AlignmentFlag.AlignTop)
        beside.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 6, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.note)
        column.addLayout(beside)
        column.addWidget(self.error)
        controller.closed.connect(self._forget)
        self.retranslate()
        self._enable()

    def _forget(self) -> None:
        """The workspace closed: nothing of it stays listed or previewed."""
        self.show_record(self._register, None, False)

    # -- language ----------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Attachments"))
        self.attach_button.setText(self.tr("Attach…"))
        self.attach_button.setToolTip(
            self.tr("Store files in the workspace with this record (or drop them on the list)")
        )
        self.open_button.setText(self.tr("Open"))
        self.open_button.setToolTip(
            self.tr("Open a copy in its usual program; changes to it are not stored")
        )
        self.save_button.setText(self.tr("Save a copy…"))
        self.remove_button.setText(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected files (Ctrl+Z undoes)"))
        self._show_note()
        if self.preview.pixmap().isNull() and self.preview.isVisible():
            self._show_preview()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what is shown ------------------------------------------------------------

    def show_record(
        self, register: str, record_id: int | None, writable: bool, drafting: bool = False
    ) -> None:
        """List the files of record `record_id` of `register` (None: no record; `drafting`:
        a new record not saved yet)."""
        changed = (register, record_id) != (self._register, self._record_id)
        self._register, self._record_id = register, record_id
        self._writable, self._drafting = writable, drafting
        self.setVisible(register not in NO_ATTACHMENTS)
        keep = self._selected_ids() if not changed else []
        self.files.blockSignals(True)
        try:
            self.files.clear()
            if record_id is not None and not drafting and self._c.is_open:
                for f in attachment_service.attachments_of(self._c.ws(), register, record_id):
                    self.files.addItem(self._entry(f))
        finally:
            self.files.blockSignals(False)
        self._fit_list()
        if changed:
            self.error.show_message("")
        for i in range(self.files.count()):
            entry = self.files.item(i)
            if entry.data(AttachmentIdRole) in keep:
                entry.setSelected(True)
                self.files.setCurrentItem(entry, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._show_note()
        self._show_preview()
        self._enable()

    def _fit_list(self) -> None:
        """As tall as its files (two rows at least, six at most; then it scrolls)."""
        row = max(self.files.sizeHintForRow(0), self.fontMetrics().height() + 4)
        rows = min(max(self.files.count(), 2), 6)
        self.files.setFixedHeight(row * rows + 2 * self.files.frameWidth() + 4)

    def _entry(self, f: Attachment) -> QListWidgetItem:
        entry = QListWidgetItem(f"{f.name}  ({size_text(f.size)})")  # an item's text is plain
        entry.setData(AttachmentIdRole, f.id)
        entry.setData(FileNameRole, f.name)
        entry.setToolTip(f"SHA-256 {f.sha256}\n{f.added_at}")  # no user text: never markup
        return entry

    def _show_note(self) -> None:
        if self._drafting:
            self.note.setText(self.tr("Files can be attached once the record is saved."))
        elif self._record_id is None:
            self.note.setText(self.tr("Select a record to see its files."))
        elif self.files.count() == 0:
            self.note.setText(self.tr("No files attached. Drop files here or use Attach…"))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()))
        self.files.setVisible(self._record_id is not None and not self._drafting)

    def _enable(self) -> None:
        has_record = self._record_id is not None and not self._drafting and self._c.is_open
        picked = bool(self.files.selectedItems())
        self.attach_button.setEnabled(has_record and self._writable and not self._c.read_only)
        self.open_button.setEnabled(has_record and picked)
        self.save_button.setEnabled(has_record and picked)
        self.remove_button.setEnabled(has_record and picked and self._writable)
        self.files.setAcceptDrops(has_record and self._writable)

    def _selected_ids(self) -> list[int]:
        return [int(e.data(AttachmentIdRole)) for e in self.files.selectedItems()]

    def _current(self) -> tuple[int, str] | None:
        if not self._c.is_open:
            return None
        entry: QListWidgetItem | None = self.files.currentItem()
        if entry is None or not entry.isSelected():
            selected = self.files.selectedItems()
            entry = selected[0] if selected else None
        if entry is None:
            return None
        return int(entry.data(AttachmentIdRole)), str(entry.data(FileNameRole) or "")

    def _show_preview(self) -> None:
        """The current file's picture, or its PDF's first page; a line when there is none."""
        current = self._current()
        self.preview.clear()
        if current is None or not self._c.is_open:
            self.preview.hide()
            return
        try:
            data = attachment_service.attachment_data(self._c.ws(), current[0])
        except QmsError as exc:
            self.preview.setText(error_text(exc))
            self.preview.show()
            return
        kind = preview_kind(data)
        image = (
            image_preview(data)
            if kind == "image"
            else pdf_first_page(data)
            if kind == "pdf"
            else None
        )
        if image is not None:
            self.preview.setPixmap(QPixmap.fromImage(image))
            self.preview.setToolTip(self.tr("First page") if kind == "pdf" else self.tr("Preview"))
        else:
            self.preview.setText(self.tr("No preview of this kind of file; use Open."))
            self.preview.setToolTip("")
        self.preview.show()

    def preview_shown(self) -> bool:
        """Whether a picture (not a line of text) is shown as the preview."""
        return self.preview.isVisible() and not self.preview.pixmap().isNull()

    # -- edits (through controller.ops) --------------------------------------------

    def attach_paths(self, paths: list[Path]) -> bool:
        """Attach files to the record shown: one edit, one undo step; a refusal is shown
        under the list and nothing is attached."""
        if (
            not paths
            or self._record_id is None
            or self._drafting
            or not self._writable
            or self._c.read_only
        ):
            return False
        self.error.show_message("")
        names = ", ".join(p.name for p in paths)
        label = (
            self.tr("Attach %1").replace("%1", names)
            if len(paths) == 1
            else self.tr("Attach %1 files").replace("%1", str(len(paths)))
        )
        added = self._c.ops.attach_files(
            label, self._register, self._record_id, list(paths), on_error=self.error.show_error
        )
        if added is None:
            return False
        stored = ", ".join(a.name for a in added)  # the names kept (made safe), as listed
        self.status.emit(self.tr("Attached %1").replace("%1", stored))
        return True

    def _pick(self) -> None:
        if self._record_id is None:
            return
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if files:
            self.attach_paths([Path(f) for f in files])

    def remove_selected(self) -> bool:
        ids = self._selected_ids()
        if not ids or self._c.read_only or not self._writable:
            return False
        names = [str(e.data(FileNameRole)) for e in self.files.selectedItems()]
        label = (
            self.tr("Remove %1").replace("%1", names[0])
            if len(ids) == 1
            else self.tr("Remove %1 files").replace("%1", str(len(ids)))
        )
        return self._c.ops.remove_attachments(label, ids, on_error=self.error.show_error)

    # -- reading (no edit) -------------------------------------------------------------

    def _save_copy_dialog(self) -> None:
        current = self._current()
        if current is None:
            return
        attachment_id, name = current
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the file"), safe_file_name(name or "attachment")
        )
        if target:
            self.save_copy(attachment_id, Path(target))

    def save_copy(self, attachment_id: int, target: Path) -> bool:
        """Write the file's bytes to `target`, whole or not at all."""
        from qms_desktop.fileio import write_atomically

        def write(tmp: Path) -> None:
            tmp.write_bytes(data)

        try:
            data = attachment_service.attachment_data(self._c.ws(), attachment_id)
            write_atomically(target, write)
        except (QmsError, OSError) as exc:
            self.error.show_message(error_text(exc))
            return False
        self.error.show_message("")
        self.status.emit(self.tr("Saved a copy as %1").replace("%1", str(target)))
        return True

    def open_selected(self) -> Path | None:
        """Write a read-only copy of the current file to a private temporary folder and
        open it with the system's program for its kind; returns the copy's path."""
        current = self._current()
        if current is None:
            return None
        attachment_id, name = current
        try:
            data = attachment_service.attachment_data(self._c.ws(), attachment_id)
            folder = self._copies() / str(attachment_id)
            folder.mkdir(exist_ok=True)
            copy = folder / safe_file_name(name or "attachment", "attachment")
            if copy.exists():
                copy.chmod(0o600)
            copy.write_bytes(data)
            copy.chmod(0o400)  # a copy to look at: edits to it would not reach the workspace
        except (QmsError, OSError) as exc:
            self.error.show_message(error_text(exc))
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
            self.error.show_message(
                self.tr("No program on this computer opens this kind of file; save a copy instead.")
            )
            return None
        self.error.show_message("")
        return copy

    def _copies(self) -> Path:
        """A private folder for the copies opened, deleted when the app quits (the programs
        showing them keep their own handle or copy)."""
        if self._open_dir is None or not self._open_dir.is_dir():
            self._open_dir = Path(tempfile.mkdtemp(prefix="qms-attachments-"))
            os.chmod(self._open_dir, 0o700)
            atexit.register(_remove_copies, self._open_dir)
        return self._open_dir


def _remove_copies(folder: Path) -> None:
    for path in folder.rglob("*"):
        try:
            path.chmod(0o700 if path.is_dir() else 0o600)
        except OSError:
            pass
    shutil.rmtree(folder, ignore_errors=True)
