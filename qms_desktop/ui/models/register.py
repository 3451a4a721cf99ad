"""Table model of one register's records: a column for each field shown in tables; references
to other registers shown by the records' labels; cells a page flags (an overdue calibration)
coloured, with the reason as their tooltip."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import Field, Register
from qms_desktop.ui.registers_text import choice_label, field_label, list_separator
from qms_desktop.ui.widgets import plain_tip

RecordIdRole = Qt.ItemDataRole.UserRole + 1  # the record's id, on every cell
ValueRole = Qt.ItemDataRole.UserRole + 2  # the field's stored value, not its display text
TOOLTIP_CHARS = 1000
CELL_CHARS = 200
_Index = QModelIndex | QPersistentModelIndex
FLAG_COLOURS = {"overdue": QColor("#fed7d7"), "due_soon": QColor("#fefcbf")}


def display(field: Field, value: object, labels: dict[int, str] | None = None) -> str:
    """A value as a table cell shows it: choices translated, dates ISO, references by their
    records' labels, long text cut to one line."""
    if value is None:
        return ""
    if field.kind in ("reference", "references"):
        ids = value if isinstance(value, tuple | list) else (value,)
        names = [(labels or {}).get(i, f"#{i}") for i in ids if isinstance(i, int)]
        return list_separator().join(names)
    if field.kind == "choice":
        return choice_label(str(value)) if value else ""
    if field.kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if field.kind == "number" and isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    first = text.splitlines()[0] if text else ""
    return first[:CELL_CHARS] + ("…" if len(first) > CELL_CHARS or "\n" in text else "")


class RegisterModel(QAbstractTableModel):
    """The records of `register`; its columns are the fields with `in_table`, in order."""

    def __init__(self, register: Register, parent: Any = None) -> None:
        super().__init__(parent)
        self.register = register
        self.columns = [f for f in register.fields if f.in_table]
        self._rows: list[Record] = []
        self._labels: dict[str, dict[int, str]] = {}  # referenced register -> id -> label
        self._flags: dict[tuple[int, str], tuple[str, str]] = {}  # (id, field) -> (kind, why)

    def set_rows(self, rows: list[Record], labels: dict[str, dict[int, str]] | None = None) -> None:
        """The records, and the labels of the records their references point at."""
        self.beginResetModel()
        self._rows = list(rows)
        self._labels = dict(labels or {})
        self.endResetModel()

    def set_flags(self, flags: dict[tuple[int, str], tuple[str, str]]) -> None:
        """Cells to colour: (record id, field) -> (kind: "overdue" | "due_soon", tooltip)."""
        self._flags = dict(flags)
        if self._rows and self.columns:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    def flag(self, record_id: int, field_name: str) -> str:
        return self._flags.get((record_id, field_name), ("", ""))[0]

    def labels_of(self, field: Field) -> dict[int, str]:
        return self._labels.get(field.ref, {})

    def records(self) -> list[Record]:
        return self._rows

    def row_of(self, record_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == record_id:
                return i
        return None

    def column_of(self, field_name: str) -> int | None:
        """The column of a field (None when the field is only in the form)."""
        return next((i for i, f in enumerate(self.columns) if f.name == field_name), None)

    def retranslate(self) -> None:
        """Headers and choice labels again, in the language now installed."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.columns) - 1))
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return field_label(self.register.key, self.columns[section].name)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        field = self.columns[index.column()]
        flag = self._flags.get((record.id, field.name))
        if role == Qt.ItemDataRole.DisplayRole:
            return display(field, record.values.get(field.name), self.labels_of(field))
        if role == Qt.ItemDataRole.BackgroundRole and flag:
            return FLAG_COLOURS.get(flag[0])
        if role == Qt.ItemDataRole.ToolTipRole and flag:
            return plain_tip(flag[1])
        if role == Qt.ItemDataRole.ToolTipRole and field.kind in ("text", "multiline"):
            return plain_tip(str(record.values.get(field.name) or "")[:TOOLTIP_CHARS])
        if role == RecordIdRole:
            return record.id
        if role == ValueRole:
            return record.values.get(field.name)
        return None
