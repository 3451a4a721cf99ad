"""The assessment picker of the Compare page, with New, Rename and Delete beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from qms_desktop.domain.errors import QmsError
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import error_text
from qms_desktop.ui.steps.compare.filters import compact

if TYPE_CHECKING:
    from qms_desktop.services.checklist import AssessmentInfo


class AssessmentPicker(QWidget):
    """Which assessment the page shows; `chosen` carries its id when the user picks another."""

    chosen = Signal(object)  # assessment id, or None
    newRequested = Signal()
    message = Signal(str, str)  # title, text

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        # as wide as the names (their dates tell assessments apart) where there is room,
        # down to 160 px when the window is narrow; a very long name does not widen it. The
        # width is worked out once per fill (`_fit`): Qt's AdjustToContents measured every
        # entry at each layout, 5 ms of every keystroke in the checklist's search box
        self.combo = compact(QComboBox())
        self.combo.setObjectName("assessment_combo")
        self.combo.setMinimumWidth(160)
        self.combo.setMaximumWidth(400)
        self.combo.currentIndexChanged.connect(
            lambda _i: self.chosen.emit(self.combo.currentData())
        )
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.newRequested)
        self.rename_button = QPushButton()
        self.rename_button.setObjectName("rename_assessment")
        self.rename_button.clicked.connect(self._rename_dialog)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("delete_assessment")
        self.delete_button.clicked.connect(self._delete_dialog)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.combo, self.new_button, self.rename_button, self.delete_button):
            row.addWidget(widget)

    def retranslate(self) -> None:
        self.combo.setToolTip(self.tr("Assessment:"))
        self.rename_button.setText(self.tr("Rename…"))
        self.delete_button.setText(self.tr("Delete…"))
        self.new_button.setText(self.tr("New assessment…"))

    def fill(self, assessments: list[AssessmentInfo], keep: int | None) -> int | None:
        """List `assessments`, still showing `keep` if it is there (else the newest); no
        `chosen` signal. Returns the id shown."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for a in assessments:
            self.combo.addItem(f"{a.name} ({a.held_on.isoformat()})", a.id)
        index = self.combo.findData(keep) if keep is not None else -1
        if index < 0 and assessments:
            index = len(assessments) - 1  # the newest
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        self._fit()
        writable = not self._c.read_only
        self.new_button.setEnabled(writable)
        self.rename_button.setEnabled(bool(assessments) and writable)
        self.delete_button.setEnabled(bool(assessments) and writable)
        return self.combo.currentData() if assessments else None

    def _fit(self) -> None:
        """Room for the longest name, counted in the widths of an "x" (what the combo's
        size policy counts in), at most 400 px."""
        metrics = self.combo.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.combo.itemText(i)) for i in range(self.combo.count())),
            default=0,
        )
        unit = max(1, metrics.horizontalAdvance("x"))
        self.combo.setMinimumContentsLength(max(8, min(-(-widest // unit), 400 // unit)))

    def show_assessment(self, assessment_id: int) -> None:
        index = self.combo.findData(assessment_id)
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)  # `chosen` tells the page to load it

    def current_assessment(self) -> AssessmentInfo | None:
        shown = self.combo.currentData()
        return next((a for a in self._c.assessments() if a.id == shown), None)

    # -- rename and delete -------------------------------------------------------------

    def _rename_dialog(self) -> None:
        info = self.current_assessment()
        if info is None:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("Rename the assessment"),
            self.tr("New name:"),
            QLineEdit.EchoMode.Normal,
            info.name,
        )
        if ok:
            self.rename_current(name)

    def rename_current(self, name: str) -> bool:
        info = self.current_assessment()
        if info is None or name.strip() == info.name:
            return False
        return self._c.ops.update_assessment(
            self.tr("Rename %1").replace("%1", info.name),
            info.id,
            {"name": info.name},
            {"name": name},
            on_error=self._refused,
        )

    def _delete_dialog(self) -> None:
        info = self.current_assessment()
        if info is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete the assessment"),
            self.tr(
                "Delete “%1” with all its findings and evidence files? Edit ▸ Undo brings it back."
            ).replace("%1", info.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("delete_assessment_box")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the assessment's name as written
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        box.deleteLater()
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_current()

    def delete_current(self) -> bool:
        """Delete the assessment shown (the caller has asked the user to confirm)."""
        info = self.current_assessment()
        if info is None:
            return False
        return self._c.ops.delete_assessment(
            self.tr("Delete %1").replace("%1", info.name), info.id, on_error=self._refused
        )

    def _refused(self, exc: QmsError) -> bool:
        self.message.emit(self.tr("The change was not made"), error_text(exc))
        return True
