"""The History panel (Ctrl+H): the audit trail of the record on screen."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QTableView, QWidget

from qms_desktop.domain.registers import REGISTERS
from qms_desktop.domain.steps import Step
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.lazy import audit_service
from qms_desktop.ui.models.history import HistoryModel


class HistoryDock(QDockWidget):
    """Follows the record a page reports as selected and lists who changed what and when."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self.setObjectName("history_dock")
        self.model = HistoryModel(self)
        self.view = QTableView()
        self.view.setObjectName("history")
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        self.setWidget(self.view)
        self._key: tuple[str, str] = ("", "")
        self._stale = False
        self.visibilityChanged.connect(self._shown_or_hidden)
        self._register_title = ""
        self._item_ref = ""

    def _shown_or_hidden(self, visible: bool) -> None:
        if visible and self._stale:
            self.refresh()

    def show_for(
        self, entity: str, entity_id: str, *, register_title: str = "", item_ref: str = ""
    ) -> None:
        """Follow `entity`/`entity_id`; the titles name the register tab or requirement shown."""
        self._key = (entity, entity_id)
        self._register_title = register_title
        self._item_ref = item_ref
        self.refresh()
        self.retranslate()

    def refresh(self) -> None:
        """Read the trail again now when the panel is shown, else when it is next shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        entity, entity_id = self._key
        if not self._c.is_open or not entity:
            self.model.set_rows([])
            return
        self.model.set_rows(audit_service.history(self._c.ws(), entity, entity_id))
        self.view.resizeColumnsToContents()

    def clear(self) -> None:
        self._key = ("", "")
        self.model.set_rows([])

    def retranslate(self) -> None:
        entity, entity_id = self._key
        title = self.tr("History")
        if entity == "organisation":
            title = self.tr("History — organisation profile")
        elif entity == "step":
            title = self.tr("History — step %1").replace("%1", str(Step(entity_id).number))
        elif entity == "plan":
            title = self.tr("History — plan design")
        elif entity in REGISTERS:
            title = self.tr("History — %1").replace("%1", self._register_title or entity)
        elif entity == "assessment_item":
            title = self.tr("History — requirement %1").replace("%1", self._item_ref or entity_id)
        self.setWindowTitle(title)
