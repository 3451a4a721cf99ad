"""SQLAlchemy 2 declarative models of the workspace."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, LargeBinary, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Audited:
    """Mixin: changes to rows of this model are written to the audit trail.

    `__audit_entity__` names the entity in the trail; `audit_id()` identifies the row.
    """

    __audit_entity__: str = ""

    def audit_id(self) -> str:
        return str(self.id)


class Organisation(Audited, Base):
    __tablename__ = "organisation"
    __audit_entity__ = "organisation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    short_name: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    scope: Mapped[str] = mapped_column(Text, default="")
    services: Mapped[str] = mapped_column(Text, default="")
    sites: Mapped[str] = mapped_column(Text, default="")
    industry: Mapped[str] = mapped_column(Text, default="")
    doc_prefix: Mapped[str] = mapped_column(String(20), default="")
    management_representative: Mapped[str] = mapped_column(Text, default="")
    default_language: Mapped[str] = mapped_column(String(8), default="en")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, default=None)


class StepRecord(Audited, Base):
    __tablename__ = "step_state"
    __audit_entity__ = "step"

    step: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    signed_off_by: Mapped[str] = mapped_column(Text, default="")
    signed_off_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    def audit_id(self) -> str:
        return self.step


class AuditRecord(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)
    at_utc: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(10))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(80))
    field: Mapped[str] = mapped_column(String(80))
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class MetaRecord(Base):
    """Key/value facts about the workspace itself (audit head, creator, app version)."""

    __tablename__ = "workspace_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
