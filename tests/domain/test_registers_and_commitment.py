import datetime as dt

import pytest

from qms_desktop.domain.commitment import QUALITIES, ServiceCommitment, check_commitment
from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.registers import (
    LESSONS,
    OBJECTIVES,
    REGISTERS,
    TRAINING,
    recovery_steps_for,
    validate_record,
)


def test_lesson_is_validated():
    v = validate_record(
        LESSONS,
        {
            "source": "complaint",
            "occurred_on": "2025-03-02",
            "what_happened": "Cold food",
            "lesson": "Plates must be warmed",
        },
    )
    assert v["occurred_on"] == dt.date(2025, 3, 2) and v["decision"] == ""
    with pytest.raises(ValidationError) as exc:
        validate_record(LESSONS, {"source": "rumour", "what_happened": "x", "lesson": "y"})
    assert exc.value.field == "source"
    with pytest.raises(ValidationError, match="required"):
        validate_record(LESSONS, {"source": "audit", "what_happened": "  ", "lesson": "y"})
    with pytest.raises(ValidationError, match="kind of rule"):
        validate_record(
            LESSONS, {"source": "audit", "what_happened": "x", "lesson": "y", "decision": "adopt"}
        )
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        validate_record(
            LESSONS,
            {"source": "audit", "what_happened": "x", "lesson": "y", "occurred_on": "March"},
        )


def test_objective_target_needs_a_unit_and_a_number():
    base = {
        "objective": "Answer the phone fast",
        "metric": "rings before answer",
        "frequency": "monthly",
    }
    with pytest.raises(ValidationError, match="needs a unit"):
        validate_record(OBJECTIVES, {**base, "target": "3"})
    with pytest.raises(ValidationError, match="must be a number"):
        validate_record(OBJECTIVES, {**base, "target": "three", "unit": "rings"})
    assert validate_record(OBJECTIVES, {**base, "target": "3", "unit": "rings"})["target"] == 3.0
    with pytest.raises(ValidationError, match="must be a number"):
        validate_record(OBJECTIVES, {**base, "target": "nan", "unit": "rings"})


def test_training_hours_bounded_and_hostile_text_kept():
    hostile = "<b>&</b> {{ 7*7 }} \x00 🙂" + "x" * 100_000
    v = validate_record(TRAINING, {"topic": hostile, "held_on": dt.date(2026, 1, 5), "hours": 2})
    assert v["topic"] == hostile
    with pytest.raises(ValidationError, match="hours"):
        validate_record(TRAINING, {"topic": "x", "held_on": "2026-01-05", "hours": -1})


def test_every_register_is_filed_under_its_own_key():
    assert len(REGISTERS) >= 26  # 17, and the Operate step's nine
    assert all(key == reg.key for key, reg in REGISTERS.items())
    for reg in REGISTERS.values():
        names = [f.name for f in reg.fields]
        assert len(names) == len(set(names)), reg.key  # a field declared twice would shadow one
        assert all(f.choices for f in reg.fields if f.kind == "choice"), reg.key
        assert all(f.ref in REGISTERS for f in reg.references()), reg.key


def test_recovery_steps():
    assert recovery_steps_for("small") == (1, 2) and recovery_steps_for("angry") == (1, 2, 3, 4, 5)


def test_a_good_commitment_meets_all_five_qualities():
    rating = check_commitment(
        ServiceCommitment(
            promise="Your room is ready by 14:00 or the first night is free.",
            covers="check-in time",
            remedy="The first night's room charge is refunded at the desk at once.",
            invoke="Tell the front desk.",
        )
    )
    assert rating.findings == () and rating.met == QUALITIES


def test_a_poor_commitment_is_explained():
    rating = check_commitment(
        ServiceCommitment(
            promise="We provide excellent service and respond as soon as possible, subject to availability.*",
            remedy="A voucher for your next stay after investigation",
            invoke="Send a written complaint with your receipt.",
        )
    )
    codes = {(f.quality, f.code) for f in rating.findings}
    assert ("unconditional", "conditions") in codes
    assert ("understandable", "vague") in codes
    assert ("meaningful", "not_measurable") in codes
    assert ("simple_to_invoke", "hassle") in codes
    assert ("easy_to_collect", "slow_remedy") in codes
    assert rating.score == 0
    missing = check_commitment(ServiceCommitment(promise="10分钟内上菜，否则免单。"))
    assert {f.code for f in missing.findings} == {"no_remedy", "no_invocation"}
    assert any(f.detail for f in rating.findings if f.code == "conditions")


def test_a_new_record_starts_valid_with_its_defaults():
    import datetime as dt

    from qms_desktop.domain.registers import validate_record

    today = dt.date(2026, 11, 25)
    for reg in REGISTERS.values():
        record = reg.new_record(today, "(new)")
        if any(f.required for f in reg.references()):
            continue  # made by a picker (a matrix cell), never as a blank record
        validate_record(reg, record)  # a new record is always storable
    objective = REGISTERS["objective"].new_record(today, "(new)")
    assert objective["unit"] == "%"
