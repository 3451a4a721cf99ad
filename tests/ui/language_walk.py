"""Walk the whole GUI and collect every text a user can see: menus, pages, every tab (nested
ones too), labels, buttons, group titles, placeholders, tooltips, combo-box items, table
headers and the cells of the first rows. Used by test_language_walk to find text in the
other language."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.models.navigator import PAGE_KEYS

_TAG = re.compile(r"<[^>]+>")
_ROWS = 30  # cells of the first rows of each table: choice labels, computed states


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text)).replace("&&", "&").strip()


def _settle() -> None:
    for _ in range(3):
        QCoreApplication.processEvents()


def _columns(model: QAbstractItemModel) -> int:
    if isinstance(model, QAbstractListModel):  # its columnCount is private in PySide6
        return 1
    return model.columnCount(QModelIndex())


def _widget_texts(root: QWidget, where: str) -> Iterator[tuple[str, str]]:
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        name = f"{where}/{type(w).__name__}:{w.objectName()}"
        if w.toolTip():
            yield name + "#tooltip", _plain(w.toolTip())
        if isinstance(w, QLabel) and not isinstance(w, QTextBrowser):
            yield name, _plain(w.text())
        elif isinstance(w, QAbstractButton):
            yield name, _plain(w.text())
        elif isinstance(w, QGroupBox):
            yield name, _plain(w.title())
        elif isinstance(w, QLineEdit):
            yield name + "#placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield name + f"#item{i}", w.itemText(i)
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield name + f"#tab{i}", _plain(w.tabText(i))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            columns = _columns(model)
            for col in range(columns):
                yield (
                    name + f"#header{col}",
                    str(model.headerData(col, Qt.Orientation.Horizontal) or ""),
                )
            for row in range(min(model.rowCount(QModelIndex()), _ROWS)):
                for col in range(columns):
                    index = model.index(row, col)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        if isinstance(value, str):
                            yield name + f"#cell{row},{col}", _plain(value)


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield where, _plain(menu.title())
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where}>{action.text()}")
        elif not action.isSeparator():
            yield f"{where}>action", _plain(action.text())
            if action.statusTip():
                yield f"{where}>statustip", action.statusTip()


def _all_tab_states(root: QWidget, where: str) -> Iterator[tuple[str, str]]:
    """Texts of `root` with each tab of each tab widget (nested too) shown in turn."""
    yield from _widget_texts(root, where)
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisibleTo(root):
            continue
        current = tabs.currentIndex()
        for i in range(tabs.count()):
            if i == current:
                continue
            tabs.setCurrentIndex(i)
            _settle()
            yield from _widget_texts(tabs.widget(i), f"{where}/tab:{tabs.tabText(i)}")
        tabs.setCurrentIndex(current)
        _settle()


def walk_texts(window: MainWindow) -> Iterator[tuple[str, str]]:
    """Every text of the window over all its pages and tabs, with where it was seen."""
    for action in window.menuBar().actions():
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), "menu")
    yield "title", window.windowTitle()
    for key in PAGE_KEYS:
        window.go_to(key)
        _settle()
        page = window.pages.currentWidget()
        yield from _all_tab_states(page, key)
        model = window.navigator.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            yield "navigator", str(index.data() or "")
            yield "navigator#tooltip", str(index.data(Qt.ItemDataRole.ToolTipRole) or "")


def walk_dialogs(window: MainWindow, lang: str) -> Iterator[tuple[str, str]]:
    """Every dialog and window the app opens over the main one, each shown and read."""
    from qms_desktop.services import checklist as cl
    from qms_desktop.ui.backups_dialog import RestoreDialog
    from qms_desktop.ui.crash_dialog import UnexpectedErrorDialog
    from qms_desktop.ui.dialogs import (
        ComparisonDialog,
        NewAssessmentDialog,
        NewWorkspaceDialog,
        PreferencesDialog,
    )
    from qms_desktop.ui.help.tour import TourDialog
    from qms_desktop.ui.help.viewer import GuideWindow
    from qms_desktop.ui.register_panel import BulkEditDialog, RegisterPanel

    c = window.controller
    latest = cl.list_assessments(c.ws())[-1].id
    panel = window.findChild(RegisterPanel)
    assert panel is not None
    makers = {
        "new_workspace": lambda: NewWorkspaceDialog(c.ws().path.parent, window, lang),
        "preferences": lambda: PreferencesDialog("", "LW01", lang, window),
        "new_assessment": lambda: NewAssessmentDialog(c, lang, window),
        "comparison": lambda: ComparisonDialog(c, latest, window),
        "unexpected_error": lambda: UnexpectedErrorDialog("x", "Traceback …", window),
        "restore": lambda: RestoreDialog(c.ws().path, window),
        "tour": lambda: TourDialog(lang, window),
        "guide": lambda: GuideWindow(lang, window),
        "bulk_edit": lambda: BulkEditDialog(panel, [1, 2]),
    }
    for name, make in makers.items():
        dialog = make()
        dialog.show()
        _settle()
        yield from _all_tab_states(dialog, f"dialog:{name}")
        yield f"dialog:{name}#title", dialog.windowTitle()
        dialog.close()
        dialog.deleteLater()
