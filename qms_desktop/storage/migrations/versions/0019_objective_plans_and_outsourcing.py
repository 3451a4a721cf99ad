"""Plan: each quality objective carries the plan to reach it (ISO 9001 6.2.2: what will be
done, resources, by when, how results are evaluated; "" / none for an older objective), and a
process may be outsourced (ISO 9001 4.4, 8.4) with its provider and how it is controlled (an
older process reads as not outsourced).

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("objective") as batch:
        batch.add_column(sa.Column("actions", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("resources", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("due", sa.Date(), nullable=True))
        batch.add_column(sa.Column("evaluation", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("process") as batch:
        batch.add_column(sa.Column("outsourced", sa.String(5), nullable=False, server_default="no"))
        batch.add_column(sa.Column("provider", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("controls", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("process") as batch:
        batch.drop_column("controls")
        batch.drop_column("provider")
        batch.drop_column("outsourced")
    with op.batch_alter_table("objective") as batch:
        batch.drop_column("evaluation")
        batch.drop_column("due")
        batch.drop_column("resources")
        batch.drop_column("actions")
