"""Every write leaves hash-chained audit entries, and tampering is detected."""

import sqlite3
from pathlib import Path

import pytest

from qms_desktop.domain.steps import Step, StepStatus
from qms_desktop.services.audit import history
from qms_desktop.services.profile import update_profile
from qms_desktop.services.steps import update_step
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.audit import AuditActorMissing
from qms_desktop.storage.models import Organisation
from qms_desktop.storage.workspace import Workspace


def edited(path: Path, n: int = 3) -> Path:
    with Workspace.open(path) as ws:
        for i in range(n):
            update_profile(ws, "auditor-test", address=f"address {i}")
        update_step(ws, "auditor-test", Step.PLAN, status=StepStatus.IN_PROGRESS)
    return path


def test_each_change_records_who_what_old_and_new(workspace: Workspace):
    update_profile(workspace, "Lin Wei", address="1 Harbour Road")
    update_profile(workspace, "Zhang Min", address="2 Harbour Road", industry="Hospitality")
    entries = history(workspace, "organisation", "1")
    assert [(e.actor, e.field, e.old_value, e.new_value) for e in entries[:3]] == [
        ("Zhang Min", "industry", "", "Hospitality"),
        ("Zhang Min", "address", "1 Harbour Road", "2 Harbour Road"),
        ("Lin Wei", "address", "", "1 Harbour Road"),
    ]
    assert all(e.at_utc.endswith("+00:00") for e in entries)


def test_no_change_no_entry(workspace: Workspace):
    update_profile(workspace, "a", address="same")
    count = len(history(workspace, "organisation", "1"))
    update_profile(workspace, "a", address="same")
    assert len(history(workspace, "organisation", "1")) == count


def test_a_write_without_actor_is_refused(workspace: Workspace):
    with pytest.raises(AuditActorMissing), workspace.reading() as s:
        s.get(Organisation, 1).address = "sneaky"
        s.flush()


def test_logo_is_recorded_by_digest(workspace: Workspace):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    update_profile(workspace, "a", logo=png)
    entry = history(workspace, "organisation", "1")[0]
    assert entry.field == "logo" and entry.new_value.startswith("sha256:")


def test_check_passes_on_untouched_trail(workspace_file: Path):
    report = check_workspace(edited(workspace_file))
    assert report.sound, report.problems
    assert report.audit_entries > 4


def _tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.close()


def _first_problem(path: Path) -> str:
    report = check_workspace(path)
    assert not report.sound
    return report.problems[0]


def test_edited_entry_detected(workspace_file: Path):
    edited(workspace_file)
    _tamper(workspace_file, "UPDATE audit_entry SET new_value='forged' WHERE seq=12")
    assert "audit entry 12 was altered" in _first_problem(workspace_file)


def test_deleted_entry_detected(workspace_file: Path):
    edited(workspace_file)
    _tamper(workspace_file, "DELETE FROM audit_entry WHERE seq=11")
    assert "entry 12 stands where entry 11" in _first_problem(workspace_file)


def test_deleted_last_entry_detected(workspace_file: Path):
    edited(workspace_file)
    _tamper(workspace_file, "DELETE FROM audit_entry WHERE seq=(SELECT max(seq) FROM audit_entry)")
    assert "removed from its end" in _first_problem(workspace_file)


def test_inserted_entry_detected(workspace_file: Path):
    edited(workspace_file)
    _tamper(
        workspace_file,
        "INSERT INTO audit_entry (seq, at_utc, actor, action, entity, entity_id, field, old_value,"
        " new_value, prev_hash, hash) SELECT seq + 1, at_utc, 'mallory', action, entity, entity_id,"
        " field, old_value, 'inserted', hash, hash FROM audit_entry WHERE seq = 10",
    )
    assert "audit entry" in _first_problem(workspace_file)


def test_reordered_entries_detected(workspace_file: Path):
    edited(workspace_file)
    _tamper(
        workspace_file,
        "UPDATE audit_entry SET seq = -1 WHERE seq = 10",
        "UPDATE audit_entry SET seq = 10 WHERE seq = 11",
        "UPDATE audit_entry SET seq = 11 WHERE seq = -1",
    )
    assert "audit entry" in _first_problem(workspace_file)


def test_new_rows_are_recorded_with_their_ids(workspace: Workspace):
    from qms_desktop.services.registers import add_record

    rec, _ = add_record(
        workspace, "Lin", "lesson", {"source": "audit", "what_happened": "x", "lesson": "y"}
    )
    entries = history(workspace, "lesson", str(rec.id))
    assert [e.action for e in entries] == ["create"]
    assert '"what_happened": "x"' in entries[0].new_value
