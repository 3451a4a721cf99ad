"""Export a register to Excel or CSV, and import a filled-in or foreign list back: the
Export… and Import… buttons of a register's toolbar, the preview of what an import will
do, and the report of what it did.

Wiring (in the register panel): ``self.exchange = RegisterExchange(key, controller, self)``,
``bar.addWidget(self.exchange)``; it retranslates itself and follows the workspace's
read-only state."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.errors import QmsError
from qms_desktop.services.register_exchange import (
    RegisterImport,
    export_register,
    plan_register_import,
    register_of,
    register_title,
)
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import error_text, ui_language

MAX_LISTED = 200  # rows listed in a preview or report; the counts say the rest
UNSURE = "exchange.csv_encoding_unsure"


def ask_csv_encoding(parent: QWidget, file_name: str) -> str | None:
    """Ask which legacy encoding a CSV is in (cp1252 or GB18030); None when cancelled."""
    from qms_desktop.services.exchange import LEGACY_ENCODINGS

    names = [
        QCoreApplication.translate("Exchange", "Western European (cp1252)"),
        QCoreApplication.translate("Exchange", "Chinese (GB18030)"),
    ]
    chosen, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("Exchange", "Text encoding"),
        QCoreApplication.translate(
            "Exchange", "Which encoding is %1 in? (Saving it as UTF-8 CSV avoids this question.)"
        ).replace("%1", file_name),
        names,
        0,
        False,
    )
    return LEGACY_ENCODINGS[names.index(chosen)] if ok else None


@contextmanager
def readable_copy(path: Path, encoding: str | None) -> Iterator[Path]:
    """`path` itself, or (with an encoding the user chose) a UTF-8 copy of the CSV under the
    same name, removed afterwards."""
    if encoding is None:
        yield path
        return
    from qms_desktop.services.exchange import utf8_copy

    with tempfile.TemporaryDirectory(prefix="qms-import-") as folder:
        yield utf8_copy(path, encoding, Path(folder))


class RegisterExchange(QWidget):
    """Export… and Import… for one register."""

    def __init__(
        self, register_key: str, controller: WorkspaceController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.register = register_of(register_key)
        self._c = controller
        self.last_message: tuple[str, str] | None = None  # (title, text) of the last box shown
        self.confirm = True  # ask before applying (tests switch it off)
        self.choose_encoding: Callable[[str], str | None] = lambda name: ask_csv_encoding(
            self, name
        )
        self.export_button = QPushButton()
        self.export_button.setObjectName(f"export_{register_key}")
        self.export_button.clicked.connect(self._export_dialog)
        self.import_button = QPushButton()
        self.import_button.setObjectName(f"import_{register_key}")
        self.import_button.clicked.connect(self._import_dialog)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        controller.opened.connect(self._follow_state)
        controller.closed.connect(self._follow_state)
        self.retranslate()

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Write this register to Excel or CSV"))
        self.import_button.setText(self.tr("Import…"))
        self.import_button.setToolTip(
            self.tr(
                "Read records from Excel or CSV: rows with a record ID change that record, "
                "rows without one are added; all rows or none"
            )
        )
        self._follow_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _follow_state(self) -> None:
        is_open = self._c.is_open
        self.export_button.setEnabled(is_open)
        self.import_button.setEnabled(is_open and not self._c.read_only)

    # -- export ------------------------------------------------------------------

    def _export_dialog(self) -> None:
        name = register_title(self.register, ui_language())
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export %1").replace("%1", name),
            f"{self.register.key}.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int | None:
        """Write the register to `path` in the interface language; the number of records
        written, or None when it failed (the reason shown)."""
        try:
            with _busy():
                count = export_register(self._c.ws(), self.register.key, path, lang=ui_language())
        except (QmsError, OSError) as exc:
            self._show(self.tr("Export failed"), error_text(exc), QMessageBox.Icon.Warning)
            return None
        return count

    # -- import ------------------------------------------------------------------

    def _import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import into %1").replace("%1", register_title(self.register, ui_language())),
            "",
            self.tr("Spreadsheets (*.xlsx *.csv)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path, encoding: str | None = None) -> RegisterImport | None:
        """Read `path`, show what it would do and, when the user agrees, apply it as one
        undo step; the report shown afterwards. None when refused or cancelled. A CSV whose
        legacy encoding cannot be told is asked about."""
        refused = self.tr("Import refused — nothing was changed")
        try:
            with _busy(), readable_copy(path, encoding) as readable:
                plan = plan_register_import(self._c.ws(), self.register.key, readable)
        except QmsError as exc:
            if exc.code == UNSURE and encoding is None:
                chosen = self.choose_encoding(path.name)
                return None if chosen is None else self.import_from(path, chosen)
            self._show(refused, error_text(exc), QMessageBox.Icon.Warning)
            return None
        except OSError as exc:
            self._show(refused, error_text(exc), QMessageBox.Icon.Warning)
            return None
        if not plan.added and not plan.updated:
            self._show(
                self.tr("Nothing to import"),
                self.tr("%1 holds no change: %2 row(s) are the same as the records.")
                .replace("%1", path.name)
                .replace("%2", str(plan.unchanged)),
                QMessageBox.Icon.Information,
            )
            return None
        if (
            self.confirm
            and ImportPreview(self, plan, path.name).exec() != QDialog.DialogCode.Accepted
        ):
            return None

        def failed(exc: QmsError) -> bool:
            self._show(refused, error_text(exc), QMessageBox.Icon.Warning)
            return True

        with _busy():  # the plan the preview showed, not the file read again
            done = self._c.ops.apply_register_import(
                self.tr("Import %1").replace("%1", path.name), plan, on_error=failed
            )
        if done is None:
            return None
        self._show(
            self.tr("Imported %1").replace("%1", path.name),
            _summary(done) + "\n" + self.tr("Edit ▸ Undo takes the whole import back."),
            QMessageBox.Icon.Information,
        )
        return done

    def _show(self, title: str, text: str, icon: QMessageBox.Icon) -> None:
        self.last_message = (title, text)
        if not self.confirm:
            return  # tests read last_message instead of closing a box
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("register_exchange_box")
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names, values read from the file
        box.exec()


def _summary(plan: RegisterImport) -> str:
    return (
        QCoreApplication.translate(
            "RegisterExchange", "%1 record(s) added, %2 changed, %3 unchanged."
        )
        .replace("%1", str(len(plan.added)))
        .replace("%2", str(len(plan.updated)))
        .replace("%3", str(plan.unchanged))
    )


class ImportPreview(QDialog):
    """What an import will do, row by row, before anything is written."""

    def __init__(self, parent: QWidget, plan: RegisterImport, file_name: str) -> None:
        super().__init__(parent)
        self.setObjectName("register_import_preview")
        self.setWindowTitle(self.tr("Import %1").replace("%1", file_name))
        reg = register_of(plan.register)
        lang = ui_language()
        from qms_desktop.services.register_exchange import field_words

        def label(name: str) -> str:
            words = field_words(reg, reg.field(name))
            return words[1] if lang == "zh_CN" else words[0]

        self.summary = QLabel(_summary(plan))
        self.summary.setWordWrap(True)
        self.rows = QListWidget()
        self.rows.setObjectName("preview_rows")
        for change in plan.updated[:MAX_LISTED]:
            self.rows.addItem(
                self.tr("Row %1: record %2 — %3")
                .replace("%1", str(change.row_number))
                .replace("%2", str(change.record_id))
                .replace("%3", ", ".join(label(n) for n in change.after))
            )
        for record in plan.added[: max(0, MAX_LISTED - len(plan.updated))]:
            self.rows.addItem(self.tr("New: %1").replace("%1", reg.label(record.values)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.rows, 1)
        column.addWidget(buttons)
        self.resize(560, 420)


class _busy:
    """A wait cursor while a file is read or written."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_: object) -> None:
        QGuiApplication.restoreOverrideCursor()
