"""The Operate page (step 8), the customer's voice: feedback channels, complaints with the
five-step recovery rule's warnings, commitment claims, surveys with SERVQUAL scores,
statistics, results against targets and customers kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPalette,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.records import Record
from qms_desktop.domain.steps import Step
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import ui_language
from qms_desktop.ui.register_panel import RegisterPanel
from qms_desktop.ui.registers_text import choice_label
from qms_desktop.ui.steps.allocate import _RegisterWithExtras
from qms_desktop.ui.steps.tabbed import TabbedStepPage

OPERATE_REGISTERS = frozenset(
    {"complaint", "recovery", "commitment_claim", "survey", "survey_item", "survey_response",
     "result", "customer_period", "objective", "satisfaction_standard", "moment_of_truth",
     "service_item", "feedback_channel", "lesson"}
)  # fmt: skip


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


class BarChart(QWidget):
    """Horizontal bars with their labels and values; negative values (gaps) grow left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, float]] = []
        self.title = ""
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(360, 160)

    def set_bars(self, title: str, bars: list[tuple[str, float]]) -> None:
        self.title, self._bars = title, list(bars)
        self.update()

    def bars(self) -> list[tuple[str, float]]:
        return list(self._bars)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        p.drawText(4, fm.ascent() + 2, self.title)
        if not self._bars:
            p.drawText(
                self.rect(),
                int(Qt.AlignmentFlag.AlignCenter),
                QCoreApplication.translate("Operate", "Nothing recorded yet"),
            )
            return
        label_w = min(self.width() // 3, max(fm.horizontalAdvance(n) for n, _ in self._bars) + 8)
        top = fm.height() + 6
        row_h = max(12.0, min(24.0, (self.height() - top - 4) / len(self._bars)))
        biggest = max(abs(v) for _, v in self._bars) or 1.0
        has_negative = any(v < 0 for _, v in self._bars)
        plot_w = self.width() - label_w - fm.horizontalAdvance("-0.00") - 12
        zero = label_w + (plot_w / 2 if has_negative else 0)
        scale = (plot_w / 2 if has_negative else plot_w) / biggest
        for n, (name, value) in enumerate(self._bars):
            y = top + n * row_h
            p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            p.drawText(QRectF(2, y, label_w - 6, row_h), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       fm.elidedText(name, Qt.TextElideMode.ElideRight, label_w - 6))  # fmt: skip
            w = value * scale
            rect = QRectF(zero + min(0.0, w), y + 2, abs(w), row_h - 4)
            p.fillRect(rect, QColor("#c53030") if value < 0 else QColor("#2b6cb0"))
            shown = f"{value:g}" if float(value).is_integer() else f"{value:.2f}"
            p.drawText(QRectF(rect.right() + 4 if value >= 0 else zero + 4, y, 60, row_h),
                       int(Qt.AlignmentFlag.AlignVCenter), shown)  # fmt: skip


def _table(model: QStandardItemModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


def _fill(model: QStandardItemModel, headers: list[str], rows: list[list[str]]) -> None:
    model.clear()
    model.setHorizontalHeaderLabels(headers)
    for row in rows:
        items = [QStandardItem(text) for text in row]
        for item in items[1:]:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        model.appendRow(items)


def _steps_text(steps: tuple[int, ...]) -> str:
    names = {
        1: QCoreApplication.translate("Operate", "apology"),
        2: QCoreApplication.translate("Operate", "urgent reinstatement"),
        3: QCoreApplication.translate("Operate", "empathy"),
        4: QCoreApplication.translate("Operate", "symbolic atonement"),
        5: QCoreApplication.translate("Operate", "follow-up"),
    }
    separator = "、" if ui_language() == "zh_CN" else ", "  # Chinese lists take the 顿号
    return separator.join(f"{n} {names[n]}" for n in steps)


class TabGroup(QWidget):
    """Several panels under one tab of the page, as a second row of tabs: the page's tabs
    fit 1280 px and every panel stays one Tab and an arrow key away (the tab bars take the
    keyboard focus; Ctrl+Tab and Ctrl+PgDown move within the row that holds the focus). The
    History panel follows the panel shown, as it follows the page's own tabs. Reloading the
    page reloads the panel shown; the others when they are shown (ten years of records
    would otherwise all be read each time the page opens)."""

    recordSelected = Signal(str, str)

    def __init__(self, name: str, parts: list[tuple[Callable[[], str], QWidget]]) -> None:
        super().__init__()
        self.inner = QTabWidget()
        self.inner.setObjectName(name)
        self.inner.setDocumentMode(True)
        self._parts = parts
        self._stale: set[int] = set()
        for _title, w in parts:
            self.inner.addTab(w, "")
            signal = getattr(w, "recordSelected", None)
            if signal is not None:
                signal.connect(self.recordSelected)
        self.inner.currentChanged.connect(self._shown)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(self.inner)
        self.retranslate()

    @property
    def current(self) -> QWidget:
        return self._parts[max(self.inner.currentIndex(), 0)][1]

    @property
    def register(self) -> object:
        return getattr(self.current, "register", None)

    @property
    def history_key(self) -> tuple[str, str] | None:
        return getattr(self.current, "history_key", None)

    def current_record(self) -> object:
        return getattr(self.current, "current_record", lambda: None)()

    def show_part(self, index: int) -> QWidget:
        self.inner.setCurrentIndex(index)
        return self.current

    def _shown(self, index: int) -> None:
        if index in self._stale:
            self._stale.discard(index)
            getattr(self._parts[index][1], "reload", lambda: None)()
        fixed, current = self.history_key, self.current_record()
        key = getattr(self.register, "key", "")
        if fixed is not None:
            self.recordSelected.emit(*fixed)
        elif current is not None:
            self.recordSelected.emit(key, str(getattr(current, "id", "")))
        else:
            self.recordSelected.emit("", "")

    def retranslate(self) -> None:
        for i, (title, _w) in enumerate(self._parts):
            self.inner.setTabText(i, title())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        self._stale = set(range(len(self._parts)))
        if self.isVisible():
            self._shown(max(self.inner.currentIndex(), 0))

    def showEvent(self, event: QShowEvent) -> None:
        if max(self.inner.currentIndex(), 0) in self._stale:
            self._shown(max(self.inner.currentIndex(), 0))
        super().showEvent(event)

    def commit_pending(self) -> None:
        for _t, w in self._parts:
            getattr(w, "commit_pending", lambda: None)()


# -- complaints and recovery ------------------------------------------------------------------


class _Watching(_RegisterWithExtras):
    """A register with its strip, refreshed on Operate changes; read when shown (a page
    opens with one tab shown: the others are read when the user turns to them)."""

    def __init__(self, key: str, controller: WorkspaceController) -> None:
        super().__init__(key, controller)
        self._stale = False
        controller.changed.connect(self._changed)

    def reload(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        super().reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale and self._c.is_open:
            self.reload()
        super().showEvent(event)

    def _changed(self, changes: ChangeSet) -> None:
        if changes.registers & OPERATE_REGISTERS and self._c.is_open:
            self.refresh()


class RecoveryWarnings(QLabel):
    """The closed complaints whose recovery lacks steps their severity needs."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__()
        self._c = controller
        self.setObjectName("recovery_warnings")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def refresh(self) -> None:
        from qms_desktop.services.operate import recovery_warnings

        found = recovery_warnings(self._c.ws())
        self.setStyleSheet("color: #c53030;" if found else "")
        if not found:
            self.setText(QCoreApplication.translate("Operate", "Every closed complaint had the recovery steps it needs "
                             "(disappointed: steps 1–2; angered: all five)."))  # fmt: skip
            return
        lines = [
            QCoreApplication.translate(
                "Operate", "%1 closed complaint(s) lack recovery steps:"
            ).replace("%1", str(len(found)))
        ]
        for w in found[:4]:
            lines.append(f"• {w.label[:60]} — {choice_label(w.severity)}: "
                         + QCoreApplication.translate("Operate", "missing %1").replace("%1", _steps_text(w.missing)))  # fmt: skip
        if len(found) > 4:
            lines.append(
                QCoreApplication.translate("Operate", "… and %1 more").replace(
                    "%1", str(len(found) - 4)
                )
            )
        self.setText("\n".join(lines))


class ComplaintsPanel(_Watching):
    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("complaint", controller)
        self.warnings = RecoveryWarnings(controller)
        self.to_lesson = QPushButton()
        self.to_lesson.setObjectName("complaint_to_lesson")
        self.to_lesson.clicked.connect(self.turn_into_lesson)
        self.strip.addWidget(self.warnings, 1)
        self.strip.addWidget(self.to_lesson, 0, Qt.AlignmentFlag.AlignTop)
        self.register_panel.recordSelected.connect(lambda *_: self._enable())
        self.retranslate()

    def retranslate(self) -> None:
        self.to_lesson.setText(self.tr("Turn the cause into a lesson"))
        self.to_lesson.setToolTip(
            self.tr("Adds a lesson to step 1 (Summarise) from this complaint's cause, linked to it")
        )

    def refresh(self) -> None:
        self.warnings.refresh()
        self._enable()

    def _enable(self) -> None:
        current = self.register_panel.current_record()
        self.to_lesson.setEnabled(current is not None and not self._c.read_only)

    def turn_into_lesson(self) -> None:
        current = self.register_panel.current_record()
        if current is not None:
            self._c.ops.lesson_from_complaint(self.tr("Turn the cause into a lesson"), current.id)


class RecoveryPanel(_Watching):
    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("recovery", controller)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.warnings = RecoveryWarnings(controller)
        column = QVBoxLayout()
        column.addWidget(self.rule)
        column.addWidget(self.warnings)
        self.strip.addLayout(column, 1)
        self.register_panel.companion_edits = self._token_fills  # type: ignore[method-assign]
        self.retranslate()

    def _token_fills(
        self, values: dict[str, object], name: str, value: object
    ) -> dict[str, object]:
        """A token chosen from the catalogue brings its name and its role's limit (what
        the authoriser may grant); the value is then checked against it."""
        if name != "catalogue_token" or not isinstance(value, int):
            return {}
        from qms_desktop.services.registers import list_records

        for token in list_records(self._c.ws(), "recovery_token"):
            if token.id == value:
                return {"token": token.values["token"], "authority_limit": token.values["value_limit"]}  # fmt: skip
        return {}

    def retranslate(self) -> None:
        self.rule.setText(
            self.tr(
                "Five steps: 1 apology, 2 urgent reinstatement, 3 empathy, 4 symbolic "
                "atonement, 5 follow-up. A disappointed customer needs at least steps 1–2; "
                "an angered one all five."
            )  # fmt: skip
        )

    def refresh(self) -> None:
        self.warnings.refresh()


class ClaimsPanel(_Watching):
    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("commitment_claim", controller)
        self.totals = QLabel()
        self.totals.setObjectName("claims_totals")
        self.totals.setWordWrap(True)
        self.strip.addWidget(self.totals, 1)

    def refresh(self) -> None:
        from qms_desktop.services.operate import claims_summary

        c = claims_summary(self._c.ws())
        rate = "—" if c.kept_rate is None else f"{c.kept_rate * 100:.2f}%"
        self.totals.setText(
            self.tr("%1 claim(s), %2 paid, payouts %3; commitment kept on %4 of services")
            .replace("%1", str(c.claims)).replace("%2", str(c.paid))
            .replace("%3", f"{c.payout_total:,.2f}").replace("%4", rate)
        )  # fmt: skip


# -- surveys ----------------------------------------------------------------------------------


class ResponsesPanel(_Watching):
    """The answers of one survey (tens of thousands after a few waves), a page at a time,
    narrowed to respondents by name: the table holds one page, read from the workspace
    when the survey, the filter or the page changes. The survey chosen is also the one an
    import fills. The table is read again on a change only while it is shown, else when it
    is next shown."""

    PAGE = 500

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("survey_response", controller)
        controller.changed.disconnect(self.register_panel._on_changed)  # noqa: SLF001
        self._pending = False
        self.offset = 0
        self.total = 0
        self.register_panel.records_source = self._page
        self.survey_label = QLabel()
        self.survey = QComboBox()
        self.survey.setObjectName("import_survey")
        self.survey.setMinimumContentsLength(18)
        self.survey.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.survey.currentIndexChanged.connect(lambda _i: self._turned())
        self.respondent = QLineEdit()
        self.respondent.setObjectName("respondent_filter")
        self.respondent.setClearButtonEnabled(True)
        self._typing = QTimer(self)  # the filter applied once typing pauses
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.apply_filter)
        self.respondent.textChanged.connect(lambda _t: self._typing.start())
        self.previous = QPushButton()
        self.previous.setObjectName("responses_previous")
        self.previous.clicked.connect(lambda: self.go_to(self.offset - self.PAGE))
        self.next = QPushButton()
        self.next.setObjectName("responses_next")
        self.next.clicked.connect(lambda: self.go_to(self.offset + self.PAGE))
        for arrow in (self.previous, self.next):
            arrow.setMaximumWidth(arrow.fontMetrics().horizontalAdvance("◀") * 3 + 16)
        self.position = QLabel()
        self.position.setObjectName("responses_position")
        self.importer = QPushButton()
        self.importer.setObjectName("import_responses")
        self.importer.clicked.connect(lambda: self.import_file())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.strip.addWidget(self.survey_label)
        self.strip.addWidget(self.survey)
        self.strip.addWidget(self.respondent, 1)
        self.strip.addWidget(self.previous)
        self.strip.addWidget(self.position)
        self.strip.addWidget(self.next)
        self.strip.addWidget(self.importer)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.survey_label.setText(self.tr("Survey"))
        self.respondent.setPlaceholderText(self.tr("Respondent…"))
        self.respondent.setToolTip(
            self.tr("Shows the answers of respondents whose name holds this")
        )
        self.previous.setText(self.tr("◀"))
        self.previous.setToolTip(self.tr("Previous page"))
        self.next.setText(self.tr("▶"))
        self.next.setToolTip(self.tr("Next page"))
        self.importer.setText(self.tr("Import responses…"))
        self.note.setText(
            self.tr(
                "Import: a file with the columns Respondent, Item (its code), Expectation, "
                "Perception, Date, into the survey chosen; all rows or none."
            )  # fmt: skip
        )
        self._show_position()

    def _page(self, ws: object) -> list[Record]:
        from qms_desktop.services.operate import response_page

        sid = self.survey.currentData()
        page = response_page(
            self._c.ws(),
            None if sid is None else int(sid),
            self.respondent.text(),
            self.offset,
            self.PAGE,
        )
        self.offset, self.total = page.offset, page.total
        self._show_position()
        return page.records

    def _show_position(self) -> None:
        if not self.total:
            self.position.setText(self.tr("no answers"))
        else:
            last = min(self.offset + self.PAGE, self.total)
            self.position.setText(
                self.tr("%1–%2 of %3")
                .replace("%1", f"{self.offset + 1:,}")
                .replace("%2", f"{last:,}")
                .replace("%3", f"{self.total:,}")
            )
        self.previous.setEnabled(self.offset > 0)
        self.next.setEnabled(self.offset + self.PAGE < self.total)

    def go_to(self, offset: int) -> None:
        self.offset = max(0, offset)
        if self._c.is_open:
            self.register_panel.reload()

    def apply_filter(self) -> None:
        self._typing.stop()
        self.go_to(0)

    def _turned(self) -> None:
        if not self._loading_surveys:
            self.go_to(0)

    _loading_surveys = False

    def refresh(self) -> None:
        from qms_desktop.services.registers import reference_choices

        keep = self.survey.currentData()
        self._loading_surveys = True
        try:
            self.survey.clear()
            for sid, label in reference_choices(self._c.ws(), "survey"):
                self.survey.addItem(label, sid)
            i = self.survey.findData(keep) if keep is not None else -1
            self.survey.setCurrentIndex(i if i >= 0 else self.survey.count() - 1)
        finally:
            self._loading_surveys = False
        if self.survey.currentData() != keep:
            self.go_to(0)
        self.importer.setEnabled(self.survey.count() > 0 and not self._c.read_only)

    def reload(self) -> None:
        """The surveys first (the page is of the survey chosen), then the page."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.refresh()
        self.register_panel.reload()

    def _changed(self, changes: ChangeSet) -> None:
        mine = {"survey_response"} | self.register_panel._sources  # noqa: SLF001
        if changes.registers & mine and self._c.is_open:
            if self.isVisible():
                self.refresh()
                self.register_panel._on_changed(changes)  # noqa: SLF001
            else:
                self._pending = True
        elif changes.registers & OPERATE_REGISTERS and self._c.is_open and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._pending and self._c.is_open and not self._stale:
            self._pending = False
            self.refresh()
            self.register_panel.reload()
        super().showEvent(event)

    def import_file(self, path: Path | None = None) -> int | None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import responses"), "", self.tr("Spreadsheets (*.xlsx *.csv)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        sid = self.survey.currentData()
        if sid is None:
            return None
        return self._c.ops.import_survey_responses(self.tr("Import responses"), int(sid), path)


class ScoresPanel(QWidget):
    """A survey's SERVQUAL scores per dimension and item, a chart of the dimensions' gaps,
    and the change from another survey."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__()
        self._c = controller
        self.survey = QComboBox()
        self.survey.setObjectName("scores_survey")
        self.earlier = QComboBox()
        self.earlier.setObjectName("scores_earlier")
        for box in (self.survey, self.earlier):  # filled after they are first shown
            box.setMinimumContentsLength(24)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.overall = QLabel()
        self.overall.setObjectName("scores_overall")
        self.model = QStandardItemModel(self)
        self.table = _table(self.model, "scores_table")
        self.chart = BarChart()
        self.chart.setObjectName("scores_chart")
        top = QHBoxLayout()
        self.survey_label, self.earlier_label = QLabel(), QLabel()
        for w in (self.survey_label, self.survey, self.earlier_label, self.earlier):
            top.addWidget(w)
        top.addStretch(1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.split = split
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.note)
        column.addWidget(self.overall)
        column.addWidget(split, 1)
        self.survey.currentIndexChanged.connect(lambda _i: self.show_scores())
        self.earlier.currentIndexChanged.connect(lambda _i: self.show_scores())
        controller.changed.connect(
            lambda ch: (
                self.reload() if ch.registers & OPERATE_REGISTERS and controller.is_open else None
            )
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.survey_label.setText(self.tr("Survey"))
        self.earlier_label.setText(self.tr("Compare with"))
        self.note.setText(
            self.tr(
                "Gap = perception − expectation (P − E), per item and per dimension: the "
                "SERVQUAL convention from the service-quality literature; the method names "
                "the five dimensions but gives no formula. Below zero: expectations not met."
            )  # fmt: skip
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self._c.is_open:
                self.show_scores()
        super().changeEvent(event)

    def reload(self) -> None:
        from qms_desktop.services.registers import reference_choices

        surveys = reference_choices(self._c.ws(), "survey")
        for box, pick_last in ((self.survey, True), (self.earlier, False)):
            keep = box.currentData()
            box.blockSignals(True)
            box.clear()
            if box is self.earlier:
                box.addItem(self.tr("(none)"), None)
            for sid, label in surveys:
                box.addItem(label, sid)
            i = box.findData(keep) if keep is not None else -1
            if i < 0:
                i = box.count() - 1 if pick_last else (box.count() - 2 if box.count() > 2 else 0)
            box.setCurrentIndex(max(i, 0))
            box.blockSignals(False)
        self.show_scores()

    def commit_pending(self) -> None:
        """Nothing is edited here."""

    def _give_the_table_its_width(self) -> None:
        """Scores and their change whole, the chart taking what is left (not less than a
        third): at 1280 px the change column was cut off."""
        total = sum(self.split.sizes()) or self.split.width()
        wanted = _table_width(self.table)
        table = min(wanted, max(total * 2 // 3, total - wanted)) if total else wanted
        self.split.setSizes([table, max(total - table, 1)])

    def show_scores(self) -> None:
        from qms_desktop.services.operate import survey_scores

        sid = self.survey.currentData()
        if sid is None:
            _fill(self.model, [], [])
            self.chart.set_bars(self.tr("Gap per dimension"), [])
            self.overall.setText(self.tr("No survey yet."))
            return
        report = survey_scores(self._c.ws(), int(sid))
        earlier = self.earlier.currentData()
        before = (
            survey_scores(self._c.ws(), int(earlier)).scores if earlier not in (None, sid) else None
        )
        s = report.scores
        headers = [self.tr("Dimension or item"), self.tr("n"), self.tr("Perception"),
                   self.tr("Expectation"), self.tr("Gap P − E"), self.tr("95% interval"),
                   self.tr("Change")]  # fmt: skip
        rows = []
        for dim, sc in s.dimensions.items():
            change = ""
            if before is not None and dim in before.dimensions:
                change = f"{sc.value - before.dimensions[dim].value:+.2f}"
            rows.append(self._row(choice_label(dim), sc, change))
            for iid, isc in s.items.items():
                if report.item_dimensions.get(iid) == dim:
                    rows.append(self._row("    " + report.item_labels[iid], isc, ""))
        _fill(self.model, headers, rows)
        self.table.resizeColumnsToContents()
        self._give_the_table_its_width()
        basis = self.tr("gap") if s.basis == "gap" else self.tr("perception")
        self.overall.setText(
            self.tr("%1 respondents; overall %2 %3, importance-weighted %4")
            .replace("%1", str(s.respondents)).replace("%2", basis)
            .replace("%3", _number(s.overall)).replace("%4", _number(s.weighted))
        )  # fmt: skip
        self.chart.set_bars(
            self.tr("Gap per dimension")
            if s.basis == "gap"
            else self.tr("Perception per dimension"),
            [(choice_label(d), round(sc.value, 2)) for d, sc in s.dimensions.items()],
        )

    @staticmethod
    def _row(name: str, sc: object, change: str) -> list[str]:
        from qms_desktop.domain.operate import Score

        assert isinstance(sc, Score)
        ci = "" if sc.ci_low is None else f"{sc.ci_low:.2f} … {sc.ci_high:.2f}"
        return [name, str(sc.n), _number(sc.perception), _number(sc.expectation),
                _number(sc.gap), ci, change]  # fmt: skip


def _table_width(table: QTableView) -> int:
    """The width that shows every column of `table` whole."""
    columns = sum(table.columnWidth(c) for c in range(table.model().columnCount()))
    frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
    return (
        columns
        + frame
        + (table.verticalHeader().width() if table.verticalHeader().isVisible() else 0)
    )


class SurveysPanel(TabGroup):
    """A survey's scores, the surveys, their items and the responses."""

    def __init__(self, controller: WorkspaceController) -> None:
        self.scores = ScoresPanel(controller)
        self.responses = ResponsesPanel(controller)
        super().__init__(
            "survey_tabs",
            [
                (lambda: QCoreApplication.translate("SurveysPanel", "Scores"), self.scores),
                (
                    lambda: QCoreApplication.translate("SurveysPanel", "Surveys"),
                    RegisterPanel("survey", controller),
                ),
                (
                    lambda: QCoreApplication.translate("SurveysPanel", "Items"),
                    RegisterPanel("survey_item", controller),
                ),
                (lambda: QCoreApplication.translate("SurveysPanel", "Responses"), self.responses),
            ],
        )


# -- statistics, targets, customers -----------------------------------------------------------


class StatisticsPanel(QWidget):
    """Pareto charts of complaints by moment of truth, dimension and service item, and the
    complaints and recoveries per month."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__()
        self._c = controller
        self.by_moment, self.by_dimension, self.by_item = BarChart(), BarChart(), BarChart()
        self.by_moment.setObjectName("pareto_moment")
        self.months = BarChart()
        self.months.setObjectName("complaints_per_month")
        grid = QVBoxLayout(self)
        row = QHBoxLayout()
        for chart in (self.by_moment, self.by_dimension, self.by_item):
            row.addWidget(chart)
        grid.addLayout(row, 1)
        grid.addWidget(self.months, 1)
        controller.changed.connect(
            lambda ch: (
                self.reload() if ch.registers & OPERATE_REGISTERS and controller.is_open else None
            )
        )

    def commit_pending(self) -> None:
        """Nothing is edited here."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._c.is_open:
            self.reload()
        super().changeEvent(event)

    def reload(self) -> None:
        from qms_desktop.services.operate import complaint_statistics

        st = complaint_statistics(self._c.ws())
        none = self.tr("(not named)")

        def bars(
            rows: list[tuple[str, int, float]], labels: bool = False
        ) -> list[tuple[str, float]]:
            return [((choice_label(n) if labels else n) or none, float(c)) for n, c, _ in rows[:8]]

        self.by_moment.set_bars(
            self.tr("Complaints by moment of truth (Pareto)"), bars(st.by_moment)
        )
        self.by_dimension.set_bars(self.tr("by SERVQUAL dimension"), bars(st.by_dimension, True))
        self.by_item.set_bars(self.tr("by service item"), bars(st.by_service_item))
        recovered = st.recoveries_per_month
        self.months.set_bars(
            self.tr("Complaints per month (recovery cases in brackets)"),
            [
                (f"{m} ({recovered.get(m, 0)})", float(n))
                for m, n in list(st.complaints_per_month.items())[-12:]
            ],
        )


class ResultsPanel(_Watching):
    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("result", controller)
        self.model = QStandardItemModel(self)
        self.targets = _table(self.model, "targets_table")
        self.targets.setMaximumHeight(190)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.targets)

    def refresh(self) -> None:
        from qms_desktop.services.operate import results_against_targets

        rows = []
        for t in results_against_targets(self._c.ws()):
            if t.target is None:
                state = self.tr("target does not read as a number — rewrite it, e.g. “≥ 90%”")
            elif t.met is None:
                state = self.tr("no result yet")
            else:
                state = self.tr("met") if t.met else self.tr("not met")
            latest = "" if t.latest is None else f"{t.latest:g} ({t.latest_period})"
            rows.append([t.label, t.target_text, latest, state])
        _fill(self.model, [self.tr("Objective or standard"), self.tr("Target"),
                           self.tr("Latest result"), self.tr("Against the target")], rows)  # fmt: skip
        self.targets.resizeColumnsToContents()


class CustomersPanel(_Watching):
    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("customer_period", controller)
        self.summary = QLabel()
        self.summary.setObjectName("retention_summary")
        self.summary.setWordWrap(True)
        self.strip.addWidget(self.summary, 1)

    def refresh(self) -> None:
        from qms_desktop.domain.operate import retention_value
        from qms_desktop.services.operate import retention

        rows = retention(self._c.ws())
        if not rows:
            self.summary.setText(self.tr("Record customers per month to see retention."))
            return
        last = rows[-1]
        lines = [
            self.tr("Latest month %1: retention %2, %3 complaint(s) per 1 000 services.")
            .replace("%1", str(last.period)[:7])
            .replace("%2", "—" if last.retention is None else f"{last.retention * 100:.1f}%")
            .replace("%3", _number(last.per_thousand))
        ]  # fmt: skip
        from qms_desktop.services.registers import list_records

        periods = list_records(self._c.ws(), "customer_period")
        cost = next(
            (p.values["keep_cost"] for p in reversed(periods) if p.values["keep_cost"]), None
        )
        if cost and last.customers:
            v = retention_value(float(last.customers), float(cost))  # type: ignore[arg-type]
            lines.append(
                self.tr("Assumption (the method's rule of thumb): winning a new customer costs 3–5 "
                        "times keeping one. Keeping one costs %1, so a lost customer costs %2–%3 to "
                        "replace, and one point of retention is worth %4–%5.")
                .replace("%1", f"{float(cost):,.0f}").replace("%2", f"{v.lost_low:,.0f}")  # type: ignore[arg-type]
                .replace("%3", f"{v.lost_high:,.0f}").replace("%4", f"{v.point_low:,.0f}")
                .replace("%5", f"{v.point_high:,.0f}")
            )  # fmt: skip
        self.summary.setText("\n".join(lines))


def _circles_group(c: WorkspaceController) -> QWidget:
    from qms_desktop.ui.steps.operate_circles import circles_group

    return circles_group(c)


def _audit_group(c: WorkspaceController) -> QWidget:
    """Audit and improvement: internal audits, nonconformities and corrective actions,
    management review (each helper's module adds its part, in that order)."""
    from qms_desktop.ui.steps.operate_actions import actions_panel
    from qms_desktop.ui.steps.operate_audits import audits_panel
    from qms_desktop.ui.steps.operate_review import review_panel

    return TabGroup(
        "audit_tabs",
        [
            (lambda: QCoreApplication.translate("StepTabs", "Internal audits"), audits_panel(c)),
            (
                lambda: QCoreApplication.translate("StepTabs", "Corrective actions"),
                actions_panel(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Management review"),
                review_panel(c),
            ),
        ],
    )


def _cost_group(c: WorkspaceController) -> QWidget:
    """Cost and appraisal: quality cost, revenue, appraisal and veto, veto triggers."""
    from qms_desktop.ui.steps.operate_cost import cost_and_appraisal

    return cost_and_appraisal(c)


def operate_page(c: WorkspaceController) -> TabbedStepPage:
    """Seven tabs and the guidance, in one row at 1280 px: the customer's voice (part 1 of
    the step), then running the system (audits, actions, review; cost and appraisal; circles
    and culture). Short titles: the row must fit without scroll arrows."""
    complaints = TabGroup(
        "complaint_tabs",
        [
            (lambda: QCoreApplication.translate("StepTabs", "Complaints"), ComplaintsPanel(c)),
            (lambda: QCoreApplication.translate("StepTabs", "Service recovery"), RecoveryPanel(c)),
            (lambda: QCoreApplication.translate("StepTabs", "Commitment claims"), ClaimsPanel(c)),
            (lambda: QCoreApplication.translate("StepTabs", "Statistics"), StatisticsPanel(c)),
        ],
    )
    customers = TabGroup(
        "customer_tabs",
        [
            (lambda: QCoreApplication.translate("StepTabs", "Customers kept"), CustomersPanel(c)),
            (
                lambda: QCoreApplication.translate("StepTabs", "Feedback channels"),
                RegisterPanel("feedback_channel", c),
            ),
        ],
    )
    page = TabbedStepPage(
        Step.OPERATE,
        c,
        [
            (lambda: QCoreApplication.translate("StepTabs", "Complaints and recovery"), complaints),
            (lambda: QCoreApplication.translate("StepTabs", "Surveys"), SurveysPanel(c)),
            (lambda: QCoreApplication.translate("StepTabs", "Results"), ResultsPanel(c)),
            (lambda: QCoreApplication.translate("StepTabs", "Customers"), customers),
            (
                lambda: QCoreApplication.translate("StepTabs", "Audit and improvement"),
                _audit_group(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Cost and appraisal"),
                _cost_group(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Circles and culture"),
                _circles_group(c),
            ),
        ],
    )
    for view in page.findChildren(QTableView):  # columns fitted to the first rows, not years
        view.horizontalHeader().setResizeContentsPrecision(100)
    return page
