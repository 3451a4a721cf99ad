"""The main window: navigator of the eight steps, pages, History panel, menus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QWidget,
)

from qms_desktop import APP_NAME, __version__
from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.registers import REGISTERS
from qms_desktop.domain.steps import Step
from qms_desktop.paths import demo_dir
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.dialogs import NewWorkspaceDialog
from qms_desktop.ui.i18n import UI_LANGUAGES, LanguageSwitcher
from qms_desktop.ui.lazy import lazy
from qms_desktop.ui.models.history import HistoryModel
from qms_desktop.ui.models.navigator import PAGE_KEYS, NavigatorDelegate, NavigatorModel
from qms_desktop.ui.operations import error_text, ui_language
from qms_desktop.ui.pages.dashboard import DashboardPage
from qms_desktop.ui.pages.profile import ProfilePage
from qms_desktop.ui.pages.welcome import WelcomePage
from qms_desktop.ui.settings import AppSettings

audit_service = lazy("qms_desktop.services.audit")

if TYPE_CHECKING:
    from qms_desktop.ui.steps.compare_page import ComparePage


class StepPages:
    """`window.step_pages[step]`: the step's page, built on first use."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def __getitem__(self, step: Step) -> QWidget:
        return self._window.page_at(PAGE_KEYS.index(step.value))


class MainWindow(QMainWindow):
    def __init__(self, controller: WorkspaceController, settings: AppSettings,
                 languages: LanguageSwitcher, parent: QWidget | None = None) -> None:
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
        self.navigator.setMinimumWidth(220)
        self.navigator.selectionModel().currentChanged.connect(lambda cur, _prev: self._show_page(cur.row()))

        # The dashboard and profile are built now; each step page is built the first time
        # it is shown, so the window appears fast.
        self.pages = QStackedWidget()
        self.dashboard = DashboardPage(controller)
        self.dashboard.navigate.connect(self.go_to)
        self.profile_page = ProfilePage(controller)
        self._built: dict[int, QWidget] = {0: self.dashboard, 1: self.profile_page}
        for row in range(len(PAGE_KEYS)):
            self.pages.addWidget(self._built.get(row) or QWidget())
        for page in self._built.values():
            page.recordSelected.connect(self._show_history_for)  # type: ignore[attr-defined]
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

        self.history_model = HistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setObjectName("history")
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.verticalHeader().hide()
        self.history_dock = QDockWidget()
        self.history_dock.setObjectName("history_dock")
        self.history_dock.setWidget(self.history_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.resizeDocks([self.history_dock], [360], Qt.Orientation.Horizontal)
        self.history_dock.hide()  # Ctrl+H shows it; the window remembers the choice
        self._history_key: tuple[str, str] = ("", "")

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)

        self._build_actions()
        self._build_menus()
        controller.changed.connect(self._on_changed)
        controller.ops.failed.connect(self._edit_failed)
        controller.opened.connect(self._on_opened)
        controller.closed.connect(self._on_closed)
        controller.undo_stack.cleanChanged.connect(lambda _c: self._update_title())
        self.retranslate()
        self._restore_window()
        self._on_closed()

    # -- actions and menus ---------------------------------------------------

    def _build_actions(self) -> None:
        self.act_new = QAction(self)
        self.act_new.setShortcut(QKeySequence.StandardKey.New)
        self.act_new.triggered.connect(self.new_workspace)
        self.act_open = QAction(self)
        self.act_open.setShortcut(QKeySequence.StandardKey.Open)
        self.act_open.triggered.connect(self.open_workspace_dialog)
        self.act_demo = QAction(self)
        self.act_demo.triggered.connect(self.open_demo)
        self.act_close = QAction(self)
        self.act_close.setShortcut(QKeySequence.StandardKey.Close)
        self.act_close.triggered.connect(self.close_workspace)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_quit.triggered.connect(self.close)
        self.act_undo = self.controller.undo_stack.createUndoAction(self)
        self.act_undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.act_redo = self.controller.undo_stack.createRedoAction(self)
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in redo_keys]
        self.act_redo.setShortcuts(redo_keys)
        self.act_preferences = QAction(self)
        self.act_preferences.setShortcut(QKeySequence.StandardKey.Preferences)
        self.act_preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_preferences.triggered.connect(self.show_preferences)
        self.act_history = self.history_dock.toggleViewAction()
        self.act_history.setShortcut(QKeySequence("Ctrl+H"))
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in UI_LANGUAGES.items():
            action = QAction(label, self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.act_about = QAction(self)
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.act_about.triggered.connect(self.show_about)
        self.go_actions: list[QAction] = []
        for i, key in enumerate(PAGE_KEYS):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i}") if i <= 9 else QKeySequence())
            action.triggered.connect(lambda _checked=False, k=key: self.go_to(k))
            self.go_actions.append(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_new)
        self.menu_file.addAction(self.act_open)
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(self._fill_recent_menu)
        self.menu_file.addAction(self.act_demo)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_close)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.act_preferences)
        self.menu_view = bar.addMenu("")
        self.menu_go = self.menu_view.addMenu("")
        for action in self.go_actions:
            self.menu_go.addAction(action)
        self.menu_view.addAction(self.act_history)
        self.menu_language = self.menu_view.addMenu("")
        for action in self.language_actions.values():
            self.menu_language.addAction(action)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)

    def _fill_recent_menu(self) -> None:
        self.menu_recent.clear()
        files = self.settings.recent_files()
        for path in files:
            action = self.menu_recent.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if files:
            self.menu_recent.addSeparator()
            self.menu_recent.addAction(self.tr("Clear list"), self._clear_recent)
        else:
            self.menu_recent.addAction(self.tr("(no recent workspaces)")).setEnabled(False)

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self.welcome.set_recent([])

    def retranslate(self) -> None:
        self.act_new.setText(self.tr("&New Workspace…"))
        self.act_open.setText(self.tr("&Open Workspace…"))
        self.act_demo.setText(self.tr("Open the &Demo Organisation"))
        self.act_close.setText(self.tr("&Close Workspace"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_undo.setText(self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo"))
        self.act_about.setText(self.tr("&About QMS Desktop"))
        self.act_preferences.setText(self.tr("&Preferences…"))
        self.act_history.setText(self.tr("&History Panel"))
        self.history_dock.setWindowTitle(self.tr("History"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("Open &Recent"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_go.setTitle(self.tr("&Go To"))
        self.menu_language.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        for action, row in zip(self.go_actions, range(len(PAGE_KEYS)), strict=True):
            action.setText(str(self.navigator_model.index(row).data()))
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
        self.language_actions[self.languages.language].setChecked(True)
        if self._built.get(PAGE_KEYS.index("compare")) is not None:
            self.compare_page.set_language(self.languages.language)

    # -- workspace life cycle ------------------------------------------------

    def _error(self, title: str, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("error_box")
        box.open()

    def _edit_failed(self, exc: BaseException) -> None:
        """An edit was refused and its page did not show why: the status bar and a dialog say it."""
        self._error(self.tr("The change was not made"), error_text(exc))

    def open_path(self, path: Path) -> bool:
        path = Path(path)
        self._commit_pending()
        try:
            ws = self.controller.open(path)
        except QmsError as exc:
            self._error(self.tr("Cannot open workspace"), error_text(exc))
            if not path.exists():
                self.settings.remove_recent(path)
                self.welcome.set_recent(self.settings.recent_files())
            return False
        self.settings.add_recent(path)
        if ws.read_only:
            self._error(self.tr("Opened read-only"), ws.read_only_text(ui_language())
                        if hasattr(ws, "read_only_text") else str(ws.read_only_reason))
        elif ws.backup_path is not None:
            self.statusBar().showMessage(self.tr("Upgraded the workspace; the original was kept as %1")
                                         .replace("%1", ws.backup_path.name), 15000)
        return True

    def open_workspace_dialog(self) -> None:
        start = str(self.settings.recent_files()[0].parent) if self.settings.recent_files() else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open workspace"), start,
                                              self.tr("QMS workspaces (*.qms);;All files (*)"))
        if path:
            self.open_path(Path(path))

    def new_workspace(self) -> None:
        folder = self.settings.recent_files()[0].parent if self.settings.recent_files() else Path.home()
        dialog = NewWorkspaceDialog(folder, self)
        if dialog.exec() != NewWorkspaceDialog.DialogCode.Accepted:
            return
        name, lang, path = dialog.values
        self.create_workspace(path, name, lang)

    def create_workspace(self, path: Path, name: str, lang: str) -> bool:
        from qms_desktop.services.workspaces import create_workspace

        self._commit_pending()
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
        return self.open_path(path)

    def close_workspace(self) -> None:
        self._commit_pending()
        self.controller.close()

    def _commit_pending(self) -> None:
        if not self.controller.is_open or self.controller.read_only:
            return
        try:
            for page in self.built_pages():
                getattr(page, "commit_pending", lambda: None)()
        except QmsError as exc:
            self.statusBar().showMessage(error_text(exc), 10000)

    def _on_opened(self) -> None:
        self.central.setCurrentWidget(self.splitter)
        self._refresh_navigator()
        self.go_to("dashboard")
        self._update_title()
        self._update_status()

    def _on_closed(self) -> None:
        self.central.setCurrentWidget(self.welcome)
        self.welcome.set_recent(self.settings.recent_files())
        self.history_model.set_rows([])
        for action in (self.act_close, *self.go_actions):
            action.setEnabled(False)
        self._update_title()
        self._update_status()

    def _on_changed(self, changes: ChangeSet) -> None:
        self._refresh_navigator()
        self._refresh_history()
        self._update_title()
        self._update_status()

    def _refresh_navigator(self) -> None:
        for action in (self.act_close, *self.go_actions):
            action.setEnabled(self.controller.is_open)
        if not self.controller.is_open:
            return
        states = self.controller.step_states()
        self.navigator_model.set_steps({s: st.status for s, st in states.items()},
                                       self.controller.step_progress())

    # -- navigation ------------------------------------------------------------

    def go_to(self, key: str) -> None:
        if key not in PAGE_KEYS or not self.controller.is_open:
            return
        row = PAGE_KEYS.index(key)
        if self.navigator.currentIndex().row() == row:
            self._show_page(row)
        else:  # the navigator's currentChanged shows the page
            self.navigator.selectionModel().setCurrentIndex(
                self.navigator_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(PAGE_KEYS):
            page = self.page_at(row)
            self.pages.setCurrentWidget(page)
            getattr(page, "reload", lambda: None)()

    def page_at(self, row: int) -> QWidget:
        """The page in `row`, built on first use."""
        page = self._built.get(row)
        if page is None:
            page = self._build_page(PAGE_KEYS[row])
            placeholder = self.pages.widget(row)
            self.pages.insertWidget(row, page)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            page.recordSelected.connect(self._show_history_for)  # type: ignore[attr-defined]
            self._built[row] = page
        return page

    def _build_page(self, key: str) -> QWidget:
        step = Step(key)
        if step is Step.COMPARE:
            from qms_desktop.ui.steps.compare_page import ComparePage

            compare = ComparePage(self.controller)
            compare.checklist.newAssessmentRequested.connect(self.new_assessment)
            compare.checklist.addLibraryRequested.connect(self.add_library_dialog)
            compare.checklist.message.connect(self._error)
            compare.checklist.status.connect(lambda text: self.statusBar().showMessage(text, 15000))
            compare.set_language(self.languages.language)
            return compare
        if step is Step.REFINE:
            from qms_desktop.ui.steps.refine_page import refine_page

            return refine_page(self.controller)
        if step in (Step.SUMMARISE, Step.STUDY, Step.PLAN):
            from qms_desktop.ui.steps import pages

            factory = {Step.SUMMARISE: pages.summarise_page, Step.STUDY: pages.study_page,
                       Step.PLAN: pages.plan_page}[step]
            return factory(self.controller)
        from qms_desktop.ui.steps.step_page import StepPage

        return StepPage(step, self.controller)

    @property
    def compare_page(self) -> ComparePage:
        return self.page_at(PAGE_KEYS.index("compare"))  # type: ignore[return-value]

    def built_pages(self) -> list[QWidget]:
        return list(self._built.values())

    def current_page_key(self) -> str:
        return PAGE_KEYS[self.pages.currentIndex()]

    # -- history ---------------------------------------------------------------

    def _show_history_for(self, entity: str, entity_id: str) -> None:
        self._history_key = (entity, entity_id)
        self._refresh_history()
        title = self.tr("History")
        if entity == "organisation":
            title = self.tr("History — organisation profile")
        elif entity == "step":
            title = self.tr("History — step %1").replace("%1", str(Step(entity_id).number))
        elif entity == "plan":
            title = self.tr("History — plan design")
        elif entity in REGISTERS:
            tabs = getattr(self.pages.currentWidget(), "tabs", None)
            title = self.tr("History — %1").replace("%1", tabs.tabText(tabs.currentIndex()) if tabs else entity)
        elif entity == "assessment_item":
            row = self.compare_page.checklist.current_row()
            title = self.tr("History — requirement %1").replace("%1", row.ref if row else entity_id)
        self.history_dock.setWindowTitle(title)

    def _refresh_history(self) -> None:
        entity, entity_id = self._history_key
        if not self.controller.is_open or not entity:
            self.history_model.set_rows([])
            return
        self.history_model.set_rows(audit_service.history(self.controller.ws(), entity, entity_id))
        self.history_view.resizeColumnsToContents()

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
        mode = self.tr("read-only") if ws.read_only else self.tr("every change is saved as you make it")
        self.status_label.setText(f"{ws.path}  ·  {mode}  ·  {self.controller.actor}")

    def show_preferences(self) -> None:
        from qms_desktop.services.identity import default_actor
        from qms_desktop.ui.dialogs import PreferencesDialog

        dialog = PreferencesDialog(self.settings.user_name, default_actor(), self.languages.language, self)
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

    def create_assessment(self, name: str, held_on: dt.date, library_ids: list[str],
                          audit_date: dt.date | None, copy_from: int | None) -> bool:
        def refused(exc: QmsError) -> bool:
            self._error(self.tr("Cannot create the assessment"), error_text(exc))
            return True

        info = self.controller.ops.create_assessment(self.tr("New assessment %1").replace("%1", name), name, held_on,
                                                     library_ids, audit_date, copy_from, on_error=refused)
        if info is None:
            return False
        self.compare_page.show_assessment(info.id)
        return True

    def add_library_dialog(self) -> None:
        if not self.controller.is_open or self.controller.read_only:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a requirement library"), "",
                                              self.tr("Requirement libraries (*.yaml *.yml *.json)"))
        if path:
            self.add_library_file(Path(path))

    def add_library_file(self, path: Path) -> bool:
        def refused(exc: QmsError) -> bool:
            self._error(self.tr("Cannot add the library"), error_text(exc))
            return True

        library = self.controller.ops.add_library_file(self.tr("Add library %1").replace("%1", path.name), path,
                                                       on_error=refused)
        if library is None:
            return False
        self.statusBar().showMessage(self.tr("Added %1 with %2 requirements; choose it in “New assessment…”.")
                                     .replace("%1", library.name(self.languages.language))
                                     .replace("%2", str(library.requirement_count)), 15000)
        return True

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About QMS Desktop"), self.tr(
            "<h3>QMS Desktop %1</h3><p>Build an ISO 9000-family quality system for a service "
            "organisation in eight steps.</p><p>Chinese text uses WenQuanYi Micro Hei "
            "(Apache-2.0).</p>").replace("%1", __version__))

    def _restore_window(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        self.language_actions.get(self.languages.language, self.language_actions["en"]).setChecked(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        from PySide6.QtCore import QThreadPool

        for pool in self.findChildren(QThreadPool):  # let a document being written finish
            pool.waitForDone(60000)
        self._commit_pending()
        self.settings.save_window(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.controller.close()
        event.accept()
