"""Automatic backups that restore: made when something changed, pruned by the retention
rule, listed with what changed since, and restored only from a sound backup, never under
an editor's feet, with the state before the restore backed up too."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qms_desktop.domain.backups import BackupStamp, RetentionPolicy, backups_to_keep
from qms_desktop.domain.errors import WorkspaceError
from qms_desktop.domain.steps import Step
from qms_desktop.services.backups import (
    backup_folder,
    backup_now,
    backup_on_open,
    find_backup,
    list_backups,
    maybe_backup,
    prune_backups,
    restore_backup,
)
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.backups import read_audit_head
from qms_desktop.storage.models import Organisation, StepRecord
from qms_desktop.storage.workspace import Workspace
from tests.storage.disk_faults import needs_private_mount, run_on_own_disk, unwritable

ROOT = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2025, 3, 14, 12, 0, 0, tzinfo=dt.UTC)  # a Friday, noon UTC

HOLD_LOCK = r"""
import sys
from pathlib import Path
from qms_desktop.storage.lock import WorkspaceLock
lock = WorkspaceLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
"""


def _edit(ws: Workspace, address: str, actor: str = "tester") -> None:
    with ws.editing(actor) as s:
        org = s.get(Organisation, 1)
        assert org is not None
        org.address = address


def _address(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT address FROM organisation").fetchone()[0])
    finally:
        conn.close()


def _names(path: Path) -> list[str]:
    return [b.path.name for b in list_backups(path)]


def _cli(*args: str) -> tuple[int, str, str]:
    from qms_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _lock_held_by_another_process(path: Path) -> Iterator[int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        yield child.pid
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)


# -- making backups -------------------------------------------------------------------


def test_a_backup_on_open_then_only_when_something_changed(workspace: Workspace):
    first = backup_on_open(workspace, now=T0)
    assert first is not None and first.reason == "open" and first.number == 1
    assert first.path.parent == backup_folder(workspace.path)
    assert first.path.name == "20250314-120000Z-open.qms"
    assert first.taken_at == T0 and first.size == first.path.stat().st_size
    assert first.audit_entries == read_audit_head(workspace.path)[0]  # type: ignore[index]
    assert first.entries_since == 0
    assert check_workspace(first.path).sound

    # Unchanged: nothing new, however much time passed.
    assert backup_on_open(workspace, now=T0 + dt.timedelta(hours=1)) is None
    assert backup_now(workspace, "manual", now=T0 + dt.timedelta(hours=2)) is None
    assert maybe_backup(workspace, now=T0 + dt.timedelta(hours=3)) is None
    assert len(list_backups(workspace.path)) == 1

    _edit(workspace, "1 Harbour Road")
    # Changed, but the newest backup is younger than the interval.
    assert maybe_backup(workspace, every_minutes=10, now=T0 + dt.timedelta(minutes=9)) is None
    made = maybe_backup(workspace, every_minutes=10, now=T0 + dt.timedelta(minutes=10))
    assert made is not None and made.reason == "auto"
    assert made.audit_entries == first.audit_entries + 1  # type: ignore[operator]
    assert _address(made.path) == "1 Harbour Road"
    assert maybe_backup(workspace, now=T0 + dt.timedelta(minutes=30)) is None  # unchanged again
    assert _names(workspace.path) == ["20250314-121000Z-auto.qms", "20250314-120000Z-open.qms"]


def test_a_clock_put_back_does_not_stop_the_backups(workspace: Workspace):
    assert backup_on_open(workspace, now=T0) is not None
    _edit(workspace, "changed")
    assert maybe_backup(workspace, now=T0 - dt.timedelta(days=1)) is not None


def test_a_workspace_open_read_only_is_backed_up_by_its_editor_not_here(workspace_file: Path):
    with Workspace.open(workspace_file, read_only=True) as viewer:
        assert backup_on_open(viewer) is None
        assert maybe_backup(viewer) is None
    assert list_backups(workspace_file) == []


def test_the_list_says_what_changed_since_each_backup(workspace: Workspace):
    backup_on_open(workspace, now=T0)
    _edit(workspace, "a", actor="alice")
    backup_now(workspace, "manual", now=T0 + dt.timedelta(minutes=5))
    _edit(workspace, "b", actor="alice")
    _edit(workspace, "c", actor="bob")
    newest, oldest = list_backups(workspace.path)
    assert (newest.number, oldest.number) == (1, 2)
    assert (newest.entries_since, oldest.entries_since) == (2, 3)
    assert newest.latest_change_actor == oldest.latest_change_actor == "bob"
    assert newest.latest_change_at is not None
    assert dt.datetime.fromisoformat(newest.latest_change_at) > T0
    assert find_backup(workspace.path, "2") == oldest.path
    assert find_backup(workspace.path, str(newest.path)) == newest.path
    with pytest.raises(WorkspaceError) as refused:
        find_backup(workspace.path, "3")
    assert refused.value.code == "backups.no_backup_number"


def test_a_backup_folder_that_cannot_be_written_is_one_clear_sentence(workspace: Workspace):
    folder = backup_folder(workspace.path)
    folder.mkdir(parents=True)
    with unwritable(folder), pytest.raises(WorkspaceError) as failed:
        backup_now(workspace, "manual")
    assert failed.value.code == "backups.backup_failed"
    text = str(failed.value)
    assert "\n" not in text and "permission" in text and str(folder) in text
    assert "权限" in failed.value.text("zh_CN")
    assert list(folder.iterdir()) == []


@needs_private_mount
def test_a_full_disk_for_backups_is_one_clear_sentence(workspace_file: Path, tmp_path: Path):
    snippet = f"""
from pathlib import Path
os.environ["QMS_DESKTOP_DATA"] = d
from qms_desktop.domain.errors import WorkspaceError
from qms_desktop.services.backups import backup_folder, backup_now
from qms_desktop.storage.workspace import Workspace
ws = Workspace.open(Path({str(workspace_file)!r}))
backup_folder(ws.path).mkdir(parents=True)
fill_up()
try:
    backup_now(ws, "manual")
    result["error"] = None
except WorkspaceError as exc:
    result["error"] = str(exc)
ws.close()
result["left"] = os.listdir(backup_folder(ws.path))
"""
    result = run_on_own_disk(tmp_path, 512, snippet)
    assert result["error"] is not None and "the disk is full" in result["error"]
    assert "\n" not in result["error"] and "sqlite" not in result["error"].lower()
    assert result["left"] == []
    assert check_workspace(workspace_file).sound


# -- retention ------------------------------------------------------------------------


def _stamp(key: str, when: dt.datetime, size: int = 1) -> BackupStamp:
    return BackupStamp(key, when, size)


def test_retention_keeps_today_one_a_day_one_a_week_and_drops_the_rest():
    now = dt.datetime(2025, 3, 14, 18, 0)  # Friday
    stamps = []
    # today: every hour since 08:00
    stamps += [_stamp(f"today-{h}", now.replace(hour=h)) for h in range(8, 18)]
    # the 20 days before: three a day
    for days in range(1, 21):
        day = now - dt.timedelta(days=days)
        stamps += [_stamp(f"d{days}-{h}", day.replace(hour=h)) for h in (9, 13, 17)]
    # older: one every day from 21 to 80 days back
    stamps += [
        _stamp(f"old-{days}", (now - dt.timedelta(days=days)).replace(hour=10))
        for days in range(21, 81)
    ]
    keep = backups_to_keep(stamps, now)
    assert {f"today-{h}" for h in range(8, 18)} <= keep  # all of today's
    for days in range(1, 15):  # one a day, the day's last, for 14 days
        assert f"d{days}-17" in keep and f"d{days}-9" not in keep and f"d{days}-13" not in keep
    # Past the 14 days: the newest of each ISO week younger than 8 weeks (56 days).
    weekly = {k for k in keep if not k.startswith("today")} - {
        f"d{days}-17" for days in range(1, 15)
    }
    assert weekly == {"d15-17", "d19-17", "old-26", "old-33", "old-40", "old-47", "old-54"}
    ages = {s.key: (now.date() - s.taken_at.date()).days for s in stamps}
    assert all(15 <= ages[k] < 56 for k in weekly)
    assert len({s.taken_at.isocalendar()[:2] for s in stamps if s.key in weekly}) == len(weekly)
    assert "old-80" not in keep and "old-60" not in keep


def test_retention_always_keeps_the_newest_and_caps_the_size_oldest_first():
    now = dt.datetime(2025, 3, 14, 18, 0)
    ancient = [_stamp("a", now - dt.timedelta(days=400)), _stamp("b", now - dt.timedelta(days=300))]
    assert backups_to_keep(ancient, now) == {"b"}  # the last known state stays
    assert backups_to_keep([], now) == frozenset()

    mb = 1024 * 1024
    stamps = [
        _stamp("week", now - dt.timedelta(days=30), 100 * mb),
        _stamp("day", now - dt.timedelta(days=2), 100 * mb),
        _stamp("morning", now.replace(hour=9), 100 * mb),
        _stamp("noon", now.replace(hour=12), 100 * mb),
    ]
    policy = RetentionPolicy(max_total_bytes=250 * mb)
    assert backups_to_keep(stamps, now, policy) == {"morning", "noon"}
    assert backups_to_keep(stamps, now, RetentionPolicy(max_total_bytes=300 * mb)) == {
        "day",
        "morning",
        "noon",
    }
    huge = [_stamp("only", now, 900 * mb), _stamp("before", now - dt.timedelta(hours=1), 1)]
    assert backups_to_keep(huge, now, policy) == {"only"}  # too big alone, kept all the same
    future = [_stamp("future", now + dt.timedelta(days=3)), _stamp("today", now)]
    assert backups_to_keep(future, now) == {"future", "today"}


def test_old_backups_are_pruned_as_time_passes(workspace: Workspace):
    # Every backup at noon UTC: the day differences hold in any time zone.
    for days in range(0, 30):
        _edit(workspace, f"day {days}")
        for hour_offset in (0, 1):
            _edit(workspace, f"day {days} +{hour_offset}")
            backup_now(workspace, "auto", now=T0 + dt.timedelta(days=days, hours=hour_offset))
    now = T0 + dt.timedelta(days=29, hours=1)
    remaining = list_backups(workspace.path)
    taken = [b.taken_at for b in remaining]
    assert taken[0] == now
    local_today = now.astimezone().date()
    per_day: dict[dt.date, int] = {}
    for when in taken:
        per_day[when.astimezone().date()] = per_day.get(when.astimezone().date(), 0) + 1
    assert per_day[local_today] == 2  # today: both
    assert all(n == 1 for day, n in per_day.items() if day != local_today)  # earlier: one a day
    assert len(remaining) < 60 and len(remaining) >= 16
    # A month later with no edits: the weekly ones thin out, the newest stays.
    assert prune_backups(workspace.path, now=now + dt.timedelta(days=200))
    assert [b.taken_at for b in list_backups(workspace.path)] == [now]


# -- restoring ------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_can_itself_be_undone(workspace_file: Path):
    with Workspace.open(workspace_file) as ws:
        _edit(ws, "the good address")
        good = backup_now(ws, "manual", now=T0)
        _edit(ws, "a mistake", actor="alice")
        with ws.editing("alice") as s:
            step = s.get(StepRecord, Step.SUMMARISE.value)
            assert step is not None
            step.notes = "oops"
    assert good is not None
    mistaken_head = read_audit_head(workspace_file)

    report = restore_backup(workspace_file, good, now=T0 + dt.timedelta(hours=1))
    assert report.restored_from == good.path
    assert _address(workspace_file) == "the good address"
    assert read_audit_head(workspace_file) == read_audit_head(good.path, immutable=True)
    check = check_workspace(workspace_file)
    assert check.sound and check.audit_entries == good.audit_entries == report.audit_entries

    # The state before the restore was backed up, and restoring it undoes the restore.
    assert report.safety_copy is not None
    assert report.safety_copy.name == "20250314-130000Z-before-restore.qms"
    assert read_audit_head(report.safety_copy, immutable=True) == mistaken_head
    listed = {b.path: b for b in list_backups(workspace_file)}
    assert listed[report.safety_copy].entries_since is None  # a branch the restore went back from
    assert listed[good.path].entries_since == 0
    restore_backup(workspace_file, report.safety_copy, now=T0 + dt.timedelta(hours=2))
    assert _address(workspace_file) == "a mistake"
    assert read_audit_head(workspace_file) == mistaken_head
    assert check_workspace(workspace_file).sound

    # The restored workspace opens for editing and takes new edits on its own chain.
    with Workspace.open(workspace_file) as ws:
        assert not ws.read_only
        _edit(ws, "after the undo")
    assert check_workspace(workspace_file).sound


def test_restore_is_refused_while_another_process_edits(workspace_file: Path):
    with Workspace.open(workspace_file) as ws:
        good = backup_now(ws, "manual", now=T0)
        _edit(ws, "newer")
    assert good is not None
    before = workspace_file.read_bytes()
    with _lock_held_by_another_process(workspace_file) as pid:
        with pytest.raises(WorkspaceError) as refused:
            restore_backup(workspace_file, good.path)
    assert refused.value.code == "backups.being_edited"
    assert f"process {pid}" in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert f"进程 {pid}" in refused.value.text("zh_CN")
    assert workspace_file.read_bytes() == before
    assert len(list_backups(workspace_file)) == 1  # no copy made before refusing
    assert not [p for p in workspace_file.parent.iterdir() if p.name.startswith(".org-")]


def test_restore_is_refused_while_this_process_has_it_open(workspace_file: Path):
    with Workspace.open(workspace_file) as ws:
        good = backup_now(ws, "manual", now=T0)
        assert good is not None
        with pytest.raises(WorkspaceError) as refused:
            restore_backup(workspace_file, good)
        assert refused.value.code == "backups.being_edited"
    restore_backup(workspace_file, good)  # closed: now it may


def _corrupt_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(2 * page, len(data) - page, page):
        data[start : start + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["pages", "audit", "truncated", "foreign"])
def test_a_damaged_backup_is_refused_and_nothing_changes(
    workspace_file: Path, tmp_path: Path, damage: str
):
    with Workspace.open(workspace_file) as ws:
        good = backup_now(ws, "manual", now=T0)
        _edit(ws, "current")
    assert good is not None
    bad = tmp_path / "bad.qms"
    shutil.copyfile(good.path, bad)
    if damage == "pages":
        _corrupt_pages(bad)
    elif damage == "audit":  # an edited entry: the chain check finds it
        conn = sqlite3.connect(bad)
        conn.execute("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 1")
        conn.commit()
        conn.close()
    elif damage == "truncated":
        bad.write_bytes(bad.read_bytes()[: len(bad.read_bytes()) // 2])
    else:
        conn = sqlite3.connect(tmp_path / "other.db")
        conn.execute("CREATE TABLE t(x)")
        conn.commit()
        conn.close()
        shutil.copyfile(tmp_path / "other.db", bad)
    before = workspace_file.read_bytes()
    with pytest.raises(WorkspaceError) as refused:
        restore_backup(workspace_file, bad)
    expected = (
        "backups.damaged_backup" if damage in ("pages", "audit") else "backups.unusable_backup"
    )
    assert refused.value.code == expected
    text = str(refused.value)
    assert "bad.qms" in text and "org.qms was left untouched" in text and "\n" not in text
    assert refused.value.text("zh_CN") != text
    assert workspace_file.read_bytes() == before
    assert _names(workspace_file) == [good.path.name]  # no "before-restore" copy either
    assert not [p for p in workspace_file.parent.iterdir() if p.name.startswith(".org-")]


@pytest.mark.parametrize("damage", ["pages", "header"])
def test_a_damaged_workspace_is_restored_and_its_bytes_kept(workspace_file: Path, damage: str):
    with Workspace.open(workspace_file) as ws:
        good = backup_now(ws, "manual", now=T0)
    assert good is not None
    if damage == "pages":  # SQLite still copies it, page by page
        _corrupt_pages(workspace_file)
    else:  # not even SQLite any more: copied byte for byte
        workspace_file.write_bytes(b"\x00" * 100 + workspace_file.read_bytes()[100:])
    damaged = workspace_file.read_bytes()
    report = restore_backup(workspace_file, good, now=T0 + dt.timedelta(hours=1))
    assert check_workspace(workspace_file).sound
    assert report.safety_copy is not None
    kept = report.safety_copy.read_bytes()
    if damage == "pages":
        assert report.safety_copy.name.endswith("Z-before-restore.qms")
        assert kept[100:] == damaged[100:]  # the header's change counter is the copy's own
    else:
        assert report.safety_copy.name.endswith("Z-damaged-before-restore.qms")
        assert kept == damaged


def test_a_missing_workspace_is_restored_from_its_backups(workspace_file: Path):
    with Workspace.open(workspace_file) as ws:
        good = backup_now(ws, "manual", now=T0)
    assert good is not None
    workspace_file.unlink()
    assert list_backups(workspace_file)[0].entries_since is None
    report = restore_backup(workspace_file, good)
    assert report.safety_copy is None
    assert check_workspace(workspace_file).sound


def test_an_older_format_backup_is_brought_up_to_date(tmp_path: Path):
    old = tmp_path / "old.qms"

    def fill(ws: Workspace) -> None:
        with ws.editing("tester") as s:
            s.add(
                Organisation(
                    id=1,
                    name="Old Org",
                    default_language="en",
                    short_name="",
                    address="old",
                    scope="",
                    services="",
                    sites="",
                    industry="",
                    doc_prefix="",
                    management_representative="",
                )
            )
            for step in Step:
                s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))

    Workspace.create(old, revision="0003", fill=fill).close()
    target = tmp_path / "current.qms"
    shutil.copyfile(old, target)
    with Workspace.open(target) as ws:  # upgraded on opening
        _edit(ws, "new")
    before_names = set(os.listdir(tmp_path))
    restore_backup(target, old)
    assert _address(target) == "old"
    assert check_workspace(target).sound
    assert set(os.listdir(tmp_path)) == before_names  # no upgrade copy or lock left beside it


def test_a_restore_of_the_workspace_onto_itself_or_of_nothing_is_refused(
    workspace_file: Path, tmp_path: Path
):
    with pytest.raises(WorkspaceError) as itself:
        restore_backup(workspace_file, workspace_file)
    assert itself.value.code == "backups.is_the_workspace"
    with pytest.raises(WorkspaceError) as missing:
        restore_backup(workspace_file, tmp_path / "nope.qms")
    assert missing.value.code == "backups.no_such_backup"


@needs_private_mount
def test_a_restore_onto_a_full_disk_is_one_clear_line_and_changes_nothing(
    workspace_file: Path, tmp_path: Path
):
    snippet = f"""
import shutil
from pathlib import Path
shutil.copyfile({str(workspace_file)!r}, os.path.join(d, "org.qms"))
from qms_desktop.services.backups import backup_now
from qms_desktop.storage.models import Organisation
from qms_desktop.storage.workspace import Workspace
ws = Workspace.open(Path(d) / "org.qms")
backup_now(ws, "manual")
with ws.editing("tester") as s:
    s.get(Organisation, 1).address = "current"
ws.close()
before = open(os.path.join(d, "org.qms"), "rb").read()
fill_up()
result["restore"] = cli("backup", "restore", os.path.join(d, "org.qms"), "1")
result["unchanged"] = open(os.path.join(d, "org.qms"), "rb").read() == before
os.unlink(os.path.join(d, "filler"))
result["check"] = cli("check", os.path.join(d, "org.qms"))
"""
    result = run_on_own_disk(tmp_path, 512, snippet)
    restore = result["restore"]
    assert restore["rc"] == 1, restore
    lines = restore["err"].strip().splitlines()
    assert (
        len(lines) == 1
        and "the disk is full" in lines[0]
        and "org.qms was left as it was" in lines[0]
    )
    assert "Traceback" not in restore["err"]
    assert result["unchanged"]
    assert result["check"]["rc"] == 0, result["check"]
    assert not [f for f in result["files"] if f.startswith(".org-")]


# -- the command line -----------------------------------------------------------------


def test_backup_list_and_restore_from_the_command_line(workspace_file: Path):
    code, out, _ = _cli("backup", "list", str(workspace_file))
    assert code == 0 and "no backups" in out
    with Workspace.open(workspace_file) as ws:
        backup_on_open(ws, now=T0)
        _edit(ws, "x", actor="alice")
    code, out, err = _cli("backup", "list", str(workspace_file))
    assert code == 0, err
    header, row = out.splitlines()[1:3]
    assert "when" in header and "size" in header and "since" in header
    assert (
        row.split()[0] == "1"
        and "KB" in row
        and "open" in row
        and "1 (latest" in row
        and "alice" in row
    )

    code, out, err = _cli("backup", "restore", str(workspace_file), "1")
    assert code == 0, err
    assert "restored" in out and "before-restore" in out
    assert _address(workspace_file) == ""
    code, out, _ = _cli("backup", "list", str(workspace_file))
    assert "0 (the current state)" in out and "not in the current history" in out

    code, _, err = _cli("backup", "restore", str(workspace_file), "9")
    assert code == 1 and err.count("\n") == 1 and "no backup number 9" in err
    code, _, err = _cli("backup", "restore", str(workspace_file), "9", "--lang", "zh_CN")
    assert code == 1 and "没有编号为 9 的备份" in err
    code, _, err = _cli("backup")
    assert code == 2 and "choose list or restore" in err
