"""Benchmark: the Compare page on a workspace with 10 000 requirements.

Measures, in one run: creating the assessment, showing the page, each filter keystroke,
each stored edit, peak memory, and the checklist exchange (export to XLSX/CSV, import back) — each beside a raw floor measured here too (plain sqlite3
UPDATE for an edit; a QStandardItemModel + stock QSortFilterProxyModel for filtering).

    python tests/benchmarks/bench_checklist.py [--requirements 10000]
Goals: page shown < 0.5 s, filter keystroke < 50 ms, edit stored < 10 ms.
The exchange figures have no goal; compare them before and after a change to exchange.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
_tmp = Path(tempfile.mkdtemp(prefix="qms-bench-"))
os.environ["QMS_DESKTOP_DATA"] = str(_tmp / "data")
os.environ["QMS_DESKTOP_SETTINGS"] = str(_tmp / "settings.ini")

from qms_desktop.domain.assessment import Status  # noqa: E402
from qms_desktop.domain.requirements import LibraryCopy, LibraryRow  # noqa: E402
from qms_desktop.services import checklist as cl  # noqa: E402
from qms_desktop.services.libraries import store_library  # noqa: E402
from qms_desktop.services.workspaces import create_workspace  # noqa: E402

WORDS = (
    "customer complaint record review supplier service delivery training inspection calibration "
    "hygiene reservation housekeeping kitchen audit objective risk opportunity monitoring"
).split()


def library(index: int, n: int) -> LibraryCopy:
    rows: list[LibraryRow] = []
    per_section = 50
    for s in range(n // per_section):
        sec = f"S{s + 1}"
        rows.append(LibraryRow(sec, "", 0, True, f"Section {s + 1}", f"第{s + 1}节"))
        for r in range(per_section):
            words = " ".join(WORDS[(s * 7 + r * 3 + k) % len(WORDS)] for k in range(12))
            rows.append(
                LibraryRow(
                    f"{sec}.{r + 1}",
                    sec,
                    1,
                    False,
                    f"Requirement {s + 1}.{r + 1} {words[:40]}",
                    f"要求 {s + 1}.{r + 1}",
                    f"Look for {words}.",
                    f"查看{words}。",
                )
            )
    return LibraryCopy(f"lib{index}", f"Large library {index}", "", "1", "yaml", "", tuple(rows))


def timed(fn, *args, **kw) -> float:
    t = time.perf_counter()
    fn(*args, **kw)
    return time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requirements", type=int, default=10_000)
    args = parser.parse_args()
    n_libs = 4
    per_lib = args.requirements // n_libs
    path = _tmp / "big.qms"
    ws = create_workspace(path, "Benchmark Org", actor="bench")
    t_store = timed(
        lambda: [store_library(ws, "bench", library(i, per_lib)) for i in range(n_libs)]
    )
    t0 = time.perf_counter()
    info, _ = cl.create_assessment(
        ws, "bench", "Baseline", dt.date.today(), [f"lib{i}" for i in range(n_libs)]
    )
    t_assessment = time.perf_counter() - t0
    rows = cl.checklist_rows(ws, info.id)
    print(
        f"workspace: {len(rows)} requirements in {n_libs} libraries; libraries stored in {t_store:.2f} s, "
        f"assessment created in {t_assessment:.2f} s; file {path.stat().st_size / 1e6:.1f} MB"
    )

    # -- edits: service vs raw sqlite3 UPDATE ------------------------------------------
    ids = [r.item_id for r in rows[:: max(1, len(rows) // 200)]][:200]
    ours = [
        timed(cl.assess_requirement, ws, "bench", i, status="partial", gap="gap text") for i in ids
    ]
    raw_conn = sqlite3.connect(_tmp / "raw.db")
    raw_conn.execute("PRAGMA journal_mode=DELETE")
    raw_conn.execute("PRAGMA synchronous=FULL")
    raw_conn.execute("CREATE TABLE item(id INTEGER PRIMARY KEY, status TEXT, gap TEXT)")
    raw_conn.executemany(
        "INSERT INTO item VALUES (?, 'not_assessed', '')", [(i,) for i in range(len(rows))]
    )
    raw_conn.commit()

    def raw_edit(i: int) -> None:
        raw_conn.execute("UPDATE item SET status='partial', gap='gap text' WHERE id=?", (i,))
        raw_conn.commit()

    raw = [timed(raw_edit, i) for i in range(200)]
    e_ours, e_raw = statistics.median(ours), statistics.median(raw)
    print(
        f"edit stored: median {e_ours * 1000:.2f} ms (p95 {sorted(ours)[int(len(ours) * 0.95)] * 1000:.2f} ms); "
        f"raw sqlite3 UPDATE+commit {e_raw * 1000:.2f} ms; ratio {e_ours / e_raw:.1f}  [goal < 10 ms]"
    )

    # -- the page ------------------------------------------------------------------------
    from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication

    from qms_desktop.app import build_main_window

    window = build_main_window(
        settings=QSettings(str(_tmp / "s.ini"), QSettings.Format.IniFormat), lang="en"
    )
    window.resize(1280, 800)
    window.show()
    window.controller.adopt(ws)  # the workspace is already open in this process
    app = QApplication.instance()
    t0 = time.perf_counter()
    window.go_to("compare")
    app.processEvents()
    t_page = time.perf_counter() - t0
    panel = window.compare_page.checklist
    print(
        f"Compare page shown: {t_page * 1000:.0f} ms for {panel.model.rowCount()} rows  [goal < 500 ms]"
    )

    query = "calibration"
    ours_f = []
    for k in range(1, len(query) + 1):
        t = time.perf_counter()
        panel.search.setText(query[:k])
        app.processEvents()
        ours_f.append(time.perf_counter() - t)
    panel.search.clear()

    floor_model = QStandardItemModel()
    for r in rows:
        floor_model.appendRow(
            [QStandardItem(r.ref), QStandardItem(r.title_en), QStandardItem(r.guidance_en)]
        )
    floor_proxy = QSortFilterProxyModel()
    floor_proxy.setSourceModel(floor_model)
    floor_proxy.setFilterKeyColumn(-1)
    floor_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    floor_f = []
    for k in range(1, len(query) + 1):
        floor_f.append(timed(floor_proxy.setFilterFixedString, query[:k]))
    f_ours, f_floor = max(ours_f), max(floor_f)
    print(
        f"filter keystroke: worst {f_ours * 1000:.1f} ms, median {statistics.median(ours_f) * 1000:.1f} ms; "
        f"stock QSortFilterProxyModel over 3 columns worst {f_floor * 1000:.1f} ms; ratio {f_ours / f_floor:.2f}  "
        "[goal < 50 ms]"
    )

    # -- an edit through the page (keyboard status) -------------------------------------
    panel.table.setFocus()
    panel.table.selectRow(10)
    t = time.perf_counter()
    panel.set_status_of_selection(Status.CONFORMING)
    app.processEvents()
    print(
        f"status set from the keyboard, stored and shown: {(time.perf_counter() - t) * 1000:.1f} ms"
    )

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MB")
    window.close()
    exchange_round_trip(ws, info.id)
    return 0


def exchange_round_trip(ws, assessment_id: int) -> None:
    """Export the whole checklist and plan its import back (nothing changes), per format."""
    from qms_desktop.services import exchange

    for suffix in (".xlsx", ".csv"):
        out = _tmp / f"checklist{suffix}"
        t_export = timed(exchange.export_checklist, ws, out, assessment_id=assessment_id)
        t0 = time.perf_counter()
        report = exchange.plan_import(ws, out, assessment_id=assessment_id)
        t_import = time.perf_counter() - t0
        print(
            f"exchange {suffix}: export {t_export:.2f} s, import (plan) {t_import:.2f} s "
            f"({report.unchanged} rows unchanged); file {out.stat().st_size / 1e6:.1f} MB"
        )
        precheck = getattr(exchange, "check_workbook_archive", None)
        if suffix == ".xlsx" and precheck is not None:
            print(f"  of which the zip pre-check: {timed(precheck, out) * 1000:.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS) after the exchange: {peak:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
