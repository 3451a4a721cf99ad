"""Document control (the Refine step's register): a revision's status machine, revision
labels (A, B… or 1, 2…, the organisation's choice) and the readable diff between revisions."""

from __future__ import annotations

import difflib
import enum

from qms_desktop.domain.errors import QmsError, ValidationError


class RevisionStatus(enum.Enum):
    """Where a revision is in its life: written, reviewed, approved, issued, then replaced
    by the next issued revision (superseded) or taken out of use (withdrawn)."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    ISSUED = "issued"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"

    @property
    def frozen(self) -> bool:
        """An approved revision's files and words never change again."""
        return self not in (RevisionStatus.DRAFT, RevisionStatus.IN_REVIEW)

    @property
    def current(self) -> bool:
        """Still on its way to use or in use (not superseded or withdrawn)."""
        return self not in (RevisionStatus.SUPERSEDED, RevisionStatus.WITHDRAWN)


S = RevisionStatus

# The moves a person makes; SUPERSEDED is reached only when the next revision is issued.
TRANSITIONS: dict[RevisionStatus, frozenset[RevisionStatus]] = {
    S.DRAFT: frozenset({S.IN_REVIEW, S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.DRAFT, S.APPROVED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.ISSUED, S.WITHDRAWN}),
    S.ISSUED: frozenset({S.WITHDRAWN}),
    S.SUPERSEDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

STATUS_TEXT: dict[RevisionStatus, tuple[str, str]] = {
    S.DRAFT: ("Draft", "草案"),
    S.IN_REVIEW: ("In review", "评审中"),
    S.APPROVED: ("Approved", "已批准"),
    S.ISSUED: ("Issued", "已发布"),
    S.SUPERSEDED: ("Superseded", "已作废（被替代）"),
    S.WITHDRAWN: ("Withdrawn", "已撤销"),
}

REVISION_SCHEMES = ("letters", "numbers")


def status_text(status: RevisionStatus, lang: str) -> str:
    en, zh = STATUS_TEXT[status]
    return zh if lang == "zh_CN" else en


def check_transition(
    old: RevisionStatus, new: RevisionStatus, *, reviewer: str = "", approver: str = ""
) -> None:
    """Refuse a move the status machine does not allow, and a review without a reviewer or
    an approval without an approver."""
    if new not in TRANSITIONS[old]:
        raise QmsError(
            "document_control.bad_transition",
            old=_status_message(old),
            new=_status_message(new),
        )
    if new is S.IN_REVIEW and not reviewer.strip():
        raise ValidationError("reviewer", "document_control.needs_reviewer")
    if new is S.APPROVED and not approver.strip():
        raise ValidationError("approver", "document_control.needs_approver")


def _status_message(status: RevisionStatus) -> object:
    from qms_desktop.domain.messages import Message

    return Message(f"document_control.status_{status.value}")


def revision_label(ordinal: int, scheme: str = "letters") -> str:
    """The label of the `ordinal`-th revision (1-based): A, B … Z, AA, AB … or 1, 2, 3 …"""
    if ordinal < 1:
        raise ValueError("revisions are counted from 1")
    if scheme == "numbers":
        return str(ordinal)
    if scheme != "letters":
        raise ValidationError("revision_scheme", "document_control.bad_scheme", scheme=scheme)
    label = ""
    n = ordinal
    while n:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def text_diff(old: str, new: str, old_label: str, new_label: str) -> list[str]:
    """What changed from one revision's text to the next, as unified-diff lines (lines
    removed start with "-", added with "+", a few unchanged around each change)."""
    return list(
        difflib.unified_diff(
            old.splitlines(),
            new.splitlines(),
            fromfile=old_label,
            tofile=new_label,
            lineterm="",
            n=2,
        )
    )
