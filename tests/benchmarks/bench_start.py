"""Benchmark: time from process start to the main window shown on the demo workspace, as a
ratio to a bare PySide6 window measured in the same run, and peak memory of both.

    python tests/benchmarks/bench_start.py [--runs 7]
Goal: ratio <= 2.0.
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

OURS = r"""
import time, sys, resource
t0 = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QTimer
from qms_desktop.app import build_main_window, ensure_application
app = ensure_application()
window = build_main_window()
window.open_path(Path(sys.argv[1]))
window.show()
def done():
    print(f"{time.perf_counter() - t0:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", flush=True)
    app.quit()
QTimer.singleShot(0, done)
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


def run(code: str, *args: str, env: dict[str, str]) -> tuple[float, float, float]:
    """(wall time from process start, in-process time to first event loop turn, peak MB)."""
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - t
    inner, rss = out.stdout.split()
    return wall, float(inner), int(rss) / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="qms-start-"))
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               QMS_DESKTOP_DATA=str(tmp / "data"), QMS_DESKTOP_SETTINGS=str(tmp / "s.ini"),
               PYTHONPATH=str(ROOT))
    demo = tmp / "demo.qms"
    subprocess.run([sys.executable, "-m", "qms_desktop", "demo", str(demo)], check=True, env=env,
                   capture_output=True)
    ours, bare = [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        bare.append(run(BARE, env=env))
        ours.append(run(OURS, str(demo), env=env))
    ow, bw = statistics.median(r[0] for r in ours), statistics.median(r[0] for r in bare)
    oi, bi = statistics.median(r[1] for r in ours), statistics.median(r[1] for r in bare)
    om, bm = max(r[2] for r in ours), max(r[2] for r in bare)
    print(f"process start -> window shown (wall, median of {args.runs}): QMS Desktop {ow * 1000:.0f} ms, "
          f"bare PySide6 window {bw * 1000:.0f} ms, ratio {ow / bw:.2f}  [goal <= 2.0]")
    print(f"inside the process (imports + build + first event-loop turn): {oi * 1000:.0f} ms vs {bi * 1000:.0f} ms")
    print(f"peak memory (RSS): QMS Desktop {om:.0f} MB, bare window {bm:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
