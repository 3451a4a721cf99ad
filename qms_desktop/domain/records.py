"""A record of one of the step registers, as plain values."""

from __future__ import annotations

from dataclasses import dataclass

from qms_desktop.domain.attachments import AttachmentSnapshot


@dataclass(frozen=True)
class Record:
    register: str  # the register's key
    id: int
    values: dict[str, object]
    # the files attached to a deleted record, so that putting it back brings them too
    files: tuple[AttachmentSnapshot, ...] = ()
