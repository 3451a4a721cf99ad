"""SQLAlchemy 2 declarative models of the workspace.

The annotations here are evaluated when the classes are made (no `from __future__ import
annotations`): SQLAlchemy reads every `Mapped[...]` of 55 tables at import, and handed
strings it evaluates each one again (~10 ms of every start); handed the objects, it does not.
"""

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
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
    __audit_exclude__: frozenset[str] = frozenset()  # bookkeeping columns not worth an entry

    def audit_id(self) -> str:
        return str(getattr(self, "id"))  # noqa: B009 - the mixin itself declares no id


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
    # The writer's Ed25519 signature of `hash` and the key it was made with (a SigningKeyRecord);
    # both empty in entries written before signing began.
    key_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class SigningKeyRecord(Base):
    """A public key that signs audit entries: one per person and computer they edit on."""

    __tablename__ = "signing_key"

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the raw key
    actor: Mapped[str] = mapped_column(Text)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw, 32 bytes
    added_at: Mapped[str] = mapped_column(String(40))


class MetaRecord(Base):
    """Key/value facts about the workspace itself (audit head, creator, app version)."""

    __tablename__ = "workspace_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LibraryRecord(Audited, Base):
    """A requirement library copied into the workspace, so the file opens anywhere."""

    __tablename__ = "library"
    __audit_entity__ = "library"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name_en: Mapped[str] = mapped_column(Text)
    name_zh: Mapped[str] = mapped_column(Text)
    version: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(20))  # built-in / yaml / oscal
    content: Mapped[str] = mapped_column(Text)  # the library as YAML

    def audit_id(self) -> str:
        return self.id


class RequirementRecord(Base):
    """One row of a library's tree (a section or a requirement), for fast listing."""

    __tablename__ = "requirement"
    __table_args__ = (UniqueConstraint("library_id", "ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    library_id: Mapped[str] = mapped_column(
        ForeignKey("library.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    depth: Mapped[int] = mapped_column(Integer)
    is_section: Mapped[bool] = mapped_column(Boolean)
    ref: Mapped[str] = mapped_column(String(80))
    parent_ref: Mapped[str] = mapped_column(String(80))
    title_en: Mapped[str] = mapped_column(Text)
    title_zh: Mapped[str] = mapped_column(Text)
    guidance_en: Mapped[str] = mapped_column(Text)
    guidance_zh: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text)
    # What the requirement says (a control's statement), apart from the guidance on it.
    statement_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    statement_zh: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The requirement it stands within (a control enhancement's control), "" when none.
    within: Mapped[str] = mapped_column(String(80), default="", server_default="")


class AssessmentRecord(Audited, Base):
    __tablename__ = "assessment"
    __audit_entity__ = "assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    held_on: Mapped[dt.date] = mapped_column(Date)
    audit_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    library_ids: Mapped[str] = mapped_column(Text)  # space-separated
    notes: Mapped[str] = mapped_column(Text)


class AssessmentItemRecord(Audited, Base):
    __tablename__ = "assessment_item"
    __audit_entity__ = "assessment_item"
    __audit_exclude__ = frozenset({"changed_by", "changed_at"})
    __table_args__ = (UniqueConstraint("assessment_id", "library_id", "ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    library_id: Mapped[str] = mapped_column(String(80))
    ref: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))
    grade: Mapped[str] = mapped_column(String(20))
    na_justification: Mapped[str] = mapped_column(Text)
    current_practice: Mapped[str] = mapped_column(Text)
    evidence_notes: Mapped[str] = mapped_column(Text)
    gap: Mapped[str] = mapped_column(Text)
    # its action is a row of the nonconformity register linked to it (format 14 on)
    changed_by: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[str] = mapped_column(String(40))


class EvidenceFileRecord(Audited, Base):
    """An evidence attachment stored inside the workspace, content-addressed by SHA-256."""

    __tablename__ = "evidence_file"
    __audit_entity__ = "evidence_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_item.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[str] = mapped_column(String(40))


class BlobRecord(Base):
    """File contents, stored once per SHA-256 however many attachments share them."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AttachmentRecord(Audited, Base):
    """A file attached to a record of any register (a lesson, a training certificate, a
    calibration record…); its contents are a `blob`, shared with evidence files."""

    __tablename__ = "attachment"
    __audit_entity__ = "attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    register: Mapped[str] = mapped_column(String(40))  # the register's key
    # the record's id in that register's table (no foreign key: it may be any register)
    record_id: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[str] = mapped_column(String(40))


# -- registers of the Summarise, Study and Plan steps ---------------------------------------
# Each mirrors a `domain.registers.Register`; the field names are the column names.


class RegisterRow(Audited):
    """Mixin for register tables: an id and a position for the user's order."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class LessonRecord(RegisterRow, Base):
    __tablename__ = "lesson"
    __audit_entity__ = "lesson"
    source: Mapped[str] = mapped_column(String(40))
    occurred_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    what_happened: Mapped[str] = mapped_column(Text)
    lesson: Mapped[str] = mapped_column(Text)
    suggested_rule: Mapped[str] = mapped_column(Text)
    rule_kind: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(20))
    document: Mapped[str] = mapped_column(Text)
    complaint: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PersonRecord(RegisterRow, Base):
    __tablename__ = "person"
    __audit_entity__ = "person"
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="active")


class StudyPlanRecord(RegisterRow, Base):
    __tablename__ = "study_plan"
    __audit_entity__ = "study_plan"
    role: Mapped[str] = mapped_column(Text)
    standard: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    state: Mapped[str] = mapped_column(String(20))


class TrainingRecord(RegisterRow, Base):
    __tablename__ = "training"
    __audit_entity__ = "training"
    topic: Mapped[str] = mapped_column(Text)
    held_on: Mapped[dt.date] = mapped_column(Date)
    trainer: Mapped[str] = mapped_column(Text)
    hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    # person ids, space-separated ("3 7"); a new column, so the trail's names of the old
    # free-text "attendees" column are never compared with ids
    participants: Mapped[str] = mapped_column(Text, default="")
    assessment: Mapped[str] = mapped_column(Text)
    standard: Mapped[str] = mapped_column(Text, default="")
    unmatched_attendees: Mapped[str] = mapped_column(Text, default="")


class BenchmarkRecord(RegisterRow, Base):
    __tablename__ = "benchmark"
    __audit_entity__ = "benchmark"
    organisation: Mapped[str] = mapped_column(Text)
    practice: Mapped[str] = mapped_column(Text)
    adopt: Mapped[str] = mapped_column(Text)


class ObjectiveRecord(RegisterRow, Base):
    __tablename__ = "objective"
    __audit_entity__ = "objective"
    objective: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    target: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Text)
    comparison: Mapped[str] = mapped_column(String(2), default="")
    frequency: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(Text)
    process: Mapped[str] = mapped_column(Text)
    actions: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    evaluation: Mapped[str] = mapped_column(Text, default="")


class ElementRecord(RegisterRow, Base):
    __tablename__ = "element"
    __audit_entity__ = "element"
    element: Mapped[str] = mapped_column(Text)
    group: Mapped[str] = mapped_column(String(20))
    adopted: Mapped[str] = mapped_column(String(5))
    reason: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(Text, default="")


class ProcessRecord(RegisterRow, Base):
    __tablename__ = "process"
    __audit_entity__ = "process"
    name: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    inputs: Mapped[str] = mapped_column(Text)
    outputs: Mapped[str] = mapped_column(Text)
    resources: Mapped[str] = mapped_column(Text)
    measures: Mapped[str] = mapped_column(Text)
    requirements: Mapped[str] = mapped_column(Text)
    feeds: Mapped[str] = mapped_column(Text)
    outsourced: Mapped[str] = mapped_column(String(5), default="no")
    provider: Mapped[str] = mapped_column(Text, default="")
    controls: Mapped[str] = mapped_column(Text, default="")


class PlannedDocumentRecord(RegisterRow, Base):
    __tablename__ = "planned_document"
    __audit_entity__ = "planned_document"
    level: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    parent: Mapped[str] = mapped_column(Text)
    # the requirements the document meets, e.g. "7.5, 8.2.1" (format 20)
    requirements: Mapped[str] = mapped_column(Text, default="")


class ServiceItemRecord(RegisterRow, Base):
    __tablename__ = "service_item"
    __audit_entity__ = "service_item"
    service: Mapped[str] = mapped_column(Text)
    item: Mapped[str] = mapped_column(Text)
    time_standard: Mapped[str] = mapped_column(Text)
    quality_standard: Mapped[str] = mapped_column(Text)
    price_standard: Mapped[str] = mapped_column(Text)
    delivery: Mapped[str] = mapped_column(Text)
    control_points: Mapped[str] = mapped_column(Text)


class SatisfactionStandardRecord(RegisterRow, Base):
    __tablename__ = "satisfaction_standard"
    __audit_entity__ = "satisfaction_standard"
    dimension: Mapped[str] = mapped_column(String(20))
    standard: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)


class CustomerNeedRecord(RegisterRow, Base):
    __tablename__ = "customer_need"
    __audit_entity__ = "customer_need"
    need: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    service: Mapped[str] = mapped_column(Text)
    standards: Mapped[str] = mapped_column(Text, server_default="")  # ids, "3 7"
    moments: Mapped[str] = mapped_column(Text, server_default="")
    commitment: Mapped[str] = mapped_column(String(5), server_default="")


class MomentOfTruthRecord(RegisterRow, Base):
    __tablename__ = "moment_of_truth"
    __audit_entity__ = "moment_of_truth"
    moment: Mapped[str] = mapped_column(Text)
    standard: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(20))
    # the plan by the five recovery steps (columns added after `recovery`, which keeps what
    # is not by step; their order here is the form's)
    plan_apology: Mapped[str] = mapped_column(Text, server_default="")
    plan_reinstatement: Mapped[str] = mapped_column(Text, server_default="")
    plan_empathy: Mapped[str] = mapped_column(Text, server_default="")
    plan_atonement: Mapped[str] = mapped_column(Text, server_default="")
    plan_follow_up: Mapped[str] = mapped_column(Text, server_default="")
    recovery: Mapped[str] = mapped_column(Text)


# -- registers of the Allocate and Strengthen steps ----------------------------------------
# A `reference` field is an INTEGER column holding the referred record's id (no foreign key:
# the services check references, so every change passes through the audit trail).


class RoleRecord(RegisterRow, Base):
    __tablename__ = "role"
    __audit_entity__ = "role"
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(20))
    reports_to: Mapped[int | None] = mapped_column(Integer, nullable=True)
    responsibilities: Mapped[str] = mapped_column(Text)
    authorities: Mapped[str] = mapped_column(Text)
    competence: Mapped[str] = mapped_column(Text)
    appointee: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    appointee_competence: Mapped[str] = mapped_column(Text)
    appointed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    appointing_document: Mapped[str] = mapped_column(Text)


class ResponsibilityRecord(RegisterRow, Base):
    """One cell of the responsibility matrix."""

    __tablename__ = "responsibility"
    __audit_entity__ = "responsibility"
    role: Mapped[int] = mapped_column(Integer, index=True)
    process: Mapped[int | None] = mapped_column(Integer, nullable=True)
    element: Mapped[int | None] = mapped_column(Integer, nullable=True)
    assignment: Mapped[str] = mapped_column(String(1))


class FacilityRecord(RegisterRow, Base):
    __tablename__ = "facility"
    __audit_entity__ = "facility"
    item: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    site: Mapped[str] = mapped_column(Text)
    process: Mapped[int | None] = mapped_column(Integer, nullable=True)
    service_item: Mapped[int | None] = mapped_column(Integer, nullable=True)
    owner: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state: Mapped[str] = mapped_column(String(20))
    needed_by: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    calibration_months: Mapped[float | None] = mapped_column(Float, nullable=True)
    last_calibrated: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    next_calibration: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text)


class BasicWorkRecord(RegisterRow, Base):
    __tablename__ = "basic_work"
    __audit_entity__ = "basic_work"
    area: Mapped[str] = mapped_column(Text)
    current_state: Mapped[str] = mapped_column(Text)
    weakness: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    state: Mapped[str] = mapped_column(String(20))
    requirement: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)


# -- registers of the Operate step: the customer's voice ----------------------------------


class FeedbackChannelRecord(RegisterRow, Base):
    __tablename__ = "feedback_channel"
    __audit_entity__ = "feedback_channel"
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    owner: Mapped[int | None] = mapped_column(Integer, nullable=True)
    frequency: Mapped[str] = mapped_column(String(20))


class ComplaintRecord(RegisterRow, Base):
    __tablename__ = "complaint"
    __audit_entity__ = "complaint"
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[int | None] = mapped_column(Integer, nullable=True)
    site: Mapped[str] = mapped_column(Text)
    customer: Mapped[str] = mapped_column(Text)
    moment: Mapped[int | None] = mapped_column(Integer, nullable=True)
    service_item: Mapped[int | None] = mapped_column(Integer, nullable=True)
    dimension: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(20))
    commitment_invoked: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(20))
    cause: Mapped[str] = mapped_column(Text)


class RecoveryRecord(RegisterRow, Base):
    __tablename__ = "recovery"
    __audit_entity__ = "recovery"
    complaint: Mapped[int] = mapped_column(Integer, index=True)
    apology_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    apology_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reinstatement: Mapped[str] = mapped_column(Text)
    reinstated_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    empathy: Mapped[str] = mapped_column(Text)
    catalogue_token: Mapped[int | None] = mapped_column(Integer, nullable=True)
    token: Mapped[str] = mapped_column(Text)
    token_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    authorised_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    authority_limit: Mapped[float | None] = mapped_column(Float, nullable=True)
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    follow_up_how: Mapped[str] = mapped_column(Text)
    follow_up_outcome: Mapped[str] = mapped_column(Text)
    retained: Mapped[str] = mapped_column(String(5))


class RecoveryTokenRecord(RegisterRow, Base):
    """A token of atonement in the catalogue: the role that may grant it, up to a value."""

    __tablename__ = "recovery_token"
    __audit_entity__ = "recovery_token"
    token: Mapped[str] = mapped_column(Text)
    value_limit: Mapped[float | None] = mapped_column(Float, nullable=True)
    role: Mapped[int] = mapped_column(Integer, index=True)
    notes: Mapped[str] = mapped_column(Text)


class CommitmentClaimRecord(RegisterRow, Base):
    __tablename__ = "commitment_claim"
    __audit_entity__ = "commitment_claim"
    complaint: Mapped[int | None] = mapped_column(Integer, nullable=True)
    claimed_on: Mapped[dt.date] = mapped_column(Date)
    payout: Mapped[float | None] = mapped_column(Float, nullable=True)
    paid_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    paid_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text)


class SurveyRecord(RegisterRow, Base):
    __tablename__ = "survey"
    __audit_entity__ = "survey"
    title: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    scale: Mapped[str] = mapped_column(String(5))
    asks: Mapped[str] = mapped_column(String(40))
    weight_tangibles: Mapped[float | None] = mapped_column(Float, nullable=True)
    weight_reliability: Mapped[float | None] = mapped_column(Float, nullable=True)
    weight_responsiveness: Mapped[float | None] = mapped_column(Float, nullable=True)
    weight_assurance: Mapped[float | None] = mapped_column(Float, nullable=True)
    weight_empathy: Mapped[float | None] = mapped_column(Float, nullable=True)


class SurveyItemRecord(RegisterRow, Base):
    __tablename__ = "survey_item"
    __audit_entity__ = "survey_item"
    survey: Mapped[int] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(Text)
    statement: Mapped[str] = mapped_column(Text)
    dimension: Mapped[str] = mapped_column(String(20))
    standard: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SurveyResponseRecord(RegisterRow, Base):
    __tablename__ = "survey_response"
    __audit_entity__ = "survey_response"
    survey: Mapped[int] = mapped_column(Integer, index=True)
    respondent: Mapped[str] = mapped_column(Text)
    item: Mapped[int] = mapped_column(Integer)
    expectation: Mapped[float | None] = mapped_column(Float, nullable=True)
    perception: Mapped[float] = mapped_column(Float)
    answered_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class ResultRecord(RegisterRow, Base):
    __tablename__ = "result"
    __audit_entity__ = "result"
    objective: Mapped[int | None] = mapped_column(Integer, nullable=True)
    standard: Mapped[int | None] = mapped_column(Integer, nullable=True)
    period: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text)


class CustomerPeriodRecord(RegisterRow, Base):
    __tablename__ = "customer_period"
    __audit_entity__ = "customer_period"
    period: Mapped[dt.date] = mapped_column(Date)
    customers: Mapped[float | None] = mapped_column(Float, nullable=True)
    repeat_customers: Mapped[float | None] = mapped_column(Float, nullable=True)
    services: Mapped[float | None] = mapped_column(Float, nullable=True)
    keep_cost: Mapped[float | None] = mapped_column(Float, nullable=True)


# -- registers of the Operate step: QC circles, quality culture and education ------------------


class QcCircleRecord(RegisterRow, Base):
    __tablename__ = "qc_circle"
    __audit_entity__ = "qc_circle"
    name: Mapped[str] = mapped_column(Text)
    facilitator: Mapped[int | None] = mapped_column(Integer, nullable=True)
    members: Mapped[str] = mapped_column(Text)
    registered_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    department: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))


class QcProjectRecord(RegisterRow, Base):
    __tablename__ = "qc_project"
    __audit_entity__ = "qc_project"
    circle: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(Text)
    problem: Mapped[str] = mapped_column(Text)
    complaint: Mapped[int | None] = mapped_column(Integer, nullable=True)
    nonconformity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    objective: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pdca: Mapped[str] = mapped_column(String(10))
    target: Mapped[str] = mapped_column(Text)
    measures: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)
    savings: Mapped[float | None] = mapped_column(Float, nullable=True)
    presented_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    finished_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class CultureActivityRecord(RegisterRow, Base):
    __tablename__ = "culture_activity"
    __audit_entity__ = "culture_activity"
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    held_on: Mapped[dt.date] = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(Text)


class ManagementReviewRecord(RegisterRow, Base):
    __tablename__ = "management_review"
    __audit_entity__ = "management_review"
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    period_from: Mapped[dt.date] = mapped_column(Date)
    period_to: Mapped[dt.date] = mapped_column(Date)
    chair: Mapped[int | None] = mapped_column(Integer, nullable=True)
    participants: Mapped[str] = mapped_column(Text, default="")  # person ids, "3 7"
    changes_in_context: Mapped[str] = mapped_column(Text)
    supplier_performance: Mapped[str] = mapped_column(Text)
    resources: Mapped[str] = mapped_column(Text)
    risks_and_opportunities: Mapped[str] = mapped_column(Text)
    suitable: Mapped[str] = mapped_column(String(5))
    adequate: Mapped[str] = mapped_column(String(5))
    effective: Mapped[str] = mapped_column(String(5))
    conclusions: Mapped[str] = mapped_column(Text)
    audits: Mapped[str] = mapped_column(Text, default="")  # internal audit ids, "3 7"


class NonconformityRecord(RegisterRow, Base):
    """A nonconformity and its corrective action: the one action list (the gap checklist's
    actions are rows of it, linked to their item by `assessment_item`)."""

    __tablename__ = "nonconformity"
    __audit_entity__ = "nonconformity"
    raised_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(20))
    # one per item at most: the checklist's action fields edit it
    assessment_item: Mapped[int | None] = mapped_column(
        Integer, nullable=True, index=True, unique=True
    )
    complaint: Mapped[int | None] = mapped_column(Integer, nullable=True)
    review: Mapped[int | None] = mapped_column(Integer, nullable=True)
    requirement: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    containment: Mapped[str] = mapped_column(Text)
    why_1: Mapped[str] = mapped_column(Text)
    why_2: Mapped[str] = mapped_column(Text)
    why_3: Mapped[str] = mapped_column(Text)
    why_4: Mapped[str] = mapped_column(Text)
    why_5: Mapped[str] = mapped_column(Text)
    cause_category: Mapped[str] = mapped_column(String(20))
    root_cause: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    verified_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    verified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verification_evidence: Mapped[str] = mapped_column(Text)
    effective: Mapped[str] = mapped_column(String(5))
    lesson: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PlanDesignRecord(Audited, Base):
    """The single-valued parts of the Plan step's design."""

    __tablename__ = "plan_design"
    __audit_entity__ = "plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_customers: Mapped[str] = mapped_column(Text, default="")
    offerings: Mapped[str] = mapped_column(Text, default="")
    service_level: Mapped[str] = mapped_column(Text, default="")
    quality_policy: Mapped[str] = mapped_column(Text, default="")
    numbering_scheme: Mapped[str] = mapped_column(Text, default="")
    service_environment: Mapped[str] = mapped_column(Text, default="")
    commitment_promise: Mapped[str] = mapped_column(Text, default="")
    commitment_covers: Mapped[str] = mapped_column(Text, default="")
    commitment_remedy: Mapped[str] = mapped_column(Text, default="")
    commitment_invoke: Mapped[str] = mapped_column(Text, default="")


class InternalAuditRecord(RegisterRow, Base):
    """An audit of the internal audit programme; `assessment_id` is its checklist, made by
    "start audit" (services/audits.py), not a register field."""

    __tablename__ = "internal_audit"
    __audit_entity__ = "internal_audit"
    __service_columns__ = ("assessment_id",)  # set by services, not a field of the register
    title: Mapped[str] = mapped_column(Text)
    planned_on: Mapped[dt.date] = mapped_column(Date, index=True)
    held_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    process: Mapped[int | None] = mapped_column(Integer, nullable=True)
    clauses: Mapped[str] = mapped_column(Text)
    site: Mapped[str] = mapped_column(Text)
    lead_auditor: Mapped[int | None] = mapped_column(Integer, nullable=True)
    auditors: Mapped[str] = mapped_column(Text)
    auditee: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    independence_override: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    assessment_id: Mapped[int | None] = mapped_column(
        Integer, nullable=True, default=None, unique=True
    )


# -- registers of the Operate step: quality cost, the quality appraisal and its veto ------------


class CostSettingsRecord(Audited, Base):
    """The quality-cost settings (one row, written when the currency is first chosen or
    would otherwise change with the organisation's language): the workspace's one currency."""

    __tablename__ = "cost_settings"
    __audit_entity__ = "cost_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))  # ISO 4217 code


class QualityCostRecord(RegisterRow, Base):
    __tablename__ = "quality_cost"
    __audit_entity__ = "quality_cost"
    period: Mapped[dt.date] = mapped_column(Date, index=True)
    category: Mapped[str] = mapped_column(String(20))
    department: Mapped[str] = mapped_column(Text)
    amount: Mapped[float] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text)


class CostPeriodRecord(RegisterRow, Base):
    __tablename__ = "cost_period"
    __audit_entity__ = "cost_period"
    period: Mapped[dt.date] = mapped_column(Date)
    revenue: Mapped[float | None] = mapped_column(Float, nullable=True)


class VetoTriggerRecord(RegisterRow, Base):
    __tablename__ = "veto_trigger"
    __audit_entity__ = "veto_trigger"
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)


class AppraisalRecord(RegisterRow, Base):
    __tablename__ = "appraisal"
    __audit_entity__ = "appraisal"
    period: Mapped[dt.date] = mapped_column(Date)
    period_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    department: Mapped[str] = mapped_column(Text)
    person: Mapped[int | None] = mapped_column(Integer, nullable=True)
    indicators: Mapped[str] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    veto_applied: Mapped[str] = mapped_column(String(5))
    veto_reason: Mapped[str] = mapped_column(Text)
    trigger: Mapped[int | None] = mapped_column(Integer, nullable=True)
    economic_effect: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


REGISTER_MODELS: dict[str, type[RegisterRow]] = {
    "lesson": LessonRecord,
    "person": PersonRecord,
    "study_plan": StudyPlanRecord,
    "training": TrainingRecord,
    "benchmark": BenchmarkRecord,
    "objective": ObjectiveRecord,
    "element": ElementRecord,
    "process": ProcessRecord,
    "planned_document": PlannedDocumentRecord,
    "service_item": ServiceItemRecord,
    "satisfaction_standard": SatisfactionStandardRecord,
    "customer_need": CustomerNeedRecord,
    "moment_of_truth": MomentOfTruthRecord,
    "role": RoleRecord,
    "responsibility": ResponsibilityRecord,
    "facility": FacilityRecord,
    "basic_work": BasicWorkRecord,
    "feedback_channel": FeedbackChannelRecord,
    "complaint": ComplaintRecord,
    "recovery": RecoveryRecord,
    "commitment_claim": CommitmentClaimRecord,
    "survey": SurveyRecord,
    "survey_item": SurveyItemRecord,
    "survey_response": SurveyResponseRecord,
    "recovery_token": RecoveryTokenRecord,
    "result": ResultRecord,
    "customer_period": CustomerPeriodRecord,
    "internal_audit": InternalAuditRecord,
    "qc_circle": QcCircleRecord,
    "qc_project": QcProjectRecord,
    "culture_activity": CultureActivityRecord,
    "management_review": ManagementReviewRecord,
    "nonconformity": NonconformityRecord,
    "quality_cost": QualityCostRecord,
    "cost_period": CostPeriodRecord,
    "veto_trigger": VetoTriggerRecord,
    "appraisal": AppraisalRecord,
}


# -- document control (the Refine step): controlled documents, their revisions and files ----


class DocumentControlRecord(Audited, Base):
    """The organisation's document-control settings (one row): how revisions are labelled."""

    __tablename__ = "document_control"
    __audit_entity__ = "document_control"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_scheme: Mapped[str] = mapped_column(String(10), default="letters")  # or numbers


class ControlledDocumentRecord(Audited, Base):
    """A planned document of the Plan step under control: who owns it, what generates it
    (a template, or nothing for a document written elsewhere and uploaded), who gets it."""

    __tablename__ = "controlled_document"
    __audit_entity__ = "controlled_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # the planned_document's id (its number, title and level are read from there)
    planned_document: Mapped[int] = mapped_column(Integer, unique=True)
    template_id: Mapped[str] = mapped_column(String(80), default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    distribution: Mapped[str] = mapped_column(Text, default="")


class DocumentRevisionRecord(Audited, Base):
    """One revision of a controlled document, with its status and the people and dates of
    its review, approval and issue. Frozen from approval on (storage.document_control)."""

    __tablename__ = "document_revision"
    __audit_entity__ = "document_revision"
    __table_args__ = (UniqueConstraint("document_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("controlled_document.id", ondelete="RESTRICT"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)  # 1, 2, 3 … in the order made
    label: Mapped[str] = mapped_column(String(10))  # A, B … or 1, 2 …
    status: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(10))  # generated / uploaded
    author: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(Text, default="")
    approver: Mapped[str] = mapped_column(Text, default="")
    change_summary: Mapped[str] = mapped_column(Text, default="")
    created_on: Mapped[dt.date] = mapped_column(Date)
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    approved_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    issued_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    effective_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # superseded/withdrawn


class DocumentFileRecord(Audited, Base):
    """A file of a revision (its PDF, DOCX, the markup or text it was made from, or an
    uploaded file) in one language; the contents are a `blob` under `sha256`."""

    __tablename__ = "document_file"
    __audit_entity__ = "document_file"
    __table_args__ = (UniqueConstraint("revision_id", "lang", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("document_revision.id", ondelete="RESTRICT"), index=True
    )
    lang: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(10))  # pdf / docx / text / context / upload
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
