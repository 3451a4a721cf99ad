"""The customer needs (Kano) with what is missing for them to be served: basic needs without
a standard, moments of truth without a standard, owner or recovery plan, SERVQUAL dimensions
without a standard (domain.kano), as a short list above the register."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import ui_language
from qms_desktop.ui.steps.allocate import _RegisterWithExtras

WATCHED = frozenset({"customer_need", "moment_of_truth", "satisfaction_standard"})
SHOWN = 6  # lines of the list; the rest counted


class KanoGapsLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("kano_gaps")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.gaps: list[str] = []

    def show_gaps(self, gaps: list[str]) -> None:
        self.gaps = gaps
        self.setStyleSheet("color: #c53030;" if gaps else "color: #2f855a;")
        if not gaps:
            self.setText(QCoreApplication.translate("Kano", "Nothing missing: every basic need has a standard; every moment of truth a standard, an owner and a recovery plan; every SERVQUAL dimension a standard."))  # fmt: skip
            return
        lines = [
            QCoreApplication.translate("Kano", "Missing for the needs to be served (%1):").replace(
                "%1", str(len(gaps))
            )
        ]
        lines += [f"• {g}" for g in gaps[:SHOWN]]
        if len(gaps) > SHOWN:
            lines.append(
                QCoreApplication.translate("Kano", "… and %1 more").replace(
                    "%1", str(len(gaps) - SHOWN)
                )
            )
        self.setText("\n".join(lines))


class KanoNeedsPanel(_RegisterWithExtras):
    """The customer needs register with the Kano checks above it."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("customer_need", controller)
        self.checks = KanoGapsLabel()
        self.strip.addWidget(self.checks, 1)
        controller.changed.connect(self._changed)

    def refresh(self) -> None:
        from qms_desktop.services.operate import kano_gaps

        lang = ui_language()
        self.checks.show_gaps([g.message.text(lang) for g in kano_gaps(self._c.ws())])

    def _changed(self, changes: ChangeSet) -> None:
        if changes.registers & WATCHED and self._c.is_open:
            self.refresh()
