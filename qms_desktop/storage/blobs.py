"""File contents kept inside the workspace, once per SHA-256 however many files share them:
the evidence files of checklist items and the attachments of register records both point
at a `blob` row by its digest. Contents still pointed at are never deleted."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from qms_desktop.storage.models import Base, BlobRecord


def blob_users() -> list[Any]:
    """Every model whose rows point at a blob by a `sha256` column (evidence files,
    attachments, and any kind of file added later), found from the models themselves."""
    return [
        m.class_
        for m in Base.registry.mappers
        if m.class_ is not BlobRecord and "sha256" in m.columns
    ]


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_blob(s: Session, data: bytes, digest: str | None = None) -> str:
    """Keep `data` (once: contents already held are not stored again); returns its digest."""
    digest = digest or digest_of(data)
    if s.get(BlobRecord, digest) is None:
        s.add(BlobRecord(sha256=digest, data=data))
    return digest


def read_blob(s: Session, digest: str) -> bytes | None:
    """The contents kept under `digest` (None when none are); check them with `digest_of`."""
    blob = s.get(BlobRecord, digest)
    return None if blob is None else blob.data


def blob_in_use(s: Session, digest: str) -> bool:
    """Whether any file points at `digest`, as the session sees it (rows it is about to
    delete do not count, rows it is about to add do)."""
    users = tuple(blob_users())
    if any(isinstance(o, users) and o.sha256 == digest for o in s.new):
        return True
    leaving = {inspect(o).identity_key for o in s.deleted if isinstance(o, users)}
    with s.no_autoflush:
        for model in users:
            key = inspect(model).primary_key[0]
            ids = s.scalars(select(key).where(model.sha256 == digest).limit(len(leaving) + 1))
            if any(inspect(model).identity_key_from_primary_key((i,)) not in leaving for i in ids):
                return True
    return False


def drop_unused_blobs(s: Session, digests: Iterable[str]) -> None:
    """Delete the contents under `digests` that nothing points at any more (call after the
    files pointing at them were deleted and flushed)."""
    for digest in set(digests):
        if not blob_in_use(s, digest):
            blob = s.get(BlobRecord, digest)
            if blob is not None:
                s.delete(blob)


def keep_used_blobs(session: Session, _flush_context: object, _instances: Any) -> None:
    """A `before_flush` hook: contents that a file still points at are kept even when a
    caller that counts only its own kind of file asks for them to be deleted (the
    checklist counts evidence files; attachments may share the same bytes)."""
    for obj in list(session.deleted):
        if isinstance(obj, BlobRecord) and blob_in_use(session, obj.sha256):
            session.expunge(obj)
