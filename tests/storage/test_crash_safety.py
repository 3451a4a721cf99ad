"""Crash safety: a process editing the profile in a loop is killed with SIGKILL at random
moments; every time the workspace must pass `check` and hold every committed edit."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qms_desktop.services.profile import get_profile
from qms_desktop.services.workspaces import check_workspace, create_workspace, open_workspace

TRIALS = 60
ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from pathlib import Path
from qms_desktop.services.profile import update_profile
from qms_desktop.services.workspaces import open_workspace

path, start = Path(sys.argv[1]), int(sys.argv[2])
ws = open_workspace(path)
assert not ws.read_only, ws.read_only_reason
n = start
print("ready", flush=True)
while True:
    n += 1
    update_profile(ws, "crash-test", address=f"edit {n}", scope="x" * (n % 7 * 9000))
    print(n, flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_at_random_moments_never_loses_a_committed_edit(tmp_path: Path):
    seed = int(os.environ.get("QMS_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    path = tmp_path / "crash.qms"
    create_workspace(path, "Crash Org", actor="t").close()
    committed = 0
    entries_before = check_workspace(path).audit_entries
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for trial in range(TRIALS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(committed)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", (
            f"seed {seed} trial {trial}: child did not start"
        )
        deadline = time.monotonic() + rng.uniform(0.0, 0.15)
        last_printed = committed
        os.set_blocking(child.stdout.fileno(), False)
        while time.monotonic() < deadline:
            time.sleep(0.002)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        os.set_blocking(child.stdout.fileno(), True)
        for line in child.stdout.read().split():
            last_printed = max(last_printed, int(line))
        child.stdout.close()

        # What the app does on open: roll back a half-written transaction, then check.
        ws = open_workspace(path)
        assert not ws.read_only, f"seed {seed} trial {trial}: the dead editor's lock survived"
        address = get_profile(ws).address
        ws.close()
        report = check_workspace(path)
        assert report.sound, f"seed {seed} trial {trial}: {report.problems}"
        stored = int(address.split()[1]) if address.startswith("edit ") else committed
        assert stored >= last_printed, (
            f"seed {seed} trial {trial}: edit {last_printed} was committed but the file holds {stored}"
        )
        assert report.audit_entries >= entries_before
        entries_before = report.audit_entries
        committed = stored
    assert committed > 0, f"seed {seed}: no edit was ever committed"
