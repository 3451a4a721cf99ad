"""Step pages built from tabs: the step's registers first, its guidance and sign-off last."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLineEdit, QTabWidget, QVBoxLayout, QWidget

from qms_desktop.domain.steps import Step
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.steps.guidance import guidance_for
from qms_desktop.ui.steps.step_page import StepPage
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit, heading


class TabbedStepPage(QWidget):
    recordSelected = Signal(str, str)

    def __init__(
        self,
        step: Step,
        controller: WorkspaceController,
        tabs: list[tuple[Callable[[], str], QWidget]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.step = step
        self._c = controller
        self._tabs = tabs
        self.about = StepPage(step, controller)
        self.title = heading()
        self.tabs = QTabWidget()
        self.tabs.setObjectName(f"tabs_{step.value}")
        for _title, widget in tabs:
            self.tabs.addTab(widget, "")
            signal = getattr(widget, "recordSelected", None)
            if signal is not None:
                signal.connect(self.recordSelected)
        self.tabs.addTab(self.about, "")
        self.about.recordSelected.connect(self.recordSelected)
        self.tabs.currentChanged.connect(self._tab_changed)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.tabs, 1)
        self.retranslate()

    def retranslate(self) -> None:
        g = guidance_for(self.step)
        self.title.setText(
            self.tr("Step %1 · %2").replace("%1", str(self.step.number)).replace("%2", g.title)
        )
        self.title.setToolTip(g.purpose)
        for i, (title, _w) in enumerate(self._tabs):
            self.tabs.setTabText(i, title())
        self.tabs.setTabText(len(self._tabs), self.tr("Guidance and sign-off"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        if not self._c.is_open:
            return
        for _t, widget in self._tabs:
            getattr(widget, "reload", lambda: None)()
        self.about.reload()
        self._tab_changed(self.tabs.currentIndex())  # the History panel follows the visible tab

    def commit_pending(self) -> None:
        focus = self.focusWidget()
        if isinstance(focus, CommitOnLeaveTextEdit | QLineEdit):
            focus.editingFinished.emit()
        self.about.commit_pending()

    def _tab_changed(self, index: int) -> None:
        if index == len(self._tabs):
            self.recordSelected.emit("step", self.step.value)
        elif 0 <= index < len(self._tabs):
            widget = self._tabs[index][1]
            fixed = getattr(widget, "history_key", None)
            current = getattr(widget, "current_record", lambda: None)()
            key = getattr(getattr(widget, "register", None), "key", "")
            if fixed is not None:
                self.recordSelected.emit(*fixed)
            elif current is not None:
                self.recordSelected.emit(key, str(current.id))
            else:
                self.recordSelected.emit("", "")

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
