"""Operate, management review: the internal audits a review took as input (`audits`, the
audits' ids; "" for none, as an older review reads).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("management_review") as batch:
        batch.add_column(sa.Column("audits", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("management_review") as batch:
        batch.drop_column("audits")
