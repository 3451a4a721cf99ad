"""Table model of training coverage: one row per person, what they attended."""

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

from qms_desktop.domain.allocation import PersonCoverage

NAME, ROLE, SESSIONS, HOURS, STANDARDS, TRAINED = range(6)
_Index = QModelIndex | QPersistentModelIndex


class CoverageModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.people: list[PersonCoverage] = []

    def set_people(self, people: list[PersonCoverage]) -> None:
        self.beginResetModel()
        self.people = [p for p in people if not p.left]
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("Registers", "Name"),
            QCoreApplication.translate("Registers", "Role"),
            QCoreApplication.translate("Registers", "Sessions attended"),
            QCoreApplication.translate("Registers", "Hours"),
            QCoreApplication.translate("Registers", "Planned standards covered"),
            QCoreApplication.translate("Registers", "Trained on the system"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.people[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                p.name,
                p.role,
                str(p.sessions),
                f"{p.hours:g}",
                ", ".join(p.standards),
                QCoreApplication.translate("Registers", "Yes")
                if p.trained
                else QCoreApplication.translate("Registers", "Not yet"),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == TRAINED:
            return QColor("#2f855a") if p.trained else QColor("#c53030")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SESSIONS, HOURS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
