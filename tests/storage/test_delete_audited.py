"""Rows deleted in bulk (storage.audit.delete_audited) leave the same trail as the ORM
deleting them one by one: a "delete" entry each with every column's old value; the chain
and signatures check clean; ids not there are skipped."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import select

from qms_desktop.services import operate
from qms_desktop.services import registers as rs
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.audit import delete_audited
from qms_desktop.storage.models import AuditRecord, SurveyResponseRecord
from qms_desktop.storage.workspace import Workspace


def _answers(ws: Workspace) -> list[int]:
    survey, _ = rs.add_record(ws, "t", "survey", {"title": "Guests 雅", "starts_on": dt.date(2026, 3, 1),
                                                  "scale": "7", "asks": "expectation_perception"})  # fmt: skip
    item, _ = rs.add_record(ws, "t", "survey_item", {"survey": survey.id, "code": "T1",
                                                     "statement": "Clean", "dimension": "tangibles"})  # fmt: skip
    added, _ = operate.add_records(ws, "t", "survey_response", [
        {"survey": survey.id, "respondent": f"顾客 {n}", "item": item.id, "expectation": 6,
         "perception": 1 + n % 7, "answered_on": dt.date(2026, 3, 1 + n % 20) if n % 3 else None}
        for n in range(40)])  # fmt: skip
    return [r.id for r in added]


def _deleted(ws: Workspace) -> list[tuple[str, str, str, str | None, str | None]]:
    with ws.reading() as s:
        return [
            (r.entity, r.entity_id, r.field, r.old_value, r.new_value)
            for r in s.scalars(select(AuditRecord).where(AuditRecord.action == "delete"))
        ]


def test_bulk_delete_writes_the_trail_the_orm_writes(workspace_file: Path, tmp_path: Path):
    twin = tmp_path / "twin.qms"
    shutil.copyfile(workspace_file, twin)
    with Workspace.open(workspace_file) as bulk, Workspace.open(twin) as orm:
        ids = _answers(bulk)
        assert _answers(orm) == ids
        gone = ids[5:30]
        with bulk.editing("t") as s:
            assert delete_audited(s, SurveyResponseRecord, [*gone, 99_999]) == len(gone)
        with orm.editing("t") as s:
            for i in gone:
                s.delete(s.get(SurveyResponseRecord, i))
        by_bulk, by_orm = _deleted(bulk), _deleted(orm)
        assert len(by_bulk) == len(gone)
        assert sorted(by_bulk) == sorted(by_orm)
        assert '"respondent": "顾客 5"' in by_bulk[0][3]  # type: ignore[operator]
        with bulk.reading() as s:
            left = list(s.scalars(select(SurveyResponseRecord.id)))
        assert left == [*ids[:5], *ids[30:]]
    report = check_workspace(workspace_file)
    assert report.findings == (), report.problem_texts()


def test_undo_of_a_response_import_deletes_in_bulk(workspace_file: Path, tmp_path: Path):
    with Workspace.open(workspace_file) as ws:
        ids = _answers(ws)
        done = operate.ResponseImport(1, tuple(ids))
        operate.undo_response_import(ws, "t", done)
        assert rs.list_records(ws, "survey_response") == []
        assert len(_deleted(ws)) == 40
    assert check_workspace(workspace_file).findings == ()
