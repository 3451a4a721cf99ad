from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from qms_desktop.app import build_main_window
from qms_desktop.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings: QSettings) -> Iterator[MainWindow]:
    w = build_main_window(settings=settings, lang="en")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.controller.close()
    w.languages.apply("en")
