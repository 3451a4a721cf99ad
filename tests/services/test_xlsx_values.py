"""The checklist import reads a sheet's values in the same pass that counts its XML
(`exchange._read_xlsx`), not through openpyxl's row parser: it must read every kind of cell
as openpyxl's read-only `iter_rows(values_only=True)` does."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook

from qms_desktop.services import exchange


def _openpyxl_table(data: bytes) -> list[list[str]]:
    census = exchange.check_workbook_archive(data, "x.xlsx")
    wb = load_workbook(io.BytesIO(data), read_only=True)
    sheet = wb.worksheets[0]
    counted = census.sheets[sheet._worksheet_path]
    rows = [
        [exchange._xlsx_text(v) for v in values]
        for values in sheet.iter_rows(
            min_row=1,
            max_row=counted.last_row,
            min_col=1,
            max_col=max(1, counted.last_column),
            values_only=True,
        )
    ]
    wb.close()
    return rows


def _saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_values_of_every_type_read_as_openpyxl_reads_them() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Checklist"
    sheet.append(["Ref", "Number", "Float", "Date", "Time", "Flag", "Text"])
    sheet.append(["4.1", 7, 2.5, dt.date(2026, 3, 1), dt.datetime(2026, 3, 1, 9, 30), True, "中文"])
    sheet.append(["4.2", 3.0, -1e-7, None, None, False, "'=quoted"])
    sheet["C9"] = "far below, after empty rows"
    sheet["J5"] = 12
    data = _saved(book)
    ours = exchange._read_xlsx(data, "x.xlsx")[1]
    assert ours == _openpyxl_table(data)
    assert ours[1][:4] == ["4.1", "7", "2.5", "2026-03-01"]
    assert ours[8][2] == "far below, after empty rows"
    assert len(ours) == 9 and all(len(r) == 10 for r in ours)


SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>plain</t></is></c>
<c r="B1" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r>\
<rPh sb="0" eb="1"><t>ignored</t></rPh></is></c><c r="C1" t="e"><v>#N/A</v></c>
<c r="D1" t="str"><v>cached</v></c><c r="E1" t="b"><v>1</v></c>
<c r="F1" t="d"><v>2026-02-03T00:00:00</v></c><c r="G1" t="s"><v>0</v></c></row>
<row><c t="n"><v>1.50</v></c><c><v>42</v></c><c/><c t="inlineStr"/><c r="F2"><v></v></c>
<c r="B2" t="str"><v>overwritten</v></c></row>
<row r="5"><c r="A5"><v>5</v></c></row>
<row r="4"><c r="A4" t="str"><v>out of order</v></c></row>
<row r="6.0"><c r="B6" t="inlineStr"><is><t>x</t></is><is><t>second</t></is></c></row>
</sheetData></worksheet>"""


STRINGS = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1"'
    b' uniqueCount="1"><si><t>shared</t></si></sst>'
)
STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
STRINGS_REL = (
    b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
)


def test_hand_written_sheet_read_as_openpyxl_reads_it() -> None:
    book = Workbook()
    source = zipfile.ZipFile(io.BytesIO(_saved(book)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = SHEET.encode()
            elif info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", STRINGS_TYPE + b"</Types>")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(b"</Relationships>", STRINGS_REL + b"</Relationships>")
            target.writestr(info.filename, body)
        target.writestr("xl/sharedStrings.xml", STRINGS)
    data = out.getvalue()
    ours = exchange._read_xlsx(data, "x.xlsx")[1]
    assert ours == _openpyxl_table(data)
    assert ours[0] == ["plain", "rich text", "#N/A", "cached", "TRUE", "2026-02-03", "shared"]
    assert ours[1][:2] == ["1.5", "overwritten"]
