"""Sentences of the Operate step (complaints, service recovery, commitment claims, surveys
and their import, results against targets, customers kept) in English and Simplified Chinese
(see messages.py). Field errors are shown next to their field, so they do not repeat its name."""

MESSAGES: dict[str, tuple[str, str]] = {
    "operate.date_in_future": (
        "{date} is in the future; record what has happened.",
        "{date} 是将来的日期；请记录已经发生的事。",
    ),
    "operate.negative": (
        "Enter zero or more (not {value}).",
        "请输入零或正数（不能是 {value}）。",
    ),
    "operate.token_beyond_limit": (
        "The token's value {value} is beyond what the authoriser may grant ({limit}). "
        "Ask someone with a higher limit to authorise it.",
        "补偿物价值 {value} 超出了批准人的权限（{limit}）。请由权限更高的人批准。",
    ),
    "operate.token_beyond_role_limit": (
        "The token's value {value} is beyond what the role “{role}” may grant for “{token}” "
        "({limit}, from the catalogue of tokens). Choose a token of a role with a higher "
        "limit, or lower the value.",
        "补偿物价值 {value} 超出了角色“{role}”对“{token}”的批准权限（{limit}，见补偿物目录）。"
        "请选择权限更高角色的补偿物，或降低价值。",
    ),
    "operate.kano_basic_need": (
        "The basic need “{need}” has no satisfaction standard serving it.",
        "基本需求“{need}”没有对应的满意度标准。",
    ),
    "operate.kano_moment_standard": (
        "The moment of truth “{moment}” has no standard.",
        "关键时刻“{moment}”没有标准。",
    ),
    "operate.kano_moment_owner": (
        "The moment of truth “{moment}” has no owner.",
        "关键时刻“{moment}”没有负责人。",
    ),
    "operate.kano_moment_recovery": (
        "The moment of truth “{moment}” has no recovery plan.",
        "关键时刻“{moment}”没有补救预案。",
    ),
    "operate.kano_moment_steps": (
        "The recovery plan of “{moment}” lacks steps its severity needs: {steps}.",
        "关键时刻“{moment}”的补救预案缺少其失误程度所需的步骤：{steps}。",
    ),
    "operate.kano_dimension": (
        "No satisfaction standard for the SERVQUAL dimension {dimension}.",
        "SERVQUAL 维度“{dimension}”还没有满意度标准。",
    ),
    "operate.kano_step_apology": ("1 apology", "1 道歉"),
    "operate.kano_step_reinstatement": ("2 urgent reinstatement", "2 紧急复原"),
    "operate.kano_step_empathy": ("3 empathy", "3 移情"),
    "operate.kano_step_atonement": ("4 symbolic atonement", "4 象征性补偿"),
    "operate.kano_step_follow_up": ("5 follow-up", "5 跟踪"),
    "operate.kano_dim_tangibles": ("tangibles", "有形性"),
    "operate.kano_dim_reliability": ("reliability", "可靠性"),
    "operate.kano_dim_responsiveness": ("responsiveness", "响应性"),
    "operate.kano_dim_assurance": ("assurance", "保证性"),
    "operate.kano_dim_empathy": ("empathy", "移情性"),
    "operate.value_needs_token": (
        "Say what token was given for this value.",
        "请写明此价值对应的补偿物。",
    ),
    "operate.paid_before_claimed": (
        "A payout cannot be made before the claim ({claimed}).",
        "赔付日期不能早于索赔日期（{claimed}）。",
    ),
    "operate.ends_before_start": (
        "The survey cannot end before it starts ({start}).",
        "调查的结束日期不能早于开始日期（{start}）。",
    ),
    "operate.item_needs_dimension": (
        "Choose the SERVQUAL dimension the item asks about.",
        "请选择该题项所属的 SERVQUAL 维度。",
    ),
    "operate.likert_out_of_range": (
        "{value} is not on the scale: enter a whole number from 1 to {top}.",
        "{value} 不在量表范围内：请输入 1 到 {top} 之间的整数。",
    ),
    "operate.expectation_not_asked": (
        "This survey asks perception only; leave the expectation empty.",
        "本次调查只问感知；期望一栏请留空。",
    ),
    "operate.expectation_needed": (
        "This survey asks expectation and perception; enter the expectation too.",
        "本次调查同时询问期望与感知；请同时填写期望。",
    ),
    "operate.item_of_other_survey": (
        "The item “{item}” belongs to another survey.",
        "题项“{item}”属于另一份调查。",
    ),
    "operate.result_needs_one_target": (
        "A result measures either a quality objective or a satisfaction standard, not both.",
        "一条结果只能对应一个质量目标或一个满意度标准，不能同时对应两者。",
    ),
    "operate.repeat_above_customers": (
        "Repeat customers cannot be more than the customers of the period.",
        "回头客人数不能多于本期顾客人数。",
    ),
    "operate.no_cause": (
        "Write the complaint's cause first; the lesson is drawn from it.",
        "请先写明投诉的原因；经验教训由此而来。",
    ),
    "operate.lesson_exists": (
        "This complaint already has a lesson in the Summarise register.",
        "此投诉已在“总结”登记表中有一条经验教训。",
    ),
    "operate.lesson_what_happened": (
        "Complaint of {date} ({site}): {description}",
        "{date} 的投诉（{site}）：{description}",
    ),
    "operate.no_survey": (
        "Choose the survey the responses belong to.",
        "请选择这些答卷所属的调查。",
    ),
    "operate.import_row": (
        "{file}, row {row}, column “{column}”: {reason} Nothing was imported.",
        "{file} 第 {row} 行“{column}”列：{reason}未导入任何内容。",
    ),
    "operate.batch_record": (
        "Record {number}: {reason} Nothing was added.",
        "第 {number} 条记录：{reason}未添加任何内容。",
    ),
    "operate.item_code_taken": (
        "The survey already has an item with the code “{other}”; give “{code}” another "
        "code (responses name their item by it; case, width and spaces do not count).",
        "本调查已有代码为“{other}”的题项；请给“{code}”另起代码（答卷按代码对应题项，"
        "不区分大小写、全角半角和空格）。",
    ),
    "operate.import_item_ambiguous": (
        "the code “{item}” names {count} items of this survey; give each its own code first.",
        "代码“{item}”对应本调查的 {count} 个题项；请先为每个题项设定不同的代码。",
    ),
    "operate.import_no_item": (
        "no item “{item}” in this survey.",
        "本调查中没有题项“{item}”。",
    ),
    "operate.import_twice": (
        "respondent “{respondent}” answers item “{item}” twice (first on row {first}).",
        "答卷人“{respondent}”对题项“{item}”作答两次（首次在第 {first} 行）。",
    ),
    "operate.import_empty": (
        "{file} holds no responses.",
        "{file} 中没有答卷。",
    ),
    # what points at a record (shown when deleting it is refused)
    "allocation.used_by_lesson": ("the lesson “{label}”", "经验教训“{label}”"),
    "allocation.used_by_complaint": ("the complaint “{label}”", "投诉“{label}”"),
    "allocation.used_by_recovery": ("the recovery case “{label}”", "补救案例“{label}”"),
    "allocation.used_by_commitment_claim": ("the commitment claim “{label}”", "承诺索赔“{label}”"),
    "allocation.used_by_feedback_channel": ("the feedback channel “{label}”", "反馈渠道“{label}”"),
    "allocation.used_by_survey_item": ("the survey item “{label}”", "调查题项“{label}”"),
    "allocation.used_by_survey_response": ("the survey response “{label}”", "调查答卷“{label}”"),
    "allocation.used_by_result": ("the measured result “{label}”", "实测结果“{label}”"),
    "allocation.used_by_customer_need": ("the customer need “{label}”", "顾客需求“{label}”"),
    # what the integrity check calls the records
    "storage.entity_feedback_channel": ("feedback channel", "反馈渠道"),
    "storage.entity_complaint": ("complaint or service failure", "投诉或服务失误"),
    "storage.entity_recovery": ("service recovery case", "服务补救案例"),
    "storage.entity_commitment_claim": ("service commitment claim", "服务承诺索赔"),
    "storage.entity_survey": ("satisfaction survey", "满意度调查"),
    "storage.entity_survey_item": ("survey item", "调查题项"),
    "storage.entity_recovery_token": ("recovery token", "补救补偿物"),
    "allocation.used_by_recovery_token": ("the recovery token “{label}”", "补救补偿物“{label}”"),
    "storage.entity_survey_response": ("survey response", "调查答卷"),
    "storage.entity_result": ("measured result", "实测结果"),
    "storage.entity_customer_period": ("customers of a period", "某期顾客数据"),
    # the Operate step's progress rule
    "steps.no_feedback_channel": ("No feedback channel is recorded.", "尚未记录任何反馈渠道。"),
    "steps.no_survey_scored": (
        "No satisfaction survey has responses yet.",
        "尚无有答卷的满意度调查。",
    ),
    "steps.recovery_incomplete": (
        "{count} closed complaint(s) lack recovery steps their severity needs.",
        "{count} 条已关闭的投诉缺少其严重程度所需的补救步骤。",
    ),
    "steps.objective_unmeasured": (
        "No result is recorded for the objective “{objective}”.",
        "质量目标“{objective}”尚无实测结果。",
    ),
}
