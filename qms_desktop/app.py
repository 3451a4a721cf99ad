"""Composition root: builds the application, settings, controller and main window."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from qms_desktop.ui.lazy import import_without_pyside_hook

# The window's modules, read past PySide6's import hook, which reads the source of every
# module imported after PySide6 (~15 ms of the window's start, issue 17; see ui/lazy.py).
import_without_pyside_hook("qms_desktop.ui.main_window")

from qms_desktop import APP_NAME, ORG_NAME  # noqa: E402
from qms_desktop.identity import APP_ID, app_version  # noqa: E402
from qms_desktop.paths import ICONS  # noqa: E402
from qms_desktop.ui.controller import WorkspaceController  # noqa: E402
from qms_desktop.ui.i18n import LanguageSwitcher, register_cjk_font  # noqa: E402
from qms_desktop.ui.main_window import MainWindow  # noqa: E402
from qms_desktop.ui.models.navigator import PAGE_KEYS  # noqa: E402
from qms_desktop.ui.settings import AppSettings  # noqa: E402

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
    app.setApplicationVersion(app_version())
    # Wayland and the taskbar match the window to the installed .desktop file by this id.
    app.setDesktopFileName(APP_ID)
    if app.windowIcon().isNull():
        app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(ICONS / f"qms-desktop-{size}.png"))
    return icon


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
                _save_screenshots(window, key)
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


def _save_screenshots(window: MainWindow, key: str) -> None:
    """QMS_DESKTOP_SMOKE_SCREENSHOTS=DIR: the smoke test keeps a picture of every page
    (how a bundle is looked at on a machine without a screen)."""
    folder = os.environ.get("QMS_DESKTOP_SMOKE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(folder) / f"{key}.png"))


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
    if smoke_test:
        return _run_smoke(workspace, demo, lang)

    from qms_desktop.logs import setup_logging
    from qms_desktop.single_instance import FileOpenEvents, SingleInstance
    from qms_desktop.ui.crash_dialog import ExceptionReporter

    setup_logging()
    # A second launch (a double-clicked .qms while the app runs) hands its file over and
    # ends: one editor per file.
    instance = SingleInstance(parent=app)
    if instance.hand_over(workspace, read_only=read_only, demo=demo):
        return 0
    window_ref: list[MainWindow] = []
    reporter = ExceptionReporter(lambda: window_ref[0] if window_ref else None)
    reporter.setParent(app)
    reporter.install()
    try:
        window = build_main_window(lang=lang)
    except Exception as exc:  # noqa: BLE001 - shown and logged, never a silent exit
        reporter.handle(type(exc), exc, exc.__traceback__)
        app.processEvents()
        if reporter.dialog is not None:
            reporter.dialog.exec()
        return 70
    window_ref.append(window)
    instance.listen()
    instance.openRequested.connect(lambda path, ro: _bring_forward(window, path, ro))
    instance.demoRequested.connect(lambda: _bring_forward(window, demo=True))
    instance.activateRequested.connect(lambda: _bring_forward(window))
    file_events = FileOpenEvents(app)
    file_events.openRequested.connect(lambda path, ro: _bring_forward(window, path, ro))
    app.installEventFilter(file_events)
    # Show the window first, open the workspace on the first turn of the event loop:
    # the window appears before the database layer is even imported.
    window.show()
    QTimer.singleShot(0, window.menus.help.show_tour_on_first_run)  # once per user
    if demo:
        QTimer.singleShot(0, window.open_demo)
    elif workspace is not None:
        QTimer.singleShot(0, lambda: window.open_at_start(workspace, read_only=read_only))
    elif window.settings.recent_files() and window.settings.recent_files()[0].exists():
        QTimer.singleShot(0, lambda: window.open_at_start(window.settings.recent_files()[0]))
    try:
        return app.exec()
    finally:
        instance.close()
        reporter.uninstall()


def _bring_forward(
    window: MainWindow, path: Path | None = None, read_only: bool = False, demo: bool = False
) -> None:
    """Raise the running window, then open the file (or the demo) it was handed."""
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    if path is not None:
        window.open_handed_over(path, read_only=read_only)
    elif demo:
        window.open_demo()


def _run_smoke(workspace: Path | None, demo: bool, lang: str | None) -> int:
    window = build_main_window(lang=lang)
    if demo:
        if not window.open_demo():
            print("qms-desktop: error: the demo organisation could not be opened", file=sys.stderr)
            return 1
    elif workspace is not None:
        from qms_desktop.storage.workspace import read_header

        read_header(workspace)  # a clear error for a bad file before any window work
        window.controller.open(workspace, read_only=True)
    return run_smoke_test(window)
