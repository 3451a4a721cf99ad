"""A step's page: its purpose and guidance, what it holds, and its status and sign-off."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.steps import ShownStatus, Step, StepState, StepStatus, StepSummary
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.models.navigator import status_text
from qms_desktop.ui.steps.guidance import guidance_for, progress_rule, shown_status_text
from qms_desktop.ui.widgets import (
    CommitOnLeaveTextEdit,
    FieldError,
    heading,
    scrolling_page,
    shrinkable,
)


def _bullets(items: list[str]) -> str:
    from html import escape

    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


SHOWN_COLOURS = {
    ShownStatus.NOT_STARTED: "#9aa5b1",
    ShownStatus.IN_PROGRESS: "#d69e2e",
    ShownStatus.READY: "#2b6cb0",
    ShownStatus.DONE: "#2f855a",
}


def shown_status_html(summary: StepSummary, missing: int = 5) -> str:
    """The computed status with a dot of its colour, the signed-off step's warning, and the
    first things still missing."""
    from html import escape

    from qms_desktop.ui.operations import ui_language

    lang = ui_language()
    colour = SHOWN_COLOURS[summary.status]
    html = (
        f"<span style='color:{colour}'>●</span> <b>{escape(shown_status_text(summary.status))}</b>"
    )
    if summary.warning is not None:
        html += (
            "<br><span style='color:#c53030'>⚠ " + escape(summary.warning.text(lang)) + "</span>"
        )
    elif summary.status is not ShownStatus.DONE and summary.rule.missing:
        items = [escape(m.text(lang)) for m in summary.rule.missing[:missing]]
        more = len(summary.rule.missing) - missing
        if more > 0:
            items.append(
                escape(
                    QCoreApplication.translate("StepPage", "… and %1 more").replace("%1", str(more))
                )
            )
        html += "<ul style='margin-left:-20px'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    return html


# Steps whose registers are built (their pages hold them in tabs beside this guidance).
STEPS_WITH_REGISTERS = frozenset(
    {
        Step.SUMMARISE,
        Step.STUDY,
        Step.COMPARE,
        Step.PLAN,
        Step.ALLOCATE,
        Step.STRENGTHEN,
        Step.REFINE,
    }
)


class StepPage(QWidget):
    recordSelected = Signal(str, str)

    def __init__(
        self, step: Step, controller: WorkspaceController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.step = step
        self._c = controller
        self._state = StepState(step)
        self._stale = False

        self._title = heading()
        self._purpose = QLabel()
        self._purpose.setWordWrap(True)
        self._purpose.setObjectName("step_purpose")
        self._guidance_box = QGroupBox()
        self._guidance = QLabel()
        self._guidance.setWordWrap(True)
        self._guidance.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self._guidance_box).addWidget(self._guidance)
        self._holds_box = QGroupBox()
        self._holds = QLabel()
        self._holds.setWordWrap(True)
        self._holds.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self._holds_box).addWidget(self._holds)

        self._state_box = QGroupBox()
        form = QFormLayout(self._state_box)
        self._progress = QProgressBar()
        self._progress.setRange(0, 100)
        self._status = QComboBox()
        self._status.setObjectName(f"step_status_{step.value}")
        for status in StepStatus:
            self._status.addItem("", status)
        self._status.activated.connect(self._commit)
        self._by = QLineEdit()
        self._by.setObjectName(f"step_signed_by_{step.value}")
        self._by.editingFinished.connect(self._commit)
        self._on = QLineEdit()
        self._on.setObjectName(f"step_signed_on_{step.value}")
        self._on.setPlaceholderText("YYYY-MM-DD")
        self._on.editingFinished.connect(self._commit)
        self._today = QPushButton()
        self._today.clicked.connect(self._set_today)
        date_row = QHBoxLayout()
        date_row.addWidget(self._on)
        date_row.addWidget(self._today)
        self._notes = CommitOnLeaveTextEdit()
        self._notes.setObjectName(f"step_notes_{step.value}")
        self._notes.setTabChangesFocus(True)
        self._notes.setFixedHeight(90)
        self._notes.editingFinished.connect(self._commit)
        self._error = FieldError()
        self._labels = [QLabel() for _ in range(5)]
        form.addRow(self._labels[0], self._progress)
        form.addRow(self._labels[1], self._status)
        form.addRow(self._labels[2], self._by)
        form.addRow(self._labels[3], date_row)
        form.addRow(self._labels[4], self._notes)
        form.addRow("", self._error)
        self._done_when = QLabel()
        self._done_when.setWordWrap(True)
        form.insertRow(0, self._done_when)
        self._rule = QLabel()
        self._rule.setObjectName(f"step_rule_{step.value}")
        self._rule.setWordWrap(True)
        form.insertRow(1, self._rule)
        self.shown_status = shrinkable(QLabel())
        self.shown_status.setObjectName(f"step_shown_status_{step.value}")
        self.shown_status.setTextFormat(Qt.TextFormat.RichText)
        self._labels.append(QLabel())
        form.insertRow(3, self._labels[5], self.shown_status)

        scrolling_page(
            self, self._title, self._purpose, self._state_box, self._guidance_box, self._holds_box
        )

        controller.changed.connect(self._on_changed)
        controller.opened.connect(self.reload)
        self.retranslate()

    def retranslate(self) -> None:
        g = guidance_for(self.step)
        self._title.setText(
            self.tr("Step %1 · %2").replace("%1", str(self.step.number)).replace("%2", g.title)
        )
        self._purpose.setText(g.purpose)
        self._guidance_box.setTitle(self.tr("How to work through this step"))
        self._guidance.setText(_bullets(g.guidance))
        self._holds_box.setTitle(self.tr("What this step holds"))
        later = ""
        if self.step not in STEPS_WITH_REGISTERS:
            later = (
                "<p><i>"
                + self.tr(
                    "The registers for this step arrive in coming versions; until then record its "
                    "status, sign-off and notes here."
                )
                + "</i></p>"
            )
        self._holds.setText(_bullets(g.holds) + later)
        self._state_box.setTitle(self.tr("Status and sign-off"))
        self._done_when.setText("<b>" + self.tr("Done when:") + "</b> " + g.done_when)
        self._rule.setText(
            "<b>" + self.tr("How progress is measured:") + "</b> " + progress_rule(self.step)
        )
        for i, text in enumerate(
            [
                self.tr("Progress:"),
                self.tr("Status:"),
                self.tr("Signed off by:"),
                self.tr("Sign-off date:"),
                self.tr("Notes:"),
                self.tr("Where it stands:"),
            ]
        ):
            self._labels[i].setText(text)
        for i in range(self._status.count()):
            self._status.setItemText(i, status_text(self._status.itemData(i)))
        self._today.setText(self.tr("Today"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        if self._stale:
            self._stale = False
            self.reload()
        self.recordSelected.emit("step", self.step.value)
        super().showEvent(event)  # type: ignore[arg-type]

    def reload(self) -> None:
        if not self._c.is_open:
            return
        summary = self._c.step_summaries()[self.step]
        self._state = summary.state
        self._progress.setValue(round(100 * summary.progress))
        self.shown_status.setText(shown_status_html(summary))
        self._status.setCurrentIndex(self._status.findData(self._state.status))
        self._by.setText(self._state.signed_off_by)
        self._on.setText(self._state.signed_off_on.isoformat() if self._state.signed_off_on else "")
        if self._notes.toPlainText() != self._state.notes:
            self._notes.setPlainText(self._state.notes)
        for w in (self._by, self._on, self._notes):
            w.setReadOnly(self._c.read_only)
        self._status.setEnabled(not self._c.read_only)
        self._today.setEnabled(not self._c.read_only)

    def _on_changed(self, changes: ChangeSet) -> None:
        # a step's rule may read other steps' records (Allocate reads the people of Study)
        if not (changes.steps or changes.registers):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def _set_today(self) -> None:
        self._on.setText(dt.date.today().isoformat())
        self._commit()

    def commit_pending(self) -> None:
        self._commit()

    def _commit(self) -> None:
        if not self._c.is_open or self._c.read_only:
            return
        text = self._on.text().strip()
        try:
            on = dt.date.fromisoformat(text) if text else None
        except ValueError:
            self._error.show_message(
                self.tr("The sign-off date must be a date written as YYYY-MM-DD.")
            )
            return
        new = StepState(
            self.step,
            self._status.currentData(),
            self._by.text().strip(),
            on,
            self._notes.toPlainText(),
        )
        if new == self._state:
            self._error.show_message("")
            return
        self._error.show_message("")
        self._c.ops.set_step(
            self.tr("Update step %1").replace("%1", guidance_for(self.step).title),
            self._state,
            new,
            on_error=self._error.show_error,
        )
