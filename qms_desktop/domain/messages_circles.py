"""Sentences of QC circles, their improvement projects and the quality culture and education
activities (step 8) in English and Simplified Chinese (see messages.py). Field errors are shown
next to their field, so they do not repeat its name."""

MESSAGES: dict[str, tuple[str, str]] = {
    "circles.finished_before_presented": (
        "A project cannot finish before it was presented ({presented}).",
        "课题的完成日期不能早于发表日期（{presented}）。",
    ),
    "circles.before_registered": (
        "The circle “{circle}” was registered on {registered}; its project's dates cannot be "
        "earlier.",
        "QC小组“{circle}”于 {registered} 注册；其课题的日期不能早于注册日期。",
    ),
    "circles.circle_before_projects": (
        "The circle's project “{project}” is dated {date}; the circle cannot be registered "
        "after it.",
        "本小组的课题“{project}”日期为 {date}；小组的注册日期不能晚于此日期。",
    ),
    "circles.dissolved_circle": (
        "The circle “{circle}” has been dissolved; a new project needs an active circle.",
        "QC小组“{circle}”已解散；新课题需要属于一个活动中的小组。",
    ),
    "allocation.used_by_qc_circle": ("the QC circle “{label}”", "QC小组“{label}”"),
    "allocation.used_by_qc_project": ("the QC project “{label}”", "QC课题“{label}”"),
    "allocation.used_by_culture_activity": (
        "the quality culture activity “{label}”",
        "质量文化活动“{label}”",
    ),
    "circles.entity_qc_circle": ("QC circle", "QC小组"),
    "circles.entity_qc_project": ("QC project", "QC课题"),
    "circles.entity_culture_activity": ("quality culture activity", "质量文化活动"),
}
