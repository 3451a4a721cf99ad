"""The detail form of one requirement: its title and guidance, the finding's fields and its
evidence. A field is stored when the user leaves it, as one undoable step."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.assessment import ActionState, Grade, Priority, Status
from qms_desktop.domain.errors import QmsError
from qms_desktop.services.checklist_rows import ChecklistRow
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.forms import add_labelled_row, form_layout
from qms_desktop.ui.lazy import checklist_service
from qms_desktop.ui.models.checklist import (
    ChecklistModel,
    action_state_label,
    grade_label,
    priority_label,
    status_label,
)
from qms_desktop.ui.steps.compare.evidence import EvidenceBox
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit, FieldError, heading

Changes = list[tuple[int, dict[str, object]]]


def _choice(name: str, values: type[Enum]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for value in values:
        combo.addItem("", value.value)
    return combo


def _line(name: str) -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    return line


def _text(name: str) -> CommitOnLeaveTextEdit:
    edit = CommitOnLeaveTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(64)
    return edit


def _set_plain(edit: CommitOnLeaveTextEdit, text: str) -> None:
    if edit.toPlainText() != text:  # setting the same text would move the cursor
        edit.setPlainText(text)


class DetailForm(QScrollArea):
    """The requirement chosen in the table; refusals show in `error`, under the form."""

    def __init__(
        self, controller: WorkspaceController, model: ChecklistModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._c = controller
        self._model = model
        self.item_id: int | None = None
        self.lang = "en"
        self._loading = False
        self.title = heading(size_delta=2)
        self.title.setObjectName("detail_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)  # a long title wraps: it never widens the panel
        self.statement = QLabel()  # a control's statement, when its library gives one
        self.statement.setObjectName("detail_statement")
        self.statement.setWordWrap(True)
        self.statement.setTextFormat(Qt.TextFormat.PlainText)
        self.statement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statement.setStyleSheet("font-weight: 600")
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setTextFormat(Qt.TextFormat.PlainText)  # a library's text, never markup
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = FieldError()
        self.evidence_box = EvidenceBox(controller, self.error)
        self._make_fields()
        self._connect_fields()
        self._labels = self._lay_out()
        self.setObjectName("detail_panel")
        self.setWidgetResizable(True)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the form can be (labels above their fields), never narrower: the
        splitter then takes room from the table, which scrolls, not from the form, which
        would be cut (it has no sideways scroll bar)."""
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        width = (
            inner.minimumSizeHint().width()
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )
        return QSize(max(260, width), hint.height())

    # -- building ----------------------------------------------------------------

    def _make_fields(self) -> None:
        self.f_status = _choice("detail_status", Status)
        self.f_grade = _choice("detail_grade", Grade)
        self.f_na = _line("detail_na_justification")
        self.f_practice = _text("detail_current_practice")
        self.f_evidence_notes = _text("detail_evidence_notes")
        self.f_gap = _text("detail_gap")
        self.f_action = _line("detail_action_text")
        self.f_owner = _line("detail_action_owner")
        self.f_due = _line("detail_action_due")
        self.f_due.setPlaceholderText("YYYY-MM-DD")
        self.f_priority = _choice("detail_action_priority", Priority)
        self.f_state = _choice("detail_action_state", ActionState)
        # who verified the action's effectiveness, when, and what was found (read-only: it is
        # recorded on the corrective action, Operate step)
        self.f_verified = QLabel()
        self.f_verified.setObjectName("detail_action_verified")
        self.f_verified.setTextFormat(Qt.TextFormat.PlainText)
        self.f_verified.setWordWrap(True)

    def _connect_fields(self) -> None:
        """Each field stores its finding attribute: combos when picked, lines and texts when left."""
        combos = {
            "status": self.f_status,
            "grade": self.f_grade,
            "action_priority": self.f_priority,
            "action_state": self.f_state,
        }
        for name, combo in combos.items():
            combo.activated.connect(lambda _i, n=name, c=combo: self._commit(n, c.currentData()))
        lines = {
            "na_justification": self.f_na,
            "action_text": self.f_action,
            "action_owner": self.f_owner,
            "action_due": self.f_due,
        }
        for name, line in lines.items():
            line.editingFinished.connect(lambda n=name, w=line: self._commit(n, w.text()))
        texts = {
            "current_practice": self.f_practice,
            "evidence_notes": self.f_evidence_notes,
            "gap": self.f_gap,
        }
        for name, edit in texts.items():
            edit.editingFinished.connect(lambda n=name, w=edit: self._commit(n, w.toPlainText()))

    def _lay_out(self) -> dict[str, QLabel]:
        form = form_layout()
        # a narrow panel (1280 px, the History open) puts labels above their fields
        # instead of scrolling sideways
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        labels = {}
        for key, widget in (
            ("status", self.f_status),
            ("grade", self.f_grade),
            ("na", self.f_na),
            ("practice", self.f_practice),
            ("evidence_notes", self.f_evidence_notes),
            ("evidence", self.evidence_box),
            ("gap", self.f_gap),
            ("action", self.f_action),
            ("owner", self.f_owner),
            ("due", self.f_due),
            ("priority", self.f_priority),
            ("state", self.f_state),
            ("verified", self.f_verified),
        ):
            labels[key] = add_labelled_row(form, widget)
        form.addRow(
            self.error
        )  # one message for the whole form: a refusal may concern several fields
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.title)
        column.addWidget(self.statement)
        column.addWidget(self.guidance)
        column.addLayout(form)
        column.addStretch()
        self.setWidget(inner)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return labels

    def _editors(self) -> tuple[QWidget, ...]:
        return (
            self.f_status,
            self.f_grade,
            self.f_na,
            self.f_practice,
            self.f_evidence_notes,
            self.f_gap,
            self.f_action,
            self.f_owner,
            self.f_due,
            self.f_priority,
            self.f_state,
        )

    # -- texts ---------------------------------------------------------------------

    def retranslate(self) -> None:
        none = self.tr("(none)")
        for i in range(self.f_status.count()):
            self.f_status.setItemText(i, status_label(Status(self.f_status.itemData(i))))
        for i in range(self.f_grade.count()):
            self.f_grade.setItemText(i, grade_label(Grade(self.f_grade.itemData(i))) or none)
        for i in range(self.f_priority.count()):
            self.f_priority.setItemText(
                i, priority_label(Priority(self.f_priority.itemData(i))) or none
            )
        for i in range(self.f_state.count()):
            self.f_state.setItemText(
                i, action_state_label(ActionState(self.f_state.itemData(i))) or none
            )
        labels = {
            "status": self.tr("&Status:"),
            "grade": self.tr("&Finding grade:"),
            "na": self.tr("Why not applicable:"),
            "practice": self.tr("Current &practice:"),
            "evidence_notes": self.tr("E&vidence notes:"),
            "evidence": self.tr("Evidence files:"),
            "gap": self.tr("&Gap:"),
            "action": self.tr("&Action:"),
            "owner": self.tr("&Owner:"),
            "due": self.tr("&Due date:"),
            "priority": self.tr("P&riority:"),
            "state": self.tr("Action s&tate:"),
            "verified": self.tr("Verification:"),
        }
        for key, text in labels.items():
            self._labels[key].setText(text)
        self.evidence_box.retranslate()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.refresh()

    # -- showing -------------------------------------------------------------------

    def current_row(self) -> ChecklistRow | None:
        if self.item_id is None:
            return None
        row = self._model.row_for_item(self.item_id)
        return None if row is None else self._model.rows()[row]

    def show_item(self, item_id: int | None) -> None:
        """Show requirement `item_id` (None: nothing)."""
        self.item_id = item_id
        self.refresh()

    def refresh(self) -> None:
        """Show the requirement shown as it is stored now."""
        r = self.current_row()
        self._loading = True
        try:
            writable = r is not None and not self._c.read_only
            for w in self._editors():
                w.setEnabled(writable)
            self.error.show_message("")
            self.evidence_box.show_item(r.item_id if r else None, writable)
            self._fill(r)
        finally:
            self._loading = False

    def _fill(self, r: ChecklistRow | None) -> None:
        if r is None:
            self.title.setText("")
            self.statement.clear()
            self.statement.hide()
            self.guidance.setText("")
            return
        item = r.item
        self.title.setText(f"{r.ref} {r.title(self.lang)}")
        statement = r.statement(self.lang)
        self.statement.setText(statement)
        self.statement.setVisible(bool(statement))
        self.guidance.setText(r.guidance(self.lang))
        self.f_status.setCurrentIndex(self.f_status.findData(item.status.value))
        self.f_grade.setCurrentIndex(self.f_grade.findData(item.grade.value))
        self.f_na.setText(item.na_justification)
        _set_plain(self.f_practice, item.current_practice)
        _set_plain(self.f_evidence_notes, item.evidence_notes)
        _set_plain(self.f_gap, item.gap)
        self.f_action.setText(item.action.text)
        self.f_owner.setText(item.action.owner)
        self.f_due.setText(item.action.due.isoformat() if item.action.due else "")
        self.f_priority.setCurrentIndex(self.f_priority.findData(item.action.priority.value))
        self.f_state.setCurrentIndex(self.f_state.findData(item.action.state.value))
        self.f_verified.setText(self._verification_text(r))

    def _verification_text(self, r: ChecklistRow) -> str:
        if not r.item.action.text.strip():
            return ""
        v = checklist_service.action_verification(self._c.ws(), r.item_id)
        if v is None:
            return self.tr("Not verified yet (Operate step, corrective actions).")
        by = v.by or self.tr("(not named)")
        if v.effective:
            return (
                self.tr("Verified effective by %1 on %2.")
                .replace("%1", by)
                .replace("%2", v.on.isoformat())
            )
        return (
            self.tr("Found not effective by %1 on %2; the action was reopened.")
            .replace("%1", by)
            .replace("%2", v.on.isoformat())
        )

    def start_editing(self) -> None:
        """Enter in the table: type the current practice."""
        self.f_practice.setFocus()

    # -- edits ---------------------------------------------------------------------

    def _commit(self, name: str, value: object) -> None:
        if self._loading or self.item_id is None or self._c.read_only:
            return
        r = self.current_row()
        if r is None:
            return
        if name == "action_due" and isinstance(value, str):
            value = value.strip() or None
        stored = checklist_service.item_values(r.item).get(name)
        if stored == (value.isoformat() if isinstance(value, dt.date) else value):
            return
        self.assess(self.tr("Assess %1").replace("%1", r.ref), [(r.item_id, {name: value})])

    def assess(self, label: str, changes: Changes) -> bool:
        """One or many items, one service call, one undo step; a refusal shows under the form."""
        self.error.show_message("")
        return self._c.ops.assess(label, changes, on_error=self._refused)

    def _refused(self, exc: QmsError) -> bool:
        self.error.show_error(exc)
        message = self.error.text()
        self.refresh()  # the form goes back to what is stored
        self.error.show_message(message)
        # under the form: scrolled into view once laid out (the message wraps to its height)
        QTimer.singleShot(0, lambda: self.ensureWidgetVisible(self.error))
        return True
