"""Table model of the responsibility matrix: roles down, processes then adopted system
elements across, each cell R, A, C, I or empty. The model only shows; the page writes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from qms_desktop.domain.allocation import MatrixRole, MatrixTarget, ResponsibilityMatrix
from qms_desktop.ui.widgets import plain_tip

CellRole = Qt.ItemDataRole.UserRole + 1  # (role id, target kind, target id) of a cell
LETTER_COLOURS = {
    "R": QColor("#2b6cb0"),
    "A": QColor("#c05621"),
    "C": QColor("#2f855a"),
    "I": QColor("#718096"),
}
_Index = QModelIndex | QPersistentModelIndex


def letter_name(letter: str) -> str:
    names = {
        "R": QCoreApplication.translate("Registers", "Responsible: does the work"),
        "A": QCoreApplication.translate("Registers", "Accountable: answers for it (one per row)"),
        "C": QCoreApplication.translate("Registers", "Consulted before decisions"),
        "I": QCoreApplication.translate("Registers", "Informed of results"),
    }
    return names.get(letter, "")


class ResponsibilityMatrixModel(QAbstractTableModel):
    """`set_matrix` shows a `ResponsibilityMatrix`; `cell_at` says which cell an index is."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix = ResponsibilityMatrix((), ())

    def set_matrix(self, matrix: ResponsibilityMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def role_at(self, row: int) -> MatrixRole:
        return self.matrix.roles[row]

    def target_at(self, column: int) -> MatrixTarget:
        return self.matrix.targets[column]

    def cell_at(self, index: _Index) -> tuple[int, str, int]:
        target = self.target_at(index.column())
        return (self.role_at(index.row()).id, target.kind, target.id)

    def letter(self, row: int, column: int) -> str:
        return self.matrix.cell(self.role_at(row).id, self.target_at(column))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matrix.roles)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matrix.targets)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            target = self.target_at(section)
            if role == Qt.ItemDataRole.DisplayRole:
                return target.name
            if role == Qt.ItemDataRole.ToolTipRole:
                kind = (
                    QCoreApplication.translate("Registers", "Process")
                    if target.kind == "process"
                    else QCoreApplication.translate("Registers", "System element")
                )
                return plain_tip(f"{kind}: {target.name}")
            return None
        matrix_role = self.role_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if matrix_role.appointee:
                return f"{matrix_role.title} ({matrix_role.appointee})"
            return matrix_role.title
        if role == Qt.ItemDataRole.ForegroundRole and not matrix_role.filled:
            return QColor("#c53030")
        if role == Qt.ItemDataRole.ToolTipRole and not matrix_role.filled:
            return QCoreApplication.translate("Registers", "No one fills this role yet")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        letter = self.letter(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return letter
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and letter:
            return LETTER_COLOURS[letter]
        if role == Qt.ItemDataRole.FontRole and letter == "A":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and letter:
            return letter_name(letter)
        if role == CellRole:
            return self.cell_at(index)
        return None
