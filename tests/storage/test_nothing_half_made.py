"""Nothing half-made: `new`, `demo` and the backup before a migration build their file
under a temporary name and rename it into place. A full disk, a read-only place or a
name that is not text is one clear sentence, and leaves no file (not even an empty one,
nor a lock) behind; a killed `demo` leaves nothing under the demo's name."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qms_desktop.domain.errors import QmsError, WorkspaceError
from qms_desktop.services.demo import write_demo
from qms_desktop.services.workspaces import check_workspace, create_workspace
from qms_desktop.storage import workspace as workspace_module
from qms_desktop.storage.workspace import Workspace
from tests.storage.disk_faults import (
    ROOT,
    cli,
    cli_bytes,
    needs_private_mount,
    one_clear_line,
    run_on_own_disk,
    unwritable,
)

# -- a real full disk and a real read-only disk (root, Linux) ----------------------


@needs_private_mount
@pytest.mark.parametrize(("size_kb", "fill"), [(64, True), (150, False), (450, False)])
def test_new_and_demo_on_a_full_disk_say_so_and_leave_nothing(
    tmp_path: Path, size_kb: int, fill: bool
):
    # 0 bytes free; room for part of a new workspace; room for a new one but not the demo.
    result = run_on_own_disk(
        tmp_path,
        size_kb,
        f"""
if {fill}:
    fill_up()
result["new"] = cli("new", os.path.join(d, "org.qms"), "--org", "Org")
if result["new"]["rc"] == 0:
    os.remove(os.path.join(d, "org.qms"))
    os.remove(os.path.join(d, "org.qms.lock"))
result["demo"] = cli("demo", os.path.join(d, "demo.qms"))
""",
    )
    assert result["files"] == (["filler"] if fill else []), result
    runs = [result["demo"]] if size_kb == 450 else [result["new"], result["demo"]]
    if size_kb == 450:
        assert result["new"]["rc"] == 0, result["new"]
    for run in runs:
        line = one_clear_line(subprocess.CompletedProcess([], run["rc"], run["out"], run["err"]))
        assert "not enough free space" in line, line
        assert (
            "medium" not in line and "cannot be written" not in line and "read-only" not in line
        ), line


@needs_private_mount
def test_new_on_a_read_only_disk_says_so_and_leaves_nothing(tmp_path: Path):
    result = run_on_own_disk(
        tmp_path,
        256,
        """
result["new"] = cli("new", os.path.join(d, "org.qms"), "--org", "Org")
result["demo"] = cli("demo", os.path.join(d, "demo.qms"))
""",
        read_only=True,
    )
    assert result["files"] == []
    for run in (result["new"], result["demo"]):
        line = one_clear_line(subprocess.CompletedProcess([], run["rc"], run["out"], run["err"]))
        assert "cannot be created: the disk or folder is read-only" in line, line


@needs_private_mount
def test_a_backup_that_does_not_fit_stops_the_upgrade_and_leaves_no_part_copy(tmp_path: Path):
    old = tmp_path / "v1.qms"
    Workspace.create(old, revision="0001").close()
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    result = run_on_own_disk(
        tmp_path,
        64,
        f"""
import hashlib, shutil
from qms_desktop.domain.errors import QmsError, WorkspaceError
from qms_desktop.storage.workspace import Workspace
target = os.path.join(d, "v1.qms")
shutil.copyfile({str(old)!r}, target)
try:
    Workspace.open(target).close()
    result["error"] = None
except WorkspaceError as exc:
    result["error"] = str(exc)
result["digest"] = hashlib.sha256(open(target, "rb").read()).hexdigest()
""",
    )
    assert result["error"] is not None and "backup copy of v1.qms" in result["error"], result
    assert "the disk is full" in result["error"] and "left untouched" in result["error"]
    assert result["digest"] == before
    assert [f for f in result["files"] if not f.endswith(".lock")] == ["v1.qms"], result["files"]


# -- the same failures simulated at SQLite's boundary (any user, any system) ---------


def tight_pragmas(pages: int):  # type: ignore[no-untyped-def]
    """`_set_pragmas` that also caps the file at `pages` pages: SQLite then fails with
    SQLITE_FULL, exactly as it does on a full disk."""
    original = workspace_module._set_pragmas

    def pragmas(dbapi_conn: sqlite3.Connection, record: object) -> None:
        original(dbapi_conn, record)
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    return pragmas


@pytest.mark.parametrize("pages", [3, 30])
def test_new_that_fills_the_disk_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: int
):
    monkeypatch.setattr(workspace_module, "_set_pragmas", tight_pragmas(pages))
    with pytest.raises(WorkspaceError) as exc:
        create_workspace(tmp_path / "org.qms", "Org", actor="t")
    assert exc.value.code == "storage.create_disk_full", exc.value
    assert "not enough free space" in str(exc.value) and "medium" not in str(exc.value)
    assert list(tmp_path.iterdir()) == []


def test_a_demo_that_fills_the_disk_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(
        workspace_module, "_set_pragmas", tight_pragmas(60)
    )  # a workspace fits, the demo not
    with pytest.raises(WorkspaceError) as exc:
        write_demo(tmp_path / "demo.qms")
    assert exc.value.code == "storage.create_disk_full", exc.value
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="the folder protection needs POSIX")
def test_new_in_a_folder_that_cannot_be_written(tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    with unwritable(folder):
        with pytest.raises(WorkspaceError) as exc:
            create_workspace(folder / "org.qms", "Org", actor="t")
        assert exc.value.code == "storage.create_not_writable", exc.value
        assert list(folder.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="file names are always text on Windows")
def test_a_name_that_is_not_utf8_is_one_clear_sentence(tmp_path: Path, template_workspace: Path):
    name = os.fsdecode(b"caf\xe9.qms")
    with pytest.raises(WorkspaceError) as exc:
        create_workspace(tmp_path / name, "Org", actor="t")
    assert "not UTF-8" in str(exc.value) and "caf\\xe9.qms" in str(exc.value)
    assert list(tmp_path.iterdir()) == []
    home = tmp_path / "home"
    new = cli_bytes(b"new", os.fsencode(tmp_path / name), b"--org", b"Org", env_home=home)
    assert "not UTF-8" in one_clear_line(new)
    demo = cli_bytes(b"demo", os.fsencode(tmp_path / name), env_home=home)
    assert "not UTF-8" in one_clear_line(demo)
    existing = os.fsencode(tmp_path) + b"/old-caf\xe9.qms"
    with open(existing, "wb") as f:
        f.write(template_workspace.read_bytes())
    assert "not UTF-8" in one_clear_line(cli_bytes(b"check", existing, env_home=home))
    assert [n for n in os.listdir(os.fsencode(tmp_path)) if n != b"home"] == [b"old-caf\xe9.qms"]


# -- a kill -------------------------------------------------------------------------

DEMO_CHILD = r"""
import sys
from pathlib import Path
from qms_desktop.services.demo import write_demo
write_demo(Path(sys.argv[1]))
"""


def _sizes(folder: Path) -> list[int]:
    """Sizes of the files in a folder, locks aside; a journal SQLite deletes between the
    listing and its stat is skipped."""
    sizes = []
    for p in folder.iterdir():
        if p.name.endswith(".lock"):
            continue
        try:
            sizes.append(p.stat().st_size)
        except FileNotFoundError:
            continue
    return sizes


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_demo_leaves_nothing_under_its_name(tmp_path: Path):
    target = tmp_path / "demo.qms"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", DEMO_CHILD, str(target)], env=env)
    deadline = time.monotonic() + 60
    try:
        # Kill it while it fills the demo: some file beside the target has grown beyond an
        # empty workspace (about 170 KB) but not yet to the whole demo (about 400 KB).
        while time.monotonic() < deadline and child.poll() is None:
            if any(size > 230_000 for size in _sizes(tmp_path)):
                break
            time.sleep(0.001)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL, "the demo finished before it could be killed"
    assert not target.exists(), "a half-filled demo was left under the demo's name"
    write_demo(target)  # and the name is free for the next attempt
    assert check_workspace(target).sound
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "demo.qms",
        "demo.qms.lock",
    ]


def test_nothing_is_left_when_new_fails_after_building(tmp_path: Path):
    with pytest.raises(QmsError):  # the organisation's name is checked before any file
        create_workspace(tmp_path / "org.qms", "   ", actor="t")

    def refuse(ws: Workspace) -> None:
        raise WorkspaceError("storage.needs_actor")

    with pytest.raises(WorkspaceError, match="user name"):
        create_workspace(tmp_path / "org.qms", "Org", actor="t", fill=refuse)
    assert list(tmp_path.iterdir()) == []


def test_new_never_replaces_a_file_that_appeared_meanwhile(tmp_path: Path):
    target = tmp_path / "org.qms"

    def someone_else_saves(ws: Workspace) -> None:
        target.write_bytes(b"theirs")

    with pytest.raises(WorkspaceError, match="already exists"):
        create_workspace(target, "Org", actor="t", fill=someone_else_saves)
    assert target.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["org.qms"]


def test_the_migration_backup_appears_whole_under_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    old = tmp_path / "v1.qms"
    Workspace.create(old, revision="0001").close()
    seen: list[list[str]] = []
    real_move = workspace_module._move_into_place

    def watch(tmp: Path, target: Path) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        assert not target.exists()  # the copy is complete before it gets its name
        real_move(tmp, target)

    monkeypatch.setattr(workspace_module, "_move_into_place", watch)
    with Workspace.open(old) as ws:
        assert ws.backup_path is not None and ws.backup_path.exists()
    assert seen and all(not name.startswith("v1.backup") for name in seen[0])
    backup = sqlite3.connect(ws.backup_path)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    backup.close()


def test_cli_new_and_demo_still_work(tmp_path: Path):
    folder = tmp_path / "work"
    folder.mkdir()
    assert (
        cli("new", str(folder / "a.qms"), "--org", "A", env_home=tmp_path / "home").returncode == 0
    )
    assert cli("demo", str(folder / "d.qms"), env_home=tmp_path / "home").returncode == 0
    assert check_workspace(folder / "d.qms").sound
    assert sorted(p.name for p in folder.iterdir()) == [
        "a.qms",
        "a.qms.lock",
        "d.qms",
        "d.qms.lock",
    ]


def test_an_upgrade_the_disk_cannot_hold_is_rolled_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    old = tmp_path / "v1.qms"
    Workspace.create(old, revision="0001").close()
    before = hashlib.sha256(old.read_bytes()).hexdigest()
    pages = old.stat().st_size // 4096
    monkeypatch.setattr(workspace_module, "_set_pragmas", tight_pragmas(pages + 1))
    with pytest.raises(WorkspaceError) as exc:
        Workspace.open(old)
    assert exc.value.code == "storage.upgrade_failed" and "the disk is full" in str(exc.value)
    # Schema changes commit as one transaction: the file is exactly as it was, a backup beside it.
    assert hashlib.sha256(old.read_bytes()).hexdigest() == before
    monkeypatch.undo()
    with Workspace.open(old) as ws:
        assert ws.schema_problems() == []
