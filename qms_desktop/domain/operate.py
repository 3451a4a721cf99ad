"""Step 8 (Operate), the customer's voice: SERVQUAL scores of a survey, the five-step service
recovery rule, results against free-text targets, Pareto counts and retention arithmetic.
Plain functions over plain values (no storage, no Qt)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, NamedTuple

SERVQUAL_DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")

# -- SERVQUAL scoring -------------------------------------------------------------------------
# The gap score is perception minus expectation (P - E), per item and per dimension. That is
# the SERVQUAL convention from the service-quality literature (Parasuraman, Zeithaml and
# Berry); the method's seeds name the five dimensions but give no formula.

# Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom; 1.96 above.
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t95(df: int) -> float:
    """The 95% two-sided quantile of Student's t with `df` degrees of freedom."""
    if df < 1:
        return math.nan
    return _T95[df - 1] if df <= len(_T95) else 1.96


class Answer(NamedTuple):
    """One respondent's answer to one survey item (a named tuple: a survey's tens of
    thousands of answers are made quickly)."""

    respondent: str
    item: int
    perception: float
    expectation: float | None = None


@dataclass(frozen=True)
class Score:
    """Mean perception, mean expectation and gap (P - E) over `n` scores, with the 95%
    confidence interval of the gap (of the perception when there are no expectations)."""

    n: int
    perception: float
    expectation: float | None
    gap: float | None
    ci_low: float | None
    ci_high: float | None

    @property
    def value(self) -> float:
        """What the score stands on: the gap when expectations were asked, else perception."""
        return self.gap if self.gap is not None else self.perception


@dataclass(frozen=True)
class SurveyScores:
    items: dict[int, Score]
    dimensions: dict[str, Score]
    overall: float | None  # mean of the dimensions' scores
    weighted: float | None  # importance-weighted mean of the dimensions' scores
    respondents: int
    basis: str  # "gap" (P - E) or "perception" (perception only)


def mean_with_ci(values: Sequence[float]) -> tuple[float, float | None, float | None]:
    """Mean and its 95% confidence interval (Student's t, sample standard deviation)."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return mean, None, None
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    half = t95(n - 1) * math.sqrt(var / n)
    return mean, mean - half, mean + half


def _score(pairs: Sequence[tuple[float, float | None]]) -> Score:
    perceptions = [p for p, _ in pairs]
    expectations = [e for _, e in pairs if e is not None]
    p_mean = sum(perceptions) / len(perceptions)
    if len(expectations) == len(pairs):
        gaps = [p - e for p, e in pairs if e is not None]
        gap, low, high = mean_with_ci(gaps)
        return Score(len(pairs), p_mean, sum(expectations) / len(pairs), gap, low, high)
    _, low, high = mean_with_ci(perceptions)
    return Score(len(pairs), p_mean, None, None, low, high)


_reused: ContextVar[dict[Any, SurveyScores] | None] = ContextVar("survey_scores", default=None)


@contextmanager
def scores_reused() -> Iterator[None]:
    """Inside it, scoring the very same answers again gives the first result back (a
    document's context scores a survey for its Operate part and again for the management
    review). Outside it every call scores afresh."""
    token = _reused.set({})
    try:
        yield
    finally:
        _reused.reset(token)


def score_survey(
    item_dimensions: Mapping[int, str],
    answers: Iterable[Answer],
    weights: Mapping[str, float] | None = None,
) -> SurveyScores:
    """Scores per item (over its answers) and per dimension (over respondents: each
    respondent's mean over the dimension's items they answered, so a respondent counts once);
    the overall score is the plain mean of the dimension scores, the weighted one uses the
    importance points per dimension (any scale: they are divided by their sum). When every
    answer has an expectation the scores are gaps (P - E), else perceptions."""
    answers = list(answers)
    reused = _reused.get()
    if reused is None:
        return _score_survey(item_dimensions, answers, weights)
    # the mapping's order changes nothing; the answers' and the weights' orders may (float sums)
    key = (tuple(answers), tuple(sorted(item_dimensions.items())), tuple((weights or {}).items()))
    found = reused.get(key)
    if found is None:
        found = reused[key] = _score_survey(item_dimensions, answers, weights)
    return found


def _score_survey(
    item_dimensions: Mapping[int, str],
    answers: list[Answer],
    weights: Mapping[str, float] | None,
) -> SurveyScores:
    basis = "gap" if answers and all(a.expectation is not None for a in answers) else "perception"
    by_item: dict[int, list[tuple[float, float | None]]] = {}
    by_person: dict[tuple[str, str], list[tuple[float, float | None]]] = {}
    for a in answers:
        dim = item_dimensions.get(a.item)
        if dim is None:
            continue
        e = a.expectation if basis == "gap" else None
        by_item.setdefault(a.item, []).append((a.perception, e))
        by_person.setdefault((dim, a.respondent), []).append((a.perception, e))
    items = {i: _score(v) for i, v in sorted(by_item.items())}
    per_dim: dict[str, list[tuple[float, float | None]]] = {}
    for (dim, _), pairs in by_person.items():
        p = sum(x for x, _ in pairs) / len(pairs)
        es = [x for _, x in pairs if x is not None]
        per_dim.setdefault(dim, []).append((p, sum(es) / len(es) if es else None))
    dimensions = {d: _score(per_dim[d]) for d in SERVQUAL_DIMENSIONS if d in per_dim}
    overall = weighted = None
    if dimensions:
        overall = sum(s.value for s in dimensions.values()) / len(dimensions)
        w = {d: float((weights or {}).get(d) or 0) for d in dimensions}
        if sum(w.values()) > 0:
            weighted = sum(w[d] * s.value for d, s in dimensions.items()) / sum(w.values())
    return SurveyScores(
        items,
        dimensions,
        overall,
        weighted,
        len({a.respondent for a in answers if a.item in item_dimensions}),
        basis,
    )


def compare_dimensions(
    before: SurveyScores, after: SurveyScores
) -> list[tuple[str, float | None, float | None, float | None]]:
    """(dimension, earlier score, later score, change) for the dimensions of either wave."""
    out = []
    for d in SERVQUAL_DIMENSIONS:
        a, b = before.dimensions.get(d), after.dimensions.get(d)
        if a is None and b is None:
            continue
        va, vb = (a.value if a else None), (b.value if b else None)
        out.append((d, va, vb, (vb - va) if va is not None and vb is not None else None))
    return out


# -- the five-step service recovery -----------------------------------------------------------

COMPLAINT_SEVERITIES = ("disappointed", "angered")

# Each step of a recovery case and the fields that record it; the first field (a date or a
# text) shows the step was taken.
RECOVERY_STEPS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (1, "apology", ("apology_on", "apology_by")),
    (2, "reinstatement", ("reinstatement", "reinstated_on")),
    (3, "empathy", ("empathy",)),
    (4, "atonement", ("token", "token_value", "authorised_by", "authority_limit")),
    (5, "follow_up", ("follow_up_on", "follow_up_how", "follow_up_outcome", "retained")),
)


def needed_steps(severity: str) -> tuple[int, ...]:
    """The method's rule: a disappointed customer needs at least steps 1-2 (apology, urgent
    reinstatement); a customer made angry needs all five."""
    return (1, 2, 3, 4, 5) if severity == "angered" else (1, 2)


def steps_taken(recovery: Mapping[str, object]) -> tuple[int, ...]:
    """The steps a recovery case records (its first field filled in)."""
    taken = []
    for number, _, fields in RECOVERY_STEPS:
        value = recovery.get(fields[0])
        if value not in (None, "", ()) and not (isinstance(value, str) and not value.strip()):
            taken.append(number)
    return tuple(taken)


def missing_steps(severity: str, recovery: Mapping[str, object] | None) -> tuple[int, ...]:
    taken = set(steps_taken(recovery or {}))
    return tuple(n for n in needed_steps(severity) if n not in taken)


@dataclass(frozen=True)
class RecoveryWarning:
    complaint: int
    missing: tuple[int, ...]  # the step numbers the case still needs


def recovery_warnings(
    complaints: Mapping[int, Mapping[str, object]],
    recoveries: Iterable[Mapping[str, object]],
) -> list[RecoveryWarning]:
    """Closed complaints whose recovery lacks steps their severity needs (no case at all:
    every needed step is missing). Open complaints are work in progress, not warned."""
    cases: dict[int, dict[str, object]] = {}
    for r in recoveries:
        cid = r.get("complaint")
        if isinstance(cid, int):  # several cases of one complaint: the steps add up
            merged = cases.setdefault(cid, {})
            for k, v in r.items():
                if v not in (None, "", ()):
                    merged[k] = v
    out = []
    for cid, c in complaints.items():
        if c.get("status") != "closed":
            continue
        gone = missing_steps(str(c.get("severity") or ""), cases.get(cid))
        if gone:
            out.append(RecoveryWarning(cid, gone))
    return out


# -- targets ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    comparator: str  # ">=", "<=" or "="
    value: float
    unit: str


_NUM = r"([-+]?\d+(?:[.,]\d+)?)"
_PREFIXES: tuple[tuple[str, str], ...] = (
    (r"(?:>=|≥|=>|＞＝|at least|not less than|minimum|min\.?|no less than|不低于|不少于|至少|大于等于|≥)", ">="),
    (r"(?:<=|≤|=<|＜＝|at most|not more than|no more than|maximum|max\.?|within|under|below|"
     r"less than|不超过|不高于|不多于|至多|最多|小于等于|低于|少于|<|＜)", "<="),
    (r"(?:>|＞|more than|above|over|高于|大于|超过)", ">="),
    (r"(?:=|＝|exactly|equal to|等于)", "="),
)  # fmt: skip
_SUFFIXES = (
    (r"(?:以上|及以上|或以上|or more|and above|\+)", ">="),
    (r"(?:以内|以下|及以下|或以下|or less|or fewer)", "<="),
)


def parse_target(text: str) -> Target | None:
    """A free-text target read as comparator, number and unit: "≥ 90%", "at least 4.5
    points", "within 3 min", "不超过2次", "95%以上"; a bare number ("98%") means "=". None
    when the text is not of that shape (the caller flags it)."""
    t = " ".join(str(text or "").replace("％", "%").split()).strip()
    if not t:
        return None
    comparator = ""
    for pattern, comp in _PREFIXES:
        m = re.match(pattern + r"\s*", t, re.IGNORECASE)
        if m:
            comparator, t = comp, t[m.end() :]
            break
    m = re.fullmatch(_NUM + r"\s*(.*?)", t)
    if m is None:
        return None
    number, rest = float(m.group(1).replace(",", ".")), m.group(2).strip()
    for pattern, comp in _SUFFIXES:
        s = re.search(r"\s*" + pattern + r"\s*$", rest, re.IGNORECASE)
        if s:
            if comparator and comparator != comp:
                return None
            comparator, rest = comp, rest[: s.start()].strip()
            break
    if re.search(r"\d", rest) or len(rest) > 20:
        return None  # a second number or a sentence: not one target
    return Target(comparator or "=", number, rest)


def target_met(target: Target, value: float) -> bool:
    if target.comparator == ">=":
        return value >= target.value
    if target.comparator == "<=":
        return value <= target.value
    return math.isclose(value, target.value, rel_tol=1e-9, abs_tol=1e-9)


# -- statistics -------------------------------------------------------------------------------


def pareto(counts: Mapping[str, int]) -> list[tuple[str, int, float]]:
    """(category, count, cumulative share 0..1), the largest first (ties by name)."""
    total = sum(counts.values())
    out, running = [], 0
    for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        running += count
        out.append((name, count, running / total if total else 0.0))
    return out


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def per_month(days: Iterable[dt.date | None]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in days:
        if isinstance(d, dt.date):
            out[month_of(d)] = out.get(month_of(d), 0) + 1
    return dict(sorted(out.items()))


# -- customers kept and lost ------------------------------------------------------------------

# The seeds' rule of thumb, an assumption and not a measurement: winning a new customer
# costs 3 to 5 times what keeping one costs.
ACQUISITION_FACTOR = (3.0, 5.0)


def retention_rate(customers_before: float, repeat_customers: float) -> float | None:
    """Share of the previous period's customers who came back."""
    if customers_before <= 0:
        return None
    return repeat_customers / customers_before


def per_thousand(count: float, services: float) -> float | None:
    return None if services <= 0 else count * 1000.0 / services


@dataclass(frozen=True)
class RetentionValue:
    lost_low: float  # what a lost customer costs to replace, at 3x and 5x the cost to keep
    lost_high: float
    point_low: float  # what one point (1%) of retention is worth over `customers`
    point_high: float


def retention_value(
    customers: float, keep_cost: float, factor: tuple[float, float] = ACQUISITION_FACTOR
) -> RetentionValue:
    """A lost customer is replaced at factor x the cost of keeping one; the extra over the
    keeping cost, times 1% of the customers, is what a point of retention is worth."""
    lo, hi = keep_cost * factor[0], keep_cost * factor[1]
    one_point = customers / 100.0
    return RetentionValue(lo, hi, one_point * (lo - keep_cost), one_point * (hi - keep_cost))
