"""Benchmark: the gap checklist at 10², 10³ and 10⁴ requirements, each measurement beside a
floor doing the same work with the raw libraries, in-process against in-process, interleaved.

- create an assessment (`checklist.create_assessment`) — floor: sqlite3 executemany of the
  same item rows into the same file, one transaction;
- import a checklist XLSX with every row changed (`exchange.import_checklist`: read, check,
  write with the audit trail) — floor: openpyxl reading the same file;
- the Compare page, first visit (from `go_to("compare")` to the events processed: rows read,
  tree, table, summary shown) — floor: sqlite3 reading the same columns into a minimal table
  model shown in a QTableView; a revisit — floor: switching a QStackedWidget back to a shown
  table; a search keystroke (set and repainted) — floor: the stock QSortFilterProxyModel
  over a QStandardItemModel of reference, title and guidance, shown the same way;
- one edit stored (`assess_requirement`) — floor: sqlite3 UPDATE + commit.

Workspaces come from tests/benchmarks/fixtures.py (libraries stored as `library add` stores
them); each run works on a fresh copy (the copy is not timed).

    python tests/benchmarks/bench_checklist.py [--sizes 100 1000 10000] [--runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks import fixtures  # noqa: E402
from tests.benchmarks.common import interleaved, ms, row  # noqa: E402

fixtures.use_cached_keys()
TMP = Path(tempfile.mkdtemp(prefix="qms-bench-checklist-"))
LIBRARY_IDS = [f"lib{i}" for i in range(fixtures.LIBRARIES)]


def fresh(source: Path, name: str) -> Path:
    target = TMP / name
    shutil.copyfile(source, target)
    return target


# -- create an assessment ---------------------------------------------------------------


def bench_create(n: int, runs: int) -> None:
    from qms_desktop.services import checklist as cl
    from qms_desktop.storage.workspace import Workspace

    source = fixtures.requirements_workspace(n)

    def ours() -> float:
        path = fresh(source, "create-ours.qms")
        ws = Workspace.open(path)
        try:
            t = time.perf_counter()
            cl.create_assessment(ws, fixtures.ACTOR, "Baseline", dt.date(2026, 1, 1), LIBRARY_IDS)
            return time.perf_counter() - t
        finally:
            ws.close()

    def floor() -> float:
        path = fresh(source, "create-floor.qms")
        conn = sqlite3.connect(path)
        refs = conn.execute(
            "SELECT library_id, ref FROM requirement WHERE is_section = 0"
            " ORDER BY library_id, position"
        ).fetchall()
        t = time.perf_counter()
        with conn:
            conn.execute(
                "INSERT INTO assessment (name, held_on, audit_date, library_ids, notes)"
                " VALUES ('Baseline', '2026-01-01', NULL, ?, '')",
                (" ".join(LIBRARY_IDS),),
            )
            (assessment,) = conn.execute("SELECT max(id) FROM assessment").fetchone()
            conn.executemany(
                "INSERT INTO assessment_item (assessment_id, library_id, ref, status, grade,"
                " na_justification, current_practice, evidence_notes, gap, changed_by,"
                " changed_at) VALUES (?, ?, ?, 'not_assessed', '', '', '', '', '', '', '')",
                [(assessment, lib, ref) for lib, ref in refs],
            )
        elapsed = time.perf_counter() - t
        conn.close()
        return elapsed

    a, b = interleaved(ours, floor, runs)
    row(
        f"create an assessment over {n:,} requirements",
        a,
        b,
        "< 150 ms" if n >= 10_000 else "",
        (lambda o, f: o < 0.150) if n >= 10_000 else None,
        note="floor: sqlite3 executemany, one transaction",
    )


# -- import a checklist with every row changed ---------------------------------------------


def assessed_workspace(n: int) -> Path:
    """A copy of the n-requirement workspace with its assessment (cached for this run)."""
    from qms_desktop.services import checklist as cl
    from qms_desktop.storage.workspace import Workspace

    path = TMP / f"assessed-{n}.qms"
    if not path.exists():
        shutil.copyfile(fixtures.requirements_workspace(n), path)
        with Workspace.open(path) as ws:
            cl.create_assessment(ws, fixtures.ACTOR, "Baseline", dt.date(2026, 1, 1), LIBRARY_IDS)
    return path


def changed_workbook(path: Path) -> Path:
    """The assessment exported to XLSX, then every row's gap and current practice changed
    with openpyxl, as a client filling it in would."""
    import openpyxl

    from qms_desktop.services import exchange
    from qms_desktop.storage.workspace import Workspace

    out = TMP / "checklist.xlsx"
    with Workspace.open(path, read_only=True) as ws:
        exchange.export_checklist(ws, out)
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    header_row = next(r for r in range(1, 10) if any(c.value == "Gap" for c in sheet[r] if c.value))
    columns = {c.value: c.column for c in sheet[header_row] if c.value}
    changed = 0
    for r in range(header_row + 1, sheet.max_row + 1):
        if sheet.cell(r, columns["Gap"]).value is None and not sheet.cell(r, 1).value:
            continue
        sheet.cell(r, columns["Gap"], f"Gap seen on row {r}")
        sheet.cell(r, columns["Current practice"], f"Practice on row {r}")
        changed += 1
    filled = TMP / "checklist-filled.xlsx"
    book.save(filled)
    print(f"  workbook: {changed} rows changed, {filled.stat().st_size / 1e6:.1f} MB")
    return filled


def bench_import(n: int, runs: int) -> None:
    import openpyxl

    from qms_desktop.services import exchange
    from qms_desktop.storage.workspace import Workspace

    source = assessed_workspace(n)
    workbook = changed_workbook(source)
    counts: list[int] = []

    def ours() -> float:
        path = fresh(source, "import-ours.qms")
        ws = Workspace.open(path)
        try:
            t = time.perf_counter()
            report, _ = exchange.import_checklist(ws, fixtures.ACTOR, workbook)
            elapsed = time.perf_counter() - t
            counts.append(len(report.changes))
            return elapsed
        finally:
            ws.close()

    def floor() -> None:
        book = openpyxl.load_workbook(workbook, read_only=True)
        for _ in book.worksheets[0].iter_rows(values_only=True):
            pass
        book.close()

    a, b = interleaved(ours, floor, runs)
    print(f"  rows changed by the import: {counts[-1]}")
    row(
        f"checklist XLSX import, {counts[-1]:,} rows changed",
        a,
        b,
        "≤ 1.5× floor",
        lambda o, f: o <= 1.5 * f,
        note="floor: openpyxl read of the same file",
    )


# -- the Compare page ----------------------------------------------------------------------


def bench_page(n: int, runs: int, quick: bool) -> None:
    from PySide6.QtCore import (
        QAbstractTableModel,
        QModelIndex,
        QSettings,
        QSortFilterProxyModel,
        Qt,
    )
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QTableView

    from qms_desktop.app import build_main_window, ensure_application

    app = ensure_application()
    assert isinstance(app, QApplication)
    source = assessed_workspace(n)
    windows: list[object] = []

    def new_window():  # type: ignore[no-untyped-def]
        window = build_main_window(
            settings=QSettings(str(TMP / "s.ini"), QSettings.Format.IniFormat), lang="en"
        )
        window.resize(1280, 800)
        window.show()
        assert window.open_path(fresh(source, f"page-{len(windows)}.qms"))
        app.processEvents()
        windows.append(window)
        return window

    def first_visit() -> float:
        window = new_window()
        t = time.perf_counter()
        window.go_to("compare")
        app.processEvents()
        elapsed = time.perf_counter() - t
        assert window.compare_page.checklist.model.rowCount() == n
        window.controller.close()
        window.close()
        return elapsed

    class Table(QAbstractTableModel):
        def __init__(self, rows: list[tuple[object, ...]]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def] # noqa: B008
            return len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def] # noqa: B008
            return 8

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.rows[index.row()][index.column()])
            return None

    def floor_first() -> float:
        path = fresh(source, "page-floor.qms")
        t = time.perf_counter()
        conn = sqlite3.connect(path)
        rows = conn.execute(
            "SELECT i.ref, r.title_en, i.status, i.grade, n.owner, n.due, n.priority, i.id,"
            " r.guidance_en, r.title_zh, r.guidance_zh, i.current_practice, i.evidence_notes,"
            " i.gap FROM assessment_item i JOIN requirement r ON r.library_id = i.library_id"
            " AND r.ref = i.ref LEFT JOIN nonconformity n ON n.assessment_item = i.id"
            " ORDER BY r.library_id, r.position"
        ).fetchall()
        conn.close()
        view = QTableView()
        view.setModel(Table(rows))
        view.resize(1280, 800)
        view.show()
        app.processEvents()
        elapsed = time.perf_counter() - t
        view.close()
        return elapsed

    a, b = interleaved(first_visit, floor_first, runs)
    row(
        f"Compare page, {n:,} rows, first visit",
        a,
        b,
        "< 0.2 s",
        lambda o, f: o < 0.2,
        note="floor: sqlite3 + a minimal table model in a QTableView",
    )

    # revisits and keystrokes on one window
    window = new_window()
    window.go_to("compare")
    app.processEvents()
    panel = window.compare_page.checklist

    def revisit() -> float:
        window.go_to("dashboard")
        app.processEvents()
        t = time.perf_counter()
        window.go_to("compare")
        app.processEvents()
        return time.perf_counter() - t

    stack = QStackedWidget()
    other = QLabel("dashboard")
    floor_rows = [(f"S{i}", f"title {i}", "", "", "", "", "", i) for i in range(n)]
    floor_view = QTableView()
    floor_view.setModel(Table(floor_rows))
    stack.addWidget(other)
    stack.addWidget(floor_view)
    stack.resize(1280, 800)
    stack.show()
    app.processEvents()

    def floor_revisit() -> float:
        stack.setCurrentWidget(other)
        app.processEvents()
        t = time.perf_counter()
        stack.setCurrentWidget(floor_view)
        app.processEvents()
        return time.perf_counter() - t

    a, b = interleaved(revisit, floor_revisit, runs * 2)
    row(
        f"Compare page, {n:,} rows, revisit",
        a,
        b,
        "< 50 ms",
        lambda o, f: o < 0.050,
        note="floor: a QStackedWidget switching back to a shown QTableView",
    )

    rows = panel.model.rows()
    model = QStandardItemModel()
    for r in rows:
        model.appendRow(
            [QStandardItem(r.ref), QStandardItem(r.title_en), QStandardItem(r.guidance_en)]
        )
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    stock_view = QTableView()
    stock_view.setModel(proxy)
    stock_view.resize(1280, 600)
    stock_view.show()
    app.processEvents()
    query = "calibration"
    ours_keys: list[float] = []
    floor_keys: list[float] = []
    for _ in range(1 if quick else 3):
        for k in [*range(1, len(query) + 1), *range(len(query) - 1, -1, -1)]:
            t = time.perf_counter()
            proxy.setFilterFixedString(query[:k])
            app.processEvents()
            floor_keys.append(time.perf_counter() - t)
            t = time.perf_counter()
            panel.search.setText(query[:k])
            app.processEvents()
            ours_keys.append(time.perf_counter() - t)
    print(f"  keystrokes: worst ours {ms(max(ours_keys))}, worst floor {ms(max(floor_keys))}")
    row(
        f"Compare page, {n:,} rows, search keystroke",
        ours_keys,
        floor_keys,
        "< 20 ms",
        lambda o, f: max(ours_keys) < 0.020,
        note="floor: stock QSortFilterProxyModel over 3 columns; goal on the worst keystroke",
    )

    # one edit stored
    from qms_desktop.services import checklist as cl

    ws = window.controller.ws()
    ids = [r.item_id for r in rows[:: max(1, len(rows) // 50)]][:50]
    raw_path = fresh(source, "edit-floor.qms")
    raw = sqlite3.connect(raw_path)
    raw.execute("PRAGMA journal_mode=DELETE")
    raw.execute("PRAGMA synchronous=FULL")
    edits_ours: list[float] = []
    edits_floor: list[float] = []
    for k, item_id in enumerate(ids):
        t = time.perf_counter()
        raw.execute(
            "UPDATE assessment_item SET status = 'partial', gap = ? WHERE id = ?",
            (
                f"gap {k}",
                item_id,
            ),
        )
        raw.commit()
        edits_floor.append(time.perf_counter() - t)
        t = time.perf_counter()
        cl.assess_requirement(ws, fixtures.ACTOR, item_id, status="partial", gap=f"gap {k}")
        edits_ours.append(time.perf_counter() - t)
    raw.close()
    row(
        "one checklist edit stored (with its signed audit entries)",
        edits_ours,
        edits_floor,
        "< 10 ms",
        lambda o, f: o < 0.010,
        note="floor: sqlite3 UPDATE + commit",
    )
    window.controller.close()
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=list(fixtures.REQUIREMENT_SIZES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    try:
        for n in args.sizes:
            bench_create(n, runs)
        largest = max(args.sizes)
        bench_import(largest, runs)
        bench_page(largest, runs, args.quick)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown at interpreter exit


if __name__ == "__main__":
    sys.exit(main())
