"""The evidence files of one requirement: attach (button or drop), save a copy, remove."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.filenames import safe_file_name
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.lazy import checklist_service
from qms_desktop.ui.operations import error_text
from qms_desktop.ui.steps.compare.table import EvidenceList
from qms_desktop.ui.widgets import FieldError

EvidenceIdRole = Qt.ItemDataRole.UserRole
FileNameRole = Qt.ItemDataRole.UserRole + 1


class EvidenceBox(QWidget):
    """The list of one requirement's evidence files and its three buttons; refusals show in
    the detail form's `error`."""

    status = Signal(str)  # a line for the status bar

    def __init__(
        self, controller: WorkspaceController, error: FieldError, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._c = controller
        self._error = error
        self._item_id: int | None = None
        self.files = EvidenceList()
        self.files.setObjectName("evidence_list")
        self.files.setFixedHeight(70)
        self.files.filesDropped.connect(lambda paths: self.attach_paths(self._item_id or -1, paths))
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._pick)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._save_copy_dialog)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.addWidget(self.files)
        column.addLayout(buttons)
        column.setContentsMargins(0, 0, 0, 0)

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Attach…"))
        self.save_button.setText(self.tr("Save a copy…"))
        self.remove_button.setText(self.tr("Remove"))
        self.files.setToolTip(self.tr("Drop files here to attach them as evidence."))

    def show_item(self, item_id: int | None, writable: bool) -> None:
        """List the evidence of requirement `item_id` (None: nothing shown)."""
        self._item_id = item_id
        self.add_button.setEnabled(writable)
        self.remove_button.setEnabled(writable)
        self.save_button.setEnabled(item_id is not None)
        self.files.clear()
        if item_id is None:
            return
        for f in checklist_service.evidence_files(self._c.ws(), item_id):
            entry = QListWidgetItem(f"{f.name}  ({f.size / 1024:.0f} KB)")
            entry.setData(EvidenceIdRole, f.id)
            entry.setData(FileNameRole, f.name)
            entry.setToolTip(f"SHA-256 {f.sha256}")
            self.files.addItem(entry)

    def attach_paths(self, item_id: int, paths: list[Path]) -> None:
        """Attach each file to requirement `item_id`, one undo step each; stop at a refusal."""
        if self._c.read_only or item_id < 0:
            return
        for path in paths:
            label = self.tr("Attach %1").replace("%1", path.name)
            if not self._c.ops.attach_evidence(
                label, item_id, path, on_error=self._error.show_error
            ):
                return

    def _pick(self) -> None:
        if self._item_id is None:
            return
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach evidence"))
        if files:
            self.attach_paths(self._item_id, [Path(f) for f in files])

    def _selected(self) -> tuple[int, str] | None:
        """The evidence id and stored file name of the file picked in the list."""
        entry = self.files.currentItem()
        if entry is None:
            return None
        return int(entry.data(EvidenceIdRole)), entry.data(FileNameRole) or ""

    def _save_copy_dialog(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        evidence_id, stored = selected
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy of the evidence"), safe_file_name(stored or "evidence")
        )
        if target:
            self.save_copy(evidence_id, Path(target))

    def save_copy(self, evidence_id: int, target: Path) -> bool:
        """Write the evidence file's bytes to `target`, whole or not at all."""
        from qms_desktop.fileio import write_atomically

        def write(tmp: Path) -> None:
            tmp.write_bytes(data)

        try:
            data = checklist_service.evidence_data(self._c.ws(), evidence_id)
            write_atomically(target, write)
        except (QmsError, OSError) as exc:
            self._error.show_message(error_text(exc))
            return False
        self.status.emit(self.tr("Saved a copy as %1").replace("%1", str(target)))
        return True

    def _remove_selected(self) -> None:
        selected = self._selected()
        if selected is not None and not self._c.read_only:
            evidence_id, name = selected
            self._c.ops.remove_evidence(
                self.tr("Remove %1").replace("%1", name),
                evidence_id,
                on_error=self._error.show_error,
            )
