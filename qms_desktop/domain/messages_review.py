"""Sentences of the management review (ISO 9001 9.3: its record, the inputs gathered for its
period, its outputs) and of the Operate step's review cycle, in English and Simplified Chinese
(see messages.py). Field errors are shown next to their field, so they do not repeat its name."""

MESSAGES: dict[str, tuple[str, str]] = {
    "review.period_ends_before_start": (
        "The period reviewed cannot end before it starts ({start}).",
        "评审期间的结束日期不能早于开始日期（{start}）。",
    ),
    "review.held_before_period": (
        "A review is held after the start of the period it reviews ({start}).",
        "管理评审应在所评审期间开始（{start}）之后举行。",
    ),
    "review.no_such_review": (
        "The management review (number {id}) is no longer there.",
        "该管理评审（编号 {id}）已不存在。",
    ),
    # the Operate step's rule: one full review cycle
    "steps.no_audit_completed": (
        "No internal audit is completed.",
        "尚无已完成的内部审核。",
    ),
    "steps.no_review_of_audit": (
        "No management review held so far includes a completed internal audit.",
        "尚未举行包含已完成内部审核的管理评审。",
    ),
    "steps.review_outputs_unscheduled": (
        "{count} output(s) of the management review have no owner and due date and are not closed.",
        "管理评审有 {count} 项输出既未指定负责人和完成期限，也未关闭。",
    ),
    "steps.review_without_outputs": (
        "The management review records no output: ISO 9001 9.3.3 asks for its decisions and "
        "actions (improvement, changes to the system, resources).",
        "管理评审尚未记录任何输出：ISO 9001 9.3.3 要求评审输出相关决定和措施（改进机会、"
        "体系变更需求、资源需求）。",
    ),
    # what the integrity check and deletion checks call the records
    "storage.entity_management_review": ("management review", "管理评审"),
    "allocation.used_by_management_review": (
        "the management review “{label}”",
        "管理评审“{label}”",
    ),
}
