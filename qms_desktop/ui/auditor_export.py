"""File ▸ Export for auditor…: the auditor's package written off the UI thread, with
progress and Cancel. The job opens its own read-only connection to the workspace file, so
the window stays usable and nothing it does can change the workspace."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from qms_desktop.domain.errors import QmsError
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import error_text, ui_language

log = logging.getLogger(__name__)


class _Signals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)  # PackageReport
    failed = Signal(str)


class PackageJob(QRunnable):
    def __init__(self, workspace: Path, out: Path, lang: str, ui_lang: str) -> None:
        super().__init__()
        self.signals = _Signals()
        self.cancelled = threading.Event()
        self._args = (workspace, out, lang, ui_lang)

    def run(self) -> None:
        from qms_desktop.services.package import build_package
        from qms_desktop.services.workspaces import open_workspace

        workspace, out, lang, ui_lang = self._args
        try:
            ws = open_workspace(workspace, read_only=True)
            try:
                report = build_package(
                    ws,
                    out,
                    lang,
                    progress=self.signals.progress.emit,
                    cancel=self.cancelled.is_set,
                    overwrite=True,
                    ui_lang=ui_lang,
                )
            finally:
                ws.close()
        except (QmsError, OSError) as exc:
            self.signals.failed.emit(error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - reported to the user, not lost in a thread
            log.exception("the auditor's package failed")
            self.signals.failed.emit(error_text(exc))
            return
        self.signals.finished.emit(report)


class AuditorExport(QObject):
    """Asks where, runs the job, shows progress, reports the result in the status bar."""

    status = Signal(str)
    failed = Signal(str, str)  # title, text

    def __init__(self, controller: WorkspaceController, parent: QWidget) -> None:
        super().__init__(parent)
        self._c = controller
        self._parent = parent
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: PackageJob | None = None
        self.dialog: QProgressDialog | None = None
        self.last_report: object | None = None

    def ask_and_start(self) -> None:
        if not self._c.is_open or self.job is not None:
            return
        ws = self._c.ws()
        suggested = str(ws.path.with_name(ws.path.stem + "-auditor-package.zip"))
        path, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Export for auditor"), suggested, self.tr("Zip archive (*.zip)")
        )
        if path:  # the native dialog has already asked before replacing a file
            self.start(Path(path), lang=self._c.profile().default_language)

    def start(self, out: Path, lang: str) -> bool:
        if not self._c.is_open or self.job is not None:
            return False
        if out.suffix.lower() != ".zip":
            out = out.with_name(out.name + ".zip")
        self.job = PackageJob(self._c.ws().path, out, lang, ui_language())
        self.job.signals.progress.connect(self._progress)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        self.dialog = QProgressDialog(
            self.tr("Preparing the auditor's package…"), self.tr("Cancel"), 0, 1000, self._parent
        )
        self.dialog.setObjectName("package_progress")
        self.dialog.setWindowTitle(self.tr("Export for auditor"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancel)
        self.pool.start(self.job)
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancelled.set()

    def _progress(self, fraction: float, message: str) -> None:
        # setValue of a modal dialog runs the event loop: the job may end inside it
        dialog = self.dialog
        if dialog is not None:
            dialog.setLabelText(message)
            dialog.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def _done(self) -> None:
        self.job = None
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None

    def _finished(self, report: object) -> None:
        self._done()
        self.last_report = report
        path = getattr(report, "path", "")
        self.status.emit(
            self.tr(
                "Wrote the auditor's package %1: %2 files, %3 MB; check it with “qms-desktop "
                "verify”."
            )
            .replace("%1", str(path))
            .replace("%2", str(getattr(report, "files", 0)))
            .replace("%3", f"{getattr(report, 'size', 0) / 1e6:.1f}")
        )

    def _failed(self, message: str) -> None:
        self._done()
        self.failed.emit(self.tr("The auditor's package was not written"), message)
