"""Sentences of nonconformities and corrective actions (raising them from findings, gaps,
complaints and reviews; verification of effectiveness; lessons drawn from them) in English
and Simplified Chinese (see messages.py). Field errors are shown next to their field, so
they do not repeat its name."""

MESSAGES: dict[str, tuple[str, str]] = {
    "actions.date_in_future": (
        "{date} is in the future; record what has happened.",
        "{date} 是将来的日期；请记录已经发生的事。",
    ),
    "actions.verified_before_raised": (
        "The verification cannot come before the nonconformity was raised ({raised}).",
        "验证日期不能早于不合格的提出日期（{raised}）。",
    ),
    "actions.close_needs_verification": (
        "A corrective action is verified or closed only once its effectiveness has been "
        "verified: record who verified it, when, and effective = yes (use Verify…).",
        "纠正措施须经有效性验证后才能标为已验证或关闭：请记录验证人、验证日期，"
        "并选择“有效 = 是”（使用“验证…”）。",
    ),
    "actions.no_item": (
        "That checklist item no longer exists.",
        "该检查表条目已不存在。",
    ),
    "actions.item_has_nonconformity": (
        "This checklist item already has its nonconformity ({label}); edit that one.",
        "该检查表条目已有对应的不合格项（{label}），请编辑该项。",
    ),
    "actions.item_not_a_gap": (
        "Only a finding that is partly or not conforming raises a nonconformity "
        "(this one is “{status}”).",
        "只有部分符合或不符合的发现才能提出不合格项（该条目为“{status}”）。",
    ),
    "actions.no_complaint": (
        "That complaint no longer exists.",
        "该投诉已不存在。",
    ),
    "actions.no_review": (
        "That management review no longer exists.",
        "该管理评审已不存在。",
    ),
    "actions.no_nonconformity": (
        "That nonconformity no longer exists.",
        "该不合格项已不存在。",
    ),
    "actions.lesson_exists": (
        "A lesson has already been drawn from this nonconformity.",
        "已从该不合格项总结过经验教训。",
    ),
    "actions.lesson_needs_cause": (
        "Write the root cause first: the lesson is drawn from it.",
        "请先填写根本原因：经验教训由此总结。",
    ),
    "actions.verifier_needed": (
        "Pick the person who verified the action.",
        "请选择验证人。",
    ),
    "actions.verified_effective": (
        "Verified on {date} by {name}: effective.",
        "{date} 由 {name} 验证：有效。",
    ),
    "actions.verified_not_effective": (
        "Verified on {date} by {name}: NOT effective, reopened.",
        "{date} 由 {name} 验证：无效，已重新打开。",
    ),
    "actions.from_item": (
        "Gap against {ref}: {gap}",
        "{ref} 的差距：{gap}",
    ),
    "actions.item_without_gap": (
        "Finding against {ref} ({status})",
        "{ref} 的发现（{status}）",
    ),
    "actions.lesson_what_happened": (
        "Nonconformity raised on {date} ({requirement}): {description}",
        "{date} 提出的不合格（{requirement}）：{description}",
    ),
    "actions.entity_nonconformity": ("nonconformity", "不合格项"),
    "actions.overdue": (
        "{count} overdue corrective actions",
        "{count} 项纠正措施已逾期",
    ),
}
