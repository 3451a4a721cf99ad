"""The Operate page's internal audit programme (ISO 9001 9.2): the audits register with Start
audit / Complete audit, the findings of the selected audit (its checklist's items, graded and
evidenced here) with "Raise nonconformity", and the year's programme by month and process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.assessment import Grade, Status
from qms_desktop.domain.records import Record
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.models.checklist import grade_label, status_label
from qms_desktop.ui.operations import ui_language
from qms_desktop.ui.steps.operate import TabGroup, _Watching
from qms_desktop.ui.widgets import plain_tip, shrinkable

AUDIT_GRADES = (Grade.NONE, Grade.MAJOR, Grade.MINOR, Grade.OBSERVATION, Grade.OFI)
GRADES_FOR_CONFORMING = (Grade.NONE, Grade.GOOD_PRACTICE, Grade.OFI)
STATUSES = (
    Status.NOT_ASSESSED,
    Status.CONFORMING,
    Status.PARTIAL,
    Status.NONCONFORMING,
    Status.NOT_APPLICABLE,
)


class AuditsPanel(_Watching):
    """The audits register with the actions that run an audit: start it (its checklist is
    drawn from the requirements in scope) and complete it on the day it was held."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("internal_audit", controller)
        self.start_button = QPushButton()
        self.start_button.setObjectName("start_audit")
        self.start_button.clicked.connect(self.start)
        self.held_on = QDateEdit()
        self.held_on.setObjectName("audit_held_on")
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.held_on.setDate(QDate.currentDate())
        self.held_label = QLabel()
        self.complete_button = QPushButton()
        self.complete_button.setObjectName("complete_audit")
        self.complete_button.clicked.connect(self.complete)
        self.note = QLabel()
        self.note.setObjectName("audit_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.strip.addWidget(self.note, 1)
        self.strip.addWidget(self.start_button)
        self.strip.addWidget(self.held_label)
        self.strip.addWidget(self.held_on)
        self.strip.addWidget(self.complete_button)
        self.register_panel.recordSelected.connect(lambda *_: self._enable())
        self.retranslate()

    def retranslate(self) -> None:
        self.start_button.setText(self.tr("Start audit"))
        self.start_button.setToolTip(
            self.tr(
                "Draws the audit's checklist from the requirements in its scope (its clauses, "
                "or the process's requirements) and puts it in progress"
            )
        )
        self.held_label.setText(self.tr("Held on:"))
        self.complete_button.setText(self.tr("Complete audit"))
        self.complete_button.setToolTip(
            self.tr("Completes the audit on the day it was held; every nonconforming finding needs a grade")
        )  # fmt: skip

    def refresh(self) -> None:
        self._enable()

    def _enable(self) -> None:
        record = self.register_panel.current_record()
        status = str(record.values.get("status", "")) if record is not None else ""
        writable = record is not None and not self._c.read_only
        self.start_button.setEnabled(writable and status == "planned")
        self.complete_button.setEnabled(writable and status == "in_progress")
        self.held_on.setEnabled(writable and status == "in_progress")
        if record is not None and isinstance(record.values.get("held_on"), dt.date):
            held = record.values["held_on"]
            assert isinstance(held, dt.date)
            self.held_on.setDate(QDate(held.year, held.month, held.day))
        texts = {
            "planned": self.tr("Planned: start it when the audit begins."),
            "in_progress": self.tr("In progress: grade the findings below, then complete it."),
            "completed": self.tr("Completed."),
            "cancelled": self.tr("Cancelled."),
        }
        self.note.setText(texts.get(status, self.tr("Plan an audit with Add.")))

    def start(self) -> None:
        record = self.register_panel.current_record()
        if record is not None:
            self._c.ops.start_audit(self.tr("Start audit"), record.id)

    def complete(self) -> None:
        record = self.register_panel.current_record()
        if record is not None:
            day = self.held_on.date().toPython()
            assert isinstance(day, dt.date)
            self._c.ops.complete_audit(self.tr("Complete audit"), record.id, day)


class FindingsPanel(QWidget):
    """The findings of one audit: its checklist's requirements with status, grade and
    evidence; the selected one is graded here, evidence attached, a nonconformity raised."""

    COLUMNS = 6

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__()
        self._c = controller
        self.audit_id: int | None = None
        self._items: list[tuple[int, str, Status, Grade, str]] = []
        self._raised: dict[int, int] = {}  # item id -> nonconformity id
        self.setObjectName("audit_findings")
        self.title = shrinkable(QLabel())
        self.title.setObjectName("findings_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.model = QStandardItemModel(0, self.COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("findings_table")
        self.table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.status = QComboBox()
        self.status.setObjectName("finding_status")
        self.status.activated.connect(lambda _i: self._set("status", self.status.currentData()))
        self.grade = QComboBox()
        self.grade.setObjectName("finding_grade")
        for combo in (self.status, self.grade):  # whole words: "Opportunity for improvement"
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.grade.activated.connect(lambda _i: self._set("grade", self.grade.currentData()))
        self.evidence = QLineEdit()
        self.evidence.setObjectName("finding_evidence")
        self.evidence.editingFinished.connect(
            lambda: self._set("evidence_notes", self.evidence.text())
        )
        self.attach = QPushButton()
        self.attach.setObjectName("finding_attach")
        self.attach.clicked.connect(self.attach_file)
        self.raise_nc = QPushButton()
        self.raise_nc.setObjectName("finding_raise_nc")
        self.raise_nc.clicked.connect(self.raise_nonconformity)
        self.status_label, self.grade_label, self.evidence_label = QLabel(), QLabel(), QLabel()
        editor = QHBoxLayout()
        editor.addWidget(self.status_label)
        editor.addWidget(self.status)
        editor.addWidget(self.grade_label)
        editor.addWidget(self.grade)
        editor.addWidget(self.evidence_label)
        editor.addWidget(self.evidence, 1)
        editor.addWidget(self.attach)
        editor.addWidget(self.raise_nc)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.table, 1)
        column.addLayout(editor)
        controller.changed.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.model.setHorizontalHeaderLabels(
            [self.tr("Ref"), self.tr("Requirement"), self.tr("Status"), self.tr("Grade"),
             self.tr("Evidence"), self.tr("Nonconformity")]
        )  # fmt: skip
        self.status_label.setText(self.tr("Status:"))
        self.grade_label.setText(self.tr("Grade:"))
        self.evidence_label.setText(self.tr("Evidence:"))
        self.attach.setText(self.tr("Attach file…"))
        self.raise_nc.setText(self.tr("Raise nonconformity"))
        self.raise_nc.setToolTip(
            self.tr("Adds a nonconformity to the corrective actions, linked to this finding")
        )
        self.status.clear()
        for s in STATUSES:
            self.status.addItem(status_label(s), s.value)
        if self._c.is_open:
            self.show_audit(self.audit_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _changed(self, changes: ChangeSet) -> None:
        if (
            self.audit_id is not None
            and self._c.is_open
            and (
                changes.checklist
                or changes.items
                or changes.registers & {"internal_audit", "nonconformity"}
            )
        ):
            self.show_audit(self.audit_id)

    def show_audit(self, audit_id: int | None) -> None:
        """Show the findings of audit `audit_id` (none: an empty table)."""
        from qms_desktop.domain.errors import QmsError
        from qms_desktop.services import audits
        from qms_desktop.services.checklist import checklist_rows

        self.audit_id = audit_id
        keep = self.current_item()
        rows = []
        info = None
        if audit_id is not None and self._c.is_open:
            try:
                info = audits.audit_info(self._c.ws(), audit_id)
            except QmsError:
                info = None
        self._raised = {}
        if info is not None and info.assessment_id is not None:
            rows = checklist_rows(self._c.ws(), info.assessment_id)
            self._raised = audits.nonconformities_raised(self._c.ws(), info.id)
        if info is None:
            self.title.setText(self.tr("Select an audit to see its findings."))
        elif info.assessment_id is None:
            self.title.setText(
                self.tr("“%1” has not been started: Start audit draws its checklist.")
                .replace("%1", info.title)
            )  # fmt: skip
        else:
            self.title.setText(
                self.tr("Findings of “%1” (%2 requirements in scope)")
                .replace("%1", info.title)
                .replace("%2", str(len(rows)))
            )  # fmt: skip
        lang = ui_language()
        self.model.removeRows(0, self.model.rowCount())
        self._items = []
        for r in rows:
            item = r.item
            files = f" [{len(r.evidence_files)}]" if r.evidence_files else ""
            cells = [r.ref, r.title(lang), status_label(item.status), grade_label(item.grade),
                     item.evidence_notes + files,
                     f"NC-{self._raised[r.item_id]}" if r.item_id in self._raised else ""]  # fmt: skip
            self.model.appendRow([QStandardItem(text) for text in cells])
            self._items.append((r.item_id, r.ref, item.status, item.grade, item.evidence_notes))
        self.table.resizeColumnsToContents()
        for i in range(self.COLUMNS):
            self.table.setColumnWidth(i, min(self.table.columnWidth(i), 320))
        row = next((n for n, it in enumerate(self._items) if it[0] == keep), 0)
        if self._items:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_selected()

    def current_item(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self._items):
            return None
        return self._items[index.row()][0]

    def _show_selected(self) -> None:
        index = self.table.currentIndex()
        found = (
            self._items[index.row()] if index.isValid() and index.row() < len(self._items) else None
        )
        writable = found is not None and not self._c.read_only
        for w in (self.status, self.grade, self.evidence, self.attach, self.raise_nc):
            w.setEnabled(writable)
        if found is None:
            self.evidence.setText("")
            return
        _id, _ref, status, grade, notes = found
        self.status.setCurrentIndex(self.status.findData(status.value))
        self.grade.clear()
        allowed = AUDIT_GRADES if status in (Status.PARTIAL, Status.NONCONFORMING) else (
            GRADES_FOR_CONFORMING if status is Status.CONFORMING else (Grade.NONE,)
        )  # fmt: skip
        for g in allowed:
            self.grade.addItem(grade_label(g) or self.tr("(no grade)"), g.value)
        self.grade.setCurrentIndex(max(self.grade.findData(grade.value), 0))
        self.evidence.setText(notes)
        self.raise_nc.setEnabled(
            writable
            and status in (Status.PARTIAL, Status.NONCONFORMING)
            and _id not in self._raised  # one nonconformity per finding
        )

    def _set(self, name: str, value: object) -> None:
        item_id = self.current_item()
        if item_id is None or self._c.read_only:
            return
        row = self._items[self.table.currentIndex().row()]
        current = {"status": row[2].value, "grade": row[3].value, "evidence_notes": row[4]}
        if current.get(name) == value:
            return
        self._c.ops.assess(self.tr("Grade a finding"), [(item_id, {name: value})])

    def attach_file(self) -> None:
        item_id = self.current_item()
        if item_id is None:
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Attach evidence"))
        if name:
            self._c.ops.attach_evidence(self.tr("Attach evidence"), item_id, Path(name))

    def raise_nonconformity(self) -> Record | None:
        item_id = self.current_item()
        if item_id is None:
            return None
        return self._c.ops.raise_nonconformity(self.tr("Raise nonconformity"), "item", item_id, {})


class AuditProgramme(QWidget):
    """The audits (with Start/Complete) above, the selected audit's findings below."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__()
        self._c = controller
        self.audits = AuditsPanel(controller)
        self.findings = FindingsPanel(controller)
        self.register = self.audits.register
        self.recordSelected = self.audits.recordSelected
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.audits)
        splitter.addWidget(self.findings)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(splitter)
        self.audits.register_panel.recordSelected.connect(lambda *_: self._follow())
        controller.changed.connect(lambda _c: self._follow())

    def _follow(self) -> None:
        record = self.audits.current_record()
        wanted = record.id if record is not None else None
        if self._c.is_open and self.isVisible():
            self.findings.show_audit(wanted)

    def current_record(self) -> Record | None:
        return self.audits.current_record()

    def commit_pending(self) -> None:
        self.audits.commit_pending()

    def reload(self) -> None:
        self.audits.reload()
        self._follow()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._follow()


class ProgrammeYear(QWidget):
    """The year's programme: each process's audits (marked ✓ held, ▶ in progress, ○ planned,
    ✕ cancelled) in the months they are planned, so gaps and clusters show at a glance."""

    MARKS = {"completed": "✓", "in_progress": "▶", "planned": "○", "cancelled": "✕"}

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__()
        self._c = controller
        self.setObjectName("audit_programme_year")
        self.year = QSpinBox()
        self.year.setObjectName("programme_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.model = QStandardItemModel(0, 13, self)
        self.table = QTableView()
        self.table.setObjectName("programme_table")
        self.table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        self.year_label = QLabel()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.caption, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        controller.changed.connect(self._changed)
        self._stale = True
        self.retranslate()

    def retranslate(self) -> None:
        self.year_label.setText(self.tr("Year:"))
        self.caption.setText(
            self.tr("○ planned   ▶ in progress   ✓ completed   ✕ cancelled")
        )  # fmt: skip
        if self._c.is_open:
            self.reload()

    def _changed(self, changes: ChangeSet) -> None:
        if changes.registers & {"internal_audit", "process"}:
            self._stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale and self._c.is_open:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        from qms_desktop.services import audits

        if not self._c.is_open:
            return
        self._stale = False
        rows = audits.programme(self._c.ws(), self.year.value())
        months = [_month(m) for m in range(1, 13)]
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("Process"), *months])
        by_process: dict[str, list[list[str]]] = {}
        for a in rows:
            cells = by_process.setdefault(
                a.process or self.tr("(clauses only)"), [[] for _ in range(12)]
            )
            cells[a.planned_on.month - 1].append(f"{self.MARKS.get(a.status, '?')} {a.title}")
        for process, cells in sorted(by_process.items()):
            line = [QStandardItem(process)]
            for titles in cells:
                cell = QStandardItem("\n".join(titles))
                cell.setToolTip(plain_tip("\n".join(titles)))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                line.append(cell)
            self.model.appendRow(line)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.resizeRowsToContents()


def _month(month: int) -> str:
    """A short month name in the interface language."""
    from PySide6.QtCore import QLocale

    return QLocale().monthName(month, QLocale.FormatType.ShortFormat)


def audits_panel(c: WorkspaceController) -> QWidget:
    """The "Internal audits" part of the "Audit and improvement" tab: the programme (audits
    and the selected one's findings) and the year view."""
    return TabGroup(
        "internal_audit_tabs",
        [
            (
                lambda: QCoreApplication.translate("AuditsPanel", "Audits and findings"),
                AuditProgramme(c),
            ),
            (
                lambda: QCoreApplication.translate("AuditsPanel", "Year programme"),
                ProgrammeYear(c),
            ),
        ],
    )
