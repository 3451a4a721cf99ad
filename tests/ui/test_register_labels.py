"""Every declared register field and choice has a label of its own on screen (not its stored
name with the underscores turned into spaces)."""

from __future__ import annotations

import pytest

from qms_desktop.domain.registers import REGISTERS
from qms_desktop.ui.registers_text import choice_label, field_label


@pytest.mark.parametrize("key", sorted(REGISTERS))
def test_every_field_has_a_label(qapp, key: str):
    raw = [
        f.name
        for f in REGISTERS[key].fields
        if field_label(key, f.name) == f.name.replace("_", " ")
    ]
    assert raw == [], f"{key}: fields shown by their stored names"


@pytest.mark.parametrize("key", sorted(REGISTERS))
def test_every_choice_has_a_label(qapp, key: str):
    raw = [
        (f.name, c)
        for f in REGISTERS[key].fields
        if f.kind == "choice"
        for c in f.choices
        if choice_label(c) == c
    ]
    assert raw == [], f"{key}: choices shown by their stored values"


def test_operate_labels_read_as_words(qapp):
    assert field_label("complaint", "received_on") == "Received on"
    assert choice_label("angered") == "Customer angered (all five steps)"
    assert choice_label("perception_only") == "Perception only"
    assert choice_label(">=") == "At least (≥)"
