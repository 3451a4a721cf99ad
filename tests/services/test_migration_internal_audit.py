"""A workspace of format 10 (before the internal audit programme) opens in the current format:
it gains an empty audit programme, its people and processes are kept, an audit can be planned,
started and completed on them, and the workspace stays sound (trail and records agree)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import Integer, MetaData, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qms_desktop.domain.steps import Step
from qms_desktop.libraries import builtin_library
from qms_desktop.services import audits
from qms_desktop.services import registers as rs
from qms_desktop.services.libraries import store_library
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import NAMING, Audited, StepRecord
from qms_desktop.storage.workspace import SCHEMA_VERSION, Workspace


class _Format10(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class _Organisation(Audited, _Format10):
    __tablename__ = "organisation"
    __audit_entity__ = "organisation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    short_name: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    scope: Mapped[str] = mapped_column(Text, default="")
    services: Mapped[str] = mapped_column(Text, default="")
    sites: Mapped[str] = mapped_column(Text, default="")
    industry: Mapped[str] = mapped_column(Text, default="")
    doc_prefix: Mapped[str] = mapped_column(Text, default="")
    management_representative: Mapped[str] = mapped_column(Text, default="")
    default_language: Mapped[str] = mapped_column(Text)


class _Person(Audited, _Format10):
    __tablename__ = "person"
    __audit_entity__ = "person"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(Text)


class _Process(Audited, _Format10):
    __tablename__ = "process"
    __audit_entity__ = "process"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    inputs: Mapped[str] = mapped_column(Text)
    outputs: Mapped[str] = mapped_column(Text)
    resources: Mapped[str] = mapped_column(Text)
    measures: Mapped[str] = mapped_column(Text)
    requirements: Mapped[str] = mapped_column(Text)
    feeds: Mapped[str] = mapped_column(Text)


def _format10(ws: Workspace) -> None:
    with ws.editing("old version") as s:
        s.add(_Organisation(id=1, name="Old Org", default_language="en"))
        for step in Step:
            s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
        for i, name in enumerate(("Lin Wei", "Wu Fang"), 1):
            s.add(_Person(id=i, position=i, name=name, role="Staff", department="", state=""))
        s.add(_Process(id=1, position=1, name="Front desk", owner="Lin Wei", inputs="",
                       outputs="", resources="", measures="", requirements="8.5", feeds=""))  # fmt: skip


def test_format_10_gains_the_audit_programme(tmp_path: Path) -> None:
    path = tmp_path / "v10.qms"
    Workspace.create(path, revision="0010", fill=_format10).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 10
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "internal_audit" not in tables
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None  # migrated after a backup copy
        assert rs.list_records(ws, "internal_audit") == []
        assert [p.values["name"] for p in rs.list_records(ws, "person")] == ["Lin Wei", "Wu Fang"]
        store_library(ws, "new version", builtin_library("iso9001-2015"))
        values = {"title": "Front desk audit", "planned_on": dt.date(2026, 3, 2),
                  "status": "planned", "process": 1, "lead_auditor": 2}  # fmt: skip
        audit = rs.add_record(ws, "new version", "internal_audit", values)[0].id
        audits.start_audit(ws, "new version", audit)  # scope: the process's requirements
        assert {f.ref for _, f in audits.audit_items(ws, audit)} >= {"8.5.1", "8.5.2"}
        audits.complete_audit(ws, "new version", audit, dt.date(2026, 3, 3))
        assert audits.audit_info(ws, audit).status == "completed"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 13
    report = check_workspace(path)
    assert report.sound, report.problems
