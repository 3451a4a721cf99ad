"""Document control's status machine, revision labels and diffs (domain.document_control)."""

from __future__ import annotations

import pytest

from qms_desktop.domain.document_control import (
    TRANSITIONS,
    RevisionStatus,
    check_transition,
    revision_label,
    status_text,
    text_diff,
)
from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.domain.steps import refine_rule

S = RevisionStatus


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (S.DRAFT, S.IN_REVIEW),
        (S.IN_REVIEW, S.DRAFT),
        (S.IN_REVIEW, S.APPROVED),
        (S.APPROVED, S.ISSUED),
        (S.ISSUED, S.WITHDRAWN),
        (S.DRAFT, S.WITHDRAWN),
    ],
)
def test_allowed_moves(old: RevisionStatus, new: RevisionStatus) -> None:
    check_transition(old, new, reviewer="Li Wei", approver="Zhang Min")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (S.DRAFT, S.APPROVED),  # no approval without review
        (S.DRAFT, S.ISSUED),
        (S.IN_REVIEW, S.ISSUED),
        (S.APPROVED, S.DRAFT),  # approved never goes back
        (S.APPROVED, S.IN_REVIEW),
        (S.ISSUED, S.DRAFT),
        (S.ISSUED, S.SUPERSEDED),  # only issuing the next revision supersedes
        (S.SUPERSEDED, S.ISSUED),
        (S.WITHDRAWN, S.DRAFT),
        (S.DRAFT, S.DRAFT),
    ],
)
def test_refused_moves_name_both_statuses(old: RevisionStatus, new: RevisionStatus) -> None:
    with pytest.raises(QmsError) as caught:
        check_transition(old, new, reviewer="Li Wei", approver="Zhang Min")
    assert caught.value.code == "document_control.bad_transition"
    assert old.value.replace("_", " ") in caught.value.text("en")
    assert "的版本不能变为" in caught.value.text("zh_CN")


def test_review_needs_a_reviewer_and_approval_an_approver() -> None:
    with pytest.raises(ValidationError) as caught:
        check_transition(S.DRAFT, S.IN_REVIEW, reviewer="  ")
    assert caught.value.field == "reviewer"
    with pytest.raises(ValidationError) as caught:
        check_transition(S.IN_REVIEW, S.APPROVED, reviewer="Li Wei")
    assert caught.value.field == "approver"


def test_frozen_from_approval_on() -> None:
    assert [s for s in S if not s.frozen] == [S.DRAFT, S.IN_REVIEW]
    assert all(not TRANSITIONS[s] for s in (S.SUPERSEDED, S.WITHDRAWN))
    assert status_text(S.IN_REVIEW, "zh_CN") == "评审中"


def test_revision_labels_letters_and_numbers() -> None:
    assert [revision_label(i) for i in (1, 2, 3, 26, 27, 28, 52, 53)] == [
        "A", "B", "C", "Z", "AA", "AB", "AZ", "BA",
    ]  # fmt: skip
    assert [revision_label(i, "numbers") for i in (1, 2, 10)] == ["1", "2", "10"]
    with pytest.raises(ValidationError):
        revision_label(1, "roman")
    with pytest.raises(ValueError):
        revision_label(0)


def test_text_diff_shows_removed_and_added_lines() -> None:
    old = "# Scope\nAll hotels.\n# Policy\nWe listen.\n"
    new = "# Scope\nAll hotels and the airport site.\n# Policy\nWe listen.\n"
    lines = text_diff(old, new, "A", "B")
    assert lines[0] == "--- A" and lines[1] == "+++ B"
    assert "-All hotels." in lines and "+All hotels and the airport site." in lines
    assert text_diff(old, old, "A", "B") == []


def test_refine_rule_wants_every_planned_document_issued() -> None:
    empty = refine_rule([])
    assert empty.measured and not empty.met
    assert [m.code for m in empty.missing] == ["document_control.no_planned_documents"]
    half = refine_rule([("HLH-QM-01", True), ("HLH-QP-01", False)], started=True)
    assert half.started and not half.met and half.progress == 0.5
    assert [m.text("en") for m in half.missing] == ["HLH-QP-01 not yet issued"]
    assert refine_rule([("HLH-QM-01", True)]).met
