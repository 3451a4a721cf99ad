"""Operate, quality cost and the quality appraisal: the quality-cost ledger (month, PAF
category, department, amount, description), revenue per month, the organisation's veto
triggers and the appraisals (period, department or person, indicators, score, whether the
quality veto applied and why, trigger, economic effect, who decided); the quality-cost
settings (the workspace's one currency: a row written when first chosen, until then the
organisation's language gives it).

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
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


def _id(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=True)


def _date(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Date(), nullable=nullable)


def _number(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Float(), nullable=nullable)


def _word(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=False)


def upgrade() -> None:
    _table(
        "quality_cost",
        _date("period", False),
        _word("category", 20),
        _text("department"),
        _number("amount", False),
        _text("description"),
    )
    op.create_index(op.f("ix_quality_cost_period"), "quality_cost", ["period"], unique=False)
    _table("cost_period", _date("period", False), _number("revenue"))
    _table("veto_trigger", _text("name"), _word("kind", 40), _text("description"))
    _table(
        "appraisal",
        _date("period", False),
        _date("period_to"),
        _text("department"),
        _id("person"),
        _text("indicators"),
        _number("score"),
        _word("veto_applied", 5),
        _text("veto_reason"),
        _id("trigger"),
        _text("economic_effect"),
        _id("decided_by"),
    )
    op.create_table(
        "cost_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_settings")),
    )


def downgrade() -> None:
    for name in ("cost_settings", "appraisal", "veto_trigger", "cost_period"):
        op.drop_table(name)
    op.drop_index(op.f("ix_quality_cost_period"), table_name="quality_cost")
    op.drop_table("quality_cost")
