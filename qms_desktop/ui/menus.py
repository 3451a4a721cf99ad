"""The main window's actions and menus: built once, connected to the window's slots,
retranslated on a language change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from qms_desktop.ui.crash_dialog import open_log_folder
from qms_desktop.ui.help import HelpCentre
from qms_desktop.ui.i18n import UI_LANGUAGES
from qms_desktop.ui.models.navigator import PAGE_KEYS

if TYPE_CHECKING:
    from qms_desktop.ui.main_window import MainWindow


class WindowMenus(QObject):
    """Every QAction of the window (standard shortcuts) and the menu bar holding them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._w = window
        self._build_actions()
        self._build_menus()

    def _action(
        self,
        slot: object = None,
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
        role: QAction.MenuRole | None = None,
    ) -> QAction:
        action = QAction(self._w)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if role is not None:
            action.setMenuRole(role)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        w, keys = self._w, QKeySequence.StandardKey
        self.new = self._action(w.new_workspace, keys.New)
        self.open = self._action(w.open_workspace_dialog, keys.Open)
        self.demo = self._action(w.open_demo)
        self.export_auditor = self._action(
            w.auditor_export.ask_and_start, QKeySequence("Ctrl+Shift+E")
        )
        self.restore_backup = self._action(w.restore_backup_dialog)
        self.close = self._action(w.close_workspace, keys.Close)
        self.quit = self._action(w.close, keys.Quit, QAction.MenuRole.QuitRole)
        self.undo = w.controller.undo_stack.createUndoAction(w)
        self.undo.setShortcuts(QKeySequence.keyBindings(keys.Undo))
        self.redo = w.controller.undo_stack.createRedoAction(w)
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [k for k in QKeySequence.keyBindings(keys.Redo) if k not in redo_keys]
        self.redo.setShortcuts(redo_keys)
        self.preferences = self._action(
            w.show_preferences, keys.Preferences, QAction.MenuRole.PreferencesRole
        )
        # Our own action, not the dock's toggleViewAction: that one takes the dock's title
        # ("History — step 8") as its text.
        self.history = self._action(shortcut=QKeySequence("Ctrl+H"))
        self.history.setCheckable(True)
        self.history.toggled.connect(w.history_dock.setVisible)
        w.history_dock.visibilityChanged.connect(self._history_shown)
        self.language_group = QActionGroup(w)
        self.languages: dict[str, QAction] = {}
        for code, label in UI_LANGUAGES.items():
            action = self._action(lambda _checked=False, c=code: w.set_language(c))
            action.setText(label)
            action.setCheckable(True)
            action.setData(code)
            self.language_group.addAction(action)
            self.languages[code] = action
        self.help = HelpCentre(w)
        self.guide = self._action(
            self.help.show_context_help, QKeySequence(QKeySequence.StandardKey.HelpContents)
        )
        self.method = self._action(self.help.show_method)
        self.tour = self._action(self.help.show_tour)
        self.whats_new = self._action(self.help.show_whats_new)
        self.about = self._action(w.show_about, role=QAction.MenuRole.AboutRole)
        self.open_log_folder = self._action(open_log_folder)
        self.go: list[QAction] = [
            self._action(
                lambda _checked=False, k=key: w.go_to(k),
                QKeySequence(f"Ctrl+{i}") if i <= 9 else None,
            )
            for i, key in enumerate(PAGE_KEYS)
        ]

    def _build_menus(self) -> None:
        bar = self._w.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.new, self.open])
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(self._w.fill_recent_menu)
        self.menu_file.addAction(self.demo)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.export_auditor)
        self.menu_file.addAction(self.restore_backup)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.close)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addActions([self.undo, self.redo])
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.preferences)
        self.menu_view = bar.addMenu("")
        self.menu_go = self.menu_view.addMenu("")
        self.menu_go.addActions(self.go)
        self.menu_view.addAction(self.history)
        self.menu_language = self.menu_view.addMenu("")
        self.menu_language.addActions(list(self.languages.values()))
        self.menu_help = bar.addMenu("")
        self.menu_help.addActions([self.guide, self.method, self.tour, self.whats_new])
        self.menu_help.addSeparator()
        self.menu_help.addAction(self.open_log_folder)
        self.menu_help.addAction(self.about)

    def _history_shown(self, _visible: bool) -> None:
        self.history.blockSignals(True)
        self.history.setChecked(self._w.history_dock.isVisible())
        self.history.blockSignals(False)

    def workspace_actions_enabled(self, enabled: bool) -> None:
        for action in (self.close, self.export_auditor, self.restore_backup, *self.go):
            action.setEnabled(enabled)

    def retranslate(self) -> None:
        self.new.setText(self.tr("&New Workspace…"))
        self.open.setText(self.tr("&Open Workspace…"))
        self.demo.setText(self.tr("Open the &Demo Organisation"))
        self.close.setText(self.tr("&Close Workspace"))
        self.export_auditor.setText(self.tr("&Export for Auditor…"))
        self.restore_backup.setText(self.tr("Restore a &Backup…"))
        self.quit.setText(self.tr("&Quit"))
        self.undo.setText(self.tr("&Undo"))
        self.redo.setText(self.tr("&Redo"))
        self.about.setText(self.tr("&About QMS Desktop"))
        self.open_log_folder.setText(self.tr("Open &Log Folder"))
        self.guide.setText(self.tr("QMS Desktop &Guide"))
        self.method.setText(self.tr("The Eight-Step &Method Explained"))
        self.tour.setText(self.tr("Take the &Tour"))
        self.whats_new.setText(self.tr("What's &New"))
        self.preferences.setText(self.tr("&Preferences…"))
        self.history.setText(self.tr("&History Panel"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("Open &Recent"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_go.setTitle(self.tr("&Go To"))
        self.menu_language.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        for action, row in zip(self.go, range(len(PAGE_KEYS)), strict=True):
            action.setText(str(self._w.navigator_model.index(row).data()))
