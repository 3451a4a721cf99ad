"""A workspace of format 17 (QC projects drawn from a complaint or an objective only) opens in
the current format: its projects read as drawn from no nonconformity, can then be linked to
one, and the workspace stays sound (the trail never recorded the new column)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import Date, Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.services.actions import raise_nonconformity
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import Audited, Organisation, QcCircleRecord, StepRecord
from qms_desktop.storage.workspace import SCHEMA_VERSION, Workspace


class _Format17(DeclarativeBase):
    pass


class _Project17(Audited, _Format17):
    """qc_project as format 17 had it."""

    __tablename__ = "qc_project"
    __audit_entity__ = "qc_project"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    circle: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    problem: Mapped[str] = mapped_column(Text, default="")
    complaint: Mapped[int | None] = mapped_column(Integer, nullable=True)
    objective: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pdca: Mapped[str] = mapped_column(String(10), default="plan")
    target: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    savings: Mapped[float | None] = mapped_column(Float, nullable=True)
    presented_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    finished_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


def _format17(ws: Workspace) -> None:
    with ws.editing("old version") as s:
        s.add(Organisation(id=1, name="Old Org", default_language="en"))
        for step in Step:
            s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
        s.add(QcCircleRecord(id=1, position=1, name="Front desk circle", facilitator=None,
                             members="", registered_on=dt.date(2026, 1, 5), department="",
                             status="active"))  # fmt: skip
        s.flush()
        s.add(_Project17(id=1, position=1, circle=1, title="Shorter queue"))


def test_format_17_projects_gain_a_link_to_a_nonconformity(tmp_path: Path) -> None:
    path = tmp_path / "v17.qms"
    Workspace.create(path, revision="0017", fill=_format17).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 17
    with Workspace.open(path) as ws:
        (project,) = rs.list_records(ws, "qc_project")
        assert (
            project.values["nonconformity"] is None and project.values["title"] == "Shorter queue"
        )
        nc = raise_nonconformity(ws, "new version", {"description": "Queue over 10 minutes"})[0]
        rs.update_record(ws, "new version", "qc_project", project.id, nonconformity=nc.id)
        (project,) = rs.list_records(ws, "qc_project")
        assert project.values["nonconformity"] == nc.id
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 18
    report = check_workspace(path)
    assert report.sound, report.problems
