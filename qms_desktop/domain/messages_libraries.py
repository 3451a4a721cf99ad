"""Error sentences of the libraries area (the requirement-library YAML format, OSCAL
catalogs, the built-in libraries), in English and Simplified Chinese (see messages.py).

A YAML problem is told as `libraries.problem`: where (a file, a line, a place in the
tree, each a Message) and what (a `libraries.p_*` Message)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # reading a file
    "libraries.cannot_read": ("Cannot read {path}: {reason}.", "无法读取 {path}：{reason}。"),
    "libraries.too_large": (
        "{name} is larger than {limit_mb} MB; it is not a requirement library.",
        "{name} 大于 {limit_mb} MB，不是要求库文件。",
    ),
    "libraries.binary": (
        "{name} is a binary file, not a YAML requirement library.",
        "{name} 是二进制文件，不是 YAML 要求库。",
    ),
    "libraries.not_utf8": (
        "{name} is not UTF-8 text (byte {offset} cannot be read); save it as UTF-8.",
        "{name} 不是 UTF-8 文本（第 {offset} 个字节无法读取），请另存为 UTF-8 编码。",
    ),
    "libraries.empty": ("{source} is empty.", "{source} 是空文件。"),
    "libraries.no_builtin": (
        "There is no built-in library {library} (built in: {known}).",
        "没有内置要求库 {library}（内置的有：{known}）。",
    ),
    # where a problem is
    "libraries.at_line": ("{source}, line {line}", "{source} 第 {line} 行"),
    "libraries.at_place": ("{location} ({place})", "{location}（位置：{place}）"),
    "libraries.problem": ("{where}: {problem}", "{where}处有误：{problem}"),
    # what the problem is (YAML)
    "libraries.p_anchors": (
        "anchors and aliases (& and *) are not allowed in a requirement library",
        "要求库中不允许使用锚点和别名（& 和 *）",
    ),
    "libraries.p_too_deep": (
        "the YAML is nested more than {limit} levels deep",
        "YAML 嵌套超过 {limit} 层",
    ),
    "libraries.p_not_yaml": ("not valid YAML ({detail})", "不是有效的 YAML（{detail}）"),
    "libraries.p_expected_mapping": (
        "expected a mapping of keys to values",
        "此处应为“键: 值”映射",
    ),
    "libraries.p_unknown_key": (
        "unknown key {key} (allowed: {allowed})",
        "未知的键 {key}（允许的键：{allowed}）",
    ),
    "libraries.p_key_twice": ("the key {key} appears twice", "键 {key} 出现了两次"),
    "libraries.p_missing": ("is missing", "缺失"),
    "libraries.p_expected_text": ("expected text", "此处应为文本"),
    "libraries.p_empty_text": ("must not be empty", "不能为空"),
    "libraries.p_needs_text": ("needs an English or a Chinese text", "需要英文或中文文本"),
    "libraries.p_expected_tags": ("expected a list of tags", "此处应为标签列表"),
    "libraries.p_expected_list": ("expected a list", "此处应为列表"),
    "libraries.p_unknown_format": (
        "unknown format {found}; this version reads {expected}",
        "未知的格式 {found}；本版本读取的格式为 {expected}",
    ),
    "libraries.p_bad_id": (
        "use up to 80 lower-case letters, digits, '-', '_' or '.'",
        "请使用不超过 80 个小写字母、数字、“-”、“_”或“.”",
    ),
    "libraries.p_bad_language": ("languages are 'en' and 'zh_CN'", "语言只能是“en”和“zh_CN”"),
    "libraries.p_no_sections": (
        "is missing: a library needs at least one section",
        "缺失：要求库至少需要一个章节",
    ),
    "libraries.p_sections_empty": (
        "is empty: a library needs at least one section",
        "为空：要求库至少需要一个章节",
    ),
    "libraries.p_ref_twice": (
        "the reference {ref} is used twice (first at {first})",
        "编号 {ref} 被使用了两次（第一次在 {first}）",
    ),
    "libraries.p_no_requirements": ("holds no requirements", "不含任何要求"),
    "libraries.p_sections_too_deep": (
        "sections are nested more than {limit} levels deep",
        "章节嵌套超过 {limit} 层",
    ),
    "libraries.p_not_unicode": (
        "holds text that is not valid Unicode (a lone surrogate such as \\ud800)",
        "含有无效的 Unicode 文本（如单独的代理码位 \\ud800）",
    ),
    # OSCAL catalogs
    "libraries.oscal_too_large": (
        "{name} is larger than {limit_mb} MB.",
        "{name} 大于 {limit_mb} MB。",
    ),
    "libraries.oscal_not_utf8": ("{name} is not UTF-8 JSON.", "{name} 不是 UTF-8 编码的 JSON。"),
    "libraries.oscal_bad_json": (
        "{name}, line {line}: not valid JSON ({detail}).",
        "{name} 第 {line} 行：不是有效的 JSON（{detail}）。",
    ),
    "libraries.oscal_json_too_deep": (
        "{name}: the JSON is nested too deeply.",
        "{name}：JSON 嵌套过深。",
    ),
    "libraries.oscal_number_too_long": (
        "{name}: a number in it has more digits than can be read ({limit:,} at most).",
        "{name}：其中一个数字的位数超过了可读取的上限（最多 {limit:,} 位）。",
    ),
    "libraries.not_oscal_catalog": (
        "{source} is not an OSCAL catalog (its top level is {kind}, not 'catalog'). Profiles, "
        "component definitions and other OSCAL models cannot be imported.",
        "{source} 不是 OSCAL 目录（其顶层为 {kind}，而不是“catalog”）。无法导入配置文件（profile）、"
        "组件定义及其他 OSCAL 模型。",
    ),
    "libraries.oscal_catalog_not_object": (
        "{source}: 'catalog' must be an object.",
        "{source}：“catalog”必须是对象。",
    ),
    "libraries.oscal_no_title": (
        "{source}: the catalog's metadata has no title.",
        "{source}：目录的元数据中没有标题（title）。",
    ),
    "libraries.oscal_id_twice": (
        "{source}: {where} uses the id {ref} a second time.",
        "{source}：{where} 再次使用了标识 {ref}。",
    ),
    "libraries.oscal_not_a_list": (
        "{source}: {where} must be a list.",
        "{source}：{where} 必须是列表。",
    ),
    "libraries.oscal_control_needs_id": (
        "{source}: {where} needs an id (or a label or sort-id).",
        "{source}：{where} 需要标识（id，或 label、sort-id）。",
    ),
    "libraries.oscal_group_needs_title": (
        "{source}: {where} is not a group (an object with an id and a title).",
        "{source}：{where} 不是分组（应为含 id 和 title 的对象）。",
    ),
    "libraries.oscal_too_deep": (
        "{source}: {where} is nested more than {limit} levels deep.",
        "{source}：{where} 嵌套超过 {limit} 层。",
    ),
    "libraries.oscal_no_controls": (
        "{source}: the catalog holds no controls.",
        "{source}：目录中没有任何控制项。",
    ),
    "libraries.oscal_not_unicode": (
        "{source}: holds text that is not valid Unicode (a lone surrogate such as \\ud800).",
        "{source}：含有无效的 Unicode 文本（如单独的代理码位 \\ud800）。",
    ),
    "libraries.oscal_profile": (
        "{source} is an OSCAL profile, which only selects controls from other catalogs. "
        "Import its resolved catalog instead (NIST publishes one beside each baseline, "
        "e.g. …_resolved-profile_catalog.json; oscal-cli's 'profile resolve' makes one).",
        "{source} 是 OSCAL 配置文件（profile），它只从其他目录中选取控制项。"
        "请改为导入其解析后的目录（NIST 在每个基线旁都发布了一份，"
        "如 …_resolved-profile_catalog.json；也可用 oscal-cli 的“profile resolve”生成）。",
    ),
    "libraries.oscal_only_withdrawn": (
        "{source}: all {count} controls of the catalog are withdrawn; add it with "
        "--include-withdrawn to keep them (marked withdrawn, not assessed).",
        "{source}：目录中的全部 {count} 个控制项均已撤销；如需保留（标记为已撤销、不参与评估），"
        "请使用 --include-withdrawn 添加。",
    ),
    "libraries.oscal_bad_xml": (
        "{name}, line {line}: not well-formed XML.",
        "{name} 第 {line} 行：不是格式正确的 XML。",
    ),
    "libraries.xml_forbidden": (
        "{name} declares a DTD or entities; OSCAL XML needs neither, and they are not read "
        "(they can expand without bound or fetch other files).",
        "{name} 声明了 DTD 或实体；OSCAL XML 不需要它们，出于安全原因不予读取"
        "（它们可能无限展开或读取其他文件）。",
    ),
    "libraries.oscal_xml_too_deep": (
        "{name}: the XML is nested more than {limit} levels deep.",
        "{name}：XML 嵌套超过 {limit} 层。",
    ),
    "libraries.bad_id": (
        "{library} cannot be a library id: use up to 80 lower-case letters, digits, "
        "'-', '_' or '.'.",
        "{library} 不能作为要求库标识：请使用不超过 80 个小写字母、数字、“-”、“_”或“.”。",
    ),
    # what reading noticed without refusing the file
    "libraries.note_catalog_untitled": (
        "{source}: the catalog has no title; it is called {title}.",
        "{source}：目录没有标题，以 {title} 代替。",
    ),
    "libraries.note_untitled": (
        "{source}: {count} groups or controls have no title; their reference stands in "
        "(first: {where}).",
        "{source}：有 {count} 个分组或控制项没有标题，以其编号代替（首个位置：{where}）。",
    ),
    "libraries.note_withdrawn_left_out": (
        "{source}: {count} withdrawn controls were left out (--include-withdrawn keeps them, "
        "marked withdrawn and not assessed).",
        "{source}：已略去 {count} 个已撤销的控制项（使用 --include-withdrawn 可保留它们，"
        "标记为已撤销且不参与评估）。",
    ),
    # YAML tags
    "libraries.p_tag_not_allowed": (
        "the tag {tag} is not allowed: a library holds plain text, numbers, lists and mappings",
        "不允许使用标签 {tag}：要求库只能包含纯文本、数字、列表和映射",
    ),
    # CISO Assistant libraries
    "libraries.ciso_no_framework": (
        "{source} is a CISO Assistant library without a framework "
        "(objects.framework.requirement_nodes); only frameworks can be imported.",
        "{source} 是不含框架（objects.framework.requirement_nodes）的 CISO Assistant 库；"
        "只能导入框架。",
    ),
    "libraries.ciso_bad_node": (
        "{source}: {where} is not a requirement node (a mapping of urn, ref_id, name …).",
        "{source}：{where} 不是要求节点（应为含 urn、ref_id、name 等的映射）。",
    ),
    "libraries.ciso_unknown_parent": (
        "{source}: {where} names the parent_urn {parent}, which no node before it has.",
        "{source}：{where} 的 parent_urn {parent} 不属于它之前的任何节点。",
    ),
    "libraries.ciso_no_assessable": (
        "{source}: the framework has no assessable requirement node.",
        "{source}：该框架没有可评估（assessable）的要求节点。",
    ),
    # adding to a workspace
    "libraries.already_held": (
        "The workspace already holds a library {library} (version {held}); this file would "
        "replace it with version {version}. Add it under another id (library add --id …) "
        "or remove the one held first.",
        "工作区中已有要求库 {library}（版本 {held}）；此文件会以版本 {version} 替换它。"
        "请用其他标识添加（library add --id …），或先移除已有的要求库。",
    ),
}
