"""The Operate page's "Circles and culture" tab: QC circles, their improvement projects with
the PDCA stage, quality culture and education activities, and a line counting this year's
circles registered, projects finished and savings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.register_panel import RegisterPanel
from qms_desktop.ui.steps.operate import TabGroup, _Watching

CIRCLE_REGISTERS = frozenset({"qc_circle", "qc_project", "culture_activity"})


class YearSummary(QLabel):
    """Circles registered, projects finished and their savings this calendar year (and the
    year before, for comparison)."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__()
        self._c = controller
        self.setObjectName("circle_year_summary")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def refresh(self, today: dt.date | None = None) -> None:
        from qms_desktop.domain.circles import year_of
        from qms_desktop.services.circles import circle_years

        year = (today or dt.date.today()).year
        rows = circle_years(self._c.ws())
        lines = []
        for y in (year, year - 1):
            r = year_of(rows, y)
            lines.append(
                QCoreApplication.translate(
                    "CirclesPanel",
                    "%1: %2 circle(s) registered, %3 project(s) finished, savings %4",
                )
                .replace("%1", str(y))
                .replace("%2", str(r.circles_registered))
                .replace("%3", str(r.projects_finished))
                .replace("%4", f"{r.savings:,.0f}")
            )
        self.setText("   ·   ".join(lines))


class _CirclePart(_Watching):
    """A register of this tab with the year's summary above it, refreshed when a circle,
    project or activity changes."""

    def __init__(self, key: str, controller: WorkspaceController) -> None:
        super().__init__(key, controller)
        self.summary = YearSummary(controller)
        self.strip.addWidget(self.summary, 1)

    def refresh(self) -> None:
        self.summary.refresh()

    def _changed(self, changes: ChangeSet) -> None:
        if changes.registers & CIRCLE_REGISTERS and self._c.is_open and self.isVisible():
            self.refresh()
        elif changes.registers & CIRCLE_REGISTERS:
            self._stale = True


class CirclesPanel(_CirclePart):
    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("qc_circle", controller)


class ProjectsPanel(_CirclePart):
    """Projects with their PDCA stage (plan, do, check, act) in the table."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("qc_project", controller)


def circles_group(c: WorkspaceController) -> TabGroup:
    """The tab "Circles and culture" of the Operate page."""
    return TabGroup(
        "circle_tabs",
        [
            (lambda: QCoreApplication.translate("StepTabs", "QC circles"), CirclesPanel(c)),
            (lambda: QCoreApplication.translate("StepTabs", "QC projects"), ProjectsPanel(c)),
            (
                lambda: QCoreApplication.translate("StepTabs", "Culture and education"),
                RegisterPanel("culture_activity", c),
            ),
        ],
    )
