"""Benchmark: `library add` of an OSCAL catalog the size of NIST SP 800-53 rev5 (about
1 200 controls and enhancements, with statements, parameters, guidance and withdrawn
controls), into a workspace through the service the CLI calls, against the raw floor in
the same run: json.loads of the same file, the same texts pulled out, and sqlite3
executemany of one row per control into a file database (same journal and sync
settings), one commit.

NIST's own catalog is not available offline, so one of the same shape is generated:
20 families, ~300 base controls, ~900 enhancements, ~10 % withdrawn, every statement with
items and sub-items and two to three parameters (assignments and selections).

    python tests/benchmarks/bench_oscal_import.py [--controls 1200] [--runs 7] [--quick]
Goal: < 2 s (issue 13); ratio to the floor <= 3 (issue 17).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
_tmp = Path(tempfile.mkdtemp(prefix="qms-bench-oscal-"))
os.environ["QMS_DESKTOP_DATA"] = str(_tmp / "data")
os.environ["QMS_DESKTOP_SETTINGS"] = str(_tmp / "settings.ini")

from qms_desktop.services.libraries import add_library_file  # noqa: E402
from qms_desktop.services.workspaces import create_workspace  # noqa: E402
from tests.benchmarks.common import compile_app, interleaved, row  # noqa: E402

WORDS = (
    "organization system account access control policy procedure personnel role audit "
    "record review authorize monitor information security privacy incident response plan "
    "configuration baseline media protection risk assessment supply chain"
).split()
FAMILIES = "AC AT AU CA CM CP IA IR MA MP PE PL PM PS PT RA SA SC SI SR".split()


def words(seed: int, n: int) -> str:
    return " ".join(WORDS[(seed * 7 + k * 3) % len(WORDS)] for k in range(n))


def control(family: str, number: int, enhancement: int, seed: int, withdrawn: bool) -> dict:
    base = f"{family.lower()}-{number}"
    cid = f"{base}.{enhancement}" if enhancement else base
    label = f"{family}-{number}({enhancement})" if enhancement else f"{family}-{number}"
    odp = f"{cid}_odp"
    props = [{"name": "label", "value": label}, {"name": "sort-id", "value": cid}]
    if withdrawn:
        return {
            "id": cid,
            "class": "SP800-53-enhancement" if enhancement else "SP800-53",
            "title": f"{words(seed, 4).title()}",
            "props": [*props, {"name": "status", "value": "withdrawn"}],
            "links": [{"href": f"#{base}", "rel": "incorporated-into"}],
        }
    return {
        "id": cid,
        "class": "SP800-53-enhancement" if enhancement else "SP800-53",
        "title": f"{words(seed, 4).title()}",
        "params": [
            {"id": f"{odp}.01", "label": f"organization-defined {words(seed + 1, 3)}"},
            {
                "id": f"{odp}.02",
                "select": {
                    "how-many": "one-or-more",
                    "choice": [
                        words(seed + 2, 2),
                        words(seed + 3, 2),
                        f"{{{{ insert: param, {odp}.03 }}}}",
                    ],
                },
            },
            {
                "id": f"{odp}.03",
                "guidelines": [{"prose": f"the frequency of {words(seed + 4, 3)} is defined;"}],
            },
        ],
        "props": props,
        "links": [{"href": f"#{family.lower()}-1", "rel": "related"}],
        "parts": [
            {
                "id": f"{cid}_smt",
                "name": "statement",
                "parts": [
                    {
                        "id": f"{cid}_smt.a",
                        "name": "item",
                        "props": [{"name": "label", "value": "a."}],
                        "prose": f"Develop {words(seed, 9)} to {{{{ insert: param, {odp}.01 }}}};",
                        "parts": [
                            {
                                "id": f"{cid}_smt.a.{i}",
                                "name": "item",
                                "props": [{"name": "label", "value": f"{i}."}],
                                "prose": f"{words(seed + i, 12).capitalize()};",
                            }
                            for i in (1, 2, 3)
                        ],
                    },
                    {
                        "id": f"{cid}_smt.b",
                        "name": "item",
                        "props": [{"name": "label", "value": "b."}],
                        "prose": f"Review and update {words(seed + 5, 6)} "
                        f"{{{{ insert: param, {odp}.02 }}}}.",
                    },
                ],
            },
            {
                "id": f"{cid}_gdn",
                "name": "guidance",
                "prose": " ".join(words(seed + k, 14).capitalize() + "." for k in range(8)),
            },
        ],
    }


def catalog(total: int) -> dict:
    """~25 % base controls, the rest their enhancements, spread over 20 families."""
    bases = max(1, total // 4)
    per_family = -(-bases // len(FAMILIES))
    made = 0
    groups = []
    for f, family in enumerate(FAMILIES):
        controls = []
        for n in range(1, per_family + 1):
            if made >= total:
                break
            c = control(family, n, 0, f * 100 + n, made % 13 == 5)
            made += 1
            enhancements = []
            for e in range(1, 4):
                if made >= total:
                    break
                # one in about seven withdrawn, as in rev5 (182 of 1 189)
                enhancements.append(control(family, n, e, f * 100 + n * 10 + e, made % 7 == 3))
                made += 1
            if enhancements and "parts" in c:
                c["controls"] = enhancements
            elif enhancements:
                controls.append(c)
                controls.extend(enhancements)
                continue
            controls.append(c)
        groups.append(
            {
                "id": family.lower(),
                "class": "family",
                "title": f"Family {family}",
                "controls": controls,
            }
        )
    return {
        "catalog": {
            "uuid": "00000000-0000-4000-8000-000000000053",
            "metadata": {
                "title": "Synthetic SP 800-53-like catalog: security and privacy controls",
                "version": "5.1.1",
                "oscal-version": "1.1.2",
            },
            "groups": groups,
        }
    }


_PARAM = re.compile(r"\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}")


def floor(path: Path, db: Path) -> int:
    """The raw libraries doing the same work: parse, pull the texts out, one insert each."""
    raw = path.read_bytes()
    data = json.loads(raw)
    rows = []

    def prose(part: dict) -> str:
        text = _PARAM.sub(lambda m: f"[{m.group(1)}]", part.get("prose", ""))
        return "\n".join([text, *(prose(p) for p in part.get("parts", []))])

    def walk(controls: list, group: str) -> None:
        for c in controls:
            parts = {p["name"]: prose(p) for p in c.get("parts", [])}
            rows.append(
                (c["id"], group, c["title"], parts.get("statement", ""), parts.get("guidance", ""))
            )
            walk(c.get("controls", []), group)

    for g in data["catalog"]["groups"]:
        rows.append((g["id"], "", g["title"], "", ""))
        walk(g["controls"], g["id"])
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS library (id TEXT PRIMARY KEY, content TEXT)")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS requirement (id INTEGER PRIMARY KEY, ref TEXT, parent TEXT,"
        " title TEXT, statement TEXT, guidance TEXT)"
    )
    with conn:
        conn.execute("DELETE FROM requirement")
        conn.execute("INSERT OR REPLACE INTO library VALUES (?, ?)", ("x", raw.decode()))
        conn.executemany(
            "INSERT INTO requirement (ref, parent, title, statement, guidance) VALUES (?,?,?,?,?)",
            rows,
        )
    conn.close()
    return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--controls", type=int, default=1200)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="5 runs")
    args = parser.parse_args()
    runs = 5 if args.quick else max(5, args.runs)
    compile_app()
    path = _tmp / "catalog.json"
    path.write_text(json.dumps(catalog(args.controls)))
    done: list[tuple[Any, int]] = []
    floor_rows: list[int] = []
    turn = iter(range(10**6))

    def ours() -> float:
        ws = create_workspace(_tmp / f"ws{next(turn)}.qms", "Benchmark Org", actor="bench")
        try:
            t = time.perf_counter()
            library, count, _ = add_library_file(ws, "bench", path)
            took = time.perf_counter() - t
        finally:
            ws.close()
        done.append((library, count))
        return took

    def raw() -> float:
        t = time.perf_counter()
        floor_rows.append(floor(path, _tmp / f"floor{next(turn)}.db"))
        return time.perf_counter() - t

    a, b = interleaved(ours, raw, runs)
    library, count = done[-1]
    print(
        f"library add, OSCAL catalog of {count} assessable controls "
        f"({len(library.rows)} rows, floor {floor_rows[-1]} rows), "
        f"{path.stat().st_size / 1e6:.1f} MB, {runs} runs"
    )
    row(
        f"library add, OSCAL catalog of {count} controls",
        a,
        b,
        "≤ 3× (and < 2 s)",
        lambda o, f: o <= 3 * f and o < 2,
        note="floor: json.loads + the same texts + sqlite3 executemany, one commit",
    )
    for note in library.notes:
        print(f"  note: {note.text('en')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
