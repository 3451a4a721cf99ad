"""Run every benchmark in tests/benchmarks one after the other and print one table:
measurement, ours, floor, ratio, goal.

    python tests/benchmarks/run_all.py [--only check checklist ...] [--quick]

Byte-code is compiled first (as an installed app has it); the fixture workspaces are built
once and cached in the temp dir (tests/benchmarks/fixtures.py). Each benchmark prints its
own figures (every run, min and median) and hands its table rows over as `BENCH-ROW` lines.
`--quick` is passed on to the benchmarks that take it (fewer runs, the largest sizes left out).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import ROW_MARK, Row, compile_app, ms  # noqa: E402


def run(bench: Path, extra: list[str]) -> tuple[list[Row], int]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen(
        [sys.executable, str(bench), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=ROOT,
    )
    rows: list[Row] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(ROW_MARK):
            rows.append(Row(**json.loads(line[len(ROW_MARK) :])))
        else:
            print("   " + line, end="", flush=True)
    return rows, proc.wait()


def table(rows: list[Row]) -> str:
    head = ("measurement", "ours", "floor", "ratio", "goal", "")
    lines = [
        (
            r.measurement,
            ms(r.ours),
            ms(r.floor),
            f"{r.ratio:.2f}x",
            r.goal,
            "" if r.met is None else ("met" if r.met else "NOT MET"),
        )
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [head, *lines]) for i in range(len(head))]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |"]
    out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines:
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", default=[], help="benchmark names, e.g. check")
    parser.add_argument("--quick", action="store_true")
    args, extra = parser.parse_known_args()
    t = time.perf_counter()
    compile_app()
    print(f"byte-code compiled in {time.perf_counter() - t:.1f} s", flush=True)
    code = 0
    rows: list[Row] = []
    for bench in sorted(HERE.glob("bench_*.py")):
        name = bench.stem.removeprefix("bench_")
        if args.only and name not in args.only:
            continue
        print(f"== {bench.name}", flush=True)
        passed = [*extra, "--quick"] if args.quick and "--quick" in bench.read_text() else extra
        found, status = run(bench, passed)
        rows += found
        if status != 0:
            print(f"   {bench.name} exited {status}", flush=True)
            code |= 1
    print()
    print(table(rows))
    missed = [r.measurement for r in rows if r.met is False]
    print(f"\n{len(rows) - len(missed)} of {len(rows)} rows meet their goal or have none.")
    return code


if __name__ == "__main__":
    sys.exit(main())
