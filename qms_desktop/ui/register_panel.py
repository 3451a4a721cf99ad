"""A register on screen: a filtered table of records beside a form that edits the selected
one. Every edit is stored when made and can be undone; the form says what is wrong next
to the field."""

from __future__ import annotations

import datetime as dt

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
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import REGISTERS, Field
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.forms import add_row_with_error, form_layout
from qms_desktop.ui.lazy import register_service
from qms_desktop.ui.models.register import RecordIdRole, RegisterModel, display
from qms_desktop.ui.registers_text import choice_label, field_label
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit, FieldError


class RegisterPanel(QWidget):
    """One register: table (filterable), Add / Delete, and the form of the selected record."""

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
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.form_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)
        controller.changed.connect(self._on_changed)
        self.retranslate()

    # -- building ------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName(f"table_{self.register.key}")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().hide()
        table.selectionModel().currentRowChanged.connect(self._row_chosen)
        return table

    def _make_bar(self) -> QHBoxLayout:
        """Filter, Add, Delete (also the Delete key in the table)."""
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.add_button = QPushButton()
        self.add_button.setObjectName(f"add_{self.register.key}")
        self.add_button.clicked.connect(self.add_blank)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName(f"delete_{self.register.key}")
        self.delete_button.clicked.connect(self.delete_current)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.activated.connect(self.delete_current)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)
        return bar

    def _make_form(self) -> QScrollArea:
        """A row for each field, its refusals shown under it."""
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, FieldError] = {}
        self.labels: dict[str, QLabel] = {}
        form = form_layout()
        for field in self.register.fields:
            editor = self._make_editor(field)
            editor.setObjectName(f"{self.register.key}_{field.name}")
            row = add_row_with_error(form, editor)
            self.editors[field.name], self.errors[field.name], self.labels[field.name] = (
                editor,
                row.error,
                row.label,
            )
        form_widget = QWidget()
        form_column = QVBoxLayout(form_widget)
        form_column.addLayout(form)
        form_column.addStretch()  # rows keep their height; the space goes below them
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(form_widget)
        area.setMinimumWidth(280)
        return area

    def _make_editor(self, field: Field) -> QWidget:
        if field.kind == "choice":
            combo = QComboBox()
            values = field.choices if field.required else ("", *field.choices)
            for value in values:
                combo.addItem("", value)
            combo.activated.connect(
                lambda _i, f=field.name, c=combo: self._commit(f, c.currentData())
            )
            return combo
        if field.kind == "multiline":
            edit = CommitOnLeaveTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70)
            edit.editingFinished.connect(
                lambda f=field.name, e=edit: self._commit(f, e.toPlainText())
            )
            return edit
        line = QLineEdit()
        if field.kind == "date":
            line.setPlaceholderText("YYYY-MM-DD")
        line.editingFinished.connect(lambda f=field.name, e=line: self._commit(f, e.text()))
        return line

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Filter"))
        self.add_button.setText(self.tr("Add"))
        self.delete_button.setText(self.tr("Delete"))
        for field in self.register.fields:
            mark = " *" if field.required else ""
            self.labels[field.name].setText(field_label(self.register.key, field.name) + mark + ":")
            editor = self.editors[field.name]
            if isinstance(editor, QComboBox):
                for i in range(editor.count()):
                    editor.setItemText(i, choice_label(str(editor.itemData(i))))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ------------------------------------------------------------------

    def reload(self) -> None:
        if not self.controller.is_open:
            return
        keep = self.select_after_change or self._current_id
        self.select_after_change = None
        self.model.set_rows(register_service.list_records(self.controller.ws(), self.register.key))
        self.table.resizeColumnsToContents()
        for i in range(len(self.model.columns)):
            self.table.setColumnWidth(i, min(self.table.columnWidth(i), 260))
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
        writable = not self.controller.read_only
        self.add_button.setEnabled(writable)
        self.delete_button.setEnabled(writable and self._current_id is not None)

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.register.key in changes.registers and self.controller.is_open:
            self.reload()

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading:
            return
        self._current_id = current.data(RecordIdRole) if current.isValid() else None
        self._show_current()
        if self._current_id is not None and self.isVisible():
            self.recordSelected.emit(self.register.key, str(self._current_id))

    def current_record(self) -> Record | None:
        if self._current_id is None:
            return None
        row = self.model.row_of(self._current_id)
        return None if row is None else self.model.records()[row]

    def _show_current(self) -> None:
        record = self.current_record()
        self._loading = True
        try:
            for field in self.register.fields:
                editor = self.editors[field.name]
                editor.setEnabled(record is not None and not self.controller.read_only)
                self.errors[field.name].show_message("")
                value = record.values.get(field.name) if record else None
                if isinstance(editor, QComboBox):
                    editor.setCurrentIndex(max(0, editor.findData(value or "")))
                elif isinstance(editor, CommitOnLeaveTextEdit):
                    text = str(value or "")
                    if editor.toPlainText() != text:
                        editor.setPlainText(text)
                elif isinstance(editor, QLineEdit):
                    editor.setText(
                        display(field, value)
                        if field.kind in ("date", "number")
                        else str(value or "")
                    )
            self.delete_button.setEnabled(record is not None and not self.controller.read_only)
        finally:
            self._loading = False

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
        record = self.current_record()
        if record is None:
            return
        field = self.register.field(name)
        try:  # the same checks the service makes, including those across registers
            cleaned = register_service.check_record(
                self.controller.ws(), self.register.key, {**record.values, name: value}
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
            {name: record.values.get(name)},
            {name: cleaned[name]},
            on_error=lambda exc: self._show_error(exc, name),
        )

    def add_blank(self) -> None:
        """Add a record with sensible defaults; the form then asks for what it needs."""
        if self.controller.read_only:
            return
        values = self.default_values()
        record = self.controller.ops.add_record(
            self.tr("Add a record"), self.register.key, values, on_error=self._show_error
        )
        if record is None:
            return
        self.select_after_change = record.id
        self.reload()
        first = self.register.fields[0]
        editor = self.editors[first.name]
        editor.setFocus()
        if isinstance(editor, QLineEdit):
            editor.selectAll()

    def default_values(self) -> dict[str, object]:
        return self.register.new_record(dt.date.today(), self.tr("(new)"))

    def delete_current(self) -> None:
        record = self.current_record()
        if record is None or self.controller.read_only:
            return
        if self.controller.ops.delete_record(
            self.tr("Delete a record"), self.register.key, record.id, on_error=self._show_error
        ):
            self._current_id = None

    def commit_pending(self) -> None:
        focus = self.focusWidget()
        if isinstance(focus, CommitOnLeaveTextEdit | QLineEdit) and focus in self.editors.values():
            focus.editingFinished.emit()
