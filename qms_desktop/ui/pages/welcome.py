"""The welcome page shown when no workspace is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.ui.widgets import heading


class WelcomePage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    demoRequested = Signal()
    recentChosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = heading(size_delta=10)
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        self._new = QPushButton()
        self._new.setObjectName("welcome_new")
        self._open = QPushButton()
        self._demo = QPushButton()
        self._demo.setObjectName("welcome_demo")
        self._new.clicked.connect(self.newRequested)
        self._open.clicked.connect(self.openRequested)
        self._demo.clicked.connect(self.demoRequested)
        buttons = QHBoxLayout()
        for b in (self._new, self._open, self._demo):
            b.setMinimumHeight(36)
            buttons.addWidget(b)
        buttons.addStretch()
        self._recent_title = QLabel()
        self.recent = QListWidget()
        self.recent.itemActivated.connect(
            lambda item: self.recentChosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 48, 48, 48)
        column.addWidget(self._title)
        column.addWidget(self._intro)
        column.addSpacing(16)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(self._recent_title)
        column.addWidget(self.recent, 1)
        self.retranslate()

    def set_recent(self, files: list[Path]) -> None:
        self.recent.clear()
        for path in files:
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)

    def retranslate(self) -> None:
        self._title.setText(self.tr("Welcome to QMS Desktop"))
        self._intro.setText(
            self.tr(
                "Build your organisation's quality system in eight steps — summarise, study, compare, "
                "plan, allocate, strengthen, refine, operate. Everything about one organisation is kept "
                "in one workspace file, saved as you work."
            )
        )
        self._new.setText(self.tr("New workspace…"))
        self._open.setText(self.tr("Open workspace…"))
        self._demo.setText(self.tr("Explore the demo organisation"))
        self._recent_title.setText(self.tr("Recent workspaces (double-click to open):"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
