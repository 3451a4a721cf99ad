"""`check` runs SQLite's full page and index check as well as the trail's: what only the
full check finds (an index out of step with its table) is reported first, and the trail is
still checked."""

import sqlite3
from pathlib import Path

import pytest

from qms_desktop.services.workspaces import check_workspace


def _index_out_of_step(path: Path) -> None:
    """The audit trail's index on `seq` redefined over another column behind SQLite's back:
    its entries no longer match the rows. Only the full integrity check sees it (the quick
    check done on opening does not), so the file still opens."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_audit_entry_seq ON audit_entry (hash)'"
            " WHERE name = 'ix_audit_entry_seq'"
        )
        conn.commit()
    finally:
        conn.close()


def test_a_sound_file_is_sound(demo_file: Path):
    report = check_workspace(demo_file)
    assert report.sound, report.findings
    assert report.audit_entries > 1000


def test_an_index_out_of_step_with_its_table_is_reported_first(demo_file: Path):
    _index_out_of_step(demo_file)
    report = check_workspace(demo_file)
    assert not report.sound
    codes = [f.code for f in report.findings]
    assert codes[0] == "storage.check_database"
    assert any("ix_audit_entry_seq" in str(f.params["detail"]) for f in report.findings[:5])
    assert report.audit_entries > 1000  # the trail was checked all the same


def test_the_cycle_collector_is_left_as_found(demo_file: Path, monkeypatch):
    import gc

    from qms_desktop.storage import integrity

    seen: list[bool] = []
    original = integrity._read_trail

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(integrity, "_read_trail", watched)
    assert gc.isenabled()
    assert check_workspace(demo_file).sound
    assert seen == [False] and gc.isenabled()  # paused during the check only
    gc.disable()
    try:
        assert check_workspace(demo_file).sound
        assert not gc.isenabled()  # not switched on by the check
    finally:
        gc.enable()

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(integrity, "_read_trail", broken)
    with pytest.raises(RuntimeError):
        check_workspace(demo_file)
    assert gc.isenabled()  # back on after a failure too


def _corrupt_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(2 * page, len(data) - page, page):
        data[start : start + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


def test_damaged_pages_are_refused_as_opening_refuses_them(demo_file: Path):
    from qms_desktop.domain.errors import WorkspaceError
    from qms_desktop.storage.workspace import Workspace

    _corrupt_pages(demo_file)
    with pytest.raises(WorkspaceError) as opening:
        Workspace.open(demo_file, read_only=True)
    with pytest.raises(WorkspaceError) as checking:
        check_workspace(demo_file)
    assert opening.value.code == checking.value.code == "storage.damaged"
    assert "demo.qms" in str(checking.value)


def test_the_pages_are_checked_once(demo_file: Path, monkeypatch):
    from qms_desktop.storage import workspace

    quick: list[object] = []
    original = workspace.integrity_problems

    def counted(conn, limit=20):
        quick.append(conn)
        return original(conn, limit)

    monkeypatch.setattr(workspace, "integrity_problems", counted)
    assert check_workspace(demo_file).sound
    assert quick == []  # the full check ran; the quick one on opening did not
    workspace.Workspace.open(demo_file, read_only=True).close()
    assert len(quick) == 1  # opening for anything else still runs it
