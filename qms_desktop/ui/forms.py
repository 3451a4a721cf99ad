"""Form rows: a label that names (and is the buddy of) its editor and, where a form shows
refusals field by field, the sentence saying why the value was refused under the editor."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from qms_desktop.ui.widgets import FieldError


@dataclass(frozen=True)
class FormRow:
    label: QLabel
    editor: QWidget
    error: FieldError


def form_layout() -> QFormLayout:
    """A form whose editors take the width they are given."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def add_labelled_row(form: QFormLayout, editor: QWidget) -> QLabel:
    """Add `editor` under a label whose text the caller sets on retranslate; for forms that
    show their refusals in one place."""
    label = QLabel()
    label.setBuddy(editor)
    form.addRow(label, editor)
    return label


def add_row_with_error(form: QFormLayout, editor: QWidget) -> FormRow:
    """Add `editor` under a label, with its FieldError beneath it. The two sit in a compact
    box that is never taller than they need, so a shown error pushes the rows below down
    instead of stretching the form."""
    error = FieldError()
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(editor)
    column.addWidget(error)
    label = QLabel()
    label.setBuddy(editor)
    form.addRow(label, box)
    return FormRow(label, editor, error)
