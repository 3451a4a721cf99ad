"""The demo organisation's records for the Summarise, Study and Plan steps, in English
and Simplified Chinese (kept apart from the generator so the data reads as data)."""

from __future__ import annotations

import datetime as dt

D = dt.date

RECORDS: dict[str, dict[str, list[dict[str, object]]]] = {
    "en": {
        "person": [
            dict(name="Lin Wei", role="General manager", department="Management"),
            dict(name="Zhang Min", role="Department heads", department="Rooms division"),
            dict(name="Chen Jie", role="Department heads", department="Food and beverage"),
            dict(name="Wang Fang", role="Department heads", department="Engineering"),
            dict(name="Li Na", role="Front office supervisors", department="Front office"),
            dict(name="Zhao Lei", role="Kitchen supervisors", department="Kitchen"),
        ],
        "lesson": [
            dict(source="complaint", occurred_on=D(2025, 7, 19), what_happened="Tour group of 40 waited 50 minutes "
                 "at check-in on a Saturday afternoon.", lesson="Peak arrivals are predictable from the booking "
                 "list; the desk was staffed as on a quiet day.", suggested_rule="Open a second desk when more than "
                 "25 arrivals are expected between 14:00 and 16:00.", rule_kind="standard", decision="adopt",
                 document="HLH-QP-04 Front office procedure"),
            dict(source="incident", occurred_on=D(2025, 3, 2), what_happened="A guest with a peanut allergy was "
                 "served satay sauce at the banquet.", lesson="Allergy requests reached the kitchen only by phone.",
                 suggested_rule="Every banquet order carries a written allergen list signed by the chef.",
                 rule_kind="regulation", decision="adopt", document="HLH-WI-11 Banquet allergen control"),
            dict(source="audit", occurred_on=D(2025, 11, 5), what_happened="Two kitchen thermometers were past "
                 "their calibration date.", lesson="Nobody owned the calibration list.", suggested_rule="The "
                 "engineering manager keeps the calibration list and checks it monthly.", rule_kind="specification",
                 decision="adopt", document=""),
            dict(source="staff_suggestion", occurred_on=D(2026, 2, 14), what_happened="Housekeeping suggested "
                 "towel-reuse cards in every room.", lesson="Guests accept reuse when the reason is explained.",
                 suggested_rule="", rule_kind="", decision="later", document=""),
            dict(source="earlier_quality_activity", occurred_on=D(2019, 6, 1), what_happened="2019 TQM campaign "
                 "produced a 60-page service manual nobody used.", lesson="Documents written by managers alone are "
                 "not followed.", suggested_rule="Write procedures with the staff who do the work.",
                 rule_kind="regulation", decision="adopt", document="HLH-QP-01 Control of documented information"),
        ],
        "study_plan": [
            dict(role="General manager", standard="ISO 9001:2015", due=D(2026, 9, 30), state="completed"),
            dict(role="Department heads", standard="ISO 9001:2015", due=D(2026, 10, 31), state="completed"),
            dict(role="Department heads", standard="Service quality guidance (ISO 9004-2)", due=D(2026, 12, 15),
                 state="planned"),
            dict(role="Front office supervisors", standard="ISO 9001:2015", due=D(2027, 1, 31), state="planned"),
            dict(role="Kitchen supervisors", standard="Food safety (GB 14881)", due=D(2027, 1, 31), state="planned"),
        ],
        "training": [
            dict(topic="ISO 9001:2015 for managers", held_on=D(2026, 9, 12), trainer="External consultant",
                 hours=14.0, attendees="Lin Wei\nZhang Min\nChen Jie\nWang Fang", assessment="All passed (avg. 86%)"),
            dict(topic="Process approach workshop", held_on=D(2026, 10, 20), trainer="Lin Wei", hours=4.0,
                 attendees="Zhang Min\nChen Jie\nWang Fang", assessment="Process maps drafted for 6 departments"),
        ],
        "benchmark": [
            dict(organisation="Seaside Resort Group (certified 2022)", practice="Daily 10-minute quality huddle "
                 "per department with yesterday's complaints.", adopt="Start huddles in front office and F&B."),
        ],
        "objective": [
            dict(objective="Guests check in quickly", metric="Check-in waiting time, 90th percentile", target=10.0,
                 unit="minutes", frequency="monthly", owner="Front office manager", process="Check-in"),
            dict(objective="Guests are satisfied", metric="Overall satisfaction in the guest survey", target=92.0,
                 unit="%", frequency="quarterly", owner="Quality director", process="Customer feedback"),
            dict(objective="Complaints are resolved fast", metric="Complaints closed within 24 hours",
                 target=95.0, unit="%", frequency="monthly", owner="Duty managers", process="Complaint handling"),
        ],
        "element": [
            dict(element="Management responsibility", group="key", adopted="yes", reason=""),
            dict(element="Personnel and material resources", group="key", adopted="yes", reason=""),
            dict(element="Quality-system structure", group="key", adopted="yes", reason=""),
            dict(element="Quality costs", group="common", adopted="yes", reason="Monthly report from finance."),
            dict(element="Safety control", group="common", adopted="yes", reason="Food safety and fire safety."),
            dict(element="Statistical methods", group="common", adopted="no",
                 reason="Postponed to the second year; survey data first."),
            dict(element="Market research", group="operational", adopted="yes", reason=""),
            dict(element="Service design", group="operational", adopted="yes", reason=""),
            dict(element="Service delivery", group="operational", adopted="yes", reason=""),
            dict(element="Service performance analysis", group="operational", adopted="yes", reason=""),
        ],
        "process": [
            dict(name="Reservation", owner="Reservations manager", inputs="Enquiries, OTA bookings",
                 outputs="Confirmed booking", resources="PMS, call centre", measures="Answer within 3 rings",
                 requirements="8.2", feeds="Check-in"),
            dict(name="Check-in", owner="Front office manager", inputs="Booking, arriving guest",
                 outputs="Guest in room", resources="Front desk, key cards", measures="Waiting time",
                 requirements="8.5.1", feeds="Housekeeping, Check-out"),
            dict(name="Housekeeping", owner="Executive housekeeper", inputs="Room status", outputs="Clean room",
                 resources="Room attendants, supplies", measures="Inspection pass rate", requirements="8.5.1",
                 feeds="Check-in"),
            dict(name="Check-out", owner="Front office manager", inputs="Folio", outputs="Settled bill",
                 resources="PMS", measures="Billing errors", requirements="8.5.5", feeds="Customer feedback"),
            dict(name="Customer feedback", owner="Quality director", inputs="Surveys, complaints",
                 outputs="Improvement actions", resources="Survey tool", measures="Satisfaction score",
                 requirements="9.1.2, 10.2", feeds="Reservation"),
        ],
        "planned_document": [
            dict(level="manual", number="HLH-QM-01", title="Quality manual", parent=""),
            dict(level="procedure", number="HLH-QP-01", title="Control of documented information", parent="HLH-QM-01"),
            dict(level="procedure", number="HLH-QP-04", title="Front office procedure", parent="HLH-QM-01"),
            dict(level="procedure", number="HLH-QP-09", title="Complaint handling and service recovery",
                 parent="HLH-QM-01"),
            dict(level="instruction", number="HLH-WI-11", title="Banquet allergen control", parent="HLH-QP-04"),
            dict(level="form", number="HLH-F-021", title="Room inspection checklist", parent="HLH-QP-04"),
        ],
        "service_item": [
            dict(service="Accommodation", item="Check-in", time_standard="≤ 10 minutes at the 90th percentile",
                 quality_standard="Room matches the booking; key card works first time",
                 price_standard="Rate as confirmed, no hidden charges", delivery="Greet within 30 s; confirm name, "
                 "dates and payment; explain breakfast and Wi-Fi.", control_points="Booking check; key card test"),
            dict(service="Accommodation", item="Room cleaning", time_standard="Done by 14:00 for arrivals",
                 quality_standard="Passes the 40-point inspection", price_standard="Included",
                 delivery="Per HLH-F-021.", control_points="Supervisor inspection of 1 in 5 rooms"),
            dict(service="Food and beverage", item="Room service", time_standard="≤ 30 minutes",
                 quality_standard="Hot food above 60 °C on arrival", price_standard="Menu price + 10 % service",
                 delivery="Repeat the order back; deliver with cutlery and condiments.",
                 control_points="Order time stamp; temperature probe"),
            dict(service="Conferences and events", item="Meeting room set-up",
                 time_standard="Ready 60 minutes before start", quality_standard="Equipment tested",
                 price_standard="As contracted", delivery="Per event order.", control_points="Event order sign-off"),
        ],
        "satisfaction_standard": [
            dict(dimension="tangibles", standard="Lobby and rooms clean and in good repair", metric="Inspection "
                 "pass rate", target="≥ 98 %"),
            dict(dimension="reliability", standard="The room is as booked", metric="Booking errors per 1 000 stays",
                 target="≤ 2"),
            dict(dimension="responsiveness", standard="Requests answered fast", metric="Phone answered within 3 rings",
                 target="≥ 90 %"),
            dict(dimension="assurance", standard="Staff know the hotel and the city", metric="Mystery-guest score",
                 target="≥ 85 %"),
            dict(dimension="empathy", standard="Guests are recognised", metric="Returning guests greeted by name",
                 target="≥ 80 %"),
        ],
        "customer_need": [
            dict(need="Clean, quiet room", category="basic", service="Accommodation"),
            dict(need="Fast check-in", category="performance", service="Accommodation"),
            dict(need="A local welcome gift", category="excitement", service="Accommodation"),
        ],
        "moment_of_truth": [
            dict(moment="Arrival at the front desk", standard="Greeted within 30 seconds", owner="Front office "
                 "manager", severity="serious", recovery="1 Apologise  2 Open a second desk  3 Acknowledge the wait "
                 "and the guest's plans"),
            dict(moment="Entering the room", standard="Room clean and as booked", owner="Executive housekeeper",
                 severity="angry", recovery="1 Apologise  2 Move the guest at once  3 Empathise  4 Upgrade or "
                 "complimentary dinner  5 Duty manager calls the next day"),
            dict(moment="Paying the bill", standard="Bill correct first time", owner="Front office manager",
                 severity="small", recovery="1 Apologise  2 Correct the bill on the spot"),
        ],
    },
}

RECORDS["zh_CN"] = {
    "person": [
        dict(name="林伟", role="总经理", department="管理层"),
        dict(name="张敏", role="部门经理", department="客房部"),
        dict(name="陈杰", role="部门经理", department="餐饮部"),
        dict(name="王芳", role="部门经理", department="工程部"),
        dict(name="李娜", role="前厅主管", department="前厅部"),
        dict(name="赵磊", role="厨房主管", department="厨房"),
    ],
    "lesson": [
        dict(source="complaint", occurred_on=D(2025, 7, 19), what_happened="周六下午40人旅行团在前台等候办理入住50分钟。",
             lesson="高峰到店可从预订清单预判，但前台仍按平日排班。", suggested_rule="预计14:00—16:00到店超过25人时开放第二个前台。",
             rule_kind="standard", decision="adopt", document="HLH-QP-04 前厅服务程序"),
        dict(source="incident", occurred_on=D(2025, 3, 2), what_happened="宴会上一位花生过敏的宾客被端上沙爹酱。",
             lesson="过敏要求仅通过电话传达到厨房。", suggested_rule="每份宴会订单附书面过敏原清单，并由厨师长签字。",
             rule_kind="regulation", decision="adopt", document="HLH-WI-11 宴会过敏原控制"),
        dict(source="audit", occurred_on=D(2025, 11, 5), what_happened="厨房两支温度计超过校准有效期。",
             lesson="校准清单无人负责。", suggested_rule="由工程部经理保管校准清单并每月检查。", rule_kind="specification",
             decision="adopt", document="HLH-QP-12 校准程序"),
        dict(source="staff_suggestion", occurred_on=D(2026, 2, 14), what_happened="客房部建议在每间客房放置毛巾重复使用卡。",
             lesson="说明原因后，宾客愿意重复使用毛巾。", suggested_rule="", rule_kind="", decision="later", document=""),
        dict(source="earlier_quality_activity", occurred_on=D(2019, 6, 1), what_happened="2019年全面质量管理活动编写了60页的服务手册，但无人使用。",
             lesson="仅由管理者编写的文件得不到执行。", suggested_rule="与一线员工共同编写程序文件。", rule_kind="regulation", decision="adopt",
             document="HLH-QP-01 成文信息控制程序"),
    ],
    "study_plan": [
        dict(role="总经理", standard="ISO 9001:2015", due=D(2026, 9, 30), state="completed"),
        dict(role="部门经理", standard="ISO 9001:2015", due=D(2026, 10, 31), state="completed"),
        dict(role="部门经理", standard="服务质量指南（ISO 9004-2）", due=D(2026, 12, 15), state="planned"),
        dict(role="前厅主管", standard="ISO 9001:2015", due=D(2027, 1, 31), state="planned"),
        dict(role="厨房主管", standard="食品安全（GB 14881）", due=D(2027, 1, 31), state="planned"),
    ],
    "training": [
        dict(topic="面向管理者的 ISO 9001:2015 培训", held_on=D(2026, 9, 12), trainer="外部咨询师", hours=14.0,
             attendees="林伟\n张敏\n陈杰\n王芳", assessment="全部通过（平均86分）"),
        dict(topic="过程方法研讨", held_on=D(2026, 10, 20), trainer="林伟", hours=4.0, attendees="张敏\n陈杰\n王芳",
             assessment="完成6个部门的过程图初稿"),
    ],
    "benchmark": [
        dict(organisation="海滨度假酒店集团（2022年获证）", practice="各部门每天10分钟质量晨会，通报前一日投诉。",
             adopt="在前厅和餐饮部推行质量晨会。"),
    ],
    "objective": [
        dict(objective="宾客快速办理入住", metric="入住等候时间（第90百分位）", target=10.0, unit="分钟", frequency="monthly",
             owner="前厅经理", process="入住"),
        dict(objective="宾客满意", metric="宾客调查总体满意度", target=92.0, unit="%", frequency="quarterly",
             owner="质量总监", process="顾客反馈"),
        dict(objective="投诉快速解决", metric="24小时内关闭的投诉", target=95.0, unit="%", frequency="monthly",
             owner="值班经理", process="投诉处理"),
    ],
    "element": [
        dict(element="管理职责", group="key", adopted="yes", reason=""),
        dict(element="人员和物质资源", group="key", adopted="yes", reason=""),
        dict(element="质量体系结构", group="key", adopted="yes", reason=""),
        dict(element="质量成本", group="common", adopted="yes", reason="财务部每月报告。"),
        dict(element="安全控制", group="common", adopted="yes", reason="食品安全和消防安全。"),
        dict(element="统计方法", group="common", adopted="no", reason="推迟到第二年；先积累调查数据。"),
        dict(element="市场研究", group="operational", adopted="yes", reason=""),
        dict(element="服务设计", group="operational", adopted="yes", reason=""),
        dict(element="服务提供", group="operational", adopted="yes", reason=""),
        dict(element="服务业绩分析", group="operational", adopted="yes", reason=""),
    ],
    "process": [
        dict(name="预订", owner="预订部经理", inputs="咨询、在线旅行社订单", outputs="确认的预订", resources="酒店管理系统、呼叫中心",
             measures="三声内接听", requirements="8.2", feeds="入住"),
        dict(name="入住", owner="前厅经理", inputs="预订、到店宾客", outputs="宾客入住客房", resources="前台、房卡",
             measures="等候时间", requirements="8.5.1", feeds="客房清洁, 退房"),
        dict(name="客房清洁", owner="行政管家", inputs="房态", outputs="清洁的客房", resources="客房服务员、用品",
             measures="查房合格率", requirements="8.5.1", feeds="入住"),
        dict(name="退房", owner="前厅经理", inputs="账单", outputs="结清的账单", resources="酒店管理系统",
             measures="账单差错", requirements="8.5.5", feeds="顾客反馈"),
        dict(name="顾客反馈", owner="质量总监", inputs="调查、投诉", outputs="改进措施", resources="调查工具",
             measures="满意度得分", requirements="9.1.2, 10.2", feeds="预订"),
    ],
    "planned_document": [
        dict(level="manual", number="HLH-QM-01", title="质量手册", parent=""),
        dict(level="procedure", number="HLH-QP-01", title="成文信息控制程序", parent="HLH-QM-01"),
        dict(level="procedure", number="HLH-QP-04", title="前厅服务程序", parent="HLH-QM-01"),
        dict(level="procedure", number="HLH-QP-09", title="投诉处理与服务补救程序", parent="HLH-QM-01"),
        dict(level="instruction", number="HLH-WI-11", title="宴会过敏原控制", parent="HLH-QP-04"),
        dict(level="form", number="HLH-F-021", title="查房检查表", parent="HLH-QP-04"),
    ],
    "service_item": [
        dict(service="住宿服务", item="入住", time_standard="第90百分位 ≤ 10分钟", quality_standard="客房与预订一致；房卡一次可用",
             price_standard="按确认房价，无隐性收费", delivery="30秒内问候；确认姓名、日期和付款方式；介绍早餐和无线网络。",
             control_points="核对预订；测试房卡"),
        dict(service="住宿服务", item="客房清洁", time_standard="到店客房14:00前完成", quality_standard="通过40项查房标准",
             price_standard="含在房价内", delivery="按 HLH-F-021 执行。", control_points="主管抽查五分之一客房"),
        dict(service="餐饮服务", item="送餐服务", time_standard="≤ 30分钟", quality_standard="送达时热菜高于60 °C",
             price_standard="菜单价另加10%服务费", delivery="复述订单；配齐餐具和调料送达。", control_points="下单时间记录；温度计检测"),
        dict(service="会议及活动服务", item="会议室布置", time_standard="开始前60分钟就绪", quality_standard="设备已测试",
             price_standard="按合同", delivery="按活动通知单执行。", control_points="活动通知单签认"),
    ],
    "satisfaction_standard": [
        dict(dimension="tangibles", standard="大堂和客房整洁、完好", metric="查房合格率", target="≥ 98%"),
        dict(dimension="reliability", standard="客房与预订一致", metric="每千间夜预订差错", target="≤ 2"),
        dict(dimension="responsiveness", standard="快速响应需求", metric="三声内接听电话比例", target="≥ 90%"),
        dict(dimension="assurance", standard="员工熟悉酒店和城市", metric="神秘顾客得分", target="≥ 85%"),
        dict(dimension="empathy", standard="认得回头客", metric="回头客被称呼姓名的比例", target="≥ 80%"),
    ],
    "customer_need": [
        dict(need="干净、安静的客房", category="basic", service="住宿服务"),
        dict(need="快速入住", category="performance", service="住宿服务"),
        dict(need="当地特色欢迎礼", category="excitement", service="住宿服务"),
    ],
    "moment_of_truth": [
        dict(moment="到达前台", standard="30秒内问候", owner="前厅经理", severity="serious",
             recovery="1 道歉  2 开放第二个前台  3 体谅宾客的等候和行程"),
        dict(moment="进入客房", standard="客房整洁且与预订一致", owner="行政管家", severity="angry",
             recovery="1 道歉  2 立即换房  3 表达同理  4 升级房型或赠送晚餐  5 值班经理次日回访"),
        dict(moment="结账", standard="账单一次准确", owner="前厅经理", severity="small", recovery="1 道歉  2 当场更正账单"),
    ],
}

PLAN: dict[str, dict[str, str]] = {
    "en": dict(
        target_customers="Business travellers on weekdays; families and tour groups at weekends and holidays.",
        offerings="Rooms, restaurants and room service, meetings up to 300 people, airport transfers.",
        service_level="Upper-midscale: four-star facilities with consistent, friendly, fast service.",
        quality_policy="Every guest, every time: we keep our promises, we put right what goes wrong at once, and "
                       "we learn from every complaint.",
        numbering_scheme="HLH-<type>-<number>: QM manual, QP procedure, WI work instruction, F form; revision "
                         "letters A, B, C…",
        service_environment="Bright lobby with seating for 30; quiet floors for business guests; uniform and "
                            "name badge for every employee; signage in Chinese and English.",
        commitment_promise="Your room is ready by 14:00 or your first night is free.",
        commitment_covers="Check-in time for every booking at all three hotels.",
        commitment_remedy="The first night's room rate is refunded at the desk at once.",
        commitment_invoke="Tell the front desk.",
    ),
    "zh_CN": dict(
        target_customers="工作日以商务旅客为主；周末和节假日以家庭和旅行团为主。",
        offerings="客房、餐厅和送餐服务、300人以内的会议、机场接送。",
        service_level="中高端：四星级设施，提供稳定、友好、快捷的服务。",
        quality_policy="每位宾客，每一次：言出必行，出错即改，从每一次投诉中学习。",
        numbering_scheme="HLH-<类别>-<序号>：QM 质量手册，QP 程序文件，WI 作业指导书，F 表单；版次用字母 A、B、C……",
        service_environment="明亮的大堂设30个座位；商务楼层安静；员工统一着装并佩戴名牌；标识中英文对照。",
        commitment_promise="14:00前客房未备好，首晚免费。",
        commitment_covers="三家酒店所有预订的入住时间。",
        commitment_remedy="当场在前台退还首晚房费。",
        commitment_invoke="告知前台即可。",
    ),
}


# The baseline gap assessment against ISO 9001 (Compare step) and what changed at the
# re-assessment. (ref, status, grade, practice, gap, action, owner, due, priority, state),
# texts as (English, Chinese).
BASELINE: list[tuple] = [
    ("4.1", "conforming", "", ("Yearly strategy meeting lists market, staffing and regulatory issues.",
                               "年度战略会议列出市场、人员和法规方面的因素。"), ("", ""), ("", ""), ("", ""), None, "", ""),
    ("4.2", "partial", "minor", ("Guests and owners considered; suppliers and neighbours not.",
                                 "考虑了宾客和业主，未考虑供方和周边社区。"),
     ("No register of interested parties.", "没有相关方清单。"),
     ("Draw up the interested-party register.", "编制相关方清单。"), ("Lin Wei", "林伟"), dt.date(2026, 12, 15), "medium", "open"),
    ("4.3", "nonconforming", "minor", ("Scope not written down.", "范围未形成文件。"),
     ("No scope statement; sites and services not named.", "没有范围声明；未写明场所和服务。"),
     ("Write the scope into the quality manual.", "将范围写入质量手册。"), ("Lin Wei", "林伟"), dt.date(2026, 11, 30), "high", "in_progress"),
    ("4.4", "partial", "observation", ("Process map drafted for front office and F&B.", "前厅和餐饮部已绘制过程图初稿。"),
     ("Housekeeping, engineering and sales not mapped.", "客房、工程和销售部尚未绘制。"),
     ("Complete the process network in the Plan step.", "在“策划”步骤中完成过程网络。"), ("Zhang Min", "张敏"), dt.date(2027, 1, 10), "medium", "open"),
    ("5.1.1", "conforming", "", ("GM chairs the monthly quality meeting.", "总经理主持每月质量会议。"), ("", ""), ("", ""), ("", ""), None, "", ""),
    ("5.1.2", "conforming", "good_practice", ("Guest satisfaction is the first item of every management meeting.",
                                              "宾客满意度是每次管理会议的第一项议程。"), ("", ""), ("", ""), ("", ""), None, "", ""),
    ("5.2.1", "partial", "minor", ("Draft policy exists.", "方针已起草。"), ("Not signed or dated.", "未签署、未注明日期。"),
     ("GM to approve the policy.", "由总经理批准方针。"), ("Lin Wei", "林伟"), dt.date(2026, 11, 20), "high", "done"),
    ("5.3", "conforming", "", ("Job descriptions for all 42 positions.", "全部42个岗位均有岗位说明书。"), ("", ""), ("", ""), ("", ""), None, "", ""),
    ("6.1", "nonconforming", "minor", ("Risks discussed informally.", "风险仅作非正式讨论。"), ("No risk register.", "没有风险登记表。"),
     ("Create a risk register and review it quarterly.", "建立风险登记表并每季度评审。"), ("Chen Jie", "陈杰"), dt.date(2027, 1, 31), "medium", "open"),
    ("6.2", "partial", "minor", ("Objectives set for the front office only.", "仅前厅设定了目标。"),
     ("No measurable objectives for housekeeping and F&B.", "客房和餐饮部没有可测量的目标。"),
     ("Set objectives per department (Plan step).", "为各部门设定目标（“策划”步骤）。"), ("Zhang Min", "张敏"), dt.date(2026, 12, 31), "high", "open"),
    ("7.1.5", "nonconforming", "major", ("Kitchen thermometers checked when someone remembers.", "厨房温度计想起来才检查。"),
     ("Two thermometers past calibration date; no calibration list.", "两支温度计超过校准有效期；没有校准清单。"),
     ("Engineering keeps a calibration list; calibrate all probes.", "工程部保管校准清单；校准全部温度计。"), ("Wang Fang", "王芳"), dt.date(2026, 11, 15), "high", "done"),
    ("7.2", "partial", "minor", ("Induction training for all new staff.", "所有新员工均接受入职培训。"),
     ("No record of competence for supervisors.", "主管没有能力记录。"), ("Build the training matrix (Study step).", "建立培训矩阵（“学习”步骤）。"),
     ("Chen Jie", "陈杰"), dt.date(2027, 1, 31), "medium", "open"),
    ("7.5.3", "nonconforming", "minor", ("Procedures kept in binders at each desk.", "程序文件以活页夹存放在各岗位。"),
     ("Three obsolete versions found at the front desk.", "前台发现三份作废版本。"), ("Introduce a master list and withdraw old copies.", "建立受控文件清单并收回旧版本。"),
     ("Lin Wei", "林伟"), dt.date(2026, 12, 15), "high", "open"),
    ("8.2.1", "conforming", "", ("Booking confirmations state rate, inclusions and cancellation terms.", "预订确认写明房价、包含项目和取消条款。"),
     ("", ""), ("", ""), ("", ""), None, "", ""),
    ("8.2.3", "partial", "observation", ("Banquet orders checked by the events manager.", "宴会订单由活动经理核查。"),
     ("Group room bookings accepted without checking housekeeping capacity.", "接受团队订房时未核查客房部的接待能力。"),
     ("Add a capacity check to group bookings.", "在团队预订中增加能力核查。"), ("Zhang Min", "张敏"), dt.date(2027, 4, 30), "low", "open"),
    ("8.4.1", "conforming", "", ("Approved supplier list reviewed yearly.", "合格供方名录每年评审。"), ("", ""), ("", ""), ("", ""), None, "", ""),
    ("8.5.1", "partial", "minor", ("Room inspection checklist in use.", "使用查房检查表。"),
     ("Inspection records incomplete on night shifts.", "夜班查房记录不完整。"), ("Supervisors sign every inspection.", "主管签认每次查房。"),
     ("Zhang Min", "张敏"), dt.date(2026, 12, 31), "medium", "in_progress"),
    ("8.5.3", "conforming", "", ("Lost-and-found log and safe-deposit procedure.", "有失物招领记录和保险箱程序。"), ("", ""), ("", ""), ("", ""), None, "", ""),
    ("8.7", "partial", "minor", ("Complaints handled by duty managers.", "投诉由值班经理处理。"),
     ("Recoveries not recorded.", "补救情况未记录。"), ("Record each failure and its recovery.", "记录每次失误及其补救。"),
     ("Chen Jie", "陈杰"), dt.date(2026, 12, 31), "medium", "open"),
    ("9.1.2", "conforming", "", ("Monthly guest survey, 420 answers a month.", "每月宾客调查，每月约420份回复。"), ("", ""), ("", ""), ("", ""), None, "", ""),
    ("9.2.2", "nonconforming", "major", ("No internal audit held yet.", "尚未进行内部审核。"),
     ("No audit programme, no trained auditors.", "没有审核方案，没有经过培训的审核员。"), ("Train four internal auditors; audit all processes before the certification audit.",
      "培训四名内审员；在认证审核前审核全部过程。"), ("Lin Wei", "林伟"), dt.date(2027, 2, 15), "high", "open"),
    ("9.3.1", "nonconforming", "major", ("Monthly meetings, but no management review of the system.", "有月度会议，但没有针对体系的管理评审。"),
     ("No management review held.", "未进行管理评审。"), ("Hold the first management review after the internal audit.", "内审后进行首次管理评审。"),
     ("Lin Wei", "林伟"), dt.date(2027, 2, 28), "high", "open"),
    ("10.2", "partial", "minor", ("Complaints answered within 24 hours.", "投诉24小时内答复。"),
     ("Causes not analysed; same complaint repeats.", "未分析原因；同类投诉重复发生。"), ("Root-cause analysis for repeated complaints.", "对重复投诉进行根本原因分析。"),
     ("Chen Jie", "陈杰"), dt.date(2027, 1, 31), "medium", "open"),
]

# At the re-assessment: ref → (status, grade)
REASSESSMENT: dict[str, tuple[str, str]] = {
    "4.3": ("conforming", ""), "5.2.1": ("conforming", ""), "7.1.5": ("conforming", ""),
    "7.5.3": ("partial", "minor"), "4.1": ("partial", "observation"), "5.2.2": ("conforming", ""),
    "5.1.1": ("conforming", ""), "6.3": ("conforming", ""),
}
