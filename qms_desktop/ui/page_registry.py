"""Which page shows each navigator entry, built the first time it is shown (so the window
appears fast), and the one contract every page keeps."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QStackedWidget, QWidget

from qms_desktop.domain.steps import Step
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.models.navigator import PAGE_KEYS


@runtime_checkable
class Page(Protocol):
    """What the main window asks of a page: reload from the workspace, store an edit still
    in a field, and a signal naming the record shown (for the History panel). Texts are
    retranslated on QEvent.LanguageChange, which Qt sends every widget."""

    def reload(self) -> None: ...

    def commit_pending(self) -> None: ...


def build_page(key: str, controller: WorkspaceController) -> QWidget:
    """The page for a step (the dashboard and profile are built by the window itself)."""
    step = Step(key)
    if step is Step.COMPARE:
        from qms_desktop.ui.steps.compare import ComparePage

        return ComparePage(controller)
    if step is Step.REFINE:
        from qms_desktop.ui.steps.pages import refine_page

        return refine_page(controller)
    if step in (
        Step.SUMMARISE,
        Step.STUDY,
        Step.PLAN,
        Step.ALLOCATE,
        Step.STRENGTHEN,
        Step.OPERATE,
    ):
        from qms_desktop.ui.steps import pages

        factory = {
            Step.SUMMARISE: pages.summarise_page,
            Step.STUDY: pages.study_page,
            Step.PLAN: pages.plan_page,
            Step.ALLOCATE: pages.allocate_page,
            Step.STRENGTHEN: pages.strengthen_page,
            Step.OPERATE: pages.operate_page,
        }[step]
        return factory(controller)
    from qms_desktop.ui.steps.step_page import StepPage

    return StepPage(step, controller)


class PageStack:
    """The stacked pages, one per navigator row; a placeholder until first shown."""

    def __init__(
        self,
        stack: QStackedWidget,
        controller: WorkspaceController,
        built: dict[int, QWidget],
        on_built: object,
    ) -> None:
        self.stack = stack
        self._c = controller
        self._built = dict(built)
        self._on_built = on_built
        for row in range(len(PAGE_KEYS)):
            stack.addWidget(self._built.get(row) or QWidget())

    def page_at(self, row: int) -> QWidget:
        page = self._built.get(row)
        if page is None:
            page = build_page(PAGE_KEYS[row], self._c)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._built[row] = page
            self._on_built(PAGE_KEYS[row], page)  # type: ignore[operator]
        return page

    def built(self) -> list[QWidget]:
        return list(self._built.values())

    def is_built(self, key: str) -> bool:
        return PAGE_KEYS.index(key) in self._built
