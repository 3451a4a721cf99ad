"""What every benchmark shares: byte-code compiled first (as an installed app has it), ours
and the floor run interleaved in one run, min/median printed, and one table row per
measurement handed to `run_all.py` (a line `BENCH-ROW {json}` on stdout)."""

from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROW_MARK = "BENCH-ROW "


def compile_app() -> None:
    """Byte-code for the app and its tests, written once, so no measured start compiles."""
    for folder in ("qms_desktop", "tests"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)


@dataclass(frozen=True)
class Row:
    measurement: str
    ours: float  # seconds, median
    floor: float  # seconds, median
    goal: str
    met: bool | None  # None: no goal to meet
    ours_min: float = 0.0
    floor_min: float = 0.0
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.floor if self.floor else float("inf")


def interleaved(
    ours: Callable[[], float | None],
    floor: Callable[[], float | None],
    runs: int,
    *,
    warmup: int = 1,
    prepare: Callable[[], None] | None = None,
) -> tuple[list[float], list[float]]:
    """Run floor and ours alternately `runs` times (after `warmup` unmeasured pairs), so
    the machine's noise hits both alike. A callable returning a number reports its own
    time (for work that needs setting up first); otherwise its wall time is taken."""

    def timed(fn: Callable[[], float | None]) -> float:
        if prepare is not None:
            prepare()
        t = time.perf_counter()
        own = fn()
        return own if own is not None else time.perf_counter() - t

    for _ in range(warmup):
        timed(floor)
        timed(ours)
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        b.append(timed(floor))
        a.append(timed(ours))
    return a, b


def row(
    measurement: str,
    ours: Sequence[float],
    floor: Sequence[float],
    goal: str,
    met: Callable[[float, float], bool] | None,
    note: str = "",
) -> Row:
    """Summarise and print one measurement: every run, min and median of both, the ratio."""
    o, f = statistics.median(ours), statistics.median(floor)
    r = Row(
        measurement,
        o,
        f,
        goal,
        None if met is None else met(o, f),
        min(ours),
        min(floor),
        note,
    )
    print(
        f"{measurement}: ours median {ms(o)} (min {ms(min(ours))}), floor median {ms(f)} "
        f"(min {ms(min(floor))}), ratio {r.ratio:.2f}x, goal {goal}"
        + ("" if r.met is None else (" MET" if r.met else " NOT MET"))
    )
    print("  ours runs: " + " ".join(ms(x) for x in ours))
    print("  floor runs: " + " ".join(ms(x) for x in floor))
    print(ROW_MARK + json.dumps(asdict(r)), flush=True)
    return r


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def run_measured(args: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a whole process: (wall seconds, its own peak RSS in MB). Fails on a non-zero exit."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(
            list(args), stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(
                f"{list(args)[:4]} exited {proc.returncode}: {err.read().decode()[-2000:]}"
            )
    return wall, usage.ru_maxrss / 1024


def python() -> str:
    return sys.executable


def app_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of a measured app process: its own user data and settings under
    `tmp`, the checkout on the path, byte-code written as an installed app has it."""
    env = dict(
        os.environ,
        QMS_DESKTOP_DATA=str(tmp / "data"),
        QMS_DESKTOP_SETTINGS=str(tmp / "s.ini"),
        PYTHONPATH=str(ROOT),
        **extra,
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def demo_workspace(tmp: Path, env: dict[str, str]) -> Path:
    """The demo organisation, written by `qms-desktop demo` as a user would."""
    path = tmp / "demo.qms"
    subprocess.run(
        [python(), "-m", "qms_desktop", "demo", str(path)],
        check=True,
        env=env,
        capture_output=True,
        cwd=ROOT,
    )
    return path


def workspace_runs(default_runs: int = 10) -> tuple[int, Path | None]:
    """The command line of a benchmark over one workspace: (runs, --workspace or None for
    the demo organisation); --quick means 5 runs."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=default_runs)
    parser.add_argument("--quick", action="store_true", help="5 runs")
    parser.add_argument("--workspace", type=Path, help="default: the demo organisation")
    args = parser.parse_args()
    return (5 if args.quick else args.runs), args.workspace
