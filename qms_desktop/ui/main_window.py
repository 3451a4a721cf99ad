"""The main window: the navigator of the eight steps beside the pages, and the workspace's
life cycle (new, open, demo, close). Menus live in `menus.py`, the pages in
`page_registry.py`, the History panel in `history_dock.py`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from qms_desktop import APP_NAME
from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.steps import Step
from qms_desktop.identity import app_version
from qms_desktop.paths import demo_dir
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.auditor_export import AuditorExport
from qms_desktop.ui.backups_dialog import AutoBackup, RestoreDialog
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.dialogs import NewWorkspaceDialog
from qms_desktop.ui.history_dock import HistoryDock
from qms_desktop.ui.i18n import LanguageSwitcher
from qms_desktop.ui.menus import WindowMenus
from qms_desktop.ui.models.history import HistoryModel
from qms_desktop.ui.models.navigator import PAGE_KEYS, NavigatorDelegate, NavigatorModel
from qms_desktop.ui.operations import error_text, ui_language
from qms_desktop.ui.page_registry import PageStack
from qms_desktop.ui.pages.dashboard import DashboardPage
from qms_desktop.ui.pages.profile import ProfilePage
from qms_desktop.ui.pages.welcome import WelcomePage
from qms_desktop.ui.settings import AppSettings

if TYPE_CHECKING:
    from qms_desktop.ui.snapshot import DashboardView
    from qms_desktop.ui.steps.compare import ComparePage


class StepPages:
    """`window.step_pages[step]`: the step's page, built on first use."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __getitem__(self, step: Step) -> QWidget:
        return self._window.page_at(PAGE_KEYS.index(step.value))


class MainWindow(QMainWindow):
    def __init__(
        self,
        controller: WorkspaceController,
        settings: AppSettings,
        languages: LanguageSwitcher,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.languages = languages
        self.setObjectName("MainWindow")
        self.resize(1200, 800)

        self.navigator_model = NavigatorModel(self)
        self.navigator = QListView()
        self.navigator.setObjectName("navigator")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setItemDelegate(NavigatorDelegate(self.navigator))
        self.navigator.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # wide enough for the longest step name in both languages, narrow enough that every
        # page fits a 1024-pixel-wide screen (Compare's row of buttons needs ~810)
        self.navigator.setMinimumWidth(180)
        self.navigator.selectionModel().currentChanged.connect(
            lambda cur, _prev: self._show_page(cur.row())
        )

        # The dashboard and profile are built now; each step page is built the first time
        # it is shown, so the window appears fast.
        self.pages = QStackedWidget()
        self.dashboard = DashboardPage(controller)
        self.dashboard.navigate.connect(self.go_to)
        self.profile_page = ProfilePage(controller)
        self.page_stack = PageStack(
            self.pages, controller, {0: self.dashboard, 1: self.profile_page}, self._page_built
        )
        for page in (self.dashboard, self.profile_page):
            page.recordSelected.connect(self._show_history_for)
        self.step_pages = StepPages(self)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 960])

        self.welcome = WelcomePage()
        self.welcome.newRequested.connect(self.new_workspace)
        self.welcome.openRequested.connect(self.open_workspace_dialog)
        self.welcome.demoRequested.connect(self.open_demo)
        self.welcome.recentChosen.connect(self.open_path)
        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.splitter)
        self.setCentralWidget(self.central)

        self.history_dock = HistoryDock(controller, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.resizeDocks([self.history_dock], [360], Qt.Orientation.Horizontal)
        self.history_dock.hide()  # Ctrl+H shows it; the window remembers the choice

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)

        self.auditor_export = AuditorExport(controller, self)
        self.auditor_export.status.connect(lambda text: self.statusBar().showMessage(text, 30000))
        self.auditor_export.failed.connect(self._error)
        self.auto_backup = AutoBackup(controller, self)
        self.auto_backup.status.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.menus = WindowMenus(self)
        controller.changed.connect(self._on_changed)
        controller.ops.failed.connect(self._edit_failed)
        controller.opened.connect(self._on_opened)
        controller.closed.connect(self._on_closed)
        controller.undo_stack.cleanChanged.connect(lambda _c: self._update_title())
        self.retranslate()
        self._restore_window()
        self._on_closed()

    @property
    def history_model(self) -> HistoryModel:
        return self.history_dock.model

    # -- menus -------------------------------------------------------------------

    def fill_recent_menu(self) -> None:
        menu = self.menus.menu_recent
        menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if files:
            menu.addSeparator()
            menu.addAction(self.tr("Clear list"), self._clear_recent)
        else:
            menu.addAction(self.tr("(no recent workspaces)")).setEnabled(False)

    def _clear_recent(self) -> None:
        from qms_desktop.ui import snapshot

        self.settings.clear_recent()
        snapshot.forget_all()  # nor does the app remember their dashboards
        self.welcome.set_recent([])

    def retranslate(self) -> None:
        self.menus.retranslate()
        self.history_dock.retranslate()
        self.navigator_model.retranslate()
        self._update_title()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- language --------------------------------------------------------------

    def set_language(self, code: str) -> None:
        self.languages.apply(code)
        self.settings.language = code
        self.menus.languages[self.languages.language].setChecked(True)
        if self.page_stack.is_built("compare"):
            self.compare_page.set_language(self.languages.language)

    # -- workspace life cycle ------------------------------------------------

    def _error(self, title: str, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("error_box")
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote file names and user text
        box.open()

    def _edit_failed(self, exc: BaseException) -> None:
        """An edit was refused and its page did not show why: the status bar and a dialog say it."""
        self._error(self.tr("The change was not made"), error_text(exc))

    def open_path(self, path: Path, read_only: bool = False) -> bool:
        path = Path(path)
        self._commit_pending()
        if not self.drafts_settled():
            return False
        try:
            ws = self.controller.open(path, read_only=read_only)
        except QmsError as exc:
            self._error(self.tr("Cannot open workspace"), error_text(exc))
            if not path.exists():
                self.settings.remove_recent(path)
                self.welcome.set_recent(self.settings.recent_files())
            return False
        if not path.resolve().is_relative_to(demo_dir().resolve()):
            self.settings.add_recent(path)  # demo copies are not the user's workspaces
        if ws.read_only and read_only:
            self.statusBar().showMessage(
                self.tr("Opened for reading only, as asked: nothing can be changed."), 15000
            )
        elif ws.read_only:
            self._error(self.tr("Opened read-only"), ws.read_only_text(ui_language()))
        elif ws.backup_path is not None:
            self.statusBar().showMessage(
                self.tr("Upgraded the workspace; the original was kept as %1").replace(
                    "%1", ws.backup_path.name
                ),
                15000,
            )
        return True

    def open_at_start(self, path: Path, read_only: bool = False) -> None:
        """Start-up: the workspace's dashboard as it was last shown, at once, when the file is
        unchanged since (ui/snapshot.py) — before the database layer is imported — then the
        workspace itself on the next turn of the event loop, which computes it again."""
        from qms_desktop.ui import snapshot

        path = Path(path)
        view = snapshot.recall(path)
        if view is None:
            self.open_path(path, read_only=read_only)
            return
        self.show_remembered(view, path)
        QTimer.singleShot(0, lambda: self._open_after_preview(path, read_only))

    def show_remembered(self, view: DashboardView, path: Path) -> None:
        """The dashboard and the navigator's step marks from a remembered view, painted now.
        Nothing can be edited until the workspace is open (the pages and menus wait)."""
        self.status_label.setText(self.tr("Opening %1…").replace("%1", str(path)))
        self.navigator_model.set_steps(dict(view.steps))
        self.dashboard.show_view(view)
        self.pages.setCurrentWidget(self.dashboard)
        self.central.setCurrentWidget(self.splitter)
        # laid out (the status bar's label too, sized for its old text) and painted now,
        # before the workspace's own, slower, opening starts
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.repaint()

    def _open_after_preview(self, path: Path, read_only: bool) -> None:
        if self.controller.is_open:  # something else was opened meanwhile
            return
        if not self.open_path(path, read_only=read_only):
            # The remembered view is not a workspace: back to the welcome page.
            self.navigator_model.set_steps({})
            self._on_closed()

    def open_handed_over(self, path: Path, read_only: bool = False) -> bool:
        """A file double-clicked while the app runs (a second launch handed it over): the
        file already open here stays as it is — never a second editor on one file."""
        if self.controller.is_open and self.controller.ws().path.resolve() == path.resolve():
            return True
        return self.open_path(path, read_only=read_only)

    def open_workspace_dialog(self) -> None:
        start = str(self.settings.recent_files()[0].parent) if self.settings.recent_files() else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open workspace"), start, self.tr("QMS workspaces (*.qms);;All files (*)")
        )
        if path:
            self.open_path(Path(path))

    def new_workspace(self) -> None:
        dialog = NewWorkspaceDialog(
            self.new_workspace_folder(), self, language=self.languages.language
        )
        if dialog.exec() != NewWorkspaceDialog.DialogCode.Accepted:
            return
        name, lang, path = dialog.values
        self.create_workspace(path, name, lang)

    def new_workspace_folder(self) -> Path:
        """Where a new workspace goes: the folder of the last workspace used (never the app's
        own demo folder), else the user's Documents folder."""
        from PySide6.QtCore import QStandardPaths

        demo = demo_dir().resolve()
        for recent in self.settings.recent_files():
            folder = recent.parent
            if folder.is_dir() and not folder.resolve().is_relative_to(demo):
                return folder
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def create_workspace(self, path: Path, name: str, lang: str) -> bool:
        from qms_desktop.services.workspaces import create_workspace

        self._commit_pending()
        if not self.drafts_settled():
            return False
        try:
            ws = create_workspace(path, name, lang=lang, actor=self.controller.actor)
        except QmsError as exc:
            self._error(self.tr("Cannot create workspace"), error_text(exc))
            return False
        self.controller.adopt(ws)
        self.settings.add_recent(path)
        self.go_to("profile")
        return True

    def open_demo(self) -> bool:
        from qms_desktop.services.demo import write_demo

        folder = demo_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            lang = "zh_CN" if self.languages.language == "zh_CN" else "en"
            path = write_demo(folder / f"demo-{lang}-{stamp}.qms", lang)
        except (QmsError, OSError) as exc:
            self._error(self.tr("Cannot open the demo organisation"), error_text(exc))
            return False
        opened = self.open_path(path)
        self._clean_demo_copies(folder)  # the earlier copy was closed by opening this one
        return opened

    def _clean_demo_copies(self, folder: Path) -> None:
        """Each demo visit is a fresh copy; earlier copies nobody has open are removed."""
        from qms_desktop.services.demo_copies import remove_unused_demo_copies

        remove_unused_demo_copies(folder)

    def restore_backup_dialog(self) -> None:
        if not self.controller.is_open:
            return
        dialog = RestoreDialog(self.controller.ws().path, self)
        if dialog.exec() == RestoreDialog.DialogCode.Accepted and dialog.chosen() is not None:
            self.restore_backup(self.controller.ws().path, dialog.chosen())

    def restore_backup(self, path: Path, backup: object) -> bool:
        """Close the workspace, put the backup in its place (the state before is backed up
        first), open the result."""
        from qms_desktop.services.backups import restore_backup

        self._commit_pending()
        if not self.drafts_settled():
            return False
        read_only = self.controller.read_only
        self.auto_backup.wait()
        self.controller.close()
        try:
            restore_backup(path, backup)  # type: ignore[arg-type]
        except QmsError as exc:
            self._error(self.tr("The backup was not restored"), error_text(exc))
            self.open_path(path, read_only=read_only)
            return False
        if not self.open_path(path):
            return False
        self.statusBar().showMessage(
            self.tr(
                "Restored the backup. The workspace as it was before is kept as a "
                "backup: restore that one to go back."
            ),
            30000,
        )
        return True

    def close_workspace(self) -> None:
        self._commit_pending()
        if not self.drafts_settled():
            return
        self.controller.close()

    def drafts_settled(self) -> bool:
        """Before the workspace is closed or changed: a new record written in a form but not
        saved yet is saved, dropped or kept open, as the user says (it was lost without a
        word). False: the user chose to go back to it."""
        from qms_desktop.ui.register_panel import RegisterPanel

        if not self.controller.is_open or self.controller.read_only:
            return True
        for page in self.built_pages():
            for panel in page.findChildren(RegisterPanel):
                if not panel.has_unsaved_draft():
                    continue
                self._show_draft(page, panel)
                box = QMessageBox(
                    QMessageBox.Icon.Question,
                    self.tr("New record not saved"),
                    self.tr("The new record in this form has not been saved. Save it?"),
                    QMessageBox.StandardButton.Save
                    | QMessageBox.StandardButton.Discard
                    | QMessageBox.StandardButton.Cancel,
                    self,
                )
                box.setObjectName("unsaved_draft_box")
                box.setDefaultButton(QMessageBox.StandardButton.Save)
                answer = box.exec()
                box.deleteLater()
                if answer == QMessageBox.StandardButton.Discard:
                    panel.cancel_draft()
                elif answer != QMessageBox.StandardButton.Save or panel.save_draft() is None:
                    return False  # back to the form (a refused field says why)
        return True

    def _show_draft(self, page: QWidget, panel: QWidget) -> None:
        """Bring forward the page and tabs that hold `panel`."""
        from PySide6.QtWidgets import QTabWidget

        self.go_to(PAGE_KEYS[self.pages.indexOf(page)])
        chain = [panel]
        parent = panel.parentWidget()
        while chain[-1] is not page and parent is not None:
            chain.append(parent)
            parent = parent.parentWidget()
        for i, widget in enumerate(chain):
            if isinstance(widget, QTabWidget) and i >= 2:
                widget.setCurrentWidget(chain[i - 2])  # the tab's page, inside its stack

    def _commit_pending(self) -> None:
        if not self.controller.is_open or self.controller.read_only:
            return
        try:
            for page in self.built_pages():
                page.commit_pending()  # type: ignore[attr-defined]
        except QmsError as exc:
            self.statusBar().showMessage(error_text(exc), 10000)

    def _on_opened(self) -> None:
        self._refresh_navigator()
        # The navigator gets its current row before it is shown: shown without one, it
        # takes row 0 itself and the dashboard was loaded twice (issue 17).
        self.go_to("dashboard")
        self.central.setCurrentWidget(self.splitter)
        self._update_title()
        self._update_status()

    def _on_closed(self) -> None:
        self.central.setCurrentWidget(self.welcome)
        self.welcome.set_recent(self.settings.recent_files())
        self.history_dock.clear()
        self.menus.workspace_actions_enabled(False)
        self._update_title()
        self._update_status()

    def _on_changed(self, changes: ChangeSet) -> None:
        self._refresh_navigator()
        self.history_dock.refresh()
        self._update_title()
        self._update_status()

    def _refresh_navigator(self) -> None:
        self.menus.workspace_actions_enabled(self.controller.is_open)
        if not self.controller.is_open:
            return
        self.navigator_model.set_steps(self.controller.step_summaries())

    # -- navigation ------------------------------------------------------------

    def go_to(self, key: str) -> None:
        if key not in PAGE_KEYS or not self.controller.is_open:
            return
        row = PAGE_KEYS.index(key)
        if self.navigator.currentIndex().row() == row:
            self._show_page(row)
        else:  # the navigator's currentChanged shows the page
            self.navigator.selectionModel().setCurrentIndex(
                self.navigator_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            page = self.page_at(row)
            self.pages.setCurrentWidget(page)
            page.reload()  # type: ignore[attr-defined]

    def page_at(self, row: int) -> QWidget:
        """The page in `row`, built on first use."""
        return self.page_stack.page_at(row)

    def _page_built(self, key: str, page: QWidget) -> None:
        page.recordSelected.connect(self._show_history_for)  # type: ignore[attr-defined]
        if key == "compare":
            checklist = page.checklist  # type: ignore[attr-defined]
            checklist.newAssessmentRequested.connect(self.new_assessment)
            checklist.addLibraryRequested.connect(self.add_library_dialog)
            checklist.message.connect(self._error)
            checklist.status.connect(lambda text: self.statusBar().showMessage(text, 15000))
            page.set_language(self.languages.language)  # type: ignore[attr-defined]

    @property
    def compare_page(self) -> ComparePage:
        return self.page_at(PAGE_KEYS.index("compare"))  # type: ignore[return-value]

    def built_pages(self) -> list[QWidget]:
        return self.page_stack.built()

    def current_page_key(self) -> str:
        return PAGE_KEYS[self.pages.currentIndex()]

    def help_topic(self) -> str:
        """Where the user is, for F1: "welcome", or the key of the page on screen."""
        if self.central.currentWidget() is not self.splitter:
            return "welcome"
        return self.current_page_key()

    # -- history ---------------------------------------------------------------

    def _show_history_for(self, entity: str, entity_id: str) -> None:
        tabs = getattr(self.pages.currentWidget(), "tabs", None)
        register_title = tabs.tabText(tabs.currentIndex()) if tabs is not None else ""
        item_ref = ""
        if entity == "assessment_item":
            row = self.compare_page.checklist.current_row()
            item_ref = row.ref if row else ""
        self.history_dock.show_for(
            entity, entity_id, register_title=register_title, item_ref=item_ref
        )

    # -- chrome ----------------------------------------------------------------

    def _update_title(self) -> None:
        if not self.controller.is_open:
            self.setWindowTitle(APP_NAME)
            return
        ws = self.controller.ws()
        name = self.controller.profile().name
        suffix = self.tr(" [read-only]") if ws.read_only else ""
        self.setWindowTitle(f"{name} — {ws.path.name}{suffix} — {APP_NAME}")

    def _update_status(self) -> None:
        if not self.controller.is_open:
            self.status_label.setText(self.tr("No workspace open"))
            return
        ws = self.controller.ws()
        mode = (
            self.tr("read-only")
            if ws.read_only
            else self.tr("every change is saved as you make it")
        )
        self.status_label.setText(f"{ws.path}  ·  {mode}  ·  {self.controller.actor}")

    def show_preferences(self) -> None:
        from qms_desktop.services.identity import default_actor
        from qms_desktop.ui.dialogs import PreferencesDialog

        dialog = PreferencesDialog(
            self.settings.user_name, default_actor(), self.languages.language, self
        )
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        self.apply_preferences(dialog.user.text().strip(), str(dialog.language.currentData()))

    def apply_preferences(self, user_name: str, language: str) -> None:
        from qms_desktop.services.identity import default_actor

        self.settings.user_name = user_name
        self.controller.actor = user_name or default_actor()
        if language != self.languages.language:
            self.set_language(language)
        self._update_status()

    def new_assessment(self) -> None:
        from qms_desktop.ui.dialogs import NewAssessmentDialog

        if not self.controller.is_open or self.controller.read_only:
            return
        dialog = NewAssessmentDialog(self.controller, self.languages.language, self)
        if dialog.exec() == NewAssessmentDialog.DialogCode.Accepted:
            self.create_assessment(*dialog.values)

    def create_assessment(
        self,
        name: str,
        held_on: dt.date,
        library_ids: list[str],
        audit_date: dt.date | None,
        copy_from: int | None,
    ) -> bool:
        def refused(exc: QmsError) -> bool:
            self._error(self.tr("Cannot create the assessment"), error_text(exc))
            return True

        info = self.controller.ops.create_assessment(
            self.tr("New assessment %1").replace("%1", name),
            name,
            held_on,
            library_ids,
            audit_date,
            copy_from,
            on_error=refused,
        )
        if info is None:
            return False
        self.compare_page.show_assessment(info.id)
        return True

    def add_library_dialog(self) -> None:
        if not self.controller.is_open or self.controller.read_only:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Add a requirement library"),
            "",
            self.tr("Requirement libraries (*.yaml *.yml *.json)"),
        )
        if path:
            self.add_library_file(Path(path))

    def add_library_file(self, path: Path) -> bool:
        def refused(exc: QmsError) -> bool:
            self._error(self.tr("Cannot add the library"), error_text(exc))
            return True

        library = self.controller.ops.add_library_file(
            self.tr("Add library %1").replace("%1", path.name), path, on_error=refused
        )
        if library is None:
            return False
        self.statusBar().showMessage(
            self.tr("Added %1 with %2 requirements; choose it in “New assessment…”.")
            .replace("%1", library.name(self.languages.language))
            .replace("%2", str(library.requirement_count)),
            15000,
        )
        return True

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About QMS Desktop"),
            self.tr(
                "<h3>QMS Desktop %1</h3><p>Build an ISO 9000-family quality system for a service "
                "organisation in eight steps.</p><p>Chinese text uses WenQuanYi Micro Hei "
                "(Apache-2.0).</p>"
            ).replace("%1", app_version()),
        )

    def _restore_window(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        self.menus.languages.get(self.languages.language, self.menus.languages["en"]).setChecked(
            True
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        from PySide6.QtCore import QThreadPool

        self._commit_pending()
        if not self.drafts_settled():
            event.ignore()
            return
        for pool in self.findChildren(QThreadPool):  # let a document being written finish
            pool.waitForDone(60000)
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.controller.close()
        event.accept()
