"""Benchmark: `qms-desktop check` on workspaces of 10⁴, 10⁵ and 10⁶ audit entries, whole
process against a whole-process floor, interleaved in one run.

Ours: `python -m qms_desktop check FILE` — everything `check` does (SQLite's integrity check,
the schema, the hash chain and signatures, every record against the trail, requirements,
references, evidence). The floor: a Python process that reads the same trail with plain
sqlite3 and hashes every entry's canonical bytes with SHA-256 against its stored hash (the
least any chain check must do). Peak memory is the check process's own RSS; from 10⁵
entries `check` also runs two short-lived helper processes beside it on the other core
(the hash chain, ~30 MB; the libraries' YAML, ~56 MB, done within the first half second),
whose time is inside the wall time measured here and whose memory (measured apart) is
added to its peak for the goal.

    python tests/benchmarks/bench_check.py [--entries 10000 100000 1000000] [--runs 3] [--quick]
Goal: 10⁶ entries in < 5 s and < 300 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks import fixtures  # noqa: E402
from tests.benchmarks.common import interleaved, row, run_measured  # noqa: E402

# The peak RSS of check's two helper processes (the hash chain, the libraries' YAML),
# measured apart at 10⁶ entries, counted on top of the check process's own for the goal.
HELPERS_MB = 30 + 56

FLOOR = r"""
import hashlib, sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
cur = conn.execute(
    "SELECT CAST(json_array(seq, at_utc, actor, action, entity, entity_id, field, old_value,"
    " new_value, prev_hash) AS BLOB), hash FROM audit_entry ORDER BY id"
)
bad = 0
while rows := cur.fetchmany(4000):
    for canonical, digest in rows:
        if hashlib.sha256(canonical).hexdigest() != digest:
            bad += 1
assert bad == 0, bad
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, nargs="*", default=list(fixtures.ENTRY_SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="10⁴ and 10⁵ entries only")
    args = parser.parse_args()
    fixtures.use_cached_keys()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    sizes = [n for n in args.entries if not (args.quick and n > 100_000)]
    for n in sizes:
        path = fixtures.entries_workspace(n)
        print(f"{n} entries: {path.name}, {path.stat().st_size / 1e6:.0f} MB")
        peaks: list[float] = []

        def ours(path: Path = path, peaks: list[float] = peaks) -> float:
            wall, peak = run_measured(
                [sys.executable, "-m", "qms_desktop", "check", str(path)], env
            )
            peaks.append(peak)
            return wall

        def floor(path: Path = path) -> float:
            return run_measured([sys.executable, "-c", FLOOR, str(path)], env)[0]

        a, b = interleaved(ours, floor, args.runs)
        peak = max(peaks)
        print(f"  peak RSS of check: {peak:.0f} MB (median {statistics.median(peaks):.0f} MB)")
        helpers = HELPERS_MB if n >= 100_000 else 0
        if helpers:
            print(f"  with its helper processes at most {peak + helpers:.0f} MB together")
        goal = "< 5 s, < 300 MB" if n >= 1_000_000 else "(scales to 10⁶)"
        row(
            f"check, {n:,} audit entries (whole process; peak {peak:.0f} MB)",
            a,
            b,
            goal,
            (lambda o, f, peak=peak + helpers: o < 5 and peak < 300) if n >= 1_000_000 else None,
            note="floor: sqlite3 + SHA-256 of every entry, whole process",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
