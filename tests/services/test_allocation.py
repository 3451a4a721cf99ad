"""Allocate and Strengthen through the services: roles and appointments, references between
records, the responsibility matrix, facilities and calibration, training coverage, the basic
management work, and step progress that follows the records."""

from __future__ import annotations

import datetime as dt

import pytest

from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.steps import ShownStatus, Step, StepStatus
from qms_desktop.services import allocation as al
from qms_desktop.services import registers as rs
from qms_desktop.services.steps import step_summaries, update_step
from qms_desktop.storage.workspace import Workspace

D = dt.date


def person(ws: Workspace, name: str, role: str = "Front office", **kw: object) -> int:
    return rs.add_record(ws, "t", "person", {"name": name, "role": role, **kw})[0].id


def role(ws: Workspace, title: str, **kw: object) -> int:
    return rs.add_record(ws, "t", "role", {"title": title, "kind": "process_owner", **kw})[0].id


def process(ws: Workspace, name: str, owner: str = "") -> int:
    return rs.add_record(ws, "t", "process", {"name": name, "owner": owner})[0].id


def test_a_role_is_filled_by_a_person_of_the_register(workspace: Workspace):
    li = person(workspace, "Li Na")
    gm = role(workspace, "General manager", kind="top_management")
    fo = role(workspace, "Front office manager", reports_to=gm, appointee=li)
    rec = rs.list_records(workspace, "role")[1]
    assert rec.id == fo and rec.values["appointee"] == li and rec.values["reports_to"] == gm
    assert rs.record_labels(workspace, "person") == {li: "Li Na"}
    # nobody of that id
    with pytest.raises(ValidationError) as caught:
        rs.update_record(workspace, "t", "role", gm, appointee=999)
    assert caught.value.field == "appointee" and "999" in str(caught.value)
    assert rs.list_records(workspace, "role")[0].values["appointee"] is None  # nothing stored


def test_a_person_who_left_cannot_be_appointed_but_stays_where_appointed(workspace: Workspace):
    li = person(workspace, "Li Na")
    wang = person(workspace, "Wang Fang", state="left")
    gm = role(workspace, "General manager", appointee=li)
    with pytest.raises(ValidationError, match="Wang Fang has left") as caught:
        rs.update_record(workspace, "t", "role", gm, appointee=wang)
    assert caught.value.field == "appointee"
    assert rs.reference_choices(workspace, "person") == [(li, "Li Na")]
    assert (wang, "Wang Fang") in rs.reference_choices(workspace, "person", include_left=True)
    # Li leaves: the role keeps its history, other edits of it still go through
    rs.update_record(workspace, "t", "person", li, state="left")
    rs.update_record(workspace, "t", "role", gm, appointing_document="HR-2026-01")
    rule = step_summaries(workspace)[Step.ALLOCATE].rule
    assert not rule.met
    assert [m.code for m in rule.missing] == ["steps.role_appointee_left"]


def test_deleting_a_person_who_fills_a_role_is_refused_naming_the_roles(workspace: Workspace):
    li = person(workspace, "Li Na")
    role(workspace, "Front office manager", appointee=li)
    role(workspace, "Internal auditor", appointee=li, kind="internal_auditor")
    with pytest.raises(WorkspaceError) as caught:
        rs.delete_record(workspace, "t", "person", li)
    text = str(caught.value)
    assert "Front office manager" in text and "Internal auditor" in text and "left" in text
    assert "前台" not in caught.value.text("zh_CN") and "岗位" in caught.value.text("zh_CN")
    assert [r.id for r in rs.list_records(workspace, "person")] == [li]  # nothing deleted
    other = person(workspace, "Chen Jie")
    rs.delete_record(workspace, "t", "person", other)  # nobody points at Chen: deleted


def test_a_role_cannot_report_to_itself_through_others(workspace: Workspace):
    a = role(workspace, "A")
    b = role(workspace, "B", reports_to=a)
    c = role(workspace, "C", reports_to=b)
    for target in (a, c):
        with pytest.raises(ValidationError, match="report to itself") as caught:
            rs.update_record(workspace, "t", "role", target, reports_to=c if target == a else c)
        assert caught.value.field == "reports_to"


def test_the_matrix_checks_one_accountable_role_per_process_and_filled_roles(
    workspace: Workspace,
):
    li = person(workspace, "Li Na")
    fo = role(workspace, "Front office manager", appointee=li)
    hk = role(workspace, "Housekeeping manager")
    checkin = process(workspace, "Check-in")
    rooms = process(workspace, "Room cleaning")
    previous, changes = al.set_responsibilities(
        workspace,
        "t",
        [(fo, "process", checkin, "a"), (hk, "process", checkin, "C"), (hk, "process", rooms, "R")],
    )
    assert previous == [
        (hk, "process", rooms, ""),
        (hk, "process", checkin, ""),
        (fo, "process", checkin, ""),
    ]
    assert "responsibility" in changes.registers and "allocate" in changes.steps
    matrix = al.responsibility_matrix(workspace)
    assert [r.title for r in matrix.roles] == ["Front office manager", "Housekeeping manager"]
    assert [t.name for t in matrix.targets] == ["Check-in", "Room cleaning"]
    assert matrix.cell(fo, matrix.targets[0]) == "A"
    codes = sorted(m.code for m in matrix.problems())
    assert codes == ["allocation.matrix_role_unfilled", "allocation.process_without_a"]
    # a second A on check-in is a problem too
    al.set_responsibilities(workspace, "t", [(hk, "process", checkin, "A")])
    problems = al.responsibility_matrix(workspace).problems()
    assert any(m.code == "allocation.process_many_a" for m in problems)
    # emptying a cell deletes it; undo writes the previous letters back
    before, _ = al.set_responsibilities(workspace, "t", [(hk, "process", checkin, "")])
    assert al.responsibility_matrix(workspace).cell(hk, matrix.targets[0]) == ""
    al.set_responsibilities(workspace, "t", before)
    assert al.responsibility_matrix(workspace).cell(hk, matrix.targets[0]) == "A"


def test_a_matrix_letter_that_is_not_raci_refuses_the_whole_call(workspace: Workspace):
    fo = role(workspace, "Front office manager")
    checkin = process(workspace, "Check-in")
    with pytest.raises(ValidationError, match="not R, A, C or I"):
        al.set_responsibilities(
            workspace, "t", [(fo, "process", checkin, "R"), (fo, "process", checkin, "X")]
        )
    with pytest.raises(ValidationError):
        al.set_responsibilities(workspace, "t", [(fo, "process", 999, "R")])
    assert rs.list_records(workspace, "responsibility") == []  # nothing half-stored
    with pytest.raises(ValidationError, match="not one of the choices"):
        rs.add_record(
            workspace, "t", "responsibility", {"role": fo, "process": checkin, "assignment": "Q"}
        )
    rs.add_record(
        workspace, "t", "responsibility", {"role": fo, "process": checkin, "assignment": "R"}
    )
    with pytest.raises(ValidationError, match="already has a letter"):
        rs.add_record(
            workspace, "t", "responsibility", {"role": fo, "process": checkin, "assignment": "A"}
        )
    # a process the matrix points at is not deleted behind its back
    with pytest.raises(WorkspaceError, match="responsibility matrix"):
        rs.delete_record(workspace, "t", "process", checkin)


def test_roles_suggested_by_the_plan_step_are_added_with_their_accountability(
    workspace: Workspace,
):
    checkin = process(workspace, "Check-in", owner="Front office manager")
    process(workspace, "Night audit", owner="front office manager ")
    rs.add_record(
        workspace,
        "t",
        "element",
        {
            "element": "Quality costs",
            "group": "common",
            "adopted": "yes",
            "responsible": "Finance manager",
        },
    )
    role(workspace, "General manager")
    suggested = al.suggested_roles(workspace)
    assert [(s.title, s.kind, s.processes) for s in suggested] == [
        ("Front office manager", "process_owner", ("Check-in", "Night audit")),
        ("Finance manager", "other_role", ()),
    ]
    added, changes = al.add_suggested_roles(
        workspace, "t", ["Front office manager", "Finance manager"]
    )
    assert [r.values["title"] for r in added] == ["Front office manager", "Finance manager"]
    assert {"role", "responsibility"} <= changes.registers
    matrix = al.responsibility_matrix(workspace)
    fo = added[0].id
    assert matrix.cells[(fo, ("process", checkin))] == "A"
    assert al.suggested_roles(workspace) == []  # nothing typed twice


def test_calibration_dates_of_measuring_equipment(workspace: Workspace):
    thermo = {
        "item": "Cold-room thermometer",
        "kind": "measuring_equipment",
        "state": "in_service",
        "calibration_months": 12,
        "last_calibrated": "2026-01-31",
    }
    rec, _ = rs.add_record(workspace, "t", "facility", thermo)
    assert rec.values["next_calibration"] == D(2027, 1, 31)  # filled in from the interval
    with pytest.raises(ValidationError, match="after the next one") as caught:
        rs.update_record(workspace, "t", "facility", rec.id, last_calibrated="2027-03-01")
    assert caught.value.field == "last_calibrated"
    with pytest.raises(ValidationError, match="Only measuring equipment"):
        rs.add_record(workspace, "t", "facility", {**thermo, "kind": "service_equipment"})
    assert al.calibration_states(workspace, D(2026, 6, 1)) == {rec.id: "ok"}
    assert al.calibration_states(workspace, D(2027, 1, 10)) == {rec.id: "due_soon"}
    assert al.calibration_states(workspace, D(2027, 2, 1)) == {rec.id: "overdue"}


def test_training_coverage_counts_attended_sessions(workspace: Workspace):
    li = person(workspace, "Li Na", "Front office")
    chen = person(workspace, "Chen Jie", "Front office")
    person(workspace, "Zhou Qiang", "Housekeeping")
    rs.add_record(
        workspace,
        "t",
        "study_plan",
        {"role": "Front office", "standard": "ISO 9001", "state": "planned"},
    )
    rs.add_record(
        workspace,
        "t",
        "training",
        {"topic": "ISO 9001 awareness", "held_on": "2026-10-01", "hours": 3, "participants": [li]},
    )
    cov = al.training_coverage(workspace)
    assert cov.cells == {("Front office", "ISO 9001"): "planned"}
    assert [(g.role, g.people) for g in cov.still_to_study] == [("Front office", ("Chen Jie",))]
    assert cov.by_role() == {
        "Front office": (["Li Na"], ["Chen Jie"]),
        "Housekeeping": ([], ["Zhou Qiang"]),
    }
    assert step_summaries(workspace)[Step.STUDY].status is ShownStatus.IN_PROGRESS
    rs.add_record(
        workspace,
        "t",
        "training",
        {
            "topic": "QMS basics",
            "standard": "iso 9001",
            "held_on": "2026-10-08",
            "participants": f"{chen}",
        },
    )
    cov = al.training_coverage(workspace)
    assert cov.cells == {("Front office", "ISO 9001"): "completed"}  # everyone in the role went
    assert cov.still_to_study == ()
    rows = {p.name: p for p in cov.people}
    assert rows["Li Na"].sessions == 1 and rows["Li Na"].hours == 3.0
    assert step_summaries(workspace)[Step.STUDY].status is ShownStatus.READY


def test_attendees_are_people_and_unmatched_names_can_be_matched_later(workspace: Workspace):
    li = person(workspace, "Li Na")
    with pytest.raises(ValidationError, match="does not exist") as caught:
        rs.add_record(
            workspace,
            "t",
            "training",
            {"topic": "x", "held_on": "2026-10-01", "participants": [li, 77]},
        )
    assert caught.value.field == "participants"
    with pytest.raises(ValidationError, match="Pick a record"):
        rs.add_record(
            workspace,
            "t",
            "training",
            {"topic": "x", "held_on": "2026-10-01", "participants": "Li Na"},
        )
    rec, _ = rs.add_record(
        workspace,
        "t",
        "training",
        {
            "topic": "x",
            "held_on": "2026-10-01",
            "participants": [li, li],
            "unmatched_attendees": "Zhao Lei\nGhost",
        },
    )
    assert rec.values["participants"] == (li,)
    assert al.training_coverage(workspace).unmatched == ((rec.id, "x", ("Zhao Lei", "Ghost")),)
    zhao = person(workspace, "zhao lei")
    matched, changes = al.match_attendees(workspace, "t")
    assert matched == 1 and "training" in changes.registers
    after = rs.list_records(workspace, "training")[0].values
    assert after["participants"] == (li, zhao) and after["unmatched_attendees"] == "Ghost"
    with pytest.raises(WorkspaceError, match="training session"):
        rs.delete_record(workspace, "t", "person", zhao)


def test_allocate_moves_to_ready_for_sign_off_and_warns_when_the_rule_breaks(
    workspace: Workspace,
):
    today = D(2026, 11, 25)
    assert step_summaries(workspace, today)[Step.ALLOCATE].status is ShownStatus.NOT_STARTED
    li = person(workspace, "Li Na")
    gm = role(workspace, "General manager")
    summary = step_summaries(workspace, today)[Step.ALLOCATE]
    assert summary.status is ShownStatus.IN_PROGRESS and summary.progress == 0.0
    rs.update_record(workspace, "t", "role", gm, appointee=li, appointed_on="2026-11-01")
    assert step_summaries(workspace, today)[Step.ALLOCATE].status is ShownStatus.IN_PROGRESS
    rs.update_record(workspace, "t", "role", gm, appointee_competence="MBA; 12 years in hotels")
    thermo, _ = rs.add_record(
        workspace,
        "t",
        "facility",
        {"item": "Thermometer", "kind": "measuring_equipment", "state": "ordered"},
    )
    summary = step_summaries(workspace, today)[Step.ALLOCATE]
    assert summary.progress == pytest.approx(2 / 3)
    rs.update_record(
        workspace,
        "t",
        "facility",
        thermo.id,
        state="in_service",
        calibration_months=6,
        last_calibrated="2026-10-01",
    )
    summary = step_summaries(workspace, today)[Step.ALLOCATE]
    assert summary.status is ShownStatus.READY and summary.progress == 1.0
    update_step(
        workspace,
        "t",
        Step.ALLOCATE,
        status=StepStatus.DONE,
        signed_off_by="Li Na",
        signed_off_on=today,
    )
    assert step_summaries(workspace, today)[Step.ALLOCATE].warning is None
    # six months on, the calibration is overdue: still done, but with a warning
    later = step_summaries(workspace, D(2027, 5, 1))[Step.ALLOCATE]
    assert later.status is ShownStatus.DONE and later.warning is not None
    assert "Thermometer" in later.warning.text("en") and "已签核" in later.warning.text("zh_CN")


def test_basic_management_work_starting_list_and_strengthen_rule(workspace: Workspace):
    added, _ = al.add_starting_areas(workspace, "t", "zh_CN")
    assert [r.values["area"] for r in added][:2] == ["标准化工作", "计量工作"]
    assert added[1].values["requirement"] == "7.1.5"
    again, changes = al.add_starting_areas(workspace, "t", "en")
    assert again == [] and not changes.registers  # already there (in either language)
    assert step_summaries(workspace)[Step.STRENGTHEN].status is ShownStatus.IN_PROGRESS
    for r in added:
        rs.update_record(workspace, "t", "basic_work", r.id, state="in_place")
    assert step_summaries(workspace)[Step.STRENGTHEN].status is ShownStatus.READY
    rs.update_record(workspace, "t", "basic_work", added[0].id, area="Standards and codes")
    assert len(rs.list_records(workspace, "basic_work")) == 6  # the list is the organisation's
