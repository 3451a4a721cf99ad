"""Help menu: the log folder opens in the file manager; About shows the installed version."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from qms_desktop import __version__
from qms_desktop.logs import log_dir
from qms_desktop.ui.main_window import MainWindow


def test_open_log_folder_shows_the_folder_the_log_is_written_to(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    action = window.menus.open_log_folder
    assert action in window.menus.menu_help.actions()
    assert action.text() == "Open &Log Folder"
    action.trigger()
    assert [Path(url.toLocalFile()) for url in opened] == [log_dir()]
    assert log_dir().is_dir()


def test_about_shows_the_version_of_the_installed_package(qtbot, window: MainWindow) -> None:
    texts: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window.menus.about.trigger()
    assert texts and f"QMS Desktop {version('qms-desktop')}" in texts[0]


def test_the_source_version_agrees_with_the_package_metadata() -> None:
    # pyproject.toml and qms_desktop/__init__.py both name the version: they must not drift.
    assert __version__ == version("qms-desktop")
