"""Composition root: builds the application, settings, controller and main window."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from qms_desktop import APP_NAME, ORG_NAME, __version__
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.i18n import LanguageSwitcher, register_cjk_font
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.models.navigator import PAGE_KEYS
from qms_desktop.ui.operations import error_text
from qms_desktop.ui.settings import AppSettings

log = logging.getLogger("qms_desktop")


def make_settings() -> QSettings:
    """Native settings, or an INI file when QMS_DESKTOP_SETTINGS names one (tests, portable use)."""
    override = os.environ.get("QMS_DESKTOP_SETTINGS")
    if override:
        return QSettings(override, QSettings.Format.IniFormat)
    return QSettings(ORG_NAME, APP_NAME)


def tune_garbage_collector() -> None:
    """Collect reference cycles less often. A 10 000-row checklist keeps some 10⁵ long-lived
    objects; with Python's default thresholds a full collection lands inside every other
    bulk edit (1 000 rows: 200 ms instead of 115 ms, measured by bench_edit_path.py). The
    app makes few cycles, so collecting them later costs little memory."""
    import gc

    gc.set_threshold(10_000, 50, 100)


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    return app


def build_main_window(settings: QSettings | None = None, lang: str | None = None) -> MainWindow:
    """Everything the GUI needs, wired together — used by `run_gui` and by the tests."""
    app = ensure_application()
    tune_garbage_collector()
    register_cjk_font(app)
    app_settings = AppSettings(settings if settings is not None else make_settings())
    languages = LanguageSwitcher(app)
    languages.apply(lang or app_settings.language)
    controller = WorkspaceController()
    window = MainWindow(controller, app_settings, languages)
    controller.setParent(window)
    user = app_settings.user_name
    if user:
        controller.actor = user
    return window


def _install_excepthook(window: MainWindow) -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, exc, tb))
        text = error_text(exc)
        QMessageBox.warning(
            window,
            APP_NAME,
            QCoreApplication.translate(
                "MainWindow",
                "Something went wrong: %1\n\nYour work up to the last stored edit is safe.",
            ).replace("%1", text),
        )

    sys.excepthook = hook


def run_smoke_test(window: MainWindow) -> int:
    """Visit every page once; 0 when all is well, 1 with the message otherwise."""
    app = QApplication.instance()
    assert app is not None
    try:
        window.show()
        app.processEvents()
        if window.controller.is_open:
            for key in PAGE_KEYS:
                window.go_to(key)
                app.processEvents()
                if window.current_page_key() != key:
                    raise RuntimeError(f"page {key} did not show")
                page = window.pages.currentWidget()
                if page is None:
                    raise RuntimeError(f"page {key} is missing")
                page.grab()
        window.close()
        app.processEvents()
    except Exception as exc:  # noqa: BLE001 - the smoke test reports any failure
        print(f"qms-desktop: smoke test failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return 1
    names = ", ".join(
        str(window.navigator_model.index(row).data()) for row in range(len(PAGE_KEYS))
    )
    print(f"qms-desktop: smoke test passed ({len(PAGE_KEYS)} pages visited: {names})")
    return 0


def run_gui(
    workspace: Path | None, demo: bool, lang: str | None, smoke_test: bool, read_only: bool = False
) -> int:
    if (
        smoke_test
        and sys.platform.startswith("linux")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = ensure_application()
    window = build_main_window(lang=lang)
    if not smoke_test:
        _install_excepthook(window)
    if smoke_test:
        if demo:
            if not window.open_demo():
                print(
                    "qms-desktop: error: the demo organisation could not be opened", file=sys.stderr
                )
                return 1
        elif workspace is not None:
            from qms_desktop.storage.workspace import read_header

            read_header(workspace)  # a clear error for a bad file before any window work
            window.controller.open(workspace, read_only=True)
        return run_smoke_test(window)
    # Show the window first, open the workspace on the first turn of the event loop:
    # the window appears before the database layer is even imported.
    window.show()
    if demo:
        QTimer.singleShot(0, window.open_demo)
    elif workspace is not None:
        QTimer.singleShot(0, lambda: window.open_path(workspace, read_only=read_only))
    elif window.settings.recent_files() and window.settings.recent_files()[0].exists():
        QTimer.singleShot(0, lambda: window.open_path(window.settings.recent_files()[0]))
    return app.exec()
