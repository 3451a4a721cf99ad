"""A register on screen: a filtered table of records beside a form that edits the selected
one. Every edit is stored when made and can be undone; the form says what is wrong next
to the field. "Add" opens an empty form that is stored on Save, once it is valid. Several
selected records are deleted, or have a field set, as one edit (one undo step)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import REGISTERS, Field, Register, clean_value
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui import field_editors as fe
from qms_desktop.ui.attachments import AttachmentsPanel
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.forms import add_row_with_error, form_layout
from qms_desktop.ui.lazy import register_service
from qms_desktop.ui.models.register import RecordIdRole, RegisterModel
from qms_desktop.ui.registers_text import field_label
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit, FieldError

if TYPE_CHECKING:
    from qms_desktop.services.workspaces import Workspace

# Text fields that name records kept in other registers: typing offers those names
# (register, field) -> where the names come from. Any other text may still be typed.
SUGGESTIONS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("person", "role"): (("role", "title"), ("person", "role")),
    ("study_plan", "role"): (("role", "title"), ("person", "role")),
    ("study_plan", "standard"): (("study_plan", "standard"),),
    ("training", "trainer"): (("person", "name"),),
    ("training", "standard"): (("study_plan", "standard"),),
    ("lesson", "document"): (("planned_document", "number"),),
    ("objective", "owner"): (("role", "title"), ("person", "name")),
    ("objective", "process"): (("process", "name"),),
    ("element", "responsible"): (("role", "title"),),
    ("process", "owner"): (("role", "title"),),
    ("planned_document", "parent"): (("planned_document", "number"),),
    ("customer_need", "service"): (("service_item", "service"),),
    ("moment_of_truth", "owner"): (("role", "title"), ("person", "name")),
}


def _sources(register: Register) -> set[str]:
    """The registers whose records this one's pickers and suggestions offer."""
    found = {f.ref for f in register.fields if getattr(f, "ref", "")}
    for field in register.fields:
        found |= {key for key, _ in SUGGESTIONS.get((register.key, field.name), ())}
    return found & set(REGISTERS)


class RegisterPanel(QWidget):
    """One register: table (filterable, several rows selectable), Add / Edit selected /
    Delete, and the form of the selected record (or of the new one being written)."""

    recordSelected = Signal(str, str)

    def __init__(
        self, register_key: str, controller: WorkspaceController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.register = REGISTERS[register_key]
        self.controller = controller
        self.select_after_change: int | None = None
        self._current_id: int | None = None
        self._loading = False
        self._before_draft: int | None = None
        self.drafting = False  # the form holds a new record, not stored until Save
        self._sources = _sources(self.register)
        self._labels: dict[str, dict[int, str]] = {}
        self._choices: dict[str, list[tuple[int, str]]] = {}
        self.bulk_dialog: BulkEditDialog | None = None
        # what the table shows, when not the whole register (a page of a large one)
        self.records_source: Callable[[Workspace], list[Record]] | None = None
        self.setObjectName(f"register_{register_key}")
        self.model = RegisterModel(self.register, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = self._make_table()
        bar = self._make_bar()
        self.form_area = self._make_form()
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addLayout(bar)
        left_column.addWidget(self.table, 1)
        from qms_desktop.ui.register_exchange import RegisterExchange  # spreadsheets: loaded late

        # Export…/Import… under the table, so the bar above it stays narrow at 1280x720
        self.exchange = RegisterExchange(self.register.key, self.controller, self)
        left_column.addWidget(self.exchange, 0, Qt.AlignmentFlag.AlignRight)
        self.selection_note = QLabel()
        self.selection_note.setObjectName(f"selection_{register_key}")
        self.selection_note.setWordWrap(True)
        self.selection_note.hide()
        left_column.addWidget(self.selection_note)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)
        controller.changed.connect(self._on_changed)
        self.retranslate()

    # -- building ------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName(f"table_{self.register.key}")
        table.setModel(self.proxy)
        table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        table.selectionModel().currentRowChanged.connect(self._row_chosen)
        table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        return table

    def _make_bar(self) -> QHBoxLayout:
        """Filter, Add, Edit selected, Delete (also the Delete key in the table)."""
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.add_button = QPushButton()
        self.add_button.setObjectName(f"add_{self.register.key}")
        self.add_button.clicked.connect(self.add_blank)
        self.bulk_button = QPushButton()
        self.bulk_button.setObjectName(f"bulk_{self.register.key}")
        self.bulk_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName(f"delete_{self.register.key}")
        self.delete_button.clicked.connect(self.delete_current)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.activated.connect(self.delete_current)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.bulk_button)
        bar.addWidget(self.delete_button)
        return bar

    def _make_form(self) -> QWidget:
        """A row for each field, its refusals shown under it; Save and Cancel while a new
        record is being written."""
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        self.labels: dict[str, QLabel] = {}
        self.form_title = QLabel()
        self.form_title.setObjectName(f"form_title_{self.register.key}")
        self.form_title.setWordWrap(True)
        font = self.form_title.font()
        font.setBold(True)
        self.form_title.setFont(font)
        form = form_layout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for field in self.register.fields:
            editor = fe.make_editor(field)
            editor.setObjectName(f"{self.register.key}_{field.name}")
            self._connect(field, editor)
            row = add_row_with_error(form, editor)
            self.editors[field.name], self.errors[field.name], self.labels[field.name] = (
                editor,
                row.error,
                row.label,
            )
        # the record's files, under its fields (a new record takes them once saved)
        self.attachments = AttachmentsPanel(self.controller)
        self.attachments.setObjectName(f"attachments_{self.register.key}")
        self.attachments.status.connect(self._say)
        form_widget = QWidget()
        form_column = QVBoxLayout(form_widget)
        form_column.addWidget(self.form_title)
        form_column.addLayout(form)
        form_column.addWidget(self.attachments)
        form_column.addStretch()  # rows keep their height; the space goes below them
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(form_widget)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.save_button = QPushButton()
        self.save_button.setObjectName(f"save_{self.register.key}")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_draft)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName(f"cancel_{self.register.key}")
        self.cancel_button.clicked.connect(self.cancel_draft)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        self.draft_buttons = QWidget()
        self.draft_buttons.setLayout(buttons)
        self.draft_buttons.hide()
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(area, 1)
        column.addWidget(self.draft_buttons)
        panel.setMinimumWidth(300)
        self.form_scroll = area
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), panel)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.cancel_draft)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            save = QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | key), panel)
            save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            save.activated.connect(self.save_draft)
        return panel

    def _say(self, text: str) -> None:
        """A line in the main window's status bar, when there is one."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 5000)

    def _connect(self, field: Field, editor: QWidget) -> None:
        name = field.name
        if isinstance(editor, fe.ReferenceList):
            editor.ticked.connect(lambda f=name, e=editor: self._commit(f, e.value()))
        elif isinstance(editor, QComboBox):
            editor.activated.connect(lambda _i, f=name, e=editor: self._commit(f, fe.value(e)))
        elif isinstance(editor, CommitOnLeaveTextEdit | QLineEdit):
            editor.editingFinished.connect(lambda f=name, e=editor: self._commit(f, fe.value(e)))

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Filter"))
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Write a new record; it is stored when you press Save"))
        self.bulk_button.setText(self.tr("Edit selected…"))
        self.bulk_button.setToolTip(self.tr("Set one field of every selected record at once"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected records (Ctrl+Z undoes)"))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        for field in self.register.fields:
            mark = " *" if field.required else ""
            self.labels[field.name].setText(field_label(self.register.key, field.name) + mark + ":")
            fe.retranslate_editor(field, self.editors[field.name])
        self.model.retranslate()
        self._show_title()
        self._selection_changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ------------------------------------------------------------------

    def reload(self) -> None:
        if not self.controller.is_open:
            return
        ws = self.controller.ws()
        self._labels = {key: register_service.record_labels(ws, key) for key in self._sources}
        self._choices = {
            f.name: register_service.reference_choices(ws, f.ref)
            for f in self.register.fields
            if f.kind in ("reference", "references")
        }
        self._fill_suggestions()
        keep = self.select_after_change or self._current_id
        self.select_after_change = None
        records = (
            self.records_source(ws)
            if self.records_source is not None
            else register_service.list_records(ws, self.register.key)
        )
        self.model.set_rows(records, self._labels)
        self.table.resizeColumnsToContents()
        for i in range(len(self.model.columns)):
            self.table.setColumnWidth(i, min(self.table.columnWidth(i), 260))
        if self.drafting:  # the table follows the workspace; the new record's form stays
            self._selection_changed()
            return
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._current_id = self.model.records()[row].id if row is not None else None
        self._show_current()
        self.add_button.setEnabled(not self.controller.read_only)
        self._selection_changed()

    def _fill_suggestions(self) -> None:
        ws = self.controller.ws()
        cache: dict[str, list[Record]] = {}
        for field in self.register.fields:
            words: list[str] = []
            for key, name in SUGGESTIONS.get((self.register.key, field.name), ()):
                if key not in cache:
                    cache[key] = register_service.list_records(ws, key)
                words += [str(r.values.get(name) or "").strip() for r in cache[key]]
            if words:
                fe.suggest(self.editors[field.name], words)

    def _on_changed(self, changes: ChangeSet) -> None:
        touched = changes.registers & ({self.register.key} | self._sources)
        if touched and self.controller.is_open:
            self.reload()

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading:
            return
        if current.isValid() and self.drafting:
            self._end_draft()  # choosing a record leaves the unsaved new one
        self._current_id = current.data(RecordIdRole) if current.isValid() else None
        self._show_current()
        if self._current_id is not None and self.isVisible():
            self.recordSelected.emit(self.register.key, str(self._current_id))

    def selected_ids(self) -> list[int]:
        """The records selected in the table, in the table's order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        ids = [self.proxy.index(r, 0).data(RecordIdRole) for r in rows]
        return [i for i in ids if isinstance(i, int)]

    def _selection_changed(self) -> None:
        count = len(self.selected_ids())
        writable = not self.controller.read_only and self.controller.is_open
        writable = writable and not self.drafting
        self.delete_button.setEnabled(writable and (count > 0 or self._current_id is not None))
        self.bulk_button.setEnabled(writable and count > 1)
        self.selection_note.setVisible(count > 1)
        self.selection_note.setText(
            self.tr(
                "%1 records selected: Delete removes them all, Edit selected… sets a field "
                "of them all (one step to undo). The form shows the current one."
            ).replace("%1", str(count))
        )

    def current_record(self) -> Record | None:
        if self._current_id is None or self.drafting:
            return None
        row = self.model.row_of(self._current_id)
        return None if row is None else self.model.records()[row]

    def _show_title(self) -> None:
        if self.drafting:
            self.form_title.setText(
                self.tr("New record — fill in the fields marked * and press Save.")
            )
        else:
            self.form_title.setText("")
        self.form_title.setVisible(self.drafting)

    def _fill_choices(self, values: dict[str, object]) -> None:
        for field in self.register.fields:
            editor = self.editors[field.name]
            if isinstance(editor, fe.ReferenceCombo | fe.ReferenceList):
                editor.set_choices(
                    self._choices.get(field.name, []),
                    self._labels.get(field.ref, {}),
                    values.get(field.name),
                )

    def _show_current(self) -> None:
        if self.drafting:
            return  # the new record's form keeps what the user wrote
        record = self.current_record()
        self._loading = True
        try:
            values = record.values if record else {}
            self._fill_choices(values)
            for field in self.register.fields:
                editor = self.editors[field.name]
                editor.setEnabled(record is not None and not self.controller.read_only)
                self.errors[field.name].show_message("")
                fe.set_value(field, editor, values.get(field.name))
        finally:
            self._loading = False
        self.attachments.show_record(
            self.register.key, record.id if record else None, not self.controller.read_only
        )

    # -- edits -------------------------------------------------------------------

    def _show_error(self, exc: QmsError, name: str | None = None) -> bool:
        """Show a refused edit next to its field (the one edited when the error names none)."""
        field = getattr(exc, "field", None)
        target = (
            field
            if field in self.errors
            else name
            if name in self.errors
            else next(iter(self.errors))
        )
        self.errors[target].show_error(exc)
        return True

    def _commit(self, name: str, value: object) -> None:
        if self._loading or self.controller.read_only:
            return
        field = self.register.field(name)
        if self.drafting:  # say at once what is wrong; nothing is stored before Save
            try:
                clean_value(field, value)
            except ValidationError as exc:
                self._show_error(exc, name)
                return
            self.errors[name].show_message("")
            return
        record = self.current_record()
        if record is None:
            return
        edit = {name: value, **self.companion_edits(record.values, name, value)}
        try:  # the same checks the service makes, including those across registers
            cleaned = register_service.check_record(
                self.controller.ws(),
                self.register.key,
                {**record.values, **edit},
                record_id=record.id,
            )
        except ValidationError as exc:
            self._show_error(exc, name)
            return
        for error in self.errors.values():
            error.show_message("")
        if cleaned[name] == record.values.get(name):
            return
        label = self.tr("Edit %1").replace("%1", field_label(self.register.key, field.name))
        self.controller.ops.edit_record(
            label,
            self.register.key,
            record.id,
            {n: record.values.get(n) for n in edit},
            {n: cleaned[n] for n in edit},
            on_error=lambda exc: self._show_error(exc, name),
        )

    def companion_edits(
        self, values: dict[str, object], name: str, value: object
    ) -> dict[str, object]:
        """Other fields that change with an edit of `name` (none here; a page may say, as
        the facilities do for a new calibration)."""
        return {}

    def add_blank(self) -> None:
        """Open an empty form for a new record (each field's default filled in); it is
        stored by Save once the required fields are valid, never before."""
        if self.controller.read_only or not self.controller.is_open:
            return
        if self.drafting:  # already writing one: back to its first field
            self.editors[self.register.fields[0].name].setFocus()
            return
        self._before_draft = self._current_id
        self.drafting = True
        self._loading = True
        try:
            self.table.selectionModel().clearSelection()
            self.table.selectionModel().setCurrentIndex(
                QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            values = self.default_values()
            self._fill_choices(values)
            for field in self.register.fields:
                editor = self.editors[field.name]
                editor.setEnabled(True)
                self.errors[field.name].show_message("")
                fe.set_value(field, editor, values.get(field.name))
        finally:
            self._loading = False
        self._draft_start = self.draft_values()
        self.draft_buttons.show()
        self.attachments.show_record(self.register.key, None, True, drafting=True)
        self._show_title()
        self._selection_changed()
        self.form_scroll.verticalScrollBar().setValue(0)
        first = self.editors[self.register.fields[0].name]
        first.setFocus()
        if isinstance(first, QLineEdit):
            first.selectAll()

    def default_values(self) -> dict[str, object]:
        return self.register.new_record(dt.date.today(), "")

    def draft_values(self) -> dict[str, object]:
        return {f.name: fe.value(self.editors[f.name]) for f in self.register.fields}

    def save_draft(self) -> Record | None:
        """Store the new record written in the form; a refusal is shown at its field and the
        form stays open."""
        if not self.drafting:
            return None
        for error in self.errors.values():
            error.show_message("")
        values = self.draft_values()
        try:
            cleaned = register_service.check_record(self.controller.ws(), self.register.key, values)
        except ValidationError as exc:
            self._show_error(exc)
            editor = self.editors.get(getattr(exc, "field", ""))
            if editor is not None:
                editor.setFocus()
            return None
        record = self.controller.ops.add_record(
            self.tr("Add a record"), self.register.key, cleaned, on_error=self._show_error
        )
        if record is None:
            return None
        self._end_draft()
        self.select_after_change = record.id
        self.reload()
        self.table.setFocus()
        return record

    def cancel_draft(self) -> None:
        """Leave the new record unwritten and show the selected one again."""
        if not self.drafting:
            return
        self._end_draft()
        self.select_after_change = self._before_draft
        self.reload()

    def _end_draft(self) -> None:
        self.drafting = False
        self.draft_buttons.hide()
        self.add_button.setEnabled(not self.controller.read_only)
        self._show_title()

    def delete_current(self) -> None:
        """Delete the selected records (or the current one): one edit, one undo step."""
        if self.controller.read_only or self.drafting:
            return
        ids = self.selected_ids()
        if not ids and self._current_id is not None:
            ids = [self._current_id]
        if not ids:
            return
        if len(ids) == 1:
            done = self.controller.ops.delete_record(
                self.tr("Delete a record"), self.register.key, ids[0], on_error=self._show_error
            )
        else:
            done = self.controller.ops.delete_records(
                self.tr("Delete %1 records").replace("%1", str(len(ids))),
                self.register.key,
                ids,
                on_error=self._show_error,
            )
        if done:
            self._current_id = None
            self.reload()

    def edit_selected(self) -> None:
        """Ask for a field and a value, then set it on every selected record."""
        ids = self.selected_ids()
        if self.controller.read_only or len(ids) < 2:
            return
        self._fill_choices({})
        dialog = BulkEditDialog(self, ids)
        self.bulk_dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "bulk_dialog", None))
        dialog.open()

    def apply_to_selected(self, ids: list[int], name: str, value: object) -> bool:
        records = {r.id: r for r in self.model.records()}
        changes = [
            (i, {name: records[i].values.get(name)}, {name: value}) for i in ids if i in records
        ]
        label = (
            self.tr("Set %1 of %2 records")
            .replace("%1", field_label(self.register.key, name))
            .replace("%2", str(len(changes)))
        )
        return self.controller.ops.edit_records(
            label,
            self.register.key,
            [(i, old) for i, old, _new in changes],
            [(i, new) for i, _old, new in changes],
            on_error=self.bulk_dialog.show_error if self.bulk_dialog else None,
        )

    def has_unsaved_draft(self) -> bool:
        """A new record the user has written in but not saved (a form just opened, with its
        defaults only, is not one)."""
        return self.drafting and self.draft_values() != getattr(self, "_draft_start", None)

    def commit_pending(self) -> None:
        focus = self.focusWidget()
        if self.drafting:
            return  # a new record is stored by Save only
        if isinstance(focus, CommitOnLeaveTextEdit | QLineEdit) and focus in self.editors.values():
            focus.editingFinished.emit()

    def reference_choices(self, name: str) -> list[tuple[int, str]]:
        return self._choices.get(name, [])


class BulkEditDialog(QDialog):
    """One field, one value, set on every selected record of a register."""

    def __init__(self, panel: RegisterPanel, ids: list[int]) -> None:
        super().__init__(panel)
        self.setObjectName("bulk_edit")
        self._panel = panel
        self._ids = ids
        register = panel.register
        self.field_combo = QComboBox()
        self.field_combo.setObjectName("bulk_field")
        self.editors = QStackedWidget()
        self._editors: dict[str, QWidget] = {}
        for field in register.fields:
            self.field_combo.addItem(field_label(register.key, field.name), field.name)
            editor = fe.make_editor(field)
            editor.setObjectName(f"bulk_{field.name}")
            fe.retranslate_editor(field, editor)
            if isinstance(editor, fe.ReferenceCombo | fe.ReferenceList):
                editor.set_choices(panel.reference_choices(field.name), {}, fe.blank_like(field))
            fe.set_value(field, editor, fe.blank_like(field))
            self._editors[field.name] = editor
            # a stacked page fills the stack, as tall as its tallest (multi-line) editor: a
            # one-line editor sits at the top of its page at its own height
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            tall = field.kind in ("multiline", "references")
            page_layout.addWidget(editor, 1 if tall else 0)
            if not tall:
                page_layout.addStretch(1)
            self.editors.addWidget(page)
        self.field_combo.currentIndexChanged.connect(self.editors.setCurrentIndex)
        self.error = FieldError()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        intro = QLabel(
            self.tr("Set a field of the %1 selected records to one value.").replace(
                "%1", str(len(ids))
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Field:"), self.field_combo)
        form.addRow(self.tr("New value:"), self.editors)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(buttons)
        self.setWindowTitle(self.tr("Edit selected records"))

    def choose(self, name: str) -> QWidget:
        """Pick the field to set; returns its editor."""
        self.field_combo.setCurrentIndex(self.field_combo.findData(name))
        return self._editors[name]

    def show_error(self, exc: QmsError) -> bool:
        return self.error.show_error(exc)

    def apply(self) -> None:
        name = str(self.field_combo.currentData())
        field = self._panel.register.field(name)
        try:
            cleaned = clean_value(field, fe.value(self._editors[name]))
        except ValidationError as exc:
            self.show_error(exc)
            return
        if self._panel.apply_to_selected(self._ids, name, cleaned):
            self.accept()
