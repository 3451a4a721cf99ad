import datetime as dt

import pytest

from qms_desktop.domain.assessment import (
    Action,
    ActionState,
    Grade,
    ItemAssessment,
    Status,
    clause_of,
    compare,
    readiness,
    score,
    score_by_clause,
    validate_item,
)
from qms_desktop.domain.errors import ValidationError


def item(ref: str, status: Status, **kw) -> ItemAssessment:
    return ItemAssessment("iso9001", ref, status, **kw)


def test_score_counts_partial_as_half_and_leaves_out_na_and_unassessed():
    items = [
        item("4.1", Status.CONFORMING),
        item("4.2", Status.PARTIAL),
        item("4.3", Status.NONCONFORMING),
        item("4.4", Status.NOT_APPLICABLE, na_justification="x"),
        item("5.1", Status.NOT_ASSESSED),
    ]
    s = score(items)
    assert s.conformity == pytest.approx(1.5 / 3)
    assert s.applicable == 4 and s.assessed == 3
    assert s.progress == pytest.approx(3 / 4)
    assert score([]).conformity is None
    assert score([item("1", Status.NOT_ASSESSED)]).progress == 0


def test_score_by_clause():
    by = score_by_clause(
        [
            item("8.5.1", Status.CONFORMING),
            item("8.2", Status.NONCONFORMING),
            item("9.1.1", Status.PARTIAL),
        ]
    )
    assert by["8"].conformity == 0.5 and by["9"].conformity == 0.5
    assert clause_of("AC-2(1)") == "AC" and clause_of("10.3") == "10"


def test_validation():
    with pytest.raises(ValidationError, match="justification"):
        validate_item(item("4.4", Status.NOT_APPLICABLE))
    with pytest.raises(ValidationError, match="does not fit"):
        validate_item(item("4.4", Status.CONFORMING, grade=Grade.MAJOR))
    validate_item(item("4.4", Status.CONFORMING, grade=Grade.GOOD_PRACTICE))
    validate_item(item("4.4", Status.NONCONFORMING, grade=Grade.MAJOR))


def test_readiness_for_the_next_audit():
    today = dt.date(2026, 11, 24)
    audit = dt.date(2027, 1, 15)
    items = [
        item(
            "1", Status.NONCONFORMING, action=Action("fix", "Lin", dt.date(2026, 11, 1))
        ),  # overdue
        item("2", Status.PARTIAL, action=Action("fix", "Lin", dt.date(2026, 12, 20))),
        item("3", Status.PARTIAL, action=Action("fix", "Lin", dt.date(2027, 3, 1))),
        item("4", Status.PARTIAL, action=Action("fix", "Lin")),
        item(
            "5",
            Status.PARTIAL,
            action=Action("fixed", "Lin", dt.date(2026, 10, 1), state=ActionState.DONE),
        ),
    ]
    r = readiness(items, audit, today)
    assert (
        r.open_actions,
        r.due_before_audit,
        r.overdue,
        r.due_after_audit,
        r.without_due_date,
    ) == (4, 2, 1, 1, 1)


def test_compare_two_assessments():
    before = [
        item("4.1", Status.NONCONFORMING),
        item("4.2", Status.CONFORMING),
        item("4.3", Status.PARTIAL),
    ]
    after = [
        item("4.1", Status.PARTIAL),
        item("4.2", Status.NONCONFORMING),
        item("4.3", Status.PARTIAL),
        item("4.4", Status.CONFORMING),
    ]
    c = compare(before, after)
    assert [x.ref for x in c.improved] == ["4.1"]
    assert [x.ref for x in c.regressed] == ["4.2"]
    assert [x.ref for x in c.newly_assessed] == ["4.4"]
    assert c.unchanged == 1
