"""Sentences of the automatic backups of workspaces (making, listing, restoring them), in
English and Simplified Chinese (see messages.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # making and listing backups
    "backups.backup_failed": (
        "Cannot back up {name} to {folder}: {reason}. The workspace itself is unchanged.",
        "无法将 {name} 备份到 {folder}：{reason}。工作区本身未被改动。",
    ),
    "backups.cannot_list": (
        "Cannot read the backups of {name} in {folder}: {reason}.",
        "无法读取 {folder} 中 {name} 的备份：{reason}。",
    ),
    # choosing the backup to restore
    "backups.no_such_backup": ("{path}: no such backup file.", "{path}：备份文件不存在。"),
    "backups.no_backup_number": (
        "{name} has no backup number {number} (it has {count}; see: qms-desktop backup list).",
        "{name} 没有编号为 {number} 的备份（共有 {count} 个；请查看 qms-desktop backup list）。",
    ),
    "backups.is_the_workspace": (
        "That file is the workspace {name} itself, not a backup of it.",
        "该文件就是工作区 {name} 本身，而不是它的备份。",
    ),
    "backups.unusable_backup": (
        "The backup {backup} cannot be restored: {problem} {name} was left untouched.",
        "备份 {backup} 无法恢复：{problem} {name} 未被改动。",
    ),
    "backups.damaged_backup": (
        "The backup {backup} is damaged ({problem}); it was not restored and {name} was left "
        "untouched. Choose an earlier backup.",
        "备份 {backup} 已损坏（{problem}），未予恢复，{name} 未被改动。请选择更早的备份。",
    ),
    # restoring
    "backups.being_edited": (
        "{name} is being edited by {owner}; close it there before restoring a backup. Nothing was "
        "changed.",
        "{name} 正由 {owner} 编辑；请先在那里关闭它，再恢复备份。未做任何改动。",
    ),
    "backups.lock_unavailable": (
        "Cannot take the editor's lock on {name} for the restore: {reason}. Nothing was changed.",
        "无法为恢复操作取得 {name} 的编辑锁：{reason}。未做任何改动。",
    ),
    "backups.safety_copy_failed": (
        "Cannot back up {name} as it is now, which must come before a restore: {reason}. Nothing "
        "was changed.",
        "无法为 {name} 的当前状态制作备份，而恢复之前必须先备份：{reason}。未做任何改动。",
    ),
    "backups.restore_failed": (
        "Restoring {name} from {backup} failed: {reason}. {name} was left as it was.",
        "从 {backup} 恢复 {name} 失败：{reason}。{name} 保持原样。",
    ),
    "backups.restored_unsound": (
        "The restored {name} did not pass the integrity check ({problem}); the workspace as it was "
        "before the restore is in {safety}.",
        "恢复后的 {name} 未通过完整性检查（{problem}）；恢复前的工作区保存在 {safety}。",
    ),
}
