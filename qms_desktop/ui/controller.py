"""The open workspace as the GUI sees it: services calls, the undo stack, and one
"changes applied" signal that every screen listens to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from qms_desktop.domain.assessment import ItemAssessment
from qms_desktop.domain.organisation import OrganisationProfile
from qms_desktop.domain.steps import Step, StepState, StepStatus
from qms_desktop.services.identity import default_actor
from qms_desktop.ui.lazy import lazy

if TYPE_CHECKING:
    from qms_desktop.services.checklist import AssessmentInfo, ChecklistRow
    from qms_desktop.storage.workspace import Workspace

checklist_service = lazy("qms_desktop.services.checklist")
profile_service = lazy("qms_desktop.services.profile")
step_service = lazy("qms_desktop.services.steps")
workspaces_service = lazy("qms_desktop.services.workspaces")


class WorkspaceController(QObject):
    changed = Signal(object)  # ChangeSet
    opened = Signal()
    closed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.undo_stack = QUndoStack(self)
        self.actor = default_actor()

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

    # -- writes (called by undo commands) ------------------------------------

    def set_profile(self, **values: object) -> None:
        _, changes = profile_service.update_profile(self.ws(), self.actor, **values)
        self.changed.emit(changes)

    def set_step(self, step: Step, status: StepStatus, signed_off_by: str,
                 signed_off_on: dt.date | None, notes: str) -> None:
        _, changes = step_service.update_step(
            self.ws(), self.actor, step, status=status, signed_off_by=signed_off_by,
            signed_off_on=signed_off_on, notes=notes,
        )
        self.changed.emit(changes)

    # -- the gap checklist -----------------------------------------------------

    def assessments(self) -> list[AssessmentInfo]:
        return checklist_service.list_assessments(self.ws())

    def checklist(self, assessment_id: int) -> list[ChecklistRow]:
        return checklist_service.checklist_rows(self.ws(), assessment_id)

    def assess(self, item_id: int, **values: object) -> ItemAssessment:
        item, changes = checklist_service.assess_requirement(self.ws(), self.actor, item_id, **values)
        self.changed.emit(changes)
        return item

    def attach_evidence(self, item_id: int, path: Path) -> None:
        _, changes = checklist_service.attach_evidence(self.ws(), self.actor, item_id, path)
        self.changed.emit(changes)

    def remove_evidence(self, evidence_id: int) -> None:
        changes = checklist_service.remove_evidence(self.ws(), self.actor, evidence_id)
        self.changed.emit(changes)
