"""Operate, QC circles and quality culture: circles (facilitator, members, registered, status),
their improvement projects (problem drawn from a complaint or an objective, PDCA stage,
target, measures, result, savings, presented and finished) and culture and education
activities (training, quality month, competitions, recognition).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _table(name: str, *columns: sa.Column) -> None:
    op.create_table(
        name,
        *columns,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _id(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _date(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Date(), nullable=nullable)


def upgrade() -> None:
    _table(
        "qc_circle",
        _text("name"),
        _id("facilitator"),
        _text("members"),
        _date("registered_on"),
        _text("department"),
        sa.Column("status", sa.String(length=20), nullable=False),
    )
    _table(
        "qc_project",
        _id("circle", False),
        _text("title"),
        _text("problem"),
        _id("complaint"),
        _id("objective"),
        sa.Column("pdca", sa.String(length=10), nullable=False),
        _text("target"),
        _text("measures"),
        _text("result"),
        sa.Column("savings", sa.Float(), nullable=True),
        _date("presented_on"),
        _date("finished_on"),
    )
    op.create_index(op.f("ix_qc_project_circle"), "qc_project", ["circle"], unique=False)
    _table(
        "culture_activity",
        _text("title"),
        sa.Column("kind", sa.String(length=40), nullable=False),
        _date("held_on", False),
        _text("participants"),
        _text("topic"),
    )


def downgrade() -> None:
    op.drop_table("culture_activity")
    op.drop_index(op.f("ix_qc_project_circle"), table_name="qc_project")
    op.drop_table("qc_project")
    op.drop_table("qc_circle")
