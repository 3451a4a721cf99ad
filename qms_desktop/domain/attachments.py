"""Files attached to register records: what the workspace holds of each, and what kind of
preview its first bytes allow."""

from __future__ import annotations

from dataclasses import dataclass

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024  # as for evidence files: the workspace stays portable

# Registers whose records take no attachments: a responsibility-matrix cell is one letter.
NO_ATTACHMENTS = frozenset({"responsibility"})


@dataclass(frozen=True)
class Attachment:
    """A file attached to record `record_id` of register `register`."""

    id: int
    register: str
    record_id: int
    name: str  # a safe base name, shown as text (never markup)
    sha256: str
    size: int
    added_at: str  # UTC, ISO 8601


@dataclass(frozen=True)
class AttachmentSnapshot:
    """An attachment with its bytes: enough to put it back under its own id (an undo)."""

    file: Attachment
    data: bytes


def preview_kind(data: bytes) -> str:
    """ "image", "pdf" or "" (no preview), from the file's first bytes, not its name."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if (
        head.startswith(b"\x89PNG\r\n\x1a\n")
        or head.startswith(b"\xff\xd8\xff")
        or head[:6] in (b"GIF87a", b"GIF89a")
        or head.startswith(b"BM")
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
    ):
        return "image"
    return ""
