"""The gap checklist of one assessment: the assessment and its actions, the conformity
summary and chart, the filters, the section tree, the requirement table and the detail
form; it follows every stored change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from qms_desktop.domain.assessment import Status
from qms_desktop.services.changes import ChangeSet
from qms_desktop.services.checklist_rows import ChecklistRow
from qms_desktop.ui.charts import ConformityChart
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.dialogs import ComparisonDialog
from qms_desktop.ui.lazy import checklist_service
from qms_desktop.ui.models.checklist import (
    STATUS_COLOURS,
    ChecklistFilter,
    ChecklistModel,
    ItemIdRole,
    RowRole,
    status_label,
)
from qms_desktop.ui.steps.compare.assessments import AssessmentPicker
from qms_desktop.ui.steps.compare.detail import DetailForm
from qms_desktop.ui.steps.compare.exchange import ChecklistExchange
from qms_desktop.ui.steps.compare.filters import FilterBar, SectionTree
from qms_desktop.ui.steps.compare.table import ChecklistTable

if TYPE_CHECKING:
    from pathlib import Path

    from qms_desktop.services.checklist import AssessmentInfo, LibraryName, OutlineRow


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
        # whether the rows shown are out of date (another workspace, a change that is not
        # one of rows): a revisit of the page reloads nothing else
        self._stale = True
        self._outline: tuple[list[LibraryName], list[OutlineRow]] = ([], [])
        self.lang = "en"
        self.model = ChecklistModel(self)
        self.proxy = ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build_parts()
        self._expose_parts()
        self._lay_out()
        self._connect()
        self.retranslate()

    # -- building ----------------------------------------------------------------

    def _build_parts(self) -> None:
        self.picker = AssessmentPicker(self._c)
        self.library_button = QPushButton()
        self.library_button.setObjectName("library_button")
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("compare_button")
        self.exchange = ChecklistExchange(self._c, self)
        self.summary = QLabel()
        self.summary.setObjectName("checklist_summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.chart = ConformityChart()
        self.chart.setObjectName("checklist_chart")
        self.filters = FilterBar(self.proxy)
        self.tree = SectionTree(self.proxy)
        self.table = ChecklistTable(self.proxy, row_height=self.fontMetrics().height() + 8)
        self.detail = DetailForm(self._c, self.model)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def _expose_parts(self) -> None:
        """The parts' widgets under the names the window, the tests and the benchmarks use."""
        self.assessment = self.picker.combo
        self.rename_button, self.delete_button = (
            self.picker.rename_button,
            self.picker.delete_button,
        )
        self.search, self.status_filter = self.filters.search, self.filters.status_filter
        self.owner_filter, self.priority_filter = (
            self.filters.owner_filter,
            self.filters.priority_filter,
        )
        self.tree_model = self.tree.tree_model
        self.detail_error = self.detail.error
        self.evidence = self.detail.evidence_box.files

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        parts: tuple[QWidget, ...] = (
            self.picker,
            self.library_button,
            self.compare_button,
            self.exchange,
        )
        for part in parts:
            top.addWidget(part)
        top.addStretch(1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([170, 560, 380])
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        for part in (self.summary, self.chart, self.filters, self.empty):
            column.addWidget(part)
        column.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.picker.chosen.connect(self._load_assessment)
        self.picker.newRequested.connect(self.newAssessmentRequested)
        self.picker.message.connect(self.message)
        self.library_button.clicked.connect(self.addLibraryRequested)
        self.compare_button.clicked.connect(self.show_comparison)
        self.exchange.message.connect(self.message)
        self.exchange.status.connect(self.status)
        self.detail.evidence_box.status.connect(self.status)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.table.statusKey.connect(self.set_status_of_selection)
        self.table.editRequested.connect(self.detail.start_editing)
        self.table.filesDropped.connect(self.detail.evidence_box.attach_paths)
        self._c.changed.connect(self._on_changed)
        self._c.opened.connect(self._mark_stale)
        self._c.closed.connect(self._mark_stale)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.filters.focus_search)

    # -- texts -------------------------------------------------------------------

    def retranslate(self) -> None:
        self.picker.retranslate()
        self.library_button.setText(self.tr("Add library…"))
        self.library_button.setToolTip(
            self.tr("Add your own requirement library (YAML) or an OSCAL catalog (JSON)")
        )
        self.compare_button.setText(self.tr("Compare…"))
        self.compare_button.setToolTip(
            self.tr("What improved and what regressed since an earlier assessment")
        )
        self.exchange.retranslate()
        self.filters.retranslate(self.model.rows())
        self.detail.retranslate()
        self.table.setToolTip(
            self.tr(
                "Keys 0–4 set the status: 0 not assessed, 1 conforming, 2 partially "
                "conforming, 3 nonconforming, 4 not applicable. Enter edits."
            )
        )
        self.empty.setText(
            self.tr(
                "No assessment yet. Add a requirement library and start a baseline "
                "assessment with “New assessment…”."
            )
        )
        self.chart.set_empty_text(
            self.tr("Conformity by clause appears here once requirements are assessed.")
        )
        self._update_summary()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.model.set_language(lang)
        self._show_tree()
        self.detail.set_language(lang)

    # -- loading -----------------------------------------------------------------

    def reload(self) -> None:
        """Show the assessments; the rows are read again only when they may be out of date
        (rows that changed were updated as they changed)."""
        if not self._c.is_open:
            return
        assessments = self._c.assessments()
        shown = self.picker.fill(assessments, keep=self._assessment_id)
        has = bool(assessments)
        self.empty.setVisible(not has)
        self.splitter.setVisible(has)
        self.library_button.setEnabled(not self._c.read_only)
        self.compare_button.setEnabled(len(assessments) > 1)
        self.exchange.set_enabled(has)
        if self._stale or shown != self._assessment_id:
            self._load_assessment(shown)

    def _mark_stale(self) -> None:
        self._stale = True

    def _load_assessment(self, assessment_id: int | None) -> None:
        self._assessment_id = assessment_id
        self._stale = False
        rows = self._c.checklist(assessment_id) if assessment_id is not None else []
        self.model.set_rows(rows)
        self._fill_tree()
        self.filters.fill_owners(self.model.rows())
        self._update_summary()
        if rows:
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self.detail.show_item(None)

    def _fill_tree(self) -> None:
        """Read the sections of the assessment's libraries and show them."""
        info = self.current_assessment() if self._assessment_id is not None else None
        self._outline = (
            ([], [])
            if info is None
            else checklist_service.library_sections(self._c.ws(), info.library_ids)
        )
        self._show_tree()

    def _show_tree(self) -> None:
        names, sections = self._outline
        self.tree.show_libraries([(n.id, n.name(self.lang)) for n in names], sections, self.lang)

    @property
    def assessment_id(self) -> int | None:
        """The assessment shown (None when the workspace has none)."""
        return self._assessment_id

    def current_assessment(self) -> AssessmentInfo | None:
        return self.picker.current_assessment()

    def show_assessment(self, assessment_id: int) -> None:
        self.picker.show_assessment(assessment_id)

    def rename_assessment(self, name: str) -> bool:
        return self.picker.rename_current(name)

    def delete_assessment(self) -> bool:
        """Delete the assessment shown (the caller has asked the user to confirm)."""
        return self.picker.delete_current()

    def show_comparison(self) -> ComparisonDialog | None:
        if self._assessment_id is None:
            return None
        dialog = ComparisonDialog(self._c, self._assessment_id, self)
        dialog.setObjectName("comparison_dialog")
        dialog.open()
        return dialog

    # -- summary -----------------------------------------------------------------

    def _update_summary(self) -> None:
        rows = self.model.rows()
        if not rows:
            self.summary.setText("")
            self.chart.set_bars([])
            return
        s, by_clause = self.model.scores()
        conformity = "—" if s.conformity is None else f"{s.conformity * 100:.0f}%"
        chips = " ".join(
            f"<span style='color:{STATUS_COLOURS[st].name()}'>■</span> {status_label(st)} {s.counts[st]}"
            for st in Status
        )
        self.summary.setText(
            self.tr("<b>Conformity %1</b> · assessed %2 of %3 applicable (%4%)")
            .replace("%1", conformity)
            .replace("%2", str(s.assessed))
            .replace("%3", str(s.applicable))
            .replace("%4", f"{s.progress * 100:.0f}")
            + "<br>"
            + chips
        )
        self.chart.set_bars(
            [(clause, sc.conformity, sc.progress) for clause, sc in by_clause.items()]
        )

    # -- the requirement shown and the status keys ---------------------------------

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = int(current.data(ItemIdRole)) if current.isValid() else None
        self.detail.show_item(item_id)
        if item_id is not None:
            self.recordSelected.emit("assessment_item", str(item_id))

    def current_row(self) -> ChecklistRow | None:
        return self.detail.current_row()

    def shown_rows(self) -> list[ChecklistRow]:
        """The rows the filters leave on screen, in the order shown."""
        return [self.proxy.index(r, 0).data(RowRole) for r in range(self.proxy.rowCount())]

    def set_status_of_selection(self, status: Status) -> None:
        """Keys 0–4: set the status of every selected requirement (one transaction, one undo step)."""
        if self._c.read_only:
            return
        rows = sorted(
            {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        )
        if not rows and self.detail.item_id is not None:
            current = self.model.row_for_item(self.detail.item_id)
            rows = [current] if current is not None else []
        shown = self.model.rows()
        changes: list[tuple[int, dict[str, object]]] = [
            (shown[row].item_id, {"status": status.value})
            for row in rows
            if shown[row].item.status is not status
        ]
        if changes:
            self.detail.assess(
                self.tr("Set status to %1").replace("%1", status_label(status)), changes
            )

    # -- evidence and exchange, for the window and the tests -------------------------

    def save_evidence_copy(self, evidence_id: int, target: Path) -> bool:
        return self.detail.evidence_box.save_copy(evidence_id, target)

    def export_to(self, path: Path) -> int | None:
        return self.exchange.export_to(path)

    def import_from(self, path: Path) -> bool:
        return self.exchange.import_from(path)

    # -- changes -----------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.checklist or changes.libraries:
            self._stale = True
            self.reload()
            return
        if not changes.items or self._assessment_id is None:
            return
        shown = [
            item_id for item_id in changes.items if self.model.row_for_item(item_id) is not None
        ]
        self.model.update_items(checklist_service.item_states(self._c.ws(), shown))
        self._update_summary()
        self.filters.fill_owners(self.model.rows())
        if self.detail.item_id in changes.items:
            self.detail.refresh()
