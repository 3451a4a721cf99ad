"""After a kill mid-edit the file has a hot journal. `check` and the read-only commands
roll it back first (under the editor's lock, as opening for editing does) instead of
calling a sound workspace damaged; where it cannot be rolled back they say so."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from qms_desktop.domain.errors import WorkspaceError
from qms_desktop.services.profile import get_profile, update_profile
from qms_desktop.services.workspaces import check_workspace, open_workspace
from qms_desktop.storage import workspace as workspace_module
from qms_desktop.storage.workspace import Workspace
from tests.storage.disk_faults import cli, kill_mid_edit, one_clear_line, unwritable

ROLLED_BACK_LATER = (
    "an interrupted edit will be rolled back when the workspace is next opened for editing"
)


@pytest.fixture
def interrupted(workspace_file: Path) -> Path:
    with Workspace.open(workspace_file) as ws:
        update_profile(ws, "tester", address="committed before the kill")
    kill_mid_edit(workspace_file)
    return workspace_file


def journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def test_check_rolls_back_an_interrupted_edit_and_finds_the_file_sound(interrupted: Path):
    report = check_workspace(interrupted)
    assert report.sound, report.problems
    assert not journal(interrupted).exists()
    with open_workspace(interrupted, read_only=True) as ws:
        assert get_profile(ws).address == "committed before the kill"


def test_a_read_only_open_rolls_back_first_and_keeps_no_lock(interrupted: Path):
    with open_workspace(interrupted, read_only=True) as reader:
        assert reader.read_only and reader.read_only_reason == ""
        assert get_profile(reader).address == "committed before the kill"
        with open_workspace(interrupted) as editor:  # the lock taken to roll back was given back
            assert not editor.read_only


def test_cli_check_after_a_kill_says_sound(interrupted: Path, tmp_path: Path):
    run = cli("check", str(interrupted), env_home=tmp_path / "home")
    assert run.returncode == 0, run.stderr
    assert "sound" in run.stdout and "damaged" not in run.stderr


def test_where_it_cannot_be_rolled_back_the_reason_is_told(interrupted: Path, tmp_path: Path):
    before = hashlib.sha256(interrupted.read_bytes()).hexdigest()
    with unwritable(interrupted):
        with pytest.raises(WorkspaceError) as exc:
            check_workspace(interrupted)
        assert ROLLED_BACK_LATER in str(exc.value)
        assert "damaged" not in str(exc.value) and "backup" not in str(exc.value)
        assert "回滚" in exc.value.text("zh_CN")
        with pytest.raises(WorkspaceError, match=ROLLED_BACK_LATER):
            open_workspace(interrupted)  # an editor that cannot write cannot roll back either
        line = one_clear_line(cli("check", str(interrupted), env_home=tmp_path / "home"))
        assert ROLLED_BACK_LATER in line
    assert hashlib.sha256(interrupted.read_bytes()).hexdigest() == before
    assert journal(interrupted).exists()
    with open_workspace(interrupted) as ws:  # once writable, opening for editing rolls it back
        assert not ws.read_only and get_profile(ws).address == "committed before the kill"
    assert check_workspace(interrupted).sound


def test_the_same_with_the_write_probe_stubbed_out(
    interrupted: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(
        workspace_module,
        "probe_write_access",
        lambda path: ("file", PermissionError(13, "Permission denied")),
    )
    with pytest.raises(WorkspaceError, match=ROLLED_BACK_LATER):
        check_workspace(interrupted)
    assert journal(interrupted).exists()
    monkeypatch.undo()
    assert check_workspace(interrupted).sound


def test_header_reading_knows_about_the_journal_by_itself(interrupted: Path):
    # read_header is called on its own (the app's smoke test does): a hot journal means
    # the size checks wait until the rollback.
    facts = workspace_module.read_header(interrupted)
    assert facts.application_id == workspace_module.APPLICATION_ID
