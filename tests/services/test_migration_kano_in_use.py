"""A workspace of the format before Kano in use opens in the current one: its customer needs,
moments of truth (their recovery text kept whole) and recovery cases come through unchanged
with the new fields empty; a catalogue of recovery tokens can be kept, needs linked, moments
planned by step, and the file stays sound (trail and records agree)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from sqlalchemy import Float, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.steps import Step
from qms_desktop.services import operate
from qms_desktop.services import registers as rs
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import NAMING, Audited, StepRecord
from qms_desktop.storage.workspace import REVISION_VERSIONS, Workspace

VERSIONS = Path(__file__).resolve().parents[2] / "qms_desktop/storage/migrations/versions"
MIGRATION = next(VERSIONS.glob("*_kano_in_use_and_recovery_tokens.py"))
BEFORE = re.search(r'^down_revision = "(\d+)"', MIGRATION.read_text(), re.M)[1]  # type: ignore[index]
RECOVERY_TEXT = "1 Apologise  2 Move the guest at once\nthen tell the housekeeper"


class _Old(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class _Organisation(Audited, _Old):
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


class _Need(Audited, _Old):
    __tablename__ = "customer_need"
    __audit_entity__ = "customer_need"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    need: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    service: Mapped[str] = mapped_column(Text)


class _Moment(Audited, _Old):
    __tablename__ = "moment_of_truth"
    __audit_entity__ = "moment_of_truth"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    moment: Mapped[str] = mapped_column(Text)
    standard: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(20))
    recovery: Mapped[str] = mapped_column(Text)


class _Standard(Audited, _Old):
    __tablename__ = "satisfaction_standard"
    __audit_entity__ = "satisfaction_standard"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    dimension: Mapped[str] = mapped_column(String(20))
    standard: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)


class _Role(Audited, _Old):
    __tablename__ = "role"
    __audit_entity__ = "role"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(20))
    reports_to: Mapped[int | None] = mapped_column(Integer, nullable=True)
    responsibilities: Mapped[str] = mapped_column(Text)
    authorities: Mapped[str] = mapped_column(Text)
    competence: Mapped[str] = mapped_column(Text)
    appointee: Mapped[int | None] = mapped_column(Integer, nullable=True)
    appointee_competence: Mapped[str] = mapped_column(Text)
    appointed_on: Mapped[dt.date | None] = mapped_column(nullable=True)
    appointing_document: Mapped[str] = mapped_column(Text)


class _Complaint(Audited, _Old):
    __tablename__ = "complaint"
    __audit_entity__ = "complaint"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    received_on: Mapped[dt.date] = mapped_column()
    channel: Mapped[int | None] = mapped_column(Integer, nullable=True)
    site: Mapped[str] = mapped_column(Text)
    customer: Mapped[str] = mapped_column(Text)
    moment: Mapped[int | None] = mapped_column(Integer, nullable=True)
    service_item: Mapped[int | None] = mapped_column(Integer, nullable=True)
    dimension: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(20))
    commitment_invoked: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(20))
    cause: Mapped[str] = mapped_column(Text)


class _Recovery(Audited, _Old):
    __tablename__ = "recovery"
    __audit_entity__ = "recovery"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    complaint: Mapped[int] = mapped_column(Integer)
    apology_on: Mapped[dt.date | None] = mapped_column(nullable=True)
    apology_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reinstatement: Mapped[str] = mapped_column(Text)
    reinstated_on: Mapped[dt.date | None] = mapped_column(nullable=True)
    empathy: Mapped[str] = mapped_column(Text)
    token: Mapped[str] = mapped_column(Text)
    token_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    authorised_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    authority_limit: Mapped[float | None] = mapped_column(Float, nullable=True)
    follow_up_on: Mapped[dt.date | None] = mapped_column(nullable=True)
    follow_up_how: Mapped[str] = mapped_column(Text)
    follow_up_outcome: Mapped[str] = mapped_column(Text)
    retained: Mapped[str] = mapped_column(String(5))


DAY = dt.date(2026, 3, 2)


def _before(ws: Workspace) -> None:
    with ws.editing("old version") as s:
        s.add(_Organisation(id=1, name="Old Org", default_language="en"))
        for step in Step:
            s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
        s.add(_Need(id=1, position=1, need="Clean, quiet room", category="basic", service=""))
        s.add(_Moment(id=1, position=1, moment="Entering the room", standard="Room as booked",
                      owner="Housekeeper", severity="angry", recovery=RECOVERY_TEXT))  # fmt: skip
        s.add(_Standard(id=1, position=1, dimension="tangibles", standard="Clean rooms",
                        metric="Inspection score", target=">= 95%"))  # fmt: skip
        s.add(_Role(id=1, position=1, title="Duty manager", kind="other_role", level="middle",
                    responsibilities="", authorities="", competence="", appointee_competence="",
                    appointing_document=""))  # fmt: skip
        s.add(_Complaint(id=1, position=1, received_on=DAY, site="", customer="", dimension="",
                         description="Room not ready", severity="angered",
                         commitment_invoked="no", status="closed", cause=""))  # fmt: skip
        s.add(_Recovery(id=1, position=1, complaint=1, apology_on=DAY, reinstatement="Moved",
                        empathy="", token="Dinner voucher", token_value=80.0,
                        authority_limit=100.0, follow_up_how="", follow_up_outcome="",
                        retained=""))  # fmt: skip


def test_the_format_before_gains_kano_links_plans_by_step_and_tokens(tmp_path: Path) -> None:
    path = tmp_path / "before.qms"
    Workspace.create(path, revision=BEFORE, fill=_before).close()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "recovery_token" not in tables
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None  # migrated after a backup copy
        [moment] = rs.list_records(ws, "moment_of_truth")
        assert moment.values["recovery"] == RECOVERY_TEXT  # nothing lost
        assert moment.values["plan_apology"] == "" and moment.values["plan_follow_up"] == ""
        [need] = rs.list_records(ws, "customer_need")
        assert need.values["standards"] == () and need.values["moments"] == ()
        assert need.values["commitment"] == ""
        [case] = rs.list_records(ws, "recovery")
        assert case.values["token"] == "Dinner voucher" and case.values["catalogue_token"] is None
        assert rs.list_records(ws, "recovery_token") == []
        # what the new format holds
        gaps = {(g.kind, g.subject) for g in operate.kano_gaps(ws)}
        assert ("basic_need", "Clean, quiet room") in gaps
        assert ("moment_recovery", "Entering the room") not in gaps  # the text is a plan
        rs.update_record(ws, "new", "customer_need", 1, standards=(1,), moments=(1,),
                         commitment="yes")  # fmt: skip
        rs.update_record(ws, "new", "moment_of_truth", 1, plan_apology="Apologise",
                         plan_reinstatement="Move the guest")  # fmt: skip
        gaps = {(g.kind, g.subject) for g in operate.kano_gaps(ws)}
        assert ("basic_need", "Clean, quiet room") not in gaps
        assert ("moment_steps", "Entering the room") in gaps  # angry: all five steps
        token, _ = rs.add_record(ws, "new", "recovery_token",
                                 {"token": "Dinner voucher", "value_limit": 60, "role": 1})  # fmt: skip
        try:
            rs.update_record(ws, "new", "recovery", 1, catalogue_token=token.id)
        except ValidationError as exc:  # the stored 80 is beyond the role's 60
            assert exc.field == "token_value" and "Duty manager" in exc.message.text("en")
        else:
            raise AssertionError("a token beyond its role's limit was accepted")
        rs.update_record(ws, "new", "recovery", 1, catalogue_token=token.id, token_value=60)
    with sqlite3.connect(path) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        assert version > REVISION_VERSIONS[BEFORE]
    report = check_workspace(path)
    assert report.sound, report.problems
