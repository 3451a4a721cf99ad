"""Disk faults for the storage tests: files and folders this process may not write (as
root too), a tiny or read-only disk of its own, and a hot journal left by a killed editor."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Make a file (mode 444) or a folder (mode 555) unwritable for this process. Root
    writes whatever the mode says, so as root the immutable flag (chattr +i) stands in,
    and the test is skipped where the file system has none."""
    if is_root():
        if (
            shutil.which("chattr") is None
            or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0
        ):
            pytest.skip("running as root, and this file system has no immutable flag")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    if sys.platform == "win32" and path.is_dir():
        pytest.skip("a read-only attribute does not protect a folder on Windows")
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        path.chmod(mode)


def _private_mounts_work() -> bool:
    if not is_root() or shutil.which("unshare") is None or sys.platform != "linux":
        return False
    with tempfile.TemporaryDirectory() as d:
        probe = subprocess.run(
            [
                "unshare",
                "-m",
                "--propagation",
                "private",
                "sh",
                "-c",
                'mount -t tmpfs -o size=64k tmpfs "$0"',
                d,
            ],
            capture_output=True,
        )
    return probe.returncode == 0


PRIVATE_MOUNTS = _private_mounts_work()
needs_private_mount = pytest.mark.skipif(
    not PRIVATE_MOUNTS, reason="needs root and mount namespaces (unshare) for a real tiny disk"
)

_INNER = r"""
import json, os, subprocess, sys
d = sys.argv[1]
def cli(*args):
    r = subprocess.run([sys.executable, "-m", "qms_desktop", *args], capture_output=True, text=True)
    return {"rc": r.returncode, "out": r.stdout, "err": r.stderr}
def fill_up():
    fd = os.open(os.path.join(d, "filler"), os.O_WRONLY | os.O_CREAT)
    for chunk in (65536, 4096, 1):
        try:
            while True:
                os.write(fd, b"x" * chunk)
        except OSError:
            pass
    os.close(fd)
result = {}
"""


def run_on_own_disk(
    tmp_path: Path, size_kb: int, snippet: str, *, read_only: bool = False
) -> dict[str, Any]:
    """Run `snippet` (Python; `d` is the folder on the disk, `cli(...)` runs the command
    line, `fill_up()` fills the disk, `result` is printed as JSON) in a private mount
    namespace where `d` is a fresh tmpfs of `size_kb` KB, remounted read-only after any
    preparation when asked. Returns `result` plus the files left in `d`."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    code = (
        _INNER + snippet + "\nresult['files'] = sorted(os.listdir(d))\nprint(json.dumps(result))\n"
    )
    remount = 'mount -o remount,ro "$0" && ' if read_only else ""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QMS_DESKTOP_DATA=str(tmp_path / "data"))
    shell = (
        f'mount -t tmpfs -o size={size_kb}k,mode=0777 tmpfs "$0" && {remount}'
        'cd "$1" && exec "$2" -c "$3" "$0"'
    )
    run = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            shell,
            str(mount_point),
            str(ROOT),
            sys.executable,
            code,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


KILLED_MID_EDIT = r"""
import os, signal, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA cache_size=2")  # spill: uncommitted pages reach the file, the journal holds the old ones
conn.execute("BEGIN")
conn.execute("UPDATE organisation SET address='never committed'")
conn.execute("CREATE TABLE filler(x)")
for _ in range(200):
    conn.execute("INSERT INTO filler VALUES (?)", ("y" * 3000,))
os.kill(os.getpid(), signal.SIGKILL)
"""


def kill_mid_edit(path: Path) -> None:
    """Leave the hot journal a killed editor leaves: the file holds uncommitted pages."""
    child = subprocess.run([sys.executable, "-c", KILLED_MID_EDIT, str(path)], capture_output=True)
    assert child.returncode == -signal.SIGKILL, child.stderr
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError):  # what every read-only reader met
            probe.execute("PRAGMA quick_check").fetchall()
    finally:
        probe.close()


def cli(*args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QMS_DESKTOP_DATA=str(env_home))
    return subprocess.run(
        [sys.executable, "-m", "qms_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def cli_bytes(*args: bytes, env_home: Path) -> subprocess.CompletedProcess[str]:
    """The command line with raw (possibly non-UTF-8) byte arguments, as a shell passes them."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QMS_DESKTOP_DATA=str(env_home))
    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"qms_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def one_clear_line(run: subprocess.CompletedProcess[str]) -> str:
    """The command failed with exit 1 and one line naming the problem, no traceback or SQL."""
    assert run.returncode == 1, (run.returncode, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    for noise in ("Traceback", "[SQL", "sqlite3.", "internal error"):
        assert noise not in run.stderr, run.stderr
    return lines[0]
