"""Operate, audit and improvement: the management review — its register (the meeting, the
hand-written inputs, the conclusions) and, for the review selected, the ISO 9001 9.3.2 inputs
gathered for its period and "Add output action" (a nonconformity linked to the review)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain import review as rv
from qms_desktop.domain.assessment import Grade
from qms_desktop.domain.errors import QmsError
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.models.checklist import grade_label
from qms_desktop.ui.registers_text import choice_label
from qms_desktop.ui.steps.operate import OPERATE_REGISTERS, _Watching
from qms_desktop.ui.widgets import plain_tip

# what a review's inputs are read from: a change to any of them may change what is shown
WATCHED = OPERATE_REGISTERS | {
    "management_review",
    "nonconformity",
    "internal_audit",
    "person",
    "facility",
}


class OutputDialog(QDialog):
    """One output of the review: the action, who owns it and by when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add output action"))
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(80)
        self.owner = QLineEdit()
        self.has_due = QCheckBox(self.tr("Due by"))
        self.has_due.setChecked(True)
        self.due = QDateEdit(QDate.currentDate().addMonths(1))
        self.due.setCalendarPopup(True)
        self.has_due.toggled.connect(self.due.setEnabled)
        form = QFormLayout(self)
        form.addRow(self.tr("Action"), self.description)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.has_due, self.due)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def values(self) -> dict[str, object]:
        day = self.due.date()
        due = dt.date(day.year(), day.month(), day.day()) if self.has_due.isChecked() else None
        return {
            "description": self.description.toPlainText(),
            "owner": self.owner.text(),
            "due": due,
        }


class ReviewPanel(_Watching):
    """The management review register above, the selected review's gathered inputs below."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("management_review", controller)
        self.heading = QLabel()
        self.heading.setObjectName("review_inputs_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.add_output_button = QPushButton()
        self.add_output_button.setObjectName("review_add_output")
        self.add_output_button.clicked.connect(lambda: self.add_output())
        self.strip.addWidget(self.heading, 1)
        self.strip.addWidget(self.add_output_button, 0, Qt.AlignmentFlag.AlignTop)
        self.inputs = QTreeWidget()
        self.inputs.setObjectName("review_inputs")
        self.inputs.setColumnCount(2)
        self.inputs.setUniformRowHeights(True)
        self.inputs.setAlternatingRowColors(True)
        # the register above, the inputs below: the user moves the split
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.register_panel)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.register_panel)
        split.addWidget(self.inputs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.register_panel.recordSelected.connect(lambda *_: self.refresh())
        self.gathered: rv.ReviewInputs | None = None
        self.retranslate()

    def _changed(self, changes: ChangeSet) -> None:
        if changes.registers & WATCHED and self._c.is_open and self.isVisible():
            self.refresh()

    def retranslate(self) -> None:
        self.add_output_button.setText(self.tr("Add output action…"))
        self.add_output_button.setToolTip(
            self.tr(
                "Records a decision or action of the selected review as a corrective action "
                "linked to it"
            )
        )
        self.inputs.setHeaderLabels([self.tr("Input (ISO 9001 9.3.2)"), self.tr("Value")])
        if self._c.is_open:
            self.refresh()

    # -- the gathered inputs ----------------------------------------------------------------

    def refresh(self) -> None:
        from qms_desktop.services.review import review_inputs

        current = self.register_panel.current_record()
        writable = self._c.is_open and not self._c.read_only
        self.add_output_button.setEnabled(writable and current is not None)
        self.inputs.clear()
        self.gathered = None
        if current is None or not self._c.is_open:
            self.heading.setText(self.tr("Select a review to see the inputs gathered for it."))
            return
        try:
            self.gathered = review_inputs(self._c.ws(), current.id)
        except QmsError:  # the review was deleted meanwhile: shown as none
            self.heading.setText(self.tr("Select a review to see the inputs gathered for it."))
            return
        period = self.gathered.period
        self.heading.setText(
            self.tr("Inputs gathered for %1 to %2")
            .replace("%1", period.start.isoformat())
            .replace("%2", period.end.isoformat())
        )
        self._fill(self.gathered)
        self.inputs.resizeColumnToContents(0)

    def _section(
        self, title: str, rows: list[tuple[str, str]], empty: str = "", value: str = ""
    ) -> None:
        top = QTreeWidgetItem([title, _one_line(value or ("" if rows else empty))])
        top.setToolTip(1, plain_tip(value))
        for name, text in rows:
            child = QTreeWidgetItem([_one_line(name), _one_line(text)])
            child.setToolTip(1, plain_tip(text))
            top.addChild(child)
        self.inputs.addTopLevelItem(top)
        top.setExpanded(True)

    def _fill(self, g: rv.ReviewInputs) -> None:
        none = self.tr("none")
        written = self.tr("not written")
        self._section(
            self.tr("Status of actions from previous reviews"),
            [(a.description[:80], self._state(a)) for a in g.previous_actions],
            none,
        )
        self._section(
            self.tr("Changes in external and internal issues"),
            [],
            g.changes_in_context.strip() or written,
        )
        fb = g.feedback
        self._section(
            self.tr("Customer satisfaction and feedback"),
            [(s.title, self._score(s)) for s in g.surveys]
            + [(self.tr("Complaints"), str(fb.complaints))]
            + [(f"— {choice_label(k)}", str(n)) for k, n in sorted(fb.by_severity.items())]
            + [
                (self.tr("Complaints still open"), str(fb.still_open)),
                (self.tr("Service recovery cases"), str(fb.recoveries)),
                (self.tr("Commitment claims / payouts"), f"{fb.claims} / {fb.payouts:,.2f}"),
            ],
        )
        self._section(
            self.tr("Extent to which quality objectives have been met"),
            [(t.label, self._verdict(t)) for t in g.objectives],
            none,
        )
        self._section(
            self.tr("Process performance"),
            [
                (
                    p.process,
                    self.tr("%1 of %2 objectives met")
                    .replace("%1", str(p.met))
                    .replace("%2", str(p.objectives)),
                )
                for p in g.processes
            ],  # fmt: skip
            none,
        )
        acts = g.actions
        self._section(
            self.tr("Nonconformities and corrective actions"),
            [
                (self.tr("Raised in the period"), str(acts.opened)),
                (self.tr("Verified or closed in the period"), str(acts.closed)),
                (self.tr("Not finished at the end"), str(acts.still_open)),
                (self.tr("Overdue at the end"), str(acts.overdue)),
            ],
        )
        self._section(
            self.tr("Monitoring and measurement results"),
            [(self.tr("Results measured"), str(g.results_recorded))]
            + [(m.label, self._verdict(m)) for m in g.monitoring],
        )
        self._section(
            self.tr("Audit results"),
            [(a.title, self._findings(a)) for a in g.audits],
            self.tr("no internal audit completed in the period"),
        )
        self._section(
            self.tr("Performance of external providers"),
            [],
            g.supplier_performance.strip() or written,
        )
        self._section(
            self.tr("Adequacy of resources"),
            [
                (self.tr("People on record"), str(g.people)),
                (self.tr("Facilities in service"), str(g.facilities_in_service)),
            ],
            value=g.resources.strip(),
        )
        self._section(
            self.tr("Effectiveness of actions on risks and opportunities"),
            [],
            g.risks_and_opportunities.strip() or written,
        )
        self._section(
            self.tr("Opportunities for improvement"),
            [
                (self.tr("Audit finding") if o.source == "audit" else self.tr("Lesson"), o.text)
                for o in g.opportunities
            ],
            none,
        )

    def _state(self, a: rv.ActionLine) -> str:
        state = choice_label(a.status)
        overdue = self.tr("overdue")
        return f"{state} — {overdue}" if a.overdue else state

    def _score(self, s: rv.SurveyLine) -> str:
        score = "—" if s.overall is None else f"{s.overall:.2f}"
        return (
            self.tr("score %1 (%2 respondents)")
            .replace("%1", score)
            .replace("%2", str(s.respondents))
        )

    def _verdict(self, t: rv.TargetLine) -> str:
        if not t.results:
            return self.tr("not measured in the period")
        latest = "—" if t.latest is None else f"{t.latest:g}"
        met = self.tr("met") if t.met else self.tr("not met") if t.met is False else "—"
        return f"{latest} ({t.target_text}): {met}"

    def _findings(self, a: rv.AuditLine) -> str:
        day = a.held_on.isoformat() if a.held_on else ""
        counts = ", ".join(f"{grade_label(Grade(g))} {n}" for g, n in a.findings.items() if n)
        none = self.tr("no findings")
        return f"{day} — {counts or none}"

    # -- outputs --------------------------------------------------------------------------

    def add_output(self, values: dict[str, object] | None = None) -> int | None:
        """Add an output action to the selected review (asked in a dialog when `values` is
        not given); returns the new nonconformity's id, or None."""
        current = self.register_panel.current_record()
        if current is None:
            return None
        if values is None:
            dialog = OutputDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            values = dialog.values()
        record = self._c.ops.raise_nonconformity(
            self.tr("Add output action"), "review", current.id, values
        )
        return record.id if record else None


def _one_line(text: str) -> str:
    """A text of several lines in one cell (the tooltip shows it whole)."""
    return " ".join(text.split())


def review_panel(controller: WorkspaceController) -> ReviewPanel:
    return ReviewPanel(controller)
