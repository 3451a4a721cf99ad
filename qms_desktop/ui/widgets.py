"""Small widgets shared by the pages."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QLayout, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from qms_desktop.domain.errors import QmsError


def plain_tip(text: str) -> str:
    """A tooltip that shows `text` as written. Qt renders a tooltip whose first line looks like
    markup as rich text (a title "<b>x</b>" would show a bold x), so such a text is escaped
    into a paragraph that keeps its line breaks."""
    if not text or not GuiQt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


class CommitOnLeaveTextEdit(QPlainTextEdit):
    """A multi-line field that reports `editingFinished` when focus leaves it, like QLineEdit."""

    editingFinished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class FieldError(QLabel):
    """The message shown under a field whose value was refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what the user typed
        self.setWordWrap(True)
        self.setStyleSheet("color: #c53030;")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))
        if message:
            self._scroll_into_view()

    def show_error(self, exc: QmsError) -> bool:
        """Show a refused edit's sentence in the interface language; an `ErrorHandler`."""
        from qms_desktop.ui.operations import error_text

        self.show_message(error_text(exc))
        return True

    def _scroll_into_view(self) -> None:
        ancestor = self.parentWidget()
        while ancestor is not None and not isinstance(ancestor, QScrollArea):
            ancestor = ancestor.parentWidget()
        if ancestor is not None:
            ancestor.ensureWidgetVisible(self)


def shrinkable(label: QLabel) -> QLabel:
    """A label that shows user text: Qt wraps it at word boundaries only, so its minimum width
    is its longest word, and one long word (a pasted link, a 10 000-character paste) would
    widen the window far past the screen. Its minimum width is freed instead; such a word is
    cut at the label's edge."""
    label.setWordWrap(True)
    label.setMinimumWidth(1)
    return label


def heading(text: str = "", size_delta: int = 6) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() + size_delta)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def scrolling_page(page: QWidget, *parts: QWidget | QLayout) -> None:
    """Lay `parts` out top to bottom in a scroll area that fills `page`."""
    inner = QWidget()
    column = QVBoxLayout(inner)
    for part in parts:
        if isinstance(part, QLayout):
            column.addLayout(part)
        else:
            column.addWidget(part)
    column.addStretch()
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
