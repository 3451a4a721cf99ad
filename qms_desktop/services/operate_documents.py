"""What the Operate documents (the satisfaction survey report, the complaints and recovery
report) read from the workspace, as plain data in the document's language, and their
charts."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from qms_desktop.domain import operate as op
from qms_desktop.domain.records import Record
from qms_desktop.services import operate
from qms_desktop.services.registers import list_records, record_labels
from qms_desktop.storage.workspace import Workspace

if TYPE_CHECKING:
    from qms_desktop.documents.model import Picture

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "tangibles": "Tangibles",
        "reliability": "Reliability",
        "responsiveness": "Responsiveness",
        "assurance": "Assurance",
        "empathy": "Empathy",
        "disappointed": "Customer disappointed",
        "angered": "Customer angered",
        "open": "Open",
        "closed": "Closed",
        "expectation_perception": "Expectation and perception",
        "perception_only": "Perception only",
        "survey": "Survey",
        "comment_card": "Comment card",
        "suggestion_box": "Suggestion box",
        "follow_up_call": "Follow-up call",
        "online_review": "Online review",
        "complaint_desk": "Complaint desk",
        "step1": "Apology",
        "step2": "Urgent reinstatement",
        "step3": "Empathy",
        "step4": "Symbolic atonement",
        "step5": "Follow-up",
        "not_named": "(not named)",
        "gaps_title": "SERVQUAL gap (P − E) per dimension",
        "items_title": "SERVQUAL gap (P − E) per item",
        "perception_title": "Mean perception per dimension",
        "items_perception_title": "Mean perception per item",
        "pareto_moment": "Complaints by moment of truth (Pareto)",
        "pareto_dimension": "Complaints by SERVQUAL dimension (Pareto)",
        "per_month": "Complaints and recovery cases per month",
        "complaints": "Complaints",
        "recoveries": "Recovery cases",
        "yes": "Yes",
        "no": "No",
        "better": "Improved",
        "worse": "Fell back",
        "same": "No clear change",
    },
    "zh_CN": {
        "tangibles": "有形性",
        "reliability": "可靠性",
        "responsiveness": "响应性",
        "assurance": "保证性",
        "empathy": "移情性",
        "disappointed": "顾客失望",
        "angered": "顾客被激怒",
        "open": "未关闭",
        "closed": "已关闭",
        "expectation_perception": "期望与感知",
        "perception_only": "仅感知",
        "survey": "调查问卷",
        "comment_card": "意见卡",
        "suggestion_box": "意见箱",
        "follow_up_call": "回访电话",
        "online_review": "网络点评",
        "complaint_desk": "投诉台",
        "step1": "道歉",
        "step2": "紧急复原",
        "step3": "移情",
        "step4": "象征性赎罪",
        "step5": "跟踪",
        "not_named": "（未指明）",
        "gaps_title": "各维度 SERVQUAL 差距（P − E）",
        "items_title": "各题项 SERVQUAL 差距（P − E）",
        "perception_title": "各维度平均感知",
        "items_perception_title": "各题项平均感知",
        "pareto_moment": "按关键时刻统计的投诉（帕累托图）",
        "pareto_dimension": "按 SERVQUAL 维度统计的投诉（帕累托图）",
        "per_month": "每月投诉与补救案例",
        "complaints": "投诉",
        "recoveries": "补救案例",
        "yes": "是",
        "no": "否",
        "better": "改善",
        "worse": "下降",
        "same": "无明显变化",
    },
}

PICTURES = ("servqual_dimensions", "servqual_items", "complaints_pareto",
            "complaints_dimensions", "complaints_per_month")  # fmt: skip


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _float(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _money(value: float) -> str:
    return f"{value:,.2f}"


def _months_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _verdict(before: op.Score | None, after: op.Score | None, change: float | None) -> str:
    """ "better" or "worse" when the change is larger than the two scores' 95% intervals
    together (the half-widths added in quadrature), "same" when it is not, "" when unknown."""
    if before is None or after is None or change is None:
        return ""
    halves = [
        (sc.ci_high - sc.ci_low) / 2
        for sc in (before, after)
        if sc.ci_low is not None and sc.ci_high is not None
    ]
    margin = math.sqrt(sum(h * h for h in halves)) if len(halves) == 2 else 0.0
    if change > margin:
        return "better"
    if change < -margin:
        return "worse"
    return "same"


# -- the satisfaction survey ------------------------------------------------------------------


def _score_row(name: str, sc: op.Score, change: float | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "n": sc.n,
        "perception": _num(sc.perception),
        "expectation": _num(sc.expectation),
        "gap": _signed(sc.gap),
        "value": round(sc.value, 4),
        "shown": _signed(sc.value) if sc.gap is not None else _num(sc.value),
        "ci": "—"
        if sc.ci_low is None
        else f"{sc.ci_low:+.2f} … {sc.ci_high:+.2f}"
        if sc.gap is not None
        else f"{sc.ci_low:.2f} … {sc.ci_high:.2f}",
        "change": _signed(change) if change is not None else "—",
        "improved": change is not None and change > 0,
    }


def _survey_context(ws: Workspace, lang: str) -> dict[str, Any]:
    t = TEXT[lang]
    surveys = sorted(list_records(ws, "survey"), key=lambda r: (r.values["starts_on"], r.id))  # type: ignore[arg-type, return-value]
    reports: dict[int, operate.SurveyReport] = {}
    answered: list[Record] = []
    for survey in reversed(surveys):  # the latest answered survey and the one before it
        reports[survey.id] = operate.survey_scores(ws, survey.id)
        if reports[survey.id].scores.respondents:
            answered.insert(0, survey)
            if len(answered) == 2:
                break
    if not answered:
        return {"survey": None, "previous_survey": None}
    current, earlier = answered[-1], (answered[-2] if len(answered) > 1 else None)
    now = reports[current.id]
    before = reports[earlier.id] if earlier is not None else None
    s = now.scores
    items = [r for r in list_records(ws, "survey_item") if r.values["survey"] == current.id]
    standards = record_labels(ws, "satisfaction_standard")
    dims = []
    for d, sc in s.dimensions.items():
        change = None
        if before is not None and d in before.scores.dimensions:
            change = sc.value - before.scores.dimensions[d].value
        dims.append({"key": d, **_score_row(t[d], sc, change)})
    item_rows = []
    for item in items:
        found = s.items.get(item.id)
        if found is None:
            continue
        std = item.values["standard"]
        item_rows.append({
            "code": str(item.values["code"]),
            "statement": str(item.values["statement"]),
            "dimension": t.get(str(item.values["dimension"]), ""),
            "dimension_key": str(item.values["dimension"]),
            "standard": standards.get(std, "") if isinstance(std, int) else "",
            **_score_row(f"{item.values['code']} {item.values['statement']}", found),
        })  # fmt: skip
    responses = sum(sc.n for sc in s.items.values())
    v = current.values
    weights = [
        {"name": t[d], "points": f"{float(v[f'weight_{d}']):g}"}  # type: ignore[arg-type]
        for d in op.SERVQUAL_DIMENSIONS
        if v[f"weight_{d}"] is not None
    ]
    # what to act on: the dimensions furthest below expectations first, each with its
    # weakest item and the satisfaction standards that serve it
    all_standards = list_records(ws, "satisfaction_standard")
    actions = []
    for row in sorted(dims, key=lambda r: r["value"]):
        if s.basis == "gap" and row["value"] >= 0:
            continue
        own = [r for r in item_rows if r["dimension_key"] == row["key"]]
        worst = min(own, key=lambda r: r["value"]) if own else None
        actions.append({
            "dimension": row["name"],
            "score": row["shown"],
            "change": row["change"],
            "worst_item": f"{worst['code']} — {worst['statement']}"
            + (f"（{worst['shown']}）" if lang == "zh_CN" else f" ({worst['shown']})")
            if worst else "",
            "standards": [str(st.values["standard"]) for st in all_standards
                          if st.values["dimension"] == row["key"]],
        })  # fmt: skip
    comparison = []
    if before is not None:
        for d, a, b, change in op.compare_dimensions(before.scores, s):
            verdict = _verdict(before.scores.dimensions.get(d), s.dimensions.get(d), change)
            shown = _signed if s.basis == "gap" else _num
            comparison.append({"name": t[d], "before": shown(a), "after": shown(b),
                               "change": _signed(change), "verdict": verdict,
                               "verdict_text": t[verdict] if verdict else "—"})  # fmt: skip
    return {
        "survey": {
            "title": str(v["title"]),
            "starts_on": str(v["starts_on"]),
            "ends_on": str(v["ends_on"] or ""),
            "scale": str(v["scale"]),
            "asks": str(v["asks"]),
            "asks_text": t.get(str(v["asks"]), ""),
            "basis": s.basis,
            "respondents": s.respondents,
            "responses": responses,
            "items_count": len(item_rows),
            "overall": _signed(s.overall) if s.basis == "gap" else _num(s.overall),
            "weighted": (_signed(s.weighted) if s.basis == "gap" else _num(s.weighted))
            if s.weighted is not None
            else "—",
            "weights": weights,
            "dimensions": dims,
            "item_scores": item_rows,
            "actions": actions,
            "improved": [r["name"] for r in comparison if r["verdict"] == "better"],
            "worsened": [r["name"] for r in comparison if r["verdict"] == "worse"],
        },
        "previous_survey": None
        if earlier is None or before is None
        else {
            "title": str(earlier.values["title"]),
            "starts_on": str(earlier.values["starts_on"]),
            "respondents": before.scores.respondents,
            "overall": _signed(before.scores.overall)
            if before.scores.basis == "gap"
            else _num(before.scores.overall),
            "comparison": comparison,
            "chart": {d: sc.value for d, sc in before.scores.dimensions.items()},
        },
    }


# -- complaints and recovery ------------------------------------------------------------------


def _complaints_context(ws: Workspace, lang: str, today: dt.date) -> dict[str, Any]:
    t = TEXT[lang]
    start = _months_back(today, 11)
    all_complaints = {r.id: r.values for r in list_records(ws, "complaint")}
    inside = {
        i: c
        for i, c in all_complaints.items()
        if isinstance(c["received_on"], dt.date) and start <= c["received_on"] <= today
    }
    moments = record_labels(ws, "moment_of_truth")
    items = record_labels(ws, "service_item")
    channels = record_labels(ws, "feedback_channel")
    people = record_labels(ws, "person")
    recoveries = [r.values for r in list_records(ws, "recovery")]
    cases: dict[int, dict[str, object]] = {}
    for r in recoveries:
        cid = r["complaint"]
        if isinstance(cid, int):
            merged = cases.setdefault(cid, {})
            merged.update({k: v for k, v in r.items() if v not in (None, "", ())})

    def pareto(field: str, labels: dict[int, str] | None) -> list[dict[str, Any]]:
        counts: dict[str, int] = {}
        for c in inside.values():
            value = c[field]
            if labels is not None:
                name = labels.get(value, "") if isinstance(value, int) else ""
            else:
                name = t.get(str(value), "") if value else ""
            name = name or t["not_named"]
            counts[name] = counts.get(name, 0) + 1
        return [{"name": n, "count": k, "share": _pct(k / len(inside)), "cumulative": _pct(cum),
                 "cumulative_value": cum}
                for n, k, cum in op.pareto(counts)]  # fmt: skip

    by_month = op.per_month(c["received_on"] for c in inside.values())  # type: ignore[misc]
    recovered = op.per_month(
        (r["apology_on"] or r["reinstated_on"])  # type: ignore[misc]
        for r in recoveries
        if r["complaint"] in inside
    )
    months = []
    for n in range(11, -1, -1):
        m = op.month_of(_months_back(today, n))
        months.append(
            {"month": m, "complaints": by_month.get(m, 0), "recoveries": recovered.get(m, 0)}
        )

    # the five steps: how many cases needed each, how many took it
    steps = []
    for number, _key, _fields in op.RECOVERY_STEPS:
        needed = [i for i, c in inside.items() if number in op.needed_steps(str(c["severity"]))]
        taken = [i for i in needed if number in op.steps_taken(cases.get(i, {}))]
        beyond = [i for i in inside if number not in op.needed_steps(str(inside[i]["severity"]))
                  and number in op.steps_taken(cases.get(i, {}))]  # fmt: skip
        steps.append({"number": number, "name": t[f"step{number}"], "needed": len(needed),
                      "taken": len(taken), "missing": len(needed) - len(taken),
                      "beyond": len(beyond),
                      "rate": _pct(len(taken) / len(needed)) if needed else "—"})  # fmt: skip
    gaps = []
    for w in op.recovery_warnings(inside, recoveries):
        c = inside[w.complaint]
        gaps.append({"date": str(c["received_on"]), "description": str(c["description"]),
                     "severity": t.get(str(c["severity"]), ""),
                     "missing": ("、" if lang == "zh_CN" else ", ").join(
                         f"{n} {t[f'step{n}']}" for n in w.missing)})  # fmt: skip
    retained = [cases[i].get("retained") for i in inside if i in cases]
    tokens = [cases[i] for i in inside if i in cases and cases[i].get("token")]

    claims = [r.values for r in list_records(ws, "commitment_claim")]
    claims_in = [c for c in claims if isinstance(c["claimed_on"], dt.date)
                 and start <= c["claimed_on"] <= today]  # fmt: skip
    summary = operate.claims_summary(ws)
    claim_rows = [
        {
            "claimed_on": str(c["claimed_on"]),
            "complaint": str(all_complaints[c["complaint"]]["description"])  # type: ignore[index]
            if c["complaint"] in all_complaints
            else "—",
            "payout": _money(float(c["payout"] or 0)),  # type: ignore[arg-type]
            "paid_on": str(c["paid_on"] or "—"),
            "paid_by": people.get(c["paid_by"], "—") if isinstance(c["paid_by"], int) else "—",  # type: ignore[arg-type]
        }
        for c in sorted(claims_in, key=lambda c: c["claimed_on"])  # type: ignore[arg-type, return-value]
    ]
    invoked = sum(1 for c in inside.values() if c["commitment_invoked"] == "yes")

    periods = [r for r in operate.retention(ws) if start <= r.period <= today]
    retention_rows = [
        {
            "month": op.month_of(r.period),
            "customers": _num(r.customers, 0),
            "repeat_customers": _num(r.repeat_customers, 0),
            "retention": _pct(r.retention),
            "complaints": r.complaints,
            "per_thousand": _num(r.per_thousand),
        }
        for r in periods
    ]
    value = None
    keep = [p.values["keep_cost"] for p in list_records(ws, "customer_period")
            if p.values["keep_cost"]]  # fmt: skip
    if periods and keep and periods[-1].customers:
        v = op.retention_value(float(periods[-1].customers), float(keep[-1]))  # type: ignore[arg-type]
        value = {"keep_cost": _money(float(keep[-1])), "lost_low": _money(v.lost_low),  # type: ignore[arg-type]
                 "lost_high": _money(v.lost_high), "point_low": _money(v.point_low),
                 "point_high": _money(v.point_high),
                 "customers": f"{periods[-1].customers:,.0f}"}  # fmt: skip
    rates = [r.retention for r in periods if r.retention is not None]

    # lessons for step 1: each distinct cause, how often, and whether the lesson is drawn
    linked = {r.values["complaint"] for r in list_records(ws, "lesson") if r.values["complaint"]}
    causes: dict[str, dict[str, Any]] = {}
    for i, c in sorted(inside.items(), key=lambda kv: (kv[1]["received_on"], kv[0])):  # type: ignore[arg-type, return-value]
        cause = str(c["cause"] or "").strip()
        if not cause:
            continue
        entry = causes.setdefault(cause, {"cause": cause, "count": 0, "drawn": False,
                                          "examples": [], "moments": {}})  # fmt: skip
        entry["count"] += 1
        entry["drawn"] = entry["drawn"] or i in linked
        if len(entry["examples"]) < 2 and c["description"] not in entry["examples"]:
            entry["examples"].append(str(c["description"]))
        moment = c["moment"]
        if isinstance(moment, int):
            entry["moments"][moments.get(moment, "")] = None
    lessons = [
        {**e, "examples": "; ".join(e["examples"]), "moments": ", ".join(n for n in e["moments"] if n),
         "drawn_text": t["yes"] if e["drawn"] else t["no"]}
        for e in sorted(causes.values(), key=lambda e: -e["count"])
    ]  # fmt: skip

    severities = {s: sum(1 for c in inside.values() if c["severity"] == s)
                  for s in op.COMPLAINT_SEVERITIES}  # fmt: skip
    sites: dict[str, int] = {}
    for c in inside.values():
        name = str(c["site"] or "") or t["not_named"]
        sites[name] = sites.get(name, 0) + 1
    by_channel: dict[str, int] = {}
    for c in inside.values():
        ch = c["channel"]
        name = (channels.get(ch, "") if isinstance(ch, int) else "") or t["not_named"]
        by_channel[name] = by_channel.get(name, 0) + 1
    return {
        "period": {"start": start.isoformat(), "end": today.isoformat()},
        "count": len(inside),
        "open": sum(1 for c in inside.values() if c["status"] == "open"),
        "closed": sum(1 for c in inside.values() if c["status"] == "closed"),
        "disappointed": severities["disappointed"],
        "angered": severities["angered"],
        "invoked": invoked,
        "sites": [{"name": n, "count": k} for n, k in sorted(sites.items(), key=lambda x: -x[1])],
        "channels": [
            {"name": n, "count": k} for n, k in sorted(by_channel.items(), key=lambda x: -x[1])
        ],  # fmt: skip
        "months": months,
        "by_moment": pareto("moment", moments),
        "by_dimension": pareto("dimension", None),
        "by_item": pareto("service_item", items),
        "recovery": {
            "cases": sum(1 for i in inside if i in cases),
            "steps": steps,
            "gaps": gaps,
            "retained": sum(1 for r in retained if r == "yes"),
            "lost": sum(1 for r in retained if r == "no"),
            "asked": sum(1 for r in retained if r in ("yes", "no")),
            "tokens": len(tokens),
            "token_value": _money(sum(_float(c.get("token_value")) for c in tokens)),
        },
        "claims": {
            "count": len(claim_rows),
            "paid": sum(1 for c in claims_in if c["paid_on"] is not None),
            "payout_total": _money(sum(_float(c["payout"]) for c in claims_in)),
            "rows": claim_rows,
            "kept_rate": "—" if summary.kept_rate is None else f"{summary.kept_rate * 100:.3f}%",
            "invoked": invoked,
        },
        "retention": {
            "rows": retention_rows,
            "latest": retention_rows[-1] if retention_rows else None,
            "average": _pct(sum(rates) / len(rates)) if rates else "—",
            "value": value,
        },
        "lessons": lessons,
    }


def operate_context(ws: Workspace, lang: str, today: dt.date | None = None) -> dict[str, Any]:
    """The `operate` entry of a document's context (see templates/README.md)."""
    lang = "zh_CN" if lang == "zh_CN" else "en"
    return {
        "operate": {
            **_survey_context(ws, lang),
            "complaints": _complaints_context(ws, lang, today or dt.date.today()),
        }
    }


def operate_images(
    context: dict[str, Any], lang: str, wanted: Collection[str] | None = None
) -> dict[str, Picture]:
    """The charts the Operate templates place: `@@image servqual_dimensions`,
    `servqual_items`, `complaints_pareto`, `complaints_dimensions`, `complaints_per_month`."""
    from qms_desktop.documents import operate_charts as charts

    t = TEXT["zh_CN" if lang == "zh_CN" else "en"]
    data = context.get("operate") or {}
    images: dict[str, Picture] = {}

    def want(name: str) -> bool:
        return wanted is None or name in wanted

    survey, previous = data.get("survey"), data.get("previous_survey")
    if survey:
        gap = survey["basis"] == "gap"
        before = (previous or {}).get("chart") or {}
        legend = (str((previous or {}).get("title", "")), str(survey["title"]))
        if want("servqual_dimensions"):
            images["servqual_dimensions"] = charts.gap_chart(
                [(d["name"], d["value"], before.get(d["key"])) for d in survey["dimensions"]],
                t["gaps_title"] if gap else t["perception_title"],
                legend,
            )
        if want("servqual_items"):
            images["servqual_items"] = charts.gap_chart(
                [
                    (f"{i['code']} {i['statement']}", i["value"], None)
                    for i in survey["item_scores"]
                ],
                t["items_title"] if gap else t["items_perception_title"],
                legend,
            )
    complaints = data.get("complaints") or {}
    if complaints.get("count"):
        if want("complaints_pareto"):
            images["complaints_pareto"] = charts.pareto_chart(
                [(r["name"], r["count"], r["cumulative_value"]) for r in complaints["by_moment"]],
                t["pareto_moment"],
            )
        if want("complaints_dimensions"):
            images["complaints_dimensions"] = charts.pareto_chart(
                [
                    (r["name"], r["count"], r["cumulative_value"])
                    for r in complaints["by_dimension"]
                ],
                t["pareto_dimension"],
            )
        if want("complaints_per_month"):
            images["complaints_per_month"] = charts.monthly_chart(
                [(m["month"], float(m["complaints"]), float(m["recoveries"]))
                 for m in complaints["months"]],
                t["per_month"],
                (t["complaints"], t["recoveries"]),
            )  # fmt: skip
    return images
