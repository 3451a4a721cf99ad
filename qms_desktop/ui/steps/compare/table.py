"""The Compare page's keyboard and drag-and-drop widgets: the requirement table (keys 0–4
set the status, Enter edits, files dropped on a row attach) and the evidence list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListWidget, QTableView, QWidget

from qms_desktop.domain.assessment import STATUS_KEYS
from qms_desktop.ui.models.checklist import (
    COL_REF,
    COL_STATUS,
    COL_TITLE,
    ChecklistFilter,
    ItemIdRole,
)

TITLE_MIN = 260  # px: a requirement's title stays readable ("Understanding the organization…")


def _local_paths(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


class ChecklistTable(QTableView):
    """The requirement table: 0–4 set the status, Enter edits, files dropped on a row attach."""

    statusKey = Signal(object)  # Status
    editRequested = Signal()
    filesDropped = Signal(int, list)  # item id, paths

    def __init__(
        self, proxy: ChecklistFilter, row_height: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checklist_table")
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setModel(proxy)
        self.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        # Rows arrive in library order; sorting starts only when the user clicks a header
        # (sorting 10 000 rows through Python on every load would cost seconds).
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(row_height)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(COL_REF, 60)
        self.setColumnWidth(COL_STATUS, 140)
        self._fit_title()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_title()

    def _fit_title(self) -> None:
        """The requirement's title takes the room the other columns leave, but never less
        than TITLE_MIN px: a narrow table (1280 px, the History open) scrolls sideways to
        the owner and due date rather than cutting every title to one word."""
        others = sum(
            self.columnWidth(c)
            for c in range(self.model().columnCount() if self.model() is not None else 0)
            if c != COL_TITLE and not self.isColumnHidden(c)
        )
        self.setColumnWidth(COL_TITLE, max(TITLE_MIN, self.viewport().width() - others))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in STATUS_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.statusKey.emit(STATUS_KEYS[text])
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editRequested.emit()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasUrls():
            super().dropEvent(event)
            return
        index = self.indexAt(event.position().toPoint())
        paths = _local_paths(event.mimeData())
        if index.isValid() and paths:
            self.filesDropped.emit(int(index.data(ItemIdRole)), paths)
            event.acceptProposedAction()


class EvidenceList(QListWidget):
    """The evidence files of one requirement; files dropped here attach to it."""

    filesDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData())
        if paths:
            self.filesDropped.emit(paths)
            event.acceptProposedAction()
