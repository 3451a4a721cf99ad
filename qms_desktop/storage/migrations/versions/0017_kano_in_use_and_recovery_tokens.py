"""Kano in use and the recovery catalogue (issue 10, items 3 and 7): customer needs link the
satisfaction standards and moments of truth that serve them and say whether the service
commitment covers them; a moment of truth's recovery plan by the five steps (its text kept
for what is not by step); a catalogue of recovery tokens, each with the role that may grant
it and up to what value; a recovery case names the token of the catalogue it gave.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

PLAN_FIELDS = ("plan_apology", "plan_reinstatement", "plan_empathy", "plan_atonement",
               "plan_follow_up")  # fmt: skip


def upgrade() -> None:
    # Columns with a default: SQLite adds them in place; rows already held read "" (no link,
    # nothing planned by step), and the recovery text stays as it was.
    with op.batch_alter_table("customer_need", schema=None) as batch_op:
        batch_op.add_column(sa.Column("standards", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("moments", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("commitment", sa.String(length=5), server_default="", nullable=False)
        )
    with op.batch_alter_table("moment_of_truth", schema=None) as batch_op:
        for name in PLAN_FIELDS:
            batch_op.add_column(sa.Column(name, sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("recovery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("catalogue_token", sa.Integer(), nullable=True))
    op.create_table(
        "recovery_token",
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("value_limit", sa.Float(), nullable=True),
        sa.Column("role", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_token")),
    )
    op.create_index(op.f("ix_recovery_token_role"), "recovery_token", ["role"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_recovery_token_role"), table_name="recovery_token")
    op.drop_table("recovery_token")
    with op.batch_alter_table("recovery", schema=None) as batch_op:
        batch_op.drop_column("catalogue_token")
    with op.batch_alter_table("moment_of_truth", schema=None) as batch_op:
        for name in reversed(PLAN_FIELDS):
            batch_op.drop_column(name)
    with op.batch_alter_table("customer_need", schema=None) as batch_op:
        batch_op.drop_column("commitment")
        batch_op.drop_column("moments")
        batch_op.drop_column("standards")
