"""A workspace of format 11 (before QC circles and culture activities) opens in the current
format: it gains the three empty registers, its people are kept and can be members of a new
circle, and the workspace stays sound (trail and records agree)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from qms_desktop.services import registers as rs
from qms_desktop.services.circles import circle_years
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.workspace import SCHEMA_VERSION, Workspace
from tests.services.test_migration_internal_audit import _format10  # same tables at 11


def test_format_11_gains_circles_projects_and_culture(tmp_path: Path) -> None:
    path = tmp_path / "v11.qms"
    Workspace.create(path, revision="0011", fill=_format10).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 11
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert not tables & {"qc_circle", "qc_project", "culture_activity"}
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None  # migrated after a backup copy
        for key in ("qc_circle", "qc_project", "culture_activity"):
            assert rs.list_records(ws, key) == []
        people = [p.id for p in rs.list_records(ws, "person")]
        assert len(people) == 2
        day = dt.date(2026, 3, 2)
        circle = rs.add_record(ws, "new version", "qc_circle",
                               {"name": "Front desk circle", "registered_on": day,
                                "facilitator": people[0], "members": tuple(people)})[0].id  # fmt: skip
        rs.add_record(ws, "new version", "qc_project",
                      {"circle": circle, "title": "Shorter queue", "pdca": "act",
                       "savings": 900, "finished_on": day})  # fmt: skip
        rs.add_record(ws, "new version", "culture_activity",
                      {"title": "Quality month", "kind": "quality_month", "held_on": day,
                       "participants": tuple(people)})  # fmt: skip
        [year] = circle_years(ws)
        assert (year.circles_registered, year.projects_finished, year.savings) == (1, 1, 900.0)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 12
    report = check_workspace(path)
    assert report.sound, report.problems
