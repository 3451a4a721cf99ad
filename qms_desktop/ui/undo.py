"""Undo commands: each redo/undo calls a service through the controller."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from qms_desktop.domain.steps import StepState
from qms_desktop.ui.controller import WorkspaceController


class SetProfileField(QUndoCommand):
    def __init__(self, controller: WorkspaceController, field: str, label: str,
                 old: object, new: object) -> None:
        super().__init__(label)
        self._c = controller
        self._field = field
        self._old = old
        self._new = new

    def redo(self) -> None:
        self._c.set_profile(**{self._field: self._new})

    def undo(self) -> None:
        self._c.set_profile(**{self._field: self._old})


class SetStepState(QUndoCommand):
    def __init__(self, controller: WorkspaceController, label: str, old: StepState, new: StepState) -> None:
        super().__init__(label)
        self._c = controller
        self._old = old
        self._new = new

    def _apply(self, s: StepState) -> None:
        self._c.set_step(s.step, s.status, s.signed_off_by, s.signed_off_on, s.notes)

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)


class AssessItem(QUndoCommand):
    """Set fields of one checklist item; undo puts the old values back."""

    def __init__(self, controller: WorkspaceController, label: str, item_id: int,
                 old: dict[str, object], new: dict[str, object]) -> None:
        super().__init__(label)
        self._c = controller
        self.item_id = item_id
        self._old = old
        self._new = new

    def redo(self) -> None:
        self._c.assess(self.item_id, **self._new)

    def undo(self) -> None:
        self._c.assess(self.item_id, **self._old)
