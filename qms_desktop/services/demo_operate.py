"""The demo organisation's year of operating records (step 8), in English and Chinese:
feedback channels, ~60 complaints across moments and sites with their recoveries, three
commitment claims, two survey waves of 400 respondents (responsiveness improves), monthly
results of each objective and customers per month. Generated from a fixed seed."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from qms_desktop.domain.operate import Target, parse_target
from qms_desktop.domain.registers import SERVQUAL
from qms_desktop.storage.workspace import Workspace

_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "channels": (("Guest satisfaction survey", "survey", "quarterly"),
                     ("Comment cards in rooms", "comment_card", "weekly"),
                     ("Front desk complaints", "complaint_desk", "daily"),
                     ("Online reviews", "online_review", "daily"),
                     ("Follow-up calls", "follow_up_call", "monthly")),
        "sites": ("Riverside hotel", "Airport hotel", "Old town hotel"),
        "complaints": ("Waited too long at check-in", "Room not clean on arrival",
                       "Wrong charge on the bill", "Noisy air conditioning",
                       "Breakfast ran out of hot dishes", "Staff were curt on the phone"),
        "causes": ("Staffing did not follow the expected arrivals",
                   "Rooms released before the housekeeping check", "Prices changed without updating the billing codes",
                   "", "Kitchen planned for fewer guests than were booked",
                   "Telephone manners are not part of the induction"),
        "apology": "Duty manager apologised in person",
        "reinstate": "Problem put right at once",
        "empathy": "Acknowledged the lost evening",
        "token": "Dinner voucher",
        "how": "Phone call",
        "outcome": "Guest satisfied and booked again",
        "survey": ("Guest survey, spring", "Guest survey, autumn"),
        "items": ("The rooms look modern and clean", "Staff look neat",
                  "Bookings are right the first time", "The bill is correct",
                  "Requests are answered within minutes", "Staff are never too busy to help",
                  "Staff are courteous", "I feel safe in the hotel",
                  "Staff give me individual attention", "The hotel has my interests at heart"),
        "source": "Monthly report",
    },
    "zh_CN": {
        "channels": (("宾客满意度调查", "survey", "quarterly"), ("客房意见卡", "comment_card", "weekly"),
                     ("前台投诉", "complaint_desk", "daily"), ("网络点评", "online_review", "daily"),
                     ("回访电话", "follow_up_call", "monthly")),
        "sites": ("江畔酒店", "机场酒店", "老城酒店"),
        "complaints": ("办理入住等候时间过长", "入住时房间不干净", "账单收费错误", "空调噪音大",
                       "早餐热菜供应不足", "电话中员工态度生硬"),
        "causes": ("人员配置未按预计到店人数安排", "客房未经检查即放房", "调价后未更新账单代码", "",
                   "厨房按少于预订人数备餐", "入职培训不包括电话礼仪"),
        "apology": "值班经理当面致歉",
        "reinstate": "当即解决问题",
        "empathy": "理解宾客耽误了一个晚上",
        "token": "晚餐券",
        "how": "电话",
        "outcome": "宾客满意并再次预订",
        "survey": ("宾客调查（春季）", "宾客调查（秋季）"),
        "items": ("客房设施新颖整洁", "员工仪表整洁", "预订一次就准确", "账单准确无误",
                  "请求在几分钟内得到回应", "员工再忙也乐于帮助", "员工彬彬有礼", "在酒店感到安全",
                  "员工给予个别关注", "酒店把我的利益放在心上"),
        "source": "月度报告",
    },
}  # fmt: skip


# Kano in use and the recovery catalogue: moments of truth planned by the five steps (in
# the demo's order: arrival, entering the room, paying the bill), what serves each customer
# need (satisfaction standards by their order: tangibles, reliability, responsiveness,
# assurance, empathy; moments; the commitment), tokens by role (roles by their order)
_KANO: dict[str, dict[str, Any]] = {
    "en": {
        "plans": (
            ("Front desk apologises for the wait at once", "Open a second desk; offer a seat and water",
             "Acknowledge the wait and ask about the guest's plans for the evening", "", "",
             "Every wait over 5 minutes goes into the shift report."),
            ("Housekeeper or duty manager apologises in person", "Move the guest to a ready room at once",
             "Acknowledge the spoilt arrival", "Room upgrade or complimentary dinner (catalogue of tokens)",
             "Duty manager calls the next day",
             "The room number goes to the executive housekeeper the same day."),
            ("Apologise", "Correct the bill on the spot", "", "", "",
             "A corrected invoice is e-mailed if the guest asks."),
        ),
        "needs": (((0, 1), (1,), "no"), ((2,), (0,), "yes"), ((4,), (0,), "no")),
        "tokens": (("Welcome drink on the house", 50.0, 5, "Bar and lobby lounge"),
                   ("Dinner voucher", 200.0, 5, "Any hotel restaurant, within three months"),
                   ("Fruit basket and apology card", 120.0, 7, "Delivered to the room"),
                   ("Room upgrade for the stay", 800.0, 2, "Subject to availability"),
                   ("First night refunded", 1500.0, 0, "Also the service commitment's remedy")),
    },
    "zh_CN": {
        "plans": (
            ("前台立即为等候致歉", "开放第二个前台；请宾客就座并送上饮用水", "体谅宾客的等候，询问当晚行程", "", "",
             "等候超过5分钟的情况记入交班报告。"),
            ("客房领班或值班经理当面致歉", "立即为宾客换到已备好的客房", "体谅宾客入住体验受损",
             "升级房型或赠送晚餐（见补偿物目录）", "值班经理次日回访",
             "当天将房号报行政管家。"),
            ("致歉", "当场更正账单", "", "", "", "宾客需要时以电子邮件补发更正后的发票。"),
        ),
        "needs": (((0, 1), (1,), "no"), ((2,), (0,), "yes"), ((4,), (0,), "no")),
        "tokens": (("免费欢迎饮品", 50.0, 5, "酒吧及大堂吧"),
                   ("晚餐券", 200.0, 5, "任一酒店餐厅，三个月内有效"),
                   ("果篮与致歉卡", 120.0, 7, "送至客房"),
                   ("本次住宿升级房型", 800.0, 2, "视房态而定"),
                   ("免收首晚房费", 1500.0, 0, "亦为服务承诺的赔付方式")),
    },
}  # fmt: skip


def fill_kano_and_tokens(ws: Workspace, lang: str, actor: str) -> int | None:
    """Moments of truth planned by step, customer needs linked to what serves them, the
    catalogue of recovery tokens by role; returns the dinner voucher's id (the token the
    demo's recoveries give)."""
    from qms_desktop.domain.registers import RECOVERY_PLAN_FIELDS
    from qms_desktop.services.operate import add_records
    from qms_desktop.services.registers import list_records, update_records

    k = _KANO["zh_CN" if lang == "zh_CN" else "en"]
    moments = [r.id for r in list_records(ws, "moment_of_truth")]
    standards = [r.id for r in list_records(ws, "satisfaction_standard")]
    needs = [r.id for r in list_records(ws, "customer_need")]
    roles = [r.id for r in list_records(ws, "role")]
    update_records(ws, actor, "moment_of_truth", [
        (mid, {**dict(zip(RECOVERY_PLAN_FIELDS, plan[:5], strict=True)), "recovery": plan[5]})
        for mid, plan in zip(moments, k["plans"], strict=False)
    ])  # fmt: skip
    update_records(ws, actor, "customer_need", [
        (nid, {"standards": tuple(standards[i] for i in st if i < len(standards)),
               "moments": tuple(moments[i] for i in mo if i < len(moments)), "commitment": yes})
        for nid, (st, mo, yes) in zip(needs, k["needs"], strict=False)
    ])  # fmt: skip
    if not roles:
        return None
    tokens, _ = add_records(ws, actor, "recovery_token", [
        {"token": t, "value_limit": limit, "role": roles[r % len(roles)], "notes": notes}
        for t, limit, r, notes in k["tokens"]
    ])  # fmt: skip
    return tokens[1].id


# survey item codes per dimension (reliability and responsiveness share their first letter)
_CODES = {"tangibles": "T", "reliability": "RL", "responsiveness": "RS", "assurance": "A",
          "empathy": "E"}  # fmt: skip


def fill_operate(ws: Workspace, lang: str, actor: str) -> None:
    """Write the year of operating records, one transaction per register (through
    services.operate.add_records, so each record is validated and has its audit entry)."""
    from qms_desktop.services.operate import add_records, lesson_from_complaint
    from qms_desktop.services.registers import list_records, update_record, update_records

    w = _WORDS["zh_CN" if lang == "zh_CN" else "en"]
    rnd = random.Random(20260101)
    today = dt.date.today()
    start = _months_back(today, 11)  # twelve months, this one included
    voucher = fill_kano_and_tokens(ws, lang, actor)
    people = [r.id for r in list_records(ws, "person") if r.values.get("state") != "left"]
    moments = [r.id for r in list_records(ws, "moment_of_truth")]
    items = [r.id for r in list_records(ws, "service_item")]
    channels = [
        r.id
        for r in add_records(ws, actor, "feedback_channel", [
            {"name": n, "kind": k, "frequency": f, "owner": people[i % len(people)] if people else None}
            for i, (n, k, f) in enumerate(w["channels"])
        ])[0]
    ]  # fmt: skip
    complaint_rows: list[dict[str, object]] = []
    recovery_rows: list[dict[str, object]] = []
    for n in range(60):
        day = start + dt.timedelta(days=rnd.randrange(max((today - start).days - 10, 1)))
        kind = n % len(w["complaints"])
        angered = rnd.random() < 0.3
        complaint_rows.append({
            "received_on": day, "channel": channels[n % len(channels)],
            "site": w["sites"][rnd.randrange(3)],
            "moment": moments[(kind + rnd.randrange(2)) % len(moments)] if moments else None,
            "service_item": items[kind % len(items)] if items else None,
            "dimension": SERVQUAL[(kind + 1) % 5 if kind != 4 else 2],
            "description": w["complaints"][kind], "severity": "angered" if angered else "disappointed",
            "commitment_invoked": "yes" if n in (7, 23, 41) else "no",
            "status": "open" if day > today - dt.timedelta(days=14) else "closed",
            "cause": w["causes"][kind],
        })  # fmt: skip
        full = angered and n % 9 != 0  # a few angered cases lack steps: the warning shows
        who = people[n % len(people)] if people else None
        recovery_rows.append({
            "apology_on": day, "apology_by": who,
            "reinstatement": w["reinstate"], "reinstated_on": day,
            "empathy": w["empathy"] if full else "",
            "catalogue_token": voucher if full else None,
            "token": w["token"] if full else "", "token_value": 80.0 if full else None,
            "authorised_by": who if full else None, "authority_limit": 200.0 if full else None,
            "follow_up_on": min(day + dt.timedelta(days=3), today) if full else None,
            "follow_up_how": w["how"] if full else "", "follow_up_outcome": w["outcome"] if full else "",
            "retained": "yes" if full else "",
        })  # fmt: skip
    complaints, _ = add_records(ws, actor, "complaint", complaint_rows)
    for c, r in zip(complaints, recovery_rows, strict=True):
        r["complaint"] = c.id
    add_records(ws, actor, "recovery", recovery_rows)
    lesson, _ = lesson_from_complaint(
        ws, actor, complaints[0].id, "zh_CN" if lang == "zh_CN" else "en"
    )
    # decided at once, into the front-office procedure, so the signed-off Summarise step holds
    update_record(
        ws, actor, "lesson", lesson.id, decision="adopt", rule_kind="standard", document="HLH-QP-04"
    )
    claims = []
    for n in (7, 23, 41):
        c = complaints[n]
        received = c.values["received_on"]
        assert isinstance(received, dt.date)
        claims.append({"complaint": c.id, "claimed_on": received, "payout": 150.0 + n,
                       "paid_on": received, "paid_by": people[0] if people else None})  # fmt: skip
    add_records(ws, actor, "commitment_claim", claims)
    waves = [
        (title, _months_back(today, ago)) for title, ago in zip(w["survey"], (10, 4), strict=True)
    ]
    surveys, _ = add_records(ws, actor, "survey", [
        {"title": title, "starts_on": begins, "ends_on": begins + dt.timedelta(days=27),
         "scale": "7", "asks": "expectation_perception", "weight_tangibles": 10,
         "weight_reliability": 30, "weight_responsiveness": 25, "weight_assurance": 20,
         "weight_empathy": 15}
        for title, begins in waves
    ])  # fmt: skip
    survey_items, _ = add_records(ws, actor, "survey_item", [
        {"survey": s.id, "code": f"{_CODES[d]}{k + 1}",
         "statement": w["items"][2 * SERVQUAL.index(d) + k], "dimension": d}
        for s in surveys for d in SERVQUAL for k in range(2)
    ])  # fmt: skip
    per_survey = len(SERVQUAL) * 2
    responses: list[dict[str, object]] = []
    for wave, ((_, begins), s) in enumerate(zip(waves, surveys, strict=True)):
        ids = [i.id for i in survey_items[wave * per_survey : (wave + 1) * per_survey]]
        for person in range(400):
            for idx, item in enumerate(ids):
                dim = SERVQUAL[idx // 2]
                lift = 1.2 if dim == "responsiveness" and wave == 1 else 0.0
                e = min(7, max(1, round(rnd.gauss(6.0, 0.7))))
                base = {"tangibles": 5.6, "reliability": 5.2, "responsiveness": 4.3,
                        "assurance": 5.8, "empathy": 5.3}[dim]  # fmt: skip
                p = min(7, max(1, round(rnd.gauss(base + lift, 0.9))))
                responses.append({"survey": s.id, "respondent": f"R{wave + 1}-{person + 1:03d}",
                                  "item": item, "expectation": float(e), "perception": float(p),
                                  "answered_on": begins + dt.timedelta(days=person % 28)})  # fmt: skip
    add_records(ws, actor, "survey_response", responses)
    # a time is held against its target from below ("at most 10 minutes"); the rest from above
    timed = [o.id for o in list_records(ws, "objective") if o.values["unit"] in ("minutes", "分钟")]
    update_records(ws, actor, "objective", [(i, {"comparison": "<="}) for i in timed])
    measured: list[tuple[str, int, Target]] = [
        ("objective", o.id, Target(str(o.values["comparison"] or ">="), float(o.values["target"]),  # type: ignore[arg-type]
                                   str(o.values["unit"])))
        for o in list_records(ws, "objective")
    ]  # fmt: skip
    for st in list_records(ws, "satisfaction_standard"):
        target = parse_target(str(st.values["target"]))
        if target is not None:
            measured.append(("standard", st.id, target))
    results: list[dict[str, object]] = []
    periods: list[dict[str, object]] = []
    for month in range(12, 0, -1):
        period = _months_back(today, month)
        for ref, rid, t in measured:  # each a little better month by month, met by the end
            better = 0.012 * (12 - month) + rnd.uniform(-0.015, 0.015)
            value = t.value * (1.1 - better) if t.comparator == "<=" else t.value * (0.94 + better)
            if t.unit == "%":
                value = min(value, 100.0)
            results.append({ref: rid, "period": period, "value": round(value, 2),
                            "source": w["source"]})  # fmt: skip
        customers = 2000 + rnd.randrange(-150, 150)
        periods.append({
            "period": period, "customers": float(customers),
            "repeat_customers": float(int(customers * (0.78 + 0.005 * (12 - month)))),
            "services": float(customers * 3), "keep_cost": 120.0})  # fmt: skip
    add_records(ws, actor, "result", results)
    add_records(ws, actor, "customer_period", periods)


def _months_back(today: dt.date, months: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)
