"""Operate, nonconformities and corrective actions (ISO 9001 10.2): the one action list of
the app, fed by audit findings, checklist gaps, complaints, management reviews and anything
else, with root cause (five whys, fishbone category), action and verification of
effectiveness. The gap checklist's actions (assessment_item.action_*) become rows of it,
linked to their item, each with its "create" entry in the audit trail; the action columns go.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26
"""

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from qms_desktop.storage.audit import audit_text, write_entries

# who the trail names for the rows this upgrade writes (unsigned: no person made them)
UPGRADE_ACTOR = "QMS Desktop (upgrade to format 14)"
ACTION_COLUMNS = ("action_text", "action_owner", "action_due", "action_priority", "action_state")
STATE_OF_ACTION = {"": "open", "open": "open", "in_progress": "in_progress", "done": "done",
                   "cancelled": "cancelled"}  # fmt: skip

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _word(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=False)


def _id(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=True)


def upgrade() -> None:
    op.create_table(
        "nonconformity",
        sa.Column("raised_on", sa.Date(), nullable=False),
        _word("source", 20),
        _id("assessment_item"),
        _id("complaint"),
        _id("review"),
        _text("requirement"),
        _text("description"),
        _text("containment"),
        *(_text(f"why_{n}") for n in range(1, 6)),
        _word("cause_category", 20),
        _text("root_cause"),
        _text("action"),
        _text("owner"),
        sa.Column("due", sa.Date(), nullable=True),
        _word("priority", 10),
        _word("status", 20),
        _id("verified_by"),
        sa.Column("verified_on", sa.Date(), nullable=True),
        _text("verification_evidence"),
        _word("effective", 5),
        _id("lesson"),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nonconformity")),
    )
    op.create_index(
        op.f("ix_nonconformity_assessment_item"), "nonconformity", ["assessment_item"], unique=True
    )
    _actions_to_nonconformities()
    # SQLite's own DROP COLUMN (3.35+): the table is not rebuilt, so its evidence files,
    # whose foreign key cascades on delete, are never touched
    for column in ACTION_COLUMNS:
        op.execute(f"ALTER TABLE assessment_item DROP COLUMN {column}")


def _actions_to_nonconformities() -> None:
    """Each item with anything in its action fields becomes a nonconformity: source
    checklist gap, linked to the item, its requirement the item's reference, described by
    the gap (or the action, or the reference), raised on the assessment's date (today at the
    latest), status from the action state ("" counts as open), nothing else invented."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT i.id, i.ref, i.gap, i.action_text, i.action_owner, i.action_due,"
            " i.action_priority, i.action_state, a.held_on FROM assessment_item AS i"
            " JOIN assessment AS a ON a.id = i.assessment_id"
            " WHERE i.action_text != '' OR i.action_owner != '' OR i.action_due IS NOT NULL"
            " OR i.action_priority != '' OR i.action_state NOT IN ('', 'open')"
            " ORDER BY a.held_on, a.id, i.id"
        )
    ).fetchall()
    if not rows:
        return
    today = dt.date.today().isoformat()
    entries = []
    for n, (item, ref, gap, text, owner, due, priority, state, held) in enumerate(rows, 1):
        raised = min(str(held), today)
        values = {
            "id": n, "position": n, "raised_on": raised, "source": "checklist_gap",
            "assessment_item": item, "complaint": None, "review": None, "requirement": ref,
            "description": (gap or "").strip() or (text or "").strip() or ref,
            "containment": "", "why_1": "", "why_2": "", "why_3": "", "why_4": "", "why_5": "",
            "cause_category": "", "root_cause": "", "action": text or "", "owner": owner or "",
            "due": due, "priority": priority or "",
            "status": STATE_OF_ACTION.get(state or "", "open"),
            "verified_by": None, "verified_on": None, "verification_evidence": "",
            "effective": "", "lesson": None,
        }  # fmt: skip
        conn.execute(
            sa.text(
                f"INSERT INTO nonconformity ({', '.join(values)})"
                f" VALUES ({', '.join(':' + k for k in values)})"
            ),
            values,
        )
        created = json.dumps(
            {k: audit_text(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True
        )
        entries.append(("create", "nonconformity", str(n), "", None, created))
    session = Session(bind=conn)
    session.info["actor"] = UPGRADE_ACTOR
    write_entries(session, entries)


def downgrade() -> None:
    with op.batch_alter_table("assessment_item", schema=None) as batch_op:
        for column in ("action_text", "action_owner", "action_priority", "action_state"):
            batch_op.add_column(sa.Column(column, sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("action_due", sa.Date(), nullable=True))
    op.execute(
        "UPDATE assessment_item SET (action_text, action_owner, action_due, action_priority,"
        " action_state) = (SELECT n.action, n.owner, n.due, n.priority,"
        " CASE n.status WHEN 'verified' THEN 'done' WHEN 'closed' THEN 'done' ELSE n.status END"
        " FROM nonconformity AS n WHERE n.assessment_item = assessment_item.id)"
        " WHERE id IN (SELECT assessment_item FROM nonconformity)"
    )
    op.drop_index(op.f("ix_nonconformity_assessment_item"), table_name="nonconformity")
    op.drop_table("nonconformity")
