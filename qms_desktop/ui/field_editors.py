"""The editor of each field kind of a register declaration, and how to read and fill it:
one place, so the register form and the bulk-edit dialog edit a field the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.registers import Field
from qms_desktop.ui.models.register import display
from qms_desktop.ui.registers_text import choice_label
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit

Labels = dict[int, str]  # a referenced register's records: id -> label


def _calendar_icon() -> QIcon:
    """A small calendar drawn once (no icon theme is needed on any platform)."""
    pix = QPixmap(QSize(16, 16))
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor("#4a5568"), 1.2))
    p.drawRoundedRect(1, 3, 14, 12, 2, 2)
    p.fillRect(1, 3, 15, 4, QColor("#4a5568"))
    for x in (4, 8, 12):
        for y in (9, 12):
            p.fillRect(x - 1, y - 1, 2, 2, QColor("#4a5568"))
    p.end()
    return QIcon(pix)


class DateLineEdit(QLineEdit):
    """A date typed as YYYY-MM-DD, or picked from a calendar (the icon, Alt+Down or F4).
    A picked date is written into the field and reported as `editingFinished`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.picker_action = self.addAction(
            _calendar_icon(), QLineEdit.ActionPosition.TrailingPosition
        )
        self.picker_action.triggered.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None

    def retranslate(self) -> None:
        self.picker_action.setToolTip(self.tr("Pick a date (Alt+Down)"))

    def date(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.text().strip())
        except ValueError:
            return None

    def show_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        if self.calendar is not None:
            self.calendar.deleteLater()
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setObjectName("date_picker")
        calendar.setGridVisible(True)
        start = self.date() or dt.date.today()
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        calendar.activated.connect(lambda d: self._picked(d.toPython()))
        calendar.clicked.connect(lambda d: self._picked(d.toPython()))
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar

    def _picked(self, day: dt.date) -> None:
        if self.calendar is not None:  # deleted later: it is still delivering its signal
            self.calendar.hide()
            self.calendar.deleteLater()
            self.calendar = None
        self.setText(day.isoformat())
        self.setFocus()
        self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and (
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        super().keyPressEvent(event)


class ReferenceCombo(QComboBox):
    """One record of another register, picked by its label (typing its first letters
    jumps to it); the first entry is "(none)" unless the field is required."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)

    def set_choices(self, choices: list[tuple[int, str]], labels: Labels, current: object) -> None:
        """Offer `choices` (who may be picked now); a stored value no longer offered (a person
        who left) stays shown, marked, so the form never silently changes it."""
        self.blockSignals(True)
        self.clear()
        if not self.field.required:
            self.addItem(choice_label(""), None)
        for record_id, label in choices:
            self.addItem(label, record_id)
        if isinstance(current, int) and self.findData(current) < 0:
            shown = labels.get(current, f"#{current}")
            self.addItem(self.tr("%1 (not available)").replace("%1", shown), current)
        self.set_value(current)
        self.blockSignals(False)

    def set_value(self, value: object) -> None:
        index = (
            self.findData(value) if value is not None else (0 if not self.field.required else -1)
        )
        self.setCurrentIndex(index)

    def value(self) -> int | None:
        data = self.currentData()
        return data if isinstance(data, int) else None


class ReferenceList(QWidget):
    """Several records of another register (a session's attendees), ticked in a list that a
    filter narrows; `ticked` reports each tick."""

    ticked = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setFixedHeight(110)
        self.list.itemChanged.connect(self._ticked)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.filter)
        column.addWidget(self.list)
        self._filling = False
        self.retranslate()

    def retranslate(self) -> None:
        # "Find a name" reads as a person's name ("查找姓名"): only for lists of people
        people = self.field.ref == "person"
        self.filter.setPlaceholderText(self.tr("Find a name") if people else self.tr("Filter"))

    def set_choices(self, choices: list[tuple[int, str]], labels: Labels, current: object) -> None:
        chosen = tuple(current) if isinstance(current, tuple | list) else ()
        self._filling = True
        self.list.clear()
        offered = dict(choices)
        for record_id in chosen:  # the picked ones first, in their order, even if unavailable
            if record_id not in offered:
                offered[record_id] = self.tr("%1 (not available)").replace(
                    "%1", labels.get(record_id, f"#{record_id}")
                )
        order = [*chosen, *(i for i, _ in choices if i not in chosen)]
        for record_id in order:
            item = QListWidgetItem(offered[record_id])
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if record_id in chosen else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        self._filling = False
        self._filter(self.filter.text())

    def set_value(self, value: object) -> None:
        chosen = set(value) if isinstance(value, tuple | list) else set()
        self._filling = True
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in chosen
                else Qt.CheckState.Unchecked
            )
        self._filling = False

    def value(self) -> tuple[int, ...]:
        return tuple(
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        )

    def tick(self, label: str, checked: bool = True) -> None:
        """Tick (or untick) the entry shown as `label`, as a click would."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.text() == label:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(label)

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())

    def _ticked(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            self.ticked.emit()

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - Qt's spelling
        self.list.setEnabled(not read_only)


def make_editor(field: Field) -> QWidget:
    """An editor for `field`; fill it with `set_value`, read it with `value`."""
    if field.kind == "choice":
        combo = QComboBox()
        for value in field.choices if field.required else ("", *field.choices):
            combo.addItem("", value)
        return combo
    if field.kind == "multiline":
        edit = CommitOnLeaveTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(64)
        return edit
    if field.kind == "reference":
        return ReferenceCombo(field)
    if field.kind == "references":
        return ReferenceList(field)
    if field.kind == "date":
        return DateLineEdit()
    if field.kind == "link":
        return LinkLineEdit()
    return QLineEdit()


class LinkLineEdit(QLineEdit):
    """A link to a record outside the registers (a checklist item): set by a service,
    shown (named by `labeller` when the page gives one), never typed."""

    def __init__(self) -> None:
        super().__init__()
        super().setReadOnly(True)
        self.link: object = None
        self.labeller: Callable[[int], str] | None = None

    def set_link(self, value: object) -> None:
        self.link = value
        if isinstance(value, int) and self.labeller is not None:
            self.setText(self.labeller(value))
        else:
            self.setText("" if value is None else str(value))

    def setReadOnly(self, _read_only: bool) -> None:  # noqa: N802 - Qt's spelling
        super().setReadOnly(True)


def retranslate_editor(field: Field, editor: QWidget) -> None:
    if isinstance(editor, ReferenceCombo) and not field.required and editor.count():
        editor.setItemText(0, choice_label(""))
    elif isinstance(editor, QComboBox):
        for i in range(editor.count()):
            editor.setItemText(i, choice_label(str(editor.itemData(i))))
    elif isinstance(editor, DateLineEdit | ReferenceList):
        editor.retranslate()


def set_value(field: Field, editor: QWidget, value: object) -> None:
    """Show a stored value in its editor."""
    if isinstance(editor, LinkLineEdit):
        editor.set_link(value)
    elif isinstance(editor, ReferenceCombo | ReferenceList):
        editor.set_value(value)
    elif isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(0, editor.findData(value or "")))
    elif isinstance(editor, CommitOnLeaveTextEdit):
        text = str(value or "")
        if editor.toPlainText() != text:
            editor.setPlainText(text)
    elif isinstance(editor, QLineEdit):
        shown = display(field, value) if field.kind in ("date", "number") else str(value or "")
        editor.setText(shown)


def value(editor: QWidget) -> object:
    """What the editor holds, as the services take it (they clean and check it)."""
    if isinstance(editor, LinkLineEdit):
        return editor.link
    if isinstance(editor, ReferenceCombo | ReferenceList):
        return editor.value()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, CommitOnLeaveTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QLineEdit):
        return editor.text()
    raise TypeError(type(editor).__name__)


def set_read_only(editor: QWidget, read_only: bool) -> None:
    if isinstance(editor, QLineEdit | CommitOnLeaveTextEdit | ReferenceList):
        editor.setReadOnly(read_only)
    else:
        editor.setEnabled(not read_only)


def suggest(editor: QWidget, words: list[str]) -> None:
    """Offer `words` (names kept in another register) as the user types in a text field;
    any other text may still be typed."""
    if not isinstance(editor, QLineEdit) or isinstance(editor, DateLineEdit):
        return
    completer = editor.completer()
    if completer is None:
        completer = QCompleter(editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setModel(QStringListModel(completer))
        editor.setCompleter(completer)
    model = completer.model()
    assert isinstance(model, QStringListModel)
    model.setStringList(sorted(dict.fromkeys(w for w in words if w), key=str.casefold))


def blank_like(field: Field) -> object:
    """The empty value of the field's kind."""
    from qms_desktop.domain.registers import blank_value

    return blank_value(field)
