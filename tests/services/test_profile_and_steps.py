import datetime as dt
from pathlib import Path

import pytest

from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.steps import Step, StepStatus
from qms_desktop.services.profile import get_profile, update_profile
from qms_desktop.services.steps import get_step_progress, get_step_states, update_step
from qms_desktop.services.workspaces import check_workspace, create_workspace
from qms_desktop.storage.workspace import Workspace


def test_new_workspace_has_profile_and_eight_steps(tmp_path: Path):
    ws = create_workspace(tmp_path / "new.qms", "海港之光", lang="zh_CN", actor="t")
    try:
        assert get_profile(ws).name == "海港之光"
        assert get_profile(ws).default_language == "zh_CN"
        states = get_step_states(ws)
        assert set(states) == set(Step)
        assert all(s.status is StepStatus.NOT_STARTED for s in states.values())
    finally:
        ws.close()
    assert check_workspace(tmp_path / "new.qms").sound


def test_create_refuses_bad_input_and_leaves_nothing(tmp_path: Path):
    with pytest.raises(ValidationError):
        create_workspace(tmp_path / "a.qms", "  ")
    with pytest.raises(ValidationError):
        create_workspace(tmp_path / "b.qms", "Org", lang="xx")
    with pytest.raises(WorkspaceError, match="does not exist"):
        create_workspace(tmp_path / "missing-folder" / "c.qms", "Org")
    assert list(tmp_path.iterdir()) == []


def test_invalid_update_writes_nothing(workspace: Workspace):
    before = get_profile(workspace)
    with pytest.raises(ValidationError):
        update_profile(workspace, "t", address="fine", doc_prefix="not valid!")
    assert get_profile(workspace) == before


def test_step_sign_off_rules(workspace: Workspace):
    with pytest.raises(ValidationError):
        update_step(workspace, "t", Step.SUMMARISE, status=StepStatus.DONE)
    state, changes = update_step(
        workspace,
        "t",
        Step.SUMMARISE,
        status=StepStatus.DONE,
        signed_off_by="Lin Wei",
        signed_off_on=dt.date(2026, 10, 1),
        notes="ok",
    )
    assert state.status is StepStatus.DONE and changes.steps == {"summarise"}
    assert get_step_progress(workspace)[Step.SUMMARISE] == 1.0
    # leaving arguments out keeps them
    state, _ = update_step(workspace, "t", Step.SUMMARISE, notes="more")
    assert state.signed_off_by == "Lin Wei" and state.signed_off_on == dt.date(2026, 10, 1)


def test_demo_is_complete_and_sound(demo_file: Path):
    with Workspace.open(demo_file) as ws:
        p = get_profile(ws)
        assert p.name and p.scope and p.logo and len(p.service_list) >= 3 and len(p.site_list) >= 2
        states = get_step_states(ws)
        assert states[Step.SUMMARISE].status is StepStatus.DONE
    assert check_workspace(demo_file).sound


def test_chinese_demo(tmp_path: Path):
    from qms_desktop.services.demo import write_demo

    write_demo(tmp_path / "zh.qms", "zh_CN")
    with Workspace.open(tmp_path / "zh.qms") as ws:
        assert "酒店" in get_profile(ws).name
        assert get_profile(ws).default_language == "zh_CN"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_demo_has_records_for_summarise_study_and_plan(tmp_path: Path, lang: str):
    from qms_desktop.domain.registers import REGISTERS
    from qms_desktop.services.demo import write_demo
    from qms_desktop.services.registers import get_plan, list_records, rate_commitment

    write_demo(tmp_path / "d.qms", lang)
    with Workspace.open(tmp_path / "d.qms") as ws:
        for key in REGISTERS:
            assert len(list_records(ws, key)) >= 1, key
        assert get_plan(ws)["quality_policy"]
        assert rate_commitment(ws).score == 5
        progress = get_step_progress(ws)
        assert progress[Step.SUMMARISE] == 1.0 and 0 < progress[Step.STUDY] < 1


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_demo_has_a_baseline_and_a_reassessment(tmp_path: Path, lang: str):
    from qms_desktop.domain.assessment import Status
    from qms_desktop.services import checklist as cl
    from qms_desktop.services.demo import write_demo

    write_demo(tmp_path / "d.qms", lang)
    with Workspace.open(tmp_path / "d.qms") as ws:
        base, later = cl.list_assessments(ws)
        overall, by_clause = cl.assessment_score(ws, base.id)
        counts = overall.counts
        assert (
            counts[Status.CONFORMING] >= 5
            and counts[Status.PARTIAL] >= 5
            and counts[Status.NONCONFORMING] >= 4
        )
        assert 0.3 < overall.conformity < 0.8 and set(by_clause) >= {"4", "7", "9", "10"}
        comparison = cl.compare_assessments(ws, base.id, later.id)
        assert {c.ref for c in comparison.improved} >= {"4.3", "7.1.5"}
        assert {c.ref for c in comparison.regressed} == {"4.1"}
        ready = cl.assessment_readiness(ws, later.id, today=dt.date(2026, 12, 20))
        assert (
            ready is not None
            and ready.open_actions > 5
            and ready.overdue >= 2
            and ready.due_after_audit == 1
        )
        rows = {r.ref: r for r in cl.checklist_rows(ws, base.id)}
        assert rows["7.1.5"].evidence_files == ("calibration-list-2026.csv",)
    assert check_workspace(tmp_path / "d.qms").sound
