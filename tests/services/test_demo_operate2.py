"""The demo organisation's year of running the system (issue 11), in both languages: QC
circles with two projects (one finished with savings, drawn from a complaint), culture and
education activities; every record through its owner's service, so the file is sound."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qms_desktop.services import registers as rs
from qms_desktop.services.circles import circle_years
from qms_desktop.services.demo import write_demo
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.workspace import Workspace


@pytest.fixture(scope="module", params=["en", "zh_CN"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp(request.param) / "demo.qms"
    write_demo(path, request.param)
    return path


def _chinese(text: object) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(text))


def test_circles_two_projects_and_culture_activities(demo: Path) -> None:
    zh = "zh_CN" in str(demo.parent.name)
    with Workspace.open(demo, read_only=True) as ws:
        circles = rs.list_records(ws, "qc_circle")
        projects = rs.list_records(ws, "qc_project")
        activities = rs.list_records(ws, "culture_activity")
        years = circle_years(ws)
    assert len(circles) == 3 and {c.values["status"] for c in circles} == {"active", "dissolved"}
    assert all(len(c.values["members"]) >= 2 for c in circles)  # type: ignore[arg-type]
    assert len(projects) == 2
    finished = [p for p in projects if p.values["finished_on"] is not None]
    assert len(finished) == 1 and finished[0].values["pdca"] == "act"
    assert finished[0].values["savings"] and finished[0].values["complaint"] is not None
    assert {p.values["pdca"] for p in projects} == {"act", "do"}
    assert len(activities) >= 5
    assert {"training", "quality_month", "competition", "recognition"} <= {
        a.values["kind"] for a in activities
    }
    assert sum(y.circles_registered for y in years) == 3
    assert sum(y.projects_finished for y in years) == 1
    assert all(_chinese(r.values["title"]) == zh for r in (*projects, *activities))
    assert all(_chinese(c.values["name"]) == zh for c in circles)
    today = dt.date.today()
    assert all(a.values["held_on"] <= today for a in activities)  # type: ignore[operator]


def test_four_internal_audits_and_a_management_review(demo: Path) -> None:
    from qms_desktop.services import audits

    with Workspace.open(demo, read_only=True) as ws:
        found = rs.list_records(ws, "internal_audit")
        reviews = rs.list_records(ws, "management_review")
        graded = {
            a.id: audits.graded_count([i for _, i in audits.audit_items(ws, a.id)])
            for a in found
            if a.values["status"] != "planned"
        }
    assert len(found) == 4
    states = [a.values["status"] for a in found]
    assert states.count("completed") == 2 and "in_progress" in states and "planned" in states
    completed = [a for a in found if a.values["status"] == "completed"]
    assert all(a.values["held_on"] is not None for a in completed)
    for a in completed:  # graded findings in each completed audit
        assert sum(graded[a.id].values()) >= 2, graded[a.id]
    assert any(graded[a.id].get("major") for a in completed)
    assert len(reviews) == 1
    review = reviews[0].values
    assert set(review["audits"]) == {a.id for a in completed}  # type: ignore[arg-type]
    assert review["chair"] is not None and review["effective"] == "no"
    assert review["period_from"] <= review["held_on"] <= dt.date.today()  # type: ignore[operator]


def test_twelve_nonconformities_at_every_stage(demo: Path) -> None:
    from qms_desktop.domain.actions import is_overdue

    with Workspace.open(demo, read_only=True) as ws:
        # the baseline checklist's actions are rows of the register too (source checklist_gap)
        raised = [
            r.values
            for r in rs.list_records(ws, "nonconformity")
            if r.values["source"] != "checklist_gap"
        ]
        reviews = rs.list_records(ws, "management_review")
    assert len(raised) == 12
    sources = [v["source"] for v in raised]
    assert sources.count("audit_finding") == 5 and sources.count("complaint") == 4
    assert sources.count("management_review") == 3
    assert all(v["assessment_item"] for v in raised if v["source"] == "audit_finding")
    assert all(v["complaint"] for v in raised if v["source"] == "complaint")
    outputs = [v for v in raised if v["source"] == "management_review"]
    assert all(v["review"] == reviews[0].id and v["owner"] and v["due"] for v in outputs)
    states = {str(v["status"]) for v in raised}
    assert {"open", "in_progress", "done", "verified", "closed"} <= states
    reopened = [v for v in raised if v["effective"] == "no"]
    assert len(reopened) == 1 and reopened[0]["status"] == "in_progress"
    assert reopened[0]["verified_by"] is not None and reopened[0]["verification_evidence"]
    closed = [v for v in raised if v["status"] in ("verified", "closed")]
    assert closed and all(v["effective"] == "yes" and v["verified_on"] for v in closed)
    overdue = [v for v in raised if is_overdue(v, dt.date.today())]
    assert 2 <= len(overdue) <= 4


def test_monthly_quality_costs_with_revenue_and_appraisals_with_one_veto(demo: Path) -> None:
    with Workspace.open(demo, read_only=True) as ws:
        costs = rs.list_records(ws, "quality_cost")
        periods = rs.list_records(ws, "cost_period")
        appraisals = rs.list_records(ws, "appraisal")
        triggers = rs.list_records(ws, "veto_trigger")
    months = {c.values["period"] for c in costs}
    assert len(months) == 12 and all(m.day == 1 for m in months)  # type: ignore[union-attr]
    assert {c.values["category"] for c in costs} == {
        "prevention", "appraisal", "internal_failure", "external_failure"
    }  # fmt: skip
    assert {p.values["period"] for p in periods} == months
    assert all(p.values["revenue"] for p in periods)
    assert len({a.values["department"] for a in appraisals}) == 4
    vetoed = [a.values for a in appraisals if a.values["veto_applied"] == "yes"]
    assert len(vetoed) == 1 and str(vetoed[0]["veto_reason"]).strip()
    assert vetoed[0]["trigger"] in {t.id for t in triggers}


def test_the_review_cycle_is_run(demo: Path) -> None:
    """A completed audit reviewed by the management review, whose outputs are scheduled."""
    from qms_desktop.services.review import review_cycle

    with Workspace.open(demo, read_only=True) as ws:
        state = review_cycle(ws)
    assert state.audit_completed and state.review_held and not state.unscheduled


def test_the_demo_year_is_sound(demo: Path) -> None:
    report = check_workspace(demo)
    assert report.sound, report.problems
