"""Unexpected exceptions in the GUI: logged with their traceback and shown in a calm dialog
that offers to copy the details — never a silent exit, never a traceback on a console
nobody sees."""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.errors import QmsError
from qms_desktop.identity import app_version
from qms_desktop.logs import log_dir
from qms_desktop.ui.operations import error_text

log = logging.getLogger("qms_desktop.crash")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def error_details(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """What a bug report needs: versions and the traceback."""
    head = (
        f"QMS Desktop {app_version()}{' (bundle)' if getattr(sys, 'frozen', False) else ''}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n\n"
    )
    return head + "".join(traceback.format_exception(kind, exc, tb))


class UnexpectedErrorDialog(QDialog):
    """What went wrong in one sentence, reassurance, and the details to copy."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unexpected_error_dialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        self.details = details
        escaped = summary.replace("&", "&amp;").replace("<", "&lt;")
        self.message = QLabel(
            "<p><b>"
            + self.tr("QMS Desktop met an unexpected problem.")
            + "</b></p>"
            + (f"<p>{escaped}</p>" if escaped else "")
            + "<p>"
            + self.tr(
                "Your work up to the last stored edit is safe, and you can go on working. "
                "The details were written to the log file; if you report the problem, "
                "please include them."
            )
            + "</p>"
        )
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.text = QPlainTextEdit(details)
        self.text.setObjectName("error_details")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setMinimumHeight(160)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy Details"))
        self.copy_button.setObjectName("copy_details")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.log_button = QPushButton(self.tr("Open &Log Folder"))
        self.log_button.clicked.connect(open_log_folder)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


def open_log_folder() -> bool:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class ExceptionReporter(QObject):
    """Installed as sys.excepthook (and threading.excepthook): an exception Qt's event loop
    or a worker thread did not handle is logged, then shown on the GUI thread. While one
    dialog is open, further errors (a failing paint repeats) are logged only."""

    _report = Signal(str, str)

    def __init__(self, parent_widget: Callable[[], QWidget | None] | None = None) -> None:
        super().__init__()
        self._parent_widget = parent_widget or (lambda: None)
        self.dialog: UnexpectedErrorDialog | None = None
        self._previous: tuple[object, object] | None = None
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def handle(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("unexpected error", exc_info=(kind, exc, tb))
        # Our own errors and file errors have a sentence for the user; for anything else the
        # generic sentence would only repeat the dialog's own words.
        summary = error_text(exc) if isinstance(exc, QmsError | OSError) else ""
        self._report.emit(summary, error_details(kind, exc, tb))

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, summary: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = UnexpectedErrorDialog(summary, details, self._parent_widget())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self, _result: int) -> None:
        self.dialog = None
