"""The workspace file refuses what it must, never changes a file it refuses, and
lets one process edit at a time."""

import hashlib
import sqlite3
import struct
from pathlib import Path

import pytest

from qms_desktop.domain.errors import WorkspaceError, WorkspaceReadOnlyError
from qms_desktop.services.profile import get_profile, update_profile
from qms_desktop.storage.workspace import APPLICATION_ID, SCHEMA_VERSION, Workspace


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused(path: Path, *words: str) -> None:
    before = digest(path)
    with pytest.raises(WorkspaceError) as exc:
        Workspace.open(path)
    message = str(exc.value)
    for w in words:
        assert w in message, message
    assert digest(path) == before, "a refused file was modified"
    assert not path.with_name(path.name + ".lock").exists()


def test_create_then_open(workspace_file: Path):
    with Workspace.open(workspace_file) as ws:
        assert not ws.read_only
        assert get_profile(ws).name == "Template Org"
        assert ws.schema_problems() == []
        assert ws.integrity_problems() == []
    header = workspace_file.read_bytes()[:100]
    assert struct.unpack(">I", header[68:72])[0] == APPLICATION_ID
    assert struct.unpack(">I", header[60:64])[0] == SCHEMA_VERSION


def test_create_refuses_existing_file(workspace_file: Path):
    with pytest.raises(WorkspaceError, match="already exists"):
        Workspace.create(workspace_file)


def test_garbage_file_refused(tmp_path: Path):
    path = tmp_path / "garbage.qms"
    path.write_bytes(b"this is not a database at all\n" * 200)
    assert_refused(path, "not a QMS Desktop workspace")


def test_empty_file_refused(tmp_path: Path):
    path = tmp_path / "empty.qms"
    path.write_bytes(b"")
    assert_refused(path, "empty")


def test_foreign_sqlite_refused(tmp_path: Path):
    path = tmp_path / "foreign.qms"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE music(title TEXT)")
    conn.execute("INSERT INTO music VALUES ('x')")
    conn.commit()
    conn.close()
    assert_refused(path, "another program")


def test_truncated_file_refused(workspace_file: Path):
    data = workspace_file.read_bytes()
    workspace_file.write_bytes(data[: len(data) // 2])
    assert_refused(workspace_file, "truncated")


def test_newer_version_refused(workspace_file: Path):
    conn = sqlite3.connect(workspace_file)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    assert_refused(workspace_file, "newer version")


def test_unknown_revision_refused(workspace_file: Path):
    conn = sqlite3.connect(workspace_file)
    conn.execute("UPDATE alembic_version SET version_num='9999'")
    conn.commit()
    conn.close()
    assert_refused(workspace_file, "does not know")


def test_damaged_pages_refused(workspace_file: Path):
    data = bytearray(workspace_file.read_bytes())
    page_size = struct.unpack(">H", data[16:18])[0]
    for i in range(page_size + 8, page_size * 2):  # wreck page 2 (a table root) but keep the header
        data[i] = 0xA5
    workspace_file.write_bytes(bytes(data))
    assert_refused(workspace_file, "damaged")


def test_folder_and_missing_file_refused(tmp_path: Path):
    with pytest.raises(WorkspaceError, match="folder"):
        Workspace.open(tmp_path)
    with pytest.raises(WorkspaceError, match="no such file"):
        Workspace.open(tmp_path / "nope.qms")


def test_second_opener_gets_read_only(workspace_file: Path):
    first = Workspace.open(workspace_file)
    second = Workspace.open(workspace_file)
    try:
        assert not first.read_only
        assert second.read_only
        assert "being edited by" in second.read_only_reason
        with pytest.raises(WorkspaceReadOnlyError):
            update_profile(second, "someone", address="x")
        update_profile(first, "editor", address="stored by the editor")
        assert get_profile(second).address == "stored by the editor"
    finally:
        second.close()
        first.close()
    with Workspace.open(workspace_file) as third:
        assert not third.read_only  # the lock went away with the first editor


def test_first_format_file_is_backed_up_then_upgraded(tmp_path: Path):
    path = tmp_path / "v1.qms"
    Workspace.create(path, revision="0001").close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO organisation (id, name, short_name, address, scope, services, sites, industry,"
        " doc_prefix, management_representative, default_language) VALUES"
        " (1, 'Old Org', '', 'Old Street 1', '', '', '', '', '', '', 'en')"
    )
    conn.commit()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None and ws.backup_path.exists()
        assert ws.schema_problems() == []
        assert get_profile(ws).address == "Old Street 1"
    backup = sqlite3.connect(ws.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT address FROM organisation").fetchone()[0] == "Old Street 1"
    backup.close()
    header = path.read_bytes()[:100]
    assert struct.unpack(">I", header[60:64])[0] == SCHEMA_VERSION


def test_migrations_match_the_models(workspace: Workspace):
    """`upgrade head` gives exactly the schema the models describe (alembic check)."""
    assert workspace.schema_problems() == []


def test_journal_mode_is_a_rollback_journal(workspace: Workspace):
    with workspace.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_hostile_text_round_trips(workspace: Workspace):
    hostile = "\x00\x01\x1f <b>&amp;</b> {{ 7*7 }} {% raw %} ]]> 🙂 שלום" + "z" * 100_000
    update_profile(workspace, "tester", scope=hostile)
    assert get_profile(workspace).scope == hostile
