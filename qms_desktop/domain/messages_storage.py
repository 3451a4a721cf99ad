"""Error sentences of the storage area (the workspace file, its lock, creating, opening,
checking and the demo), in English and Simplified Chinese (see messages.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # why an operating-system or SQLite call failed (used as {reason} in the sentences below)
    "storage.reason_disk_full": ("the disk is full", "磁盘已满"),
    "storage.reason_read_only_place": ("the disk or folder is read-only", "磁盘或文件夹是只读的"),
    "storage.reason_not_writable": (
        "the file or its folder cannot be written",
        "该文件或其所在文件夹无法写入",
    ),
    "storage.reason_no_permission": (
        "you do not have permission to write there",
        "您没有在该处写入的权限",
    ),
    "storage.reason_name_too_long": ("the file name is too long", "文件名过长"),
    "storage.reason_io_error": ("the disk reported a read or write error", "磁盘报告了读写错误"),
    "storage.reason_busy": ("another program is writing to it", "另一个程序正在写入该文件"),
    "storage.reason_damaged": ("the file is damaged", "文件已损坏"),
    "storage.reason_cannot_open": ("the file cannot be opened", "无法打开该文件"),
    "storage.reason_os": ("{error}", "系统错误：{error}"),
    # file names
    "storage.path_not_text": (
        "The file name {path} contains bytes that are not UTF-8 text; rename the file or choose "
        "another name.",
        "文件名 {path} 含有不是 UTF-8 文本的字节，请重命名该文件或另选名称。",
    ),
    # reading the header
    "storage.no_such_file": ("{path}: no such file.", "{path}：文件不存在。"),
    "storage.is_folder": (
        "{path} is a folder, not a workspace file.",
        "{path} 是文件夹，不是工作区文件。",
    ),
    "storage.cannot_read": ("Cannot read {path}: {reason}.", "无法读取 {path}：{reason}。"),
    "storage.empty": (
        "{name} is empty: it is not a QMS Desktop workspace.",
        "{name} 是空文件，不是 QMS Desktop 工作区。",
    ),
    "storage.not_a_workspace": (
        "{name} is not a QMS Desktop workspace (it is not an SQLite database, or its first bytes "
        "are damaged). The file was left untouched.",
        "{name} 不是 QMS Desktop 工作区（它不是 SQLite 数据库，或其开头的字节已损坏）。文件未被改动。",
    ),
    "storage.bad_page_size": (
        "{name} is damaged (its header gives an impossible page size).",
        "{name} 已损坏（文件头给出的页面大小不可能成立）。",
    ),
    "storage.foreign_sqlite": (
        "{name} is an SQLite database made by another program, not a QMS Desktop workspace. The "
        "file was left untouched.",
        "{name} 是其他程序创建的 SQLite 数据库，不是 QMS Desktop 工作区。文件未被改动。",
    ),
    "storage.newer_format": (
        "{name} was made by a newer version of QMS Desktop (workspace format {version}; this "
        "version reads up to {supported}). Update QMS Desktop to open it. The file was left untouched.",
        "{name} 由更新版本的 QMS Desktop 创建（工作区格式 {version}；本版本最高只能读取 {supported}）。"
        "请更新 QMS Desktop 后再打开。文件未被改动。",
    ),
    "storage.truncated": (
        "{name} is truncated: it holds {size:,} bytes of the {expected:,} its header announces, so "
        "it was probably copied incompletely. Restore it from a backup. The file was left untouched.",
        "{name} 不完整：文件头声明 {expected:,} 字节，实际只有 {size:,} 字节，可能复制时中断。"
        "请从备份恢复。文件未被改动。",
    ),
    "storage.not_whole_pages": (
        "{name} is damaged: its size is not a whole number of pages.",
        "{name} 已损坏：其大小不是整数个页面。",
    ),
    # checking and opening
    "storage.cannot_open_db": ("{name} cannot be opened: {reason}.", "无法打开 {name}：{reason}。"),
    "storage.damaged": (
        "{name} is damaged ({problem}). Restore it from a backup. The file was left untouched.",
        "{name} 已损坏（{problem}）。请从备份恢复。文件未被改动。",
    ),
    "storage.unknown_revision": (
        "{name} has a schema revision ({revision}) this version of QMS Desktop does not know; it was "
        "probably made by a newer version. The file was left untouched.",
        "{name} 的结构版本（{revision}）是本版本 QMS Desktop 所不认识的，可能由更新的版本创建。文件未被改动。",
    ),
    "storage.no_revision": (
        "{name} is damaged: it carries no schema revision.",
        "{name} 已损坏：其中没有结构版本记录。",
    ),
    "storage.interrupted_edit": (
        "{name}: an interrupted edit will be rolled back when the workspace is next opened for "
        "editing (where it can be written); until then it cannot be read. Nothing is lost that was "
        "saved before the interruption.",
        "{name}：一次被中断的编辑将在下次以编辑方式打开该工作区（在可写入的位置）时回滚；在此之前无法读取。"
        "中断前已保存的内容不会丢失。",
    ),
    "storage.upgrade_needs_write": (
        "{name} was made by an older version and must be upgraded, which needs write access. {reason}",
        "{name} 由旧版本创建，需要升级，而升级需要写入权限。{reason}",
    ),
    "storage.upgrade_needs_write_plain": (
        "{name} was made by an older version and must be upgraded, which needs it opened for editing.",
        "{name} 由旧版本创建，需要升级，这需要以编辑方式打开它。",
    ),
    "storage.backup_failed": (
        "Cannot make the backup copy of {name} that must come before its upgrade: {reason}. The file "
        "was left untouched.",
        "无法在升级前为 {name} 制作备份副本：{reason}。文件未被改动。",
    ),
    "storage.upgrade_failed": (
        "Upgrading {name} failed: {reason}. The upgrade was rolled back; the copy made before it "
        "is {backup}.",
        "升级 {name} 失败：{reason}。升级已回滚；升级前制作的副本为 {backup}。",
    ),
    # why a workspace opened read-only (read_only_reason)
    "storage.being_edited": (
        "{name} is being edited by {owner}; it is open read-only.",
        "{name} 正由 {owner} 编辑，现以只读方式打开。",
    ),
    "storage.another_window": ("another QMS Desktop window", "另一个 QMS Desktop 窗口"),
    "storage.owner": ("{user} on {host} (process {pid})", "{host} 上的 {user}（进程 {pid}）"),
    "storage.read_only_place": (
        "{name} is on a disk or in a folder that cannot be written; it is open read-only.",
        "{name} 所在的磁盘或文件夹无法写入，现以只读方式打开。",
    ),
    "storage.write_protected": (
        "You may not change {name} (the file is write-protected or belongs to someone else); it is "
        "open read-only.",
        "您无权修改 {name}（该文件受写保护或属于他人），现以只读方式打开。",
    ),
    "storage.folder_not_writable": (
        "You may not create files in the folder holding {name}, which editing needs; it is open "
        "read-only.",
        "您无权在 {name} 所在的文件夹中创建文件，而编辑需要这样做，现以只读方式打开。",
    ),
    "storage.disk_full_read_only": (
        "The disk holding {name} is full; it is open read-only. Free some space and open it again to "
        "edit.",
        "{name} 所在的磁盘已满，现以只读方式打开。请释放一些空间后重新打开以进行编辑。",
    ),
    "storage.cannot_write_read_only": (
        "{name} cannot be written ({reason}); it is open read-only.",
        "{name} 无法写入（{reason}），现以只读方式打开。",
    ),
    # editing
    "storage.read_only": ("Changes cannot be made: {reason}", "无法修改：{reason}"),
    "storage.read_only_plain": (
        "{name} is open read-only; changes cannot be made.",
        "{name} 以只读方式打开，无法修改。",
    ),
    "storage.needs_actor": (
        "Every change needs a user name for the audit trail.",
        "每次修改都需要填写用户名，以记入审计追踪。",
    ),
    "storage.edit_not_saved": (
        "The change could not be saved in {name}: {reason}. Nothing was changed.",
        "修改无法保存到 {name}：{reason}。没有任何内容被改动。",
    ),
    # creating (new, demo)
    "storage.exists": (
        "{path} already exists; choose another name or open it.",
        "{path} 已存在，请另选名称或直接打开它。",
    ),
    "storage.no_folder": ("The folder {folder} does not exist.", "文件夹 {folder} 不存在。"),
    "storage.create_disk_full": (
        "There is not enough free space on the disk to create {path}. Free some space and try again; "
        "nothing was left behind.",
        "磁盘空间不足，无法创建 {path}。请释放一些空间后重试；没有留下任何文件。",
    ),
    "storage.create_not_writable": (
        "{path} cannot be created: {reason}. Choose another folder; nothing was left behind.",
        "无法创建 {path}：{reason}。请另选文件夹；没有留下任何文件。",
    ),
    "storage.cannot_create": (
        "Cannot create {path}: {reason}. Nothing was left behind.",
        "无法创建 {path}：{reason}。没有留下任何文件。",
    ),
    # `check`: what it found (each names the record), and what it could not verify
    "storage.check_database": ("database: {detail}", "数据库：{detail}"),
    "storage.check_schema": ("{detail}", "工作区结构：{detail}"),
    "storage.check_no_organisation": ("the organisation profile is missing", "缺少组织概况"),
    "storage.check_steps_missing": ("step records missing: {steps}", "缺少步骤记录：{steps}"),
    "storage.check_no_trail": ("the audit trail's table cannot be read", "无法读取审计追踪表"),
    "storage.check_chain_order": (
        "audit trail: audit entry {seq} stands where entry {expected} should: entries were deleted, "
        "inserted or reordered",
        "审计追踪：审计条目 {seq} 处在本应是条目 {expected} 的位置：有条目被删除、插入或调换了顺序",
    ),
    "storage.check_chain_link": (
        "audit trail: audit entry {seq} does not follow the entry before it",
        "审计追踪：审计条目 {seq} 与其前一条目衔接不上",
    ),
    "storage.check_chain_altered": (
        "audit trail: audit entry {seq} was altered after it was written",
        "审计追踪：审计条目 {seq} 在写入后被改动过",
    ),
    "storage.check_chain_cut": (
        "audit trail: the audit trail should hold {head_count} entries ending in {head_hash}…, but holds "
        "{count}: entries were removed from its end",
        "审计追踪：审计追踪应有 {head_count} 条、以 {head_hash}… 结尾，实际只有 {count} 条：末尾的条目被删除了",
    ),
    "storage.check_signature_bad": (
        "audit trail: the signature of audit entry {seq} does not match it: the entry, or the chain "
        "before it, was changed after it was signed",
        "审计追踪：审计条目 {seq} 的签名与条目不符：该条目或其之前的链在签名后被改动过",
    ),
    "storage.check_signature_unknown_key": (
        "audit trail: audit entry {seq} is signed with a key the workspace does not list ({key}…)",
        "审计追踪：审计条目 {seq} 的签名所用密钥未列在工作区中（{key}…）",
    ),
    "storage.check_signature_other_actor": (
        "audit trail: audit entry {seq}, written by {actor}, is signed with the key of {key_actor}",
        "审计追踪：由 {actor} 写入的审计条目 {seq} 使用了 {key_actor} 的密钥签名",
    ),
    "storage.check_signature_bad_write": (
        "audit trail: the signature of audit entry {seq}, which vouches for entries {first}–{seq} "
        "written together, does not match them: one of them, or the chain before them, was "
        "changed after they were signed",
        "审计追踪：审计条目 {seq} 的签名为一同写入的条目 {first}–{seq} 作证，但与它们不符："
        "其中某条或其之前的链在签名后被改动过",
    ),
    "storage.check_signature_last_missing": (
        "audit trail: its last entries, {first}–{last} by {actor}, are not signed, although the "
        "workspace's entries are: they may have been added by someone without a listed key",
        "审计追踪：最后的条目 {first}–{last}（{actor}）没有签名，而工作区的条目是签名的："
        "它们可能是没有已列密钥的人添加的",
    ),
    "storage.check_signature_missing": (
        "audit trail: audit entry {seq} by {actor} is not signed, and no signed entry of the same "
        "write follows it, although {actor} signs their entries",
        "审计追踪：{actor} 的审计条目 {seq} 没有签名，其后也没有同一次写入的签名条目，"
        "而 {actor} 的条目是签名的",
    ),
    "storage.check_head_missing": (
        "audit trail: it holds {count} entries, but the record of its length and last hash, kept apart "
        "from it, is missing",
        "审计追踪：共有 {count} 条，但另行保存的条目数和最后哈希值记录不见了",
    ),
    "storage.check_head_unreadable": (
        "audit trail: the record of its length and last hash cannot be read",
        "审计追踪：无法读取其条目数和最后哈希值记录",
    ),
    "storage.check_trigger": (
        "trigger {name} on table {table} was not made by QMS Desktop: a trigger can change records behind "
        "the audit trail's back",
        "表 {table} 上的触发器 {name} 不是 QMS Desktop 创建的：触发器可以绕过审计追踪修改记录",
    ),
    "storage.check_view": (
        "view {name} was not made by QMS Desktop",
        "视图 {name} 不是 QMS Desktop 创建的",
    ),
    "storage.check_unknown_table": (
        "table {name} is not part of a QMS Desktop workspace",
        "表 {name} 不属于 QMS Desktop 工作区",
    ),
    "storage.check_unknown_index": (
        "index {name} on table {table} is not part of a QMS Desktop workspace",
        "表 {table} 上的索引 {name} 不属于 QMS Desktop 工作区",
    ),
    "storage.check_value_differs": (
        "{record}, field {field}: holds {stored}, but the audit trail's last value is {trail}: it was "
        "changed outside QMS Desktop",
        "{record}的字段 {field}：现为 {stored}，但审计追踪记录的最后值是 {trail}：它在 QMS Desktop 之外被改动过",
    ),
    "storage.check_last_writer": (
        "{record}, field {field}: holds {stored}, but the audit trail says {trail} made its last change",
        "{record}的字段 {field}：现为 {stored}，但审计追踪显示最后一次修改者是 {trail}",
    ),
    "storage.check_not_in_trail": (
        "{record} has no creation in the audit trail: it was added outside QMS Desktop",
        "{record}在审计追踪中没有创建记录：它是在 QMS Desktop 之外添加的",
    ),
    "storage.check_deleted_exists": (
        "{record} exists, but the audit trail says it was deleted: it was put back outside QMS Desktop",
        "{record}仍然存在，但审计追踪显示它已被删除：它是在 QMS Desktop 之外被恢复的",
    ),
    "storage.check_gone": (
        "{record} is missing, but the audit trail says it exists: it was deleted outside QMS Desktop",
        "{record}不见了，但审计追踪显示它仍然存在：它是在 QMS Desktop 之外被删除的",
    ),
    "storage.check_requirement_differs": (
        "{record}, field {field}: holds {stored}, but the library's text recorded when it was added "
        "gives {expected}",
        "{record}的字段 {field}：现为 {stored}，但添加该库时记录的库文本为 {expected}",
    ),
    "storage.check_requirement_missing": (
        "{record} is missing, but the library's text recorded when it was added holds it",
        "{record}不见了，但添加该库时记录的库文本中有它",
    ),
    "storage.check_requirement_extra": (
        "{record} is not in the library's text recorded when it was added: it was added outside QMS Desktop",
        "{record}不在添加该库时记录的库文本中：它是在 QMS Desktop 之外添加的",
    ),
    "storage.check_dangling": (
        "{record}, field {field}: refers to {target} {value}, which does not exist",
        "{record}的字段 {field}：引用的{target} {value} 不存在",
    ),
    "storage.check_item_without_requirement": (
        "{record} is a finding on {requirement}, which the workspace does not hold",
        "{record}是针对{requirement}的评估结果，但工作区中没有该要求",
    ),
    "storage.check_evidence_altered": (
        "evidence file {names} was altered after it was attached",
        "证据文件 {names} 在附加后被改动过",
    ),
    "storage.check_evidence_missing": (
        "{record} ({name}): its contents are missing from the workspace",
        "{record}（{name}）：工作区中缺少其文件内容",
    ),
    "storage.check_blob_unused": (
        "stored file contents {digest}… belong to no evidence file",
        "已存储的文件内容 {digest}… 不属于任何证据文件",
    ),
    "storage.check_part_unreadable": (
        "part of the workspace could not be checked: {detail}",
        "工作区的一部分无法检查：{detail}",
    ),
    "storage.check_more": ("… and {count} more like the one above", "……另有 {count} 处同类问题"),
    "storage.note_unsigned": (
        "audit entries {first}–{last} are not signed ({count} in all): they were written before "
        "signing began (an older file, or without a signing key), so only the hash chain vouches for them",
        "审计条目 {first}–{last} 没有签名（共 {count} 条）：它们写于开始签名之前（旧文件，或当时没有签名密钥），"
        "因此只有哈希链为其作证",
    ),
    "storage.note_library_unreadable": (
        "library {library}: the text recorded when it was added cannot be read as a library ({reason}), "
        "so its requirements were not checked against it",
        "库 {library}：添加时记录的库文本无法作为库读取（{reason}），因此未能据此核对其要求",
    ),
    # naming records and values in the findings above
    "storage.record": ("{entity} {id}", "{entity}（编号 {id}）"),
    "storage.record_requirement": (
        "requirement {ref} of library {library}",
        "库 {library} 的要求 {ref}",
    ),
    "storage.value_empty": ("nothing", "空值"),
    "storage.entity_organisation": ("organisation profile", "组织概况"),
    "storage.entity_step": ("step", "步骤"),
    "storage.entity_library": ("library", "库"),
    "storage.entity_requirement": ("requirement", "要求"),
    "storage.entity_assessment": ("assessment", "评估"),
    "storage.entity_assessment_item": ("checklist item", "检查表条目"),
    "storage.entity_evidence_file": ("evidence file", "证据文件"),
    "storage.entity_blob": ("stored file contents", "已存储的文件内容"),
    "storage.entity_lesson": ("lesson", "经验教训"),
    "storage.entity_person": ("person", "人员"),
    "storage.entity_study_plan": ("study plan entry", "学习计划条目"),
    "storage.entity_training": ("training session", "培训记录"),
    "storage.entity_benchmark": ("benchmark", "标杆学习记录"),
    "storage.entity_objective": ("quality objective", "质量目标"),
    "storage.entity_element": ("quality system element", "质量体系要素"),
    "storage.entity_process": ("process", "过程"),
    "storage.entity_planned_document": ("planned document", "计划文件"),
    "storage.entity_service_item": ("service item", "服务项目"),
    "storage.entity_satisfaction_standard": ("satisfaction standard", "满意度标准"),
    "storage.entity_customer_need": ("customer need", "顾客需求"),
    "storage.entity_moment_of_truth": ("moment of truth", "关键时刻"),
    "storage.entity_plan": ("plan design", "策划设计"),
    "storage.entity_role": ("role", "岗位"),
    "storage.entity_responsibility": ("responsibility matrix cell", "责任矩阵单元格"),
    "storage.entity_facility": ("facility or equipment", "设施或设备"),
    "storage.entity_basic_work": ("basic management work", "基础管理工作"),
    "storage.foreign_objects": (
        "it holds schema objects QMS Desktop did not make ({objects}); one of them could change records "
        "behind the audit trail's back. Run “qms-desktop check” and restore a backup.",
        "其中含有 QMS Desktop 未创建的数据库对象（{objects}），它们可能绕过审计追踪改动记录。"
        "请运行“qms-desktop check”并恢复备份。",
    ),
}
