"""Sentences of the auditor's package (building and verifying it), in English and Simplified
Chinese (see messages.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # building: what the caller asked for
    "package.bad_language": (
        "Unknown document language {lang}; choose en or zh_CN.",
        "未知的文件语言 {lang}；请选择 en 或 zh_CN。",
    ),
    "package.zip_suffix": (
        "{file}: the package must be a .zip file.",
        "{file}：审核包必须是 .zip 文件。",
    ),
    "package.no_folder": ("The folder {folder} does not exist.", "文件夹 {folder} 不存在。"),
    "package.exists": ("{path} already exists.", "{path} 已存在。"),
    "package.is_folder": ("{path} is a folder, not a file.", "{path} 是文件夹，不是文件。"),
    "package.cannot_write": ("Cannot write {path}: {reason}.", "无法写入 {path}：{reason}。"),
    "package.snapshot_failed": (
        "Cannot take a consistent copy of the workspace {name}: {reason}.",
        "无法为工作区 {name} 制作一致的副本：{reason}。",
    ),
    "package.evidence_unreadable": (
        "The evidence file {name} of {ref} cannot be packed: {reason}",
        "{ref} 的证据文件 {name} 无法打包：{reason}",
    ),
    "package.cancelled": ("Cancelled.", "已取消。"),
    # building: progress, shown while it works
    "package.step_snapshot": ("Copying the workspace", "正在复制工作区"),
    "package.step_registers": ("Writing the registers", "正在写入登记表"),
    "package.step_audit": ("Writing the audit trail", "正在写入审计追踪"),
    "package.step_checklist": ("Exporting the checklist {name}", "正在导出检查表 {name}"),
    "package.step_evidence": ("Collecting the evidence files", "正在收集证据文件"),
    "package.step_document": ("Generating {title} ({format})", "正在生成 {title}（{format}）"),
    "package.step_zip": ("Writing {file}", "正在写入 {file}"),
    "package.step_done": ("Done", "完成"),
    # verifying: a file that cannot be checked at all
    "package.no_such_file": ("{path}: no such file.", "{path}：文件不存在。"),
    "package.cannot_read": ("Cannot read {path}: {reason}.", "无法读取 {path}：{reason}。"),
    "package.not_a_zip": (
        "{path} is not a zip file, so it is not an auditor's package.",
        "{path} 不是 zip 文件，因此不是审核包。",
    ),
    "package.too_many_members": (
        "{path} holds more than {limit} files; it is not an auditor's package (refused unread).",
        "{path} 含有超过 {limit} 个文件，不是审核包（已拒绝，未读取）。",
    ),
    "package.too_large": (
        "{path} would unpack to more than {limit_gb} GB; refused (a zip bomb?).",
        "{path} 解压后将超过 {limit_gb} GB，已拒绝（可能是 zip 炸弹）。",
    ),
    "package.packed_too_tightly": (
        "{member} in {path} unpacks to {ratio} times its packed size; refused (a zip bomb?).",
        "{path} 中的 {member} 解压后是压缩大小的 {ratio} 倍，已拒绝（可能是 zip 炸弹）。",
    ),
    "package.unsafe_member": (
        "{path} holds a file named {member}, a name that could point outside the folder it is "
        "unpacked into; refused.",
        "{path} 中有名为 {member} 的文件，该名称可能指向解压文件夹之外，已拒绝。",
    ),
    "package.duplicate_member": (
        "{path} holds {member} more than once; refused.",
        "{path} 中 {member} 出现了不止一次，已拒绝。",
    ),
    "package.no_manifest": (
        "{path} holds no manifest.json; it is not an auditor's package made by QMS Desktop.",
        "{path} 中没有 manifest.json，不是由 QMS Desktop 生成的审核包。",
    ),
    "package.bad_manifest": (
        "The manifest.json in {path} cannot be used: {reason}.",
        "{path} 中的 manifest.json 无法使用：{reason}。",
    ),
    "package.manifest_not_json": ("it is not valid JSON", "它不是有效的 JSON"),
    "package.manifest_too_large": ("it is larger than {limit_mb} MB", "它超过了 {limit_mb} MB"),
    "package.manifest_bad_field": (
        "the field {field} is missing or wrong",
        "字段 {field} 缺失或有误",
    ),
    "package.manifest_unsafe_path": (
        "it lists the unsafe path {member}",
        "其中列有不安全的路径 {member}",
    ),
    "package.manifest_twice": ("it lists {member} twice", "其中 {member} 列出了两次"),
    # verifying: problems found, listed one per line
    "package.problem_missing": (
        "{member}: listed in the manifest but missing from the package",
        "{member}：清单中列出，但审核包中缺少该文件",
    ),
    "package.problem_extra": (
        "{member}: in the package but not listed in the manifest",
        "{member}：在审核包中，但清单中未列出",
    ),
    "package.problem_changed": (
        "{member}: its content differs from the manifest (SHA-256 {actual}, the manifest says {expected})",
        "{member}：内容与清单不符（SHA-256 为 {actual}，清单记录为 {expected}）",
    ),
    "package.problem_size": (
        "{member}: {actual} bytes, the manifest says {expected}",
        "{member}：大小为 {actual} 字节，清单记录为 {expected} 字节",
    ),
    "package.problem_damaged": (
        "{member}: cannot be read from the zip ({reason})",
        "{member}：无法从 zip 中读取（{reason}）",
    ),
    "package.problem_no_sums": (
        "SHA256SUMS is missing from the package",
        "审核包中缺少 SHA256SUMS",
    ),
    "package.problem_sums_line": (
        "SHA256SUMS, line {line}: not a checksum line",
        "SHA256SUMS 第 {line} 行：不是校验和行",
    ),
    "package.problem_sums_unknown": (
        "SHA256SUMS lists {member}, which the package does not hold",
        "SHA256SUMS 列出了 {member}，但审核包中没有该文件",
    ),
    "package.problem_sums_differs": (
        "{member}: SHA256SUMS gives another SHA-256 than the file has",
        "{member}：SHA256SUMS 中的 SHA-256 与文件实际的不符",
    ),
    "package.problem_sums_unlisted": (
        "{member}: not listed in SHA256SUMS",
        "{member}：SHA256SUMS 中未列出",
    ),
    "package.problem_no_workspace": (
        "workspace.qms is missing from the package",
        "审核包中缺少 workspace.qms",
    ),
    "package.problem_workspace": (
        "workspace.qms: {problem}",
        "工作区副本 workspace.qms：{problem}",
    ),
    "package.problem_head": (
        "workspace.qms: the audit trail ends at entry {actual_count} ({actual_hash}), the manifest "
        "says entry {count} ({hash})",
        "workspace.qms：审计追踪止于第 {actual_count} 条（{actual_hash}），清单记录为第 {count} 条（{hash}）",
    ),
    "package.problem_organisation": (
        "workspace.qms belongs to {actual}, the manifest names {expected}",
        "workspace.qms 属于 {actual}，清单记录的组织为 {expected}",
    ),
}
