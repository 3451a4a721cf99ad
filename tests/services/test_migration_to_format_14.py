"""A workspace of format 13, whose gap checklist holds actions in its items' action columns,
opens in format 14 with every action a row of the one action list (nonconformity): linked to
its item, the item's requirement, described by the gap, status from the action state, each
row with its "create" entry in the audit trail; the action columns are gone, the checklist
shows the same actions, evidence is untouched and the check passes."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from qms_desktop.domain.assessment import ActionState, Priority
from qms_desktop.domain.steps import Step
from qms_desktop.services import checklist as cl
from qms_desktop.services import registers as rs
from qms_desktop.services.audit import history
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import (
    NAMING,
    AssessmentRecord,
    Audited,
    BlobRecord,
    EvidenceFileRecord,
    StepRecord,
)
from qms_desktop.storage.workspace import SCHEMA_VERSION, Workspace
from tests.checklist_data import add_test_library


class _Format13(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class _Item(Audited, _Format13):
    """The checklist item as format 13 had it (its action in its own columns)."""

    __tablename__ = "assessment_item"
    __audit_entity__ = "assessment_item"
    __audit_exclude__ = frozenset({"changed_by", "changed_at"})
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"))
    library_id: Mapped[str] = mapped_column(String(80))
    ref: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))
    grade: Mapped[str] = mapped_column(String(20))
    na_justification: Mapped[str] = mapped_column(Text)
    current_practice: Mapped[str] = mapped_column(Text)
    evidence_notes: Mapped[str] = mapped_column(Text)
    gap: Mapped[str] = mapped_column(Text)
    action_text: Mapped[str] = mapped_column(Text)
    action_owner: Mapped[str] = mapped_column(Text)
    action_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    action_priority: Mapped[str] = mapped_column(String(10))
    action_state: Mapped[str] = mapped_column(String(20))
    changed_by: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[str] = mapped_column(String(40))


class _Org(Audited, _Format13):
    """The organisation as format 13 had it (before the workspace currency)."""

    __tablename__ = "organisation"
    __audit_entity__ = "organisation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    short_name: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    scope: Mapped[str] = mapped_column(Text, default="")
    services: Mapped[str] = mapped_column(Text, default="")
    sites: Mapped[str] = mapped_column(Text, default="")
    industry: Mapped[str] = mapped_column(Text, default="")
    doc_prefix: Mapped[str] = mapped_column(String(20), default="")
    management_representative: Mapped[str] = mapped_column(Text, default="")
    default_language: Mapped[str] = mapped_column(String(8), default="en")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, default=None)


AssessmentRecord.__table__.to_metadata(_Format13.metadata)  # what the items' key refers to

# ref, status, gap, action text, owner, due, priority, state
ROWS = [
    ("4.1", "conforming", "", "", "", None, "", ""),
    ("4.2", "partial", "No list of interested parties", "Write the list", "Zhang",
     dt.date(2026, 12, 1), "high", "open"),
    ("4.3", "nonconforming", "", "Define the scope", "Li", None, "", "in_progress"),
    ("8.5.1", "nonconforming", "Work instructions missing", "Write WI-03", "", None, "medium",
     "done"),
    ("8.5.2", "partial", "Tags not used", "Tag lots", "Wang", dt.date(2026, 11, 1), "low", ""),
    ("10.2", "partial", "Old action", "Dropped", "", None, "", "cancelled"),
]  # fmt: skip


def _format13(ws: Workspace) -> None:
    add_test_library(ws)
    with ws.editing("old version") as s:
        s.add(_Org(id=1, name="Old Org", default_language="en"))
        for step in Step:
            s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
        s.add(AssessmentRecord(id=1, name="Baseline", held_on=dt.date(2026, 10, 1),
                               audit_date=dt.date(2027, 1, 15), library_ids="test-iso",
                               notes=""))  # fmt: skip
        s.flush()
        for n, (ref, status, gap, text, owner, due, prio, state) in enumerate(ROWS, 1):
            s.add(_Item(id=n, assessment_id=1, library_id="test-iso", ref=ref, status=status,
                        grade="", na_justification="", current_practice="", evidence_notes="",
                        gap=gap, action_text=text, action_owner=owner, action_due=due,
                        action_priority=prio, action_state=state, changed_by="old version",
                        changed_at="2026-10-02T00:00:00+00:00"))  # fmt: skip
        s.flush()
        # an edit of an action after its creation: the trail has the item's update entry
        item = s.get(_Item, 2)
        assert item is not None
        item.action_owner = "Zhang Wei"
        data = b"parties: guests, owners, staff\n"
        digest = hashlib.sha256(data).hexdigest()
        s.add(BlobRecord(sha256=digest, data=data))
        s.add(EvidenceFileRecord(item_id=2, name="list.txt", sha256=digest, size=len(data),
                                 added_at="2026-10-02T00:00:00+00:00"))  # fmt: skip


def test_checklist_actions_become_nonconformities(tmp_path: Path) -> None:
    path = tmp_path / "v13.qms"
    Workspace.create(path, revision="0013", fill=_format13).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 13
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None
        ncs = {r.values["assessment_item"]: r.values for r in rs.list_records(ws, "nonconformity")}
        # every item with an action, and only those
        assert sorted(ncs) == [2, 3, 4, 5, 6]
        two = ncs[2]
        assert (two["source"], two["requirement"], two["description"]) == (
            "checklist_gap", "4.2", "No list of interested parties")  # fmt: skip
        assert (two["action"], two["owner"], two["due"], two["priority"], two["status"]) == (
            "Write the list", "Zhang Wei", dt.date(2026, 12, 1), "high", "open")  # fmt: skip
        assert two["raised_on"] == dt.date(2026, 10, 1)
        assert ncs[3]["description"] == "Define the scope"  # no gap: the action describes it
        assert [ncs[i]["status"] for i in (3, 4, 5, 6)] == [
            "in_progress", "done", "open", "cancelled"]  # fmt: skip
        # the checklist shows the same actions as before, read from the one list
        rows = {r.ref: r.item for r in cl.checklist_rows(ws, 1)}
        assert rows["4.2"].action.text == "Write the list"
        assert rows["4.2"].action.owner == "Zhang Wei"
        assert rows["4.2"].action.priority is Priority.HIGH
        assert rows["8.5.1"].action.state is ActionState.DONE
        assert rows["4.1"].action.text == "" and not rows["4.1"].action.is_open
        assert cl.evidence_files(ws, 2)[0].name == "list.txt"
        # the rows' creation is in the trail, naming the upgrade
        (made,) = history(ws, "nonconformity", "1")
        assert made.action == "create" and "upgrade" in made.actor
        # editing an action on the checklist now edits its nonconformity
        cl.assess_requirement(ws, "new version", 2, action_state="done")
        assert rs.list_records(ws, "nonconformity")[0].values["status"] == "done"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 14
        columns = {r[1] for r in conn.execute("PRAGMA table_info(assessment_item)")}
        assert not {c for c in columns if c.startswith("action_")}
    report = check_workspace(path)
    assert report.sound, report.problems
