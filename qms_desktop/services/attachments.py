"""Files attached to the records of any register (a lesson's photo, a training certificate,
a calibration record, the evidence of basic management work): attach, list, read, remove
and put back. The bytes are kept inside the workspace once per SHA-256, beside the
checklist's evidence files (storage.blobs)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qms_desktop.domain.attachments import (
    MAX_ATTACHMENT_BYTES,
    NO_ATTACHMENTS,
    Attachment,
    AttachmentSnapshot,
)
from qms_desktop.domain.errors import ValidationError, WorkspaceError
from qms_desktop.domain.filenames import safe_file_name
from qms_desktop.domain.registers import REGISTERS
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.blobs import digest_of, drop_unused_blobs, read_blob, store_blob
from qms_desktop.storage.models import REGISTER_MODELS, AttachmentRecord
from qms_desktop.storage.workspace import Workspace

FIELD = "attachments"  # what a refusal names, for the form to show it by the list

# A file to attach: a path on disk, or a name and its bytes (a drop from another program).
FileToAttach = Path | tuple[str, bytes]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _to_attachment(r: AttachmentRecord) -> Attachment:
    return Attachment(r.id, r.register, r.record_id, r.name, r.sha256, r.size, r.added_at)


def _changes(register: str) -> ChangeSet:
    return ChangeSet(
        steps=frozenset({REGISTERS[register].step.value}), registers=frozenset({register})
    )


def _check_register(register: str) -> None:
    if register not in REGISTERS:
        raise ValidationError("register", "core.no_such_register", register=register)
    if register in NO_ATTACHMENTS:
        raise ValidationError(FIELD, "attachments.not_here")


def _too_large(name: str, size: int, max_bytes: int) -> ValidationError:
    return ValidationError(
        FIELD,
        "attachments.too_large",
        name=name,
        size_mb=round(size / 1048576, 1),
        limit_mb=round(max_bytes / 1048576),
    )


def read_file(path: Path, max_bytes: int = MAX_ATTACHMENT_BYTES) -> tuple[str, bytes]:
    """A file's name and bytes, refused before anything is stored when it is a link, not a
    file, unreadable or larger than `max_bytes` (the size is looked at before reading)."""
    path = Path(path)
    name = path.name or str(path)
    if path.is_symlink():  # never follow a link to somewhere the user did not choose
        raise ValidationError(FIELD, "attachments.is_link", name=name, target=os.readlink(path))
    try:
        st = path.stat()
    except OSError as exc:
        raise ValidationError(
            FIELD, "attachments.cannot_read", name=name, reason=exc.strerror or str(exc)
        ) from exc
    if not path.is_file():
        raise ValidationError(FIELD, "attachments.not_a_file", name=name)
    if st.st_size > max_bytes:
        raise _too_large(name, st.st_size, max_bytes)
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)  # a file that grew meanwhile is still bounded
    except OSError as exc:
        raise ValidationError(
            FIELD, "attachments.cannot_read", name=name, reason=exc.strerror or str(exc)
        ) from exc
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    return name, data


def attach_files(
    ws: Workspace,
    actor: str,
    register: str,
    record_id: int,
    files: Sequence[FileToAttach],
    *,
    max_bytes: int = MAX_ATTACHMENT_BYTES,
) -> tuple[list[Attachment], ChangeSet]:
    """Attach files to a record in one transaction: all of them or, at the first refusal,
    none. Bytes already held (by any attachment or evidence file) are not stored again."""
    _check_register(register)
    if not files:
        raise ValidationError(FIELD, "attachments.needs_file")
    read: list[tuple[str, bytes]] = []
    for f in files:
        name, data = read_file(f, max_bytes) if isinstance(f, Path) else f
        if len(data) > max_bytes:
            raise _too_large(name, len(data), max_bytes)
        read.append((safe_file_name(name, "attachment"), data))
    added: list[AttachmentRecord] = []
    with ws.editing(actor) as s:
        _check_record(s, register, record_id)
        for name, data in read:
            row = AttachmentRecord(
                register=register,
                record_id=record_id,
                name=name,
                sha256=store_blob(s, data),
                size=len(data),
                added_at=_now(),
            )
            s.add(row)
            added.append(row)
        s.flush()
        result = [_to_attachment(r) for r in added]
    return result, _changes(register)


def _check_record(s: Session, register: str, record_id: int) -> None:
    if s.get(REGISTER_MODELS[register], record_id) is None:
        raise WorkspaceError("attachments.no_record")


def attachments_of(ws: Workspace, register: str, record_id: int) -> list[Attachment]:
    """A record's attachments in the order they were attached."""
    with ws.reading() as s:
        rows = s.scalars(
            select(AttachmentRecord)
            .where(AttachmentRecord.register == register, AttachmentRecord.record_id == record_id)
            .order_by(AttachmentRecord.id)
        )
        return [_to_attachment(r) for r in rows]


def attachment_counts(ws: Workspace, register: str) -> dict[int, int]:
    """How many files each record of a register has (records without any left out)."""
    with ws.reading() as s:
        rows = s.execute(
            select(AttachmentRecord.record_id, func.count())
            .where(AttachmentRecord.register == register)
            .group_by(AttachmentRecord.record_id)
        )
        return {int(record_id): int(count) for record_id, count in rows}


def all_attachments(ws: Workspace) -> list[Attachment]:
    """Every attachment of the workspace, by register and record (the auditor's package)."""
    with ws.reading() as s:
        rows = s.scalars(
            select(AttachmentRecord).order_by(
                AttachmentRecord.register, AttachmentRecord.record_id, AttachmentRecord.id
            )
        )
        return [_to_attachment(r) for r in rows]


def attachment_data(ws: Workspace, attachment_id: int) -> bytes:
    """An attachment's bytes, checked against its SHA-256."""
    with ws.reading() as s:
        row = s.get(AttachmentRecord, attachment_id)
        if row is None:
            raise WorkspaceError("attachments.gone")
        data = read_blob(s, row.sha256)
        if data is None or digest_of(data) != row.sha256:
            raise WorkspaceError("attachments.damaged", name=row.name)
        return data


def remove_attachments(
    ws: Workspace, actor: str, attachment_ids: Sequence[int]
) -> tuple[list[AttachmentSnapshot], ChangeSet]:
    """Remove attachments in one transaction (their bytes too, when nothing else uses
    them); returns what `restore_attachments` needs to put them back."""
    with ws.editing(actor) as s:
        rows = []
        for attachment_id in dict.fromkeys(attachment_ids):
            row = s.get(AttachmentRecord, attachment_id)
            if row is None:
                raise WorkspaceError("attachments.gone")
            rows.append(row)
        snapshots = _take(s, rows)
    changes = ChangeSet()
    for register in {snap.file.register for snap in snapshots}:
        changes |= _changes(register)
    return snapshots, changes


def restore_attachments(
    ws: Workspace, actor: str, snapshots: Sequence[AttachmentSnapshot]
) -> ChangeSet:
    """Put removed attachments back under their old ids (the undo of a remove, the redo of
    an attach), in one transaction."""
    changes = ChangeSet()
    with ws.editing(actor) as s:
        for snap in snapshots:
            _check_record(s, snap.file.register, snap.file.record_id)
        put_back_attachments(s, snapshots)
    for register in {snap.file.register for snap in snapshots}:
        changes |= _changes(register)
    return changes


# -- inside another service's transaction (a record deleted and put back) ---------------


def take_attachments(
    s: Session, register: str, record_ids: Iterable[int]
) -> tuple[AttachmentSnapshot, ...]:
    """Delete the attachments of records about to be deleted, in the caller's session;
    returns them with their bytes, for `put_back_attachments`."""
    ids = list(record_ids)
    if not ids:
        return ()
    rows = list(
        s.scalars(
            select(AttachmentRecord)
            .where(AttachmentRecord.register == register, AttachmentRecord.record_id.in_(ids))
            .order_by(AttachmentRecord.id)
        )
    )
    return tuple(_take(s, rows)) if rows else ()


def _take(s: Session, rows: list[AttachmentRecord]) -> list[AttachmentSnapshot]:
    snapshots = []
    for row in rows:
        # damaged contents do not stop a removal; putting them back is what refuses
        data = read_blob(s, row.sha256) or b""
        snapshots.append(AttachmentSnapshot(_to_attachment(row), data))
        s.delete(row)
    s.flush()
    drop_unused_blobs(s, {snap.file.sha256 for snap in snapshots})
    return snapshots


def put_back_attachments(s: Session, snapshots: Iterable[AttachmentSnapshot]) -> None:
    """Put attachments back under their ids, in the caller's session (whose records they
    belong to must be there)."""
    for snap in snapshots:
        f = snap.file
        if digest_of(snap.data) != f.sha256:
            raise WorkspaceError("attachments.damaged", name=f.name)
        if s.get(AttachmentRecord, f.id) is not None:
            raise WorkspaceError("attachments.exists", id=f.id)
        store_blob(s, snap.data, f.sha256)
        s.add(
            AttachmentRecord(
                id=f.id,
                register=f.register,
                record_id=f.record_id,
                name=f.name,
                sha256=f.sha256,
                size=f.size,
                added_at=f.added_at,
            )
        )
    s.flush()
