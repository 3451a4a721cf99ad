"""Allocate and Strengthen: roles, the responsibility matrix, facilities and equipment, the
basic management work; people who left; elements' responsible role; training attendees
become people (names that match nobody are kept as a list).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from alembic import op
import sqlalchemy as sa


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _register_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "role",
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("reports_to", sa.Integer(), nullable=True),
        sa.Column("responsibilities", sa.Text(), nullable=False),
        sa.Column("authorities", sa.Text(), nullable=False),
        sa.Column("competence", sa.Text(), nullable=False),
        sa.Column("appointee", sa.Integer(), nullable=True),
        sa.Column("appointee_competence", sa.Text(), nullable=False),
        sa.Column("appointed_on", sa.Date(), nullable=True),
        sa.Column("appointing_document", sa.Text(), nullable=False),
        *_register_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role")),
    )
    op.create_index(op.f("ix_role_appointee"), "role", ["appointee"], unique=False)
    op.create_table(
        "responsibility",
        sa.Column("role", sa.Integer(), nullable=False),
        sa.Column("process", sa.Integer(), nullable=True),
        sa.Column("element", sa.Integer(), nullable=True),
        sa.Column("assignment", sa.String(length=1), nullable=False),
        *_register_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_responsibility")),
    )
    op.create_index(op.f("ix_responsibility_role"), "responsibility", ["role"], unique=False)
    op.create_table(
        "facility",
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("site", sa.Text(), nullable=False),
        sa.Column("process", sa.Integer(), nullable=True),
        sa.Column("service_item", sa.Integer(), nullable=True),
        sa.Column("owner", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("needed_by", sa.Date(), nullable=True),
        sa.Column("calibration_months", sa.Float(), nullable=True),
        sa.Column("last_calibrated", sa.Date(), nullable=True),
        sa.Column("next_calibration", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_register_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facility")),
    )
    op.create_table(
        "basic_work",
        sa.Column("area", sa.Text(), nullable=False),
        sa.Column("current_state", sa.Text(), nullable=False),
        sa.Column("weakness", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("owner", sa.Integer(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("requirement", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        *_register_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_basic_work")),
    )
    # New columns of existing registers. They are not in the audit trail's record of the
    # rows made before (the integrity check skips columns a row's trail does not name), so
    # the free-text attendees move to a new column instead of being rewritten in place.
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("state", sa.String(length=20), nullable=False, server_default="active")
        )
    with op.batch_alter_table("element", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsible", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("participants", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("standard", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("unmatched_attendees", sa.Text(), nullable=False, server_default="")
        )
    _attendees_to_people()
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.drop_column("attendees")


def _attendees_to_people() -> None:
    """Each session's attendee lines matched to people by name (case and outer spaces aside,
    the first person of a name); what matches nobody is kept, one name a line."""
    conn = op.get_bind()
    index: dict[str, int] = {}
    for pid, name in conn.execute(sa.text("SELECT id, name FROM person ORDER BY position, id")):
        index.setdefault(str(name or "").strip().casefold(), int(pid))
    sessions = conn.execute(sa.text("SELECT id, attendees FROM training")).fetchall()
    for sid, attendees in sessions:
        found: list[int] = []
        missing: list[str] = []
        for line in str(attendees or "").splitlines():
            name = line.strip()
            if not name:
                continue
            pid = index.get(name.casefold())
            if pid is None:
                if name not in missing:
                    missing.append(name)
            elif pid not in found:
                found.append(pid)
        conn.execute(
            sa.text(
                "UPDATE training SET participants = :ids, unmatched_attendees = :names"
                " WHERE id = :id"
            ),
            {"ids": " ".join(str(i) for i in found), "names": "\n".join(missing), "id": sid},
        )


def downgrade() -> None:
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attendees", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    names = {int(pid): str(name) for pid, name in conn.execute(sa.text("SELECT id, name FROM person"))}
    for sid, ids, unmatched in conn.execute(
        sa.text("SELECT id, participants, unmatched_attendees FROM training")
    ).fetchall():
        lines = [names[int(i)] for i in str(ids or "").split() if i.isdigit() and int(i) in names]
        lines += [n for n in str(unmatched or "").splitlines() if n.strip()]
        conn.execute(
            sa.text("UPDATE training SET attendees = :a WHERE id = :id"),
            {"a": "\n".join(lines), "id": sid},
        )
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.drop_column("unmatched_attendees")
        batch_op.drop_column("standard")
        batch_op.drop_column("participants")
    with op.batch_alter_table("element", schema=None) as batch_op:
        batch_op.drop_column("responsible")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("state")
    op.drop_table("basic_work")
    op.drop_table("facility")
    op.drop_index(op.f("ix_responsibility_role"), table_name="responsibility")
    op.drop_table("responsibility")
    op.drop_index(op.f("ix_role_appointee"), table_name="role")
    op.drop_table("role")
