"""What the management review report (templates/management-review-report) reads: the review
(the latest held, or the one chosen), its minutes and outputs, and its gathered inputs, as
plain data in the document's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qms_desktop.domain import review as rv
from qms_desktop.domain.register_labels import CHOICE_LABELS
from qms_desktop.services import review as review_service
from qms_desktop.services.registers import list_records, record_labels
from qms_desktop.storage.workspace import Workspace

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "major": "Major",
        "minor": "Minor",
        "observation": "Observation",
        "ofi": "Opportunity for improvement",
        "good_practice": "Good practice",
        "gap": "Gap (P − E)",
        "perception": "Mean perception",
        "audit": "Audit finding",
        "lesson": "Lesson",
        "undecided": "Not decided",
        "none": "—",
        "overdue": "Overdue",
        "met": "Met",
        "not_met": "Not met",
        "not_measured": "Not measured",
    },
    "zh_CN": {
        "major": "严重",
        "minor": "一般",
        "observation": "观察项",
        "ofi": "改进机会",
        "good_practice": "良好实践",
        "gap": "差距（P − E）",
        "perception": "平均感知",
        "audit": "审核发现",
        "lesson": "经验教训",
        "undecided": "未作结论",
        "none": "—",
        "overdue": "已逾期",
        "met": "达成",
        "not_met": "未达成",
        "not_measured": "未测量",
    },
}


def _day(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else "—"


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _choice(value: object, zh: bool) -> str:
    pair = CHOICE_LABELS.get(str(value or ""))
    return pair[1 if zh else 0] if pair else str(value or "")


def latest_review(ws: Workspace, today: dt.date | None = None) -> int | None:
    """The review a report shows by default: the latest held (by today), else the latest."""
    today = today or dt.date.today()
    reviews = [(r.values["held_on"], r.id) for r in list_records(ws, "management_review")]
    held = [r for r in reviews if isinstance(r[0], dt.date) and r[0] <= today]
    chosen = max(held or reviews, default=None)  # type: ignore[type-var]
    return chosen[1] if chosen else None


def _action(a: rv.ActionLine, zh: bool, t: dict[str, str]) -> dict[str, Any]:
    return {
        "description": a.description,
        "owner": a.owner or "—",
        "due": _day(a.due),
        "status": _choice(a.status, zh),
        "overdue": a.overdue,
        "state": t["overdue"] if a.overdue else _choice(a.status, zh),
    }


def _target(line: rv.TargetLine, t: dict[str, str]) -> dict[str, Any]:
    verdict = (
        t["not_measured"] if line.met is None and not line.results
        else t["none"] if line.met is None
        else t["met"] if line.met
        else t["not_met"]
    )  # fmt: skip
    return {
        "label": line.label,
        "target": line.target_text.replace(">=", "≥").replace("<=", "≤"),
        "results": line.results,
        "latest": _num(line.latest, 2) if line.latest is not None else "—",
        "verdict": verdict,
        "process": line.process,
    }


def review_context(
    ws: Workspace, lang: str, review_id: int | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """The `review` entry of a document's context (see templates/README.md); None when no
    management review is recorded."""
    if "management_review" not in _registers():
        return {"review": None}
    zh = lang == "zh_CN"
    t = TEXT["zh_CN" if zh else "en"]
    rid = review_id if review_id is not None else latest_review(ws, today)
    if rid is None:
        return {"review": None}
    record = next(r for r in list_records(ws, "management_review") if r.id == rid)
    v = record.values
    people = record_labels(ws, "person")
    inputs = review_service.review_inputs(ws, rid)
    outputs = [
        rv.ActionLine(
            n.id,
            str(n.values.get("description") or ""),
            str(n.values.get("owner") or ""),
            n.values.get("due") if isinstance(n.values.get("due"), dt.date) else None,  # type: ignore[arg-type]
            str(n.values.get("status") or ""),
            False,
            rid,
        )
        for n in _nonconformities(ws)
        if n.values.get("review") == rid
    ]
    fb = inputs.feedback
    acts = inputs.actions

    def verdict(name: str) -> str:
        return _choice(v.get(name), zh) if v.get(name) else t["undecided"]

    return {
        "review": {
            "held_on": _day(v["held_on"]),
            "period_from": _day(v["period_from"]),
            "period_to": _day(v["period_to"]),
            "chair": people.get(chair, "—") if isinstance(chair := v.get("chair"), int) else "—",
            "participants": [people.get(p, "") for p in _ids(v.get("participants"))],
            "suitable": verdict("suitable"),
            "adequate": verdict("adequate"),
            "effective": verdict("effective"),
            "conclusions": str(v.get("conclusions") or ""),
            "outputs": [_action(a, zh, t) for a in outputs],
            "inputs": {
                "previous_actions": [_action(a, zh, t) for a in inputs.previous_actions],
                "previous_open": inputs.previous_open,
                "changes_in_context": inputs.changes_in_context,
                "surveys": [
                    {
                        "title": s.title,
                        "starts_on": _day(s.starts_on),
                        "respondents": s.respondents,
                        "overall": _num(s.overall),
                        "basis": t["gap"] if s.basis == "gap" else t["perception"],
                    }
                    for s in inputs.surveys
                ],
                "complaints": fb.complaints,
                "severity": [
                    {"name": _choice(k, zh), "count": n} for k, n in sorted(fb.by_severity.items())
                ],
                "complaints_open": fb.still_open,
                "recoveries": fb.recoveries,
                "claims": fb.claims,
                "payouts": _num(fb.payouts),
                "objectives": [_target(o, t) for o in inputs.objectives],
                "processes": [
                    {
                        "name": p.process,
                        "objectives": p.objectives,
                        "measured": p.measured,
                        "met": p.met,
                    }
                    for p in inputs.processes
                ],  # fmt: skip
                "actions": {
                    "opened": acts.opened,
                    "closed": acts.closed,
                    "overdue": acts.overdue,
                    "still_open": acts.still_open,
                    "by_source": [
                        {"name": _choice(k, zh), "count": n}
                        for k, n in sorted(acts.by_source.items())
                    ],
                    "overdue_lines": [_action(a, zh, t) for a in acts.overdue_lines],
                },
                "monitoring": [_target(m, t) for m in inputs.monitoring],
                "results_recorded": inputs.results_recorded,
                "audits": [
                    {
                        "title": a.title,
                        "held_on": _day(a.held_on),
                        **{g: a.findings.get(g, 0) for g in rv.FINDING_GRADES},
                    }
                    for a in inputs.audits
                ],  # fmt: skip
                "grades": [{"key": g, "name": t[g]} for g in rv.FINDING_GRADES],
                "findings": inputs.findings,
                "supplier_performance": inputs.supplier_performance,
                "resources": inputs.resources,
                "people": inputs.people,
                "facilities": inputs.facilities_in_service,
                "risks_and_opportunities": inputs.risks_and_opportunities,
                "opportunities": [
                    {"source": t[o.source], "text": o.text} for o in inputs.opportunities
                ],
            },
        }
    }


def _ids(value: object) -> tuple[int, ...]:
    return tuple(i for i in value if isinstance(i, int)) if isinstance(value, tuple) else ()


def _registers() -> set[str]:
    from qms_desktop.domain.registers import REGISTERS

    return set(REGISTERS)


def _nonconformities(ws: Workspace) -> list[Any]:
    return list_records(ws, "nonconformity") if "nonconformity" in _registers() else []
