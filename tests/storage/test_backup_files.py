"""Backup files on the disk: consistent copies while an editor writes, named only when
complete, read back without opening them for writing; the pieces of a restore."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qms_desktop.domain.audit import verify_chain
from qms_desktop.storage.audit import all_entries, read_head
from qms_desktop.storage.backups import (
    ChangesSince,
    backup_files,
    backup_name,
    changes_since,
    folder_for,
    online_copy,
    parse_name,
    read_audit_head,
    replace_workspace,
    stage_copy,
    stale_temporary_files,
    write_backup,
    write_raw_backup,
)
from qms_desktop.storage.models import Organisation
from qms_desktop.storage.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
NOON = dt.datetime(2025, 3, 14, 12, 0, 0, tzinfo=dt.UTC)

WRITER = r"""
import sys
from qms_desktop.storage.models import Organisation
from qms_desktop.storage.workspace import Workspace
ws = Workspace.open(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    n += 1
    with ws.editing("writer") as s:
        org = s.get(Organisation, 1)
        org.address = f"street {n}"
        org.sites = f"site {n}"
"""


def _edit(ws: Workspace, address: str, actor: str = "tester") -> None:
    with ws.editing(actor) as s:
        org = s.get(Organisation, 1)
        assert org is not None
        org.address = address


def test_names_say_when_and_why_and_sort_in_time_order(tmp_path: Path):
    name = backup_name(NOON, "before-restore")
    assert name == "20250314-120000Z-before-restore.qms"
    assert parse_name(name) == (NOON, "before-restore", 1)
    assert parse_name(backup_name(NOON, "auto", 3)) == (NOON, "auto", 3)
    for other in (
        "notes.txt",
        "20250314-120000Z-auto.qms-journal",
        ".backup-x.qms-new",
        "20251399-120000Z-auto.qms",
        "20250314-120000Z-Auto.qms",
    ):
        assert parse_name(other) is None
    with pytest.raises(ValueError):
        backup_name(NOON, "no spaces please")
    later = NOON + dt.timedelta(hours=1)
    for n, when in ((1, NOON), (2, NOON), (1, later)):
        (tmp_path / backup_name(when, "auto", n)).write_bytes(b"x")
    (tmp_path / "unrelated.qms").write_bytes(b"x")
    found = backup_files(tmp_path)
    assert [(f.taken_at, f.sequence) for f in found] == [(later, 1), (NOON, 2), (NOON, 1)]
    assert backup_files(tmp_path / "missing") == []


def test_folders_keep_workspaces_of_the_same_name_apart(tmp_path: Path):
    a, b = tmp_path / "a" / "org.qms", tmp_path / "b" / "org.qms"
    root = tmp_path / "backups"
    assert folder_for(a, root) != folder_for(b, root)
    assert folder_for(a, root).name.startswith("org-")
    assert folder_for(tmp_path / 'bad:"na|me?.qms', root).name.startswith("bad_na_me_-")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_link_to_a_workspace_shares_its_backup_folder(workspace_file: Path, tmp_path: Path):
    link = tmp_path / "shortcut.qms"
    link.symlink_to(workspace_file)
    assert folder_for(link, tmp_path / "r") == folder_for(workspace_file, tmp_path / "r")


@pytest.mark.parametrize(
    ("step_pages", "max_restarts"),
    [(1024, 20), (3, 20), (3, 1)],
    ids=["one-step", "many-steps", "restarts-capped"],
)
def test_a_backup_is_a_committed_state_while_another_process_writes(
    workspace_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step_pages: int,
    max_restarts: int,
):
    # With many small steps the editor commits between them, and SQLite starts the copy again;
    # after MAX_RESTARTS the copy is made in one step (a writer faster than the steps once
    # kept it starting again for ever).
    monkeypatch.setattr("qms_desktop.storage.backups.STEP_PAGES", step_pages)
    monkeypatch.setattr("qms_desktop.storage.backups.MAX_RESTARTS", max_restarts)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(workspace_file)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    folder = tmp_path / "backups"
    made = []
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(0.2)
        for i in range(8):
            made.append(
                write_backup(workspace_file, folder, NOON + dt.timedelta(minutes=i), "auto")
            )
            time.sleep(0.05)
    finally:
        writer.kill()
        writer.wait()
    heads = set()
    for path in made:
        with Workspace.open(path, read_only=True) as copy:
            assert copy.integrity_problems() == []
            with copy.reading() as s:
                entries, head = all_entries(s), read_head(s)
                org = s.get(Organisation, 1)
                assert org is not None
                # Both fields of one edit, never half of it.
                assert org.address.removeprefix("street") == org.sites.removeprefix("site")
            assert verify_chain(entries, head) == []
        heads.add(read_audit_head(path, immutable=True))
    assert len(heads) > 1, "the writer made no progress between the backups"
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in made)


def test_backups_made_in_the_same_second_keep_both(workspace_file: Path, tmp_path: Path):
    first = write_backup(workspace_file, tmp_path, NOON, "manual")
    second = write_backup(workspace_file, tmp_path, NOON, "manual")
    assert first.name == "20250314-120000Z-manual.qms"
    assert second.name == "20250314-120000Z-manual-2.qms"


def test_a_failed_copy_leaves_nothing(tmp_path: Path):
    not_a_database = tmp_path / "junk.qms"
    not_a_database.write_bytes(b"this is not SQLite" * 400)
    folder = tmp_path / "backups"
    with pytest.raises(sqlite3.DatabaseError):
        write_backup(not_a_database, folder, NOON, "manual")
    assert list(folder.iterdir()) == []


def test_a_damaged_file_is_kept_byte_for_byte_with_its_journal(tmp_path: Path):
    damaged = tmp_path / "d.qms"
    damaged.write_bytes(b"\x00garbage" * 512)
    damaged.with_name("d.qms-journal").write_bytes(b"journal bytes")
    kept = write_raw_backup(damaged, tmp_path / "b", NOON, "damaged-before-restore")
    assert kept.read_bytes() == damaged.read_bytes()
    assert kept.with_name(kept.name + "-journal").read_bytes() == b"journal bytes"


def test_changes_since_follows_the_chain_and_sees_a_branch(workspace: Workspace, tmp_path: Path):
    folder = tmp_path / "b"
    _edit(workspace, "one")
    first = write_backup(workspace.path, folder, NOON, "auto")
    _edit(workspace, "two", actor="alice")
    _edit(workspace, "three", actor="bob")
    head = read_audit_head(first, immutable=True)
    assert head is not None
    [since] = changes_since(workspace.path, [head])
    assert since is not None and since.entries == 2 and since.latest_actor == "bob"
    assert since.latest_at is not None and since.latest_at.startswith(
        str(dt.datetime.now(dt.UTC).year)
    )
    now_head = read_audit_head(workspace.path)
    assert now_head is not None
    assert changes_since(workspace.path, [now_head]) == [ChangesSince(0, None, None)]
    # A head of the same length but another history, one longer than the file's, and none.
    forged = (head[0], "f" * 64)
    longer = (now_head[0] + 5, now_head[1])
    assert changes_since(workspace.path, [forged, longer, None]) == [None, None, None]
    assert changes_since(tmp_path / "gone.qms", [head]) == [None]


def test_stage_and_replace_swap_the_file_in_one_rename(workspace_file: Path, tmp_path: Path):
    backup = write_backup(workspace_file, tmp_path / "b", NOON, "manual")
    with Workspace.open(workspace_file) as ws:
        _edit(ws, "after the backup")
    workspace_file.chmod(0o640)
    # A rollback journal beside the old file would be applied to the new one.
    journal = workspace_file.with_name(workspace_file.name + "-journal")
    journal.write_bytes(b"stale")
    staged = stage_copy(backup, workspace_file)
    assert staged.parent == workspace_file.parent and staged.name.startswith(".org-")
    replace_workspace(workspace_file, staged)
    assert not staged.exists() and not journal.exists()
    assert workspace_file.stat().st_mode & 0o777 == 0o640
    assert read_audit_head(workspace_file) == read_audit_head(backup, immutable=True)


def test_an_online_copy_of_an_interrupted_edit_rolls_it_back_when_allowed(
    workspace_file: Path, tmp_path: Path
):
    from tests.storage.disk_faults import kill_mid_edit

    before = read_audit_head(workspace_file)
    kill_mid_edit(workspace_file)
    with pytest.raises(sqlite3.OperationalError):
        online_copy(workspace_file, tmp_path / "ro.qms")
    online_copy(workspace_file, tmp_path / "rw.qms", writable_source=True)
    assert read_audit_head(tmp_path / "rw.qms", immutable=True) == before
    journal = workspace_file.with_name(workspace_file.name + "-journal")
    assert not journal.exists() or journal.stat().st_size == 0


def test_stale_temporary_files_are_found_only_when_old(tmp_path: Path):
    old = tmp_path / ".backup-abc.qms-new"
    new = tmp_path / ".backup-def.qms-new"
    other = tmp_path / "keep.qms-new"
    for f in (old, new, other):
        f.write_bytes(b"")
    long_ago = time.time() - 3 * 86400
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    assert stale_temporary_files(tmp_path, dt.timedelta(days=1)) == [old]


def test_the_copy_counts_its_restarts_and_gives_up_stepping(monkeypatch: pytest.MonkeyPatch):
    from qms_desktop.storage import backups

    monkeypatch.setattr(backups, "MAX_RESTARTS", 2)
    progress = backups._restart_counter()  # noqa: SLF001
    progress(0, 90, 100)
    progress(0, 80, 100)  # going on
    progress(0, 95, 100)  # started again: 1
    progress(0, 50, 100)
    with pytest.raises(backups._Restarting):  # noqa: SLF001
        progress(0, 99, 100)  # started again: 2
