"""Automatic backups as the GUI sees them: one when a workspace is opened for editing, one
every few minutes of editing, and File ▸ Restore a Backup… listing them with what changed
since. A restore replaces the file (the state before is backed up first, so restoring that
undoes it); the window closes the workspace for it and opens the result."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLocale,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.errors import QmsError
from qms_desktop.paths import demo_dir
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import error_text

if TYPE_CHECKING:
    from qms_desktop.services.workspaces import Workspace

log = logging.getLogger(__name__)
EVERY_MINUTES = 10


class _BackupJob(QRunnable):
    """One backup on a pool thread: the service reads only the workspace's path and makes its
    own connections, and a large workspace takes seconds to copy."""

    def __init__(self, ws: Workspace, on_open: bool, report: SignalInstance) -> None:
        super().__init__()
        self._ws, self._on_open, self._report = ws, on_open, report

    def run(self) -> None:
        from qms_desktop.services.backups import backup_on_open, maybe_backup

        try:
            backup_on_open(self._ws) if self._on_open else maybe_backup(self._ws, EVERY_MINUTES)
        except (QmsError, OSError) as exc:  # a backup that fails never stops the work; it is said
            log.warning("backup failed: %s", exc)
            self._report.emit(error_text(exc))
        except Exception:  # noqa: BLE001 - logged; the user's work goes on
            log.exception("backup failed")


class AutoBackup(QObject):
    """Backs the open workspace up on open and, while edits come, every EVERY_MINUTES minutes."""

    status = Signal(str)

    def __init__(self, controller: WorkspaceController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one backup at a time, in order
        controller.opened.connect(lambda: self._start(on_open=True))
        controller.changed.connect(lambda _changes: self._start(on_open=False))
        controller.closed.connect(self.wait)
        self.timer = QTimer(self)
        self.timer.setInterval(2 * 60 * 1000)
        self.timer.timeout.connect(lambda: self._start(on_open=False))
        self.timer.start()

    def _start(self, on_open: bool) -> None:
        if not self._c.is_open or self._c.read_only:
            return
        if self._c.ws().path.resolve().is_relative_to(demo_dir().resolve()):
            return  # a throw-away demo copy is not backed up
        if not on_open and self.pool.activeThreadCount():
            return  # one is already being made
        self.pool.start(_BackupJob(self._c.ws(), on_open, self.status))

    def wait(self) -> None:
        """Let a backup being made finish (before a workspace is closed or replaced)."""
        self.pool.waitForDone(120000)


class RestoreDialog(QDialog):
    """The backups of one workspace, newest first; Restore replaces the workspace with one."""

    def __init__(self, workspace: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from qms_desktop.services.backups import list_backups

        self.setObjectName("restore_dialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.resize(720, 420)
        self.backups = list_backups(workspace)
        intro = QLabel(
            self.tr(
                "Backups of %1, newest first. Restoring replaces the workspace with the "
                "backup; the workspace as it is now is backed up first, so you can go back."
            ).replace("%1", workspace.name)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 4)
        self.table.setObjectName("backups_table")
        self.table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.table.setHorizontalHeaderLabels(
            [self.tr("Taken"), self.tr("Why"), self.tr("Size"), self.tr("Changes since")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        locale = QLocale()
        reasons = {
            "open": self.tr("on opening"),
            "auto": self.tr("while editing"),
            "manual": self.tr("by hand"),
            "before-restore": self.tr("before a restore"),
            "damaged-before-restore": self.tr("before a restore (damaged)"),
        }
        for row, info in enumerate(self.backups):
            when = info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            if info.entries_since is None:
                since = self.tr("unknown")
            elif info.entries_since == 0:
                since = self.tr("none")
            else:
                since = (
                    self.tr("%1 changes, the latest by %2")
                    .replace("%1", str(info.entries_since))
                    .replace("%2", info.latest_change_actor or "?")
                )
            for col, text in enumerate(
                (
                    when,
                    reasons.get(info.reason, info.reason),
                    locale.formattedDataSize(info.size),
                    since,
                )
            ):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, col, item)
        if self.backups:
            self.table.selectRow(0)
        self.empty = QLabel(self.tr("There are no backups of this workspace yet."))
        self.empty.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))  # no empty grid of squashed headers
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(bool(self.backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(self.accept)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty, 0 if self.backups else 1, Qt.AlignmentFlag.AlignTop)
        column.addWidget(buttons)

    def chosen(self) -> object | None:
        row = self.table.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None
