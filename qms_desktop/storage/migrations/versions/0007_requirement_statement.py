"""Requirement rows keep a statement apart from their guidance (an OSCAL control's
statement, a CISO Assistant node's description) and the requirement they stand within
(a control enhancement within its control).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Columns with a default: SQLite adds them in place; rows already held read "".
    with op.batch_alter_table("requirement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("statement_en", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("statement_zh", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("within", sa.String(length=80), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("requirement", schema=None) as batch_op:
        batch_op.drop_column("within")
        batch_op.drop_column("statement_zh")
        batch_op.drop_column("statement_en")
