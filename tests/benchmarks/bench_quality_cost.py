"""Benchmark: the quality-cost trend chart with 120 months (issue 11, goal < 100 ms), beside
the raw library doing the least the same job needs, interleaved in one run.

- ours: `quality_cost.cost_summary` over ten years of ledger rows (4 categories x 4
  departments a month, 1 920 rows), revenue per month, and 600 recovery tokens and claims
  payouts read as external failure; the screen chart (`CostTrendChart`) given the 120 months
  and painted into an image;
- floor: raw SQL (sqlite3) summing the same amounts per month and category (ledger, tokens,
  payouts) and revenue per month, and plain QPainter rectangles for the 480 stacked bars
  drawn into an image of the same size.

Also the document's chart (Pillow PNG of 120 months, as the report places it) against
Pillow drawing the same rectangles with no text.

    python tests/benchmarks/bench_quality_cost.py [--runs 9] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks import fixtures  # noqa: E402
from tests.benchmarks.common import interleaved, row  # noqa: E402

fixtures.use_cached_keys()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TMP = Path(tempfile.mkdtemp(prefix="qms-bench-cost-"))
ACTOR = fixtures.ACTOR
MONTHS = 120
CATS = ("prevention", "appraisal", "internal_failure", "external_failure")
SIZE = (900, 300)


def ten_years() -> Path:
    from qms_desktop.services.operate import add_records
    from qms_desktop.services.quality_cost import add_costs
    from qms_desktop.services.workspaces import create_workspace

    path = TMP / "cost.qms"
    create_workspace(path, "Bench hotel", lang="en", actor=ACTOR).close()
    from qms_desktop.storage.workspace import Workspace

    with Workspace.open(path) as ws:
        start = dt.date.today().year * 12 + dt.date.today().month - MONTHS
        months = [dt.date((start + k) // 12, (start + k) % 12 + 1, 1) for k in range(MONTHS)]
        add_costs(ws, ACTOR, "quality_cost", [
            {"period": m, "category": c, "department": f"Dept {d}",
             "amount": 500.0 + 40 * i + 7 * d + (k % 13) * 11}
            for k, m in enumerate(months) for i, c in enumerate(CATS) for d in range(4)
        ])  # fmt: skip
        add_costs(ws, ACTOR, "cost_period", [{"period": m, "revenue": 400_000.0} for m in months])
        complaints, _ = add_records(ws, ACTOR, "complaint", [
            {"received_on": months[k % MONTHS] + dt.timedelta(days=3), "site": "Lobby",
             "description": f"Case {k}", "severity": "angered", "status": "closed"}
            for k in range(300)
        ])  # fmt: skip
        add_records(ws, ACTOR, "recovery", [
            {"complaint": c.id, "apology_on": c.values["received_on"], "token": "Dinner",
             "token_value": 60.0} for c in complaints
        ])  # fmt: skip
        add_records(ws, ACTOR, "commitment_claim", [
            {"complaint": c.id, "claimed_on": c.values["received_on"], "payout": 25.0}
            for c in complaints
        ])  # fmt: skip
    return path


FLOOR_SQL = (
    "SELECT m, category, SUM(amount) FROM ("
    " SELECT strftime('%Y-%m', period) AS m, category, amount FROM quality_cost"
    " UNION ALL SELECT strftime('%Y-%m', COALESCE(r.apology_on, c.received_on)),"
    "  'external_failure', r.token_value FROM recovery r LEFT JOIN complaint c"
    "  ON c.id = r.complaint WHERE r.token_value > 0"
    " UNION ALL SELECT strftime('%Y-%m', COALESCE(paid_on, claimed_on)), 'external_failure',"
    "  payout FROM commitment_claim WHERE payout > 0"
    ") GROUP BY m, category ORDER BY m"
)


def bench_screen(path: Path, runs: int) -> None:
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from qms_desktop.services.quality_cost import cost_summary
    from qms_desktop.storage.workspace import Workspace
    from qms_desktop.ui.steps.operate_cost import COLOURS, CostTrendChart

    app = QApplication.instance() or QApplication([])
    ws = Workspace.open(path, read_only=True)
    chart = CostTrendChart()
    chart.resize(*SIZE)
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)

    def ours() -> None:
        s = cost_summary(ws)
        chart.set_months("Quality cost per month (EUR)", CATS,
                         [(p.period.isoformat()[:7], tuple(p.by_category[c] for c in CATS))
                          for p in s.periods])  # fmt: skip
        image.fill(0)
        chart.render(image)
        assert len(chart.months()) == MONTHS

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    colours = [QColor(c) for c in COLOURS]

    def floor() -> None:
        months: dict[str, list[float]] = {}
        for m, cat, amount in conn.execute(FLOOR_SQL):
            months.setdefault(m, [0.0] * 4)[CATS.index(cat)] += amount
        revenue = dict(conn.execute(
            "SELECT strftime('%Y-%m', period), SUM(revenue) FROM cost_period GROUP BY 1"
        ).fetchall())  # fmt: skip
        assert len(months) == MONTHS and revenue
        image.fill(0)
        p = QPainter(image)
        top = max(sum(v) for v in months.values())
        slot = SIZE[0] / len(months)
        for i, values in enumerate(months.values()):
            base = float(SIZE[1])
            for v, colour in zip(values, colours, strict=True):
                h = v / top * SIZE[1]
                p.fillRect(int(i * slot), int(base - h), max(1, int(slot * 0.7)), int(h), colour)
                base -= h
        p.end()

    a, b = interleaved(ours, floor, runs)
    row(f"quality-cost chart on screen, {MONTHS} months", a, b, "< 100 ms",
        lambda o, _f: o < 0.1)  # fmt: skip
    ws.close()
    conn.close()
    chart.deleteLater()
    app.processEvents()


def bench_document(runs: int) -> None:
    from PIL import Image, ImageDraw

    from qms_desktop.documents import cost_charts
    from qms_desktop.documents.cost_charts import CATEGORY_COLOURS

    months = [(f"{2016 + k // 12}-{k % 12 + 1:02d}", (500.0 + k, 700.0, 900.0 - k, 400.0))
              for k in range(MONTHS)]  # fmt: skip
    draw = cost_charts.cost_trend_chart.__wrapped__  # type: ignore[attr-defined]

    def ours() -> None:  # the chart drawn, then painted as the DOCX holds it
        draw(months, "Quality cost per month, by category (EUR)", ("P", "A", "IF", "EF")).png()

    def floor() -> None:
        import io

        image = Image.new("RGB", (1500, 680), "white")
        d = ImageDraw.Draw(image)
        top = max(sum(v) for _, v in months)
        for i, (_, values) in enumerate(months):
            base = 530.0
            for v, colour in zip(values, CATEGORY_COLOURS, strict=True):
                h = v / top * 430
                d.rectangle([130 + i * 11, base - h, 138 + i * 11, base], fill=colour)
                base -= h
        image.save(io.BytesIO(), "PNG", dpi=(254, 254))

    a, b = interleaved(ours, floor, runs)
    row(f"quality-cost chart PNG for the report, {MONTHS} months", a, b, "none", None)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    try:
        bench_screen(ten_years(), runs)
        bench_document(runs)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.stdout.flush()
    os._exit(0)  # no Qt teardown at exit (PySide6 may crash finalising widgets)


if __name__ == "__main__":
    sys.exit(main())
