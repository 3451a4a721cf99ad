"""Operate, management review (ISO 9001 9.3): the meeting's record — when, the period it
reviews, chair and participants, the inputs written by hand, the conclusions on the system.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _word(name: str) -> sa.Column:
    return sa.Column(name, sa.String(length=5), nullable=False)


def upgrade() -> None:
    op.create_table(
        "management_review",
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("chair", sa.Integer(), nullable=True),
        _text("participants"),
        _text("changes_in_context"),
        _text("supplier_performance"),
        _text("resources"),
        _text("risks_and_opportunities"),
        _word("suitable"),
        _word("adequate"),
        _word("effective"),
        _text("conclusions"),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_management_review")),
    )
    op.create_index(
        op.f("ix_management_review_held_on"), "management_review", ["held_on"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_management_review_held_on"), table_name="management_review")
    op.drop_table("management_review")
