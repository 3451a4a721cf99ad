"""Benchmark: importing a 1 000-control OSCAL catalog, against the raw floor (json.load of
the same file) in the same run.

    python tests/benchmarks/bench_oscal_import.py [--controls 1000]
Goal: < 2 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from qms_desktop.libraries import import_oscal_catalog  # noqa: E402


def catalog(n: int) -> dict:
    groups = []
    per = 50
    for g in range(n // per):
        controls = []
        for c in range(per):
            cid = f"f{g}-{c + 1}"
            controls.append(
                {
                    "id": cid,
                    "title": f"Control {g}.{c + 1}",
                    "props": [{"name": "label", "value": cid.upper()}],
                    "parts": [
                        {
                            "id": f"{cid}_smt",
                            "name": "statement",
                            "prose": "The organisation defines a policy. " * 8,
                            "parts": [
                                {"id": f"{cid}_smt.a", "name": "item", "prose": "Item a. " * 5}
                            ],
                        },
                        {
                            "id": f"{cid}_gdn",
                            "name": "guidance",
                            "prose": "Guidance text for the control. " * 10,
                        },
                    ],
                }
            )
        groups.append({"id": f"f{g}", "title": f"Family {g}", "controls": controls})
    return {
        "catalog": {
            "uuid": "00000000-0000-4000-8000-000000000000",
            "metadata": {"title": "Benchmark catalog", "version": "1"},
            "groups": groups,
        }
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--controls", type=int, default=1000)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "catalog.json"
    path.write_text(json.dumps(catalog(args.controls)))
    ours, raw = [], []
    for _ in range(5):
        t = time.perf_counter()
        lib = import_oscal_catalog(path)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        json.loads(path.read_bytes())
        raw.append(time.perf_counter() - t)
    o, r = statistics.median(ours), statistics.median(raw)
    print(
        f"OSCAL catalog, {lib.requirement_count} controls, {path.stat().st_size / 1e6:.1f} MB: import {o * 1000:.0f} ms, "
        f"raw json.load {r * 1000:.0f} ms, ratio {o / r:.1f}  [goal < 2 s]"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
