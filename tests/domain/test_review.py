"""Management review: the ISO 9001 9.3.2 inputs gathered for a review's period from records
made here, and the Operate step's rule with its review cycle."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.operate import Target
from qms_desktop.domain.registers import REGISTERS, validate_record
from qms_desktop.domain.review import (
    CycleState,
    ReviewRecords,
    SurveyLine,
    gather_inputs,
    review_cycle,
)
from qms_desktop.domain.steps import operate_rule

D = dt.date


def _review(held: D, start: D, end: D, **more: object) -> dict[str, object]:
    return {"held_on": held, "period_from": start, "period_to": end, **more}


def _action(raised: D, status: str = "open", **more: object) -> dict[str, object]:
    values: dict[str, object] = {
        "raised_on": raised,
        "source": "other",
        "description": f"action of {raised}",
        "owner": "",
        "due": None,
        "status": status,
        "review": None,
        "verified_on": None,
    }
    values.update(more)
    return values


def _records(**over: object) -> ReviewRecords:
    base: dict[str, object] = {
        "reviews": {
            1: _review(D(2024, 1, 20), D(2023, 1, 1), D(2023, 12, 31)),
            2: _review(
                D(2025, 1, 22),
                D(2024, 1, 1),
                D(2024, 12, 31),
                changes_in_context="A new competitor opened next door.",
                supplier_performance="Laundry late twice.",
                resources="Two new staff.",
                risks_and_opportunities="Night-shift cover worked.",
                audits=(11,),
            ),
        },
        "nonconformities": {
            # outputs of review 1 (earlier): one closed, one still open
            1: _action(D(2024, 1, 20), "closed", review=1, verified_on=D(2024, 3, 1)),
            2: _action(D(2024, 1, 20), "in_progress", review=1, owner="Li", due=D(2024, 6, 30)),
            # raised in 2024 from an audit and a complaint; one overdue at the year's end
            3: _action(D(2024, 4, 2), "open", source="audit_finding", due=D(2024, 5, 1)),
            4: _action(D(2024, 8, 9), "done", source="complaint", due=D(2024, 9, 1)),
            5: _action(
                D(2024, 9, 9), "verified", source="audit_finding", verified_on=D(2024, 11, 2)
            ),  # fmt: skip
            # outside the period
            6: _action(D(2025, 2, 1), "open", due=D(2025, 3, 1)),
            # an output of review 2 itself: not a "previous action"
            7: _action(D(2025, 1, 22), "open", review=2),
        },
        "surveys": [
            SurveyLine(1, "Guests 2023", D(2023, 6, 1), 30, 5.1, "perception"),
            SurveyLine(2, "Guests 2024", D(2024, 6, 1), 40, -0.4, "gap"),
        ],
        "complaints": {
            1: {"received_on": D(2024, 2, 3), "severity": "disappointed", "status": "closed"},
            2: {"received_on": D(2024, 5, 3), "severity": "angered", "status": "open"},
            3: {"received_on": D(2024, 7, 3), "severity": "disappointed", "status": "closed"},
            4: {"received_on": D(2023, 7, 3), "severity": "angered", "status": "closed"},
        },
        "recoveries": [{"complaint": 1}, {"complaint": 2}, {"complaint": 4}],
        "claims": [
            {"claimed_on": D(2024, 5, 4), "payout": 50.0},
            {"claimed_on": D(2024, 7, 4), "payout": None},
            {"claimed_on": D(2023, 7, 4), "payout": 80.0},
        ],
        "objectives": {
            1: {
                "objective": "Satisfaction",
                "target": 90.0,
                "unit": "%",
                "comparison": ">=",
                "process": "Front desk",
            },  # fmt: skip
            2: {
                "objective": "Complaint rate",
                "target": 2.0,
                "unit": "‰",
                "comparison": "<=",
                "process": "Front desk",
            },  # fmt: skip
            3: {
                "objective": "Room turnaround",
                "target": 30.0,
                "unit": "min",
                "comparison": "<=",
                "process": "Housekeeping",
            },  # fmt: skip
        },
        "standards": {1: ("Answer within 3 rings", ">= 95 %", Target(">=", 95.0, "%"))},
        "results": [
            {"objective": 1, "standard": None, "period": D(2024, 3, 1), "value": 85.0},
            {"objective": 1, "standard": None, "period": D(2024, 9, 1), "value": 92.0},
            {"objective": 2, "standard": None, "period": D(2024, 9, 1), "value": 3.0},
            {"objective": 3, "standard": None, "period": D(2023, 9, 1), "value": 20.0},
            {"objective": None, "standard": 1, "period": D(2024, 10, 1), "value": 97.0},
        ],
        "audits": {
            10: {"title": "Front desk audit", "held_on": D(2024, 10, 5), "status": "completed"},
            11: {"title": "Kitchen audit", "held_on": D(2023, 11, 5), "status": "completed"},
            12: {"title": "Spa audit", "held_on": D(2024, 12, 1), "status": "planned"},
        },
        "findings": {
            10: [("major", "8.5.1 — keys"), ("minor", ""), ("ofi", "7.1.6 — share know-how")],
            11: [("observation", "")],
            12: [("major", "not counted")],
        },
        "lessons": [
            {"occurred_on": D(2024, 4, 1), "lesson": "Call back within a day."},
            {"occurred_on": D(2022, 4, 1), "lesson": "Old lesson."},
        ],
        "people": [{"state": "active"}, {"state": ""}, {"state": "left"}],
        "facilities": [{"state": "in_service"}, {"state": "retired"}, {"state": "in_service"}],
    }
    base.update(over)
    return ReviewRecords(**base)  # type: ignore[arg-type]


def test_inputs_are_gathered_for_the_period_of_the_review() -> None:
    inputs = gather_inputs(2, _records())
    assert (inputs.period.start, inputs.period.end) == (D(2024, 1, 1), D(2024, 12, 31))
    # a: the actions from the earlier review, with their state
    assert [(a.id, a.status) for a in inputs.previous_actions] == [
        (1, "closed"),
        (2, "in_progress"),
    ]
    assert inputs.previous_open == 1
    # b, c7, d, e: the reviewers' own words
    assert inputs.changes_in_context == "A new competitor opened next door."
    assert inputs.supplier_performance == "Laundry late twice."
    assert inputs.resources == "Two new staff." and inputs.people == 2
    assert inputs.facilities_in_service == 2
    assert inputs.risks_and_opportunities == "Night-shift cover worked."
    # c1: the survey of the period with its score; complaints, recoveries and claims
    assert [(s.title, s.overall) for s in inputs.surveys] == [("Guests 2024", -0.4)]
    fb = inputs.feedback
    assert (fb.complaints, fb.still_open, fb.recoveries) == (3, 1, 2)
    assert fb.by_severity == {"disappointed": 2, "angered": 1}
    assert (fb.claims, fb.payouts) == (2, 50.0)
    # c2: objectives held against the latest result of the period
    objectives = {t.label: t for t in inputs.objectives}
    assert objectives["Satisfaction"].latest == 92.0 and objectives["Satisfaction"].met
    assert objectives["Satisfaction"].results == 2
    assert objectives["Complaint rate"].met is False
    assert objectives["Room turnaround"].results == 0 and objectives["Room turnaround"].met is None
    # c3: per process
    assert [(p.process, p.objectives, p.measured, p.met) for p in inputs.processes] == [
        ("Front desk", 2, 2, 1),
        ("Housekeeping", 1, 0, 0),
    ]
    # c4: nonconformities raised, closed, overdue at the period's end
    acts = inputs.actions
    assert acts.closed == 2  # 1 (verified 2024-03-01) and 5
    assert [a.id for a in acts.overdue_lines] == [2, 3, 4]
    assert acts.overdue == 3 and acts.still_open == 3
    # c5: monitoring: the satisfaction standard and the results recorded
    assert inputs.monitoring[0].met is True and inputs.results_recorded == 4
    # c6: audits completed in the period plus the ones the review names, findings by grade
    assert [a.title for a in inputs.audits] == ["Kitchen audit", "Front desk audit"]
    assert inputs.findings["major"] == 1 and inputs.findings["observation"] == 1
    # f: opportunities from audit findings and lessons of the period
    assert [(o.source, o.text) for o in inputs.opportunities] == [
        ("audit", "7.1.6 — share know-how"),
        ("lesson", "Call back within a day."),
    ]


def test_actions_raised_in_the_period_are_counted_by_source() -> None:
    inputs = gather_inputs(2, _records())
    # 1 and 2 were raised on 2024-01-20 (the earlier review's outputs), inside 2024
    assert inputs.actions.opened == 5
    assert inputs.actions.by_source == {"other": 2, "audit_finding": 2, "complaint": 1}


def test_the_first_review_has_no_previous_actions_and_sees_only_its_own_year() -> None:
    inputs = gather_inputs(1, _records())
    assert inputs.previous_actions == ()
    assert [s.title for s in inputs.surveys] == ["Guests 2023"]
    assert inputs.feedback.complaints == 1 and inputs.feedback.payouts == 80.0
    assert [a.title for a in inputs.audits] == ["Kitchen audit"]
    assert inputs.opportunities == ()


def test_a_period_with_nothing_recorded_gives_empty_inputs() -> None:
    records = _records(
        reviews={5: _review(D(2030, 1, 5), D(2029, 1, 1), D(2029, 12, 31))},
    )
    inputs = gather_inputs(5, records)
    assert inputs.feedback.complaints == 0 and inputs.surveys == ()
    assert inputs.audits == () and inputs.actions.opened == 0
    assert all(t.results == 0 for t in inputs.objectives)


def test_review_dates_are_checked() -> None:
    reg = REGISTERS["management_review"]
    good = {**reg.blank(), **_review(D(2025, 1, 5), D(2024, 1, 1), D(2024, 12, 31))}
    assert validate_record(reg, good)["period_to"] == D(2024, 12, 31)
    with pytest.raises(ValidationError) as err:
        validate_record(reg, {**good, "period_to": D(2023, 12, 31)})
    assert err.value.field == "period_to"
    assert "2024-01-01" in err.value.message.text("en")
    assert "评审期间" in err.value.message.text("zh_CN")
    with pytest.raises(ValidationError) as err:
        validate_record(reg, {**good, "held_on": D(2023, 6, 1)})
    assert err.value.field == "held_on"


# -- the review cycle and the Operate step's rule ---------------------------------------------

TODAY = D(2025, 6, 1)
AUDITS = {10: {"status": "completed"}, 11: {"status": "planned"}}


def test_no_cycle_without_a_completed_audit() -> None:
    state = review_cycle({11: {"status": "planned"}}, {}, [], TODAY)
    assert state == CycleState(False, False, 0, 0)


def test_a_review_must_include_a_completed_audit_and_be_held() -> None:
    reviews = {1: {"held_on": D(2025, 1, 5), "audits": (11,)}}  # only the planned one
    assert not review_cycle(AUDITS, reviews, [], TODAY).review_held
    reviews = {1: {"held_on": D(2025, 7, 5), "audits": (10,)}}  # not held yet
    assert not review_cycle(AUDITS, reviews, [], TODAY).review_held
    reviews = {1: {"held_on": D(2025, 1, 5), "audits": (10,)}}
    assert review_cycle(AUDITS, reviews, [], TODAY) == CycleState(True, True, 0, 0)


def test_outputs_count_when_scheduled_or_finished() -> None:
    reviews = {1: {"held_on": D(2025, 1, 5), "audits": (10,)}}
    outputs = [
        {"review": 1, "status": "open", "owner": "Li", "due": D(2025, 3, 1)},  # scheduled
        {"review": 1, "status": "open", "owner": "", "due": D(2025, 3, 1)},  # no owner
        {"review": 1, "status": "in_progress", "owner": "Wu", "due": None},  # no due date
        {"review": 1, "status": "closed", "owner": "", "due": None},  # finished
        {"review": 2, "status": "open", "owner": "", "due": None},  # another review's
    ]
    assert review_cycle(AUDITS, reviews, outputs, TODAY) == CycleState(True, True, 4, 2)


def test_of_several_reviews_the_one_with_its_outputs_in_order_counts() -> None:
    reviews = {
        1: {"held_on": D(2024, 1, 5), "audits": (10,)},
        2: {"held_on": D(2025, 1, 5), "audits": (10,)},
    }
    outputs = [{"review": 2, "status": "open", "owner": "", "due": None}]
    assert review_cycle(AUDITS, reviews, outputs, TODAY) == CycleState(True, True, 0, 0)


PART_ONE = {"channels": 2, "surveyed": True, "recovery_gaps": 0, "unmeasured": (), "started": True}


def test_operate_rule_needs_part_one_and_the_cycle() -> None:
    rule = operate_rule(**PART_ONE)
    assert not rule.met and rule.progress == pytest.approx(4 / 7)
    codes = [m.code for m in rule.missing]
    assert codes == ["steps.no_audit_completed", "steps.no_review_of_audit"]

    rule = operate_rule(**PART_ONE, audit_completed=True)
    assert rule.progress == pytest.approx(5 / 7)

    rule = operate_rule(**PART_ONE, audit_completed=True, review_held=True)
    assert not rule.met and rule.progress == pytest.approx(6 / 7)  # a review needs outputs
    (message,) = rule.missing
    assert "9.3.3" in message.text("en") and "9.3.3" in message.text("zh_CN")

    rule = operate_rule(
        **PART_ONE, audit_completed=True, review_held=True, review_outputs=2, outputs_unscheduled=2
    )
    assert not rule.met and rule.progress == pytest.approx(6 / 7)
    (message,) = rule.missing
    assert "2 output(s)" in message.text("en") and "2 项输出" in message.text("zh_CN")

    rule = operate_rule(**PART_ONE, audit_completed=True, review_held=True, review_outputs=2)
    assert rule.met and rule.progress == 1.0 and rule.missing == ()


def test_operate_rule_progress_is_the_share_of_parts_met() -> None:
    rule = operate_rule(started=True, audit_completed=True, review_held=True, review_outputs=1)
    # no channels, no survey: two parts missing; recovery and objectives hold; cycle holds
    assert rule.progress == pytest.approx(5 / 7) and not rule.met
    assert operate_rule().progress == 0.0  # nothing recorded: not started
    for message in operate_rule(started=True).missing:
        assert message.text("en") and message.text("zh_CN") != message.text("en")
