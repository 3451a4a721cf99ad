"""QC circles and culture activities: the registers' own rules (a project finishes on or after
it was presented, savings are zero or more, dates are not in the future) and the per-year
counts of circles registered, projects finished and their savings."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_desktop.domain.circles import CircleYear, circles_per_year, year_of
from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.registers import REGISTERS, validate_record

PROJECT = {"circle": 1, "title": "Shorter check-in queue"}


def _project(**values: object) -> dict[str, object]:
    return validate_record(REGISTERS["qc_project"], {**PROJECT, **values})


def test_a_project_finishes_on_or_after_it_was_presented() -> None:
    _project(presented_on=dt.date(2026, 5, 10), finished_on=dt.date(2026, 5, 10))
    _project(presented_on=dt.date(2026, 5, 10), finished_on=dt.date(2026, 6, 1))
    _project(finished_on=dt.date(2026, 6, 1))  # not presented: nothing to compare
    with pytest.raises(ValidationError) as caught:
        _project(presented_on=dt.date(2026, 5, 10), finished_on=dt.date(2026, 5, 9))
    assert caught.value.field == "finished_on"
    assert caught.value.code == "circles.finished_before_presented"
    assert "2026-05-10" in caught.value.text("en") and "2026-05-10" in caught.value.text("zh_CN")


def test_savings_are_zero_or_more() -> None:
    assert _project(savings=0)["savings"] == 0
    assert _project(savings="12,500")["savings"] == 12500.0
    with pytest.raises(ValidationError) as caught:
        _project(savings=-1)
    assert caught.value.field == "savings" and caught.value.code == "operate.negative"


def test_dates_are_not_in_the_future() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        _project(finished_on=tomorrow)
    assert caught.value.field == "finished_on"
    with pytest.raises(ValidationError):
        validate_record(REGISTERS["qc_circle"], {"name": "Smiles", "registered_on": tomorrow})


def test_a_project_needs_its_circle_and_title_and_a_pdca_stage_of_four() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_record(REGISTERS["qc_project"], {"title": "x"})
    assert caught.value.field == "circle"
    assert _project()["pdca"] == ""  # the form starts a new one at "plan" (its default)
    assert REGISTERS["qc_project"].new_record(dt.date(2026, 1, 1), "?")["pdca"] == "plan"
    with pytest.raises(ValidationError):
        _project(pdca="study")


def test_a_circle_starts_active_and_an_activity_needs_its_kind_and_date() -> None:
    assert REGISTERS["qc_circle"].new_record(dt.date(2026, 1, 1), "?")["status"] == "active"
    with pytest.raises(ValidationError) as caught:
        validate_record(REGISTERS["culture_activity"], {"title": "Quality month", "kind": "x"})
    assert caught.value.field == "kind"
    done = validate_record(
        REGISTERS["culture_activity"],
        {"title": "Quality month", "kind": "quality_month", "held_on": "2026-09-01",
         "participants": "3 4 3"},
    )  # fmt: skip
    assert done["held_on"] == dt.date(2026, 9, 1) and done["participants"] == (3, 4)


def test_circles_registered_and_projects_finished_per_year() -> None:
    circles = [
        {"registered_on": dt.date(2024, 3, 1)},
        {"registered_on": dt.date(2025, 1, 9)},
        {"registered_on": dt.date(2025, 12, 31)},
        {"registered_on": None},  # not registered yet: not counted
    ]
    projects = [
        {"finished_on": dt.date(2025, 6, 30), "savings": 12000.0},
        {"finished_on": dt.date(2025, 11, 2), "savings": None},
        {"finished_on": dt.date(2026, 1, 1), "savings": 800},
        {"finished_on": None, "savings": 5000.0},  # still running: its savings wait
    ]
    rows = circles_per_year(circles, projects)
    assert rows == [
        CircleYear(2024, 1, 0, 0.0),
        CircleYear(2025, 2, 2, 12000.0),
        CircleYear(2026, 0, 1, 800.0),
    ]
    assert year_of(rows, 2025).projects_finished == 2
    assert year_of(rows, 2030) == CircleYear(2030, 0, 0, 0.0)
    assert circles_per_year([], []) == []
