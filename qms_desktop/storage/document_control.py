"""The freeze of approved document revisions, enforced where every service's writes pass: a
`before_flush` hook of the workspace session. Once a revision is approved its files (and the
blobs they point at), its words and its people never change and it is never deleted; only its
status may move on (issued, superseded, withdrawn) with the dates of those moves."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from qms_desktop.domain.document_control import RevisionStatus
from qms_desktop.domain.errors import QmsError
from qms_desktop.storage.models import (
    BlobRecord,
    ControlledDocumentRecord,
    DocumentFileRecord,
    DocumentRevisionRecord,
    PlannedDocumentRecord,
)

# What may still change on a frozen revision: its status (forward) and the dates of issue
# and of its end.
MOVABLE_WHEN_FROZEN = frozenset({"status", "issued_on", "ended_on"})


def _stored_status(revision: DocumentRevisionRecord) -> RevisionStatus | None:
    """The revision's status as last stored (None for a revision not yet stored)."""
    state = inspect(revision)
    if state.pending or state.transient:
        return None
    history = state.attrs.status.history
    value = history.deleted[0] if history.deleted else revision.status
    try:
        return RevisionStatus(value)
    except ValueError:
        return None


def _frozen(revision: DocumentRevisionRecord | None) -> bool:
    status = None if revision is None else _stored_status(revision)
    return status is not None and status.frozen


def _changed(obj: object) -> set[str]:
    state = inspect(obj)
    return {a.key for a in state.attrs if a.history.has_changes()}


def _refuse(label: str) -> QmsError:
    return QmsError("document_control.frozen", revision=label)


def refuse_frozen_changes(session: Session, _flush_context: object, _instances: Any) -> None:
    """Refuse (raise) any change to an approved revision other than its status moving on,
    any change to its files, the deletion of either, and the deletion of a planned document
    with approved revisions; keep blobs an approved revision's file points at."""
    with session.no_autoflush:
        for obj in list(session.dirty) + list(session.deleted):
            if isinstance(obj, DocumentRevisionRecord) and _frozen(obj):
                if obj in session.deleted:
                    raise _refuse(obj.label)
                changed = _changed(obj)
                if changed - MOVABLE_WHEN_FROZEN:
                    raise _refuse(obj.label)
                if "status" in changed and not RevisionStatus(obj.status).frozen:
                    raise _refuse(obj.label)
        for obj in list(session.new) + list(session.dirty) + list(session.deleted):
            if isinstance(obj, DocumentFileRecord):
                if obj in session.dirty and not _changed(obj):
                    continue
                revision = session.get(DocumentRevisionRecord, obj.revision_id)
                if _frozen(revision):
                    raise _refuse(revision.label if revision else "?")
        for obj in list(session.dirty) + list(session.deleted):
            if isinstance(obj, BlobRecord) and _used(session, obj.sha256):
                if obj in session.deleted:
                    session.expunge(obj)  # still a revision's file: kept
                elif _changed(obj):
                    raise _refuse(obj.sha256[:12])
            elif isinstance(obj, PlannedDocumentRecord) and obj in session.deleted:
                _leave_control(session, obj)
            elif isinstance(obj, ControlledDocumentRecord) and obj in session.deleted:
                label = _approved_revision_of(session, obj.planned_document)
                if label is not None:
                    raise _refuse(label)


def _leave_control(session: Session, planned: PlannedDocumentRecord) -> None:
    """A planned document deleted: refused while it has revisions (approved ones are kept
    for good; drafts are deleted in document control first), else its control data goes
    with it, so no control row is left pointing at nothing (or at a later record that
    takes the same id)."""
    label = _approved_revision_of(session, planned.id)
    if label is not None:
        raise QmsError(
            "document_control.planned_document_controlled", number=planned.number, revision=label
        )
    control = session.scalar(
        select(ControlledDocumentRecord).where(
            ControlledDocumentRecord.planned_document == planned.id
        )
    )
    if control is None:
        return
    drafts = session.scalars(
        select(DocumentRevisionRecord.label).where(DocumentRevisionRecord.document_id == control.id)
    ).all()
    if drafts:
        raise QmsError(
            "document_control.planned_document_has_drafts",
            number=planned.number,
            revisions=list(drafts),
        )
    session.delete(control)


def _used(session: Session, digest: str) -> bool:
    return (
        session.scalar(
            select(DocumentFileRecord.id).where(DocumentFileRecord.sha256 == digest).limit(1)
        )
        is not None
    )


def _approved_revision_of(session: Session, planned_document_id: int) -> str | None:
    frozen = [s.value for s in RevisionStatus if s.frozen]
    return session.scalar(
        select(DocumentRevisionRecord.label)
        .join(
            ControlledDocumentRecord,
            ControlledDocumentRecord.id == DocumentRevisionRecord.document_id,
        )
        .where(
            ControlledDocumentRecord.planned_document == planned_document_id,
            DocumentRevisionRecord.status.in_(frozen),
        )
        .limit(1)
    )
