"""The first-run tour: a few screens (the guide's tour.md) that say what the app is for and
how to reach a first quality manual; skippable, shown once (AppSettings.tour_shown)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.ui.help.guide import tour_screens


class TourDialog(QDialog):
    """Back / Next through the screens; Skip closes it at any time."""

    guideRequested = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tour_dialog")
        self.setModal(False)
        self.resize(640, 380)
        self.lang = lang
        self.screens = tour_screens(lang)
        self.index = 0
        self.text = QTextBrowser()
        self.text.setObjectName("tour_text")
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.text.viewport().setAutoFillBackground(False)
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)  # a few words a screen: read at a glance
        self.text.setFont(font)
        self.icon = QLabel()
        self.icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.position = QLabel()
        self.position.setObjectName("tour_position")
        self.skip = QPushButton()
        self.skip.setObjectName("tour_skip")
        self.skip.clicked.connect(self.reject)
        self.back = QPushButton()
        self.back.clicked.connect(lambda: self.show_screen(self.index - 1))
        self.next = QPushButton()
        self.next.setObjectName("tour_next")
        self.next.setDefault(True)
        self.next.clicked.connect(self._next)
        self.guide = QPushButton()
        self.guide.setObjectName("tour_guide")
        self.guide.clicked.connect(self._open_guide)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip)
        buttons.addWidget(self.position, 1, Qt.AlignmentFlag.AlignCenter)
        buttons.addWidget(self.guide)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.icon)
        body.addWidget(self.text, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 24, 24, 16)
        column.addLayout(body, 1)
        column.addLayout(buttons)
        self.retranslate()
        self.show_screen(0)

    def show_screen(self, index: int) -> None:
        self.index = max(0, min(index, len(self.screens) - 1))
        self.text.setMarkdown(self.screens[self.index])
        last = self.index == len(self.screens) - 1
        self.back.setEnabled(self.index > 0)
        self.guide.setVisible(last)
        self.skip.setVisible(not last)
        self._name_buttons()

    def _next(self) -> None:
        if self.index == len(self.screens) - 1:
            self.accept()
        else:
            self.show_screen(self.index + 1)

    def _open_guide(self) -> None:
        self.accept()
        self.guideRequested.emit()

    def _name_buttons(self) -> None:
        last = self.index == len(self.screens) - 1
        self.next.setText(self.tr("Get Started") if last else self.tr("Next →"))
        self.position.setText(
            self.tr("%1 of %2")
            .replace("%1", str(self.index + 1))
            .replace("%2", str(len(self.screens)))
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to QMS Desktop"))
        self.skip.setText(self.tr("Skip the Tour"))
        self.back.setText(self.tr("← Back"))
        self.guide.setText(self.tr("Open the Guide"))
        self._name_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
