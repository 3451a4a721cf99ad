"""Step 3, Compare (对照): the gap checklist on one tab, the step's guidance and sign-off on
the other."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLineEdit, QTabWidget, QVBoxLayout, QWidget

from qms_desktop.domain.steps import Step
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.steps.compare.panel import ChecklistPanel
from qms_desktop.ui.steps.step_page import StepPage
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit, heading


class ComparePage(QWidget):
    """Step 3: the checklist, with the step's guidance and sign-off on a second tab."""

    recordSelected = Signal(str, str)

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self.checklist = ChecklistPanel(controller)
        self.about = StepPage(Step.COMPARE, controller)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("compare_tabs")
        self.tabs.addTab(self.checklist, "")
        self.tabs.addTab(self.about, "")
        self.checklist.recordSelected.connect(self.recordSelected)
        self.about.recordSelected.connect(self.recordSelected)
        self.tabs.currentChanged.connect(self._tab_changed)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.title = heading()
        column.addWidget(self.title)
        column.addWidget(self.tabs, 1)
        self.retranslate()

    def retranslate(self) -> None:
        from qms_desktop.ui.steps.guidance import guidance_for

        self.title.setText(
            self.tr("Step 3 · %1 — the gap checklist").replace(
                "%1", guidance_for(Step.COMPARE).title
            )
        )
        self.tabs.setTabText(0, self.tr("Checklist"))
        self.tabs.setTabText(1, self.tr("Guidance and sign-off"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.checklist.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        if self._c.is_open:
            self.checklist.reload()
            self.about.reload()

    def commit_pending(self) -> None:
        """Store an edit still in the field that has focus."""
        self.about.commit_pending()
        focus = self.focusWidget()
        if isinstance(focus, CommitOnLeaveTextEdit | QLineEdit):
            focus.editingFinished.emit()

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.recordSelected.emit("step", Step.COMPARE.value)

    def set_language(self, lang: str) -> None:
        self.checklist.set_language(lang)

    def show_assessment(self, assessment_id: int) -> None:
        self.checklist.show_assessment(assessment_id)
