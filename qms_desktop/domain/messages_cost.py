"""Sentences of quality cost and the quality appraisal with its veto (Operate, issue 11) in
English and Simplified Chinese (see messages.py). Field errors are shown next to their field,
so they do not repeat its name."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cost.other_currency": (
        "{value} is written in another currency ({found}); this workspace keeps its "
        "amounts in {currency}. Convert it and enter the amount in {currency}.",
        "{value} 使用了其他货币（{found}）；本工作区的金额以 {currency} 计。"
        "请换算后以 {currency} 输入金额。",
    ),
    "cost.amount_not_number": (
        "{value} is not an amount: enter a number in {currency} (e.g. 1200 or 1,200.50).",
        "{value} 不是金额：请输入以 {currency} 计的数字（例如 1200 或 1,200.50）。",
    ),
    "cost.negative_amount": (
        "Enter zero or more (not {value}); a saving is not a negative quality cost.",
        "请输入零或正数（不能是 {value}）；节约不能记为负的质量成本。",
    ),
    "cost.bad_currency": (
        "{currency} is not a currency this app knows; choose one of {known}.",
        "{currency} 不是本软件认识的货币；请从 {known} 中选择。",
    ),
    "cost.currency_in_use": (
        "Amounts are already recorded in {currency} ({count} record(s)); changing the "
        "currency would change what they mean. Keep {currency}, or delete those records first.",
        "已有以 {currency} 记录的金额（{count} 条）；更改货币会改变它们的含义。"
        "请保留 {currency}，或先删除这些记录。",
    ),
    "cost.score_out_of_range": (
        "Enter a score from 0 to 100 (not {value}).",
        "请输入 0 到 100 之间的分数（不能是 {value}）。",
    ),
    "cost.veto_needs_reason": (
        "Applying the quality veto needs the reason: say which record or event it rests on.",
        "行使质量否决需要写明理由：说明依据的是哪条记录或哪件事。",
    ),
    "cost.period_to_before_from": (
        "The appraisal period cannot end before it starts ({start}).",
        "考核期间的结束日期不能早于开始日期（{start}）。",
    ),
    "cost.appraisal_gone": (
        "The appraisal is no longer there (deleted meanwhile?).",
        "该考核记录已不存在（可能已被删除）。",
    ),
    "cost.not_vetoed": (
        "Say whether the veto applies (yes or no).",
        "请说明是否行使否决（是或否）。",
    ),
    # the veto proposal, in words
    "cost.proposal_none": (
        "No record of the period hits a veto trigger.",
        "本期间的记录未触及否决条件。",
    ),
    "cost.proposal_no_triggers": (
        "No veto triggers are defined yet: define them (Veto triggers) to have the app "
        "propose the veto.",
        "尚未定义否决条件：请在“否决条件”中定义，软件即可据此提出否决建议。",
    ),
    "cost.proposal_hit": (
        "Veto proposed: {trigger} — {event}.",
        "建议否决：{trigger} — {event}。",
    ),
    "cost.manual_kinds": (
        "{kinds}: no register records these; a person judges them.",
        "{kinds}：没有登记册记录这些事项，需由人判断。",
    ),
    "cost.event_complaint": (
        "complaint of {date} (customer angered): {text}",
        "{date} 的投诉（顾客愤怒）：{text}",
    ),
    "cost.event_claim": (
        "commitment claim of {date}",
        "{date} 的承诺索赔",
    ),
    "cost.event_nonconformity": (
        "major nonconformity of {date}: {text}",
        "{date} 的严重不符合：{text}",
    ),
    "cost.no_revenue": (
        "no revenue recorded for the period",
        "本期间未记录营业收入",
    ),
    # names of records in the integrity check
    "cost.entity_cost_settings": ("quality-cost settings (currency)", "质量成本设置（货币）"),
    "cost.entity_quality_cost": ("quality cost", "质量成本"),
    "cost.entity_cost_period": ("revenue of a period", "某期营业收入"),
    "cost.entity_veto_trigger": ("veto trigger", "否决条件"),
    "cost.entity_appraisal": ("quality appraisal", "质量考核"),
}
