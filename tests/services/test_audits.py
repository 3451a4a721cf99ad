"""Internal audit services: starting an audit builds its checklist from the requirements in
scope only (one transaction, all or nothing), an audit without scope is refused, independence
is checked against the Allocate roles with the override, completing refuses ungraded
nonconforming findings, and undo/redo of a start keep the checklist's ids."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from qms_desktop.domain.errors import QmsError, ValidationError, WorkspaceError
from qms_desktop.libraries import builtin_library
from qms_desktop.services import audits
from qms_desktop.services import checklist as cl
from qms_desktop.services.libraries import store_library
from qms_desktop.services.registers import add_record, delete_record, update_record
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import AssessmentItemRecord, AssessmentRecord
from qms_desktop.storage.workspace import Workspace

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    store_library(workspace, "t", builtin_library("iso9001-2015"))
    return workspace


def _person(ws: Workspace, name: str) -> int:
    return add_record(ws, "t", "person", {"name": name, "role": "Staff"})[0].id


def _process(ws: Workspace, name: str = "Front desk", owner: str = "", reqs: str = "") -> int:
    values = {"name": name, "owner": owner, "requirements": reqs}
    return add_record(ws, "t", "process", values)[0].id


def _audit(ws: Workspace, **values: object) -> int:
    base: dict[str, object] = {"title": "Audit 1", "planned_on": DAY, "status": "planned"}
    return add_record(ws, "t", "internal_audit", {**base, **values})[0].id


def _counts(ws: Workspace) -> tuple[int, int]:
    with ws.reading() as s:
        return (
            s.scalar(select(func.count()).select_from(AssessmentRecord)) or 0,
            s.scalar(select(func.count()).select_from(AssessmentItemRecord)) or 0,
        )


def test_start_builds_the_checklist_of_the_scope_only(ws: Workspace) -> None:
    audit = _audit(ws, clauses="7.5, 8.5.1")
    done, changes = audits.start_audit(ws, "t", audit)
    assert "internal_audit" in changes.registers and changes.checklist
    refs = [item.ref for _, item in audits.audit_items(ws, audit)]
    assert refs and all(r == "8.5.1" or r == "7.5" or r.startswith("7.5.") for r in refs)
    assert "7.5.1" in refs and "8.5.1" in refs and "8.5.2" not in refs and "7.1" not in refs
    info = audits.audit_info(ws, audit)
    assert info.status == "in_progress" and info.assessment_id == done.assessment_id
    assert check_workspace(ws.path).sound


def test_scope_from_the_process_when_no_clauses(ws: Workspace) -> None:
    process = _process(ws, reqs="8.2")
    audit = _audit(ws, process=process)
    audits.start_audit(ws, "t", audit)
    refs = {item.ref for _, item in audits.audit_items(ws, audit)}
    assert refs and all(r.startswith("8.2") for r in refs)


def test_no_scope_refused_and_nothing_made(ws: Workspace) -> None:
    audit = _audit(ws)
    with pytest.raises(ValidationError) as exc:
        audits.start_audit(ws, "t", audit)
    assert exc.value.code == "audit.no_scope" and "Audit 1" in exc.value.text("en")
    assert "范围" in exc.value.text("zh_CN")
    # a process naming no requirements gives no scope either
    update_record(ws, "t", "internal_audit", audit, process=_process(ws))
    with pytest.raises(ValidationError, match="names no requirements"):
        audits.start_audit(ws, "t", audit)
    assert _counts(ws) == (0, 0) and audits.audit_info(ws, audit).status == "planned"


def test_scope_that_matches_nothing_leaves_nothing_half_made(ws: Workspace) -> None:
    audit = _audit(ws, clauses="99.9")
    before = ws.audit_head()
    with pytest.raises(ValidationError) as exc:
        audits.start_audit(ws, "t", audit)
    assert exc.value.code == "audit.scope_matches_nothing"
    assert _counts(ws) == (0, 0) and ws.audit_head() == before
    assert audits.audit_info(ws, audit).assessment_id is None


def test_start_twice_and_cancelled_refused(ws: Workspace) -> None:
    audit = _audit(ws, clauses="7.5")
    audits.start_audit(ws, "t", audit)
    with pytest.raises(QmsError, match="already been started"):
        audits.start_audit(ws, "t", audit)
    other = _audit(ws, title="Audit 2", clauses="7.5", status="cancelled")
    with pytest.raises(QmsError, match="cancelled"):
        audits.start_audit(ws, "t", other)


def test_status_only_by_start_and_complete(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as exc:
        _audit(ws, status="completed", held_on=DAY)
    assert exc.value.code == "audit.status_by_action"
    audit = _audit(ws, clauses="7.5")
    with pytest.raises(ValidationError, match="Start audit"):
        update_record(ws, "t", "internal_audit", audit, status="in_progress")
    audits.start_audit(ws, "t", audit)
    with pytest.raises(ValidationError, match="Start audit"):
        update_record(ws, "t", "internal_audit", audit, status="planned")
    update_record(ws, "t", "internal_audit", audit, site="Main building")  # other fields: fine
    update_record(ws, "t", "internal_audit", audit, status="cancelled")  # called off: allowed
    with pytest.raises(QmsError, match="cancelled"):
        audits.complete_audit(ws, "t", audit, DAY)


def test_undo_and_redo_of_a_start_keep_the_checklist_ids(ws: Workspace) -> None:
    audit = _audit(ws, clauses="8.5")
    done, _ = audits.start_audit(ws, "t", audit)
    ids = [i for i, _ in audits.audit_items(ws, audit)]
    snapshot, _ = audits.undo_start(ws, "t", done)
    assert _counts(ws) == (0, 0) and audits.audit_info(ws, audit).status == "planned"
    audits.redo_start(ws, "t", done, snapshot)
    assert [i for i, _ in audits.audit_items(ws, audit)] == ids
    assert audits.audit_info(ws, audit).status == "in_progress"
    assert check_workspace(ws.path).sound


def test_started_audit_and_its_checklist_kept_together(ws: Workspace) -> None:
    audit = _audit(ws, clauses="8.5")
    done, _ = audits.start_audit(ws, "t", audit)
    with pytest.raises(WorkspaceError, match="its checklist"):
        delete_record(ws, "t", "internal_audit", audit)
    with pytest.raises(WorkspaceError) as exc:
        cl.delete_assessment(ws, "t", done.assessment_id)
    assert exc.value.code == "audit.checklist_of_audit"
    assert _counts(ws)[0] == 1
    planned = _audit(ws, title="Audit 2", clauses="7.5")
    delete_record(ws, "t", "internal_audit", planned)  # not started: deleted as any record


def test_complete_refuses_ungraded_nonconforming_findings(ws: Workspace) -> None:
    audit = _audit(ws, clauses="8.5.1")
    audits.start_audit(ws, "t", audit)
    with pytest.raises(QmsError, match="not been started"):
        audits.complete_audit(ws, "t", _audit(ws, title="Audit 2"), DAY)
    (item_id, _), *_ = audits.audit_items(ws, audit)
    cl.assess_requirement(ws, "t", item_id, status="nonconforming")
    with pytest.raises(QmsError) as exc:
        audits.complete_audit(ws, "t", audit, DAY)
    assert exc.value.code == "audit.ungraded_findings" and "8.5.1" in exc.value.text("en")
    assert audits.audit_info(ws, audit).status == "in_progress"
    with pytest.raises(ValidationError, match="future"):
        audits.complete_audit(ws, "t", audit, dt.date.today() + dt.timedelta(days=3))
    cl.assess_requirement(ws, "t", item_id, grade="minor")
    before, _ = audits.complete_audit(ws, "t", audit, DAY, "System largely effective.")
    info = audits.audit_info(ws, audit)
    assert info.status == "completed" and info.held_on == DAY
    with pytest.raises(QmsError, match="already completed"):
        audits.complete_audit(ws, "t", audit, DAY)
    audits.reopen_audit(ws, "t", audit, before)
    assert audits.audit_info(ws, audit).status == "in_progress"
    assert check_workspace(ws.path).sound


def test_independence_from_the_responsibility_matrix(ws: Workspace) -> None:
    lin, wu = _person(ws, "Lin Wei"), _person(ws, "Wu Fang")
    process = _process(ws, owner="Wu Fang")  # the matrix, when it names someone, decides
    role = add_record(
        ws,
        "t",
        "role",
        {"title": "Front office manager", "kind": "process_owner", "appointee": lin},
    )[0].id
    add_record(ws, "t", "responsibility", {"role": role, "process": process, "assignment": "A"})
    with pytest.raises(ValidationError) as exc:
        _audit(ws, process=process, lead_auditor=lin)
    assert exc.value.field == "independence_override"
    assert "Lin Wei" in exc.value.text("en") and "Front desk" in exc.value.text("en")
    assert "Lin Wei" in exc.value.text("zh_CN") and "独立性" in exc.value.text("zh_CN")
    with pytest.raises(ValidationError):  # in the team, not only as lead
        _audit(ws, process=process, auditors=(wu, lin))
    audit = _audit(ws, process=process, lead_auditor=wu)  # the text owner is not asked
    with pytest.raises(ValidationError):
        update_record(ws, "t", "internal_audit", audit, auditors=(lin,))
    update_record(
        ws, "t", "internal_audit", audit, auditors=(lin,),
        independence_override="Only trained auditor on site; reviewed by the QA manager.",
    )  # fmt: skip


def test_independence_from_the_owner_text_and_the_auditee(ws: Workspace) -> None:
    lin, wu = _person(ws, "Lin Wei"), _person(ws, "Wu Fang")
    by_name = _process(ws, "Housekeeping", owner="lin wei ")
    with pytest.raises(ValidationError, match="Housekeeping"):
        _audit(ws, process=by_name, lead_auditor=lin)
    add_record(ws, "t", "role", {"title": "Head chef", "kind": "other_role", "appointee": wu})
    by_title = _process(ws, "Kitchen", owner="Head chef")
    with pytest.raises(ValidationError, match="Kitchen"):
        _audit(ws, process=by_title, lead_auditor=wu)
    with pytest.raises(ValidationError) as exc:
        _audit(ws, lead_auditor=wu, auditee=wu)
    assert exc.value.code == "audit.not_independent_auditee"
    _audit(ws, process=by_title, lead_auditor=lin, auditee=wu)


def test_record_audit_runs_it_whole_or_refuses_a_finding_out_of_scope(ws: Workspace) -> None:
    audit = _audit(ws, clauses="8.5")
    with pytest.raises(ValidationError) as exc:
        audits.record_audit(ws, "t", audit, {"9.2.1": {"status": "conforming"}}, DAY)
    assert exc.value.code == "audit.finding_out_of_scope" and "9.2.1" in exc.value.text("en")
    assert _counts(ws) == (0, 0) and audits.audit_info(ws, audit).status == "planned"
    findings = {
        "8.5.1": {"status": "nonconforming", "grade": "major", "evidence_notes": "No ID copy"},
        "8.5.2": {"status": "conforming", "grade": "good_practice"},
    }
    audits.record_audit(ws, "t", audit, findings, DAY, "Mostly effective.")
    info = audits.audit_info(ws, audit)
    assert info.status == "completed" and info.held_on == DAY
    graded = {f.ref: f.grade.value for _, f in audits.audit_items(ws, audit)}
    assert graded["8.5.1"] == "major" and graded["8.5.2"] == "good_practice"
    assert check_workspace(ws.path).sound


def test_an_audit_checklist_is_not_the_latest_gap_assessment(ws: Workspace) -> None:
    from qms_desktop.domain.steps import Step
    from qms_desktop.services.steps import step_summaries

    gap, _ = cl.create_assessment(ws, "t", "Baseline", dt.date(2026, 1, 5), ["iso9001-2015"])
    before = step_summaries(ws)[Step.COMPARE]
    audit = _audit(ws, clauses="8.5")
    done, _ = audits.start_audit(ws, "t", audit, today=dt.date(2026, 6, 1))
    assert [a.id for a in cl.list_assessments(ws)] == [gap.id]
    assert [a.id for a in cl.list_assessments(ws, audits=True)] == [gap.id, done.assessment_id]
    assert step_summaries(ws)[Step.COMPARE] == before
