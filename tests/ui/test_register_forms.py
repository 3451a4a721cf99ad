"""The form of every register follows its declaration: one editor of the right kind per field."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from qms_desktop.domain.registers import REGISTERS
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.field_editors import DateLineEdit, LinkLineEdit, ReferenceCombo, ReferenceList

EDITOR_FOR = {
    "choice": QComboBox,
    "multiline": QPlainTextEdit,
    "text": QLineEdit,
    "date": DateLineEdit,
    "number": QLineEdit,
    "reference": ReferenceCombo,
    "references": ReferenceList,
    "link": LinkLineEdit,  # set by a service, shown read-only
}


@pytest.mark.parametrize("key", sorted(REGISTERS))
def test_register_form_has_one_editor_per_field(qtbot, key: str):
    from qms_desktop.ui.register_panel import RegisterPanel

    panel = RegisterPanel(key, WorkspaceController())
    qtbot.addWidget(panel)
    register = REGISTERS[key]
    assert list(panel.editors) == [f.name for f in register.fields]
    for field in register.fields:
        assert isinstance(panel.editors[field.name], EDITOR_FOR[field.kind]), (key, field.name)
        if field.kind == "link":
            assert panel.editors[field.name].isReadOnly()  # type: ignore[attr-defined]
        if field.kind == "choice" and not isinstance(panel.editors[field.name], ReferenceCombo):
            combo = panel.editors[field.name]
            offered = [combo.itemData(i) for i in range(combo.count())]
            assert offered == list(field.choices if field.required else ("", *field.choices))
        assert panel.labels[field.name].text().endswith(":")
        assert panel.labels[field.name].text().startswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), (
            key,
            field.name,
        )
