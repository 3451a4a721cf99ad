"""The demo organisation's year of running the system (step 8, part 2), in English and
Chinese: QC circles with two improvement projects, quality culture and education activities.
Every record goes through its owner's service (validated, audit-trailed); dates are counted
back from today, as in demo_operate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from qms_desktop.storage.workspace import Workspace

_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "audits": (
            ("Internal audit 1: check-in and reservations", "Check-in", "8.2, 8.5.1",
             "Seaview hotel"),
            ("Internal audit 2: housekeeping and measuring equipment", "Housekeeping",
             "7.1.5, 8.5.1, 8.5.2", "Old town hotel"),
            ("Internal audit 3: customer feedback and corrective action", "Customer feedback",
             "9.1.2, 10.2", "Airport hotel"),
            ("Internal audit 4: reservations at the airport hotel", "Reservation", "8.2",
             "Airport hotel"),
        ),
        "practice": "Seen on site; records sampled.",
        "findings": {
            "8.5.1": ("partial", "minor", "Two of five arrival lists sampled were not checked "
                      "against the desk rota."),
            "8.2.1": ("conforming", "good_practice", "Guests are told the cancellation terms "
                      "in writing at booking, in three languages."),
            "8.2.3": ("partial", "observation", "Changes to group bookings are confirmed by "
                      "phone only."),
            "7.1.5": ("nonconforming", "major", "Core thermometers in the main kitchen have not "
                      "been calibrated for 14 months; no list of measuring equipment."),
            "8.5.2": ("partial", "observation", "Out-of-order rooms are marked on the board "
                      "but not on the housekeeping tablet."),
            "9.1.2": ("partial", "minor", "Comment cards are read but not counted or trended."),
            "10.2": ("partial", "ofi", "Causes of complaints are recorded but rarely "
                     "followed up."),
        },
        "audit_summary": "Scope audited; findings graded; the process works with the gaps "
                         "named in the findings.",
        "review": dict(
            changes_in_context="A new airport terminal opened in March: more late arrivals "
                               "at the airport hotel. Two online travel agencies changed "
                               "their cancellation terms.",
            supplier_performance="Laundry contractor late on 6 of 52 weeks; linen supplier "
                                 "on time. Food suppliers audited by the kitchen in May.",
            resources="A second internal auditor is needed for the airport hotel; self "
                      "check-in kiosks installed at the Seaview hotel.",
            risks_and_opportunities="Risk: peak arrivals at the airport hotel after late "
                                    "flights. Opportunity: the check-in project's measures "
                                    "used at all three hotels.",
            conclusions="The system is suitable and adequate. It is not yet fully effective: "
                        "calibration of measuring equipment and the follow-up of complaint "
                        "causes need the actions below.",
        ),
        "outputs": (
            ("Calibrate every measuring instrument and keep one list of them with due dates",
             "Wang Fang", 30),
            ("Follow up each complaint's cause in the monthly quality meeting",
             "Lin Wei", 45),
            ("Appoint and train a second internal auditor for the airport hotel",
             "Sun Hao", 60),
        ),
        # (requirement of an audit finding, action, owner, cause category, why 1, why 2)
        "finding_actions": {
            "8.5.1": ("Check the arrival list against the desk rota every morning; the duty "
                      "manager signs it.", "Li Na", "method",
                      "The rota is made a week ahead", "Nobody looks at the arrivals again"),
            "8.2.3": ("Confirm changes to group bookings in writing.", "Huang Lei", "method",
                      "Phone was the habit", "The procedure does not say how to confirm"),
            "7.1.5": ("List every thermometer and scale with its calibration due date; "
                      "calibrate those overdue.", "Wang Fang", "measurement",
                      "No list of measuring equipment", "Calibration left to each kitchen"),
            "9.1.2": ("Count comment cards monthly and report the trend.", "Lin Wei",
                      "method", "Cards read one by one", "No one asked for figures"),
            "10.2": ("Review open complaint causes in the monthly quality meeting.",
                     "Lin Wei", "people", "Causes recorded", "No owner for the follow-up"),
        },
        # complaints turned into corrective actions: (complaint kind of demo_operate, action, owner)
        "complaint_actions": (
            (2, "Update the billing codes the day prices change; check the first bills.",
             "Chen Jie"),
            (4, "Plan breakfast from the booked guests, not last week's count.", "Zhao Lei"),
            (5, "Telephone manners added to the induction and the yearly refresher.", "Li Na"),
            (3, "Service the air conditioning units on the noisy floor; plan yearly servicing.",
             "Wang Fang"),
        ),
        "containment": "Guests affected contacted and put right the same day.",
        "evidence_ok": "Three months of records sampled: no repeat.",
        "evidence_not_ok": "Two thermometers still overdue in the pastry kitchen; the list "
                           "misses the banquet kitchen.",
        "circles": (("Smiling Front Desk circle", "Front office"),
                    ("Clean Rooms circle", "Housekeeping"),
                    ("Hot Kitchen circle", "Kitchen")),
        "project_1": dict(
            title="Check-in within five minutes at peak arrivals",
            problem="Guests waited up to 50 minutes at check-in on Saturday afternoons "
                    "(complaints about waiting were the largest bar of the Pareto chart).",
            target="95% of guests checked in within 5 minutes between 14:00 and 16:00",
            measures="Second desk opened from the arrival list; pre-printed registration "
                     "cards for groups; keys coded the evening before.",
            result="Waiting at peak fell from 18 to 4 minutes on average; complaints about "
                   "check-in fell from 10 to 2 a quarter. Measures written into HLH-QP-04.",
        ),
        "project_2": dict(
            title="Rooms right the first time",
            problem="Rooms released to guests before the housekeeping check.",
            target="No room released without the supervisor's check",
            measures="Check list on the housekeeping tablet; front desk sees the check state.",
            result="",
        ),
        "culture": (
            ("Quality month opening: Quality is everyone's job", "quality_month",
             "Quality month: posters, a service-standard quiz in every department and the "
             "general manager's talk on the quality policy."),
            ("ISO 9001 internal auditor course", "training",
             "Two days on ISO 9001:2015 and auditing (ISO 19011) for the new internal "
             "auditors."),
            ("Service skills competition", "competition",
             "Front office, housekeeping and restaurant teams compete on the service "
             "standards; guests vote for the friendliest team."),
            ("Best QC circle award", "recognition",
             "The Smiling Front Desk circle is recognised for its check-in project."),
            ("Lessons from complaints: monthly sharing", "other",
             "Each department presents one complaint, its cause and what changed."),
        ),
    },
    "zh_CN": {
        "audits": (
            ("第1次内部审核：入住与预订", "入住", "8.2, 8.5.1", "海景酒店"),
            ("第2次内部审核：客房清洁与监视测量设备", "客房清洁", "7.1.5, 8.5.1, 8.5.2", "老城酒店"),
            ("第3次内部审核：顾客反馈与纠正措施", "顾客反馈", "9.1.2, 10.2", "机场酒店"),
            ("第4次内部审核：机场酒店预订", "预订", "8.2", "机场酒店"),
        ),
        "practice": "现场查看，抽查记录。",
        "findings": {
            "8.5.1": ("partial", "minor", "抽查五份到店清单，其中两份未与前台排班核对。"),
            "8.2.1": ("conforming", "good_practice", "预订时以三种语言书面告知宾客取消条款。"),
            "8.2.3": ("partial", "observation", "团队预订的变更仅以电话确认。"),
            "7.1.5": ("nonconforming", "major", "主厨房中心温度计已14个月未校准；无测量设备清单。"),
            "8.5.2": ("partial", "observation", "维修房在白板上有标记，但客房平板上没有。"),
            "9.1.2": ("partial", "minor", "意见卡有人阅读，但未统计、未分析趋势。"),
            "10.2": ("partial", "ofi", "投诉原因有记录，但很少跟踪落实。"),
        },
        "audit_summary": "已审核全部范围；发现已分级；过程运行正常，差距见各项发现。",
        "review": dict(
            changes_in_context="3月新航站楼启用，机场酒店晚到宾客增多。两家在线旅行社修改了取消条款。",
            supplier_performance="布草洗涤承包商52周中有6周延误；布草供应商准时。厨房已于5月审核食品供应商。",
            resources="机场酒店需要第二名内审员；海景酒店已安装自助入住机。",
            risks_and_opportunities="风险：晚班航班后机场酒店到店高峰。机遇：入住课题的措施推广到三家酒店。",
            conclusions="体系适宜、充分，但尚未完全有效：测量设备校准及投诉原因跟踪需采取下列措施。",
        ),
        "outputs": (
            ("校准全部测量器具，并建立一份含到期日的器具清单", "王芳", 30),
            ("在月度质量例会上跟踪每起投诉的原因", "林伟", 45),
            ("为机场酒店任命并培训第二名内审员", "孙浩", 60),
        ),
        "finding_actions": {
            "8.5.1": ("每天早上将到店清单与前台排班核对，由值班经理签字。", "李娜", "method",
                      "排班提前一周制定", "之后无人再看到店人数"),
            "8.2.3": ("团队预订的变更以书面确认。", "黄蕾", "method", "习惯用电话", "程序未规定确认方式"),
            "7.1.5": ("列出全部温度计和秤及其校准到期日；校准已过期的器具。", "王芳", "measurement",
                      "没有测量设备清单", "校准由各厨房自行安排"),
            "9.1.2": ("每月统计意见卡并报告趋势。", "林伟", "method", "意见卡逐张阅读", "没人要求统计数字"),
            "10.2": ("在月度质量例会上审查未关闭的投诉原因。", "林伟", "people", "原因已记录", "跟踪无人负责"),
        },
        "complaint_actions": (
            (2, "调价当天更新账单代码；核对首批账单。", "陈杰"),
            (4, "按预订人数而非上周人数准备早餐。", "赵磊"),
            (5, "将电话礼仪纳入入职培训和年度复训。", "李娜"),
            (3, "检修噪音楼层的空调机组；制定年度保养计划。", "王芳"),
        ),
        "containment": "当天联系受影响的宾客并予以补救。",
        "evidence_ok": "抽查三个月记录：未再发生。",
        "evidence_not_ok": "西点厨房仍有两支温度计逾期未校准；清单遗漏宴会厨房。",
        "circles": (("微笑前台QC小组", "前厅部"), ("洁净客房QC小组", "客房部"),
                    ("热厨QC小组", "厨房")),
        "project_1": dict(
            title="高峰到店五分钟内办完入住",
            problem="周六下午宾客办理入住最长等候50分钟（等候投诉在排列图中居首位）。",
            target="14:00—16:00 到店宾客95%在5分钟内办完入住",
            measures="按预订清单开放第二个前台；团队预先打印登记卡；前一晚预制房卡。",
            result="高峰平均等候由18分钟降至4分钟；入住投诉由每季度10起降至2起。措施已写入 HLH-QP-04。",
        ),
        "project_2": dict(
            title="客房一次做对",
            problem="客房未经检查即放房给宾客。",
            target="未经主管检查的客房一律不放房",
            measures="客房平板上设检查清单；前台可见检查状态。",
            result="",
        ),
        "culture": (
            ("质量月启动：质量人人有责", "quality_month",
             "质量月：张贴标语，各部门服务标准知识竞答，总经理讲解质量方针。"),
            ("ISO 9001 内审员培训", "training", "为新任内审员讲授 ISO 9001:2015 及审核方法（ISO 19011），共两天。"),
            ("服务技能竞赛", "competition", "前厅、客房、餐厅团队按服务标准比赛；宾客投票评选最友善团队。"),
            ("优秀QC小组表彰", "recognition", "微笑前台QC小组因入住课题受到表彰。"),
            ("投诉案例月度分享", "other", "各部门分享一起投诉、其原因及改进措施。"),
        ),
    },
}  # fmt: skip


@dataclass(frozen=True)
class _Year:
    today: dt.date
    start: dt.date  # the first day of the month eleven months back
    people: list[int]  # the people still here, in the register's order

    def day(self, months: int, day: int = 1) -> dt.date:
        """The `day` of the month `months` after the year's first month (never after today)."""
        index = self.start.year * 12 + self.start.month - 1 + months
        return min(dt.date(index // 12, index % 12 + 1, day), self.today)

    def person(self, n: int) -> int | None:
        return self.people[n % len(self.people)] if self.people else None


def fill_operate2(ws: Workspace, lang: str, actor: str) -> None:
    """Write the year's records of step 8, part 2."""
    from qms_desktop.services.demo_cost import fill_quality_cost
    from qms_desktop.services.demo_operate import _months_back
    from qms_desktop.services.registers import list_records

    w = _WORDS["zh_CN" if lang == "zh_CN" else "en"]
    today = dt.date.today()
    people = [r.id for r in list_records(ws, "person") if r.values.get("state") != "left"]
    year = _Year(today, _months_back(today, 11), people)
    audits = _audits(ws, actor, w, year)
    _nonconformities(ws, actor, w, year, audits)
    _review(ws, actor, w, year, audits)
    _circles(ws, actor, w, year)
    _culture(ws, actor, w, year)
    fill_quality_cost(ws, lang, actor, today)


# the requirements each audit found something against (the rest of its scope conforms)
_AUDIT_FINDINGS = (("8.5.1", "8.2.1", "8.2.3"), ("7.1.5", "8.5.2"), ("9.1.2", "10.2"))


@dataclass(frozen=True)
class _Audit:
    id: int
    assessment_id: int | None
    findings: dict[str, int]  # requirement ref -> checklist item graded as a finding
    completed: bool = False


def _audits(ws: Workspace, actor: str, w: dict[str, Any], year: _Year) -> list[_Audit]:
    """Four internal audits over the year, led by the internal auditor (Liu Yang) with the
    document controller: two completed with graded findings, one in progress, one planned.
    Each is started by the audit service (its checklist holds the requirements in scope)."""
    from qms_desktop.services import audits, checklist
    from qms_desktop.services.registers import add_record, list_records

    processes = {str(p.values["name"]): p.id for p in list_records(ws, "process")}
    done: list[_Audit] = []
    for n, (title, process, clauses, site) in enumerate(w["audits"]):
        # January, May and October of the year; the fourth three weeks from today
        planned = year.day((1, 5, 10)[n], 12) if n < 3 else year.today + dt.timedelta(days=21)
        record, _ = add_record(ws, actor, "internal_audit", {
            "title": title, "planned_on": planned, "process": processes.get(process),
            "clauses": clauses, "site": site, "lead_auditor": year.person(9),
            "auditors": (year.person(10),), "status": "planned"})  # fmt: skip
        if n == 3:  # the next one, still planned
            done.append(_Audit(record.id, None, {}))
            continue
        start, _ = audits.start_audit(ws, actor, record.id)
        rows = checklist.checklist_rows(ws, start.assessment_id)
        findings: dict[str, int] = {}
        changes: list[tuple[int, dict[str, object]]] = []
        mine = _AUDIT_FINDINGS[n]
        for row in rows:
            found = w["findings"][row.ref] if row.ref in mine else ("conforming", "", "")
            status, grade, gap = found
            if n == 2 and row.ref not in mine:
                continue  # in progress: only some requirements audited so far
            changes.append((row.item_id, {"status": status, "grade": grade, "gap": gap,
                                          "current_practice": w["practice"]}))  # fmt: skip
            if grade:
                findings[row.ref] = row.item_id
        checklist.assess_many(ws, actor, changes)
        if n < 2:
            audits.complete_audit(ws, actor, record.id, planned, w["audit_summary"])
        done.append(_Audit(record.id, start.assessment_id, findings, n < 2))
    return done


def _nonconformities(
    ws: Workspace, actor: str, w: dict[str, Any], year: _Year, audits: list[_Audit]
) -> None:
    """Nine nonconformities raised during the year (the review adds three): five from audit
    findings, four from complaints, at every stage — closed after an effective verification,
    verified, done and waiting for verification, one verified not effective and reopened, in
    progress, open; three overdue."""
    from qms_desktop.services import actions
    from qms_desktop.services.registers import list_records

    audit_days = {a.id: a.values["held_on"] or a.values["planned_on"]
                  for a in list_records(ws, "internal_audit")}  # fmt: skip
    verifier = year.person(1)  # the quality director verifies
    today = year.today
    # (stage, due in days from raising; verification: days after raising, effective)
    plan = {"8.5.1": ("closed", 30, (60, True)), "8.2.3": ("verified", 45, (50, True)),
            "7.1.5": ("reopened", 30, (45, False)), "9.1.2": ("open", 60, None),
            "10.2": ("in_progress", 60, None)}  # fmt: skip
    for audit in audits:
        for ref, item in audit.findings.items():
            if ref not in plan:
                continue
            stage, due_in, check = plan[ref]
            action, owner, category, why_1, why_2 = w["finding_actions"][ref]
            raised = audit_days[audit.id]
            assert isinstance(raised, dt.date)
            record, _ = actions.raise_from_item(ws, actor, item, {
                "raised_on": raised, "action": action, "owner": owner,
                "cause_category": category, "why_1": why_1, "why_2": why_2,
                "root_cause": why_2, "due": raised + dt.timedelta(days=due_in),
                "priority": "high" if ref == "7.1.5" else "medium",
                "status": "in_progress" if stage != "open" else "open"})  # fmt: skip
            _stage(ws, actor, w, record.id, stage, raised, check, verifier, today)
    complaints = list_records(ws, "complaint")
    kinds = {str(c.values["description"]): c for c in reversed(complaints)}  # the earliest
    described = list(dict.fromkeys(str(c.values["description"]) for c in complaints))
    stages = (("in_progress", -20), ("done", 10), ("closed", 20), ("open", -10))
    for (kind, action, owner), (stage, due_in) in zip(w["complaint_actions"], stages, strict=True):
        complaint = kinds[described[kind]]
        received = complaint.values["received_on"]
        assert isinstance(received, dt.date)
        raised = min(received + dt.timedelta(days=2), today)
        # due `due_in` days from today (overdue when negative); a closed one after raising
        base = raised if stage == "closed" else today
        due = base + dt.timedelta(days=due_in)
        record, _ = actions.raise_from_complaint(ws, actor, complaint.id, {
            "raised_on": raised, "containment": w["containment"], "action": action,
            "owner": owner, "due": due, "priority": "medium",
            "cause_category": "method",
            "status": "in_progress" if stage != "open" else "open"})  # fmt: skip
        check = (min(25, (today - raised).days), True) if stage == "closed" else None
        _stage(ws, actor, w, record.id, stage, raised, check, verifier, today)


def _stage(
    ws: Workspace, actor: str, w: dict[str, Any], nc_id: int, stage: str, raised: dt.date,
    check: tuple[int, bool] | None, verifier: int | None, today: dt.date,
) -> None:  # fmt: skip
    """Bring a raised nonconformity to its stage through the register and verification
    services, as a user would."""
    from qms_desktop.services import actions
    from qms_desktop.services.registers import update_record

    if stage in ("done", "verified", "closed", "reopened"):
        update_record(ws, actor, "nonconformity", nc_id, status="done")
    if check is not None:
        after, effective = check
        on = min(raised + dt.timedelta(days=after), today)
        evidence = w["evidence_ok"] if effective else w["evidence_not_ok"]
        actions.verify_nonconformity(ws, actor, nc_id, verifier, on, evidence, effective)
    if stage == "closed":
        update_record(ws, actor, "nonconformity", nc_id, status="closed")


def _review(ws: Workspace, actor: str, w: dict[str, Any], year: _Year, audits: list[_Audit]) -> int:
    """The year's management review, chaired by the general manager, over the year so far."""
    from qms_desktop.services.registers import add_record

    held = year.today - dt.timedelta(days=6)
    review, _ = add_record(ws, actor, "management_review", {
        **w["review"], "held_on": held, "period_from": year.start, "period_to": held,
        "chair": year.person(0), "participants": tuple(year.person(i) for i in (1, 2, 3, 5, 9)),
        "audits": tuple(a.id for a in audits if a.completed),
        "suitable": "yes", "adequate": "yes", "effective": "no"})  # fmt: skip
    from qms_desktop.services.review import add_review_output

    for description, owner, days in w["outputs"]:  # scheduled: an owner and a due date each
        add_review_output(ws, actor, review.id, description, owner, held + dt.timedelta(days=days))
    return review.id


def _circles(ws: Workspace, actor: str, w: dict[str, Any], year: _Year) -> None:
    """Three circles (one dissolved when its members moved on) and two projects: one
    finished with savings, drawn from the check-in complaints; one under way."""
    from qms_desktop.services.registers import add_record, list_records

    members = ((5, 7, 2), (8, 2, 4), (6, 3))  # Li Na, Huang Lei, Zhang Min; Ma Li, …
    circles = []
    for n, ((name, department), team) in enumerate(zip(w["circles"], members, strict=True)):
        circle, _ = add_record(ws, actor, "qc_circle", {
            "name": name, "department": department, "registered_on": year.day(n, 10),
            "facilitator": year.person(1), "members": tuple(year.person(i) for i in team),
            "status": "dissolved" if n == 2 else "active"})  # fmt: skip
        circles.append(circle.id)
    complaints = list_records(ws, "complaint")  # the first is about waiting at check-in
    waiting = complaints[0].id if complaints else None
    objectives = [o.id for o in list_records(ws, "objective")]
    add_record(ws, actor, "qc_project", {
        **w["project_1"], "circle": circles[0], "complaint": waiting, "pdca": "act",
        "savings": 38000.0, "presented_on": year.day(7, 15), "finished_on": year.day(8, 5)})  # fmt: skip
    add_record(ws, actor, "qc_project", {
        **w["project_2"], "circle": circles[1], "pdca": "do",
        "objective": objectives[0] if objectives else None})  # fmt: skip


def _culture(ws: Workspace, actor: str, w: dict[str, Any], year: _Year) -> None:
    from qms_desktop.services.operate import add_records

    # the quality month is September (China's 质量月); the rest by month of the year
    september = dt.date(year.today.year - (year.today < dt.date(year.today.year, 9, 3)), 9, 3)
    months = (None, 2, 5, 10, 11)
    add_records(ws, actor, "culture_activity", [
        {"title": title, "kind": kind, "topic": topic,
         "held_on": september if m is None else year.day(m, 3 + n),
         "participants": tuple(year.person(i) for i in range(n, n + 5))}
        for n, ((title, kind, topic), m) in enumerate(zip(w["culture"], months, strict=True))
    ])  # fmt: skip
