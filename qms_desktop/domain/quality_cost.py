"""Quality cost (the PAF model of the quality-cost literature: prevention, appraisal, internal
and external failure) and the quality appraisal's veto: amounts read in the workspace's one
currency, totals and shares per period, the ratio to revenue, the trend, and the veto the
records of a period propose."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from qms_desktop.domain.errors import ValidationError

CATEGORIES = ("prevention", "appraisal", "internal_failure", "external_failure")
VETO_KINDS = (
    "serious_complaint",
    "broken_commitment",
    "safety_incident",
    "major_nonconformity",
    "other",
)
# kinds no register records: the app cannot propose them, a person judges
MANUAL_KINDS = ("safety_incident", "other")

# The money fields of the registers, read in the workspace's currency (a sign of its own is
# accepted, another currency's sign or code is refused saying so).
MONEY_FIELDS: dict[str, tuple[str, ...]] = {
    "quality_cost": ("amount",),
    "cost_period": ("revenue",),
}

# Currency code -> the signs and words that write it (compared without case).
CURRENCIES: dict[str, tuple[str, ...]] = {
    "CNY": ("CNY", "RMB", "¥", "￥", "元", "人民币", "rmb¥"),
    "EUR": ("EUR", "€", "euro", "euros"),
    "USD": ("USD", "$", "US$", "dollar", "dollars", "美元"),
    "GBP": ("GBP", "£", "pound", "pounds", "英镑"),
    "JPY": ("JPY", "¥", "￥", "円", "yen", "日元"),
    "HKD": ("HKD", "HK$", "港币", "港元"),
    "CHF": ("CHF", "Fr.", "SFr."),
}
_NUMBER = re.compile(r"[+-]?\d[\d,']*(?:\.\d+)?|[+-]?\.\d+")


def default_currency(language: str) -> str:
    """The currency a workspace starts with: its language's country's (Chinese: yuan)."""
    return "CNY" if language == "zh_CN" else "EUR"


def check_currency(code: str) -> str:
    code = (code or "").strip().upper()
    if code not in CURRENCIES:
        raise ValidationError(
            "currency", "cost.bad_currency", currency=code, known=list(CURRENCIES)
        )
    return code


def read_amount(name: str, value: object, currency: str) -> object:
    """An amount as typed, read in `currency`: numbers pass; text loses the currency's own
    sign or code ("¥1,200", "1200 元" in a yuan workspace) and is left for the number check;
    another currency's sign or code ("$120", "120 USD") is refused naming the workspace's."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return text
    digits = _NUMBER.search(text)
    core = digits.group(0) if digits else ""
    marks = text.replace(core, " ", 1).strip() if core else text
    if not marks:
        return text
    own = {s.casefold() for s in CURRENCIES.get(currency, ())}
    words = [w for w in re.split(r"\s+", marks) if w]
    if core and all(w.casefold() in own for w in words):
        return core
    for code, signs in CURRENCIES.items():
        if code == currency:
            continue
        for w in words:
            if w.casefold() in {s.casefold() for s in signs} and w.casefold() not in own:
                raise ValidationError(
                    name, "cost.other_currency", value=text, found=w, currency=currency
                )
    raise ValidationError(name, "cost.amount_not_number", value=text, currency=currency)


def month_of(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, 1)


# -- totals, shares, ratio to revenue -------------------------------------------------------


@dataclass(frozen=True)
class CostEntry:
    """One amount of quality cost: a ledger row, or one read from another register
    (`source_register`: "recovery" or "commitment_claim" — external failure, shown read-only)."""

    period: dt.date
    category: str
    amount: float
    department: str = ""
    description: str = ""
    source_register: str = "quality_cost"
    record_id: int = 0

    @property
    def derived(self) -> bool:
        return self.source_register != "quality_cost"


@dataclass(frozen=True)
class PeriodCost:
    """A month's quality cost: per category, total, shares, revenue and ratio (None when no
    revenue is recorded or it is zero)."""

    period: dt.date
    by_category: dict[str, float]
    total: float
    shares: dict[str, float | None]
    revenue: float | None
    ratio: float | None
    derived_external: float = 0.0  # of the external failure: from recovery tokens and payouts


@dataclass(frozen=True)
class CostSummary:
    periods: tuple[PeriodCost, ...]
    by_category: dict[str, float]
    total: float
    shares: dict[str, float | None]
    revenue: float | None  # of the months that have both costs and revenue
    ratio: float | None
    months_without_revenue: tuple[dt.date, ...]
    derived_external: float = 0.0
    by_department: dict[str, float] = field(default_factory=dict)


def shares_of(by_category: dict[str, float], total: float) -> dict[str, float | None]:
    return {c: (by_category.get(c, 0.0) / total if total else None) for c in CATEGORIES}


def ratio_to(total: float, revenue: float | None) -> float | None:
    return total / revenue if revenue else None


def summarise(
    entries: Iterable[CostEntry],
    revenues: dict[dt.date, float],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> CostSummary:
    """Totals per month and category (months from `start` to `end` inclusive, by first day),
    each category's share of the total, and the ratio of the cost to the revenue of the same
    months. Revenue of a month is the sum of its revenue rows. The overall ratio counts only
    the months with revenue, and names the months without."""
    months: dict[dt.date, dict[str, float]] = {}
    derived: dict[dt.date, float] = {}
    by_department: dict[str, float] = {}
    for e in entries:
        m = month_of(e.period)
        if (start is not None and m < month_of(start)) or (end is not None and m > month_of(end)):
            continue
        row = months.setdefault(m, dict.fromkeys(CATEGORIES, 0.0))
        row[e.category] = row.get(e.category, 0.0) + e.amount
        if e.derived:
            derived[m] = derived.get(m, 0.0) + e.amount
        key = e.department.strip()
        by_department[key] = by_department.get(key, 0.0) + e.amount
    periods = []
    for m in sorted(months):
        row = months[m]
        total = sum(row.values())
        revenue = revenues.get(m)
        periods.append(
            PeriodCost(
                m,
                row,
                total,
                shares_of(row, total),
                revenue,
                ratio_to(total, revenue),
                derived.get(m, 0.0),
            )
        )
    by_category = {c: sum(p.by_category.get(c, 0.0) for p in periods) for c in CATEGORIES}
    total = sum(by_category.values())
    with_revenue = [p for p in periods if p.revenue]
    revenue = sum(p.revenue or 0.0 for p in with_revenue) if with_revenue else None
    cost_with_revenue = sum(p.total for p in with_revenue)
    return CostSummary(
        tuple(periods),
        by_category,
        total,
        shares_of(by_category, total),
        revenue,
        ratio_to(cost_with_revenue, revenue),
        tuple(p.period for p in periods if not p.revenue),
        sum(derived.values()),
        by_department,
    )


def trend(summary: CostSummary) -> list[tuple[dt.date, tuple[float, ...]]]:
    """Per month, the amounts of the four categories in CATEGORIES order (the chart's bars)."""
    return [
        (p.period, tuple(p.by_category.get(c, 0.0) for c in CATEGORIES)) for p in summary.periods
    ]


# -- the quality veto -------------------------------------------------------------------------


@dataclass(frozen=True)
class VetoEvent:
    """A record of a period that may trigger the veto: `kind` one of VETO_KINDS; `department`
    where it happened (a complaint's site, an action's owner)."""

    kind: str
    day: dt.date
    department: str
    code: str  # the message naming it (cost.event_*)
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Trigger:
    record_id: int
    name: str
    kind: str


@dataclass(frozen=True)
class VetoHit:
    trigger: Trigger
    event: VetoEvent


@dataclass(frozen=True)
class VetoProposal:
    """What the records of the period propose: the veto when any hit is found. A person
    decides; kinds no register records (safety incidents, other) are theirs to judge."""

    hits: tuple[VetoHit, ...]
    manual: tuple[Trigger, ...]
    triggers_defined: bool

    @property
    def proposed(self) -> bool:
        return bool(self.hits)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def appraisal_span(period: dt.date, period_to: dt.date | None) -> tuple[dt.date, dt.date]:
    """The days an appraisal covers: from `period` to `period_to`, or the month of `period`."""
    if period_to is not None:
        return period, period_to
    first = month_of(period)
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return period, following - dt.timedelta(days=1)


def propose_veto(
    period: dt.date,
    period_to: dt.date | None,
    departments: Iterable[str],
    triggers: Iterable[Trigger],
    events: Iterable[VetoEvent],
) -> VetoProposal:
    """The veto the period's records propose for an appraisal of `departments` (its own
    department and the appraised person's; none: the whole organisation): each event of the
    period in one of those departments whose kind a defined trigger names is a hit."""
    triggers = list(triggers)
    start, end = appraisal_span(period, period_to)
    wanted = {_fold(d) for d in departments if d and d.strip()}
    by_kind: dict[str, list[Trigger]] = {}
    for t in triggers:
        by_kind.setdefault(t.kind, []).append(t)
    hits = []
    for e in sorted(events, key=lambda e: e.day):
        if not start <= e.day <= end or e.kind not in by_kind:
            continue
        if wanted and _fold(e.department) not in wanted:
            continue
        hits.append(VetoHit(by_kind[e.kind][0], e))
    manual = tuple(t for t in triggers if t.kind in MANUAL_KINDS)
    return VetoProposal(tuple(hits), manual, bool(triggers))


def check_appraisal(v: dict[str, object]) -> None:
    """An appraisal's own rules: the score 0-100, the period in order, and the veto applied
    only with its reason."""
    score = v.get("score")
    if score is not None and not 0 <= float(score) <= 100:  # type: ignore[arg-type]
        raise ValidationError("score", "cost.score_out_of_range", value=score)
    start, end = v.get("period"), v.get("period_to")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        raise ValidationError("period_to", "cost.period_to_before_from", start=start.isoformat())
    if v.get("veto_applied") == "yes" and not str(v.get("veto_reason") or "").strip():
        raise ValidationError("veto_reason", "cost.veto_needs_reason")


def check_cost(v: dict[str, object], amount: str) -> None:
    """A ledger row or revenue row: the amount zero or more, the period its month's first day."""
    value = v.get(amount)
    if value is not None and float(value) < 0:  # type: ignore[arg-type]
        raise ValidationError(amount, "cost.negative_amount", value=value)
    if isinstance(v.get("period"), dt.date):
        v["period"] = month_of(v["period"])  # type: ignore[arg-type]
