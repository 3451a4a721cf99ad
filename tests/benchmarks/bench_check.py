"""Benchmark: `qms-desktop check` on the demo and on a large workspace, against a raw floor.

The large workspace: 10 000 checklist items over four libraries stored with their YAML text,
~44 000 field edits made through the services (so ~50 000 audit entries), and a few
evidence files. Ours is `check_workspace` as the CLI runs it, split into its parts (SQLite's
integrity_check, the schema comparison, the records against the trail and the rest). The
floor, in the same run on the same file: plain sqlite3 reading the same rows (the trail, every
audited table, the requirements, the evidence contents) with SHA-256 over each row.

    python tests/benchmarks/bench_check.py [--items 10000] [--edits 44000] [--memory]
Goal: the large workspace checked in under 2 s; the trail streamed (with --memory, the
peak Python allocation of the records check is printed; it grows with the records held,
not with the length of the trail).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
_tmp = Path(tempfile.mkdtemp(prefix="qms-bench-check-"))
os.environ["QMS_DESKTOP_DATA"] = str(_tmp / "data")
os.environ["QMS_DESKTOP_SETTINGS"] = str(_tmp / "settings.ini")

from qms_desktop.libraries import library_to_yaml, load_library_text  # noqa: E402
from qms_desktop.services import checklist as cl  # noqa: E402
from qms_desktop.services.demo import write_demo  # noqa: E402
from qms_desktop.services.libraries import store_library  # noqa: E402
from qms_desktop.services.workspaces import _library_rows, check_workspace, create_workspace  # noqa: E402
from qms_desktop.storage.integrity import audited_tables, check_contents  # noqa: E402
from qms_desktop.storage.workspace import Workspace  # noqa: E402
from tests.benchmarks.bench_checklist import library  # noqa: E402


def build(path: Path, items: int, edits: int) -> None:
    rng = random.Random(1)
    ws = create_workspace(path, "Benchmark Org", actor="bench")
    try:
        for i in range(4):
            # as the app stores a library: its rows read from the YAML text stored with them
            store_library(ws, "bench", load_library_text(library_to_yaml(library(i, items // 4))))
        info, _ = cl.create_assessment(
            ws, "bench", "Baseline", dt.date(2026, 1, 1), [f"lib{i}" for i in range(4)]
        )
        ids = [r.item_id for r in cl.checklist_rows(ws, info.id)]
        for n in range(5):
            cl.attach_evidence(
                ws, "bench", ids[n], name=f"record-{n}.pdf", data=rng.randbytes(200_000)
            )
        done = 0
        statuses = ["conforming", "partial", "not_assessed"]
        while done < edits:
            batch = rng.sample(ids, min(1000, len(ids)))
            changes: list[tuple[int, dict[str, object]]] = [
                (
                    i,
                    {
                        "status": rng.choice(statuses),
                        "current_practice": f"seen {rng.random():.6f}",
                        "evidence_notes": f"sampled {rng.random():.6f}",
                        "gap": f"gap {rng.random():.6f}",
                    },
                )
                for i in batch
            ]
            cl.apply_assessments(ws, f"auditor{rng.randrange(5)}", changes)
            done += 4 * len(batch)
    finally:
        ws.close()


def ours(path: Path) -> dict[str, float]:
    """check_workspace, and its parts timed one by one."""
    parts: dict[str, float] = {}
    t = time.perf_counter()
    report = check_workspace(path)
    parts["check_workspace (all)"] = time.perf_counter() - t
    assert report.sound, report.problems
    with Workspace.open(path, read_only=True) as ws:
        t = time.perf_counter()
        ws.integrity_problems()
        parts["  SQLite integrity_check"] = time.perf_counter() - t
        t = time.perf_counter()
        ws.schema_problems()
        parts["  schema vs models"] = time.perf_counter() - t
        reading = [0.0]

        def timed_rows(content: str):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return _library_rows(content)
            finally:
                reading[0] += time.perf_counter() - t

        with ws.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            t = time.perf_counter()
            contents = check_contents(raw, timed_rows)
            parts["  records vs trail, references, requirements, evidence"] = (
                time.perf_counter() - t
            )
            parts["    of which: reading the libraries' YAML back"] = reading[0]
    parts["audit entries"] = contents.audit_entries
    return parts


def floor(path: Path) -> float:
    """Plain sqlite3 reading what the check reads, SHA-256 over each row."""
    t = time.perf_counter()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = ["audit_entry", "requirement", "blob", "library"] + sorted(
        {t.table for t in audited_tables().values()} - {"library"}
    )
    for table in tables:
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            hashlib.sha256(repr(row).encode("utf-8", "surrogatepass")).digest()
    conn.close()
    return time.perf_counter() - t


def memory(path: Path) -> int:
    import tracemalloc

    with Workspace.open(path, read_only=True) as ws, ws.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        tracemalloc.start()
        check_contents(raw, _library_rows)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def report(name: str, path: Path, repeat: int, with_memory: bool) -> None:
    runs = [ours(path) for _ in range(repeat)]
    floors = [floor(path) for _ in range(repeat)]
    size = path.stat().st_size / 1e6
    print(
        f"\n{name}: {size:.1f} MB, {int(runs[0]['audit entries'])} audit entries "
        f"(median of {repeat} runs)"
    )
    for key in runs[0]:
        if key == "audit entries":
            continue
        print(f"  {key:<58} {statistics.median(r[key] for r in runs) * 1000:8.0f} ms")
    print(
        f"  {'raw floor: sqlite3 + SHA-256 over the same rows':<58} {statistics.median(floors) * 1000:8.0f} ms"
    )
    if with_memory:
        print(f"  {'peak Python allocation of the records check':<58} {memory(path) / 1e6:8.1f} MB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=44_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args()
    try:
        demo = write_demo(_tmp / "demo.qms")
        report("demo", demo, args.repeat, args.memory)
        big = _tmp / "big.qms"
        t = time.perf_counter()
        build(big, args.items, args.edits)
        print(f"\n(built the large workspace in {time.perf_counter() - t:.0f} s)")
        report(f"{args.items} checklist items, ~{args.edits} edits", big, args.repeat, args.memory)
    finally:
        shutil.rmtree(_tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
