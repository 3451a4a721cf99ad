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
    # what the integrity check and deletion checks call the records
    "storage.entity_management_review": ("management review", "管理评审"),
    "allocation.used_by_management_review": (
        "the management review “{label}”",
        "管理评审“{label}”",
    ),
}
