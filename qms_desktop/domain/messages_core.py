"""Error sentences of the core (fields, registers, checklist, steps, libraries in the
workspace, the command line), in English and Simplified Chinese (see messages.py).

Field errors are shown next to their field, so they do not repeat the field's name."""

MESSAGES: dict[str, tuple[str, str]] = {
    # fields
    "core.required": ("This field is required.", "此项为必填项。"),
    "core.must_be_text": ("This must be text.", "此项必须是文本。"),
    "core.must_be_number": ("This must be a number.", "此项必须是数字。"),
    "core.must_be_date": (
        "“{value}” is not a date; write it as YYYY-MM-DD.",
        "“{value}”不是日期，请按 YYYY-MM-DD 格式填写。",
    ),
    "core.not_a_choice": (
        "“{value}” is not one of the choices ({choices}).",
        "“{value}”不在可选值之中（{choices}）。",
    ),
    "core.text_too_long": (
        "The text is longer than {limit:,} characters.",
        "文本超过 {limit:,} 个字符。",
    ),
    "core.no_such_field": ("There is no field called “{field}”.", "没有名为“{field}”的字段。"),
    # profile
    "core.logo_not_image": (
        "The logo must be a PNG or JPEG image.",
        "标志必须是 PNG 或 JPEG 图片。",
    ),
    "core.logo_too_large": (
        "The logo is larger than {limit_mb} MB; use a smaller image.",
        "标志大于 {limit_mb} MB，请使用更小的图片。",
    ),
    "core.organisation_needs_name": ("The organisation needs a name.", "组织必须有名称。"),
    "core.bad_doc_prefix": (
        "The document prefix may hold up to 20 letters, digits, dots, hyphens or "
        "underscores, starting with a letter or digit.",
        "文件编号前缀最多 20 个字符，只能包含字母、数字、点、连字符或下划线，并以字母或数字开头。",
    ),
    "core.bad_language": (
        "The document language must be English (en) or Simplified Chinese (zh_CN).",
        "文件语言必须是英文（en）或简体中文（zh_CN）。",
    ),
    # registers
    "core.no_such_register": (
        "There is no register called “{register}”.",
        "没有名为“{register}”的登记表。",
    ),
    "core.attendees_not_people": (
        "Not in the people list: {names}. Add them under People first, or correct the names.",
        "不在人员名单中：{names}。请先在“人员”中添加，或更正姓名。",
    ),
    "core.record_exists": ("Record {id} already exists.", "记录 {id} 已经存在。"),
    "core.record_gone": (
        "That record no longer exists; it may have been deleted.",
        "该记录已不存在，可能已被删除。",
    ),
    "core.adopted_lesson_needs_rule_kind": (
        "An adopted lesson needs the kind of rule it becomes: standard, specification or regulation.",
        "采纳的经验教训需要注明形成的规则类型：标准、规范或制度。",
    ),
    "core.hours_out_of_range": (
        "The hours must be more than 0 and at most 1000.",
        "学时必须大于 0 且不超过 1000。",
    ),
    "core.target_needs_unit": (
        "A target needs a unit (%, minutes, complaints per month…).",
        "目标值需要单位（%、分钟、每月投诉数……）。",
    ),
    "core.element_needs_reason": (
        "Say why an element is not adopted.",
        "请说明不采用该要素的理由。",
    ),
    # steps
    "core.done_needs_signer": (
        "A step marked done needs the name of the person signing it off.",
        "标记为完成的步骤需要填写签核人姓名。",
    ),
    "core.done_needs_date": (
        "A step marked done needs the sign-off date.",
        "标记为完成的步骤需要填写签核日期。",
    ),
    # the gap checklist
    "core.grade_does_not_fit": (
        "A finding graded “{grade}” does not fit the status “{status}”.",
        "等级“{grade}”与状态“{status}”不相符。",
    ),
    "core.na_needs_justification": (
        "A requirement marked not applicable needs a justification (it goes into the scope statement "
        "of clause 4.3).",
        "标记为不适用的要求需要说明理由（写入 4.3 条款的范围说明）。",
    ),
    "core.assessment_needs_name": ("The assessment needs a name.", "评估必须有名称。"),
    "core.assessment_needs_library": (
        "Choose at least one requirement library.",
        "请至少选择一个要求库。",
    ),
    "core.no_such_library": (
        "The workspace holds no library {library}.",
        "工作区中没有要求库 {library}。",
    ),
    "core.no_such_assessment": (
        "There is no assessment {id} in this workspace.",
        "此工作区中没有评估 {id}。",
    ),
    "core.no_such_item": (
        "There is no checklist item {id} in this workspace.",
        "此工作区中没有检查项 {id}。",
    ),
    "core.assessment_in_use": (
        "The assessment “{name}” cannot be deleted while it holds evidence files; "
        "remove them first.",
        "评估“{name}”仍有证据文件，不能删除；请先移除这些文件。",
    ),
    # evidence
    "core.cannot_read": ("Cannot read {path}: {reason}.", "无法读取 {path}：{reason}。"),
    "core.not_a_file": ("{name} is not a file.", "{name} 不是文件。"),
    "core.evidence_needs_file": ("Give a file to attach.", "请选择要附加的文件。"),
    "core.evidence_too_large": (
        "{name} is {size_mb} MB; evidence files may be at most {limit_mb} MB. "
        "Nothing was attached.",
        "{name} 大小为 {size_mb} MB，证据文件最大 {limit_mb} MB。未附加任何文件。",
    ),
    "core.no_such_evidence": (
        "That evidence file is not in the workspace.",
        "该证据文件不在工作区中。",
    ),
    "core.evidence_damaged": (
        "The stored copy of {name} is damaged (its SHA-256 does not match).",
        "{name} 的存储副本已损坏（SHA-256 不符）。",
    ),
    "core.evidence_is_link": (
        "{name} is a link to {target}; attach the file itself.",
        "{name} 是指向 {target} 的链接，请附加文件本身。",
    ),
    "core.cannot_write": ("Cannot write {path}: {reason}.", "无法写入 {path}：{reason}。"),
    # libraries in the workspace
    "core.library_duplicate_refs": (
        "Library {library} uses reference codes more than once: {refs}.",
        "要求库 {library} 有重复的编号：{refs}。",
    ),
    "core.library_empty": (
        "Library {library} holds no requirements.",
        "要求库 {library} 不含任何要求。",
    ),
    "core.library_in_use": (
        "The workspace already holds library {library}, used by the assessment "
        "“{assessment}”; it is kept as it is so that assessment stays as it was.",
        "工作区已有要求库 {library}，且被评估“{assessment}”使用；为保持该评估不变，"
        "原要求库保留不动。",
    ),
    "core.library_in_use_remove": (
        "Library {library} is used by the assessment “{assessment}” and cannot be removed.",
        "要求库 {library} 正被评估“{assessment}”使用，不能移除。",
    ),
    # editing
    "core.read_only_plain": (
        "This workspace is open read-only; changes cannot be made.",
        "此工作区以只读方式打开，无法修改。",
    ),
    # the command line
    "core.file_or_demo": (
        "Give either a FILE or --demo, not both.",
        "请给出文件或 --demo，不要同时给出。",
    ),
    "core.say_format": (
        "Say --format docx or pdf (or give OUT a .docx or .pdf name).",
        "请指定 --format docx 或 pdf（或让输出文件以 .docx 或 .pdf 结尾）。",
    ),
    "core.exists_use_force": (
        "{path} already exists; use --force to replace it.",
        "{path} 已存在；如需覆盖请使用 --force。",
    ),
}
