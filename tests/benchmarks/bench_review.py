"""Benchmark: management review input gathering (issue 11), beside the raw library doing the
least the same job needs, interleaved in one run.

Ten years of records: every month 30 complaints (each with a recovery case), 3 commitment
claims, results for 5 objectives and 3 satisfaction standards, 10 nonconformities and 5
lessons; two survey waves a year (10 items x 100 respondents); four internal audits a year,
each started (its checklist made over clause 8.5) and completed with graded findings; one
management review a year naming that year's audits.

- ours: `services.review.review_inputs` for the latest review (its year: surveys scored,
  complaints, claims, objectives and processes, actions opened/closed/overdue, audits and
  findings, opportunities) — floor: raw SQL (sqlite3) reading the same rows with the same
  period filters and letting SQLite count and average. Goal < 200 ms.

    python tests/benchmarks/bench_review.py [--years 10] [--runs 7] [--quick]
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
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks import fixtures  # noqa: E402
from tests.benchmarks.common import interleaved, row  # noqa: E402

fixtures.use_cached_keys()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TMP = Path(tempfile.mkdtemp(prefix="qms-bench-review-"))
ACTOR = fixtures.ACTOR
DIMS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")


def _add(ws: Any, key: str, rows: list[dict[str, object]]) -> list[int]:
    from qms_desktop.services.operate import add_records

    return [r.id for r in add_records(ws, ACTOR, key, rows)[0]]


def _month(start: dt.date, k: int) -> dt.date:
    y, m = divmod(start.month - 1 + k, 12)
    return dt.date(start.year + y, m + 1, 1)


def build(years: int) -> tuple[Path, int]:
    """A workspace holding `years` years of records ending last month; the latest review's id."""
    from qms_desktop.libraries import builtin_library
    from qms_desktop.services import audits
    from qms_desktop.services.libraries import store_library
    from qms_desktop.services.workspaces import create_workspace
    from qms_desktop.storage.workspace import Workspace

    path = TMP / f"review-{years}.qms"
    create_workspace(path, "Bench hotel", lang="en", actor=ACTOR).close()
    today = dt.date.today()
    first = dt.date(today.year - years, today.month, 1)
    months = [_month(first, k) for k in range(years * 12)]
    with Workspace.open(path) as ws:
        store_library(ws, ACTOR, builtin_library("iso9001-2015"))
        _add(ws, "person", [{"name": f"Person {i}", "role": "Staff"} for i in range(40)])
        _add(ws, "facility", [{"item": f"Lift {i}", "kind": "service_facility",
                               "state": "in_service"} for i in range(20)])  # fmt: skip
        objectives = _add(ws, "objective", [
            {"objective": f"Objective {i}", "metric": "m", "target": 90, "unit": "%",
             "frequency": "monthly", "process": f"Process {i % 3}"} for i in range(5)
        ])  # fmt: skip
        standards = _add(ws, "satisfaction_standard", [
            {"dimension": DIMS[i], "standard": f"Standard {i}", "metric": "share",
             "target": ">= 90 %"} for i in range(3)
        ])  # fmt: skip
        complaints: list[dict[str, object]] = []
        claims, results, actions, lessons = [], [], [], []
        for m in months:
            for i in range(30):
                complaints.append({"received_on": m + dt.timedelta(days=i % 28),
                                   "description": f"Complaint {m} {i}",
                                   "severity": ("disappointed", "angered")[i % 2],
                                   "status": "closed" if i % 5 else "open"})  # fmt: skip
            claims += [{"claimed_on": m + dt.timedelta(days=i), "payout": 20.0} for i in range(3)]
            results += [{"objective": o, "period": m, "value": 85 + (o + m.month) % 10}
                        for o in objectives]  # fmt: skip
            results += [{"standard": s, "period": m, "value": 91.0} for s in standards]
            for i in range(10):
                due = m + dt.timedelta(days=40)
                done = i % 3 == 0
                actions.append({"raised_on": m + dt.timedelta(days=i), "source": "other",
                                "description": f"Action {m} {i}", "owner": "Li", "due": due,
                                "status": "done" if done else "open"})  # fmt: skip
            lessons += [{"source": "complaint", "occurred_on": m + dt.timedelta(days=i),
                         "what_happened": "x", "lesson": f"Lesson {m} {i}"} for i in range(5)]  # fmt: skip
        ids = _add(ws, "complaint", complaints)
        _add(ws, "recovery", [{"complaint": c, "apology_on": None} for c in ids])
        _add(ws, "commitment_claim", claims)
        _add(ws, "result", results)
        _add(ws, "nonconformity", actions)
        _add(ws, "lesson", lessons)
        for y in range(years):
            for wave in (0, 6):
                starts = _month(first, y * 12 + wave)
                [sid] = _add(ws, "survey", [{"title": f"Wave {starts}", "starts_on": starts,
                                             "scale": "7", "asks": "expectation_perception"}])  # fmt: skip
                items = _add(ws, "survey_item", [
                    {"survey": sid, "code": f"Q{k}", "statement": f"Item {k}",
                     "dimension": DIMS[k % 5]} for k in range(10)
                ])  # fmt: skip
                _add(ws, "survey_response", [
                    {"survey": sid, "respondent": f"R{r}", "item": it, "expectation": 6,
                     "perception": 1 + (r + k) % 7, "answered_on": starts}
                    for r in range(100) for k, it in enumerate(items)
                ])  # fmt: skip
        audit_ids: list[list[int]] = []
        for y in range(years):
            year_audits = _add(ws, "internal_audit", [
                {"title": f"Audit {y}-{q}", "planned_on": _month(first, y * 12 + 3 * q),
                 "clauses": "8.5", "status": "planned"} for q in range(4)
            ])  # fmt: skip
            for a in year_audits:
                audits.start_audit(ws, ACTOR, a)
            audit_ids.append(year_audits)
        reviews = _add(ws, "management_review", [
            {"held_on": _month(first, y * 12 + 12) if y < years - 1 else today,
             "period_from": _month(first, y * 12),
             "period_to": _month(first, y * 12 + 12) - dt.timedelta(days=1),
             "audits": tuple(audit_ids[y])} for y in range(years)
        ])  # fmt: skip
    # completed, with graded findings: written directly (the gathering only reads them)
    conn = sqlite3.connect(path)
    with conn:
        for y, year_audits in enumerate(audit_ids):
            for q, a in enumerate(year_audits):
                held = _month(first, y * 12 + 3 * q) + dt.timedelta(days=5)
                conn.execute("UPDATE internal_audit SET status='completed', held_on=? WHERE id=?",
                             (held.isoformat(), a))  # fmt: skip
        conn.execute(
            "UPDATE assessment_item SET status='partial', "
            "grade=CASE id % 4 WHEN 0 THEN 'major' WHEN 1 THEN 'minor' WHEN 2 THEN 'ofi' "
            "ELSE 'observation' END, gap='Gap ' || ref WHERE id % 3 = 0"
        )
    conn.close()
    return path, reviews[-1]


FLOOR_SQL = {
    "review": "SELECT held_on, period_from, period_to, audits FROM management_review",
    "complaints": "SELECT severity, count(*), sum(status != 'closed') FROM complaint "
    "WHERE received_on BETWEEN :a AND :b GROUP BY severity",
    "recoveries": "SELECT count(*) FROM recovery JOIN complaint ON complaint.id = "
    "recovery.complaint WHERE complaint.received_on BETWEEN :a AND :b",
    "claims": "SELECT count(*), total(payout) FROM commitment_claim "
    "WHERE claimed_on BETWEEN :a AND :b",
    "results": "SELECT objective, standard, period, value FROM result "
    "WHERE period BETWEEN :a AND :b ORDER BY period",
    "objectives": "SELECT id, objective, target, unit, comparison, process FROM objective",
    "standards": "SELECT id, standard, target FROM satisfaction_standard",
    "actions": "SELECT id, raised_on, source, description, owner, due, status, review, "
    "verified_on FROM nonconformity",
    "audits": "SELECT id, title, held_on, status, assessment_id FROM internal_audit "
    "WHERE held_on BETWEEN :a AND :b",
    "findings": "SELECT i.assessment_id, i.grade, count(*) FROM assessment_item i "
    "JOIN internal_audit a ON a.assessment_id = i.assessment_id "
    "WHERE a.held_on BETWEEN :a AND :b AND i.grade != '' GROUP BY i.assessment_id, i.grade",
    "surveys": "SELECT s.id, avg(r.perception - r.expectation), count(DISTINCT r.respondent) "
    "FROM survey s JOIN survey_response r ON r.survey = s.id "
    "WHERE s.starts_on BETWEEN :a AND :b GROUP BY s.id",
    "lessons": "SELECT lesson FROM lesson WHERE occurred_on BETWEEN :a AND :b",
    "people": "SELECT count(*) FROM person WHERE state != 'left'",
    "facilities": "SELECT count(*) FROM facility WHERE state = 'in_service'",
}


def floor_gather(path: Path, review_id: int) -> dict[str, list[Any]]:
    conn = sqlite3.connect(path)
    try:
        a, b = conn.execute(
            "SELECT period_from, period_to FROM management_review WHERE id = ?", (review_id,)
        ).fetchone()
        return {k: conn.execute(sql, {"a": a, "b": b}).fetchall() for k, sql in FLOOR_SQL.items()}
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs

    from qms_desktop.services.review import review_inputs
    from qms_desktop.storage.workspace import Workspace

    path, rid = build(args.years)
    ws = Workspace.open(path)
    try:
        inputs = review_inputs(ws, rid)
        floor = floor_gather(path, rid)
        print(f"   latest review: {inputs.feedback.complaints} complaints, "
              f"{len(inputs.surveys)} surveys, {len(inputs.audits)} audits "
              f"({sum(inputs.findings.values())} findings), {inputs.actions.opened} actions "
              f"raised, {len(inputs.opportunities)} opportunities; floor read "
              f"{sum(len(v) for v in floor.values())} rows")  # fmt: skip
        assert inputs.feedback.complaints == sum(r[1] for r in floor["complaints"])
        assert len(inputs.audits) == len(floor["audits"]) == 4

        def ours() -> None:
            review_inputs(ws, rid)

        def floor_() -> None:
            floor_gather(path, rid)

        ours_t, floor_t = interleaved(ours, floor_, runs)
    finally:
        ws.close()
    row(
        f"management review inputs, {args.years} years of records",
        ours_t,
        floor_t,
        "< 200 ms",
        lambda o, f: o < 0.2,
    )
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
