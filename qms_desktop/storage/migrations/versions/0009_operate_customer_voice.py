"""Operate, the customer's voice: feedback channels, complaints, service recovery cases,
commitment claims, satisfaction surveys (items, responses), results against targets and
customers per period; a lesson may name the complaint it was drawn from; an objective says
how a result is held against its target.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
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


def _id(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _date(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Date(), nullable=nullable)


def _number(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Float(), nullable=nullable)


def _word(name: str, length: int) -> sa.Column:
    return sa.Column(name, sa.String(length=length), nullable=False)


def upgrade() -> None:
    _table(
        "feedback_channel", _text("name"), _word("kind", 40), _id("owner"), _word("frequency", 20)
    )
    _table(
        "complaint",
        _date("received_on", False),
        _id("channel"),
        _text("site"),
        _text("customer"),
        _id("moment"),
        _id("service_item"),
        _word("dimension", 20),
        _text("description"),
        _word("severity", 20),
        _word("commitment_invoked", 5),
        _word("status", 20),
        _text("cause"),
    )
    op.create_index(op.f("ix_complaint_received_on"), "complaint", ["received_on"], unique=False)
    _table(
        "recovery",
        _id("complaint", False),
        _date("apology_on"),
        _id("apology_by"),
        _text("reinstatement"),
        _date("reinstated_on"),
        _text("empathy"),
        _text("token"),
        _number("token_value"),
        _id("authorised_by"),
        _number("authority_limit"),
        _date("follow_up_on"),
        _text("follow_up_how"),
        _text("follow_up_outcome"),
        _word("retained", 5),
    )
    op.create_index(op.f("ix_recovery_complaint"), "recovery", ["complaint"], unique=False)
    _table(
        "commitment_claim",
        _id("complaint"),
        _date("claimed_on", False),
        _number("payout"),
        _date("paid_on"),
        _id("paid_by"),
        _text("notes"),
    )
    _table(
        "survey",
        _text("title"),
        _date("starts_on", False),
        _date("ends_on"),
        _word("scale", 5),
        _word("asks", 40),
        *(
            _number(f"weight_{d}")
            for d in ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
        ),
    )
    _table(
        "survey_item",
        _id("survey", False),
        _text("code"),
        _text("statement"),
        _word("dimension", 20),
        _id("standard"),
    )
    op.create_index(op.f("ix_survey_item_survey"), "survey_item", ["survey"], unique=False)
    _table(
        "survey_response",
        _id("survey", False),
        _text("respondent"),
        _id("item", False),
        _number("expectation"),
        _number("perception", False),
        _date("answered_on"),
    )
    op.create_index(op.f("ix_survey_response_survey"), "survey_response", ["survey"], unique=False)
    _table(
        "result",
        _id("objective"),
        _id("standard"),
        _date("period", False),
        _number("value", False),
        _text("source"),
    )
    _table(
        "customer_period",
        _date("period", False),
        _number("customers"),
        _number("repeat_customers"),
        _number("services"),
        _number("keep_cost"),
    )
    # New columns of existing registers: rows made before hold the empty value (the
    # integrity check skips columns a row's trail does not name).
    with op.batch_alter_table("lesson", schema=None) as batch_op:
        batch_op.add_column(sa.Column("complaint", sa.Integer(), nullable=True))
    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("comparison", sa.String(length=2), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.drop_column("comparison")
    with op.batch_alter_table("lesson", schema=None) as batch_op:
        batch_op.drop_column("complaint")
    op.drop_index(op.f("ix_survey_response_survey"), table_name="survey_response")
    op.drop_index(op.f("ix_survey_item_survey"), table_name="survey_item")
    op.drop_index(op.f("ix_recovery_complaint"), table_name="recovery")
    op.drop_index(op.f("ix_complaint_received_on"), table_name="complaint")
    for name in (
        "customer_period",
        "result",
        "survey_response",
        "survey_item",
        "survey",
        "commitment_claim",
        "recovery",
        "complaint",
        "feedback_channel",
    ):
        op.drop_table(name)
