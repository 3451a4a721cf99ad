"""Sentences of document control (the Refine step's register): revisions' statuses and
moves, the freeze of approved revisions, uploads, diffs and the step's rule — in English and
Simplified Chinese."""

MESSAGES: dict[str, tuple[str, str]] = {
    "document_control.status_draft": ("draft", "草案"),
    "document_control.status_in_review": ("in review", "评审中"),
    "document_control.status_approved": ("approved", "已批准"),
    "document_control.status_issued": ("issued", "已发布"),
    "document_control.status_superseded": ("superseded", "已被替代"),
    "document_control.status_withdrawn": ("withdrawn", "已撤销"),
    "document_control.bad_transition": (
        "A revision that is {old} cannot become {new}.",
        "处于“{old}”状态的版本不能变为“{new}”。",
    ),
    "document_control.needs_reviewer": (
        "Name the reviewer before sending the revision for review.",
        "提交评审前请填写评审人。",
    ),
    "document_control.needs_approver": (
        "Name the approver before approving the revision.",
        "批准前请填写批准人。",
    ),
    "document_control.bad_scheme": (
        "Revisions are labelled with letters (A, B, C …) or numbers (1, 2, 3 …), not “{scheme}”.",
        "版次只能用字母（A、B、C……）或数字（1、2、3……）标识，不能用“{scheme}”。",
    ),
    "document_control.frozen": (
        "Revision {revision} is approved: its files and contents can no longer change. "
        "Make a new revision for a change.",
        "版次 {revision} 已批准，其文件和内容不能再更改。如需修改，请创建新版次。",
    ),
    "document_control.planned_document_controlled": (
        "Document {number} has an approved revision ({revision}) and cannot be deleted; "
        "withdraw it instead.",
        "文件 {number} 已有批准的版次（{revision}），不能删除；请改为撤销。",
    ),
    "document_control.planned_document_has_drafts": (
        "Document {number} has revisions in document control ({revisions}); delete its drafts "
        "there first.",
        "文件 {number} 在文件控制中已有版次（{revisions}）；请先在那里删除其草案。",
    ),
    "document_control.file_altered": (
        "The stored file {name} no longer matches its SHA-256: it was altered outside QMS Desktop.",
        "存储的文件 {name} 与其 SHA-256 不符：它在 QMS Desktop 之外被改动过。",
    ),
    "document_control.no_text": (
        "Revision {revision} holds no text to compare (an uploaded file whose words cannot "
        "be read).",
        "版次 {revision} 没有可比较的文字（上传的文件无法读取文字）。",
    ),
    "document_control.template_taken": (
        "The template {template} already generates document {number}.",
        "模板 {template} 已用于生成文件 {number}。",
    ),
    "document_control.no_template": (
        "Document {number} is not generated from a template: upload its file instead.",
        "文件 {number} 不是由模板生成的，请上传其文件。",
    ),
    "document_control.in_review": (
        "Revision {revision} is in review: return it to draft before changing it.",
        "版次 {revision} 正在评审中：请先退回草案再修改。",
    ),
    "document_control.changed_meanwhile": (
        "The revision was changed meanwhile; look at it again and repeat.",
        "该版次在此期间已被更改；请重新查看后再操作。",
    ),
    "document_control.upload_too_large": (
        "The file is larger than {limit_mb} MB.",
        "文件超过 {limit_mb} MB。",
    ),
    "document_control.cannot_read": (
        "Cannot read the file {name}: {reason}",
        "无法读取文件 {name}：{reason}",
    ),
    "document_control.approve_apart": (
        "A revision is approved with its approver and date (Approve…).",
        "版次须填写批准人和日期后批准（“批准…”）。",
    ),
    "document_control.nothing_to_review": (
        "Revision {revision} has no file yet: generate or upload it first.",
        "版次 {revision} 还没有文件：请先生成或上传。",
    ),
    "document_control.issue_before_approval": (
        "A revision cannot be issued before it was approved ({approved}).",
        "版次不能早于批准日期（{approved}）发布。",
    ),
    "document_control.effective_before_approval": (
        "The effective date cannot be before the approval ({approved}).",
        "实施日期不能早于批准日期（{approved}）。",
    ),
    "document_control.changed_since_draft": (
        "The workspace no longer gives the words of revision {revision} as reviewed: "
        "generate it again, review it, then approve.",
        "工作区内容已与评审时的版次 {revision} 不同：请重新生成并评审后再批准。",
    ),
    "document_control.no_planned_documents": (
        "no documents are planned yet (Plan step)",
        "尚未策划任何文件（策划步骤）",
    ),
    "document_control.not_issued": ("{number} not yet issued", "{number} 尚未发布"),
    "document_control.check_file_altered": (
        "{record}: the stored file {name} does not match its SHA-256",
        "{record}：存储的文件 {name} 与其 SHA-256 不符",
    ),
    "document_control.check_file_missing": (
        "{record}: the contents of the file {name} are missing",
        "{record}：文件 {name} 的内容缺失",
    ),
    "document_control.entity_controlled_document": ("controlled document", "受控文件"),
    "document_control.entity_document_revision": ("document revision", "文件版次"),
    "document_control.entity_document_file": ("revision file", "版次文件"),
    "document_control.entity_document_control": ("document-control settings", "文件控制设置"),
}
