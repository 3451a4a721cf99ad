"""Step 8's arithmetic: SERVQUAL scores against a worked example computed by hand, the
five-step recovery rule, targets read from free text, Pareto counts and retention."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_desktop.domain.operate import (
    ACQUISITION_FACTOR,
    Answer,
    Target,
    compare_dimensions,
    missing_steps,
    needed_steps,
    pareto,
    parse_target,
    per_month,
    per_thousand,
    recovery_warnings,
    retention_rate,
    retention_value,
    score_survey,
    steps_taken,
    target_met,
)

# The worked example. Items 1 and 2 ask about tangibles, item 3 about reliability; three
# respondents answer expectation (E) and perception (P) on a 1-7 scale:
#
#            item 1     item 2     item 3
#            E   P      E   P      E   P
#   A        6   5      7   6      7   4
#   B        5   5      6   4      6   6
#   C        7   4      5   5      7   5
#
# Item 1: mean P = 14/3 = 4.667, mean E = 18/3 = 6, gaps -1, 0, -3 -> gap -4/3 = -1.333;
#   sample variance of the gaps = (0.333² + 1.333² + 1.667²)/2 = 4.667/2 = 2.333,
#   standard error = sqrt(2.333/3) = 0.882, t(2 df) = 4.303 -> 95% CI -1.333 ± 3.795
#   = (-5.128, 2.461).
# Item 2: gaps -1, -2, 0 -> -1.000 (P 5.000, E 6.000). Item 3: gaps -3, 0, -2 -> -1.667.
# Tangibles, per respondent (mean over items 1-2): A -1, B -1, C -1.5 -> -3.5/3 = -1.167
#   (P 4.833, E 6.000), n = 3 respondents. Reliability = item 3 = -1.667.
# Overall (plain mean of the two dimensions) = (-1.167 - 1.667)/2 = -1.417;
# weighted with importance points tangibles 20, reliability 30:
#   (20 x -1.167 + 30 x -1.667)/50 = -73.33/50 = -1.467.
TABLE = {
    "A": ((6, 5), (7, 6), (7, 4)),
    "B": ((5, 5), (6, 4), (6, 6)),
    "C": ((7, 4), (5, 5), (7, 5)),
}
ITEMS = {1: "tangibles", 2: "tangibles", 3: "reliability"}


def answers() -> list[Answer]:
    return [
        Answer(who, item, p, e)
        for who, row in TABLE.items()
        for item, (e, p) in zip((1, 2, 3), row, strict=True)
    ]


def test_worked_example_items() -> None:
    s = score_survey(ITEMS, answers(), {"tangibles": 20, "reliability": 30})
    one = s.items[1]
    assert one.n == 3
    assert one.perception == pytest.approx(4.6667, abs=1e-4)
    assert one.expectation == pytest.approx(6.0)
    assert one.gap == pytest.approx(-1.3333, abs=1e-4)
    assert one.ci_low == pytest.approx(-5.128, abs=1e-3)
    assert one.ci_high == pytest.approx(2.461, abs=1e-3)
    assert s.items[2].gap == pytest.approx(-1.0)
    assert s.items[3].gap == pytest.approx(-1.6667, abs=1e-4)
    assert s.basis == "gap" and s.respondents == 3


def test_worked_example_dimensions_and_overall() -> None:
    s = score_survey(ITEMS, answers(), {"tangibles": 20, "reliability": 30})
    tang = s.dimensions["tangibles"]
    assert (tang.n, tang.perception, tang.expectation) == (3, pytest.approx(4.8333, abs=1e-4), 6.0)
    assert tang.gap == pytest.approx(-1.1667, abs=1e-4)
    assert s.dimensions["reliability"].gap == pytest.approx(-1.6667, abs=1e-4)
    assert list(s.dimensions) == ["tangibles", "reliability"]
    assert s.overall == pytest.approx(-1.4167, abs=1e-4)
    assert s.weighted == pytest.approx(-1.4667, abs=1e-4)


def test_perception_only_and_no_weights() -> None:
    only = [Answer(a.respondent, a.item, a.perception) for a in answers()]
    s = score_survey(ITEMS, only)
    assert s.basis == "perception"
    assert s.items[1].gap is None and s.items[1].expectation is None
    assert s.dimensions["tangibles"].value == pytest.approx(4.8333, abs=1e-4)
    assert s.weighted is None


def test_single_answer_has_no_interval_and_unknown_items_are_left_out() -> None:
    s = score_survey({1: "empathy"}, [Answer("A", 1, 5, 4), Answer("A", 99, 1, 7)])
    assert s.items[1].ci_low is None and s.items[1].gap == 1
    assert 99 not in s.items and s.respondents == 1


def test_comparison_of_two_waves() -> None:
    before = score_survey(ITEMS, answers())
    better = [Answer(a.respondent, a.item, a.perception + 1, a.expectation) for a in answers()]
    rows = compare_dimensions(before, score_survey(ITEMS, better))
    assert [(d, round(c or 0, 4)) for d, _, _, c in rows] == [
        ("tangibles", 1.0),
        ("reliability", 1.0),
    ]


def test_recovery_rule() -> None:
    assert needed_steps("disappointed") == (1, 2)
    assert needed_steps("angered") == (1, 2, 3, 4, 5)
    case = {"apology_on": dt.date(2026, 3, 1), "reinstatement": "Room changed", "empathy": " "}
    assert steps_taken(case) == (1, 2)
    assert missing_steps("disappointed", case) == ()
    assert missing_steps("angered", case) == (3, 4, 5)
    complaints = {
        1: {"severity": "angered", "status": "closed"},
        2: {"severity": "disappointed", "status": "closed"},
        3: {"severity": "angered", "status": "open"},  # still being handled: no warning
        4: {"severity": "disappointed", "status": "closed"},  # closed without any case
    }
    warnings = recovery_warnings(
        complaints, [{"complaint": 1, **case}, {"complaint": 2, **case}, {"complaint": 3}]
    )
    assert [(w.complaint, w.missing) for w in warnings] == [(1, (3, 4, 5)), (4, (1, 2))]
    full = {
        "complaint": 1,
        "empathy": "We understand",
        "token": "Voucher",
        "follow_up_on": dt.date(2026, 3, 9),
    }
    cases = [{"complaint": 1, **case}, full, {"complaint": 2, **case}]
    assert [w.complaint for w in recovery_warnings(complaints, cases)] == [4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥ 90%", Target(">=", 90, "%")),
        (">=4.5 points", Target(">=", 4.5, "points")),
        ("at least 95 %", Target(">=", 95, "%")),
        ("within 3 min", Target("<=", 3, "min")),
        ("不超过2次", Target("<=", 2, "次")),
        ("95%以上", Target(">=", 95, "%")),
        ("不低于 4.2 分", Target(">=", 4.2, "分")),
        ("3分钟以内", Target("<=", 3, "分钟")),
        ("98%", Target("=", 98, "%")),
        ("≤ 0,5 %", Target("<=", 0.5, "%")),
    ],
)
def test_targets_parse(text: str, expected: Target) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize("text", ["", "as high as possible", "90% in 3 days", "满意", "≥ 90 以内"])
def test_targets_that_do_not_parse(text: str) -> None:
    assert parse_target(text) is None


def test_target_met() -> None:
    assert target_met(Target(">=", 90, "%"), 90)
    assert not target_met(Target(">=", 90, "%"), 89.9)
    assert target_met(Target("<=", 3, "min"), 2.5)
    assert not target_met(Target("<=", 3, "min"), 3.1)
    assert target_met(Target("=", 98, "%"), 98.0) and not target_met(Target("=", 98, "%"), 97)


def test_pareto_and_months() -> None:
    assert pareto({"Check-in": 6, "Billing": 3, "Room": 1}) == [
        ("Check-in", 6, 0.6),
        ("Billing", 3, 0.9),
        ("Room", 1, 1.0),
    ]
    assert pareto({}) == []
    days = [dt.date(2026, 1, 3), dt.date(2026, 1, 30), dt.date(2026, 2, 1), None]
    assert per_month(days) == {"2026-01": 2, "2026-02": 1}


def test_retention_arithmetic() -> None:
    # 1 000 customers last period, 850 came back: 85 %; 12 complaints in 4 000 services: 3 ‰
    assert retention_rate(1000, 850) == pytest.approx(0.85)
    assert retention_rate(0, 5) is None
    assert per_thousand(12, 4000) == pytest.approx(3.0)
    assert per_thousand(1, 0) is None
    # The rule of thumb (an assumption): winning a customer costs 3-5x keeping one.
    assert ACQUISITION_FACTOR == (3.0, 5.0)
    # Keeping a customer costs 200: replacing one costs 600-1000; one point of retention
    # over 2 000 customers is 20 customers x (600-200 .. 1000-200) = 8 000 .. 16 000.
    v = retention_value(2000, 200)
    assert (v.lost_low, v.lost_high) == (600, 1000)
    assert (v.point_low, v.point_high) == (8000, 16000)
