"""Document control (the Refine step): the revision scheme, controlled documents (the Plan
step's planned documents under control), their revisions and the revisions' files (blobs).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_control",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_scheme", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_control")),
    )
    op.create_table(
        "controlled_document",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("planned_document", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.String(length=80), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("distribution", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_controlled_document")),
        sa.UniqueConstraint(
            "planned_document", name=op.f("uq_controlled_document_planned_document")
        ),
    )
    op.create_table(
        "document_revision",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("approver", sa.Text(), nullable=False),
        sa.Column("change_summary", sa.Text(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["controlled_document.id"],
            name=op.f("fk_document_revision_document_id_controlled_document"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_revision")),
        sa.UniqueConstraint(
            "document_id", "ordinal", name=op.f("uq_document_revision_document_id")
        ),
    )
    with op.batch_alter_table("document_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_revision_document_id"), ["document_id"], unique=False
        )
    op.create_table(
        "document_file",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["document_revision.id"],
            name=op.f("fk_document_file_revision_id_document_revision"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_file")),
        sa.UniqueConstraint(
            "revision_id", "lang", "kind", name=op.f("uq_document_file_revision_id")
        ),
    )
    with op.batch_alter_table("document_file", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_file_revision_id"), ["revision_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_document_file_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_file_sha256"))
        batch_op.drop_index(batch_op.f("ix_document_file_revision_id"))
    op.drop_table("document_file")
    with op.batch_alter_table("document_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_revision_document_id"))
    op.drop_table("document_revision")
    op.drop_table("controlled_document")
    op.drop_table("document_control")
