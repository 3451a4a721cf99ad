"""Nonconformities: the verification rule (no closing without a verification that found
the action effective), a 'no' reopens, what is overdue, the checklist's action states."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_desktop.domain import actions as act
from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.messages import table
from qms_desktop.domain.registers import REGISTERS, validate_record

REG = REGISTERS["nonconformity"]
DAY = dt.date(2026, 3, 2)


def _nc(**values: object) -> dict[str, object]:
    base: dict[str, object] = {"raised_on": DAY, "source": "other", "description": "Late",
                               "status": "open"}  # fmt: skip
    return validate_record(REG, {**base, **values})


@pytest.mark.parametrize("status", ["verified", "closed"])
def test_closing_without_verification_is_refused(status: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _nc(status=status)
    assert caught.value.field == "status"
    assert caught.value.code == "actions.close_needs_verification"
    # who and when are not enough: effective must be yes
    with pytest.raises(ValidationError):
        _nc(status=status, verified_by=3, verified_on=DAY)
    with pytest.raises(ValidationError):
        _nc(status=status, verified_by=3, effective="yes")
    done = _nc(status=status, verified_by=3, verified_on=DAY, effective="yes")
    assert done["status"] == status


def test_effective_no_reopens_and_keeps_the_verification() -> None:
    v = _nc(status="closed", verified_by=3, verified_on=DAY, effective="no",
            verification_evidence="Still late in April")  # fmt: skip
    assert v["status"] == "in_progress"
    assert (v["verified_by"], v["verified_on"], v["effective"]) == (3, DAY, "no")
    assert v["verification_evidence"] == "Still late in April"
    # done after a failed verification stays done, waiting for the next verification
    assert _nc(status="done", verified_by=3, verified_on=DAY, effective="no")["status"] == "done"


def test_verification_values_append_so_a_failed_one_stays_visible() -> None:
    first = act.verification_values({"verification_evidence": ""}, 3, DAY, "Sample of 20: 4 late",
                                    False, "Verified on 2026-03-02 by Li: NOT effective")  # fmt: skip
    assert first["status"] == "in_progress" and first["effective"] == "no"
    second = act.verification_values(first, 4, DAY + dt.timedelta(days=30), "0 late of 20",
                                     True, "Verified on 2026-04-01 by Wang: effective")  # fmt: skip
    assert second["status"] == "verified" and second["effective"] == "yes"
    text = str(second["verification_evidence"])
    assert text.index("NOT effective") < text.index("4 late") < text.index("by Wang")
    assert validate_record(REG, {**_nc(), **second})["status"] == "verified"


def test_dates_not_in_the_future_and_verification_not_before_raising() -> None:
    with pytest.raises(ValidationError) as caught:
        _nc(raised_on=dt.date.today() + dt.timedelta(days=2))
    assert caught.value.code == "actions.date_in_future"
    with pytest.raises(ValidationError) as caught:
        _nc(verified_on=DAY - dt.timedelta(days=1))
    assert caught.value.code == "actions.verified_before_raised"


def test_overdue_is_due_before_today_and_not_finished() -> None:
    today = dt.date(2026, 5, 1)
    late = dt.date(2026, 4, 30)
    assert act.is_overdue({"due": late, "status": "open"}, today)
    assert act.is_overdue({"due": late, "status": "in_progress"}, today)
    assert act.is_overdue({"due": late, "status": "done"}, today)  # not verified yet
    for status in ("verified", "closed", "cancelled"):
        assert not act.is_overdue({"due": late, "status": status}, today)
    assert not act.is_overdue({"due": today, "status": "open"}, today)
    assert not act.is_overdue({"due": None, "status": "open"}, today)


def test_checklist_states_map_both_ways_without_losing_verification() -> None:
    assert act.checklist_status("", None) == "open"
    assert act.checklist_status("done", None) == "done"
    # a verified or closed row is "done" on the checklist; writing "done" back keeps it
    assert act.ACTION_OF_STATE["verified"] == act.ACTION_OF_STATE["closed"] == "done"
    assert act.checklist_status("done", "verified") == "verified"
    assert act.checklist_status("open", "verified") == "open"
    assert set(act.STATE_OF_ACTION.values()) <= set(act.NC_STATES)


def test_messages_in_both_languages() -> None:
    words = table()
    for code in ("actions.close_needs_verification", "actions.overdue",
                 "actions.entity_nonconformity"):  # fmt: skip
        en, zh = words[code]
        assert en and zh and en != zh
