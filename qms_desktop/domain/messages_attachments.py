"""Sentences about files attached to register records, in English and Simplified Chinese
(see messages.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "attachments.needs_file": ("Choose a file to attach.", "请选择要附加的文件。"),
    "attachments.too_large": (
        "{name} is {size_mb} MB; an attachment may be at most {limit_mb} MB. Nothing was attached.",
        "{name} 大小为 {size_mb} MB，附件最大 {limit_mb} MB。未附加任何文件。",
    ),
    "attachments.cannot_read": (
        "Cannot read {name}: {reason}. Nothing was attached.",
        "无法读取 {name}：{reason}。未附加任何文件。",
    ),
    "attachments.not_a_file": (
        "{name} is not a file (a folder or a device); nothing was attached.",
        "{name} 不是文件（是文件夹或设备）；未附加任何文件。",
    ),
    "attachments.is_link": (
        "{name} is a link to {target}; attach the file itself.",
        "{name} 是指向 {target} 的链接，请附加文件本身。",
    ),
    "attachments.not_here": (
        "Records of this register take no attachments.",
        "此登记表的记录不能附加文件。",
    ),
    "attachments.no_record": (
        "The record the file belongs to is no longer in the workspace.",
        "文件所属的记录已不在工作区中。",
    ),
    "attachments.gone": (
        "That attachment is no longer in the workspace.",
        "该附件已不在工作区中。",
    ),
    "attachments.damaged": (
        "The stored copy of {name} is damaged (its SHA-256 does not match).",
        "{name} 的存储副本已损坏（SHA-256 不符）。",
    ),
    "attachments.exists": (
        "Attachment {id} is already in the workspace.",
        "附件 {id} 已在工作区中。",
    ),
    "storage.entity_attachment": ("attachment", "附件"),
    "package.step_attachments": ("Collecting the attached files", "正在收集附件"),
}
