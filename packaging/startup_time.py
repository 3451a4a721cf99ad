"""Start-up time of the desktop bundle against running from source, in the same run.

    python packaging/startup_time.py dist/qms-desktop [--runs 7]

Each round runs both, alternating, offscreen in a fresh user-data folder:
  * `--version`: process start and the command line (Python, our imports);
  * `open --smoke-test`: the GUI's start — Qt, the main window built and shown, then closed.
Prints the median of each, and bundle / source.
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

CASES = {"--version": ["--version"], "GUI start": ["open", "--smoke-test"]}


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle", type=Path, help="the built bundle folder (dist/qms-desktop)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--python", default=sys.executable, help="the source tree's python")
    args = parser.parse_args()
    exe = args.bundle / ("qms-desktop.exe" if os.name == "nt" else "qms-desktop")
    with tempfile.TemporaryDirectory(prefix="qms-startup-") as tmp:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            QMS_DESKTOP_DATA=str(Path(tmp) / "data"),
            QMS_DESKTOP_SETTINGS=str(Path(tmp) / "settings.ini"),
        )
        runners = {"bundle": [str(exe)], "source": [args.python, "-m", "qms_desktop"]}
        times: dict[tuple[str, str], list[float]] = {}
        for case in CASES.values():  # one warm-up each: both read from a warm disk cache
            for runner in runners.values():
                timed(runner + case, env)
        for _ in range(args.runs):
            for name, case in CASES.items():
                for who, runner in runners.items():
                    times.setdefault((name, who), []).append(timed(runner + case, env))
    print(f"{'case':<12} {'bundle':>9} {'source':>9} {'bundle/source':>14}   ({args.runs} runs)")
    for name in CASES:
        ours = statistics.median(times[(name, "bundle")])
        floor = statistics.median(times[(name, "source")])
        print(f"{name:<12} {ours * 1000:7.0f}ms {floor * 1000:7.0f}ms {ours / floor:14.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
