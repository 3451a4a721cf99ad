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


def test_a_list_of_names_in_a_cell_is_separated_as_the_language_writes_it(window):
    """Members, participants, attendees: 、 between Chinese names, a comma in English."""
    from qms_desktop.domain.registers import REGISTERS as regs
    from qms_desktop.ui.models.register import display

    members = regs["qc_circle"].field("members")
    labels = {1: "李娜", 2: "黄蕾"}
    assert display(members, (1, 2), labels) == "李娜, 黄蕾"
    window.languages.apply("zh_CN")
    assert display(members, (1, 2), labels) == "李娜、黄蕾"
    assert display(members, (2,), labels) == "黄蕾"
