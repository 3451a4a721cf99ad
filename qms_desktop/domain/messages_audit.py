"""Sentences of the internal audit programme (ISO 9001 9.2: audits, auditors' independence,
scope, the audit's checklist) in English and Simplified Chinese (see messages.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "audit.not_independent_owner": (
        "{auditor} would audit their own work: they own or are responsible for the process "
        "“{process}”. Pick another auditor, or write in “Independence override” why "
        "{auditor} may audit it.",
        "{auditor} 将审核自己的工作：其为过程“{process}”的负责人或承担职责。"
        "请另选审核员，或在“独立性例外理由”中写明 {auditor} 可以审核的理由。",
    ),
    "audit.not_independent_auditee": (
        "{auditor} is also the auditee of this audit and would audit their own work. Pick "
        "another auditor, or write in “Independence override” why {auditor} may audit it.",
        "{auditor} 同时是本次审核的受审核方，将审核自己的工作。"
        "请另选审核员，或在“独立性例外理由”中写明 {auditor} 可以审核的理由。",
    ),
    "audit.no_scope": (
        "“{title}” has no scope: pick the process it audits or write the clauses in scope "
        "(e.g. 7.5, 8.2) before starting it.",
        "“{title}”没有审核范围：开始审核前，请选择所审核的过程或填写范围内的条款（如 7.5, 8.2）。",
    ),
    "audit.process_names_no_clauses": (
        "The process “{process}” names no requirements, so the scope of “{title}” is not "
        "known: write the clauses in scope (e.g. 7.5, 8.2).",
        "过程“{process}”未列出相关要求，无法确定“{title}”的审核范围：请填写范围内的条款（如 7.5, 8.2）。",
    ),
    "audit.scope_matches_nothing": (
        "No requirement of the checklist's libraries is one of {clauses} or under one; "
        "check the clause numbers.",
        "清单所用要求库中没有属于 {clauses} 或其下级条款的要求；请检查条款编号。",
    ),
    "audit.no_library": (
        "The workspace holds no requirement library to draw the audit's checklist from; add "
        "one on the Compare step first.",
        "工作区中没有可用于生成审核检查表的要求库；请先在“对比”步骤中添加。",
    ),
    "audit.no_such_audit": (
        "The internal audit no longer exists (it may have been deleted).",
        "该内部审核已不存在（可能已被删除）。",
    ),
    "audit.already_started": (
        "“{title}” has already been started: its checklist exists.",
        "“{title}”已经开始：其检查表已存在。",
    ),
    "audit.not_started": (
        "“{title}” has not been started yet: start it first, which makes its checklist.",
        "“{title}”尚未开始：请先开始审核，以生成其检查表。",
    ),
    "audit.already_completed": (
        "“{title}” is already completed.",
        "“{title}”已经完成。",
    ),
    "audit.cancelled": (
        "“{title}” was cancelled; set it back to planned to run it.",
        "“{title}”已取消；如需实施，请先将其状态改回“已计划”。",
    ),
    "audit.status_by_action": (
        "An audit is put in progress by “Start audit” (which makes its checklist) and "
        "completed by “Complete audit”, not by editing its status.",
        "审核通过“开始审核”（同时生成检查表）进入进行中，通过“完成审核”完成，不能直接修改状态。",
    ),
    "audit.completed_needs_held_on": (
        "A completed audit needs the date it was held.",
        "已完成的审核须填写实施日期。",
    ),
    "audit.held_in_future": (
        "{date} is in the future; an audit is completed once it has been held.",
        "{date} 是将来的日期；审核实施后才能完成。",
    ),
    "audit.ungraded_findings": (
        "{count} nonconforming findings of “{title}” have no grade yet (first: {ref}). "
        "Grade each one major, minor, observation or opportunity for improvement before "
        "completing the audit.",
        "“{title}”中有 {count} 项不符合的发现尚未分级（第一项：{ref}）。"
        "完成审核前，请将每项定为严重、轻微、观察项或改进机会。",
    ),
    "audit.checklist_of_audit": (
        "This checklist belongs to the internal audit “{title}”: it is kept with the audit.",
        "此检查表属于内部审核“{title}”，随该审核保存，不能单独删除。",
    ),
    "audit.used_by_checklist": (
        "its checklist (the audit has been started; cancel it instead)",
        "其检查表（审核已开始；请改为取消该审核）",
    ),
    "audit.not_a_finding": (
        "That finding is not part of the checklist of “{title}”.",
        "该发现不属于“{title}”的检查表。",
    ),
    "audit.finding_out_of_scope": (
        "Requirement {ref} is not in the audit's scope, so it has no finding in its checklist.",
        "要求 {ref} 不在审核范围内，检查表中没有该项。",
    ),
    "allocation.used_by_internal_audit": ("the internal audit “{label}”", "内部审核“{label}”"),
    "storage.entity_internal_audit": ("internal audit", "内部审核"),
}
