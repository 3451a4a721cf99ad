"""Quality cost and the quality appraisal (Operate, issue 11): the workspace's currency,
amounts read in it, the ledger with the external failure read from recovery tokens and
commitment payouts (computed, never copied), totals, shares and ratio to revenue, the veto
the records of a period propose, and the quality-cost report's context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qms_desktop.domain import quality_cost as qc
from qms_desktop.domain.errors import WorkspaceError
from qms_desktop.domain.messages import Message
from qms_desktop.domain.records import Record
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.workspace import Workspace

if TYPE_CHECKING:
    from qms_desktop.documents.model import Picture

Values = dict[str, object]


# -- the one currency -----------------------------------------------------------------------


def workspace_currency(ws: Workspace) -> str:
    """The currency every amount of the workspace is in: the one chosen (or kept when the
    organisation's language changed), else the one its language suggests (Chinese: CNY;
    otherwise EUR)."""
    from qms_desktop.storage.models import CostSettingsRecord, Organisation

    with ws.reading() as s:
        chosen = s.get(CostSettingsRecord, 1)
        if chosen is not None:
            return chosen.currency
        row = s.get(Organisation, 1)
        return qc.default_currency(row.default_language if row is not None else "en")


def _amounts_held(s: Session) -> int:
    from qms_desktop.storage.models import CostPeriodRecord, QualityCostRecord

    costs = s.scalar(select(func.count()).select_from(QualityCostRecord)) or 0
    revenue = s.scalar(
        select(func.count())
        .select_from(CostPeriodRecord)
        .where(CostPeriodRecord.revenue.is_not(None))
    )
    return costs + (revenue or 0)


def keep_currency(s: Session, language: str) -> None:
    """Before the organisation's language changes (in the caller's transaction): amounts
    already held stay in the currency the old language gave them, written down."""
    from qms_desktop.storage.models import CostSettingsRecord

    if s.get(CostSettingsRecord, 1) is None and _amounts_held(s):
        s.add(CostSettingsRecord(id=1, currency=qc.default_currency(language)))


def set_currency(ws: Workspace, actor: str, code: str) -> tuple[str, ChangeSet]:
    """Choose the workspace's currency; refused once amounts are recorded in another one
    (they would change meaning). Returns the currency it was, for undo."""
    from qms_desktop.storage.models import CostSettingsRecord

    code = qc.check_currency(code)
    before = workspace_currency(ws)
    with ws.editing(actor) as s:
        if code != before and (held := _amounts_held(s)):
            raise WorkspaceError("cost.currency_in_use", currency=before, count=held)
        row = s.get(CostSettingsRecord, 1)
        if row is None:
            s.add(CostSettingsRecord(id=1, currency=code))
        else:
            row.currency = code
    return before, ChangeSet(profile=True, registers=frozenset({"quality_cost"}))


def read_money(ws: Workspace, key: str, values: Values, currency: str | None = None) -> Values:
    """`values` with the amounts of register `key` read in the workspace's currency."""
    names = qc.MONEY_FIELDS.get(key, ())
    if not any(isinstance(values.get(n), str) for n in names):
        return values
    currency = currency or workspace_currency(ws)
    return {n: (qc.read_amount(n, v, currency) if n in names else v) for n, v in values.items()}


def add_costs(
    ws: Workspace, actor: str, key: str, rows: list[Values]
) -> tuple[list[Record], ChangeSet]:
    """Several ledger, revenue, trigger or appraisal records in one transaction, all or none
    (the demo's year of quality costs)."""
    from qms_desktop.services.operate import add_records

    currency = workspace_currency(ws)
    return add_records(ws, actor, key, [read_money(ws, key, r, currency) for r in rows])


# -- the ledger, with the external failure read from part 1 ----------------------------------


def cost_entries(ws: Workspace) -> list[qc.CostEntry]:
    """Every amount of quality cost: the ledger's rows, and as external failure the value of
    each recovery token (dated by its apology, else its complaint) and each commitment payout
    (dated when paid, else when claimed) — read where they are recorded, not copied."""
    from qms_desktop.storage.models import (
        CommitmentClaimRecord as Claim,
    )
    from qms_desktop.storage.models import (
        ComplaintRecord as Complaint,
    )
    from qms_desktop.storage.models import (
        QualityCostRecord as Cost,
    )
    from qms_desktop.storage.models import (
        RecoveryRecord as Recovery,
    )

    entries: list[qc.CostEntry] = []
    with ws.reading() as s:
        for rid, period, category, department, amount, text in s.execute(
            select(Cost.id, Cost.period, Cost.category, Cost.department, Cost.amount,
                   Cost.description).order_by(Cost.period, Cost.position, Cost.id)
        ):  # fmt: skip
            entries.append(
                qc.CostEntry(
                    period,
                    category,
                    float(amount or 0.0),
                    department or "",
                    text or "",
                    "quality_cost",
                    rid,
                )  # fmt: skip
            )
        for rid, value, apology, received, site, token in s.execute(
            select(Recovery.id, Recovery.token_value, Recovery.apology_on, Complaint.received_on,
                   Complaint.site, Recovery.token)
            .join(Complaint, Complaint.id == Recovery.complaint, isouter=True)
            .where(Recovery.token_value > 0)
        ):  # fmt: skip
            day = apology or received
            if day is not None:
                entries.append(qc.CostEntry(day, "external_failure", float(value or 0.0), site or "",
                                            token or "", "recovery", rid))  # fmt: skip
        for rid, payout, paid, claimed, site in s.execute(
            select(Claim.id, Claim.payout, Claim.paid_on, Claim.claimed_on, Complaint.site)
            .join(Complaint, Complaint.id == Claim.complaint, isouter=True)
            .where(Claim.payout > 0)
        ):  # fmt: skip
            entries.append(qc.CostEntry(paid or claimed, "external_failure", float(payout or 0.0),
                                        site or "", "", "commitment_claim", rid))  # fmt: skip
    return entries


def revenues(ws: Workspace) -> dict[dt.date, float]:
    """Revenue per month (the sum of the month's revenue rows)."""
    from qms_desktop.storage.models import CostPeriodRecord as Period

    found: dict[dt.date, float] = {}
    with ws.reading() as s:
        for period, revenue in s.execute(select(Period.period, Period.revenue)):
            if revenue is not None:
                m = qc.month_of(period)
                found[m] = found.get(m, 0.0) + float(revenue)
    return found


def cost_summary(
    ws: Workspace, start: dt.date | None = None, end: dt.date | None = None
) -> qc.CostSummary:
    return qc.summarise(cost_entries(ws), revenues(ws), start=start, end=end)


# -- the quality appraisal and its veto ---------------------------------------------------


def veto_events(ws: Workspace) -> list[qc.VetoEvent]:
    """The records that may trigger the veto: complaints of angered customers (department:
    their site), commitment claims (their complaint's site), and — once the nonconformity
    register holds them — major nonconformities (department: the action's owner)."""
    from qms_desktop.domain.registers import REGISTERS
    from qms_desktop.storage.models import REGISTER_MODELS
    from qms_desktop.storage.models import CommitmentClaimRecord as Claim
    from qms_desktop.storage.models import ComplaintRecord as Complaint

    events: list[qc.VetoEvent] = []
    with ws.reading() as s:
        for day, site, text in s.execute(
            select(Complaint.received_on, Complaint.site, Complaint.description).where(
                Complaint.severity == "angered"
            )
        ):
            events.append(qc.VetoEvent("serious_complaint", day, site or "", "cost.event_complaint",
                                       (("date", day.isoformat()), ("text", _short(text)))))  # fmt: skip
        for day, site in s.execute(
            select(Claim.claimed_on, Complaint.site).join(
                Complaint, Complaint.id == Claim.complaint, isouter=True
            )
        ):
            events.append(qc.VetoEvent("broken_commitment", day, site or "", "cost.event_claim",
                                       (("date", day.isoformat()),)))  # fmt: skip
        if "nonconformity" in REGISTERS and "nonconformity" in REGISTER_MODELS:
            events.extend(_major_nonconformities(s, REGISTER_MODELS["nonconformity"]))
    return events


def _major_nonconformities(s: Any, model: Any) -> list[qc.VetoEvent]:
    """Nonconformities raised from a finding graded major (the assessment item's grade)."""
    from qms_desktop.storage.models import AssessmentItemRecord as Item

    if not hasattr(model, "assessment_item") or not hasattr(Item, "grade"):
        return []
    rows = s.execute(
        select(model.raised_on, model.owner, model.description)
        .join(Item, Item.id == model.assessment_item)
        .where(Item.grade == "major")
    )
    return [
        qc.VetoEvent(
            "major_nonconformity",
            day,
            owner or "",
            "cost.event_nonconformity",
            (("date", day.isoformat()), ("text", _short(text))),
        )  # fmt: skip
        for day, owner, text in rows
        if day is not None
    ]


def _short(text: str | None, limit: int = 60) -> str:
    one = " ".join((text or "").split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def triggers(ws: Workspace) -> list[qc.Trigger]:
    from qms_desktop.storage.models import VetoTriggerRecord as T

    with ws.reading() as s:
        return [
            qc.Trigger(i, name, kind)
            for i, name, kind in s.execute(select(T.id, T.name, T.kind).order_by(T.position, T.id))
        ]


def veto_proposals(ws: Workspace) -> dict[int, qc.VetoProposal]:
    """Per appraisal (by id): the veto its period's records propose for its department and
    the appraised person's department."""
    from qms_desktop.storage.models import AppraisalRecord as A
    from qms_desktop.storage.models import PersonRecord as P

    found, defined = veto_events(ws), triggers(ws)
    with ws.reading() as s:
        rows = list(
            s.execute(
                select(A.id, A.period, A.period_to, A.department, P.department).join(
                    P, P.id == A.person, isouter=True
                )
            )
        )
    return {
        i: qc.propose_veto(start, end, (d or "", pd or ""), defined, found)
        for i, start, end, d, pd in rows
    }


def proposal_text(p: qc.VetoProposal, lang: str) -> list[str]:
    """The proposal in words, one line per hit (and the kinds a person judges)."""
    from qms_desktop.domain.register_labels import CHOICE_LABELS

    if not p.triggers_defined:
        return [Message("cost.proposal_no_triggers").text(lang)]
    lines = [
        Message(
            "cost.proposal_hit",
            {
                "trigger": h.trigger.name,
                "event": Message(h.event.code, dict(h.event.params)).text(lang),
            },
        ).text(lang)
        for h in p.hits
    ] or [Message("cost.proposal_none").text(lang)]
    if p.manual:
        kinds = []
        for t in p.manual:
            pair = CHOICE_LABELS.get(t.kind, (t.kind, t.kind))
            word = pair[1] if lang == "zh_CN" else pair[0]
            if word not in kinds:
                kinds.append(word)
        lines.append(Message("cost.manual_kinds", {"kinds": kinds}).text(lang))
    return lines


def appraisal_history(ws: Workspace) -> dict[str, list[Record]]:
    """The appraisals per department (the appraised person's when none is named), oldest
    first: the history the appraisal tab shows."""
    from qms_desktop.services.registers import list_records

    people = {p.id: p.values for p in list_records(ws, "person")}
    history: dict[str, list[Record]] = {}
    for r in sorted(list_records(ws, "appraisal"), key=lambda r: str(r.values["period"])):
        dept = str(r.values["department"] or "").strip()
        if not dept and r.values["person"] in people:
            dept = str(people[r.values["person"]]["department"] or "").strip()  # type: ignore[index]
        history.setdefault(dept, []).append(r)
    return history


# -- the quality-cost report ------------------------------------------------------------------

TEXT = {
    "en": {
        "prevention": "Prevention",
        "appraisal": "Appraisal",
        "internal_failure": "Internal failure",
        "external_failure": "External failure",
        "trend_title": "Quality cost per month, by category",
        "not_named": "(no department)",
        "yes": "Yes",
        "no": "No",
    },
    "zh_CN": {
        "prevention": "预防成本",
        "appraisal": "鉴定成本",
        "internal_failure": "内部故障成本",
        "external_failure": "外部故障成本",
        "trend_title": "各月质量成本（按类别）",
        "not_named": "（未注明部门）",
        "yes": "是",
        "no": "否",
    },
}


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _pct(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def quality_cost_context(ws: Workspace, lang: str, today: dt.date | None = None) -> dict[str, Any]:
    """The `quality_cost` entry of a document's context: the last twelve months of quality
    cost (see templates/README.md)."""
    lang = "zh_CN" if lang == "zh_CN" else "en"
    t = TEXT[lang]
    today = today or dt.date.today()
    end = qc.month_of(today)
    back = end.year * 12 + end.month - 1 - 11  # twelve months, this one included
    start = dt.date(back // 12, back % 12 + 1, 1)
    entries = cost_entries(ws)
    summary = qc.summarise(entries, revenues(ws), start=start, end=end)
    categories = [
        {
            "key": c,
            "name": t[c],
            "amount": _money(summary.by_category[c]),
            "share": _pct(summary.shares[c]),
        }
        for c in qc.CATEGORIES
    ]
    months = [
        {
            "month": p.period.isoformat()[:7],
            **{c: _money(p.by_category[c]) for c in qc.CATEGORIES},
            "total": _money(p.total),
            "revenue": _money(p.revenue),
            "ratio": _pct(p.ratio, 2) if p.ratio is not None else "—",
            "from_recovery": _money(p.derived_external) if p.derived_external else "—",
        }
        for p in summary.periods
    ]
    derived = [e for e in entries if e.derived and start <= qc.month_of(e.period) <= end]
    departments = sorted(summary.by_department.items(), key=lambda kv: -kv[1])
    appraisals = []
    proposals = veto_proposals(ws)
    for dept, rows in appraisal_history(ws).items():
        for r in rows:
            v = r.values
            appraisals.append(
                {
                    "department": dept or t["not_named"],
                    "period": str(v["period"] or ""),
                    "score": "—" if v["score"] is None else f"{float(v['score']):g}",  # type: ignore[arg-type]
                    "proposed": t["yes"]
                    if proposals.get(r.id, None) and proposals[r.id].proposed
                    else t["no"],
                    "applied": t["yes"] if v["veto_applied"] == "yes" else t["no"],
                    "effect": str(v["economic_effect"] or ""),
                }
            )
    return {
        "quality_cost": {
            "currency": workspace_currency(ws),
            "period": {"start": start.isoformat()[:7], "end": end.isoformat()[:7]},
            "has_costs": bool(summary.periods),
            "total": _money(summary.total),
            "categories": categories,
            "revenue": _money(summary.revenue),
            "ratio": _pct(summary.ratio, 2) if summary.ratio is not None else "",
            "months_without_revenue": [m.isoformat()[:7] for m in summary.months_without_revenue],
            "months": months,
            "external_from_part1": _money(summary.derived_external),
            "external_from_recovery": _money(
                sum(e.amount for e in derived if e.source_register == "recovery")
            ),
            "external_from_payouts": _money(
                sum(e.amount for e in derived if e.source_register == "commitment_claim")
            ),
            "derived_count": len(derived),
            "departments": [
                {"name": name or t["not_named"], "amount": _money(amount)}
                for name, amount in departments
            ],
            "appraisals": appraisals,
            "chart": [
                (p.period.isoformat()[:7], [p.by_category[c] for c in qc.CATEGORIES])
                for p in summary.periods
            ],
        }
    }


def quality_cost_images(
    context: dict[str, Any], lang: str, wanted: Collection[str] | None = None
) -> dict[str, Picture]:
    """The chart the quality-cost report places: `@@image quality_cost_trend`."""
    data = context.get("quality_cost") or {}
    if not data.get("has_costs") or (wanted is not None and "quality_cost_trend" not in wanted):
        return {}
    from qms_desktop.documents.cost_charts import cost_trend_chart

    t = TEXT["zh_CN" if lang == "zh_CN" else "en"]
    return {
        "quality_cost_trend": cost_trend_chart(
            [(m, tuple(v)) for m, v in data["chart"]],
            t["trend_title"] + f" ({data['currency']})",
            tuple(t[c] for c in qc.CATEGORIES),
        )
    }
