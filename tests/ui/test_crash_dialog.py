"""An unexpected exception in the GUI is logged with its traceback and shown in a calm
dialog that copies its details — never a silent exit."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from qms_desktop.logs import log_file, setup_logging
from qms_desktop.ui.crash_dialog import ExceptionReporter, UnexpectedErrorDialog
from qms_desktop.ui.main_window import MainWindow


@pytest.fixture
def reporter(window: MainWindow, qtbot) -> Iterator[ExceptionReporter]:
    setup_logging()
    rep = ExceptionReporter(lambda: window)
    # pytest-qt's own hook would fail the test on an exception in a slot; ours takes over
    # for the duration, as in the running app.
    with qtbot.capture_exceptions():
        rep.install()
        try:
            yield rep
        finally:
            rep.uninstall()
            if rep.dialog is not None:
                rep.dialog.close()


def _boom() -> None:
    raise ZeroDivisionError("the chart divided by zero")


def _dialog(qtbot, reporter: ExceptionReporter) -> UnexpectedErrorDialog:
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    return reporter.dialog


def test_an_exception_in_a_slot_shows_the_dialog_logs_and_copies(
    qtbot, window: MainWindow, reporter: ExceptionReporter
) -> None:
    QTimer.singleShot(0, _boom)  # raised inside Qt's event loop, like a broken slot
    dialog = _dialog(qtbot, reporter)

    assert dialog.parent() is window
    assert "unexpected problem" in dialog.message.text()
    assert dialog.message.text().count("safe") == 1  # said once, calmly
    details = dialog.text.toPlainText()
    assert "ZeroDivisionError: the chart divided by zero" in details
    assert "in _boom" in details  # the traceback, not only the message
    assert "QMS Desktop" in details and "Python" in details

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == details

    for handler in logging.getLogger("qms_desktop").handlers:
        handler.flush()
    logged = log_file().read_text(encoding="utf-8")
    assert "unexpected error" in logged
    assert "Traceback" in logged and "ZeroDivisionError: the chart divided by zero" in logged

    assert window.isVisible()  # the app goes on
    dialog.reject()
    qtbot.waitUntil(lambda: reporter.dialog is None)


def test_repeated_errors_open_one_dialog(
    qtbot, window: MainWindow, reporter: ExceptionReporter
) -> None:
    QTimer.singleShot(0, _boom)
    QTimer.singleShot(0, _boom)
    first = _dialog(qtbot, reporter)
    QTimer.singleShot(0, _boom)
    qtbot.wait(50)
    assert reporter.dialog is first
    assert len(window.findChildren(UnexpectedErrorDialog)) == 1


def test_an_exception_in_a_worker_thread_is_shown_on_the_gui_thread(
    qtbot, reporter: ExceptionReporter
) -> None:
    worker = threading.Thread(target=_boom, name="renderer")
    worker.start()
    worker.join()
    dialog = _dialog(qtbot, reporter)
    assert dialog.thread() is QApplication.instance().thread()
    assert "ZeroDivisionError" in dialog.text.toPlainText()


def test_a_file_error_names_the_file_in_the_users_words(qtbot, reporter: ExceptionReporter) -> None:
    def unreadable() -> None:
        raise PermissionError(13, "Permission denied", "/srv/share/<org>.qms")

    QTimer.singleShot(0, unreadable)
    dialog = _dialog(qtbot, reporter)
    # The path is shown as text: its "<" cannot start markup.
    assert "Cannot use the file /srv/share/&lt;org>.qms: Permission denied" in dialog.message.text()


def test_uninstall_restores_the_previous_hooks(window: MainWindow) -> None:
    import sys

    before = (sys.excepthook, threading.excepthook)
    rep = ExceptionReporter(lambda: window)
    rep.install()
    assert sys.excepthook == rep.handle
    rep.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_the_log_rotates_in_the_user_data_folder(tmp_path: Path, monkeypatch) -> None:
    import qms_desktop.logs as logs

    monkeypatch.setenv("QMS_DESKTOP_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    path = setup_logging()
    assert path == tmp_path / "data" / "logs" / "qms-desktop.log"
    log = logging.getLogger("qms_desktop.test")
    for i in range(200):
        log.info("line %d %s", i, "x" * 50)
    files = sorted(p.name for p in path.parent.iterdir())
    assert files[:2] == ["qms-desktop.log", "qms-desktop.log.1"]
    assert len(files) <= 1 + logs.BACKUP_COUNT
    assert all(p.stat().st_size <= 2000 + 200 for p in path.parent.iterdir())
    # A second setup replaces the handler instead of writing every line twice.
    setup_logging()
    handlers = logging.getLogger("qms_desktop").handlers
    assert sum(type(h).__name__ == "_AppLogHandler" for h in handlers) == 1
    monkeypatch.undo()
    setup_logging()  # back to the test sandbox's folder
