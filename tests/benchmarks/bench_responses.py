"""Benchmark: survey answers in bulk (issue 10), each beside the raw library doing the least the
same job needs, interleaved in one run.

- the Responses tab with 80 000 answers (20 surveys x 400 respondents x 10 items): shown
  from another tab, narrowed to one respondent, turned to another survey — floor: sqlite3
  reading every answer of the workspace (what a table of them all must read at least);
- undo of a 20 000-answer import (`operate.undo_response_import`: the rows deleted with a
  "delete" audit entry each, one transaction) — floor: sqlite3 deleting the same rows by id
  in one transaction.

    python tests/benchmarks/bench_responses.py [--runs 5]
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

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks import fixtures  # noqa: E402
from tests.benchmarks.bench_operate import DIMS, _add, _survey, empty_workspace  # noqa: E402
from tests.benchmarks.common import interleaved, row  # noqa: E402

fixtures.use_cached_keys()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TMP = Path(tempfile.mkdtemp(prefix="qms-bench-responses-"))
ACTOR = fixtures.ACTOR


def answers_workspace(base: Path, surveys: int = 20, respondents: int = 400) -> Path:
    from qms_desktop.storage.workspace import Workspace

    path = TMP / "answers.qms"
    shutil.copyfile(base, path)
    with Workspace.open(path) as ws:
        for wave in range(surveys):
            sid, ids = _survey(ws, f"Wave {wave + 1}", dt.date(2016 + wave // 2, 3, 1))
            _add(ws, "survey_response", [
                {"survey": sid, "respondent": f"R{p:04d}", "item": i, "expectation": 6.0,
                 "perception": float(1 + (p + i) % 7)} for p in range(respondents) for i in ids])  # fmt: skip
    return path


def floor_all_answers(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute('SELECT * FROM "survey_response"').fetchall()
    finally:
        conn.close()


def bench_tab(path: Path, runs: int) -> None:
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
    window.go_to(Step.OPERATE.value)
    page = window.step_pages[Step.OPERATE]
    surveys_tab = next(
        i for i in range(page.tabs.count()) if hasattr(page.tabs.widget(i), "responses")
    )
    group = page.tabs.widget(surveys_tab)
    panel = group.responses

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    def shown() -> float:
        group.inner.setCurrentIndex(0)
        settle()
        panel.register_panel.model.set_rows([], {})  # read again, as after a change
        panel._stale = True  # noqa: SLF001
        t = time.perf_counter()
        group.inner.setCurrentIndex(group.inner.indexOf(panel))
        settle()
        return time.perf_counter() - t

    page.show_tab(surveys_tab)
    settle()
    shown()
    a, b = interleaved(shown, lambda: floor_all_answers(path), runs)
    row("Responses tab shown, 80 000 answers", a, b, "< 0.3 s", lambda o, f: o < 0.3,
        note="floor: sqlite3 reading every answer")  # fmt: skip

    paged = hasattr(panel, "respondent")
    names = iter(f"R{n:04d}" for n in range(10_000))

    def narrowed() -> float:
        who = next(names)[:4]  # "R012": ten respondents
        t = time.perf_counter()
        if paged:
            panel.respondent.setText(who)
            panel.apply_filter()
        else:
            panel.register_panel.search.setText(who)
        settle()
        elapsed = time.perf_counter() - t
        if paged:
            panel.respondent.setText("")
            panel.apply_filter()
        else:
            panel.register_panel.search.setText("")
        settle()
        return elapsed

    a, b = interleaved(narrowed, lambda: floor_all_answers(path), runs)
    row("Responses narrowed to respondents (typed filter applied)", a, b, "< 0.1 s",
        lambda o, f: o < 0.1, note="floor: sqlite3 reading every answer")  # fmt: skip
    shown_rows = panel.register_panel.proxy.rowCount()
    print(f"  rows in the table after clearing the filter: {shown_rows:,}")
    if paged:

        def turned() -> float:
            t = time.perf_counter()
            panel.survey.setCurrentIndex((panel.survey.currentIndex() + 1) % panel.survey.count())
            settle()
            return time.perf_counter() - t

        a, b = interleaved(turned, lambda: floor_all_answers(path), runs)
        row("Responses turned to another survey", a, b, "< 0.1 s", lambda o, f: o < 0.1,
            note="floor: sqlite3 reading every answer")  # fmt: skip
    window.controller.close()
    window.close()


def bench_undo(base: Path, runs: int, n: int = 20_000) -> None:
    from qms_desktop.services import operate
    from qms_desktop.storage.workspace import Workspace
    from tests.benchmarks.bench_operate import response_file

    source = TMP / "undo.qms"
    shutil.copyfile(base, source)
    with Workspace.open(source) as ws:
        sid, _ = _survey(ws, "Guests", dt.date(2026, 3, 1))
        done, _ = operate.import_survey_responses(ws, ACTOR, sid, response_file(n))
    ids = done.ids
    assert len(ids) == n and len(DIMS) == 5

    def ours() -> float:
        target = TMP / "undo-run.qms"
        shutil.copyfile(source, target)
        ws = Workspace.open(target)
        try:
            t = time.perf_counter()
            operate.undo_response_import(ws, ACTOR, done)
            return time.perf_counter() - t
        finally:
            ws.close()

    def floor() -> float:
        target = TMP / "undo-floor.qms"
        shutil.copyfile(source, target)
        conn = sqlite3.connect(target)
        try:
            t = time.perf_counter()
            conn.executemany('DELETE FROM "survey_response" WHERE id = ?', [(i,) for i in ids])
            conn.commit()
            return time.perf_counter() - t
        finally:
            conn.close()

    a, b = interleaved(ours, floor, runs)
    row(f"undo of a {n:,}-answer import (rows and their audit entries)", a, b, "< 0.3 s",
        lambda o, f: o < 0.3, note="floor: sqlite3 deleting the same rows by id")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=("tab", "undo"), default=None)
    args = parser.parse_args()
    try:
        base = empty_workspace()
        if args.only in (None, "undo"):
            bench_undo(base, args.runs)
        if args.only in (None, "tab"):
            t = time.perf_counter()
            path = answers_workspace(base)
            print(f"  (80 000 answers built in {time.perf_counter() - t:.1f} s)")
            bench_tab(path, args.runs)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
