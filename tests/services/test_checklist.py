import datetime as dt
import hashlib
from pathlib import Path

import pytest

from qms_desktop.domain.assessment import ActionState, Grade, Priority, Status
from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.requirements import LibraryCopy
from qms_desktop.services import checklist as cl
from qms_desktop.services.audit import history
from qms_desktop.services.libraries import store_library
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import LIBRARY, ROWS, add_test_library


@pytest.fixture
def assessed(workspace: Workspace):
    add_test_library(workspace)
    info, changes = cl.create_assessment(
        workspace,
        "tester",
        "Baseline",
        dt.date(2026, 10, 1),
        ["test-iso"],
        audit_date=dt.date(2027, 1, 15),
    )
    assert changes.checklist
    return workspace, info


def test_library_copy_listed_and_outlined(workspace: Workspace):
    add_test_library(workspace)
    libs = cl.workspace_libraries(workspace)
    assert [(lib.id, lib.requirements) for lib in libs] == [("test-iso", 6)]
    outline = cl.library_outline(workspace, "test-iso")
    assert [o.ref for o in outline] == [r.ref for r in ROWS]
    assert outline[0].title("zh_CN") == "组织环境"


def test_bad_libraries_refused(workspace: Workspace):
    with pytest.raises(ValidationError, match="more than once"):
        store_library(workspace, "t", LibraryCopy("x", "X", "", "1", "yaml", "", ROWS + ROWS[:1]))
    with pytest.raises(ValidationError, match="no requirements"):
        store_library(workspace, "t", LibraryCopy("x", "X", "", "1", "yaml", "", ROWS[:1]))


def test_library_in_use_is_not_replaced(assessed):
    ws, _ = assessed
    with pytest.raises(ValidationError, match="used by the assessment"):
        store_library(ws, "t", LIBRARY)


def test_assessment_holds_every_requirement(assessed):
    ws, info = assessed
    rows = cl.checklist_rows(ws, info.id)
    assert [r.ref for r in rows] == ["4.1", "4.2", "4.3", "8.5.1", "8.5.2", "10.2"]
    assert all(r.item.status is Status.NOT_ASSESSED for r in rows)
    assert rows[3].section_ref == "8.5"
    with pytest.raises(ValidationError):
        cl.create_assessment(ws, "t", " ", dt.date.today(), ["test-iso"])
    with pytest.raises(ValidationError, match="no library"):
        cl.create_assessment(ws, "t", "X", dt.date.today(), ["nope"])


def test_assess_and_score(assessed):
    ws, info = assessed
    rows = {r.ref: r for r in cl.checklist_rows(ws, info.id)}
    cl.assess_requirement(
        ws,
        "Lin",
        rows["4.1"].item_id,
        status="conforming",
        grade="good_practice",
        current_practice="Context review each January",
    )
    cl.assess_requirement(
        ws,
        "Lin",
        rows["4.2"].item_id,
        status=Status.PARTIAL,
        gap="No list for suppliers",
        action_text="Write the list",
        action_owner="Zhang",
        action_due="2026-12-01",
        action_priority="high",
        action_state="open",
    )
    cl.assess_requirement(ws, "Lin", rows["8.5.1"].item_id, status="nonconforming", grade="major")
    cl.assess_requirement(
        ws,
        "Lin",
        rows["4.3"].item_id,
        status="not_applicable",
        na_justification="Single site; scope is the group's licence",
    )
    overall, by_clause = cl.assessment_score(ws, info.id)
    assert overall.conformity == pytest.approx(1.5 / 3)
    assert overall.progress == pytest.approx(3 / 5)
    assert by_clause["4"].conformity == pytest.approx(0.75)
    item = cl.get_item(ws, rows["4.2"].item_id)
    assert item.action.due == dt.date(2026, 12, 1) and item.action.priority is Priority.HIGH
    assert item.action.state is ActionState.OPEN and item.changed_by == "Lin"
    r = cl.assessment_readiness(ws, info.id, today=dt.date(2026, 11, 24))
    assert r is not None and r.open_actions == 1 and r.due_before_audit == 1
    # the audit trail has the change, without bookkeeping noise
    fields = [e.field for e in history(ws, "assessment_item", str(rows["4.2"].item_id))]
    assert "gap" in fields and "changed_by" not in fields
    assert check_workspace(ws.path).sound


@pytest.mark.parametrize(
    ("values", "field", "code", "words"),
    [
        ({"status": "maybe"}, "status", "core.not_a_choice", "not one of the choices"),
        (
            {"status": "not_applicable"},
            "na_justification",
            "core.na_needs_justification",
            "justification",
        ),
        (
            {"status": "conforming", "grade": "major"},
            "grade",
            "core.grade_does_not_fit",
            "does not fit",
        ),
        ({"action_due": "next week"}, "action_due", "core.must_be_date", "not a date"),
        ({"colour": "red"}, "colour", "core.no_such_field", "no field"),
    ],
)
def test_bad_values_refused_and_nothing_written(assessed, values, field, code, words):
    ws, info = assessed
    item_id = cl.checklist_rows(ws, info.id)[0].item_id
    with pytest.raises(ValidationError, match=words) as caught:
        cl.assess_requirement(ws, "t", item_id, **values)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.text("zh_CN"))
    assert cl.get_item(ws, item_id).status is Status.NOT_ASSESSED


def test_grade_cleared_when_status_no_longer_assessed(assessed):
    ws, info = assessed
    item_id = cl.checklist_rows(ws, info.id)[0].item_id
    cl.assess_requirement(ws, "t", item_id, status="nonconforming", grade="minor")
    item, _ = cl.assess_requirement(ws, "t", item_id, status="not_assessed")
    assert item.grade is Grade.NONE


def test_evidence_attachments(assessed, tmp_path: Path):
    ws, info = assessed
    item_id = cl.checklist_rows(ws, info.id)[0].item_id
    f = tmp_path / "room-inspection.pdf"
    f.write_bytes(b"%PDF-1.4 inspection" * 100)
    ev, changes = cl.attach_evidence(ws, "t", item_id, f)
    assert changes.items == {item_id}
    assert ev.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
    cl.attach_evidence(
        ws, "t", item_id, name="copy.pdf", data=f.read_bytes()
    )  # same content, one blob
    assert [e.name for e in cl.evidence_files(ws, item_id)] == ["room-inspection.pdf", "copy.pdf"]
    assert cl.evidence_data(ws, ev.id) == f.read_bytes()
    assert cl.checklist_rows(ws, info.id)[0].evidence_files == ("room-inspection.pdf", "copy.pdf")
    cl.remove_evidence(ws, "t", ev.id)
    assert [e.name for e in cl.evidence_files(ws, item_id)] == ["copy.pdf"]
    assert cl.evidence_data(ws, cl.evidence_files(ws, item_id)[0].id) == f.read_bytes()


def test_oversized_evidence_refused(assessed, tmp_path: Path):
    ws, info = assessed
    item_id = cl.checklist_rows(ws, info.id)[0].item_id
    big = tmp_path / "video.mp4"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(ValidationError, match="at most 25 MB"):
        cl.attach_evidence(ws, "t", item_id, big)
    assert cl.evidence_files(ws, item_id) == []
    with pytest.raises(WorkspaceError, match="Cannot read"):
        cl.attach_evidence(ws, "t", item_id, tmp_path / "missing.pdf")


def test_reassessment_starts_from_the_baseline_and_compares(assessed):
    ws, base = assessed
    rows = {r.ref: r for r in cl.checklist_rows(ws, base.id)}
    cl.assess_requirement(ws, "t", rows["4.1"].item_id, status="nonconforming")
    cl.assess_requirement(ws, "t", rows["4.2"].item_id, status="conforming")
    later, _ = cl.create_assessment(
        ws, "t", "Re-assessment", dt.date(2027, 2, 1), ["test-iso"], copy_from=base.id
    )
    later_rows = {r.ref: r for r in cl.checklist_rows(ws, later.id)}
    assert later_rows["4.1"].item.status is Status.NONCONFORMING
    cl.assess_requirement(ws, "t", later_rows["4.1"].item_id, status="conforming")
    cl.assess_requirement(ws, "t", later_rows["4.2"].item_id, status="partial")
    cl.assess_requirement(ws, "t", later_rows["10.2"].item_id, status="conforming")
    c = cl.compare_assessments(ws, base.id, later.id)
    assert [x.ref for x in c.improved] == ["4.1"]
    assert [x.ref for x in c.regressed] == ["4.2"]
    assert [x.ref for x in c.newly_assessed] == ["10.2"]
    assert [a.name for a in cl.list_assessments(ws)] == ["Baseline", "Re-assessment"]


def test_compare_step_progress_follows_the_latest_assessment(assessed):
    from qms_desktop.domain.steps import Step
    from qms_desktop.services.steps import get_step_progress

    ws, info = assessed
    assert get_step_progress(ws)[Step.COMPARE] == 0.0
    rows = cl.checklist_rows(ws, info.id)
    for r in rows[:3]:
        cl.assess_requirement(ws, "t", r.item_id, status="conforming")
    assert get_step_progress(ws)[Step.COMPARE] == pytest.approx(0.5)


def test_check_finds_an_altered_evidence_file(assessed, tmp_path: Path):
    import sqlite3

    ws, info = assessed
    item_id = cl.checklist_rows(ws, info.id)[0].item_id
    cl.attach_evidence(ws, "t", item_id, name="minutes.pdf", data=b"%PDF original minutes")
    path = ws.path
    ws.close()
    assert check_workspace(path).sound
    conn = sqlite3.connect(path)
    conn.execute("UPDATE blob SET data = ?", (b"%PDF forged minutes",))
    conn.commit()
    conn.close()
    report = check_workspace(path)
    assert not report.sound
    assert any("minutes.pdf was altered" in p for p in report.problems)


# -- bulk writes: the same records and the same trail as one object at a time ----------------

_TRAIL = (
    "SELECT seq, actor, action, entity, entity_id, field, old_value, new_value"
    " FROM audit_entry ORDER BY id"
)


def _trail_and_items(path: Path) -> tuple[list[tuple], list[tuple]]:
    """The trail without its time stamps, hashes and signatures, and the checklist items
    without the time of their last change (the rest must be identical)."""
    import re
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        trail = [
            (*e[:7], None if e[7] is None else re.sub(r'"changed_at": "[^"]*"', "", e[7]))
            for e in conn.execute(_TRAIL)
        ]
        items = conn.execute(
            "SELECT id, assessment_id, library_id, ref, status, grade, na_justification,"
            " current_practice, evidence_notes, gap, changed_by FROM assessment_item ORDER BY id"
        ).fetchall()
        # the items' actions: rows of the one action list, linked to them
        items += conn.execute(
            "SELECT id, assessment_item, source, requirement, description, action, owner, due,"
            " priority, status FROM nonconformity ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    return trail, items


def _create_one_by_one(
    ws: Workspace, actor: str, name: str, held_on: dt.date, library_ids: list[str], copy_from=None
) -> int:
    """Assessment creation as it was written before the bulk path: one ORM object per item,
    its audit entries written by the flush hook."""
    from sqlalchemy import select

    from qms_desktop.storage.models import (
        AssessmentItemRecord,
        AssessmentRecord,
        RequirementRecord,
    )

    with ws.editing(actor) as s:
        record = AssessmentRecord(
            name=name, held_on=held_on, audit_date=None, library_ids=" ".join(library_ids), notes=""
        )
        s.add(record)
        s.flush()
        earlier = {}
        if copy_from is not None:
            earlier = {
                (r.library_id, r.ref): r
                for r in s.scalars(
                    select(AssessmentItemRecord).where(
                        AssessmentItemRecord.assessment_id == copy_from
                    )
                )
            }
        refs = s.execute(
            select(RequirementRecord.library_id, RequirementRecord.ref)
            .where(
                RequirementRecord.library_id.in_(library_ids),
                RequirementRecord.is_section.is_(False),
            )
            .order_by(RequirementRecord.library_id, RequirementRecord.position)
        ).all()
        for library_id, ref in refs:
            values = dict(cl._BLANK_ITEM, assessment_id=record.id, library_id=library_id, ref=ref)
            old = earlier.get((library_id, ref))
            if old is not None:
                for field in cl.FINDING_FIELDS:  # the actions stay in the one action list
                    values[field] = getattr(old, field)
                values["changed_by"], values["changed_at"] = actor, "2026-01-01T00:00:00+00:00"
            s.add(AssessmentItemRecord(**values))
        s.flush()
        return record.id


def _changes(ids: list[int]) -> list[tuple[int, dict[str, object]]]:
    """Edits touching every kind of field, rules that imply other fields and unchanged values."""
    return [
        (ids[0], {"status": "conforming", "grade": "good_practice", "current_practice": "Done 中文"}),
        (ids[1], {"status": "not_applicable", "na_justification": "Not our service"}),
        (ids[2], {"status": "nonconforming", "gap": "No record", "action_text": "Write it",
                  "action_owner": "Li", "action_due": dt.date(2027, 3, 1),
                  "action_priority": "high"}),
        (ids[3], {"status": "not_assessed"}),  # unchanged: no entry
        (ids[4], {"evidence_notes": "line 1\nline 2", "status": "partial"}),
    ]  # fmt: skip


def test_bulk_writes_match_one_object_at_a_time(workspace_file: Path, tmp_path: Path):
    """Creating an assessment, re-assessing from it and applying many changes in bulk write
    the same items and the same audit entries (actor, action, record, field, old and new
    value, in the same order) as writing one ORM object at a time, and the file checks."""
    import shutil

    other = tmp_path / "one-by-one.qms"
    shutil.copyfile(workspace_file, other)
    day = dt.date(2026, 10, 1)
    with Workspace.open(workspace_file) as bulk, Workspace.open(other) as single:
        for ws in (bulk, single):
            add_test_library(ws)
        base, _ = cl.create_assessment(bulk, "alice", "Baseline", day, ["test-iso"])
        base_id = _create_one_by_one(single, "alice", "Baseline", day, ["test-iso"])
        assert base_id == base.id
        ids = [r.item_id for r in cl.checklist_rows(bulk, base.id)]
        cl.apply_assessments(bulk, "bob", _changes(ids))
        for item_id, values in _changes(ids):
            cl.assess_requirement(single, "bob", item_id, **values)
        again, _ = cl.create_assessment(
            bulk, "carol", "Again", day, ["test-iso"], copy_from=base.id
        )
        _create_one_by_one(single, "carol", "Again", day, ["test-iso"], copy_from=base_id)
    bulk_trail, bulk_items = _trail_and_items(workspace_file)
    single_trail, single_items = _trail_and_items(other)
    assert bulk_items == single_items

    def apart(trail: list[tuple]) -> tuple[list[tuple], list[tuple]]:
        # the bulk write makes the actions' nonconformities after the items' entries, one by
        # one interleaves them: each kind is compared in its own order (sequence aside)
        return (
            [e[1:] for e in trail if e[3] != "nonconformity"],
            [e[1:] for e in trail if e[3] == "nonconformity"],
        )

    assert apart(bulk_trail) == apart(single_trail)
    assert [e[2] for e in bulk_trail].count("create") >= 2 * 6 + 2
    fields = [(e[4], e[5], e[6], e[7]) for e in bulk_trail if e[2] == "update"]
    assert (str(ids[4]), "evidence_notes", "", "line 1\nline 2") in fields
    # the action: a nonconformity made, linked to the item, with its due date
    (made,) = [e for e in bulk_trail if e[2] == "create" and e[3] == "nonconformity"]
    assert f'"assessment_item": "{ids[2]}"' in made[7] and '"due": "2027-03-01"' in made[7]
    assert not [f for f in fields if f[0] == str(ids[3])]
    for path in (workspace_file, other):
        report = check_workspace(path)
        assert report.sound, report.problems
        # every entry signed, and the signatures verify
        assert "storage.note_unsigned" not in {n.code for n in report.notes}


def test_bulk_apply_writes_nothing_when_one_change_is_bad(assessed):
    ws, info = assessed
    ids = [r.item_id for r in cl.checklist_rows(ws, info.id)]
    before = ws.audit_head()
    with pytest.raises(ValidationError):
        cl.apply_assessments(
            ws, "t", [(ids[0], {"status": "conforming"}), (ids[1], {"grade": "nonsense"})]
        )
    with pytest.raises(WorkspaceError):
        cl.apply_assessments(ws, "t", [(ids[0], {"status": "conforming"}), (999_999, {})])
    assert ws.audit_head() == before
    assert cl.checklist_rows(ws, info.id)[0].item.status is Status.NOT_ASSESSED


def test_bulk_apply_records_the_net_change_of_an_item_changed_twice(assessed):
    ws, info = assessed
    ids = [r.item_id for r in cl.checklist_rows(ws, info.id)]
    count = ws.audit_head()[0]
    inverse, changes = cl.apply_assessments(
        ws, "t", [(ids[0], {"status": "conforming"}), (ids[0], {"status": "partial"})]
    )
    assert inverse == [(ids[0], {"status": "not_assessed"})]
    assert changes.items == {ids[0]}
    [entry] = history(ws, "assessment_item", str(ids[0]))[:1]
    assert (entry.field, entry.old_value, entry.new_value) == ("status", "not_assessed", "partial")
    assert ws.audit_head()[0] == count + 1
