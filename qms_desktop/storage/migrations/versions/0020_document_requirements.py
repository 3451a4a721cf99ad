"""Plan: a planned document names the requirements it meets (e.g. "7.5, 8.2.1"), so the
quality manual's clause cross-reference links it to those clauses ("" for an older
document: linked only where other records name its number).

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("planned_document") as batch:
        batch.add_column(sa.Column("requirements", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("planned_document") as batch:
        batch.drop_column("requirements")
