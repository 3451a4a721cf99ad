"""Error sentences of the documents area, in English and Simplified Chinese (see messages.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # where in a template something went wrong (a parameter of the sentences below)
    "documents.where": ("template {template} ({file})", "模板 {template}（{file}）"),
    "documents.where_line": (
        "template {template} ({file}), line {line}",
        "模板 {template}（{file}）第 {line} 行",
    ),
    # finding templates
    "documents.no_such_template": (
        "There is no template '{template}' (available: {known}).",
        "没有名为“{template}”的模板（可用的有：{known}）。",
    ),
    "documents.no_language": (
        "Template {template} has no {lang} version (it has {available}).",
        "模板 {template} 没有 {lang} 版本（现有：{available}）。",
    ),
    "documents.template_broken": (
        "Template {template} cannot be used: {reason}",
        "模板 {template} 无法使用：{reason}",
    ),
    "documents.meta_unreadable": (
        "{path} cannot be read ({reason}).",
        "无法读取 {path}（{reason}）。",
    ),
    "documents.meta_invalid": (
        "{path} is not valid YAML ({reason}).",
        "{path} 不是有效的 YAML（{reason}）。",
    ),
    "documents.meta_alias": (
        "{path}, line {line}: anchors and aliases (&name, *name) are not allowed in template.yaml.",
        "{path} 第 {line} 行：template.yaml 中不允许使用锚点和别名（&name、*name）。",
    ),
    "documents.meta_too_large": (
        "{path} is larger than {limit_kb} KB; a template.yaml holds only titles and a description.",
        "{path} 超过 {limit_kb} KB；template.yaml 只应包含标题和说明。",
    ),
    "documents.meta_too_deep": (
        "{path} is nested too deeply to be read.",
        "{path} 的嵌套层级过深，无法读取。",
    ),
    "documents.meta_not_mapping": (
        "{path} must hold a mapping (title: …, description: …).",
        "{path} 必须是键值映射（title: …、description: …）。",
    ),
    "documents.not_a_file": ("{path} is not a regular file.", "{path} 不是普通文件。"),
    "documents.template_unreadable": (
        "{path} cannot be read ({reason}).",
        "无法读取 {path}（{reason}）。",
    ),
    "documents.template_too_large": (
        "{path} is larger than {limit_kb} KB.",
        "{path} 超过 {limit_kb} KB。",
    ),
    # running a template
    "documents.template_syntax": ("{where}: {cause}", "{where}：模板语法错误：{cause}"),
    "documents.template_forbidden": (
        "{where}: {cause} (not allowed in a template)",
        "{where}：{cause}（模板中不允许这样做）",
    ),
    "documents.template_failed": (
        "{where}: {cause} ({kind})",
        "{where}：{cause}（{kind}，模板运行出错）",
    ),
    "documents.template_timeout": (
        "{where}: stopped after {seconds} s; the template loops too long.",
        "{where}：运行 {seconds} 秒后已停止；模板循环时间过长。",
    ),
    "documents.template_too_much_output": (
        "{where}: produced more than {limit_mb} MB of text.",
        "{where}：生成的文本超过 {limit_mb} MB。",
    ),
    "documents.template_recursion": (
        "{where}: the template calls or includes itself without end.",
        "{where}：模板无休止地调用或包含自身。",
    ),
    "documents.value_too_large": (
        "{where}: this would build a value of {size} characters or items; a template "
        "may build at most {limit}.",
        "{where}：此处将生成 {size} 个字符或条目的值；模板最多只能生成 {limit} 个。",
    ),
    "documents.too_much_built": (
        "{where}: the template builds more than {limit_mb} MB of text in all; it is stopped.",
        "{where}：模板生成的文本总量超过 {limit_mb} MB，已停止。",
    ),
    "documents.range_too_large": (
        "{where}: a range of {size} numbers is too large (at most {limit}).",
        "{where}：包含 {size} 个数的范围过大（最多 {limit} 个）。",
    ),
    "documents.number_too_large": (
        "{where}: the number would have more than {digits} digits.",
        "{where}：该数字将超过 {digits} 位。",
    ),
    "documents.dynamic_width": (
        "{where}: a width or precision taken from a value ('%*d', '{{:{{}}}}') is not "
        "allowed; write the number into the pattern.",
        "{where}：不允许从值中取宽度或精度（'%*d'、'{{:{{}}}}'）；请把数字直接写在格式里。",
    ),
    "documents.include_self": (
        "{where}: a template cannot include, import or extend itself ({name}).",
        "{where}：模板不能包含、导入或继承自身（{name}）。",
    ),
    "documents.include_missing": (
        "{where}: there is no file {name} in this template's folder to include.",
        "{where}：此模板的文件夹中没有可包含的文件 {name}。",
    ),
    "documents.include_dynamic": (
        "{where}: include, import and extends need a file name written in quotes.",
        "{where}：include、import 和 extends 需要用引号写明文件名。",
    ),
    # writing documents
    "documents.unknown_format": (
        "Unknown format '{format}'; use docx or pdf.",
        "未知格式“{format}”；请使用 docx 或 pdf。",
    ),
    "documents.no_folder": ("The folder {folder} does not exist.", "文件夹 {folder} 不存在。"),
    "documents.cannot_write": ("Cannot write {path}: {reason}.", "无法写入 {path}：{reason}。"),
    "documents.cancelled": ("Cancelled.", "已取消。"),
    "documents.layout_too_long": (
        "Laying the document out took longer than {seconds} s; it was stopped. "
        "The document is too large (thousands of headings or table rows).",
        "文档排版超过 {seconds} 秒，已停止。文档过大（成千上万个标题或表格行）。",
    ),
    "documents.pdf_layout": (
        "The PDF cannot be laid out: a block does not fit on a page ({detail}…). Shorten "
        "the text, or generate the DOCX instead.",
        "无法排版 PDF：有一块内容在一页中放不下（{detail}…）。请缩短文字，或改为生成 DOCX。",
    ),
    "documents.reference_not_docx": (
        "{name}: the reference document must be a .docx file.",
        "{name}：参考文档必须是 .docx 文件。",
    ),
    "documents.reference_is_template": (
        "{name} is a Word template, not a document: the reference document must be a .docx "
        "file. Open it in Word (File > New from it) and save the new document as .docx.",
        "{name} 是 Word 模板而不是文档：参考文档必须是 .docx 文件。请在 Word 中用它新建文档，"
        "再另存为 .docx。",
    ),
    "documents.reference_is_old_word": (
        "{name} is in an old Word format: the reference document must be a .docx file. Open "
        "it in Word or LibreOffice and save it as Word Document (.docx).",
        "{name} 是旧版 Word 格式：参考文档必须是 .docx 文件。请在 Word 或 LibreOffice 中打开它，"
        "另存为 Word 文档（.docx）。",
    ),
    "documents.reference_is_odt": (
        "{name} is an OpenDocument text: the reference document must be a .docx file. Open it "
        "in LibreOffice and save it as Word 2007-365 (.docx).",
        "{name} 是 OpenDocument 文本：参考文档必须是 .docx 文件。请在 LibreOffice 中打开它，"
        "另存为 Word 2007-365（.docx）格式。",
    ),
    "documents.reference_has_macros": (
        "{name} holds macros: the reference document must be a .docx file without macros. "
        "Save a copy as Word Document (.docx).",
        "{name} 含有宏：参考文档必须是不含宏的 .docx 文件。请另存一份 Word 文档（.docx）。",
    ),
    "documents.reference_unreadable": (
        "{name} is not a readable Word document ({kind}).",
        "{name} 不是可读取的 Word 文档（{kind}）。",
    ),
    "documents.reference_too_large": (
        "{name} unpacks to more than {limit_mb} MB; a styles document is far smaller. Nothing was written.",
        "{name} 解压后超过 {limit_mb} MB，样式文档不会这么大。未写出任何文件。",
    ),
}
