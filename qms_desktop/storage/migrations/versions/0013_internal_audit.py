"""Operate, the internal audit programme (ISO 9001 9.2): audits planned by process, clauses
and site, with their auditors, status and the checklist ("start audit") their findings are
kept in.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "internal_audit",
        _text("title"),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("process", sa.Integer(), nullable=True),
        _text("clauses"),
        _text("site"),
        sa.Column("lead_auditor", sa.Integer(), nullable=True),
        _text("auditors"),
        sa.Column("auditee", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        _text("independence_override"),
        _text("summary"),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_internal_audit")),
        sa.UniqueConstraint("assessment_id", name=op.f("uq_internal_audit_assessment_id")),
    )
    op.create_index(
        op.f("ix_internal_audit_planned_on"), "internal_audit", ["planned_on"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_internal_audit_planned_on"), table_name="internal_audit")
    op.drop_table("internal_audit")
