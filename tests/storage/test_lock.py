"""One editor means one editor: the lock is exclusive under contention, and it is keyed on
the file itself, not on the name it was opened by."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qms_desktop.storage.lock import WorkspaceLock, lock_path_for
from qms_desktop.storage.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 3.0

HAMMER = r"""
import os, sys, time
from pathlib import Path
from qms_desktop.storage.lock import LockHeld, WorkspaceLock

workspace, marker = Path(sys.argv[1]), sys.argv[2]
print("ready", flush=True)
until = float(sys.stdin.readline())
held = overlaps = 0
while time.time() < until:
    lock = WorkspaceLock(workspace)
    try:
        lock.acquire()
    except LockHeld:
        continue
    held += 1
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        overlaps += 1  # the other process believes it holds the lock right now
    else:
        os.close(fd)
        os.unlink(marker)
    lock.release()
print(held, overlaps, flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="two processes and flock; POSIX")
def test_two_processes_hammering_the_lock_never_overlap(tmp_path: Path):
    workspace = tmp_path / "contended.qms"
    marker = tmp_path / "inside"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    children = [
        subprocess.Popen(
            [sys.executable, "-c", HAMMER, str(workspace), str(marker)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        until = time.time() + SECONDS
        for child in children:
            assert child.stdin is not None
            child.stdin.write(f"{until}\n")
            child.stdin.close()
        results = []
        for child in children:
            assert child.stdout is not None
            results.append(child.stdout.read().split())
            child.wait(timeout=30)
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    held = [int(r[0]) for r in results]
    overlaps = sum(int(r[1]) for r in results)
    assert min(held) > 10, f"the processes did not really contend: {held}"
    assert overlaps == 0, (
        f"{overlaps} times both processes held the exclusive lock (acquired {held})"
    )


def test_release_leaves_the_lock_file_for_the_next_editor(tmp_path: Path):
    workspace = tmp_path / "w.qms"
    lock = WorkspaceLock(workspace)
    lock.acquire()
    lock.release()
    # Deleting it would let a waiting opener lock an orphaned inode while a third
    # creates a fresh file and locks that: two editors.
    assert lock_path_for(workspace).exists()
    again = WorkspaceLock(workspace)
    again.acquire()
    assert again.held
    again.release()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symlink_to_a_workspace_being_edited_opens_read_only(
    workspace_file: Path, tmp_path: Path
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "shortcut.qms"
    link.symlink_to(workspace_file)
    assert lock_path_for(link) == lock_path_for(workspace_file)
    with Workspace.open(workspace_file) as editor:
        assert not editor.read_only
        with Workspace.open(link) as second:
            assert second.read_only
            assert "being edited by" in second.read_only_reason
    with Workspace.open(link) as editor, Workspace.open(workspace_file) as second:
        assert not editor.read_only and second.read_only
