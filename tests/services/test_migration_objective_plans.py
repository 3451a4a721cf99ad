"""A workspace of format 18 (objectives without plans, processes never outsourced) opens in the
current format: its objectives read with an empty plan and its processes as not outsourced,
both can then be filled in, and the workspace stays sound (the trail never recorded the new
columns)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.steps import Step
from qms_desktop.services import registers as rs
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import Audited, Organisation, StepRecord
from qms_desktop.storage.workspace import SCHEMA_VERSION, Workspace


class _Format18(DeclarativeBase):
    pass


class _Objective18(Audited, _Format18):
    """objective as format 18 had it."""

    __tablename__ = "objective"
    __audit_entity__ = "objective"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    objective: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    target: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Text)
    comparison: Mapped[str] = mapped_column(String(2), default="")
    frequency: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(Text)
    process: Mapped[str] = mapped_column(Text)


class _Process18(Audited, _Format18):
    """process as format 18 had it."""

    __tablename__ = "process"
    __audit_entity__ = "process"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    inputs: Mapped[str] = mapped_column(Text)
    outputs: Mapped[str] = mapped_column(Text)
    resources: Mapped[str] = mapped_column(Text)
    measures: Mapped[str] = mapped_column(Text)
    requirements: Mapped[str] = mapped_column(Text)
    feeds: Mapped[str] = mapped_column(Text)


def _format18(ws: Workspace) -> None:
    with ws.editing("old version") as s:
        s.add(Organisation(id=1, name="Old Org", default_language="en"))
        for step in Step:
            s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
        s.add(_Objective18(id=1, position=1, objective="Guests satisfied", metric="Score",
                           target=90.0, unit="%", frequency="monthly", owner="Lin",
                           process=""))  # fmt: skip
        s.add(_Process18(id=1, position=1, name="Laundry", owner="", inputs="", outputs="",
                         resources="", measures="", requirements="", feeds=""))  # fmt: skip


def test_format_18_objectives_gain_plans_and_processes_outsourcing(tmp_path: Path) -> None:
    path = tmp_path / "v18.qms"
    Workspace.create(path, revision="0018", fill=_format18).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 18
    with Workspace.open(path) as ws:
        (objective,) = rs.list_records(ws, "objective")
        v = objective.values
        assert v["objective"] == "Guests satisfied" and v["owner"] == "Lin"
        assert (v["actions"], v["resources"], v["due"], v["evaluation"]) == ("", "", None, "")
        (process,) = rs.list_records(ws, "process")
        assert process.values["outsourced"] == "no" and process.values["provider"] == ""
        rs.update_record(ws, "new version", "objective", objective.id,
                         actions="Survey every stay", resources="Survey tool",
                         due=dt.date(2026, 12, 31),
                         evaluation="Monthly review of the scores")  # fmt: skip
        with pytest.raises(ValidationError) as caught:
            rs.update_record(ws, "new version", "process", process.id, outsourced="yes")
        assert caught.value.field == "provider"
        rs.update_record(ws, "new version", "process", process.id, outsourced="yes",
                         provider="CleanCo", controls="Monthly sample inspection")  # fmt: skip
        (objective,) = rs.list_records(ws, "objective")
        assert objective.values["due"] == dt.date(2026, 12, 31)
        (process,) = rs.list_records(ws, "process")
        assert process.values["provider"] == "CleanCo"
        assert process.values["outsourced"] == "yes"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 19
    report = check_workspace(path)
    assert report.sound, report.problems
