"""Each register is declared once (domain.registers); its storage table and its form follow
that declaration, and these tests prove they agree field by field."""

from __future__ import annotations

import pytest
from sqlalchemy import Date, Float, Integer, Numeric, String, Text

from qms_desktop.domain.registers import REGISTERS, Register, validate_record
from qms_desktop.storage.models import REGISTER_MODELS

COLUMN_KINDS = {
    "date": (Date,),
    "number": (Float, Numeric),
    "choice": (String,),
    "text": (Text, String),
    "multiline": (Text,),
    "reference": (Integer,),  # the referred record's id
    "references": (Text,),  # ids separated by spaces
    "link": (Integer,),  # the id of a record outside the registers (a checklist item)
}


def test_every_register_has_a_table_and_every_table_a_register():
    assert set(REGISTER_MODELS) == set(REGISTERS)


@pytest.mark.parametrize("key", sorted(REGISTERS))
def test_the_table_has_one_column_per_field_of_the_right_kind(key: str):
    register: Register = REGISTERS[key]
    table = REGISTER_MODELS[key].__table__
    kept = ("id", "position", *getattr(REGISTER_MODELS[key], "__service_columns__", ()))
    columns = {c.name: c for c in table.columns if c.name not in kept}
    assert list(columns) == [f.name for f in register.fields]
    for field in register.fields:
        column = columns[field.name]
        assert isinstance(column.type, COLUMN_KINDS[field.kind]), (key, field.name, column.type)
        nullable = field.kind in ("date", "number", "reference", "link") and not field.required
        assert column.nullable == nullable, (
            key,
            field.name,
        )
        if field.kind == "choice" and isinstance(column.type, String) and column.type.length:
            assert max(len(c) for c in field.choices) <= column.type.length, (key, field.name)
    assert REGISTER_MODELS[key].__audit_entity__ == register.key


@pytest.mark.parametrize("key", sorted(REGISTERS))
def test_a_blank_record_holds_the_empty_value_of_each_kind(key: str):
    register = REGISTERS[key]
    blank = register.blank()
    for field in register.fields:
        empty = {"date": None, "number": None, "reference": None, "link": None, "references": ()}
        assert blank[field.name] == empty.get(field.kind, ""), (
            key,
            field.name,
        )
    required = [f.name for f in register.fields if f.required]
    if required:
        with pytest.raises(Exception) as caught:
            validate_record(register, blank)
        assert getattr(caught.value, "field", None) in required
    else:
        assert validate_record(register, blank) == blank


def test_a_record_pointed_at_is_named_by_text_not_by_a_code():
    """A picker of references shows the target record's label: it must be text the user
    wrote (a name, a title), never a stored choice code such as 'tangibles' or a date alone."""
    referenced = {f.ref for reg in REGISTERS.values() for f in reg.fields if f.ref}
    for key in sorted(referenced):
        reg = REGISTERS[key]
        names = reg.label_fields or (reg.fields[0].name,)
        kinds = [reg.field(n).kind for n in names]
        assert any(k in ("text", "multiline") for k in kinds), (key, names, kinds)
