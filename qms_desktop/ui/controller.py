"""The open workspace as the GUI sees it: its life cycle, reads, the undo stack, the one
road for changes (`ops`) and the one "changes applied" signal every screen listens to."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from qms_desktop.domain.organisation import OrganisationProfile
from qms_desktop.domain.steps import Step, StepState, StepSummary
from qms_desktop.services.identity import default_actor
from qms_desktop.ui.lazy import checklist_service, profile_service, step_service, workspaces_service
from qms_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from qms_desktop.services.checklist import AssessmentInfo, ChecklistRow
    from qms_desktop.services.workspaces import Workspace


class WorkspaceController(QObject):
    changed = Signal(object)  # ChangeSet
    opened = Signal()
    aboutToClose = Signal()  # the workspace is still open: last reads (the dashboard kept)
    closed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.undo_stack = QUndoStack(self)
        self.actor = default_actor()
        self.ops = Operations(self)  # every change goes through here

    # -- life cycle ----------------------------------------------------------

    def open(self, path: Path, read_only: bool = False) -> Workspace:
        ws = workspaces_service.open_workspace(path, read_only=read_only)
        self.close()
        self.workspace = ws
        self.undo_stack.clear()
        self.opened.emit()
        return ws

    def adopt(self, ws: Workspace) -> None:
        self.close()
        self.workspace = ws
        self.undo_stack.clear()
        self.opened.emit()

    def close(self) -> None:
        if self.workspace is None:
            return
        self.aboutToClose.emit()
        self.undo_stack.clear()
        self.workspace.close()
        self.workspace = None
        self.closed.emit()

    @property
    def is_open(self) -> bool:
        return self.workspace is not None

    @property
    def read_only(self) -> bool:
        return self.workspace is None or self.workspace.read_only

    def ws(self) -> Workspace:
        if self.workspace is None:
            raise RuntimeError("no workspace is open")
        return self.workspace

    # -- reads ---------------------------------------------------------------

    def profile(self) -> OrganisationProfile:
        return profile_service.get_profile(self.ws())

    def step_states(self) -> dict[Step, StepState]:
        return step_service.get_step_states(self.ws())

    def step_progress(self) -> dict[Step, float]:
        return step_service.get_step_progress(self.ws())

    def step_summaries(self) -> dict[Step, StepSummary]:
        """Each step's computed status, progress and warning (the services keep them until
        a change touches what a rule reads)."""
        return step_service.step_summaries(self.ws())

    # -- the gap checklist -----------------------------------------------------

    def assessments(self) -> list[AssessmentInfo]:
        return checklist_service.list_assessments(self.ws())

    def checklist(self, assessment_id: int) -> list[ChecklistRow]:
        return checklist_service.checklist_rows(self.ws(), assessment_id)
