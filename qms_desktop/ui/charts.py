"""A small painted bar chart of conformity by clause (no QtCharts needed)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget


def conformity_colour(value: float) -> QColor:
    if value >= 0.85:
        return QColor("#2f855a")
    if value >= 0.5:
        return QColor("#d69e2e")
    return QColor("#c53030")


class ConformityChart(QWidget):
    """Vertical bars, one per clause: height = conformity, a faint bar behind = progress.
    A legend on the top line says so, and each bar's tooltip gives its figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, float | None, float]] = []
        self._empty_text = ""
        self.setMinimumHeight(140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(420, 150)

    def set_bars(self, bars: list[tuple[str, float | None, float]]) -> None:
        """(label, conformity 0..1 or None when nothing is assessed, progress 0..1) per clause."""
        self._bars = list(bars)
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def bars(self) -> list[tuple[str, float | None, float]]:
        return list(self._bars)

    def legend(self) -> tuple[str, str]:
        return (self.tr("conformity, by clause"), self.tr("share assessed"))

    def bar_text(self, index: int) -> str:
        """What a bar shows, in words (its tooltip)."""
        label, conformity, progress = self._bars[index]
        shown = "—" if conformity is None else f"{round(conformity * 100)}%"
        return (
            self.tr("Clause %1: conformity %2, %3% of its requirements assessed")
            .replace("%1", label)
            .replace("%2", shown)
            .replace("%3", str(round(progress * 100)))
        )

    def _geometry(self) -> tuple[float, float, float, float]:
        """left edge, slot width, bar width, bottom line."""
        fm = self.fontMetrics()
        left = float(fm.horizontalAdvance("100%") + 8)
        slot = (self.width() - left - 4) / max(1, len(self._bars))
        bar_w = max(6.0, min(42.0, slot * 0.6))
        return left, slot, bar_w, float(self.height() - fm.height() - 6)

    def bar_at(self, point: QPointF) -> int | None:
        left, slot, _, bottom = self._geometry()
        if not self._bars or point.x() < left or point.y() > bottom + self.fontMetrics().height():
            return None
        index = int((point.x() - left) // slot)
        return index if 0 <= index < len(self._bars) else None

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            index = self.bar_at(QPointF(e.pos()))
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(e.globalPos(), self.bar_text(index), self)
            return True
        return super().event(e)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        fm = self.fontMetrics()
        if not self._bars:
            p.setPen(text)
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self._empty_text)
            return
        top = float(2 * fm.height() + 4)  # the legend's line, then room for a value label
        left, slot, bar_w, bottom = self._geometry()
        self._paint_legend(p, fm.height(), text)
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

    def _paint_legend(self, p: QPainter, line: int, text: QColor) -> None:
        """Top right: a coloured square for conformity, a grey one for the share assessed."""
        conformity, assessed = self.legend()
        fm = self.fontMetrics()
        x = float(self.width() - 4)
        for words, colour in ((assessed, QColor(0, 0, 0, 25)), (conformity, None)):
            x -= fm.horizontalAdvance(words)
            p.setPen(text)
            p.drawText(QRectF(x, 0, fm.horizontalAdvance(words) + 2, line), 0, words)
            x -= line * 0.7 + 4
            square = QRectF(x, line * 0.2, line * 0.6, line * 0.6)
            p.setPen(Qt.PenStyle.NoPen)
            if colour is None:  # conformity: the three colours of its bars
                third = square.width() / 3
                for k, value in enumerate((0.9, 0.6, 0.2)):
                    p.setBrush(conformity_colour(value))
                    p.drawRect(QRectF(x + k * third, square.top(), third, square.height()))
            else:
                p.setBrush(colour)
                p.drawRect(square)
            x -= 12
