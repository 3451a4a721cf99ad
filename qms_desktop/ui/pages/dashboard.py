"""The dashboard: the organisation, the eight steps' progress, and what to do next."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.messages import Message
from qms_desktop.domain.steps import ShownStatus, Step, StepSummary, overall_progress
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui import snapshot
from qms_desktop.ui.charts import ConformityChart
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import ui_language
from qms_desktop.ui.snapshot import DashboardView, GapView, Readiness
from qms_desktop.ui.steps.guidance import guidance_for, shown_status_text, step_title
from qms_desktop.ui.steps.step_page import SHOWN_COLOURS
from qms_desktop.ui.widgets import heading, plain_tip, shrinkable

log = logging.getLogger(__name__)
SCOPE_SHOWN = 400  # characters of the scope shown under the name


class StepCard(QFrame):
    clicked = Signal(str)

    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.setObjectName(f"card_{step.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setObjectName(f"card_status_{step.value}")
        self.warning: Message | None = None
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(True)
        self.bar.setFixedHeight(14)
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(self.status)
        column.addWidget(self.bar)

    def set_summary(self, summary: StepSummary) -> None:
        """The computed status (not started, in progress, ready for sign-off, done), its
        progress, and a warning when a signed-off step's rule no longer holds."""
        self.title.setText(f"{self.step.number}. {step_title(self.step)}")
        colour = SHOWN_COLOURS[summary.status]
        text = f"<span style='color:{colour}'>●</span> {escape(shown_status_text(summary.status))}"
        tip = ""
        if summary.warning is not None:
            text += " <span style='color:#c53030'>⚠</span>"
            tip = summary.warning.text(ui_language())
        elif summary.rule.missing and summary.status is not ShownStatus.DONE:
            tip = "\n".join(m.text(ui_language()) for m in summary.rule.missing[:5])
        self.status.setText(text)
        self.setToolTip(plain_tip(tip))
        self.warning = summary.warning
        self.bar.setValue(round(summary.progress * 100))

    def mouseReleaseEvent(self, event: object) -> None:
        self.clicked.emit(self.step.value)


class DashboardPage(QWidget):
    navigate = Signal(str)
    recordSelected = Signal(str, str)

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self._logo = QLabel()
        self._logo.setFixedSize(72, 72)
        self._org = shrinkable(heading(size_delta=8))
        self._org.setObjectName("dashboard_org")
        self._org.setTextFormat(Qt.TextFormat.PlainText)  # the user's words, never markup
        self._scope = shrinkable(QLabel())
        self._scope.setTextFormat(Qt.TextFormat.PlainText)
        self._scope.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(self._logo)
        names = QVBoxLayout()
        names.addWidget(self._org)
        names.addWidget(self._scope)
        header.addLayout(names, 1)

        self._overall_label = QLabel()
        self._overall = QProgressBar()
        self._overall.setRange(0, 100)
        self._next = QLabel()
        self._next.setWordWrap(True)
        self._next.setObjectName("dashboard_next")
        self._go = QPushButton()
        self._go.setObjectName("dashboard_go")
        self._go.clicked.connect(self._go_next)
        self._warnings = QLabel()
        self._warnings.setObjectName("dashboard_warnings")
        self._warnings.setWordWrap(True)
        self._warnings.hide()
        self._overdue_actions = QLabel()  # corrective actions past their due date
        self._overdue_actions.setObjectName("dashboard_overdue_actions")
        self._overdue_actions.setStyleSheet("color: #c53030;")
        self._overdue_actions.hide()
        next_row = QHBoxLayout()
        next_row.addWidget(self._next, 1)
        next_row.addWidget(self._go)

        self._gap_title = heading(size_delta=2)
        self._gap_summary = QLabel()
        self._gap_summary.setTextFormat(Qt.TextFormat.PlainText)  # holds the checklist's name
        self._gap_summary.setObjectName("dashboard_gap_summary")
        self._gap_summary.setWordWrap(True)
        self.gap_chart = ConformityChart()
        self.gap_chart.setObjectName("dashboard_chart")

        self._steps_title = heading(size_delta=2)
        grid = QGridLayout()
        self._cards: dict[Step, StepCard] = {}
        for i, step in enumerate(Step):
            card = StepCard(step)
            card.clicked.connect(self.navigate)
            self._cards[step] = card
            grid.addWidget(card, i // 4, i % 4)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(header)
        column.addSpacing(8)
        column.addWidget(self._overall_label)
        column.addWidget(self._overall)
        column.addLayout(next_row)
        column.addWidget(self._warnings)
        column.addWidget(self._overdue_actions)
        column.addSpacing(8)
        column.addWidget(self._steps_title)
        column.addLayout(grid)
        column.addSpacing(8)
        column.addWidget(self._gap_title)
        column.addWidget(self._gap_summary)
        column.addWidget(self.gap_chart)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._next_step: Step | None = None

        controller.changed.connect(self._on_changed)
        controller.opened.connect(self._on_opened)
        controller.aboutToClose.connect(self._remember_quietly)
        self.retranslate()

    def retranslate(self) -> None:
        self._overall_label.setText(self.tr("Overall progress through the eight steps"))
        self._steps_title.setText(self.tr("The eight steps"))
        self._go.setText(self.tr("Go to step"))
        self._gap_title.setText(self.tr("Gap checklist"))
        self.gap_chart.set_empty_text(
            self.tr("No requirement assessed yet — start in step 3, Compare.")
        )
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        self.recordSelected.emit("", "")
        super().showEvent(event)  # type: ignore[arg-type]

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.isVisible():  # otherwise the window reloads the page when it is shown
            self.reload()

    def _on_opened(self) -> None:
        # The window shows the dashboard on opening and reloads it then; loading it here
        # too, while the welcome page is still on screen, read everything twice (issue 17).
        if self.isVisible():
            self.reload()

    def commit_pending(self) -> None:
        """The dashboard holds no fields; nothing waits to be stored."""

    def reload(self) -> None:
        if not self._c.is_open:
            return
        view = self.compute_view()
        self.show_view(view)
        snapshot.remember(self._c.ws().path, view)

    def remember(self) -> None:
        """Keep the dashboard of the open workspace for the next start (see ui/snapshot.py),
        unless what is kept already matches the file (computed only when it does not)."""
        if not self._c.is_open:
            return
        path = self._c.ws().path
        if not snapshot.is_current(path):
            snapshot.remember(path, self.compute_view())

    def _remember_quietly(self) -> None:
        try:
            self.remember()
        except Exception:  # noqa: BLE001 - a view not kept never stops a workspace closing
            log.warning("the dashboard was not remembered", exc_info=True)

    def compute_view(self) -> DashboardView:
        """What the dashboard shows, read from the open workspace."""
        from qms_desktop.services.actions import overdue_count

        profile = self._c.profile()
        return DashboardView(
            name=profile.name,
            scope=profile.scope[: SCOPE_SHOWN + 1],
            logo=profile.logo or b"",
            steps=self._c.step_summaries(),
            gap=self._compute_gap(),
            overdue_actions=overdue_count(self._c.ws()),
        )

    def _compute_gap(self) -> GapView | None:
        from qms_desktop.services.checklist import assessment_readiness, assessment_score

        assessments = self._c.assessments()
        if not assessments:
            return None
        latest = assessments[-1]
        overall, by_clause = assessment_score(self._c.ws(), latest.id)
        ready = assessment_readiness(self._c.ws(), latest.id)
        return GapView(
            assessment=latest.name,
            conformity=overall.conformity,
            progress=overall.progress,
            readiness=None
            if ready is None
            else Readiness(
                ready.audit_date.isoformat(),
                ready.open_actions,
                ready.overdue,
                ready.due_after_audit,
            ),
            bars=tuple((c, sc.conformity, sc.progress) for c, sc in by_clause.items()),
        )

    def show_view(self, view: DashboardView) -> None:
        """Put `view` on screen: computed now, or remembered from the last time (start-up)."""
        summaries = view.steps
        progress = {step: s.progress for step, s in summaries.items()}
        self._org.setText(view.name)
        scope = view.scope
        self._scope.setText(scope[:SCOPE_SHOWN] + ("…" if len(scope) > SCOPE_SHOWN else ""))
        if view.logo:
            pix = QPixmap()
            pix.loadFromData(view.logo)
            self._logo.setPixmap(
                pix.scaled(
                    72,
                    72,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self._logo.clear()
        self._overall.setValue(round(100 * overall_progress(progress)))
        for step, card in self._cards.items():
            card.set_summary(summaries[step])
        self._show_gap(view.gap)
        late = view.overdue_actions
        self._overdue_actions.setVisible(late > 0)
        self._overdue_actions.setText(
            self.tr("⚠ %1 overdue corrective actions").replace("%1", str(late))
        )
        self._next_step = next(
            (s for s in Step if summaries[s].status is not ShownStatus.DONE), None
        )
        if self._next_step is None:
            self._next.setText(
                self.tr(
                    "All eight steps are done. Keep the system running: audit, review and improve."
                )
            )
            self._go.hide()
        else:
            g = guidance_for(self._next_step)
            where = shown_status_text(summaries[self._next_step].status)
            self._next.setText(
                "<b>"
                + self.tr("Next: step %1 · %2")
                .replace("%1", str(self._next_step.number))
                .replace("%2", g.title)
                + "</b> ("
                + where
                + ")<br>"
                + g.purpose
            )
            self._go.show()
        warned = [s for s in Step if summaries[s].warning is not None]
        self._warnings.setVisible(bool(warned))
        self._warnings.setText(
            "<br>".join(
                "<span style='color:#c53030'>⚠ "
                + self.tr("Step %1 · %2 was signed off, but: %3")
                .replace("%1", str(s.number))
                .replace("%2", step_title(s))
                .replace("%3", escape(summaries[s].warning.text(ui_language())))  # type: ignore[union-attr]
                + "</span>"
                for s in warned
            )
        )

    def _show_gap(self, gap: GapView | None) -> None:
        if gap is None:
            self._gap_summary.setText(self.tr("No assessment yet."))
            self.gap_chart.set_bars([])
            return
        conformity = "—" if gap.conformity is None else f"{gap.conformity * 100:.0f}%"
        text = (
            self.tr("%1: conformity %2, %3% of applicable requirements assessed.")
            .replace("%1", gap.assessment)
            .replace("%2", conformity)
            .replace("%3", f"{gap.progress * 100:.0f}")
        )
        ready = gap.readiness
        if ready is not None:
            text += " " + self.tr(
                "Next audit %1 — open actions: %2, overdue: %3, due after the audit: %4."
            ).replace("%1", ready.audit_date).replace("%2", str(ready.open_actions)).replace(
                "%3", str(ready.overdue)
            ).replace("%4", str(ready.due_after_audit))
        self._gap_summary.setText(text)
        self.gap_chart.set_bars(list(gap.bars))

    def _go_next(self) -> None:
        if self._next_step is not None:
            self.navigate.emit(self._next_step.value)
