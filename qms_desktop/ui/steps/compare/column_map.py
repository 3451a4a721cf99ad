"""The column-mapping step for a client's own checklist: which of their columns holds the
reference, the status, the findings…; the rows above their data; a preview of the rows as
mapped and of what the import would change, before anything is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.errors import QmsError
from qms_desktop.services.exchange import MAPPABLE, ColumnMap, plan_import, read_table
from qms_desktop.services.exchange_words import header
from qms_desktop.services.sheet_text import fold
from qms_desktop.services.workspaces import Workspace
from qms_desktop.ui.operations import error_text, ui_language

PREVIEW_ROWS = 8
# what clients call the columns, besides our own headers in both languages
_GUESSES = {
    "ref": ("clause", "clause no", "requirement no", "条款号", "编号", "ref no"),
    "status": ("compliant", "compliant?", "result", "conformity", "符合性", "结果", "是否符合"),
    "gap": ("findings", "finding", "gap", "发现", "问题"),
    "action_owner": ("responsible", "owner", "责任人", "负责人"),
    "evidence_notes": ("evidence", "证据"),
    "action_due": ("due", "deadline", "期限", "完成日期"),
    "action_text": ("action", "corrective action", "措施", "纠正措施"),
}


def column_letters(index: int) -> str:
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def guess(field: str, headings: list[str]) -> int | None:
    """The column whose heading names `field`: ours in either language first, then the
    usual names in their order."""
    words = [header(field, "en"), header(field, "zh_CN"), field, *_GUESSES.get(field, ())]
    folded = [fold(h) if h.strip() else "" for h in headings]
    for word in words:
        if fold(word) in folded:
            return folded.index(fold(word))
    return None


class ColumnMapDialog(QDialog):
    """Map a foreign checklist's columns; `mapping()` once accepted."""

    def __init__(
        self,
        parent: QWidget | None,
        ws: Workspace,
        path: Path,
        assessment_id: int,
        libraries: tuple[str, ...],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("column_map_dialog")
        self._ws = ws
        self._path = Path(path)
        self._assessment_id = assessment_id
        self._headings: list[str] = []
        self._rows: list[list[str]] = []
        self.setWindowTitle(self.tr("Import %1 — map its columns").replace("%1", self._path.name))
        self.header_rows = QSpinBox()
        self.header_rows.setObjectName("header_rows")
        self.header_rows.setRange(1, 50)
        self.library = QComboBox()
        self.library.setObjectName("map_library")
        for lib in libraries:
            self.library.addItem(lib, lib)
        self.library.setEnabled(len(libraries) > 1)
        self.fields: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("Rows above the data (title, headings):"), self.header_rows)
        form.addRow(self.tr("Library of the references:"), self.library)
        for field in MAPPABLE:
            if field == "library_id":
                continue
            box = QComboBox()
            box.setObjectName(f"map_{field}")
            self.fields[field] = box
            form.addRow(header(field, ui_language()) + ":", box)
        self.preview = QTableWidget()
        self.preview.setObjectName("map_preview")
        self.preview.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.outcome = QLabel()
        self.outcome.setObjectName("map_outcome")
        self.outcome.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.preview, 1)
        column.addWidget(self.outcome)
        column.addWidget(self.buttons)
        self.resize(760, 720)
        self.header_rows.setValue(self._first_guess())
        self._read()
        self.header_rows.valueChanged.connect(lambda _v: self._read())
        self.library.currentIndexChanged.connect(lambda _i: self.refresh())
        for box in self.fields.values():
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def _first_guess(self) -> int:
        """The heading row: the first of the first ten rows naming a reference column."""
        try:
            table = read_table(self._path, header_rows=10)
        except QmsError:
            return 1
        for number, row in enumerate(table.rows[:10], start=1):
            if guess("ref", row) is not None:
                return number
        return 1

    def _read(self) -> None:
        try:
            table = read_table(self._path, header_rows=self.header_rows.value())
        except QmsError as exc:
            self._headings, self._rows = [], []
            self._fill_boxes()
            self._show(error_text(exc), ok=False)
            return
        rows = table.rows
        n = self.header_rows.value()
        self._headings = rows[n - 1] if len(rows) >= n else []
        self._rows = [r for r in rows[n:] if any(c.strip() for c in r)][:PREVIEW_ROWS]
        self._fill_boxes()
        self.refresh()

    def _fill_boxes(self) -> None:
        width = max([len(self._headings), *(len(r) for r in self._rows)], default=0)
        for field, box in self.fields.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("(not used)"), None)
            for i in range(width):
                heading = self._headings[i].strip() if i < len(self._headings) else ""
                box.addItem(f"{column_letters(i)}  {heading}".rstrip(), column_letters(i))
            found = guess(field, self._headings)
            if found is not None:
                box.setCurrentIndex(found + 1)
            box.blockSignals(False)

    def mapping(self) -> ColumnMap | None:
        columns = {f: box.currentData() for f, box in self.fields.items() if box.currentData()}
        if "ref" not in columns:
            return None
        return ColumnMap(columns, self.header_rows.value(), self.library.currentData())

    def refresh(self) -> None:
        """Show the rows as mapped and what importing them would do."""
        mapping = self.mapping()
        used = [f for f, box in self.fields.items() if box.currentData()]
        self.preview.clear()
        self.preview.setColumnCount(len(used))
        self.preview.setHorizontalHeaderLabels([header(f, ui_language()) for f in used])
        self.preview.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            for c, field in enumerate(used):
                index = self.fields[field].currentIndex() - 1
                self.preview.setItem(r, c, QTableWidgetItem(row[index] if index < len(row) else ""))
        if mapping is None:
            self._show(self.tr("Choose the column that holds the reference (clause)."), ok=False)
            return
        try:
            report = plan_import(
                self._ws, self._path, assessment_id=self._assessment_id, mapping=mapping
            )
        except QmsError as exc:
            self._show(error_text(exc), ok=False)
            return
        self._show(
            QCoreApplication.translate(
                "ColumnMapDialog", "%1 requirement(s) will change, %2 stay as they are."
            )
            .replace("%1", str(len(report.changes)))
            .replace("%2", str(report.unchanged)),
            ok=bool(report.changes),
        )

    def _show(self, text: str, *, ok: bool) -> None:
        self.outcome.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
