"""A workspace of format 19 (planned documents without the requirements they meet) opens in
the current format: its documents keep their number, title and parent and read with no
requirements, which can then be written through the register service; the workspace stays
sound (the trail never recorded the new column)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import Audited, Organisation, StepRecord
from qms_desktop.storage.workspace import SCHEMA_VERSION, Workspace


class _Format19(DeclarativeBase):
    pass


class _PlannedDocument19(Audited, _Format19):
    """planned_document as format 19 had it."""

    __tablename__ = "planned_document"
    __audit_entity__ = "planned_document"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    level: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    parent: Mapped[str] = mapped_column(Text)


def _format19(ws: Workspace) -> None:
    with ws.editing("old version") as s:
        s.add(Organisation(id=1, name="Old Org", default_language="en"))
        for step in Step:
            s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
        s.add(_PlannedDocument19(id=1, position=1, level="manual", number="OO-QM-01",
                                 title="Quality manual", parent=""))  # fmt: skip
        s.add(_PlannedDocument19(id=2, position=2, level="procedure", number="OO-QP-01",
                                 title="Document control", parent="OO-QM-01"))  # fmt: skip


def test_format_19_planned_documents_gain_requirements(tmp_path: Path) -> None:
    path = tmp_path / "v19.qms"
    Workspace.create(path, revision="0019", fill=_format19).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 19
        columns = {r[1] for r in conn.execute("PRAGMA table_info(planned_document)")}
        assert "requirements" not in columns
    with Workspace.open(path) as ws:
        manual, procedure = rs.list_records(ws, "planned_document")
        assert (manual.values["number"], manual.values["title"]) == ("OO-QM-01", "Quality manual")
        assert procedure.values["parent"] == "OO-QM-01"
        assert manual.values["requirements"] == procedure.values["requirements"] == ""
        rs.update_record(ws, "new version", "planned_document", procedure.id,
                         requirements="7.5, 8.2.1")  # fmt: skip
        _, procedure = rs.list_records(ws, "planned_document")
        assert procedure.values["requirements"] == "7.5, 8.2.1"
        assert procedure.values["title"] == "Document control"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 20
    report = check_workspace(path)
    assert report.sound, report.problems
