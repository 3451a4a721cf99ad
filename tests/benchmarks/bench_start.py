"""Benchmark: time from process start to the main window shown on the demo workspace, as a
ratio to a bare PySide6 window measured in the same run, and peak memory of both.

    python tests/benchmarks/bench_start.py [--runs 7]
Byte-code is compiled first and PYTHONDONTWRITEBYTECODE is dropped, as an installed app
has its byte-code (with the variable set and no .pyc files, every start compiled the app).
Goals (issue 17): the window ≤ 2× the bare window; the demo workspace's content on screen
≤ 3× the bare window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import compile_app, row  # noqa: E402

# Mirrors run_gui: build and show the window, open the workspace on the first loop turn.
OURS = r"""
import time, sys, resource
t0 = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QTimer
from qms_desktop.app import build_main_window, ensure_application
app = ensure_application()
window = build_main_window()
window.show()
marks = {}
def shown():
    marks["window"] = time.perf_counter() - t0
    window.open_path(Path(sys.argv[1]))
    app.processEvents()
    assert window.dashboard._org.text(), "the demo organisation is not on screen"
    print(f"{time.perf_counter() - t0:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} "
          f"{marks['window']:.4f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

BARE = r"""
import time, sys, resource
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1200, 800)
window.show()
def done():
    print(f"{time.perf_counter() - t0:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def run(code: str, *args: str, env: dict[str, str]) -> tuple[float, float, float, float]:
    """(wall time of the whole process, in-process time to content shown, peak MB,
    in-process time to the window shown)."""
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    wall = time.perf_counter() - t
    fields = out.stdout.split()
    inner, rss = float(fields[0]), int(fields[1]) / 1024
    window = float(fields[2]) if len(fields) > 2 else inner
    return wall, inner, rss, window


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compile_app()
    tmp = Path(tempfile.mkdtemp(prefix="qms-start-"))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        QMS_DESKTOP_DATA=str(tmp / "data"),
        QMS_DESKTOP_SETTINGS=str(tmp / "s.ini"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    demo = tmp / "demo.qms"
    subprocess.run(
        [sys.executable, "-m", "qms_desktop", "demo", str(demo)],
        check=True,
        env=env,
        capture_output=True,
    )
    ours, bare = [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        bare.append(run(BARE, env=env))
        ours.append(run(OURS, str(demo), env=env))
    # Python's own start-up (before our first line runs) is the same for both: the wall time
    # of the bare process minus its in-process time.
    boot = statistics.median(r[0] - r[1] for r in bare)
    win = statistics.median(r[3] for r in ours) + boot
    content = statistics.median(r[1] for r in ours) + boot
    bare_shown = statistics.median(r[1] for r in bare) + boot
    om, bm = max(r[2] for r in ours), max(r[2] for r in bare)
    print(
        f"median of {args.runs} runs, from process start (Python start-up {boot * 1000:.0f} ms included):"
    )
    print(f"  bare PySide6 window shown:          {bare_shown * 1000:.0f} ms")
    print(
        f"  QMS Desktop main window shown:      {win * 1000:.0f} ms  ratio {win / bare_shown:.2f}  [goal <= 2.0]"
    )
    print(
        f"  ... with the demo workspace on it:  {content * 1000:.0f} ms  ratio {content / bare_shown:.2f}"
    )
    print(f"peak memory (RSS): QMS Desktop {om:.0f} MB, bare window {bm:.0f} MB")
    bare_runs = [r[1] + boot for r in bare]
    row(
        "main window shown, from process start",
        [r[3] + boot for r in ours],
        bare_runs,
        "≤ 2× bare window",
        lambda o, f: o <= 2 * f,
        note="floor: a bare PySide6 window, whole process",
    )
    row(
        "demo workspace content on screen, from process start",
        [r[1] + boot for r in ours],
        bare_runs,
        "≤ 3× bare window",
        lambda o, f: o <= 3 * f,
        note="floor: a bare PySide6 window, whole process",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
