"""Error sentences of the exchange area, in English and Simplified Chinese (see messages.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # places, used as {where} in the sentences below
    "exchange.at_row": ("{file}, row {row}", "{file}，第 {row} 行"),
    "exchange.at_sheet": ("{file}, sheet {sheet}", "{file}，工作表 {sheet}"),
    "exchange.at_sheet_row": (
        "{file}, sheet {sheet}, row {row}",
        "{file}，工作表 {sheet}，第 {row} 行",
    ),
    "exchange.at_cell": (
        "{file}, sheet {sheet}, cell {cell}",
        "{file}，工作表 {sheet}，单元格 {cell}",
    ),
    "exchange.at_part": ("{file}, part {part}", "{file}，部件 {part}"),
    "exchange.nothing": ("nothing", "无"),
    # field names in sentences
    "exchange.field_status": ("status", "状态"),
    "exchange.field_grade": ("finding grade", "发现等级"),
    "exchange.field_action_priority": ("priority", "优先级"),
    "exchange.field_action_state": ("action state", "措施状态"),
    "exchange.choice_word": ("{en} / {zh} (code {code})", "{zh} / {en}（代码 {code}）"),
    # export
    "exchange.no_assessment": (
        "The workspace holds no assessment yet; create one in the Compare step first.",
        "工作区中还没有评估；请先在“对照”步骤中创建一个评估。",
    ),
    "exchange.no_such_assessment": (
        "The workspace holds no assessment {id}.",
        "工作区中没有编号为 {id} 的评估。",
    ),
    "exchange.export_suffix": (
        "{file}: export to a .xlsx or .csv file.",
        "{file}：只能导出为 .xlsx 或 .csv 文件。",
    ),
    "exchange.no_folder": ("The folder {folder} does not exist.", "文件夹 {folder} 不存在。"),
    "exchange.library_not_in_assessment": (
        "The assessment holds no requirement of library {library}.",
        "该评估中没有要求库 {library} 的要求。",
    ),
    "exchange.cannot_write": ("Cannot write {path}: {reason}.", "无法写入 {path}：{reason}。"),
    "exchange.no_such_library": (
        "The workspace holds no library {library}; add it first (qms-desktop library add).",
        "工作区中没有要求库 {library}；请先添加该要求库（qms-desktop library add）。",
    ),
    # import: the file as a whole
    "exchange.cannot_read": ("Cannot read {path}: {reason}.", "无法读取 {path}：{reason}。"),
    "exchange.not_a_file": ("{path} is not a file.", "{path} 不是文件。"),
    "exchange.too_large": (
        "{file} is larger than {limit_mb} MB; it is not a checklist.",
        "{file} 大于 {limit_mb} MB，不是检查表文件。",
    ),
    "exchange.import_suffix": (
        "{file}: import a .xlsx or .csv file.",
        "{file}：只能导入 .xlsx 或 .csv 文件。",
    ),
    "exchange.empty": ("{file} is empty.", "{file} 是空文件。"),
    "exchange.missing_columns": (
        "{file}: the header row lacks the column(s) {columns} (found: {found}).",
        "{file}：标题行缺少列 {columns}（找到的是：{found}）。",
    ),
    "exchange.column_twice": (
        "{file}: column {column!r} appears twice.",
        "{file}：列 {column!r} 出现了两次。",
    ),
    "exchange.too_many_rows": (
        "{where}: more than {limit:,} rows; that is not a checklist.",
        "{where}：超过 {limit:,} 行，不是检查表。",
    ),
    "exchange.too_many_cells": (
        "{where}: more than {limit:,} cells to read; that is not a checklist.",
        "{where}：需要读取的单元格超过 {limit:,} 个，不是检查表。",
    ),
    # import: CSV
    "exchange.csv_encoding": (
        "{file}: the text encoding is not recognised; save it as UTF-8 CSV.",
        "{file}：无法识别文本编码；请另存为 UTF-8 编码的 CSV 文件。",
    ),
    "exchange.csv_encoding_unsure": (
        "{file}: the text could be Western European (cp1252) or Chinese (GB18030); save it as "
        "UTF-8 CSV, or name the encoding (--encoding cp1252 or --encoding gb18030).",
        "{file}：无法确定文本是西欧编码（cp1252）还是中文编码（GB18030）；请另存为 UTF-8 编码的 "
        "CSV 文件，或指定编码（--encoding cp1252 或 --encoding gb18030）。",
    ),
    "exchange.csv_wrong_encoding": (
        "{file} is not text in the encoding {encoding}.",
        "{file} 不是以 {encoding} 编码的文本。",
    ),
    "exchange.csv_not_text": ("{file} is not a text CSV file.", "{file} 不是文本格式的 CSV 文件。"),
    "exchange.csv_field_too_long": (
        "{file}, line {line}: a field is longer than {limit:,} characters (a quotation mark left open?).",
        "{file}，第 {line} 行：某个字段超过 {limit:,} 个字符（是否有未闭合的引号？）。",
    ),
    "exchange.csv_unreadable": (
        "{file}, line {line}: not a readable CSV file ({detail}).",
        "{file}，第 {line} 行：无法读取的 CSV 文件（{detail}）。",
    ),
    # import: XLSX
    "exchange.xlsx_not_a_workbook": (
        "{file} is not a readable Excel workbook: an .xlsx file is a zip archive and this is not one.",
        "{file} 不是可读取的 Excel 工作簿：.xlsx 文件是 zip 压缩包，而此文件不是。",
    ),
    "exchange.xlsx_protected_or_old": (
        "{file} is password-protected or in the old .xls format; save it in Excel as an .xlsx "
        "workbook without a password and import it again.",
        "{file} 设有密码或是旧的 .xls 格式；请在 Excel 中另存为不设密码的 .xlsx 工作簿后再导入。",
    ),
    "exchange.xlsx_damaged": (
        "{file} is not a readable Excel workbook; it is damaged ({detail}).",
        "{file} 不是可读取的 Excel 工作簿，文件已损坏（{detail}）。",
    ),
    "exchange.xlsx_unusual_packing": (
        "{file}: the part {part} is packed in a way spreadsheet programs do not use; save the "
        "workbook again from Excel.",
        "{file}：部件 {part} 的压缩方式不是电子表格程序所用的方式；请用 Excel 重新保存该工作簿。",
    ),
    "exchange.xlsx_too_many_parts": (
        "{file} holds more than {limit} parts; it is not a checklist workbook.",
        "{file} 包含超过 {limit} 个部件，不是检查表工作簿。",
    ),
    "exchange.xlsx_unpacked_too_large": (
        "{file} unpacks to more than {limit_mb} MB; it is not a checklist workbook.",
        "{file} 解压后超过 {limit_mb} MB，不是检查表工作簿。",
    ),
    "exchange.xlsx_packed_too_tightly": (
        "{file}: the part {part} unpacks to {ratio} times its packed size (a workbook stays under "
        "{limit}); the file is built to exhaust memory, not a checklist.",
        "{file}：部件 {part} 解压后是压缩大小的 {ratio} 倍（正常工作簿不超过 {limit} 倍）；"
        "此文件旨在耗尽内存，不是检查表。",
    ),
    "exchange.xlsx_too_many_elements": (
        "{where}: more than {limit:,} XML elements; that is not a checklist workbook.",
        "{where}：XML 元素超过 {limit:,} 个，不是检查表工作簿。",
    ),
    "exchange.xlsx_too_much_structure": (
        "{where}: more than {limit:,} elements of styles, names and formatting; that is not a "
        "checklist workbook.",
        "{where}：样式、名称和格式等元素超过 {limit:,} 个，不是检查表工作簿。",
    ),
    "exchange.xlsx_too_many_strings": (
        "{file}: its table of {strings:,} strings is far larger than its {values:,} cells can use; "
        "it is not a checklist workbook.",
        "{file}：其字符串表有 {strings:,} 项，远多于 {values:,} 个单元格所能用到的，不是检查表工作簿。",
    ),
    "exchange.xlsx_row_too_long": (
        "{where}: row {row} has more than {limit:,} cells, more than Excel allows.",
        "{where}：第 {row} 行的单元格超过 {limit:,} 个，超出 Excel 的上限。",
    ),
    "exchange.xlsx_no_sheet": (
        "{file} holds no worksheet to read.",
        "{file} 中没有可读取的工作表。",
    ),
    "exchange.hidden_sheet": (
        "{file}: the sheet {sheet} is hidden; show it in the spreadsheet program and check it "
        "before importing.",
        "{file}：工作表 {sheet} 处于隐藏状态；请在电子表格程序中取消隐藏并检查后再导入。",
    ),
    "exchange.merged_cells": (
        "{where}: merged cells ({ranges}) cannot be matched to requirements; unmerge them and "
        "import again.",
        "{where}：合并的单元格（{ranges}）无法与要求对应；请取消合并后再导入。",
    ),
    "exchange.formula": (
        "{where}: a formula is not an answer; type the value instead.",
        "{where}：公式不能作为答案；请直接输入值。",
    ),
    # import: rows
    "exchange.duplicate_row": (
        "{where}: {library} {ref} already appeared in row {first}.",
        "{where}：{library} {ref} 已在第 {first} 行出现过。",
    ),
    "exchange.unknown_requirement": (
        "{where}: the assessment has no requirement {ref!r} in library {library!r}.",
        "{where}：该评估中没有要求库 {library!r} 的要求 {ref!r}。",
    ),
    "exchange.bad_value": (
        "{where}: {value!r} is not a valid {field} (use one of: {allowed}).",
        "{where}：{value!r} 不是有效的{field}（请使用以下之一：{allowed}）。",
    ),
    "exchange.bad_date": (
        "{where}: due date {text!r} is not a date (write it as YYYY-MM-DD, or as a date cell).",
        "{where}：截止日期 {text!r} 不是日期（请写成 YYYY-MM-DD 格式，或使用日期单元格）。",
    ),
    "exchange.bad_row_key": (
        "{where}: the row key {key!r} was changed; it must stay as exported (library|reference).",
        "{where}：行键 {key!r} 已被修改；行键必须保持导出时的样子（要求库|条款）。",
    ),
    "exchange.invalid_value": ("{where}: {reason}", "{where}：{reason}（此行无法导入）"),
    # a client's own checklist
    "exchange.bad_map": (
        "{part!r} is not a column mapping; write field=column, e.g. ref=B,status=D (fields: "
        "{fields}).",
        "{part!r} 不是列映射；请写成 字段=列，例如 ref=B,status=D（可用字段：{fields}）。",
    ),
    "exchange.map_needs_ref": (
        "The column mapping must say which column holds the reference (ref=…).",
        "列映射必须指明哪一列是条款号（ref=…）。",
    ),
    "exchange.map_no_column": (
        "{file}: there is no column {column!r} (the header row holds: {found}).",
        "{file}：没有列 {column!r}（标题行中的列为：{found}）。",
    ),
    "exchange.map_needs_library": (
        "The assessment covers several libraries ({libraries}); say which one the file is for, "
        "or map a column to library.",
        "该评估涵盖多个要求库（{libraries}）；请指明文件对应哪一个，或将某一列映射为 library。",
    ),
    # registers
    "exchange.at_column": ("{where}, column {column}", "{where}，列“{column}”"),
    "exchange.no_column_for": (
        "{where}: “{column}”: {reason} The file has no column “{column}”: add it, or give the "
        "row the ID of an existing record to change only the columns the file has.",
        "{where}：“{column}”：{reason}文件中没有“{column}”这一列：请添加该列，或在此行填写现有"
        "记录的编号，只修改文件中已有的列。",
    ),
    "exchange.no_such_register": (
        "There is no register {register!r}; the registers are: {registers}.",
        "没有名为 {register!r} 的登记册；现有登记册为：{registers}。",
    ),
    "exchange.duplicate_record": (
        "{where}: record ID {id} already appeared in row {first}.",
        "{where}：记录号 {id} 已在第 {first} 行出现过。",
    ),
    "exchange.unknown_record": (
        "{where}: the register {register} has no record with ID {id} (leave the ID empty for a "
        "new record).",
        "{where}：登记册 {register} 中没有记录号为 {id} 的记录（新记录请将记录号留空）。",
    ),
    "exchange.bad_record_id": (
        "{where}: {text!r} is not a record ID (a whole number, or empty for a new record).",
        "{where}：{text!r} 不是记录号（应为整数；新记录请留空）。",
    ),
    "exchange.bad_choice": (
        "{where}: {value!r} is not one of the values accepted: {allowed}.",
        "{where}：{value!r} 不是可接受的值，可用值为：{allowed}。",
    ),
    "exchange.bad_register_date": (
        "{where}: {text!r} is not a date (write it as YYYY-MM-DD, or as a date cell).",
        "{where}：{text!r} 不是日期（请写成 YYYY-MM-DD 格式，或使用日期单元格）。",
    ),
    "exchange.one_reference": (
        "{where}: {count} records are named where only one can be.",
        "{where}：此处只能指定一条记录，但写了 {count} 条。",
    ),
    "exchange.reference_gone": (
        "{where}: there is no record with ID {id} to point at.",
        "{where}：没有记录号为 {id} 的记录可供引用。",
    ),
    "exchange.no_such_reference": (
        "{where}: no record is named {name!r}; write a name from the register, or its ID as "
        'exported ("Name [#3]").',
        "{where}：没有名为 {name!r} 的记录；请写登记册中已有的名称，或按导出时的样子写记录号"
        "（“名称 [#3]”）。",
    ),
    "exchange.ambiguous_reference": (
        "{where}: {count} records are named {name!r}; write the one meant with its ID, as in "
        "{example!r}.",
        "{where}：有 {count} 条记录名为 {name!r}；请写明所指记录的记录号，例如 {example!r}。",
    ),
    "exchange.register_too_many_rows": (
        "{file} has more than {limit:,} rows; a register holds far fewer records, so it is not "
        "a register file.",
        "{file} 超过 {limit:,} 行；登记册的记录远少于此，因此这不是登记册文件。",
    ),
    "exchange.changed_meanwhile": (
        "Record {id} was changed after the file was read; nothing was changed. Import the "
        "file again to see the changes it makes now.",
        "读取文件后，记录 {id} 已被修改；未作任何更改。请重新导入该文件，查看它现在将做的更改。",
    ),
    "exchange.record_gone": (
        "Record {id} no longer exists; nothing was changed.",
        "记录 {id} 已不存在；未作任何更改。",
    ),
}
