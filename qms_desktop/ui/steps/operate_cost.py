"""The Operate page's quality cost and quality appraisal (issue 11, items 4-5): the ledger with
its currency, totals, shares and ratio to revenue per month and the trend chart; revenue per
month; appraisals with the veto the period's records propose ("apply veto" asks the reason)
and the history per department; the organisation's veto triggers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.quality_cost import CATEGORIES, CURRENCIES
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import ui_language
from qms_desktop.ui.register_panel import RegisterPanel
from qms_desktop.ui.registers_text import choice_label
from qms_desktop.ui.steps.operate import TabGroup, _fill, _table, _Watching

# what the cost figures are read from: the ledger, revenue, and part 1's tokens and payouts
COST_SOURCES = frozenset({"quality_cost", "cost_period", "recovery", "commitment_claim",
                          "complaint", "appraisal", "veto_trigger", "person", "nonconformity"})  # fmt: skip
# prevention, appraisal, internal failure, external failure (as the document's chart)
COLOURS = ("#2f855a", "#2b6cb0", "#d69e2e", "#c53030")


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _pct(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


class CostTrendChart(QWidget):
    """One stacked bar per month, the four PAF categories in their colours, a legend on the
    top line; month labels thin out (every year's January) so they never overlap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._months: list[tuple[str, tuple[float, ...]]] = []
        self._top = 1.0
        self.title = ""
        self.legend: tuple[str, ...] = ()
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(480, 200)

    def set_months(
        self, title: str, legend: tuple[str, ...], months: list[tuple[str, tuple[float, ...]]]
    ) -> None:
        self.title, self.legend, self._months = title, legend, months
        self._top = max((sum(v) for _, v in months), default=0.0) or 1.0
        self.update()

    def months(self) -> list[tuple[str, tuple[float, ...]]]:
        return list(self._months)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        fm = self.fontMetrics()
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        p.setPen(ink)
        p.drawText(4, fm.ascent() + 2, self.title)
        x = 8.0
        line2 = fm.height() + 4
        for name, code in zip(self.legend, COLOURS, strict=False):
            p.fillRect(QRectF(x, line2 + 3, 10, 10), QColor(code))
            p.drawText(int(x + 14), line2 + fm.ascent(), name)
            x += 26 + fm.horizontalAdvance(name)
        top = line2 + fm.height() + 6
        if not self._months:
            p.drawText(
                self.rect().adjusted(0, top, 0, 0),
                int(Qt.AlignmentFlag.AlignCenter),
                QCoreApplication.translate("Operate", "Nothing recorded yet"),
            )
            return
        left = fm.horizontalAdvance(f"{self._top:,.0f}") + 10
        bottom = self.height() - fm.height() - 6
        width = self.width() - left - 6
        p.drawText(QRectF(0, top - fm.height() / 2, left - 4, fm.height()),
                   int(Qt.AlignmentFlag.AlignRight), f"{self._top:,.0f}")  # fmt: skip
        p.drawLine(left, bottom, self.width() - 4, bottom)
        slot = width / len(self._months)
        bar = max(1.0, slot * 0.7)
        scale = (bottom - top) / self._top
        colours = [QColor(c) for c in COLOURS]
        room = fm.horizontalAdvance("2026-03") + 8
        every = 1 if slot >= room else (3 if slot * 3 >= room else 12)
        for i, (month, values) in enumerate(self._months):
            x0 = left + i * slot + (slot - bar) / 2
            base = float(bottom)
            for value, colour in zip(values, colours, strict=False):
                if value > 0:
                    h = value * scale
                    p.fillRect(QRectF(x0, base - h, bar, h), colour)
                    base -= h
            if (every == 12 and month.endswith("-01")) or (every != 12 and i % every == 0):
                shown = month[:4] if every == 12 else month
                p.setPen(ink)
                p.drawText(int(x0), self.height() - 4, shown)


class QualityCostPanel(_Watching):
    """The ledger, the workspace's currency, and below it the months' totals, shares and
    ratio to revenue beside the trend chart. Recovery tokens and payouts of the complaints
    count as external failure: shown in their own column, read-only (recorded where they are)."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("quality_cost", controller)
        self.currency_label = QLabel()
        self.currency = QComboBox()
        self.currency.setObjectName("cost_currency")
        self.currency.addItems(list(CURRENCIES))
        self.currency.activated.connect(self._choose_currency)
        self.summary = QLabel()
        self.summary.setObjectName("cost_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.strip.addWidget(self.summary, 1)
        self.strip.addWidget(self.currency_label, 0, Qt.AlignmentFlag.AlignTop)
        self.strip.addWidget(self.currency, 0, Qt.AlignmentFlag.AlignTop)
        self.model = QStandardItemModel(self)
        self.totals = _table(self.model, "cost_totals")
        self.chart = CostTrendChart()
        self.chart.setObjectName("cost_trend")
        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(self.totals)
        below.addWidget(self.chart)
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 2)
        column = self.layout()
        assert isinstance(column, QVBoxLayout)
        column.removeWidget(self.register_panel)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("cost_split")
        split.addWidget(self.register_panel)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        column.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.currency_label.setText(self.tr("Currency:"))
        self.currency.setToolTip(
            self.tr("Every amount of quality cost and revenue is in this one currency")
        )

    def _changed(self, changes: ChangeSet) -> None:
        if (changes.registers & COST_SOURCES or changes.profile) and self._c.is_open:
            self.refresh()

    def _choose_currency(self, index: int) -> None:
        code = self.currency.itemText(index)
        self._c.ops.set_currency(self.tr("Set the currency"), code)
        self.refresh()

    def refresh(self) -> None:
        from qms_desktop.services.quality_cost import cost_summary, workspace_currency

        currency = workspace_currency(self._c.ws())
        self.currency.setCurrentText(currency)
        self.currency.setEnabled(not self._c.read_only)
        s = cost_summary(self._c.ws())
        names = [choice_label(c) for c in CATEGORIES]
        if not s.periods:
            self.summary.setText(
                self.tr(
                    "Record quality costs per month in the four categories of the "
                    "quality-cost literature (prevention, appraisal, internal and external "
                    "failure). Recovery tokens and commitment payouts count as external "
                    "failure by themselves."
                )  # fmt: skip
            )
        else:
            comma = "，" if ui_language().startswith("zh") else ", "
            shares = comma.join(
                f"{n} {_pct(s.shares[c])}" for n, c in zip(names, CATEGORIES, strict=True)
            )
            ratio = (
                self.tr("ratio to revenue %1").replace("%1", _pct(s.ratio, 2))
                if s.ratio is not None
                else self.tr("no revenue recorded: no ratio to revenue")
            )
            lines = [
                self.tr("All months: %1 %2 — %3; %4.")
                .replace("%1", _money(s.total)).replace("%2", currency)
                .replace("%3", shares).replace("%4", ratio)
            ]  # fmt: skip
            if s.derived_external:
                lines.append(
                    self.tr("Of the external failure, %1 comes from recovery tokens and "
                            "commitment payouts (read from the complaints, not entered here).")
                    .replace("%1", _money(s.derived_external))
                )  # fmt: skip
            if s.months_without_revenue and s.ratio is not None:
                lines.append(
                    self.tr("%1 month(s) without revenue are left out of the ratio.").replace(
                        "%1", str(len(s.months_without_revenue))
                    )
                )
            self.summary.setText("\n".join(lines))
        headers = [self.tr("Month"), *names, self.tr("Total"),
                   self.tr("of which from recovery and payouts"), self.tr("Revenue"),
                   self.tr("Ratio to revenue")]  # fmt: skip
        none = self.tr("no revenue")
        rows = [
            [
                p.period.isoformat()[:7],
                *(f"{_money(p.by_category[c])} ({_pct(p.shares[c], 0)})" for c in CATEGORIES),
                _money(p.total),
                _money(p.derived_external) if p.derived_external else "",
                _money(p.revenue),
                _pct(p.ratio, 2) if p.ratio is not None else none,
            ]
            for p in reversed(s.periods)
        ]
        _fill(self.model, headers, rows)
        self.totals.resizeColumnsToContents()
        self.chart.set_months(
            self.tr("Quality cost per month (%1)").replace("%1", currency),
            tuple(names),
            [(p.period.isoformat()[:7], tuple(p.by_category[c] for c in CATEGORIES))
             for p in s.periods],
        )  # fmt: skip


class AppraisalPanel(_Watching):
    """Appraisals per period and department or person: the veto the period's records propose
    for the one selected (a person decides — "Apply the veto…" asks the reason, and a veto
    without one is refused), and the history of the department."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("appraisal", controller)
        self.proposal = QLabel()
        self.proposal.setObjectName("veto_proposal")
        self.proposal.setWordWrap(True)
        self.proposal.setTextFormat(Qt.TextFormat.PlainText)
        self.apply = QPushButton()
        self.apply.setObjectName("apply_veto")
        self.apply.clicked.connect(lambda: self.apply_veto())
        self.strip.addWidget(self.proposal, 1)
        self.strip.addWidget(self.apply, 0, Qt.AlignmentFlag.AlignTop)
        self.model = QStandardItemModel(self)
        self.history = _table(self.model, "appraisal_history")
        column = self.layout()
        assert isinstance(column, QVBoxLayout)
        column.removeWidget(self.register_panel)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.register_panel)
        split.addWidget(self.history)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        column.addWidget(split, 1)
        self.register_panel.recordSelected.connect(lambda *_: self._show_proposal())
        self.ask_reason: Callable[[], tuple[str, bool]] = self._ask_reason
        self.retranslate()

    def retranslate(self) -> None:
        self.apply.setText(self.tr("Apply the veto…"))
        self.apply.setToolTip(
            self.tr("Record that the quality veto applies to this appraisal, with the reason")
        )

    def _changed(self, changes: ChangeSet) -> None:
        if changes.registers & COST_SOURCES and self._c.is_open:
            self.refresh()

    def refresh(self) -> None:
        from qms_desktop.services.quality_cost import appraisal_history, veto_proposals

        self._proposals = veto_proposals(self._c.ws())
        yes, no = self.tr("yes"), self.tr("no")
        rows = []
        for dept, records in sorted(appraisal_history(self._c.ws()).items()):
            for r in reversed(records):
                v = r.values
                proposed = self._proposals.get(r.id)
                rows.append([
                    dept or self.tr("(no department)"),
                    str(v["period"] or "")[:10],
                    "" if v["score"] is None else f"{float(v['score']):g}",  # type: ignore[arg-type]
                    yes if proposed is not None and proposed.proposed else no,
                    yes if v["veto_applied"] == "yes" else no,
                    str(v["economic_effect"] or "").replace("\n", " ")[:80],
                ])  # fmt: skip
        _fill(self.model, [self.tr("Department"), self.tr("Period"), self.tr("Score"),
                           self.tr("Veto proposed"), self.tr("Veto applied"),
                           self.tr("Economic effect")], rows)  # fmt: skip
        self.history.resizeColumnsToContents()
        self._show_proposal()

    def _show_proposal(self) -> None:
        from qms_desktop.services.quality_cost import proposal_text

        current = self.register_panel.current_record()
        proposals = getattr(self, "_proposals", {})
        if current is None or current.id not in proposals:
            self.proposal.setText(
                self.tr(
                    "Select an appraisal to see whether its period's records propose the "
                    "quality veto."
                )  # fmt: skip
            )
            self.proposal.setStyleSheet("")
            self.apply.setEnabled(False)
            return
        p = proposals[current.id]
        self.proposal.setText("\n".join(proposal_text(p, ui_language())))
        self.proposal.setStyleSheet("color: #c53030;" if p.proposed else "")
        self.apply.setEnabled(not self._c.read_only and current.values["veto_applied"] != "yes")

    def _ask_reason(self) -> tuple[str, bool]:
        return QInputDialog.getMultiLineText(
            self,
            self.tr("Apply the quality veto"),
            self.tr("Why does the veto apply? (the record or event it rests on)"),
        )

    def apply_veto(self) -> bool:
        """Ask the reason and record the veto as applied (with the trigger the records hit);
        an empty reason is refused by the service, shown like any refusal."""
        current = self.register_panel.current_record()
        if current is None:
            return False
        reason, ok = self.ask_reason()
        if not ok:
            return False
        p = getattr(self, "_proposals", {}).get(current.id)
        new: dict[str, object] = {"veto_applied": "yes", "veto_reason": reason}
        if p is not None and p.hits and current.values["trigger"] is None:
            new["trigger"] = p.hits[0].trigger.record_id
        old = {k: current.values[k] for k in new}
        return self._c.ops.edit_record(
            self.tr("Apply the quality veto"), "appraisal", current.id, old, new
        )


def cost_and_appraisal(c: WorkspaceController) -> TabGroup:
    """The page's "Cost and appraisal" tab."""
    return TabGroup(
        "cost_tabs",
        [
            (lambda: QCoreApplication.translate("StepTabs", "Quality cost"), QualityCostPanel(c)),
            (
                lambda: QCoreApplication.translate("StepTabs", "Revenue per month"),
                RegisterPanel("cost_period", c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Appraisal and veto"),
                AppraisalPanel(c),
            ),
            (
                lambda: QCoreApplication.translate("StepTabs", "Veto triggers"),
                RegisterPanel("veto_trigger", c),
            ),
        ],
    )
