"""Each step's progress rule (all eight), and how a step's shown status follows from its rule
and its sign-off."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_desktop.domain.steps import (
    PLAN_PARTS,
    RuleResult,
    ShownStatus,
    Step,
    StepState,
    StepStatus,
    allocate_rule,
    compare_rule,
    plan_rule,
    strengthen_rule,
    study_rule,
    summarise_rule,
    summarise_step,
)

TODAY = dt.date(2026, 11, 25)


def codes(rule: RuleResult) -> list[str]:
    return [m.code for m in rule.missing]


def test_summarise_needs_every_lesson_adopted_into_a_document_or_rejected():
    empty = summarise_rule([])
    assert (empty.started, empty.met, empty.progress) == (False, False, 0.0)
    assert codes(empty) == ["steps.no_lessons"]
    lessons = [
        {"decision": "adopt", "document": "SOP-7"},
        {"decision": "adopt", "document": " "},  # adopted, but no document carries it
        {"decision": "reject", "document": ""},
        {"decision": "later", "document": ""},  # put off is not decided
    ]
    rule = summarise_rule(lessons)
    assert rule.started and not rule.met and rule.progress == 0.5
    assert rule.missing[0].params == {"count": 2}
    assert summarise_rule(lessons[:1] + lessons[2:3]).met


def test_study_needs_every_planned_role_and_standard_completed():
    assert codes(study_rule({}, False)) == ["steps.no_study_plan"]
    assert study_rule({}, True).started and not study_rule({}, True).met  # people, no plan
    cells = {("Front office", "ISO 9001"): "completed", ("Housekeeping", "ISO 9001"): "planned"}
    rule = study_rule(cells, True)
    assert rule.progress == 0.5 and not rule.met
    assert rule.missing[0].params == {"role": "Housekeeping", "standard": "ISO 9001"}
    assert study_rule({k: "completed" for k in cells}, True).met


def test_compare_needs_every_applicable_requirement_of_the_latest_assessment_assessed():
    none = compare_rule(None)
    assert not none.started and codes(none) == ["steps.no_assessment"]
    half = compare_rule(0.5, 12)
    assert half.started and not half.met and half.missing[0].params == {"count": 12}
    assert compare_rule(1.0).met and compare_rule(1.0).missing == ()


def test_plan_is_ready_for_approval_when_every_part_of_the_design_is_there():
    assert not plan_rule({}).started
    some = plan_rule({"policy": True, "objectives": True})
    assert some.started and some.progress == pytest.approx(2 / len(PLAN_PARTS))
    assert len(some.missing) == len(PLAN_PARTS) - 2
    assert some.missing[0].params["part"].code == "steps.part_positioning"
    assert "service positioning" in some.missing[0].text("en")
    assert "服务定位" in some.missing[0].text("zh_CN")
    assert plan_rule(dict.fromkeys(PLAN_PARTS, True)).met


def _people():
    return {1: {"name": "Li Na", "state": "active"}, 2: {"name": "Wang Fang", "state": "left"}}


def test_allocate_needs_filled_competent_roles_resources_in_service_and_calibrations_kept():
    assert codes(allocate_rule([], {}, [], TODAY)) == ["steps.no_roles"]
    gm = {"title": "GM", "appointee": 1, "appointee_competence": "MBA"}
    assert allocate_rule([gm], _people(), [], TODAY).met
    rule = allocate_rule(
        [
            gm,
            {"title": "Auditor", "appointee": None, "appointee_competence": ""},
            {"title": "Spa lead", "appointee": 2, "appointee_competence": "x"},
            {"title": "Engineer", "appointee": 1, "appointee_competence": " "},
        ],
        _people(),
        [
            {"item": "Lobby", "kind": "service_facility", "state": "in_service"},
            {"item": "Old bus", "kind": "service_equipment", "state": "retired"},  # not counted
            {"item": "Shuttle", "kind": "service_equipment", "state": "ordered"},
            {
                "item": "Scale",
                "kind": "measuring_equipment",
                "state": "in_service",
                "next_calibration": dt.date(2026, 11, 1),
            },
        ],
        TODAY,
    )
    assert codes(rule) == [
        "steps.role_unfilled",
        "steps.role_appointee_left",
        "steps.role_no_competence",
        "steps.resource_not_in_service",
        "steps.calibration_overdue",
    ]
    # items: 4 roles (1 met), lobby (met), shuttle, scale in service (met), its calibration
    assert rule.progress == pytest.approx(3 / 8) and not rule.met
    assert rule.missing[4].params == {"item": "Scale", "due": "2026-11-01"}
    # facilities alone start the step but cannot meet it
    only_things = allocate_rule([], {}, [{"item": "Lobby", "state": "in_service"}], TODAY)
    assert only_things.started and not only_things.met


def test_strengthen_needs_every_area_in_place():
    assert codes(strengthen_rule([])) == ["steps.no_basic_work"]
    areas = [{"area": "Metrology", "state": "in_place"}, {"area": "Records", "state": "under_way"}]
    rule = strengthen_rule(areas)
    assert rule.progress == 0.5 and codes(rule) == ["steps.basic_work_open"]
    assert strengthen_rule(areas[:1]).met


@pytest.mark.parametrize(
    ("stored", "rule", "shown", "progress"),
    [
        (StepStatus.NOT_STARTED, RuleResult(True, False, False, 0.0), ShownStatus.NOT_STARTED, 0.0),
        (StepStatus.NOT_STARTED, RuleResult(True, True, False, 0.4), ShownStatus.IN_PROGRESS, 0.4),
        (StepStatus.NOT_STARTED, RuleResult(True, True, True, 1.0), ShownStatus.READY, 1.0),
        (StepStatus.IN_PROGRESS, RuleResult(True, True, True, 1.0), ShownStatus.READY, 1.0),
        (
            StepStatus.IN_PROGRESS,
            RuleResult(False, False, False, 0.0),
            ShownStatus.IN_PROGRESS,
            0.0,
        ),
        (StepStatus.DONE, RuleResult(False, False, False, 0.0), ShownStatus.DONE, 1.0),
        (StepStatus.DONE, RuleResult(True, True, True, 1.0), ShownStatus.DONE, 1.0),
    ],
)
def test_the_shown_status_follows_the_rule_and_the_sign_off(stored, rule, shown, progress):
    summary = summarise_step(StepState(Step.ALLOCATE, stored), rule)
    assert summary.status is shown and summary.progress == progress and summary.warning is None


def test_a_signed_off_step_whose_rule_stops_holding_warns():
    rule = strengthen_rule([{"area": "Metrology", "state": "under_way"}])
    summary = summarise_step(StepState(Step.STRENGTHEN, StepStatus.DONE, "Li", TODAY), rule)
    assert summary.status is ShownStatus.DONE and summary.progress == 1.0
    assert summary.warning is not None
    assert summary.warning.text("en") == (
        "Signed off, but its rule no longer holds: “Metrology” is not in place yet"
    )
    assert "“Metrology”尚未到位" in summary.warning.text("zh_CN")
