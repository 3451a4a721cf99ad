"""A workspace of format 5, whose training sessions list attendees as names, opens in format 6:
the names that match a person become references to them, the rest are kept as a list to
match later, and the workspace stays sound (its audit trail agrees with its records)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import Date, Float, Integer, MetaData, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qms_desktop.domain.steps import ShownStatus, Step
from qms_desktop.services import allocation as al
from qms_desktop.services import registers as rs
from qms_desktop.services.steps import step_summaries
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import NAMING, Audited, Organisation, StepRecord
from qms_desktop.storage.workspace import SCHEMA_VERSION, Workspace


class _Format5(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class _Person(Audited, _Format5):
    """The person table as format 5 had it (no state)."""

    __tablename__ = "person"
    __audit_entity__ = "person"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(Text)


class _Training(Audited, _Format5):
    """The training table as format 5 had it (attendees as names, one a line)."""

    __tablename__ = "training"
    __audit_entity__ = "training"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(Text)
    held_on: Mapped[dt.date] = mapped_column(Date)
    trainer: Mapped[str] = mapped_column(Text)
    hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    attendees: Mapped[str] = mapped_column(Text)
    assessment: Mapped[str] = mapped_column(Text)


def _format5(ws: Workspace) -> None:
    with ws.editing("old version") as s:
        s.add(Organisation(id=1, name="Old Org", default_language="en"))
        for step in Step:
            s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
        for i, (name, role) in enumerate(
            [("Li Na", "Front office"), ("Chen Jie", "Front office"), ("Li Na", "Spa")], 1
        ):
            s.add(_Person(id=i, position=i, name=name, role=role, department=""))
        s.add(
            _Training(
                id=1,
                position=1,
                topic="ISO 9001 awareness",
                held_on=dt.date(2026, 9, 12),
                trainer="Consultant",
                hours=3.0,
                attendees="li na\n  Chen Jie \nZhao Lei\n\nChen Jie\nZhao Lei",
                assessment="",
            )
        )
        s.add(
            _Training(
                id=2,
                position=2,
                topic="Hygiene",
                held_on=dt.date(2026, 10, 1),
                trainer="",
                hours=None,
                attendees="",
                assessment="",
            )
        )


def test_attendee_names_become_people_and_the_rest_stay_listed(tmp_path: Path):
    path = tmp_path / "v5.qms"
    Workspace.create(path, revision="0005", fill=_format5).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None  # migrated after a backup copy
        first, second = rs.list_records(ws, "training")
        # the first Li Na (by order) and Chen Jie, once each; case and spaces aside
        assert first.values["participants"] == (1, 2)
        assert first.values["unmatched_attendees"] == "Zhao Lei"
        assert second.values["participants"] == () and second.values["unmatched_attendees"] == ""
        assert [p.values["state"] for p in rs.list_records(ws, "person")] == ["active"] * 3
        coverage = al.training_coverage(ws)
        assert coverage.unmatched == ((1, "ISO 9001 awareness", ("Zhao Lei",)),)
        assert {p.name: p.sessions for p in coverage.people if p.person_id != 3} == {
            "Li Na": 1,
            "Chen Jie": 1,
        }
        assert step_summaries(ws)[Step.STUDY].status is ShownStatus.IN_PROGRESS
        # the kept name is matched once the person exists; edits after the upgrade are sound
        rs.add_record(ws, "new version", "person", {"name": "Zhao Lei", "role": "Spa"})
        matched, _ = al.match_attendees(ws, "new version")
        assert matched == 1
        assert rs.list_records(ws, "training")[0].values["participants"] == (1, 2, 4)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 6
        columns = {r[1] for r in conn.execute("PRAGMA table_info(training)")}
        assert "attendees" not in columns and "participants" in columns
    report = check_workspace(path)
    assert report.sound, report.problems
