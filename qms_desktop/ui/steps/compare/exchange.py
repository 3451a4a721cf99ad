"""Export the requirements shown to Excel or CSV, and import a filled-in checklist back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QWidget

from qms_desktop.domain.errors import QmsError
from qms_desktop.services.checklist_rows import ChecklistRow
from qms_desktop.services.exchange import ColumnMap
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import error_text

# what our reader says of a client's own checklist: none of our columns, or merged headings
FOREIGN = ("exchange.missing_columns", "exchange.merged_cells")


class ShownChecklist(Protocol):
    """What the exchange needs of the page: the assessment and the rows on screen."""

    lang: str

    @property
    def assessment_id(self) -> int | None: ...

    def shown_rows(self) -> list[ChecklistRow]: ...


class ChecklistExchange(QWidget):
    """The Export… and Import… buttons and what they do."""

    message = Signal(str, str)  # title, text: shown in a message box by the window
    status = Signal(str)  # a line for the status bar

    def __init__(
        self, controller: WorkspaceController, shown: ShownChecklist, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._c = controller
        self._shown = shown
        self.choose_encoding: Callable[[str], str | None] = self._ask_encoding
        self.map_columns: Callable[[Path, int], ColumnMap | None] = self._map_columns
        self.export_button = QPushButton()
        self.export_button.setObjectName("export_button")
        self.export_button.clicked.connect(self._export_dialog)
        self.import_button = QPushButton()
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(self._import_dialog)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(
            self.tr("Export the requirements shown (after filtering) to Excel or CSV")
        )
        self.import_button.setText(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Apply a filled-in checklist from Excel or CSV"))

    def _ask_encoding(self, file_name: str) -> str | None:
        from qms_desktop.ui.register_exchange import ask_csv_encoding

        return ask_csv_encoding(self, file_name)

    def set_enabled(self, has_assessment: bool) -> None:
        self.export_button.setEnabled(has_assessment)
        self.import_button.setEnabled(has_assessment and not self._c.read_only)

    def _export_dialog(self) -> None:
        if self._shown.assessment_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export checklist"),
            "checklist.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int | None:
        """Write the rows shown to `path`; the number written, or None when it failed."""
        from qms_desktop.services.exchange import export_checklist

        try:
            count = export_checklist(
                self._c.ws(),
                path,
                assessment_id=self._shown.assessment_id,
                rows=self._shown.shown_rows(),
                lang=self._shown.lang,
            )
        except (QmsError, OSError) as exc:
            self.message.emit(self.tr("Export failed"), error_text(exc))
            return None
        self.status.emit(
            self.tr("Exported %1 requirement(s) to %2")
            .replace("%1", str(count))
            .replace("%2", path.name)
        )
        return count

    def _import_dialog(self) -> None:
        if self._shown.assessment_id is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import checklist"), "", self.tr("Checklists (*.xlsx *.csv)")
        )
        if path:
            self.import_from(Path(path))

    def import_from(
        self, path: Path, encoding: str | None = None, mapping: ColumnMap | None = None
    ) -> bool:
        """Apply a filled-in checklist, all rows or none, as one undo step. A CSV whose
        legacy encoding cannot be told is asked about; a client's own checklist (none of our
        key columns) goes through the column-mapping step first."""
        from qms_desktop.ui.register_exchange import UNSURE, readable_copy

        assessment_id = self._shown.assessment_id
        if assessment_id is None:
            return False
        retry: list[str] = []

        def refused(exc: QmsError) -> bool:
            if exc.code == UNSURE and encoding is None:
                retry.append("encoding")
                return True
            if exc.code in FOREIGN and mapping is None:
                retry.append("mapping")
                return True
            self.message.emit(self.tr("Import refused — nothing was changed"), error_text(exc))
            return True

        try:
            with readable_copy(path, encoding) as readable:
                report = self._c.ops.import_checklist(
                    self.tr("Import %1").replace("%1", path.name),
                    readable,
                    assessment_id,
                    on_error=refused,
                    mapping=mapping,
                )
        except QmsError as exc:  # the copy could not be read in the encoding chosen
            return refused(exc) and False
        if retry == ["encoding"]:
            chosen = self.choose_encoding(path.name)
            return False if chosen is None else self.import_from(path, chosen, mapping)
        if retry == ["mapping"]:
            with readable_copy(path, encoding) as readable:
                mapped = self.map_columns(readable, assessment_id)
            return False if mapped is None else self.import_from(path, encoding, mapped)
        if report is None:
            return False
        self.status.emit(
            self.tr("Imported %1: %2 requirement(s) changed, %3 unchanged")
            .replace("%1", path.name)
            .replace("%2", str(len(report.changes)))
            .replace("%3", str(report.unchanged))
        )
        return True

    def _map_columns(self, path: Path, assessment_id: int) -> ColumnMap | None:
        from qms_desktop.services.checklist import list_assessments
        from qms_desktop.ui.steps.compare.column_map import ColumnMapDialog

        ws = self._c.ws()
        libraries = next(a.library_ids for a in list_assessments(ws) if a.id == assessment_id)
        dialog = ColumnMapDialog(self, ws, path, assessment_id, libraries)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.mapping()
