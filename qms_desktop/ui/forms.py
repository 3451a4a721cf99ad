"""Form rows: a label that names (and is the buddy of) its editor, and under the editor the
sentence saying why a value was refused."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from qms_desktop.ui.widgets import FieldError


@dataclass(frozen=True)
class FormRow:
    """One row of a form; `error` is None when the form shows its refusals elsewhere."""

    label: QLabel
    editor: QWidget
    error: FieldError | None


def form_layout() -> QFormLayout:
    """A form whose editors take the width they are given."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def add_row(form: QFormLayout, editor: QWidget, *, inline_error: bool = True) -> FormRow:
    """Add `editor` to `form` under a label (its text is set on retranslate). With
    `inline_error` the editor and its FieldError sit in a compact box that never grows
    taller than they need, so a shown error pushes the rows below down instead of
    stretching the form."""
    label = QLabel()
    label.setBuddy(editor)
    if not inline_error:
        form.addRow(label, editor)
        return FormRow(label, editor, None)
    error = FieldError()
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(editor)
    column.addWidget(error)
    form.addRow(label, box)
    return FormRow(label, editor, error)
