"""Operate, QC circles: a QC project's problem may be drawn from a nonconformity (the
corrective-action register landed after the circles' format); none for an older project.

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("qc_project") as batch:
        batch.add_column(sa.Column("nonconformity", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("qc_project") as batch:
        batch.drop_column("nonconformity")
