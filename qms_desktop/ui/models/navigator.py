"""The navigator's list: dashboard, organisation profile, and the eight steps with
their status and progress."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from qms_desktop.domain.steps import ShownStatus, Step, StepStatus, StepSummary
from qms_desktop.ui.steps.guidance import shown_status_text, step_title

KeyRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
ProgressRole = Qt.ItemDataRole.UserRole + 3
NumberRole = Qt.ItemDataRole.UserRole + 4

DASHBOARD = "dashboard"
PROFILE = "profile"
PAGE_KEYS: list[str] = [DASHBOARD, PROFILE] + [s.value for s in Step]

STATUS_COLOURS = {
    ShownStatus.NOT_STARTED: QColor("#9aa5b1"),
    ShownStatus.IN_PROGRESS: QColor("#d69e2e"),
    ShownStatus.READY: QColor("#2b6cb0"),
    ShownStatus.DONE: QColor("#2f855a"),
}
WARNING_COLOUR = QColor("#c53030")
WarningRole = Qt.ItemDataRole.UserRole + 5

_Index = QModelIndex | QPersistentModelIndex


class NavigatorModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._summaries: dict[Step, StepSummary] = {}

    def set_steps(self, summaries: dict[Step, StepSummary]) -> None:
        """Show each step's computed status (as the dashboard does), progress and warning."""
        self._summaries = dict(summaries)
        if self.rowCount():
            self.dataChanged.emit(self.index(2), self.index(self.rowCount() - 1))

    def retranslate(self) -> None:
        self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PAGE_KEYS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(PAGE_KEYS):
            return None
        key = PAGE_KEYS[index.row()]
        step = Step(key) if index.row() >= 2 else None
        if role == Qt.ItemDataRole.DisplayRole:
            if key == DASHBOARD:
                return self.tr("Dashboard")
            if key == PROFILE:
                return self.tr("Organisation profile")
            assert step is not None
            return f"{step.number}. {step_title(step)}"
        summary = self._summaries.get(step) if step is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and step is not None:
            status = summary.status if summary else ShownStatus.NOT_STARTED
            tip = (
                self.tr("%1 — %2% done")
                .replace("%1", shown_status_text(status))
                .replace("%2", str(round(100 * (summary.progress if summary else 0.0))))
            )
            if summary is not None and summary.warning is not None:
                from qms_desktop.ui.operations import ui_language

                tip += "\n⚠ " + summary.warning.text(ui_language())
            return tip
        if role == KeyRole:
            return key
        if role == NumberRole:
            return step.number if step else None
        if role == StatusRole:
            if step is None:
                return None
            return summary.status if summary else ShownStatus.NOT_STARTED
        if role == ProgressRole:
            if step is None:
                return None
            return summary.progress if summary else 0.0
        if role == WarningRole:
            return summary is not None and summary.warning is not None
        return None


def status_text(status: StepStatus) -> str:
    """The stored (hand-chosen) status, as the step page's status box names it."""
    from PySide6.QtCore import QCoreApplication

    texts = {
        StepStatus.NOT_STARTED: QCoreApplication.translate("StepStatus", "Not started"),
        StepStatus.IN_PROGRESS: QCoreApplication.translate("StepStatus", "In progress"),
        StepStatus.DONE: QCoreApplication.translate("StepStatus", "Done"),
    }
    return texts[status]


class NavigatorDelegate(QStyledItemDelegate):
    """Paints a step row: a status dot, the title, and a thin progress bar."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        base = super().sizeHint(option, index)
        extra = 10 if index.data(StatusRole) is not None else 4
        return QSize(base.width() + 24, base.height() + extra + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        painter.save()
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect: QRect = option.rect.adjusted(10, 4, -10, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pen = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        status = index.data(StatusRole)
        text_left = rect.left()
        if status is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(STATUS_COLOURS[status])
            painter.drawEllipse(rect.left(), rect.top() + 5, 9, 9)
            if index.data(WarningRole):  # signed off, but the rule no longer holds
                painter.setPen(WARNING_COLOUR)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(rect.left() - 2, rect.top() + 3, 13, 13)
                painter.setPen(Qt.PenStyle.NoPen)
            text_left += 16
        painter.setPen(pen)
        text_rect = QRect(
            text_left, rect.top(), rect.right() - text_left, option.fontMetrics.height() + 4
        )
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text
        )
        progress = index.data(ProgressRole)
        if progress is not None:
            bar = QRect(text_left, rect.bottom() - 4, rect.right() - text_left, 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 40))
            painter.drawRoundedRect(bar, 2, 2)
            done = QRect(bar.left(), bar.top(), int(bar.width() * float(progress)), bar.height())
            painter.setBrush(STATUS_COLOURS[status] if status else QColor("#2f855a"))
            painter.drawRoundedRect(done, 2, 2)
        painter.restore()
