"""Benchmark: the one edit path on a 10 000-requirement checklist, as the user waits for it.

Times, from the page's own entry point (the status key handler), a status key pressed on
1 000 selected rows — stored (one transaction, audit entries included), the table and
summary updated, the undo step recorded — and a single status edit the same way. The
floor, measured in the same run on a copy of the same workspace file: a raw SQLAlchemy
Core UPDATE of the same rows in one transaction (no audit trail, no screen).

    python tests/benchmarks/bench_edit_path.py [--requirements 10000] [--rows 1000]
Goals: 1 000 rows < 150 ms; one status edit < 10 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
_tmp = Path(tempfile.mkdtemp(prefix="qms-bench-edit-"))
os.environ["QMS_DESKTOP_DATA"] = str(_tmp / "data")
os.environ["QMS_DESKTOP_SETTINGS"] = str(_tmp / "settings.ini")

from PySide6.QtCore import QItemSelectionModel, QSettings  # noqa: E402
from sqlalchemy import create_engine, update  # noqa: E402

from qms_desktop.app import build_main_window  # noqa: E402
from qms_desktop.domain.assessment import Status  # noqa: E402
from qms_desktop.services import checklist as cl  # noqa: E402
from qms_desktop.storage.models import AssessmentItemRecord  # noqa: E402
from qms_desktop.storage.workspace import Workspace  # noqa: E402
from tests.benchmarks import fixtures  # noqa: E402
from tests.benchmarks.common import row  # noqa: E402


def build(path: Path, n: int) -> int:
    """The fixture workspace of `n` requirements (libraries stored as `library add` stores
    them) with an assessment over them."""
    shutil.copyfile(fixtures.requirements_workspace(n), path)
    ws = Workspace.open(path)
    info, _ = cl.create_assessment(
        ws, "bench", "Baseline", dt.date.today(), [f"lib{i}" for i in range(4)]
    )
    ws.close()
    return info.id


def select_rows(panel, rows: range) -> None:  # noqa: ANN001
    sel = panel.table.selectionModel()
    sel.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    top, bottom = panel.proxy.index(rows.start, 0), panel.proxy.index(rows.stop - 1, 0)
    from PySide6.QtCore import QItemSelection

    sel.select(QItemSelection(top, bottom), flags)
    sel.setCurrentIndex(top, QItemSelectionModel.SelectionFlag.NoUpdate)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requirements", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    path = _tmp / "big.qms"
    assessment_id = build(path, args.requirements)
    floor_path = _tmp / "floor.qms"
    shutil.copyfile(path, floor_path)

    window = build_main_window(
        settings=QSettings(str(_tmp / "s.ini"), QSettings.Format.IniFormat), lang="en"
    )
    window.show()
    assert window.open_path(path)
    window.go_to("compare")
    panel = window.compare_page.checklist
    total = panel.model.rowCount()
    statuses = [Status.CONFORMING, Status.NONCONFORMING]

    bulk: list[float] = []
    profile = os.environ.get("BENCH_PROFILE")
    for k in range(args.repeat):
        select_rows(panel, range(k * 7, k * 7 + args.rows))
        if profile and k == int(os.environ.get("BENCH_PROFILE_RUN", "1")):
            import cProfile

            cProfile.runctx(
                "panel.set_status_of_selection(statuses[k % 2])", globals(), locals(), profile
            )
            continue
        t = time.perf_counter()
        panel.set_status_of_selection(statuses[k % 2])  # what the 0-4 keys call
        bulk.append(time.perf_counter() - t)
    shown = panel.model.rows()[k * 7 + args.rows - 1].item.status
    assert shown is statuses[(args.repeat - 1) % 2], shown

    single: list[float] = []
    for k in range(args.repeat * 5):
        select_rows(panel, range(2000 + k, 2001 + k))
        if profile and k == 3:
            import cProfile

            cProfile.runctx(
                "panel.set_status_of_selection(Status.PARTIAL)", globals(), locals(), profile + ".1"
            )
            continue
        t = time.perf_counter()
        panel.set_status_of_selection(Status.PARTIAL)
        single.append(time.perf_counter() - t)
    # the service call alone (one transaction, audit entries), for the breakdown
    ws = window.controller.ws()
    ids_shown = [r.item_id for r in panel.model.rows()]
    service: list[float] = []
    for k in range(args.repeat):
        chosen = ids_shown[k * 7 : k * 7 + args.rows]
        value = statuses[k % 2].value
        t = time.perf_counter()
        cl.apply_assessments(ws, "bench", [(i, {"status": value}) for i in chosen])
        service.append(time.perf_counter() - t)
    window.controller.close()

    ids = [
        r.item_id
        for r in cl.checklist_rows(
            __import__("qms_desktop.storage.workspace", fromlist=["Workspace"]).Workspace.open(
                floor_path, read_only=True
            ),
            assessment_id,
        )
    ]
    engine = create_engine(f"sqlite:///{floor_path}")
    raw_bulk: list[float] = []
    for k in range(args.repeat):
        chosen = ids[k * 7 : k * 7 + args.rows]
        t = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(
                update(AssessmentItemRecord)
                .where(AssessmentItemRecord.id.in_(chosen))
                .values(status=statuses[k % 2].value)
            )
        raw_bulk.append(time.perf_counter() - t)
    raw_single: list[float] = []
    for k in range(args.repeat * 5):
        t = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(
                update(AssessmentItemRecord)
                .where(AssessmentItemRecord.id == ids[2000 + k])
                .values(status=Status.PARTIAL.value)
            )
        raw_single.append(time.perf_counter() - t)

    def ms(xs: list[float]) -> float:
        return statistics.median(xs) * 1000

    print(
        f"checklist: {total} requirements; medians of {args.repeat} (bulk) and {args.repeat * 5} (single) runs"
    )
    print(
        f"status key on {args.rows} rows, stored and shown: {ms(bulk):7.1f} ms   raw SQLAlchemy UPDATE: "
        f"{ms(raw_bulk):6.1f} ms   ratio {ms(bulk) / ms(raw_bulk):5.1f}x   goal < 150 ms"
    )
    print("  each run (ms):", " ".join(f"{x * 1000:.0f}" for x in bulk))
    print(
        f"  of which the service call (validation, one transaction, audit entries): {ms(service):.1f} ms"
    )
    print(
        f"one status edit, stored and shown:       {ms(single):7.1f} ms   raw SQLAlchemy UPDATE: "
        f"{ms(raw_single):6.1f} ms   ratio {ms(single) / ms(raw_single):5.1f}x   goal < 10 ms"
    )
    row(
        f"status key on {args.rows:,} of {total:,} rows, stored and shown",
        bulk,
        raw_bulk,
        "< 150 ms",
        lambda o, f: o < 0.150,
        note="floor: one SQLAlchemy Core UPDATE, no trail, no screen",
    )
    row(
        "one status edit, stored and shown",
        single,
        raw_single,
        "< 10 ms",
        lambda o, f: o < 0.010,
        note="floor: one SQLAlchemy Core UPDATE",
    )
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown at interpreter exit (PySide6 may crash while finalizing)


if __name__ == "__main__":
    sys.exit(main())
