"""A workspace this process may not write opens read-only with a reason, never as an
editable workspace whose every edit then fails with an SQL error."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import event

from qms_desktop.domain.errors import WorkspaceError, WorkspaceReadOnlyError
from qms_desktop.services.profile import get_profile, update_profile
from qms_desktop.storage import workspace as workspace_module
from qms_desktop.storage.workspace import Workspace
from tests.storage.disk_faults import unwritable


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_write_protected_file_opens_read_only_with_a_reason(workspace_file: Path):
    Workspace.open(workspace_file).close()  # the lock file exists from an earlier session
    before = digest(workspace_file)
    with unwritable(workspace_file), Workspace.open(workspace_file) as ws:
        assert ws.read_only
        assert "You may not change org.qms" in ws.read_only_reason
        assert "无权修改" in ws.read_only_text("zh_CN")
        assert get_profile(ws).name == "Template Org"  # reading works
        with pytest.raises(WorkspaceReadOnlyError) as exc:
            update_profile(ws, "someone", address="x")
        assert "You may not change org.qms" in str(exc.value) and "SQL" not in str(exc.value)
    assert digest(workspace_file) == before


def test_a_folder_that_cannot_be_written_opens_read_only(workspace_file: Path):
    # The journal SQLite writes beside the file needs the folder; the lock file alone does not tell.
    Workspace.open(workspace_file).close()
    with unwritable(workspace_file.parent), Workspace.open(workspace_file) as ws:
        assert ws.read_only
        assert "folder" in ws.read_only_reason
        with pytest.raises(WorkspaceReadOnlyError):
            update_profile(ws, "someone", address="x")


@pytest.mark.parametrize(
    ("where", "error", "words"),
    [
        ("file", PermissionError(errno.EACCES, "Permission denied"), "You may not change org.qms"),
        (
            "file",
            PermissionError(errno.EPERM, "Operation not permitted"),
            "You may not change org.qms",
        ),
        (
            "folder",
            PermissionError(errno.EACCES, "Permission denied"),
            "may not create files in the folder",
        ),
        (
            "file",
            OSError(errno.EROFS, "Read-only file system"),
            "cannot be written; it is open read-only",
        ),
        (
            "folder",
            OSError(errno.ENOSPC, "No space left on device"),
            "The disk holding org.qms is full",
        ),
        ("file", OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ],
)
def test_the_decision_follows_the_write_probe(
    workspace_file: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: OSError, words: str
):
    # The probe stubbed out: the decision is the same whoever runs the tests (root included).
    monkeypatch.setattr(workspace_module, "probe_write_access", lambda path: (where, error))
    with Workspace.open(workspace_file) as ws:
        assert ws.read_only and words in ws.read_only_reason
        if error.errno == errno.ENOSPC:
            assert (
                "cannot be written" not in ws.read_only_reason
                and "medium" not in ws.read_only_reason
            )
    with Workspace.open(workspace_file) as again:  # the probe's refusal released the lock
        assert again.read_only


def test_the_probe_answers_truly_and_changes_nothing(workspace_file: Path):
    before = digest(workspace_file)
    listing = sorted(p.name for p in workspace_file.parent.iterdir())
    assert workspace_module.probe_write_access(workspace_file) is None
    with unwritable(workspace_file):
        found = workspace_module.probe_write_access(workspace_file)
        assert (
            found is not None
            and found[0] == "file"
            and found[1].errno in (errno.EACCES, errno.EPERM)
        )
    assert digest(workspace_file) == before
    assert sorted(p.name for p in workspace_file.parent.iterdir()) == listing


def test_an_edit_the_disk_refuses_is_one_clear_sentence(workspace_file: Path):
    # SQLite reports a full disk as SQLITE_FULL, whatever the cause; max_page_count is the
    # portable way to have it say so.
    ws = Workspace.open(workspace_file)
    try:
        pages = workspace_file.stat().st_size // 4096

        def tight(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_conn.execute(f"PRAGMA max_page_count={pages + 1}")

        event.listen(ws.engine, "connect", tight)
        ws.engine.dispose()
        with pytest.raises(WorkspaceError) as exc:
            update_profile(ws, "someone", scope="z" * 200_000)
        assert exc.value.code == "storage.edit_not_saved"
        assert "the disk is full" in str(exc.value) and "SQL" not in str(exc.value)
        assert "磁盘已满" in exc.value.text("zh_CN")
        assert get_profile(ws).scope == ""  # nothing half-saved
    finally:
        ws.close()
