"""Management review (ISO 9001 9.3): the inputs of 9.3.2 gathered for the period a review
covers, from plain records of the other registers; and whether a review cycle has run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from qms_desktop.domain.actions import CLOSED_STATES, FINISHED_STATES, is_overdue
from qms_desktop.domain.operate import Target, target_met

Values = Mapping[str, object]

FINDING_GRADES = ("major", "minor", "observation", "ofi", "good_practice")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def holds(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@dataclass(frozen=True)
class ActionLine:
    """One nonconformity (corrective action) as a review lists it."""

    id: int
    description: str
    owner: str
    due: dt.date | None
    status: str
    overdue: bool
    review: int | None = None  # the review whose output it is


@dataclass(frozen=True)
class SurveyLine:
    """A satisfaction survey run in the period, with its overall SERVQUAL score."""

    id: int
    title: str
    starts_on: dt.date | None
    respondents: int
    overall: float | None
    basis: str  # "gap" (P - E) or "perception"


@dataclass(frozen=True)
class CustomerFeedback:
    complaints: int
    by_severity: dict[str, int]
    still_open: int  # complaints of the period not closed
    recoveries: int  # recovery cases for the period's complaints
    claims: int  # commitment claims made in the period
    payouts: float


@dataclass(frozen=True)
class TargetLine:
    """An objective (or satisfaction standard) with the results measured in the period."""

    label: str
    target_text: str
    results: int
    latest: float | None
    met: bool | None  # None: not measured in the period, or the target does not read
    process: str = ""


@dataclass(frozen=True)
class ProcessLine:
    """A process's performance: its objectives measured in the period and met."""

    process: str
    objectives: int
    measured: int
    met: int


@dataclass(frozen=True)
class ActionSummary:
    opened: int  # raised in the period
    closed: int  # verified or closed in the period
    overdue: int  # due by the end of the period and not finished
    still_open: int  # raised by the end of the period and not finished
    by_source: dict[str, int]  # raised in the period
    overdue_lines: tuple[ActionLine, ...]


@dataclass(frozen=True)
class AuditLine:
    """An internal audit completed in the period (or named by the review), its findings."""

    id: int
    title: str
    held_on: dt.date | None
    findings: dict[str, int]  # grade -> count


@dataclass(frozen=True)
class Opportunity:
    source: str  # "audit" (an opportunity for improvement found) or "lesson"
    text: str


@dataclass(frozen=True)
class ReviewInputs:
    """The inputs of ISO 9001:2015 9.3.2 for one review's period."""

    period: Period
    previous_actions: tuple[ActionLine, ...]  # 9.3.2 a
    changes_in_context: str  # 9.3.2 b
    surveys: tuple[SurveyLine, ...]  # 9.3.2 c 1
    feedback: CustomerFeedback
    objectives: tuple[TargetLine, ...]  # 9.3.2 c 2
    processes: tuple[ProcessLine, ...]  # 9.3.2 c 3
    actions: ActionSummary  # 9.3.2 c 4
    monitoring: tuple[TargetLine, ...]  # 9.3.2 c 5: satisfaction standards measured
    results_recorded: int
    audits: tuple[AuditLine, ...]  # 9.3.2 c 6
    supplier_performance: str  # 9.3.2 c 7
    resources: str  # 9.3.2 d
    people: int
    facilities_in_service: int
    risks_and_opportunities: str  # 9.3.2 e
    opportunities: tuple[Opportunity, ...]  # 9.3.2 f

    @property
    def previous_open(self) -> int:
        return sum(1 for a in self.previous_actions if a.status not in FINISHED_STATES)

    @property
    def findings(self) -> dict[str, int]:
        total = dict.fromkeys(FINDING_GRADES, 0)
        for a in self.audits:
            for grade, n in a.findings.items():
                total[grade] = total.get(grade, 0) + n
        return total


@dataclass(frozen=True)
class ReviewRecords:
    """What the gathering reads, as plain values (id -> the record's values)."""

    reviews: Mapping[int, Values]
    nonconformities: Mapping[int, Values]
    surveys: Sequence[SurveyLine]  # every survey with its score (the period is chosen here)
    complaints: Mapping[int, Values]
    recoveries: Iterable[Values]
    claims: Iterable[Values]
    objectives: Mapping[int, Values]
    standards: Mapping[int, tuple[str, str, Target | None]]  # id -> label, target text, target
    results: Iterable[Values]
    audits: Mapping[int, Values]  # internal audits
    findings: Mapping[int, Iterable[tuple[str, str]]]  # audit id -> its items' (grade, text)
    lessons: Iterable[Values]
    people: Iterable[Values]
    facilities: Iterable[Values]


def _line(aid: int, a: Values, on: dt.date) -> ActionLine:
    review = a.get("review")
    return ActionLine(
        aid,
        str(a.get("description") or ""),
        str(a.get("owner") or ""),
        a["due"] if isinstance(a.get("due"), dt.date) else None,  # type: ignore[arg-type]
        str(a.get("status") or ""),
        is_overdue(a, on),
        review if isinstance(review, int) else None,
    )


def earlier_reviews(reviews: Mapping[int, Values], review_id: int) -> set[int]:
    """The reviews held before this one (by date; on the same day, the ones made first)."""
    this = reviews[review_id]
    key = (this["held_on"], review_id)
    return {
        rid
        for rid, r in reviews.items()
        if rid != review_id and isinstance(r["held_on"], dt.date) and (r["held_on"], rid) < key  # type: ignore[operator]
    }


def _results_by(
    results: Iterable[Values], period: Period
) -> tuple[dict[tuple[str, int], list[tuple[dt.date, float]]], int]:
    trends: dict[tuple[str, int], list[tuple[dt.date, float]]] = {}
    count = 0
    for r in results:
        day = r["period"]
        if not period.holds(day):
            continue
        count += 1
        for key in ("objective", "standard"):
            target = r.get(key)
            if isinstance(target, int):
                trends.setdefault((key, target), []).append((day, float(r["value"])))  # type: ignore[arg-type]
    return trends, count


def _target_line(
    label: str, text: str, target: Target | None, trend: list[tuple[dt.date, float]], process: str
) -> TargetLine:
    latest = max(trend)[1] if trend else None
    met = target_met(target, latest) if latest is not None and target is not None else None
    return TargetLine(label, text, len(trend), latest, met, process)


def gather_inputs(review_id: int, records: ReviewRecords) -> ReviewInputs:
    """The 9.3.2 inputs of one review for the period it names (both ends included)."""
    review = records.reviews[review_id]
    period = Period(review["period_from"], review["period_to"])  # type: ignore[arg-type]
    end = period.end

    earlier = earlier_reviews(records.reviews, review_id)
    previous = tuple(
        _line(aid, a, end)
        for aid, a in sorted(records.nonconformities.items())
        if a.get("review") in earlier
    )

    in_period = {cid: c for cid, c in records.complaints.items() if period.holds(c["received_on"])}
    by_severity: dict[str, int] = {}
    for c in in_period.values():
        by_severity[str(c["severity"])] = by_severity.get(str(c["severity"]), 0) + 1
    claims = [c for c in records.claims if period.holds(c["claimed_on"])]
    feedback = CustomerFeedback(
        len(in_period),
        by_severity,
        sum(1 for c in in_period.values() if c["status"] != "closed"),
        sum(1 for r in records.recoveries if r["complaint"] in in_period),
        len(claims),
        sum(_number(c.get("payout")) for c in claims),
    )
    surveys = tuple(
        sorted(
            (s for s in records.surveys if period.holds(s.starts_on)),
            key=lambda s: (s.starts_on or period.start, s.id),
        )
    )

    trends, results_recorded = _results_by(records.results, period)
    objectives = tuple(
        _target_line(
            str(o["objective"]),
            f"{o.get('comparison') or '>='} {float(o['target']):g} {o.get('unit') or ''}".strip(),  # type: ignore[arg-type]
            Target(str(o.get("comparison") or ">="), float(o["target"]), str(o.get("unit") or "")),  # type: ignore[arg-type]
            trends.get(("objective", oid), []),
            str(o.get("process") or "").strip(),
        )
        for oid, o in records.objectives.items()
    )
    monitoring = tuple(
        _target_line(label, text, target, trends.get(("standard", sid), []), "")
        for sid, (label, text, target) in records.standards.items()
    )
    processes: dict[str, list[TargetLine]] = {}
    for line in objectives:
        if line.process:
            processes.setdefault(line.process, []).append(line)
    process_lines = tuple(
        ProcessLine(
            name,
            len(lines),
            sum(1 for t in lines if t.results),
            sum(1 for t in lines if t.met),
        )
        for name, lines in sorted(processes.items(), key=lambda kv: kv[0].casefold())
    )

    raised = [a for a in records.nonconformities.values() if period.holds(a.get("raised_on"))]
    by_source: dict[str, int] = {}
    for a in raised:
        by_source[str(a.get("source") or "")] = by_source.get(str(a.get("source") or ""), 0) + 1
    known = [
        (aid, a)
        for aid, a in sorted(records.nonconformities.items())
        if isinstance(a.get("raised_on"), dt.date) and a["raised_on"] <= end  # type: ignore[operator]
    ]
    overdue = tuple(_line(aid, a, end) for aid, a in known if is_overdue(a, end))
    actions = ActionSummary(
        len(raised),
        sum(
            1
            for a in records.nonconformities.values()
            if a.get("status") in CLOSED_STATES and period.holds(a.get("verified_on"))
        ),
        len(overdue),
        sum(1 for _, a in known if a.get("status") not in FINISHED_STATES),
        by_source,
        overdue,
    )

    named = set(_ids(review.get("audits")))
    audit_lines: list[AuditLine] = []
    opportunities: list[Opportunity] = []
    for aid, audit in sorted(
        records.audits.items(), key=lambda kv: (_day(kv[1].get("held_on")), kv[0])
    ):
        completed = audit.get("status") == "completed" and period.holds(audit.get("held_on"))
        if not (completed or aid in named):
            continue
        counts = dict.fromkeys(FINDING_GRADES, 0)
        for grade, text in records.findings.get(aid, ()):
            if grade in counts:
                counts[grade] += 1
            if grade == "ofi" and text.strip():
                opportunities.append(Opportunity("audit", text.strip()))
        held = audit.get("held_on")
        audit_lines.append(
            AuditLine(
                aid,
                str(audit.get("title") or ""),
                held if isinstance(held, dt.date) else None,
                counts,
            )
        )
    opportunities += [
        Opportunity("lesson", str(lesson.get("lesson") or "").strip())
        for lesson in records.lessons
        if period.holds(lesson.get("occurred_on")) and str(lesson.get("lesson") or "").strip()
    ]

    return ReviewInputs(
        period,
        previous,
        str(review.get("changes_in_context") or ""),
        surveys,
        feedback,
        objectives,
        process_lines,
        actions,
        monitoring,
        results_recorded,
        tuple(audit_lines),
        str(review.get("supplier_performance") or ""),
        str(review.get("resources") or ""),
        sum(1 for p in records.people if p.get("state") != "left"),
        sum(1 for f in records.facilities if f.get("state") == "in_service"),
        str(review.get("risks_and_opportunities") or ""),
        tuple(opportunities),
    )


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.min


def _ids(value: object) -> tuple[int, ...]:
    if isinstance(value, int):
        return (value,)
    if isinstance(value, tuple | list):
        return tuple(i for i in value if isinstance(i, int))
    return ()


# -- the Operate step's review cycle ------------------------------------------------------------


@dataclass(frozen=True)
class CycleState:
    """How far the one full review cycle has run: an internal audit completed, a review held
    (on or before today) that names a completed audit, and that review's outputs each
    scheduled (an owner and a due date) or finished."""

    audit_completed: bool
    review_held: bool  # held, and its `audits` include a completed audit
    outputs: int  # outputs of that review (or of the latest held review)
    unscheduled: int  # of them, neither scheduled nor finished


def review_cycle(
    audits: Mapping[int, Values],
    reviews: Mapping[int, Values],
    nonconformities: Iterable[Values],
    today: dt.date,
) -> CycleState:
    """Measure the cycle. A review counts when held by `today` and naming a completed audit;
    of several, the one whose outputs are in the best state (the latest on a tie)."""
    completed = {aid for aid, a in audits.items() if a.get("status") == "completed"}
    held = {
        rid: r
        for rid, r in reviews.items()
        if isinstance(r.get("held_on"), dt.date) and r["held_on"] <= today  # type: ignore[operator]
    }
    outputs: dict[int, list[Values]] = {}
    for a in nonconformities:
        rid = a.get("review")
        if isinstance(rid, int):
            outputs.setdefault(rid, []).append(a)

    def unscheduled(rid: int) -> int:
        return sum(1 for a in outputs.get(rid, ()) if not _scheduled_or_finished(a))

    cycle = [rid for rid, r in held.items() if completed & set(_ids(r.get("audits")))]
    candidates = cycle or list(held)
    if not candidates:
        return CycleState(bool(completed), False, 0, 0)
    best = min(candidates, key=lambda rid: (unscheduled(rid), _negated(held[rid]), -rid))
    return CycleState(bool(completed), bool(cycle), len(outputs.get(best, ())), unscheduled(best))


def _negated(review: Values) -> int:
    return -_day(review.get("held_on")).toordinal()


def _scheduled_or_finished(action: Values) -> bool:
    if action.get("status") in FINISHED_STATES:
        return True
    return bool(str(action.get("owner") or "").strip()) and isinstance(action.get("due"), dt.date)
