"""The Allocate step's checks: the responsibility matrix, calibration due dates, roles and the
organisation chart, training coverage, the register rules of roles, cells and facilities."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_desktop.domain.allocation import (
    MatrixRole,
    MatrixTarget,
    ResponsibilityMatrix,
    calibration_status,
    match_names,
    next_calibration_due,
    org_chart_levels,
    reporting_loop,
    role_filled,
    role_ready,
    session_teaches,
    training_coverage,
)
from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.registers import REGISTERS, validate_record

D = dt.date


def _matrix(cells):
    roles = (MatrixRole(1, "GM", "Li Na", True), MatrixRole(2, "Auditor", "", False))
    targets = (
        MatrixTarget("process", 10, "Check-in"),
        MatrixTarget("element", 20, "Quality costs"),
    )
    return ResponsibilityMatrix(roles, targets, cells)


def test_every_process_and_element_needs_exactly_one_accountable_role():
    full = _matrix({(1, ("process", 10)): "A", (1, ("element", 20)): "A"})
    assert full.problems() == ()
    assert full.cell(1, full.targets[0]) == "A" and full.cell(2, full.targets[0]) == ""
    none = _matrix({(1, ("process", 10)): "R"})
    assert [m.code for m in none.problems()] == [
        "allocation.process_without_a",
        "allocation.element_without_a",
    ]
    assert "Check-in" in none.problems()[0].text("en")


def test_two_accountable_roles_and_an_unfilled_role_in_the_matrix_are_problems():
    matrix = _matrix(
        {(1, ("process", 10)): "A", (2, ("process", 10)): "A", (1, ("element", 20)): "A"}
    )
    problems = matrix.problems()
    assert [m.code for m in problems] == [
        "allocation.process_many_a",
        "allocation.matrix_role_unfilled",
    ]
    assert problems[0].params["roles"] == ["GM", "Auditor"]
    assert "GM、Auditor" in problems[0].text("zh_CN")
    # a role that holds no cell need not be filled for the matrix
    assert _matrix({(1, ("process", 10)): "A", (1, ("element", 20)): "A"}).problems() == ()


@pytest.mark.parametrize(
    ("last", "months", "due"),
    [
        (D(2026, 1, 15), 12, D(2027, 1, 15)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # a shorter month ends the interval at its end
        (D(2027, 12, 31), 2, D(2028, 2, 29)),  # leap year
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 5, 10), 120, D(2036, 5, 10)),
    ],
)
def test_next_calibration_is_the_interval_in_calendar_months(last, months, due):
    assert next_calibration_due(last, months) == due


def test_calibration_status_flags_overdue_and_due_soon_measuring_equipment():
    scale = {
        "kind": "measuring_equipment",
        "state": "in_service",
        "next_calibration": D(2026, 12, 1),
    }
    assert calibration_status(scale, D(2026, 10, 1)) == "ok"
    assert calibration_status(scale, D(2026, 11, 1)) == "due_soon"  # 30 days before
    assert calibration_status(scale, D(2026, 12, 1)) == "due_soon"  # due today: not yet late
    assert calibration_status(scale, D(2026, 12, 2)) == "overdue"
    assert calibration_status({**scale, "state": "retired"}, D(2027, 1, 1)) == ""
    assert calibration_status({**scale, "kind": "service_equipment"}, D(2027, 1, 1)) == ""
    assert calibration_status({**scale, "next_calibration": None}, D(2027, 1, 1)) == ""


def _facility(**kw):
    return {"item": "Thermometer", "kind": "measuring_equipment", "state": "in_service", **kw}


def test_facility_rules_fill_the_next_date_and_refuse_bad_calibrations():
    reg = REGISTERS["facility"]
    v = validate_record(reg, _facility(calibration_months="6", last_calibrated="2026-08-31"))
    assert v["next_calibration"] == D(2027, 2, 28)
    kept = validate_record(
        reg,
        _facility(
            calibration_months=6, last_calibrated="2026-08-31", next_calibration="2026-12-01"
        ),
    )
    assert kept["next_calibration"] == D(2026, 12, 1)  # a date given is kept
    with pytest.raises(ValidationError) as caught:
        validate_record(reg, _facility(last_calibrated="2026-08-31", next_calibration="2026-08-30"))
    assert caught.value.field == "last_calibrated"
    assert "2026-08-31" in caught.value.text("zh_CN")
    for months, code in (
        ("0", "interval_out_of_range"),
        ("121", "interval_out_of_range"),
        ("1.5", "interval_whole_months"),
    ):
        with pytest.raises(ValidationError) as caught:
            validate_record(reg, _facility(calibration_months=months))
        assert caught.value.code == f"allocation.{code}"
    with pytest.raises(ValidationError) as caught:
        validate_record(reg, _facility(kind="service_facility", last_calibrated="2026-01-01"))
    assert caught.value.code == "allocation.calibration_only_for_measuring"
    with pytest.raises(ValidationError) as caught:
        validate_record(reg, _facility(state="broken"))
    assert caught.value.field == "state"


def test_matrix_cell_rules():
    reg = REGISTERS["responsibility"]
    assert validate_record(reg, {"role": "3", "process": 4, "assignment": "A"})["role"] == 3
    for bad in (
        {"role": 3, "assignment": "A"},
        {"role": 3, "process": 4, "element": 5, "assignment": "A"},
    ):
        with pytest.raises(ValidationError) as caught:
            validate_record(reg, bad)
        assert caught.value.code == "allocation.cell_needs_one_target"
    with pytest.raises(ValidationError) as caught:
        validate_record(reg, {"role": 3, "process": 4, "assignment": "X"})
    assert caught.value.code == "core.not_a_choice"
    for junk in ("abc", -1, 0, True, 2.5):
        with pytest.raises(ValidationError) as caught:
            validate_record(reg, {"role": junk, "process": 4, "assignment": "R"})
        assert caught.value.code == "core.must_be_reference"
    with pytest.raises(ValidationError) as caught:
        validate_record(reg, {"role": None, "process": 4, "assignment": "R"})
    assert caught.value.code == "core.required"


def test_references_are_ids_without_repeats():
    reg = REGISTERS["training"]
    base = {"topic": "x", "held_on": "2026-01-01"}
    assert validate_record(reg, {**base, "participants": "3, 5 3"})["participants"] == (3, 5)
    assert validate_record(reg, {**base, "participants": [7, "2"]})["participants"] == (7, 2)
    assert validate_record(reg, {**base, "participants": None})["participants"] == ()
    with pytest.raises(ValidationError):
        validate_record(reg, {**base, "participants": "Li Na"})


def test_roles_filled_ready_and_appointment_dates():
    people = {1: {"state": "active"}, 2: {"state": "left"}, 3: {"state": ""}}
    assert role_filled({"appointee": 1}, people) and role_filled({"appointee": 3}, people)
    assert not role_filled({"appointee": 2}, people) and not role_filled({"appointee": 9}, people)
    assert not role_filled({"appointee": None}, people)
    assert role_ready({"appointee": 1, "appointee_competence": "ISO 19011 course"}, people)
    assert not role_ready({"appointee": 1, "appointee_competence": ""}, people)
    with pytest.raises(ValidationError) as caught:
        validate_record(
            REGISTERS["role"],
            {"title": "GM", "kind": "top_management", "appointed_on": "2026-01-01"},
        )
    assert caught.value.field == "appointed_on"


def test_the_organisation_chart_and_reporting_loops():
    chain = {1: None, 2: 1, 3: 2}
    assert reporting_loop(1, 3, chain)  # 1 under 3, which is under 2, under 1
    assert not reporting_loop(3, 1, chain)
    assert reporting_loop(4, 4, {})
    roles = [
        (1, "GM", None),
        (2, "Front office", 1),
        (3, "Reception", 2),
        (4, "Finance", 1),
        (5, "X", 6),
        (6, "Y", 5),
    ]
    assert org_chart_levels(roles) == [
        (0, 1, "GM"),
        (1, 2, "Front office"),
        (2, 3, "Reception"),
        (1, 4, "Finance"),
        (0, 5, "X"),  # a loop (stored before the check existed) is shown, never lost
        (1, 6, "Y"),
    ]


def test_training_coverage_and_name_matching():
    people = {
        1: {"name": "Li Na", "role": "Front office", "state": "active"},
        2: {"name": "Chen Jie", "role": "Front office", "state": "active"},
        3: {"name": "Old Hand", "role": "Front office", "state": "left"},
    }
    sessions = [
        (1, {"topic": "ISO 9001:2015 awareness", "hours": 2.0, "participants": (1, 2)}),
        (
            2,
            {
                "topic": "Hygiene",
                "standard": "HACCP",
                "hours": None,
                "participants": (1,),
                "unmatched_attendees": "Zhao\n",
            },
        ),
    ]
    plan = [
        {"role": "Front office", "standard": "ISO 9001", "state": "planned"},
        {"role": "front office", "standard": "HACCP", "state": "planned"},
        {"role": "Kitchen", "standard": "HACCP", "state": "completed"},
    ]
    cov = training_coverage(people, sessions, plan)
    assert cov.cells == {
        ("Front office", "ISO 9001"): "completed",  # both current holders attended
        ("front office", "HACCP"): "planned",
        ("Kitchen", "HACCP"): "completed",  # marked so in the plan
    }
    assert [(g.standard, g.people) for g in cov.still_to_study] == [("HACCP", ("Chen Jie",))]
    li = cov.people[0]
    assert (li.sessions, li.hours, li.standards) == (2, 2.0, ("HACCP", "ISO 9001"))
    assert cov.by_role() == {"Front office": (["Li Na", "Chen Jie"], [])}  # who left is not counted
    assert cov.unmatched == ((2, "Hygiene", ("Zhao",)),)
    assert session_teaches({"topic": "x", "standard": "haccp "}, "HACCP")
    assert not session_teaches({"topic": "HACCP", "standard": "ISO"}, "HACCP")
    assert match_names(["li na", " Nobody ", "", "LI NA"], people) == ([1], ["Nobody"])
