"""What a gap report concludes from an assessment's items: how ready the organisation is for
its certification audit, and the counts and lists behind that conclusion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from qms_desktop.domain.assessment import Grade, ItemAssessment, Status

READY = "ready"  # every applicable requirement assessed and conforming, no open action
READY_AFTER_ACTIONS = "ready_after_actions"  # no major or full nonconformity; actions open
NOT_READY = "not_ready"  # requirements not assessed, or a major or full nonconformity


@dataclass(frozen=True)
class Conclusion:
    verdict: str
    applicable: int
    not_assessed: int
    conforming: int
    partial: int
    nonconforming: int
    major: int
    minor: int
    open_actions: int
    overdue_actions: int
    findings_without_action: int  # partial or nonconforming with no action written
    actions_left_open: int  # open actions on requirements now conforming or not applicable


def conclude(items: Iterable[ItemAssessment], today: dt.date) -> Conclusion:
    """The readiness verdict and its figures (see READY, READY_AFTER_ACTIONS, NOT_READY)."""
    items = list(items)
    applicable = [i for i in items if i.applicable]

    def count(status: Status) -> int:
        return sum(1 for i in applicable if i.status is status)

    findings = [i for i in applicable if i.status in (Status.PARTIAL, Status.NONCONFORMING)]
    open_actions = [i.action for i in items if i.action.is_open]
    not_assessed = count(Status.NOT_ASSESSED)
    nonconforming = count(Status.NONCONFORMING)
    major = sum(1 for i in findings if i.grade is Grade.MAJOR)
    if not_assessed or nonconforming or major:
        verdict = NOT_READY
    elif findings or open_actions:
        verdict = READY_AFTER_ACTIONS
    else:
        verdict = READY
    return Conclusion(
        verdict=verdict,
        applicable=len(applicable),
        not_assessed=not_assessed,
        conforming=count(Status.CONFORMING),
        partial=count(Status.PARTIAL),
        nonconforming=nonconforming,
        major=major,
        minor=sum(1 for i in findings if i.grade is Grade.MINOR),
        open_actions=len(open_actions),
        overdue_actions=sum(1 for a in open_actions if a.due is not None and a.due < today),
        findings_without_action=sum(1 for i in findings if not i.action.text.strip()),
        actions_left_open=sum(
            1
            for i in items
            if i.action.is_open and i.status in (Status.CONFORMING, Status.NOT_APPLICABLE)
        ),
    )


def grade_counts(items: Iterable[ItemAssessment]) -> dict[Grade, int]:
    """How many findings carry each grade (every grade listed, none left out)."""
    counts: dict[Grade, int] = {g: 0 for g in Grade if g is not Grade.NONE}
    for i in items:
        if i.grade is not Grade.NONE:
            counts[i.grade] += 1
    return counts
