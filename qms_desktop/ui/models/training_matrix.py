"""Table model of the training matrix: roles down, standards across, each cell whether that
role's study of that standard is completed (by the plan, or by everyone in the role having
attended a session on it) or still planned."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

COMPLETED = "completed"
PLANNED = "planned"
StateRole = Qt.ItemDataRole.UserRole + 1  # the cell's state: COMPLETED, PLANNED or None
MARKS = {COMPLETED: "✔", PLANNED: "○"}
COLOURS = {COMPLETED: QColor("#2f855a"), PLANNED: QColor("#d69e2e")}
_Index = QModelIndex | QPersistentModelIndex


def legend() -> str:
    """What the marks mean, shown beside the matrix."""
    return QCoreApplication.translate(
        "Registers",
        "✔ completed: marked so in the study plan, or everyone in the role attended a session "
        "on it · ○ planned, not yet completed · blank: nothing planned",
    )


def state_label(state: str) -> str:
    if state == COMPLETED:
        return QCoreApplication.translate("Registers", "Completed")
    return QCoreApplication.translate("Registers", "Planned")


class TrainingMatrixModel(QAbstractTableModel):
    """Roles down, standards across: ✔ completed, ○ planned, blank nothing planned."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.roles: list[str] = []
        self.standards: list[str] = []
        self.cells: dict[tuple[str, str], str] = {}

    def set_plan(self, plan: list[dict[str, object]]) -> None:
        """The study plan's entries (role, standard, state); a cell stays planned while any
        of its entries is outstanding."""
        self.beginResetModel()
        self.roles = sorted({str(v["role"]) for v in plan})
        self.standards = sorted({str(v["standard"]) for v in plan})
        self.cells = {}
        for v in plan:
            key = (str(v["role"]), str(v["standard"]))
            if self.cells.get(key) != PLANNED:
                self.cells[key] = str(v["state"])
        self.endResetModel()

    def set_cells(self, cells: dict[tuple[str, str], str]) -> None:
        """(role, standard) -> "completed" | "planned", as training coverage finds them."""
        self.beginResetModel()
        self.roles = sorted({role for role, _ in cells})
        self.standards = sorted({standard for _, standard in cells})
        self.cells = dict(cells)
        self.endResetModel()

    def outstanding(self) -> dict[str, list[str]]:
        """Who still needs what."""
        out: dict[str, list[str]] = {}
        for (role, standard), state in self.cells.items():
            if state != COMPLETED:
                out.setdefault(role, []).append(standard)
        return out

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.roles)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.standards)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.standards[section]
            if orientation == Qt.Orientation.Horizontal
            else self.roles[section]
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        state = self.cells.get((self.roles[index.row()], self.standards[index.column()]))
        if role == Qt.ItemDataRole.DisplayRole:
            return MARKS.get(state or "", "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == StateRole:
            return state
        if role == Qt.ItemDataRole.ForegroundRole and state:
            return COLOURS[COMPLETED] if state == COMPLETED else COLOURS[PLANNED]
        if role == Qt.ItemDataRole.ToolTipRole and state:
            return state_label(state)
        return None
