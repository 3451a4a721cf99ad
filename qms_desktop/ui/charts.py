"""A small painted bar chart of conformity by clause (no QtCharts needed)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


def conformity_colour(value: float) -> QColor:
    if value >= 0.85:
        return QColor("#2f855a")
    if value >= 0.5:
        return QColor("#d69e2e")
    return QColor("#c53030")


class ConformityChart(QWidget):
    """Vertical bars, one per clause: height = conformity, a faint bar behind = progress."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, float | None, float]] = []
        self._empty_text = ""
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(420, 130)

    def set_bars(self, bars: list[tuple[str, float | None, float]]) -> None:
        """(label, conformity 0..1 or None when nothing is assessed, progress 0..1) per clause."""
        self._bars = list(bars)
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def bars(self) -> list[tuple[str, float | None, float]]:
        return list(self._bars)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        fm = self.fontMetrics()
        if not self._bars:
            p.setPen(text)
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self._empty_text)
            return
        top, bottom = 18.0, float(self.height() - fm.height() - 6)
        left = float(fm.horizontalAdvance("100%") + 8)
        width = self.width() - left - 4
        slot = width / len(self._bars)
        bar_w = max(6.0, min(42.0, slot * 0.6))
        p.setPen(QColor(0, 0, 0, 40))
        for frac in (0.0, 0.5, 1.0):
            y = bottom - frac * (bottom - top)
            p.drawLine(int(left), int(y), self.width() - 4, int(y))
            p.setPen(text)
            p.drawText(
                QRectF(0, y - fm.height() / 2, left - 4, fm.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{int(frac * 100)}%",
            )
            p.setPen(QColor(0, 0, 0, 40))
        for i, (label, conformity, progress) in enumerate(self._bars):
            x = left + i * slot + (slot - bar_w) / 2
            height = bottom - top
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(0, 0, 0, 25))
            p.drawRect(QRectF(x, bottom - progress * height, bar_w, progress * height))
            if conformity is not None:
                p.setBrush(conformity_colour(conformity))
                p.drawRect(
                    QRectF(
                        x + bar_w * 0.2,
                        bottom - conformity * height,
                        bar_w * 0.6,
                        conformity * height,
                    )
                )
                p.setPen(text)
                p.drawText(
                    QRectF(
                        x - 10,
                        bottom - conformity * height - fm.height() - 1,
                        bar_w + 20,
                        fm.height(),
                    ),
                    int(Qt.AlignmentFlag.AlignCenter),
                    f"{round(conformity * 100)}",
                )
            p.setPen(text)
            p.drawText(
                QRectF(x - 20, bottom + 3, bar_w + 40, fm.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                label,
            )
