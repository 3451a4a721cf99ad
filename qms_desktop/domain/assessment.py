"""Gap assessments: statuses, finding grades, actions, scoring, readiness and comparison.

Scoring follows the convention users know from other GRC tools: conforming counts 1,
partially conforming ½, nonconforming 0; not-applicable and not-assessed items are
left out of conformity. Progress is the share of applicable items assessed.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from qms_desktop.domain.errors import ValidationError


class Status(enum.Enum):
    NOT_ASSESSED = "not_assessed"
    CONFORMING = "conforming"
    PARTIAL = "partial"
    NONCONFORMING = "nonconforming"
    NOT_APPLICABLE = "not_applicable"


# The keys 0-4 set a status on the Compare page, in this order.
STATUS_KEYS: dict[str, Status] = {
    "0": Status.NOT_ASSESSED,
    "1": Status.CONFORMING,
    "2": Status.PARTIAL,
    "3": Status.NONCONFORMING,
    "4": Status.NOT_APPLICABLE,
}

SCORE: dict[Status, float] = {
    Status.CONFORMING: 1.0,
    Status.PARTIAL: 0.5,
    Status.NONCONFORMING: 0.0,
}


class Grade(enum.Enum):
    NONE = ""
    MAJOR = "major"
    MINOR = "minor"
    OBSERVATION = "observation"
    OFI = "ofi"  # opportunity for improvement
    GOOD_PRACTICE = "good_practice"


_GRADES_FOR: dict[Status, set[Grade]] = {
    Status.CONFORMING: {Grade.NONE, Grade.GOOD_PRACTICE, Grade.OFI},
    Status.PARTIAL: {Grade.NONE, Grade.MAJOR, Grade.MINOR, Grade.OBSERVATION, Grade.OFI},
    Status.NONCONFORMING: {Grade.NONE, Grade.MAJOR, Grade.MINOR, Grade.OBSERVATION, Grade.OFI},
    Status.NOT_ASSESSED: {Grade.NONE},
    Status.NOT_APPLICABLE: {Grade.NONE},
}


class Priority(enum.Enum):
    NONE = ""
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ActionState(enum.Enum):
    NONE = ""
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Action:
    text: str = ""
    owner: str = ""
    due: dt.date | None = None
    priority: Priority = Priority.NONE
    state: ActionState = ActionState.NONE

    @property
    def is_open(self) -> bool:
        return bool(self.text.strip()) and self.state in (
            ActionState.NONE,
            ActionState.OPEN,
            ActionState.IN_PROGRESS,
        )


@dataclass(frozen=True)
class ItemAssessment:
    """What an assessment records against one requirement."""

    library_id: str
    ref: str
    status: Status = Status.NOT_ASSESSED
    grade: Grade = Grade.NONE
    na_justification: str = ""
    current_practice: str = ""
    evidence_notes: str = ""
    gap: str = ""
    action: Action = field(default_factory=Action)
    changed_by: str = ""
    changed_at: str = ""

    @property
    def applicable(self) -> bool:
        return self.status is not Status.NOT_APPLICABLE


def implied_values(item: ItemAssessment, changed: dict[str, object]) -> dict[str, object]:
    """What a change implies for the other fields: a new status clears a grade that does not
    fit it (a major nonconformity cannot stay on a conforming finding; a requirement not
    assessed has no grade), unless the same change sets the grade itself."""
    if (
        "status" in changed
        and "grade" not in changed
        and item.grade not in _GRADES_FOR[item.status]
    ):
        return {"grade": Grade.NONE}
    return {}


def validate_item(item: ItemAssessment) -> None:
    """Raise ValidationError when the item's fields contradict each other."""
    if item.grade not in _GRADES_FOR[item.status]:
        raise ValidationError(
            "grade", "core.grade_does_not_fit", grade=item.grade.value, status=item.status.value
        )
    if item.status is Status.NOT_APPLICABLE and not item.na_justification.strip():
        raise ValidationError("na_justification", "core.na_needs_justification")
    if item.action.text.strip() and item.action.state is ActionState.NONE:
        pass  # an action without a state counts as open
    for name in ("current_practice", "evidence_notes", "gap", "na_justification"):
        if len(getattr(item, name)) > 1_000_000:
            raise ValidationError(name, "core.text_too_long", limit=1_000_000)


@dataclass(frozen=True)
class Score:
    conformity: float | None  # None when nothing applicable is assessed yet
    progress: float  # share of applicable items assessed, 0..1
    assessed: int
    applicable: int
    total: int
    counts: dict[Status, int]


def score(items: Iterable[ItemAssessment]) -> Score:
    # Counted by the members' plain values: hashing an Enum member runs Python code, and
    # this runs after every edit on checklists of 10 000 rows.
    counts = dict.fromkeys(_VALUES, 0)
    for item in items:
        counts[item.status._value_] += 1
    return score_from_counts({Status(v): n for v, n in counts.items()})


_VALUES = tuple(s.value for s in Status)


def score_from_counts(counts: dict[Status, int]) -> Score:
    """The score of a set of findings, given how many have each status."""
    counts = {s: counts.get(s, 0) for s in Status}
    total = sum(counts.values())
    applicable = total - counts[Status.NOT_APPLICABLE]
    assessed_scored = (
        counts[Status.CONFORMING] + counts[Status.PARTIAL] + counts[Status.NONCONFORMING]
    )
    points = sum(SCORE[s] * counts[s] for s in SCORE)
    conformity = points / assessed_scored if assessed_scored else None
    progress = assessed_scored / applicable if applicable else (1.0 if total else 0.0)
    return Score(conformity, progress, assessed_scored, applicable, total, counts)


@functools.lru_cache(maxsize=65536)
def clause_of(ref: str) -> str:
    """The top-level clause a reference code belongs to ('8.5.1' → '8', 'AC-2(1)' → 'AC')."""
    head = ref.strip()
    for sep in (".", "-", " ", "("):
        head = head.split(sep, 1)[0]
    return head or ref


def score_by_clause(items: Iterable[ItemAssessment]) -> dict[str, Score]:
    """Scores per top-level clause, in the order the clauses first appear (one pass: this
    runs after every edit on checklists of 10 000 rows)."""
    counts: dict[str, dict[str, int]] = {}
    for item in items:
        clause = clause_of(item.ref)
        per = counts.get(clause)
        if per is None:
            per = counts[clause] = dict.fromkeys(_VALUES, 0)
        per[item.status._value_] += 1
    return {
        clause: score_from_counts({Status(v): n for v, n in per.items()})
        for clause, per in counts.items()
    }


@dataclass(frozen=True)
class Readiness:
    audit_date: dt.date
    open_actions: int
    due_before_audit: int
    overdue: int
    due_after_audit: int
    without_due_date: int


def readiness(items: Iterable[ItemAssessment], audit_date: dt.date, today: dt.date) -> Readiness:
    """Open actions against the date of the next audit."""
    open_actions = [i.action for i in items if i.action.is_open]
    due = [a.due for a in open_actions if a.due is not None]
    return Readiness(
        audit_date=audit_date,
        open_actions=len(open_actions),
        due_before_audit=sum(1 for d in due if d <= audit_date),
        overdue=sum(1 for d in due if d < today),
        due_after_audit=sum(1 for d in due if d > audit_date),
        without_due_date=sum(1 for a in open_actions if a.due is None),
    )


_RANK = {Status.NONCONFORMING: 0, Status.PARTIAL: 1, Status.CONFORMING: 2}


@dataclass(frozen=True)
class Change:
    library_id: str
    ref: str
    before: Status
    after: Status


@dataclass(frozen=True)
class Comparison:
    improved: list[Change]
    regressed: list[Change]
    unchanged: int
    newly_assessed: list[Change]


def compare(before: Iterable[ItemAssessment], after: Iterable[ItemAssessment]) -> Comparison:
    """What improved and what regressed between two assessments, by requirement."""
    old = {(i.library_id, i.ref): i.status for i in before}
    improved: list[Change] = []
    regressed: list[Change] = []
    new: list[Change] = []
    unchanged = 0
    for item in after:
        key = (item.library_id, item.ref)
        was = old.get(key, Status.NOT_ASSESSED)
        change = Change(item.library_id, item.ref, was, item.status)
        if was in _RANK and item.status in _RANK:
            if _RANK[item.status] > _RANK[was]:
                improved.append(change)
            elif _RANK[item.status] < _RANK[was]:
                regressed.append(change)
            else:
                unchanged += 1
        elif was is Status.NOT_ASSESSED and item.status in _RANK:
            new.append(change)
        else:
            unchanged += 1
    return Comparison(improved, regressed, unchanged, new)
