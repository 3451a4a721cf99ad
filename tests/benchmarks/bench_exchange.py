"""Benchmark: a 10 000-row checklist XLSX out and back (issue 13), each beside plain openpyxl
doing the same with the same cells, interleaved in one run.

- export (`exchange.export_checklist`: rows read from the workspace, words in the user's
  language, guard, styles, drop-downs, summary sheet) — floor: an openpyxl write-only
  workbook of the same cell values (the rows already in memory), saved;
- import with every row changed (`exchange.import_checklist`: zip and XML counted, read,
  every value checked, written in one transaction with its audit entries) — floor: openpyxl
  read-only load of the same file, every value read;
- the import's reading and checking alone (`exchange.plan_import`), against the same floor.

    python tests/benchmarks/bench_exchange.py [--rows 10000] [--runs 5]
Goal: ours <= 1.5 x floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks import fixtures  # noqa: E402
from tests.benchmarks.common import interleaved, row  # noqa: E402

fixtures.use_cached_keys()
TMP = Path(tempfile.mkdtemp(prefix="qms-bench-exchange-"))
LIBRARY_IDS = [f"lib{i}" for i in range(fixtures.LIBRARIES)]


def assessed(n: int) -> Path:
    from qms_desktop.services import checklist as cl
    from qms_desktop.storage.workspace import Workspace

    path = TMP / f"assessed-{n}.qms"
    shutil.copyfile(fixtures.requirements_workspace(n), path)
    with Workspace.open(path) as ws:
        info, _ = cl.create_assessment(
            ws, fixtures.ACTOR, "Baseline", dt.date(2026, 1, 1), LIBRARY_IDS
        )
        rows = cl.checklist_rows(ws, info.id)
        cl.apply_assessments(  # a third assessed, with findings and due dates
            ws,
            fixtures.ACTOR,
            [
                (
                    r.item_id,
                    {
                        "status": "partial",
                        "grade": "minor",
                        "gap": f"Gap {i}",
                        "action_due": dt.date(2026, 12, 1),
                    },
                )
                for i, r in enumerate(rows)
                if i % 3 == 0
            ],
        )
    return path


def bench_export(source: Path, runs: int) -> Path:
    from openpyxl import Workbook

    from qms_desktop.services import exchange
    from qms_desktop.services.checklist import checklist_rows, list_assessments
    from qms_desktop.storage.workspace import Workspace

    ws = Workspace.open(source, read_only=True)
    out = TMP / "ours.xlsx"
    try:
        assessment = list_assessments(ws)[-1].id
        rows = checklist_rows(ws, assessment)
        cells = [
            exchange._cells(r, "en")  # noqa: SLF001
            for r in rows
        ]
        header = [exchange.words.header(f, "en") for f in exchange.words.FIELDS]

        def ours() -> None:
            exchange.export_checklist(ws, out, lang="en")

        def floor() -> None:
            book = Workbook(write_only=True)
            sheet = book.create_sheet("Checklist")
            sheet.append(header)
            for values in cells:
                sheet.append(values)
            book.save(TMP / "floor.xlsx")

        a, b = interleaved(ours, floor, runs)
    finally:
        ws.close()
    row(
        f"checklist XLSX export, {len(rows):,} rows",
        a,
        b,
        "≤ 1.5× floor",
        lambda o, f: o <= 1.5 * f,
        note="floor: openpyxl write-only workbook of the same cells, saved",
    )
    return out


def filled(exported: Path) -> Path:
    """The export with every row's gap and current practice changed, as a client would."""
    import openpyxl

    book = openpyxl.load_workbook(exported)
    sheet = book["Checklist"]
    header = [c.value for c in sheet[1]]
    gap, practice = header.index("Gap") + 1, header.index("Current practice") + 1
    for r in range(2, sheet.max_row + 1):
        sheet.cell(r, gap, f"Gap seen on row {r}")
        sheet.cell(r, practice, f"Practice on row {r}")
    out = TMP / "filled.xlsx"
    book.save(out)
    return out


def bench_import(source: Path, workbook: Path, runs: int) -> None:
    import openpyxl

    from qms_desktop.services import exchange
    from qms_desktop.storage.workspace import Workspace

    counts: list[int] = []

    def ours() -> float:
        target = TMP / "import.qms"
        shutil.copyfile(source, target)
        ws = Workspace.open(target)
        try:
            t = time.perf_counter()
            report, _ = exchange.import_checklist(ws, fixtures.ACTOR, workbook)
            elapsed = time.perf_counter() - t
            counts.append(len(report.changes))
            return elapsed
        finally:
            ws.close()

    def plan() -> None:
        with Workspace.open(source, read_only=True) as ws:
            exchange.plan_import(ws, workbook)

    def floor() -> None:
        book = openpyxl.load_workbook(workbook, read_only=True)
        for _ in book.worksheets[0].iter_rows(values_only=True):
            pass
        book.close()

    a, b = interleaved(ours, floor, runs)
    row(
        f"checklist XLSX import, {counts[-1]:,} rows changed (read, check, write)",
        a,
        b,
        "≤ 1.5× floor",
        lambda o, f: o <= 1.5 * f,
        note="floor: openpyxl read-only load of the same file, every value read",
    )
    a, b = interleaved(plan, floor, runs)
    row(
        "checklist XLSX import: reading and checking alone (plan_import)",
        a,
        b,
        "",
        None,
        note="floor: openpyxl read-only load of the same file, every value read",
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    try:
        source = assessed(args.rows)
        exported = bench_export(source, args.runs)
        bench_import(source, filled(exported), args.runs)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
