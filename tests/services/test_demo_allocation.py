"""The demo organisation, in both languages, has roles, a full responsibility matrix,
facilities and equipment at its three hotels, basic management work, and a dashboard whose
progress a reader would believe: each step where its records put it."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_desktop.domain.steps import ShownStatus, Step
from qms_desktop.services import allocation as al
from qms_desktop.services import registers as rs
from qms_desktop.services.demo import write_demo
from qms_desktop.services.steps import step_summaries
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.workspace import Workspace


@pytest.fixture(scope="module", params=["en", "zh_CN"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp(request.param) / "demo.qms"
    write_demo(path, request.param)
    return path


def test_the_demo_has_roles_a_full_matrix_and_resources_at_three_hotels(demo: Path):
    with Workspace.open(demo, read_only=True) as ws:
        roles = rs.list_records(ws, "role")
        assert len(roles) >= 10
        kinds = {r.values["kind"] for r in roles}
        assert {"top_management", "management_representative", "process_owner"} <= kinds
        assert {"internal_auditor", "document_controller", "department_head"} <= kinds
        assert sum(r.values["reports_to"] is None for r in roles) == 1  # one top of the chart
        matrix = al.responsibility_matrix(ws)
        assert matrix.problems() == ()  # one A per process and element, every role filled
        assert (
            len(matrix.targets) == 6 + 9
        )  # the processes (one outsourced) and the adopted elements
        facilities = rs.list_records(ws, "facility")
        assert len({f.values["site"] for f in facilities}) == 3
        assert {f.values["kind"] for f in facilities} == {
            "service_facility",
            "service_equipment",
            "measuring_equipment",
        }
        # exactly one calibration overdue, whatever day the demo is made
        assert sorted(al.calibration_states(ws).values()).count("overdue") == 1
        assert len(rs.list_records(ws, "basic_work")) == 6
        assert any(p.values["state"] == "left" for p in rs.list_records(ws, "person"))
        coverage = al.training_coverage(ws)
        assert coverage.unmatched == ()  # every attendee is a person of the register
        assert sum(p.trained for p in coverage.people) >= 6


def test_the_demo_dashboard_shows_believable_progress(demo: Path):
    with Workspace.open(demo, read_only=True) as ws:
        steps = step_summaries(ws)
    shown = {step: s.status for step, s in steps.items()}
    assert shown == {
        Step.SUMMARISE: ShownStatus.DONE,
        Step.STUDY: ShownStatus.IN_PROGRESS,
        Step.COMPARE: ShownStatus.IN_PROGRESS,
        Step.PLAN: ShownStatus.READY,
        Step.ALLOCATE: ShownStatus.IN_PROGRESS,
        Step.STRENGTHEN: ShownStatus.IN_PROGRESS,
        Step.REFINE: ShownStatus.IN_PROGRESS,
        Step.OPERATE: ShownStatus.IN_PROGRESS,
    }
    assert all(s.warning is None for s in steps.values())  # signed-off steps still hold
    assert 0.6 < steps[Step.ALLOCATE].progress < 1.0
    assert 0.2 < steps[Step.STRENGTHEN].progress < 0.6
    assert 0.2 < steps[Step.STUDY].progress < 1.0
    missing = {m.code for m in steps[Step.ALLOCATE].rule.missing}
    assert missing == {
        "steps.role_no_competence",
        "steps.role_unfilled",
        "steps.resource_not_in_service",
        "steps.calibration_overdue",
    }


def test_the_demo_is_sound(demo: Path):
    report = check_workspace(demo)
    assert report.sound, report.problems
