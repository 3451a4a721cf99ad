"""Benchmark: Operate, the customer's voice (issue 10), each beside the raw library doing the
least the same job needs, interleaved in one run.

- survey responses imported and scored: 20 000 responses (2 000 respondents x 10 items) from
  XLSX (`operate.import_survey_responses`: read, every cell checked, written in one
  transaction with an audit entry each; then `operate.survey_scores`) — floor: openpyxl
  read-only load of the same file, every value read. Goal < 1 s. The split of ours is
  printed: reading the file, checking, writing the rows, the audit entries (hashing and
  signing), the commit, scoring;
- the Operate page shown with ten years of monthly records (complaints, recovery cases,
  claims, results of objectives and standards, customers per month, two survey waves a
  year): the main window goes to the page and paints it, then each of its tabs — floor: raw
  SQL (sqlite3) reading every row of the tables the page shows. Goal < 0.3 s.

    python tests/benchmarks/bench_operate.py [--responses 20000] [--runs 5] [--quick]
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks import fixtures  # noqa: E402
from tests.benchmarks.common import interleaved, ms, row  # noqa: E402

fixtures.use_cached_keys()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TMP = Path(tempfile.mkdtemp(prefix="qms-bench-operate-"))
ACTOR = fixtures.ACTOR
DIMS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
CODES = {"tangibles": "T", "reliability": "RL", "responsiveness": "RS", "assurance": "A",
         "empathy": "E"}  # fmt: skip


def empty_workspace() -> Path:
    from qms_desktop.services.workspaces import create_workspace

    path = TMP / "empty.qms"
    create_workspace(path, "Bench hotel", lang="en", actor=ACTOR).close()
    return path


def _add(ws: Any, key: str, rows: list[dict[str, object]]) -> list[int]:
    from qms_desktop.services.operate import add_records

    return [r.id for r in add_records(ws, ACTOR, key, rows)[0]]


def _survey(ws: Any, title: str, starts: dt.date) -> tuple[int, list[int]]:
    [sid] = _add(ws, "survey", [{"title": title, "starts_on": starts, "scale": "7",
                                 "asks": "expectation_perception", "weight_tangibles": 10,
                                 "weight_reliability": 30, "weight_responsiveness": 25,
                                 "weight_assurance": 20, "weight_empathy": 15}])  # fmt: skip
    items = _add(ws, "survey_item", [
        {"survey": sid, "code": f"{CODES[d]}{k + 1}", "statement": f"{d} {k + 1}", "dimension": d}
        for d in DIMS for k in range(2)
    ])  # fmt: skip
    return sid, items


# -- import and score ---------------------------------------------------------------------


def response_file(n: int) -> Path:
    from openpyxl import Workbook

    book = Workbook()  # not write-only: the sheet says its size, as Excel's and Calc's do
    sheet = book.active
    sheet.title = "Responses"
    sheet.append(["Respondent", "Item", "Expectation", "Perception", "Date"])
    codes = [f"{CODES[d]}{k + 1}" for d in DIMS for k in range(2)]
    day = dt.date(2026, 3, 1)
    for i in range(n):
        person, item = divmod(i, len(codes))
        sheet.append([f"R{person + 1:05d}", codes[item], 4 + i % 4, 1 + (i * 7) % 7,
                      day + dt.timedelta(days=person % 28)])  # fmt: skip
    path = TMP / f"responses-{n}.xlsx"
    book.save(path)
    return path


class Split:
    """Time spent in named functions, patched in place for one run (the rest: checking)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                self.spent[label] = self.spent.get(label, 0.0) + time.perf_counter() - t

        setattr(owner, name, timed)
        self._undo.append(lambda: setattr(owner, name, original))

    def restore(self) -> None:
        for undo in reversed(self._undo):
            undo()


def bench_import(base: Path, n: int, runs: int) -> None:
    import openpyxl

    from qms_desktop.services import exchange, operate
    from qms_desktop.storage import audit, signing
    from qms_desktop.storage.workspace import Workspace

    source = TMP / "survey.qms"
    shutil.copyfile(base, source)
    with Workspace.open(source) as ws:
        sid, _ = _survey(ws, "Guests", dt.date(2026, 3, 1))
    workbook = response_file(n)
    splits: list[dict[str, float]] = []

    def ours(split: Split | None = None) -> float:
        target = TMP / "import.qms"
        shutil.copyfile(source, target)
        ws = Workspace.open(target)
        try:
            t = time.perf_counter()
            done, _ = operate.import_survey_responses(ws, ACTOR, sid, workbook)
            imported = time.perf_counter()
            report = operate.survey_scores(ws, sid)
            elapsed = time.perf_counter() - t
            assert len(done.ids) == n and report.scores.respondents == n // 10
            if split is not None:
                split.spent["scoring"] = elapsed - (imported - t)
                split.spent["total"] = elapsed
            return elapsed
        finally:
            ws.close()

    def floor() -> None:
        book = openpyxl.load_workbook(workbook, read_only=True)
        for _ in book.worksheets[0].iter_rows(values_only=True):
            pass
        book.close()

    a, b = interleaved(ours, floor, runs)
    row(
        f"survey responses imported and scored, {n:,} responses (XLSX)",
        a,
        b,
        "< 1 s",
        lambda o, f: o < 1.0,
        note="floor: openpyxl read-only load of the same file, every value read",
    )
    for _ in range(3):  # where the time goes (the patched functions add a little)
        split = Split()
        split.wrap(exchange, "read_table", "reading the file")
        split.wrap(audit, "insert_audited", "writing rows + audit entries")
        split.wrap(audit, "write_entries", "audit entries (hash, sign, insert)")
        split.wrap(signing.Signer, "sign", "signing the entries")
        try:
            ours(split)
        finally:
            split.restore()
        splits.append(split.spent)
    best = min(splits, key=lambda s: s["total"])
    shown = dict(best)
    rows_only = shown["writing rows + audit entries"] - shown["audit entries (hash, sign, insert)"]
    checked = (
        shown["total"] - shown["reading the file"] - shown["writing rows + audit entries"]
        - shown["scoring"]
    )  # fmt: skip
    print(
        "  split (best of 3): "
        + ", ".join(
            f"{k} {ms(v)}"
            for k, v in (
                ("reading the file", shown["reading the file"]),
                ("checking every cell, commit", checked),
                ("inserting the rows", rows_only),
                ("audit entries", shown["audit entries (hash, sign, insert)"]),
                ("of which signing", shown.get("signing the entries", 0.0)),
                ("scoring", shown["scoring"]),
                ("total", shown["total"]),
            )
        )
    )


# -- the page with ten years of monthly records ----------------------------------------------


def ten_years(base: Path) -> Path:
    from qms_desktop.services.registers import add_record
    from qms_desktop.storage.workspace import Workspace

    path = TMP / "ten-years.qms"
    shutil.copyfile(base, path)
    today = dt.date.today()
    months = [_months_back(today, m) for m in range(120, 0, -1)]
    with Workspace.open(path) as ws:
        _add(ws, "person", [{"name": f"Person {i}", "role": "Duty manager"}
                                     for i in range(5)])  # fmt: skip
        moments = _add(ws, "moment_of_truth", [{"moment": f"Moment {i}", "standard": "On time",
                                                "owner": f"Person {i}"} for i in range(4)])  # fmt: skip
        items = _add(ws, "service_item", [{"service": "Rooms", "item": f"Item {i}"}
                                          for i in range(4)])  # fmt: skip
        objectives = _add(ws, "objective", [
            {"objective": f"Objective {i}", "metric": "share", "target": 90.0, "unit": "%",
             "frequency": "monthly"} for i in range(5)])  # fmt: skip
        standards = _add(ws, "satisfaction_standard", [
            {"dimension": d, "standard": f"Standard {d}", "metric": "share", "target": "≥ 85%"}
            for d in DIMS])  # fmt: skip
        channels = _add(ws, "feedback_channel", [{"name": f"Channel {i}", "kind": "survey"}
                                                 for i in range(5)])  # fmt: skip
        complaints = _add(ws, "complaint", [
            {"received_on": m + dt.timedelta(days=3 * k), "channel": channels[k],
             "site": f"Site {k % 3}", "moment": moments[k % 4], "service_item": items[k % 4],
             "dimension": DIMS[k], "description": f"Complaint {n} of {m:%Y-%m}",
             "severity": "angered" if k == 0 else "disappointed", "status": "closed"}
            for n, m in enumerate(months) for k in range(5)])  # fmt: skip
        _add(ws, "recovery", [{"complaint": c, "apology_on": months[n // 5],
                               "reinstatement": "Put right"} for n, c in enumerate(complaints)])  # fmt: skip
        _add(ws, "commitment_claim", [{"complaint": c, "claimed_on": months[n * 10 // 5],
                                       "payout": 100.0} for n, c in enumerate(complaints[::10])])  # fmt: skip
        _add(ws, "result", [{"objective": o, "period": m, "value": 88.0 + n % 5}
                            for n, m in enumerate(months) for o in objectives]
                           + [{"standard": s, "period": m, "value": 80.0 + n % 9}
                              for n, m in enumerate(months) for s in standards])  # fmt: skip
        _add(ws, "customer_period", [{"period": m, "customers": 2000.0, "repeat_customers": 1600.0,
                                      "services": 6000.0, "keep_cost": 120.0} for m in months])  # fmt: skip
        for wave in range(20):  # two waves a year, 400 respondents each
            sid, ids = _survey(ws, f"Wave {wave + 1}", months[wave * 6])
            _add(ws, "survey_response", [
                {"survey": sid, "respondent": f"R{p}", "item": i, "expectation": 6.0,
                 "perception": float(1 + (p + i) % 7)} for p in range(400) for i in ids])  # fmt: skip
        add_record(ws, ACTOR, "lesson", {"source": "complaint", "what_happened": "x",
                                         "lesson": "y", "complaint": complaints[0]})  # fmt: skip
    return path


OPERATE_TABLES = ("complaint", "recovery", "commitment_claim", "survey", "survey_item",
                  "survey_response", "result", "customer_period", "feedback_channel",
                  "objective", "satisfaction_standard", "moment_of_truth", "service_item",
                  "person")  # fmt: skip


def bench_page(path: Path, runs: int) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from qms_desktop.app import build_main_window
    from qms_desktop.domain.steps import Step

    app = QApplication.instance() or QApplication([])
    window = build_main_window(
        settings=QSettings(str(TMP / "settings.ini"), QSettings.Format.IniFormat), lang="en"
    )
    window.resize(1280, 720)
    window.show()
    assert window.open_path(path)
    app.processEvents()

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    def shown() -> None:
        window.go_to("dashboard")
        settle()
        t = time.perf_counter()
        window.go_to(Step.OPERATE.value)
        settle()
        timings.append(time.perf_counter() - t)

    timings: list[float] = []

    def ours() -> float:
        shown()
        return timings[-1]

    def floor() -> None:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for table in OPERATE_TABLES:
                conn.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
        finally:
            conn.close()

    ours()  # the page built once, as the user has it after the first visit
    a, b = interleaved(ours, floor, runs)
    counts = _counts(path)
    row(
        "Operate page shown, ten years of monthly records "
        f"({counts['complaint']:,} complaints, {counts['result']:,} results, "
        f"{counts['survey_response']:,} survey answers)",
        a,
        b,
        "< 0.3 s",
        lambda o, f: o < 0.3,
        note="floor: sqlite3 reading every row of the tables the page shows",
    )
    page = window.step_pages[Step.OPERATE]
    for index in range(page.tabs.count()):
        inner = getattr(page.tabs.widget(index), "inner", None)
        for part in range(inner.count()) if inner is not None else (None,):
            page.show_tab(1 if index == 0 else 0)  # from another tab
            settle()
            t = time.perf_counter()
            page.show_tab(index)
            if inner is not None:
                inner.setCurrentIndex(part)
            settle()
            name = page.tabs.tabText(index)
            if inner is not None and part is not None:
                name += " / " + inner.tabText(part)
            print(f"  tab shown: {name}: {ms(time.perf_counter() - t)}")
    window.controller.close()
    window.close()


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]  # noqa: S608
                for t in OPERATE_TABLES}  # fmt: skip
    finally:
        conn.close()


def _months_back(today: dt.date, months: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    try:
        base = empty_workspace()
        bench_import(base, args.responses, runs)
        t = time.perf_counter()
        years = ten_years(base)
        print(f"  (ten years of records built in {time.perf_counter() - t:.1f} s)")
        bench_page(years, runs)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
