"""The gap report's conclusion: readiness verdict and its figures (domain.gap_report)."""

from __future__ import annotations

import datetime as dt

from qms_desktop.domain.assessment import Action, ActionState, Grade, ItemAssessment, Status
from qms_desktop.domain.gap_report import (
    NOT_READY,
    READY,
    READY_AFTER_ACTIONS,
    conclude,
    grade_counts,
)

TODAY = dt.date(2026, 11, 26)


def item(ref: str, status: Status, grade: Grade = Grade.NONE, **action: object) -> ItemAssessment:
    return ItemAssessment("iso", ref, status, grade, action=Action(**action))  # type: ignore[arg-type]


def test_ready_when_everything_conforms_and_nothing_is_open():
    k = conclude([item("4.1", Status.CONFORMING), item("4.2", Status.NOT_APPLICABLE)], TODAY)
    assert (k.verdict, k.applicable, k.conforming) == (READY, 1, 1)


def test_ready_after_actions_with_partial_findings_and_open_actions():
    items = [
        item("4.1", Status.CONFORMING),
        item("4.2", Status.PARTIAL, Grade.MINOR, text="Register", due=dt.date(2026, 11, 1)),
    ]
    k = conclude(items, TODAY)
    assert k.verdict == READY_AFTER_ACTIONS
    assert (k.partial, k.minor, k.open_actions, k.overdue_actions) == (1, 1, 1, 1)


def test_not_ready_names_what_is_missing():
    items = [
        item("4.1", Status.NOT_ASSESSED),
        item("6.1", Status.NONCONFORMING, Grade.MAJOR),  # no action written
        item("4.3", Status.CONFORMING, text="Scope", state=ActionState.IN_PROGRESS),
        item("7.1.5", Status.CONFORMING, text="Calibrate", state=ActionState.DONE),
    ]
    k = conclude(items, TODAY)
    assert k.verdict == NOT_READY
    assert (k.not_assessed, k.nonconforming, k.major) == (1, 1, 1)
    assert k.findings_without_action == 1 and k.actions_left_open == 1
    assert conclude([item("4.1", Status.NOT_ASSESSED)], TODAY).verdict == NOT_READY


def test_every_grade_is_counted_even_at_zero():
    counts = grade_counts([item("6.1", Status.NONCONFORMING, Grade.MAJOR)])
    assert counts[Grade.MAJOR] == 1 and counts[Grade.OFI] == 0 and Grade.NONE not in counts
    assert len(counts) == 5
