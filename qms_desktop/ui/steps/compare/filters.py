"""What narrows the requirement table: the search line and the status, owner and priority
combos above it, and the tree of library sections beside it. Both drive the table's proxy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QTreeView,
    QWidget,
)

from qms_desktop.domain.assessment import Priority, Status
from qms_desktop.services.checklist_rows import ChecklistRow
from qms_desktop.ui.models.checklist import ChecklistFilter, priority_label, status_label

if TYPE_CHECKING:
    from qms_desktop.services.checklist import OutlineRow

LibraryRole = Qt.ItemDataRole.UserRole + 1
RefRole = Qt.ItemDataRole.UserRole + 2
OPEN_FINDINGS = "open"  # the status filter's entry for partial or nonconforming


def compact(combo: QComboBox) -> QComboBox:
    """A combo that stays narrow however long its entries are."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _refill(combo: QComboBox, entries: list[tuple[str, object]]) -> int:
    """Replace the entries of `combo` silently, keeping the chosen one when it is still
    there; returns its index in the new entries (-1 when it is gone)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in entries:
        combo.addItem(text, data)
    index = combo.findData(current)
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)
    return index


class FilterBar(QWidget):
    """Search (titles, guidance, notes), status, owner and priority."""

    def __init__(self, proxy: ChecklistFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self.search = QLineEdit()
        self.search.setObjectName("checklist_search")
        self.search.setClearButtonEnabled(True)
        self.status_filter = compact(QComboBox())
        self.status_filter.setObjectName("status_filter")
        self.owner_filter = compact(QComboBox())
        self.owner_filter.setObjectName("owner_filter")
        self.priority_filter = compact(QComboBox())
        self.priority_filter.setObjectName("priority_filter")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 2)
        row.addWidget(self.status_filter, 1)
        row.addWidget(self.owner_filter, 1)
        row.addWidget(self.priority_filter, 1)
        self.search.textChanged.connect(proxy.set_text)
        self.status_filter.currentIndexChanged.connect(self._status_changed)
        self.owner_filter.currentIndexChanged.connect(
            lambda _i: proxy.set_owner(self.owner_filter.currentData())
        )
        self.priority_filter.currentIndexChanged.connect(self._priority_changed)

    def retranslate(self, rows: list[ChecklistRow]) -> None:
        self.search.setPlaceholderText(self.tr("Search titles, guidance and notes (Ctrl+F)"))
        _refill(
            self.status_filter,
            [
                (self.tr("All statuses"), None),
                (self.tr("Open findings (partial or nonconforming)"), OPEN_FINDINGS),
                *[(status_label(st), st.value) for st in Status],
            ],
        )
        _refill(
            self.priority_filter,
            [
                (self.tr("All priorities"), None),
                *[(priority_label(pr), pr.value) for pr in Priority if pr is not Priority.NONE],
            ],
        )
        self.fill_owners(rows)

    def fill_owners(self, rows: list[ChecklistRow]) -> None:
        """Offer the owners of the actions in `rows`; an owner no longer there stops filtering."""
        had = self.owner_filter.currentData()
        owners = sorted({r.item.action.owner for r in rows if r.item.action.owner})
        index = _refill(
            self.owner_filter, [(self.tr("All owners"), None), *[(o, o) for o in owners]]
        )
        if had is not None and index < 0:
            self._proxy.set_owner(None)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _status_changed(self, _index: int) -> None:
        value = self.status_filter.currentData()
        if value is None:
            self._proxy.set_statuses(None)
        elif value == OPEN_FINDINGS:
            self._proxy.set_statuses({Status.PARTIAL, Status.NONCONFORMING})
        else:
            self._proxy.set_statuses({Status(value)})

    def _priority_changed(self, _index: int) -> None:
        value = self.priority_filter.currentData()
        self._proxy.set_priority(Priority(value) if value else None)


class SectionTree(QTreeView):
    """The libraries of the assessment and their sections; choosing one shows its requirements."""

    def __init__(self, proxy: ChecklistFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self.tree_model = QStandardItemModel(self)
        self.setObjectName("library_tree")
        self.setModel(self.tree_model)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.selectionModel().currentChanged.connect(self._section_chosen)

    def show_libraries(
        self,
        libraries: list[tuple[str, str]],
        sections: list[OutlineRow],
        lang: str,
    ) -> None:
        """The libraries (id, name) and their sections (as `library_sections` reads them)."""
        self.tree_model.clear()
        root = self.tree_model.invisibleRootItem()
        tops: dict[str, QStandardItem] = {}
        for library_id, name in libraries:
            tops[library_id] = _node(name, library_id, "")
            root.appendRow(tops[library_id])
        parents: dict[tuple[str, str], QStandardItem] = {}
        for row in sections:
            top = tops.get(row.library_id)
            if top is None:
                continue
            node = _node(f"{row.ref} {row.title(lang)}".strip(), row.library_id, row.ref)
            parents.get((row.library_id, row.parent_ref), top).appendRow(node)
            parents[(row.library_id, row.ref)] = node
        self.expandToDepth(0)

    def _section_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self._proxy.set_section(None, None)
            return
        self._proxy.set_section(current.data(LibraryRole), current.data(RefRole))


def _node(text: str, library_id: str, ref: str) -> QStandardItem:
    node = QStandardItem(text)
    node.setData(library_id, LibraryRole)
    node.setData(ref, RefRole)
    return node
