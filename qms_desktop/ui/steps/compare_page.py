"""Step 3, Compare (对照): the gap checklist — library tree, filtered requirement table,
detail panel; keyboard-first, every edit stored at once and undoable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.assessment import (
    STATUS_KEYS,
    ActionState,
    Grade,
    Priority,
    Status,
    score,
    score_by_clause,
)
from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.filenames import safe_file_name
from qms_desktop.domain.steps import Step
from qms_desktop.services.changes import ChangeSet
from qms_desktop.services.checklist_rows import ChecklistRow

if TYPE_CHECKING:
    from qms_desktop.services.checklist import AssessmentInfo
from qms_desktop.ui.charts import ConformityChart
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.dialogs import ComparisonDialog
from qms_desktop.ui.lazy import lazy
from qms_desktop.ui.models.checklist import (
    COL_REF,
    COL_STATUS,
    COL_TITLE,
    STATUS_COLOURS,
    ChecklistFilter,
    ChecklistModel,
    ItemIdRole,
    RowRole,
    action_state_label,
    grade_label,
    priority_label,
    status_label,
)
from qms_desktop.ui.operations import error_text
from qms_desktop.ui.steps.step_page import StepPage
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit, FieldError, heading

LibraryRole = Qt.ItemDataRole.UserRole + 1
checklist_service = lazy("qms_desktop.services.checklist")
RefRole = Qt.ItemDataRole.UserRole + 2


class ChecklistTable(QTableView):
    """The requirement table: 0–4 set the status, Enter edits, files dropped on a row attach."""

    statusKey = Signal(object)  # Status
    editRequested = Signal()
    filesDropped = Signal(int, list)  # item id, paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in STATUS_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.statusKey.emit(STATUS_KEYS[text])
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editRequested.emit()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasUrls():
            super().dropEvent(event)
            return
        index = self.indexAt(event.position().toPoint())
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if index.isValid() and paths:
            self.filesDropped.emit(int(index.data(ItemIdRole)), paths)
            event.acceptProposedAction()


class EvidenceList(QListWidget):
    filesDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.filesDropped.emit(paths)
            event.acceptProposedAction()


class ChecklistPanel(QWidget):
    """Assessment picker, summary, chart, library tree, requirement table and detail panel."""

    recordSelected = Signal(str, str)
    newAssessmentRequested = Signal()
    addLibraryRequested = Signal()
    message = Signal(str, str)  # title, text: shown in a message box by the window
    status = Signal(str)  # a line for the status bar

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self._assessment_id: int | None = None
        self._item_id: int | None = None
        self._loading = False
        self.lang = "en"

        # -- top: assessment, summary, filters --------------------------------
        self.assessment = QComboBox()
        self.assessment.setObjectName("assessment_combo")
        self.assessment.setMinimumWidth(160)
        self.assessment.currentIndexChanged.connect(self._assessment_chosen)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.newAssessmentRequested)
        self.rename_button = QPushButton()
        self.rename_button.setObjectName("rename_assessment")
        self.rename_button.clicked.connect(self._rename_dialog)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("delete_assessment")
        self.delete_button.clicked.connect(self._delete_dialog)
        self.library_button = QPushButton()
        self.library_button.setObjectName("library_button")
        self.library_button.clicked.connect(self.addLibraryRequested)
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("compare_button")
        self.compare_button.clicked.connect(self.show_comparison)
        self.export_button = QPushButton()
        self.export_button.setObjectName("export_button")
        self.export_button.clicked.connect(self._export_dialog)
        self.import_button = QPushButton()
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(self._import_dialog)
        self.summary = QLabel()
        self.summary.setObjectName("checklist_summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("checklist_search")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.owner_filter = QComboBox()
        self.owner_filter.setObjectName("owner_filter")
        self.priority_filter = QComboBox()
        self.priority_filter.setObjectName("priority_filter")
        self.chart = ConformityChart()
        self.chart.setObjectName("checklist_chart")
        for combo in (self.assessment, self.status_filter, self.owner_filter, self.priority_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        top = QHBoxLayout()
        top.addWidget(self.assessment)
        top.addWidget(self.new_button)
        top.addWidget(self.rename_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.library_button)
        top.addWidget(self.compare_button)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)
        top.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.owner_filter, 1)
        filters.addWidget(self.priority_filter, 1)

        # -- tree and table ----------------------------------------------------
        self.tree_model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("library_tree")
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.selectionModel().currentChanged.connect(self._section_chosen)

        self.model = ChecklistModel(self)
        self.proxy = ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = ChecklistTable()
        self.table.setObjectName("checklist_table")
        self.table.setModel(self.proxy)
        # Rows arrive in library order; sorting starts only when the user clicks a header
        # (sorting 10 000 rows through Python on every load would cost seconds).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_REF, 70)
        self.table.setColumnWidth(COL_STATUS, 150)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.table.statusKey.connect(self.set_status_of_selection)
        self.table.editRequested.connect(self._focus_detail)
        self.table.filesDropped.connect(self._attach_paths)

        # -- detail panel --------------------------------------------------------
        self.detail_title = heading(size_delta=2)
        self.detail_title.setObjectName("detail_title")
        self.detail_guidance = QLabel()
        self.detail_guidance.setWordWrap(True)
        self.detail_guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.f_status = QComboBox()
        self.f_status.setObjectName("detail_status")
        for st in Status:
            self.f_status.addItem("", st.value)
        self.f_grade = QComboBox()
        self.f_grade.setObjectName("detail_grade")
        for g in Grade:
            self.f_grade.addItem("", g.value)
        self.f_na = QLineEdit()
        self.f_na.setObjectName("detail_na_justification")
        self.f_practice = CommitOnLeaveTextEdit()
        self.f_practice.setObjectName("detail_current_practice")
        self.f_evidence_notes = CommitOnLeaveTextEdit()
        self.f_evidence_notes.setObjectName("detail_evidence_notes")
        self.f_gap = CommitOnLeaveTextEdit()
        self.f_gap.setObjectName("detail_gap")
        for w in (self.f_practice, self.f_evidence_notes, self.f_gap):
            w.setTabChangesFocus(True)
            w.setFixedHeight(64)
        self.f_action = QLineEdit()
        self.f_action.setObjectName("detail_action_text")
        self.f_owner = QLineEdit()
        self.f_owner.setObjectName("detail_action_owner")
        self.f_due = QLineEdit()
        self.f_due.setObjectName("detail_action_due")
        self.f_due.setPlaceholderText("YYYY-MM-DD")
        self.f_priority = QComboBox()
        self.f_priority.setObjectName("detail_action_priority")
        for pr in Priority:
            self.f_priority.addItem("", pr.value)
        self.f_state = QComboBox()
        self.f_state.setObjectName("detail_action_state")
        for stt in ActionState:
            self.f_state.addItem("", stt.value)
        self.evidence = EvidenceList()
        self.evidence.setObjectName("evidence_list")
        self.evidence.setFixedHeight(70)
        self.evidence.filesDropped.connect(lambda paths: self._attach_paths(self._item_id or -1, paths))
        self.add_evidence = QPushButton()
        self.add_evidence.clicked.connect(self._pick_evidence)
        self.open_evidence = QPushButton()
        self.open_evidence.clicked.connect(self._save_evidence_copy)
        self.remove_evidence = QPushButton()
        self.remove_evidence.clicked.connect(self._remove_evidence)
        self.detail_error = FieldError()

        combos = {"status": self.f_status, "grade": self.f_grade, "action_priority": self.f_priority,
                  "action_state": self.f_state}
        for name, combo in combos.items():
            combo.activated.connect(lambda _i, n=name, c=combo: self._commit(n, c.currentData()))
        lines = {"na_justification": self.f_na, "action_text": self.f_action, "action_owner": self.f_owner,
                 "action_due": self.f_due}
        for name, line in lines.items():
            line.editingFinished.connect(lambda n=name, w=line: self._commit(n, w.text()))
        texts = {"current_practice": self.f_practice, "evidence_notes": self.f_evidence_notes, "gap": self.f_gap}
        for name, edit in texts.items():
            edit.editingFinished.connect(lambda n=name, w=edit: self._commit(n, w.toPlainText()))

        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        evidence_buttons = QHBoxLayout()
        evidence_buttons.addWidget(self.add_evidence)
        evidence_buttons.addWidget(self.open_evidence)
        evidence_buttons.addWidget(self.remove_evidence)
        evidence_box = QVBoxLayout()
        evidence_box.addWidget(self.evidence)
        evidence_box.addLayout(evidence_buttons)
        evidence_widget = QWidget()
        evidence_widget.setLayout(evidence_box)
        evidence_box.setContentsMargins(0, 0, 0, 0)
        for key, widget in (("status", self.f_status), ("grade", self.f_grade), ("na", self.f_na),
                            ("practice", self.f_practice), ("evidence_notes", self.f_evidence_notes),
                            ("evidence", evidence_widget), ("gap", self.f_gap), ("action", self.f_action),
                            ("owner", self.f_owner), ("due", self.f_due), ("priority", self.f_priority),
                            ("state", self.f_state)):
            label = QLabel()
            label.setBuddy(widget)
            self._labels[key] = label
            form.addRow(label, widget)
        form.addRow(self.detail_error)
        detail_inner = QWidget()
        detail_column = QVBoxLayout(detail_inner)
        detail_column.addWidget(self.detail_title)
        detail_column.addWidget(self.detail_guidance)
        detail_column.addLayout(form)
        detail_column.addStretch()
        self.detail = QScrollArea()
        self.detail.setObjectName("detail_panel")
        self.detail.setWidgetResizable(True)
        self.detail.setWidget(detail_inner)
        self.detail.setMinimumWidth(260)

        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([200, 560, 380])
        self.splitter = splitter

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.summary)
        column.addWidget(self.chart)
        column.addLayout(filters)
        column.addWidget(self.empty)
        column.addWidget(splitter, 1)

        self.search.textChanged.connect(self.proxy.set_text)
        self.status_filter.currentIndexChanged.connect(self._status_filter_changed)
        self.owner_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_owner(self.owner_filter.currentData()))
        self.priority_filter.currentIndexChanged.connect(self._priority_filter_changed)
        controller.changed.connect(self._on_changed)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_search)
        self.retranslate()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- texts ---------------------------------------------------------------

    def retranslate(self) -> None:
        self.assessment.setToolTip(self.tr("Assessment:"))
        self.rename_button.setText(self.tr("Rename…"))
        self.delete_button.setText(self.tr("Delete…"))
        self.new_button.setText(self.tr("New assessment…"))
        self.library_button.setText(self.tr("Add library…"))
        self.library_button.setToolTip(self.tr("Add your own requirement library (YAML) or an OSCAL catalog (JSON)"))
        self.compare_button.setText(self.tr("Compare…"))
        self.compare_button.setToolTip(self.tr("What improved and what regressed since an earlier assessment"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Export the requirements shown (after filtering) to Excel or CSV"))
        self.import_button.setText(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Apply a filled-in checklist from Excel or CSV"))
        self.search.setPlaceholderText(self.tr("Search titles, guidance and notes (Ctrl+F)"))
        self._fill_filter_combos()
        for i in range(self.f_status.count()):
            self.f_status.setItemText(i, status_label(Status(self.f_status.itemData(i))))
        for i in range(self.f_grade.count()):
            self.f_grade.setItemText(i, grade_label(Grade(self.f_grade.itemData(i))) or self.tr("(none)"))
        for i in range(self.f_priority.count()):
            self.f_priority.setItemText(i, priority_label(Priority(self.f_priority.itemData(i))) or self.tr("(none)"))
        for i in range(self.f_state.count()):
            self.f_state.setItemText(i, action_state_label(ActionState(self.f_state.itemData(i))) or self.tr("(none)"))
        labels = {
            "status": self.tr("&Status:"), "grade": self.tr("&Finding grade:"),
            "na": self.tr("Why not applicable:"), "practice": self.tr("Current &practice:"),
            "evidence_notes": self.tr("E&vidence notes:"), "evidence": self.tr("Evidence files:"),
            "gap": self.tr("&Gap:"), "action": self.tr("&Action:"), "owner": self.tr("&Owner:"),
            "due": self.tr("&Due date:"), "priority": self.tr("P&riority:"), "state": self.tr("Action s&tate:"),
        }
        for key, text in labels.items():
            self._labels[key].setText(text)
        self.add_evidence.setText(self.tr("Attach…"))
        self.open_evidence.setText(self.tr("Save a copy…"))
        self.remove_evidence.setText(self.tr("Remove"))
        self.evidence.setToolTip(self.tr("Drop files here to attach them as evidence."))
        self.table.setToolTip(self.tr("Keys 0–4 set the status: 0 not assessed, 1 conforming, 2 partially "
                                      "conforming, 3 nonconforming, 4 not applicable. Enter edits."))
        self.empty.setText(self.tr("No assessment yet. Add a requirement library and start a baseline "
                                   "assessment with “New assessment…”."))
        self.chart.set_empty_text(self.tr("Conformity by clause appears here once requirements are assessed."))
        self._update_summary()

    def _fill_filter_combos(self) -> None:
        current_status = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(self.tr("All statuses"), None)
        self.status_filter.addItem(self.tr("Open findings (partial or nonconforming)"), "open")
        for st in Status:
            self.status_filter.addItem(status_label(st), st.value)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(current_status)))
        self.status_filter.blockSignals(False)
        current_priority = self.priority_filter.currentData()
        self.priority_filter.blockSignals(True)
        self.priority_filter.clear()
        self.priority_filter.addItem(self.tr("All priorities"), None)
        for pr in Priority:
            if pr is not Priority.NONE:
                self.priority_filter.addItem(priority_label(pr), pr.value)
        self.priority_filter.setCurrentIndex(max(0, self.priority_filter.findData(current_priority)))
        self.priority_filter.blockSignals(False)
        self._fill_owner_filter()

    def _fill_owner_filter(self) -> None:
        current = self.owner_filter.currentData()
        owners = sorted({r.item.action.owner for r in self.model.rows() if r.item.action.owner})
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem(self.tr("All owners"), None)
        for owner in owners:
            self.owner_filter.addItem(owner, owner)
        index = self.owner_filter.findData(current)
        self.owner_filter.setCurrentIndex(max(0, index))
        self.owner_filter.blockSignals(False)
        if current is not None and index < 0:
            self.proxy.set_owner(None)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.model.set_language(lang)
        self._fill_tree()
        self._show_item()

    # -- loading ---------------------------------------------------------------

    def reload(self) -> None:
        if not self._c.is_open:
            return
        assessments = self._c.assessments()
        keep = self._assessment_id
        self.assessment.blockSignals(True)
        self.assessment.clear()
        for a in assessments:
            self.assessment.addItem(f"{a.name} ({a.held_on.isoformat()})", a.id)
        index = self.assessment.findData(keep) if keep is not None else -1
        if index < 0 and assessments:
            index = len(assessments) - 1  # the newest
        self.assessment.setCurrentIndex(index)
        self.assessment.blockSignals(False)
        has = bool(assessments)
        self.empty.setVisible(not has)
        self.splitter.setVisible(has)
        self.new_button.setEnabled(not self._c.read_only)
        self.rename_button.setEnabled(has and not self._c.read_only)
        self.delete_button.setEnabled(has and not self._c.read_only)
        self.library_button.setEnabled(not self._c.read_only)
        self.export_button.setEnabled(has)
        self.compare_button.setEnabled(len(assessments) > 1)
        self.import_button.setEnabled(has and not self._c.read_only)
        self._load_assessment(self.assessment.currentData() if has else None)

    def current_assessment(self) -> AssessmentInfo | None:
        return next((a for a in self._c.assessments() if a.id == self._assessment_id), None)

    def _rename_dialog(self) -> None:
        info = self.current_assessment()
        if info is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename the assessment"), self.tr("New name:"),
                                        QLineEdit.EchoMode.Normal, info.name)
        if ok:
            self.rename_assessment(name)

    def rename_assessment(self, name: str) -> bool:
        info = self.current_assessment()
        if info is None or name.strip() == info.name:
            return False
        return self._c.ops.update_assessment(self.tr("Rename %1").replace("%1", info.name), info.id,
                                             {"name": info.name}, {"name": name}, on_error=self._assessment_refused)

    def _delete_dialog(self) -> None:
        info = self.current_assessment()
        if info is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete the assessment"),
            self.tr("Delete “%1” with all its findings and evidence files? Edit ▸ Undo brings it back.")
            .replace("%1", info.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_assessment()

    def delete_assessment(self) -> bool:
        """Delete the assessment shown (the caller has asked the user to confirm)."""
        info = self.current_assessment()
        if info is None:
            return False
        return self._c.ops.delete_assessment(self.tr("Delete %1").replace("%1", info.name), info.id,
                                             on_error=self._assessment_refused)

    def _assessment_refused(self, exc: QmsError) -> bool:
        self.message.emit(self.tr("The change was not made"), error_text(exc))
        return True

    def show_assessment(self, assessment_id: int) -> None:
        index = self.assessment.findData(assessment_id)
        if index >= 0 and index != self.assessment.currentIndex():
            self.assessment.setCurrentIndex(index)  # _assessment_chosen loads it

    def _assessment_chosen(self, _index: int) -> None:
        self._load_assessment(self.assessment.currentData())

    def _load_assessment(self, assessment_id: int | None) -> None:
        self._assessment_id = assessment_id
        rows = self._c.checklist(assessment_id) if assessment_id is not None else []
        self.model.set_rows(rows)
        self._fill_tree()
        self._fill_owner_filter()
        self._update_summary()
        if rows:
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        else:
            self._item_id = None
            self._show_item()

    def _fill_tree(self) -> None:
        self.tree_model.clear()
        if self._assessment_id is None:
            return
        info = next((a for a in self._c.assessments() if a.id == self._assessment_id), None)
        if info is None:
            return
        libraries = {lib.id: lib for lib in checklist_service.workspace_libraries(self._c.ws())}
        root = self.tree_model.invisibleRootItem()
        for library_id in info.library_ids:
            lib = libraries.get(library_id)
            top = QStandardItem(lib.name(self.lang) if lib else library_id)
            top.setData(library_id, LibraryRole)
            top.setData("", RefRole)
            root.appendRow(top)
            parents: dict[str, QStandardItem] = {"": top}
            for row in checklist_service.library_outline(self._c.ws(), library_id):
                if not row.is_section:
                    continue
                node = QStandardItem(f"{row.ref} {row.title(self.lang)}".strip())
                node.setData(library_id, LibraryRole)
                node.setData(row.ref, RefRole)
                parents.get(row.parent_ref, top).appendRow(node)
                parents[row.ref] = node
        self.tree.expandToDepth(0)

    # -- summary ---------------------------------------------------------------

    def _update_summary(self) -> None:
        rows = self.model.rows()
        if not rows:
            self.summary.setText("")
            self.chart.set_bars([])
            return
        items = [r.item for r in rows]
        s = score(items)
        conformity = "—" if s.conformity is None else f"{s.conformity * 100:.0f}%"
        chips = " ".join(
            f"<span style='color:{STATUS_COLOURS[st].name()}'>■</span> {status_label(st)} {s.counts[st]}"
            for st in Status)
        self.summary.setText(self.tr("<b>Conformity %1</b> · assessed %2 of %3 applicable (%4%)")
                             .replace("%1", conformity).replace("%2", str(s.assessed))
                             .replace("%3", str(s.applicable)).replace("%4", f"{s.progress * 100:.0f}")
                             + "<br>" + chips)
        by_clause = score_by_clause(items)
        self.chart.set_bars([(clause, sc.conformity, sc.progress) for clause, sc in by_clause.items()])

    # -- selection and detail -------------------------------------------------

    def _section_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.proxy.set_section(None, None)
            return
        self.proxy.set_section(current.data(LibraryRole), current.data(RefRole))

    def _status_filter_changed(self, _index: int) -> None:
        value = self.status_filter.currentData()
        if value is None:
            self.proxy.set_statuses(None)
        elif value == "open":
            self.proxy.set_statuses({Status.PARTIAL, Status.NONCONFORMING})
        else:
            self.proxy.set_statuses({Status(value)})

    def _priority_filter_changed(self, _index: int) -> None:
        value = self.priority_filter.currentData()
        self.proxy.set_priority(Priority(value) if value else None)

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._item_id = int(current.data(ItemIdRole)) if current.isValid() else None
        self._show_item()
        if self._item_id is not None:
            self.recordSelected.emit("assessment_item", str(self._item_id))

    def current_row(self) -> ChecklistRow | None:
        if self._item_id is None:
            return None
        row = self.model.row_for_item(self._item_id)
        return None if row is None else self.model.rows()[row]

    def _show_item(self) -> None:
        r = self.current_row()
        self._loading = True
        try:
            enabled = r is not None and not self._c.read_only
            for w in (self.f_status, self.f_grade, self.f_na, self.f_practice, self.f_evidence_notes, self.f_gap,
                      self.f_action, self.f_owner, self.f_due, self.f_priority, self.f_state, self.add_evidence,
                      self.remove_evidence):
                w.setEnabled(enabled)
            self.open_evidence.setEnabled(r is not None)
            self.detail_error.show_message("")
            if r is None:
                self.detail_title.setText("")
                self.detail_guidance.setText("")
                self.evidence.clear()
                return
            item = r.item
            self.detail_title.setText(f"{r.ref} {r.title(self.lang)}")
            self.detail_guidance.setText(r.guidance(self.lang))
            self.f_status.setCurrentIndex(self.f_status.findData(item.status.value))
            self.f_grade.setCurrentIndex(self.f_grade.findData(item.grade.value))
            self.f_na.setText(item.na_justification)
            self._set_plain(self.f_practice, item.current_practice)
            self._set_plain(self.f_evidence_notes, item.evidence_notes)
            self._set_plain(self.f_gap, item.gap)
            self.f_action.setText(item.action.text)
            self.f_owner.setText(item.action.owner)
            self.f_due.setText(item.action.due.isoformat() if item.action.due else "")
            self.f_priority.setCurrentIndex(self.f_priority.findData(item.action.priority.value))
            self.f_state.setCurrentIndex(self.f_state.findData(item.action.state.value))
            self._fill_evidence()
        finally:
            self._loading = False

    @staticmethod
    def _set_plain(edit: CommitOnLeaveTextEdit, text: str) -> None:
        if edit.toPlainText() != text:
            edit.setPlainText(text)

    def _fill_evidence(self) -> None:
        self.evidence.clear()
        if self._item_id is None:
            return
        for f in checklist_service.evidence_files(self._c.ws(), self._item_id):
            entry = QListWidgetItem(f"{f.name}  ({f.size / 1024:.0f} KB)")
            entry.setData(Qt.ItemDataRole.UserRole, f.id)
            entry.setData(Qt.ItemDataRole.UserRole + 1, f.name)
            entry.setToolTip(f"SHA-256 {f.sha256}")
            self.evidence.addItem(entry)

    def _focus_detail(self) -> None:
        self.f_practice.setFocus()

    # -- edits -------------------------------------------------------------------

    def _commit(self, name: str, value: object) -> None:
        if self._loading or self._item_id is None or self._c.read_only:
            return
        r = self.current_row()
        if r is None:
            return
        if name == "action_due" and isinstance(value, str):
            value = value.strip() or None
        if checklist_service.item_values(r.item).get(name) == (value.isoformat() if isinstance(value, dt.date)
                                                              else value):
            return
        self._assess(self.tr("Assess %1").replace("%1", r.ref), [(r.item_id, {name: value})])

    def _assess(self, label: str, changes: list[tuple[int, dict[str, object]]]) -> bool:
        """One or many items, one service call, one undo step; a refusal shows under the form."""
        self.detail_error.show_message("")
        return self._c.ops.assess(label, changes, on_error=self._refused)

    def _refused(self, exc: QmsError) -> bool:
        self.detail_error.show_error(exc)
        message = self.detail_error.text()
        self._show_item()  # the form goes back to what is stored
        self.detail_error.show_message(message)
        return True

    def set_status_of_selection(self, status: Status) -> None:
        """Keys 0–4: set the status of every selected requirement (one transaction, one undo step)."""
        if self._c.read_only:
            return
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self._item_id is not None:
            current = self.model.row_for_item(self._item_id)
            rows = [current] if current is not None else []
        shown = self.model.rows()
        changes: list[tuple[int, dict[str, object]]] = [
            (shown[row].item_id, {"status": status.value}) for row in rows if shown[row].item.status is not status]
        if changes:
            self._assess(self.tr("Set status to %1").replace("%1", status_label(status)), changes)

    def _attach_paths(self, item_id: int, paths: list[Path]) -> None:
        if self._c.read_only or item_id < 0:
            return
        for path in paths:
            label = self.tr("Attach %1").replace("%1", path.name)
            if not self._c.ops.attach_evidence(label, item_id, path, on_error=self.detail_error.show_error):
                return

    def _pick_evidence(self) -> None:
        if self._item_id is None:
            return
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach evidence"))
        if files:
            self._attach_paths(self._item_id, [Path(f) for f in files])

    def _selected_evidence_id(self) -> int | None:
        entry = self.evidence.currentItem()
        return int(entry.data(Qt.ItemDataRole.UserRole)) if entry else None

    def _save_evidence_copy(self) -> None:
        evidence_id = self._selected_evidence_id()
        if evidence_id is None:
            return
        stored = self.evidence.currentItem().data(Qt.ItemDataRole.UserRole + 1) or "evidence"
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy of the evidence"), safe_file_name(stored))
        if target:
            self.save_evidence_copy(evidence_id, Path(target))

    def save_evidence_copy(self, evidence_id: int, target: Path) -> bool:
        """Write the evidence file's bytes to `target`, whole or not at all."""
        from qms_desktop.fileio import write_atomically

        def write(tmp: Path) -> None:
            tmp.write_bytes(data)

        try:
            data = checklist_service.evidence_data(self._c.ws(), evidence_id)
            write_atomically(target, write)
        except (QmsError, OSError) as exc:
            self.detail_error.show_message(error_text(exc))
            return False
        self.status.emit(self.tr("Saved a copy as %1").replace("%1", str(target)))
        return True

    def _remove_evidence(self) -> None:
        evidence_id = self._selected_evidence_id()
        if evidence_id is not None and not self._c.read_only:
            name = self.evidence.currentItem().data(Qt.ItemDataRole.UserRole + 1) or ""
            self._c.ops.remove_evidence(self.tr("Remove %1").replace("%1", name), evidence_id,
                                        on_error=self.detail_error.show_error)

    def show_comparison(self) -> ComparisonDialog | None:
        if self._assessment_id is None:
            return None
        dialog = ComparisonDialog(self._c, self._assessment_id, self)
        dialog.setObjectName("comparison_dialog")
        dialog.open()
        return dialog

    # -- exchange -------------------------------------------------------------------

    def shown_rows(self) -> list[ChecklistRow]:
        """The rows the filters leave on screen, in the order shown."""
        return [self.proxy.index(r, 0).data(RowRole) for r in range(self.proxy.rowCount())]

    def _export_dialog(self) -> None:
        if self._assessment_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export checklist"), "checklist.xlsx",
                                              self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int | None:
        from qms_desktop.services.exchange import export_checklist

        try:
            count = export_checklist(self._c.ws(), path, assessment_id=self._assessment_id,
                                     rows=self.shown_rows(), lang=self.lang)
        except (QmsError, OSError) as exc:
            self.message.emit(self.tr("Export failed"), error_text(exc))
            return None
        self.status.emit(self.tr("Exported %1 requirement(s) to %2").replace("%1", str(count))
                         .replace("%2", path.name))
        return count

    def _import_dialog(self) -> None:
        if self._assessment_id is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import checklist"), "",
                                              self.tr("Checklists (*.xlsx *.csv)"))
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> bool:
        if self._assessment_id is None:
            return False

        def refused(exc: QmsError) -> bool:
            self.message.emit(self.tr("Import refused — nothing was changed"), error_text(exc))
            return True

        report = self._c.ops.import_checklist(self.tr("Import %1").replace("%1", path.name), path,
                                              self._assessment_id, on_error=refused)
        if report is None:
            return False
        self.status.emit(self.tr("Imported %1: %2 requirement(s) changed, %3 unchanged")
                         .replace("%1", path.name).replace("%2", str(len(report.changes)))
                         .replace("%3", str(report.unchanged)))
        return True

    # -- changes -------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.checklist or changes.libraries:
            self.reload()
            return
        if not changes.items or self._assessment_id is None:
            return
        shown = [item_id for item_id in changes.items if self.model.row_for_item(item_id) is not None]
        self.model.update_items(checklist_service.item_states(self._c.ws(), shown))
        self._update_summary()
        self._fill_owner_filter()
        if self._item_id in changes.items:
            self._show_item()



class ComparePage(QWidget):
    """Step 3: the checklist, with the step's guidance and sign-off on a second tab."""

    recordSelected = Signal(str, str)

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QTabWidget

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

        self.title.setText(self.tr("Step 3 · %1 — the gap checklist").replace("%1", guidance_for(Step.COMPARE).title))
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


