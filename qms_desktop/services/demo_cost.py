"""The demo organisation's year of quality cost and quality appraisal (issue 11, items 4-5):
veto triggers, monthly costs in the four PAF categories per department, revenue per month,
and one quarter's appraisals of four departments, one with the veto applied (a safety
incident a person judged). Called by the demo's year of operating records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qms_desktop.services.quality_cost import add_costs
from qms_desktop.storage.workspace import Workspace

WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "departments": ("Front office", "Housekeeping", "Restaurant", "Engineering"),
        "triggers": (
            ("Customer angered by a service failure", "serious_complaint"),
            ("Service commitment broken (claim paid)", "broken_commitment"),
            ("Injury to a guest or an employee", "safety_incident"),
        ),
        "costs": {
            "prevention": "Quality training and service-standard upkeep",
            "appraisal": "Mystery guest visits and room inspections",
            "internal_failure": "Rework: rooms re-cleaned, dishes remade",
            "external_failure": "Refunds and compensation beyond recovery tokens",
        },
        "indicators": "Complaints per 1 000 guests, room-inspection pass rate, survey score",
        "veto_reason": "Guest slipped on a wet floor left unmarked during repairs (incident "
        "report of the quarter); the quality veto applies whatever the score.",
        "effect": "Quarterly quality bonus of the department withheld",
    },
    "zh_CN": {
        "departments": ("前厅部", "客房部", "餐饮部", "工程部"),
        "triggers": (
            ("服务失误导致顾客愤怒", "serious_complaint"),
            ("违反服务承诺（已赔付）", "broken_commitment"),
            ("宾客或员工受伤", "safety_incident"),
        ),
        "costs": {
            "prevention": "质量培训与服务标准维护",
            "appraisal": "神秘顾客暗访与客房检查",
            "internal_failure": "返工：客房重新清扫、菜品重做",
            "external_failure": "补偿物之外的退款与赔偿",
        },
        "indicators": "每千名宾客投诉数、客房检查合格率、满意度调查得分",
        "veto_reason": "维修期间湿滑地面未设警示，导致宾客滑倒（本季度事故报告）；"
        "无论得分如何，均行使质量否决。",
        "effect": "扣发该部门本季度质量奖金",
    },
}
# per department and category: the monthly base amount
_BASE = {"prevention": 900.0, "appraisal": 1400.0, "internal_failure": 2100.0,
         "external_failure": 1200.0}  # fmt: skip


def _month(today: dt.date, back: int) -> dt.date:
    n = today.year * 12 + today.month - 1 - back
    return dt.date(n // 12, n % 12 + 1, 1)


def fill_quality_cost(ws: Workspace, lang: str, actor: str, today: dt.date | None = None) -> None:
    """Add the demo's quality-cost year and appraisals (the twelve months before `today`'s)."""
    w = WORDS["zh_CN" if lang == "zh_CN" else "en"]
    today = today or dt.date.today()
    triggers, _ = add_costs(ws, actor, "veto_trigger", [
        {"name": name, "kind": kind} for name, kind in w["triggers"]
    ])  # fmt: skip
    rows: list[dict[str, object]] = []
    revenue: list[dict[str, object]] = []
    for back in range(11, -1, -1):  # the current month too: the report shows twelve
        month = _month(today, back)
        for d, dept in enumerate(w["departments"]):
            for c, (category, base) in enumerate(_BASE.items()):
                # prevention grows through the year while failure falls: the PAF story
                trend = (11 - back) / 11
                factor = 1 + 0.4 * trend if category == "prevention" else 1 - 0.3 * trend
                if category == "appraisal":
                    factor = 1.0
                amount = round(base * factor * (1 + 0.15 * d) + 37 * ((back + c) % 5), 2)
                rows.append({"period": month, "category": category, "department": dept,
                             "amount": amount, "description": w["costs"][category]})  # fmt: skip
        revenue.append({"period": month, "revenue": 610_000 + 9_000 * ((11 - back) % 6)})
    add_costs(ws, actor, "quality_cost", rows)
    add_costs(ws, actor, "cost_period", revenue)
    quarter = _month(today, 3)
    end = _month(today, 0) - dt.timedelta(days=1)
    safety = next(t.id for t in triggers if t.values["kind"] == "safety_incident")
    appraisals = []
    for d, dept in enumerate(w["departments"]):
        row: dict[str, object] = {"period": quarter, "period_to": end, "department": dept,
                                  "indicators": w["indicators"], "score": (88, 92, 85, 90)[d],
                                  "veto_applied": "no"}  # fmt: skip
        if d == 3:
            row.update(veto_applied="yes", veto_reason=w["veto_reason"], trigger=safety,
                       economic_effect=w["effect"])  # fmt: skip
        appraisals.append(row)
    add_costs(ws, actor, "appraisal", appraisals)
