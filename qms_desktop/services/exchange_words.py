"""The words of a checklist spreadsheet in English and Chinese: column headers, sheet
names, summary labels and the drop-down values of each choice (the same words the
Compare page shows), so a file is written in the user's language and read in either."""

from __future__ import annotations

from qms_desktop.services.sheet_text import ChoiceWords, fold

# (field, English header, Chinese header). The field is an item field, one of the
# read-only columns, or "key" (the row key that survives a spreadsheet's retyping).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("library_id", "Library", "要求库"),
    ("ref", "Ref", "条款"),
    ("title", "Requirement", "要求"),
    ("guidance", "Guidance", "指南"),
    ("status", "Status", "状态"),
    ("grade", "Finding grade", "发现等级"),
    ("na_justification", "Not applicable because", "不适用理由"),
    ("current_practice", "Current practice", "现行做法"),
    ("evidence_notes", "Evidence notes", "证据说明"),
    ("evidence_files", "Evidence files", "证据文件"),
    ("gap", "Gap", "差距"),
    ("action_text", "Action", "措施"),
    ("action_owner", "Owner", "负责人"),
    ("action_due", "Due date", "截止日期"),
    ("action_priority", "Priority", "优先级"),
    ("action_state", "Action state", "措施状态"),
    # a control's statement (OSCAL), apart from its guidance; last of the readable columns so
    # the letters of the columns a client fills stay where they were
    ("statement", "Statement", "条文"),
    ("changed_by", "Changed by", "修改人"),
    ("changed_at", "Changed at (UTC)", "修改时间（UTC）"),
    ("key", "Row key (keep as is)", "行键（请勿修改）"),
)
FIELDS = tuple(f for f, _, _ in COLUMNS)
READ_ONLY = frozenset(
    {"title", "statement", "guidance", "evidence_files", "changed_by", "changed_at"}
)

SHEETS = {"checklist": ("Checklist", "检查表"), "summary": ("Summary", "汇总")}

SUMMARY: dict[str, tuple[str, str]] = {
    "assessment": ("Assessment", "评估"),
    "exported": ("Exported", "导出时间"),
    "clause": ("Clause", "条款"),
    "conformity": ("Conformity", "符合度"),
    "assessed": ("Assessed", "已评估"),
    "applicable": ("Applicable", "适用"),
    "total": ("Total", "合计"),
    "status_values": ("Status values", "状态取值"),
    "scoring": ("Scoring", "计分"),
    "scoring_rule": (
        "Conforming = 1, partially conforming = 0.5; not applicable and not assessed are left out",
        "符合 = 1，部分符合 = 0.5；不适用和未评估的要求不计入",
    ),
    "invalid_title": ("Not a valid value", "不是有效值"),
    "invalid_text": ("Choose one of: {values}", "请从以下选项中选择：{values}"),
}

CHOICES: dict[str, ChoiceWords] = {
    "status": ChoiceWords(
        ("not_assessed", "conforming", "partial", "nonconforming", "not_applicable"),
        {
            "not_assessed": ("Not assessed", "未评估"),
            "conforming": ("Conforming", "符合"),
            "partial": ("Partially conforming", "部分符合"),
            "nonconforming": ("Nonconforming", "不符合"),
            "not_applicable": ("Not applicable", "不适用"),
        },
        # what clients' own checklists say
        {
            "conforming": ("Compliant", "Conform", "Yes", "OK", "是", "满足", "合格"),
            "partial": ("Partially compliant", "Partly", "Partial", "部分满足"),
            "nonconforming": ("Non-compliant", "Noncompliant", "No", "否", "不满足", "不合格"),
            "not_applicable": ("N/A", "NA", "n.a.", "不涉及"),
        },
    ),
    "grade": ChoiceWords(
        ("", "major", "minor", "observation", "ofi", "good_practice"),
        {
            "major": ("Major nonconformity", "严重不符合"),
            "minor": ("Minor nonconformity", "轻微不符合"),
            "observation": ("Observation", "观察项"),
            "ofi": ("Opportunity for improvement", "改进机会"),
            "good_practice": ("Good practice", "良好实践"),
        },
    ),
    "action_priority": ChoiceWords(
        ("", "high", "medium", "low"),
        {"high": ("High", "高"), "medium": ("Medium", "中"), "low": ("Low", "低")},
    ),
    "action_state": ChoiceWords(
        ("", "open", "in_progress", "done", "cancelled"),
        {
            "open": ("Open", "未关闭"),
            "in_progress": ("In progress", "进行中"),
            "done": ("Done", "已完成"),
            "cancelled": ("Cancelled", "已取消"),
        },
    ),
}


def word(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh_CN" else pair[0]


def header(field: str, lang: str) -> str:
    for f, en, zh in COLUMNS:
        if f == field:
            return zh if lang == "zh_CN" else en
    raise KeyError(field)


def headers_by_word() -> dict[str, str]:
    """Folded header (either language, or the field's own name) -> field."""
    found: dict[str, str] = {}
    for f, en, zh in COLUMNS:
        for w in (f, en, zh):
            found[fold(w)] = f
    # headers of files exported before the row key and the languages
    found[fold("Changed at")] = "changed_at"
    return found


def sheet_names(kind: str) -> tuple[str, str]:
    return SHEETS[kind]
