"""Operate, audit and improvement: nonconformities and corrective actions, the one action
list (raised from a finding or checklist gap, a complaint or anything else; verified for
effectiveness, a "no" reopening it; turned into a lesson), overdue rows marked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from qms_desktop.domain.actions import is_overdue
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.field_editors import LinkLineEdit
from qms_desktop.ui.steps.operate import _Watching

WATCHED = frozenset({"nonconformity", "complaint", "lesson", "person", "management_review"})


class VerifyDialog(QDialog):
    """Who verified the action's effectiveness, when, with what evidence, and the verdict."""

    def __init__(self, people: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verify effectiveness"))
        self.person = QComboBox()
        for pid, name in people:
            self.person.addItem(name, pid)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")  # as every date field of the app shows it
        self.on.setMaximumDate(QDate.currentDate())
        self.evidence = QPlainTextEdit()
        self.evidence.setFixedHeight(80)
        self.effective = QComboBox()
        self.effective.addItem(self.tr("Yes: effective, verified"), True)
        self.effective.addItem(self.tr("No: not effective, reopen the action"), False)
        form = QFormLayout(self)
        form.addRow(self.tr("Verified by"), self.person)
        form.addRow(self.tr("Verified on"), self.on)
        form.addRow(self.tr("Evidence"), self.evidence)
        form.addRow(self.tr("Effective"), self.effective)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[int | None, dt.date, str, bool]:
        day = self.on.date()
        return (
            self.person.currentData(),
            dt.date(day.year(), day.month(), day.day()),
            self.evidence.toPlainText(),
            bool(self.effective.currentData()),
        )


class ActionsPanel(_Watching):
    """The nonconformity register with Raise / Verify / Turn into a lesson above it."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("nonconformity", controller)
        self.overdue = QLabel()
        self.overdue.setObjectName("nonconformity_overdue")
        self.overdue.setWordWrap(True)
        self.overdue.setTextFormat(Qt.TextFormat.PlainText)
        self.from_finding = QPushButton()
        self.from_finding.setObjectName("nonconformity_from_finding")
        self.from_finding.clicked.connect(self.raise_from_finding)
        self.from_complaint = QPushButton()
        self.from_complaint.setObjectName("nonconformity_from_complaint")
        self.from_complaint.clicked.connect(self.raise_from_complaint)
        self.verify = QPushButton()
        self.verify.setObjectName("nonconformity_verify")
        self.verify.clicked.connect(self.verify_current)
        self.to_lesson = QPushButton()
        self.to_lesson.setObjectName("nonconformity_to_lesson")
        self.to_lesson.clicked.connect(self.turn_into_lesson)
        self.strip.addWidget(self.overdue, 1)
        for button in (self.from_finding, self.from_complaint, self.verify, self.to_lesson):
            self.strip.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.register_panel.recordSelected.connect(lambda *_: self._enable())
        link = self.register_panel.editors["assessment_item"]
        if isinstance(link, LinkLineEdit):  # the checklist item named, not its number
            link.labeller = self._item_label
        self.retranslate()

    def _item_label(self, item_id: int) -> str:
        from qms_desktop.services.actions import item_label

        return item_label(self._c.ws(), item_id)

    def _changed(self, changes: ChangeSet) -> None:
        if changes.registers & WATCHED and self._c.is_open:
            self.refresh()

    def retranslate(self) -> None:
        self.from_finding.setText(self.tr("Raise from a finding…"))
        self.from_finding.setToolTip(
            self.tr("A nonconformity from a checklist gap or an audit finding, linked to it")
        )
        self.from_complaint.setText(self.tr("Raise from a complaint…"))
        self.verify.setText(self.tr("Verify…"))
        self.verify.setToolTip(
            self.tr("Record whether the action worked; a 'no' reopens it, kept on record")
        )
        self.to_lesson.setText(self.tr("Turn into a lesson"))
        self.to_lesson.setToolTip(
            self.tr("Adds a lesson to step 1 (Summarise) from the root cause, linked to it")
        )

    def refresh(self) -> None:
        today = dt.date.today()
        records = self.register_panel.model.records()
        late = [r for r in records if is_overdue(r.values, today)]
        tip = QCoreApplication.translate("Operate", "Overdue: due before today, not verified")
        self.register_panel.model.set_flags({(r.id, "due"): ("overdue", tip) for r in late})
        self.overdue.setStyleSheet("color: #c53030;" if late else "")
        self.overdue.setText(
            QCoreApplication.translate("Operate", "%1 overdue corrective actions").replace(
                "%1", str(len(late))
            )
            if late
            else QCoreApplication.translate("Operate", "No corrective action is overdue.")
        )
        self._enable()

    def _enable(self) -> None:
        current = self.register_panel.current_record()
        writable = not self._c.read_only and self._c.is_open
        self.from_finding.setEnabled(writable)
        self.from_complaint.setEnabled(writable)
        self.verify.setEnabled(writable and current is not None)
        self.to_lesson.setEnabled(
            writable and current is not None and current.values.get("lesson") is None
        )

    def _select(self, record_id: int | None) -> None:
        if record_id is None:
            return
        row = self.register_panel.model.row_of(record_id)
        if row is not None:
            index = self.register_panel.proxy.mapFromSource(self.register_panel.model.index(row, 0))
            self.register_panel.table.setCurrentIndex(index)

    # -- actions ------------------------------------------------------------------------

    def _pick(self, title: str, choices: list[tuple[int, str]], none: str) -> int | None:
        if not choices:
            QMessageBox.information(self, title, none)
            return None
        labels = [label for _, label in choices]
        chosen, ok = QInputDialog.getItem(self, title, title, labels, 0, False)
        return choices[labels.index(chosen)][0] if ok and chosen in labels else None

    def raise_from_finding(self, item_id: int | None = None) -> int | None:
        """Raise from a checklist gap or audit finding (picked when not given)."""
        from qms_desktop.services.actions import findings_to_raise

        if item_id is None:
            item_id = self._pick(
                self.tr("Raise from a finding"),
                findings_to_raise(self._c.ws()),
                self.tr("No checklist gap or audit finding is waiting for a nonconformity."),
            )
        if item_id is None:
            return None
        record = self._c.ops.raise_nonconformity(self.tr("Raise a nonconformity"), "item",
                                                 item_id, {})  # fmt: skip
        self._select(record.id if record else None)
        return record.id if record else None

    def raise_from_complaint(self, complaint_id: int | None = None) -> int | None:
        """Raise from a complaint (picked when not given)."""
        from qms_desktop.services.registers import reference_choices

        if complaint_id is None:
            complaint_id = self._pick(
                self.tr("Raise from a complaint"),
                reference_choices(self._c.ws(), "complaint"),
                self.tr("No complaint has been recorded."),
            )
        if complaint_id is None:
            return None
        record = self._c.ops.raise_nonconformity(self.tr("Raise a nonconformity"), "complaint",
                                                 complaint_id, {})  # fmt: skip
        self._select(record.id if record else None)
        return record.id if record else None

    def verify_current(self, values: tuple[int | None, dt.date, str, bool] | None = None) -> bool:
        """Verify the selected nonconformity (asked in a dialog when `values` is not given)."""
        from qms_desktop.services.registers import reference_choices

        current = self.register_panel.current_record()
        if current is None:
            return False
        if values is None:
            dialog = VerifyDialog(reference_choices(self._c.ws(), "person"), self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            values = dialog.values()
        done = self._c.ops.verify_nonconformity(self.tr("Verify effectiveness"), current.id,
                                                *values)  # fmt: skip
        self._select(current.id)
        return done

    def turn_into_lesson(self) -> bool:
        current = self.register_panel.current_record()
        if current is None:
            return False
        return (
            self._c.ops.lesson_from_nonconformity(self.tr("Turn into a lesson"), current.id)
            is not None
        )


def actions_panel(c: WorkspaceController) -> QWidget:
    return ActionsPanel(c)
