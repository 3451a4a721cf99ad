"""Checklist files are trusted with nothing: text never becomes a formula in what we write,
and what we read is bounded before it is unpacked (issue "Trust")."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qms_desktop.domain.assessment import Status
from qms_desktop.domain.requirements import LibraryCopy, LibraryRow
from qms_desktop.services import checklist as cl
from qms_desktop.services import exchange
from qms_desktop.services.exchange import (
    ExchangeError,
    export_checklist,
    import_checklist,
    plan_import,
)
from qms_desktop.services.libraries import store_library
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library

FORMULA_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
HOSTILE_NAME = '=HYPERLINK("http://x","click")'

HOSTILE_LIBRARY = LibraryCopy(
    "=cmd",
    "=1+2",
    "=2+3",
    "1",
    "yaml",
    "id: x\n",
    (
        LibraryRow("=1+1", "", 0, True, "=3+4", "=4+5"),
        LibraryRow("=1+1.1", "=1+1", 1, False, "=5+6", "=6+7", "@SUM(1)", "+1"),
        LibraryRow("-2", "", 0, False, "-2+3", "-3+4"),
    ),
)


@pytest.fixture
def assessed(workspace: Workspace):
    add_test_library(workspace)
    info, _ = cl.create_assessment(workspace, "t", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    rows = {r.ref: r for r in cl.checklist_rows(workspace, info.id)}
    cl.assess_requirement(
        workspace,
        "Lin",
        rows["8.5.1"].item_id,
        status="nonconforming",
        grade="major",
        gap="No checklist",
        action_text="Write one",
        action_owner="Zhang",
        action_due="2026-12-01",
        action_priority="high",
        action_state="open",
    )
    return workspace, info


def snapshot(ws: Workspace, info) -> tuple[dict[str, Status], str]:
    return (
        {r.ref: r.item.status for r in cl.checklist_rows(ws, info.id)},
        hashlib.sha256(ws.path.read_bytes()).hexdigest(),
    )


# -- 1. what we write: text is text -------------------------------------------------------


def test_xlsx_text_is_never_a_formula_on_any_sheet(workspace: Workspace, tmp_path: Path):
    store_library(workspace, "t", HOSTILE_LIBRARY)
    info, _ = cl.create_assessment(
        workspace, "t", HOSTILE_NAME + "\x07", dt.date(2026, 10, 1), ["=cmd"]
    )
    rows = cl.checklist_rows(workspace, info.id)
    cl.assess_requirement(
        workspace,
        "=1+1",
        rows[0].item_id,
        status="partial",
        gap="=1+1",
        current_practice="+SUM(A1:A9)",
    )
    out = tmp_path / "hostile.xlsx"
    assert export_checklist(workspace, out) == 2
    wb = load_workbook(out)
    summary = wb["Summary"]
    assert summary["B1"].value == HOSTILE_NAME  # the control character is dropped, the text kept
    clauses = {summary.cell(r, 1).value for r in range(1, summary.max_row + 1)}
    assert {"=1+1", "-2"} <= clauses
    texts = 0
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts += 1
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
    assert texts > 40
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 2
        for name in sheets:
            assert not FORMULA_ELEMENT.search(z.read(name)), name
    # and the hostile texts come back as they were, not as formulas refused
    report = plan_import(workspace, out)
    assert report.changes == [] and report.unchanged == 2


# -- 2. what we read: bounded before it is unpacked -----------------------------------------


def _export(ws: Workspace, tmp_path: Path, name: str = "c.xlsx") -> Path:
    out = tmp_path / name
    export_checklist(ws, out)
    return out


def _rezip(
    src: Path,
    dst: Path,
    replace: dict[str, bytes | Callable[[zipfile.ZipFile, str], None]],
    *,
    method: int = zipfile.ZIP_DEFLATED,
    level: int = 6,
) -> Path:
    """A copy of the workbook `src` with some members replaced (bytes, or a writer)."""
    with (
        zipfile.ZipFile(src) as zin,
        zipfile.ZipFile(dst, "w", method, compresslevel=level) as zout,
    ):
        for info in zin.infolist():
            new = replace.get(info.filename, zin.read(info.filename))
            if callable(new):
                new(zout, info.filename)
            else:
                zout.writestr(info.filename, new)
        for name, new in replace.items():
            if name not in zin.namelist():
                if callable(new):
                    new(zout, name)
                else:
                    zout.writestr(name, new)
    return dst


def _repeated_rows(megabytes: int, level: int = 6) -> Callable[[zipfile.ZipFile, str], None]:
    """A worksheet of millions of identical rows: it packs about 1000:1."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    chunk = row * ((1 << 20) // len(row))

    def write(z: zipfile.ZipFile, name: str) -> None:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = level  # type: ignore[attr-defined]
        with z.open(info, "w", force_zip64=True) as f:
            f.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData>"
            )
            for _ in range(megabytes):
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")

    return write


def _refused(ws: Workspace, path: Path, code: str) -> ExchangeError:
    with pytest.raises(ExchangeError) as caught:
        plan_import(ws, path)
    assert caught.value.code == code, str(caught.value)
    assert path.name in str(caught.value)
    assert path.name in caught.value.text("zh_CN")
    return caught.value


def test_a_zip_bomb_is_refused_before_it_is_unpacked(assessed, tmp_path: Path):
    ws, info = assessed
    before = snapshot(ws, info)
    bomb = _rezip(
        _export(ws, tmp_path),
        tmp_path / "bomb.xlsx",
        {"xl/worksheets/sheet1.xml": _repeated_rows(250)},
    )
    assert bomb.stat().st_size < 1_000_000  # under a megabyte, unpacking to 250 MB
    t = time.perf_counter()
    error = _refused(ws, bomb, "exchange.xlsx_unpacked_too_large")
    assert time.perf_counter() - t < 0.5
    assert "200 MB" in str(error) and "200 MB" in error.text("zh_CN")
    # a smaller bomb stays under the total but not under the ratio a real part can have
    ratio = _rezip(
        _export(ws, tmp_path),
        tmp_path / "ratio.xlsx",
        {"xl/worksheets/sheet1.xml": _repeated_rows(20)},
    )
    error = _refused(ws, ratio, "exchange.xlsx_packed_too_tightly")
    assert "xl/worksheets/sheet1.xml" in str(error)
    with pytest.raises(ExchangeError):
        import_checklist(ws, "client", bomb)
    assert snapshot(ws, info) == before


def test_a_workbook_of_a_thousand_parts_is_refused(assessed, tmp_path: Path):
    ws, _ = assessed
    many = _rezip(
        _export(ws, tmp_path),
        tmp_path / "many.xlsx",
        {f"xl/media/x{i}.bin": b"" for i in range(3000)},
        method=zipfile.ZIP_STORED,
    )
    _refused(ws, many, "exchange.xlsx_too_many_parts")


def test_too_many_rows_or_cells_are_refused_without_reading_them(assessed, tmp_path: Path):
    ws, _ = assessed
    src = _export(ws, tmp_path)
    with zipfile.ZipFile(src) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    # one cell far down: reading it as a table would mean a quarter of a million rows
    far = sheet.replace(
        b"</sheetData>",
        b'<row r="250000"><c r="B250000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    _refused(
        ws,
        _rezip(src, tmp_path / "far.xlsx", {"xl/worksheets/sheet1.xml": far}),
        "exchange.too_many_rows",
    )
    # one cell in the last corner of a sheet: 17 billion cells if read as a table
    corner = sheet.replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    t = time.perf_counter()
    _refused(
        ws,
        _rezip(src, tmp_path / "corner.xlsx", {"xl/worksheets/sheet1.xml": corner}),
        "exchange.too_many_rows",
    )
    wide = sheet.replace(
        b"</sheetData>",
        b'<row r="9000"><c r="XFD9000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    _refused(
        ws,
        _rezip(src, tmp_path / "wide.xlsx", {"xl/worksheets/sheet1.xml": wide}),
        "exchange.too_many_cells",
    )
    # a single row of a million cells, each `<c/>`: small when packed, huge when parsed
    cells = b"<c/>" * 1_000_000
    row = sheet.replace(b"</sheetData>", b'<row r="7">' + cells + b"</row></sheetData>")
    _refused(
        ws,
        _rezip(src, tmp_path / "row.xlsx", {"xl/worksheets/sheet1.xml": row}),
        "exchange.xlsx_row_too_long",
    )
    assert time.perf_counter() - t < 2


def test_damaged_or_foreign_files_are_refused_clearly(assessed, tmp_path: Path):
    ws, _ = assessed
    src = _export(ws, tmp_path)
    data = src.read_bytes()
    cases = {
        "junk.xlsx": (b"not a zip at all", "exchange.xlsx_not_a_workbook"),
        "half.xlsx": (data[: len(data) // 2], "exchange.xlsx_not_a_workbook"),
        "old.xlsx": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            "exchange.xlsx_protected_or_old",
        ),
        "empty.xlsx": (b"", "exchange.xlsx_not_a_workbook"),
    }
    for name, (content, code) in cases.items():
        (tmp_path / name).write_bytes(content)
        _refused(ws, tmp_path / name, code)
    # the central directory is intact but a part is damaged
    damaged = bytearray(data)
    with zipfile.ZipFile(src) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + 10
    damaged[start : start + 64] = bytes(64)
    (tmp_path / "crc.xlsx").write_bytes(bytes(damaged))
    _refused(ws, tmp_path / "crc.xlsx", "exchange.xlsx_damaged")
    # parts packed with a method no spreadsheet program uses (bzip2 is a bomb of its own)
    odd = _rezip(src, tmp_path / "bz.xlsx", {}, method=zipfile.ZIP_BZIP2, level=9)
    _refused(ws, odd, "exchange.xlsx_unusual_packing")
    # a workbook without the part it says it has: openpyxl leaves that sheet out, the next
    # one is read and found not to be a checklist
    missing = tmp_path / "missing.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(missing, "w") as zout:
        for item in zin.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(item, zin.read(item))
    _refused(ws, missing, "exchange.missing_columns")
    # a styles part that is not XML: openpyxl's parser fails, one clear error
    _refused(
        ws,
        _rezip(src, tmp_path / "styles.xlsx", {"xl/styles.xml": b"\x89PNG\r\n"}),
        "exchange.xlsx_damaged",
    )
    # XML declaring entities (the "billion laughs") is refused before any parser expands it
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    _refused(
        ws,
        _rezip(src, tmp_path / "lol.xlsx", {"xl/worksheets/sheet1.xml": laughs}),
        "exchange.xlsx_damaged",
    )


def test_formulas_of_every_kind_are_refused(assessed, tmp_path: Path):
    ws, _ = assessed
    src = _export(ws, tmp_path)
    with zipfile.ZipFile(src) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    # an array formula is not a "=..." string once read; it is refused all the same
    array = re.sub(
        r'<c r="D3"[^>]*>.*?</c>',
        '<c r="D3"><f t="array" ref="D3">"conforming"</f><v>conforming</v></c>',
        sheet,
        count=1,
    )
    assert array != sheet
    error = _refused(
        ws,
        _rezip(src, tmp_path / "array.xlsx", {"xl/worksheets/sheet1.xml": array.encode()}),
        "exchange.formula",
    )
    assert "sheet Checklist, cell D3" in str(error) and "工作表 Checklist" in error.text("zh_CN")


def test_a_workbook_stays_readable_within_the_bounds(assessed, tmp_path: Path):
    """Bounds that refuse real files would be no better than no bounds: a workbook as Excel
    writes it (shared strings, styles, a second sheet, an empty styled cell far right)."""
    ws, info = assessed
    src = _export(ws, tmp_path)
    wb = load_workbook(src)
    sheet = wb["Checklist"]
    header = [c.value for c in sheet[1]]
    sheet.cell(3, header.index("Status") + 1).value = "partial"
    sheet.cell(3, 200).value = None
    sheet.cell(3, 200).number_format = "0.00"
    wb.create_sheet("Notes")["A1"] = "client notes"
    wb.save(src)
    report = plan_import(ws, src)
    assert [c.ref for c in report.changes] == ["4.2"]
    # a sheet claiming to span every row and column is read as far as its values go
    with zipfile.ZipFile(src) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml")
    claim = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', sheet_xml)
    assert claim != sheet_xml
    t = time.perf_counter()
    report = plan_import(
        ws, _rezip(src, tmp_path / "claim.xlsx", {"xl/worksheets/sheet1.xml": claim})
    )
    assert [c.ref for c in report.changes] == ["4.2"] and time.perf_counter() - t < 1


# -- 3. CSV on hostile input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'Library,Ref\n"' + b"x" * 200_000 + b'"\n', "exchange.csv_field_too_long"),
        (b"Library,Ref\n" + b"test-iso,4.1\x00\n", "exchange.csv_not_text"),
        (b"Library,Ref\n" + b",\n" * 210_000, "exchange.too_many_rows"),
        (b"Library,Ref\n" + b"," * 5_000_000 + b"\n", "exchange.too_many_cells"),
    ],
)
def test_hostile_csv_is_refused_with_one_clear_error(
    assessed, tmp_path: Path, content: bytes, code: str
):
    ws, info = assessed
    before = snapshot(ws, info)
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    _refused(ws, path, code)
    assert snapshot(ws, info) == before


def test_a_folder_or_unreadable_file_is_refused_clearly(assessed, tmp_path: Path):
    ws, _ = assessed
    (tmp_path / "folder.csv").mkdir()
    _refused(ws, tmp_path / "folder.csv", "exchange.not_a_file")
    os.mkfifo(tmp_path / "pipe.csv")  # opening it to read would wait for a writer forever
    _refused(ws, tmp_path / "pipe.csv", "exchange.not_a_file")
    _refused(ws, tmp_path / "none.xlsx", "exchange.cannot_read")


# -- 4. all or nothing ----------------------------------------------------------------------


def test_an_import_is_all_or_nothing(assessed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    ws, info = assessed
    good = [
        ["Library", "Ref", "Status", "Gap"],
        ["test-iso", "4.1", "conforming", ""],
        ["test-iso", "4.2", "partial", "Suppliers"],
        ["test-iso", "10.2", "conforming", ""],
    ]
    before = snapshot(ws, info)
    # a bad last row: nothing of the good rows before it is written
    path = tmp_path / "in.csv"
    path.write_text(
        "\n".join(",".join(r) for r in [*good, ["test-iso", "4.3", "splendid", ""]]) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ExchangeError, match="row 5"):
        import_checklist(ws, "client", path)
    assert snapshot(ws, info) == before
    # a failure while writing (the disk, a bug) after some rows were written: rolled back
    path.write_text("\n".join(",".join(r) for r in good) + "\n", encoding="utf-8")
    real = cl.update_audited
    calls = []

    def failing(*args, **kw):  # the rows are written, then the disk fails before the commit
        calls.append(1)
        real(*args, **kw)
        raise OSError("disk full")

    monkeypatch.setattr(cl, "update_audited", failing)
    with pytest.raises(OSError):
        import_checklist(ws, "client", path)
    assert calls == [1]
    monkeypatch.undo()
    assert snapshot(ws, info)[0] == before[0]
    report, _ = import_checklist(ws, "client", path)
    assert len(report.changes) == 3


def test_the_zip_check_costs_little(assessed, tmp_path: Path):
    ws, _ = assessed
    src = _export(ws, tmp_path)
    t = time.perf_counter()
    for _ in range(20):
        exchange.check_workbook_archive(src)
    assert (time.perf_counter() - t) / 20 < 0.05


def test_the_xml_of_all_parts_together_is_bounded(
    assessed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    ws, _ = assessed
    src = _export(ws, tmp_path)
    census = exchange.check_workbook_archive(src)
    assert 200 < census.elements < 1000 and 100 < census.structure < 1000
    with monkeypatch.context() as m:
        m.setattr(exchange, "MAX_XML_ELEMENTS", 200)
        error = _refused(ws, src, "exchange.xlsx_too_many_elements")
        assert "more than 200 XML elements" in str(error)
    with monkeypatch.context() as m:
        m.setattr(exchange, "MAX_STRUCTURE_ELEMENTS", 100)
        _refused(ws, src, "exchange.xlsx_too_much_structure")
    with zipfile.ZipFile(src) as z:
        styles = z.read("xl/styles.xml")
        sheet = z.read("xl/worksheets/sheet1.xml")
    # half a million cell formats: openpyxl would spend minutes making objects of them
    bloat = styles.replace(
        b"<cellXfs", b"<cellXfs><xf/>" + b"<xf/>" * 500_000 + b"</cellXfs><cellXfs"
    )
    t = time.perf_counter()
    _refused(
        ws,
        _rezip(src, tmp_path / "styles.xlsx", {"xl/styles.xml": bloat}),
        "exchange.xlsx_too_much_structure",
    )
    # elements after the last cell but outside sheetData are structure, not cells
    after = sheet.replace(b"</sheetData>", b"</sheetData><t/>" + b"<t/>" * 400_000)
    _refused(
        ws,
        _rezip(src, tmp_path / "after.xlsx", {"xl/worksheets/sheet1.xml": after}),
        "exchange.xlsx_too_much_structure",
    )
    # a string table of strings that no cell uses (openpyxl reads each into an object)
    table = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>%d</t></si>" % i for i in range(200_000))
        + b"</sst>"
    )
    _refused(
        ws,
        _rezip(src, tmp_path / "strings.xlsx", {"xl/sharedStrings.xml": table}),
        "exchange.xlsx_too_many_strings",
    )
    assert time.perf_counter() - t < 3


def test_a_workbook_as_other_programs_write_it_is_read(assessed, tmp_path: Path):
    """Shared strings, prefixed XML names, no dimension, rows and cells without numbers, a gap."""
    ws, _ = assessed
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    strings = ["Library", "Ref", "Status", "test-iso", "4.2", "partial", "10.2", "conforming"]
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<x:workbook xmlns:x="{main}" xmlns:r="{rel}"><x:sheets>'
            '<x:sheet name="Checklist" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/sharedStrings.xml": (
            f'<x:sst xmlns:x="{main}" count="{len(strings)}">'
            + "".join(f"<x:si><x:t>{s}</x:t></x:si>" for s in strings)
            + "</x:sst>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<x:worksheet xmlns:x="{main}"><x:sheetData>'
            '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>'
            '<x:row><x:c t="s"><x:v>3</x:v></x:c><x:c t="s"><x:v>4</x:v></x:c><x:c t="s"><x:v>5</x:v></x:c></x:row>'
            '<x:row r="5"><x:c r="A5" t="s"><x:v>3</x:v></x:c><x:c r="B5" t="s"><x:v>6</x:v></x:c>'
            '<x:c r="C5" t="s"><x:v>7</x:v></x:c><x:c r="D5"/></x:row>'
            "</x:sheetData></x:worksheet>"
        ),
    }
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    census = exchange.check_workbook_archive(path)
    sheet = census.sheets["xl/worksheets/sheet1.xml"]
    assert (sheet.rows, sheet.last_row, sheet.last_column) == (3, 5, 3)
    report = plan_import(ws, path)
    assert [(c.row_number, c.ref, c.values) for c in report.changes] == [
        (2, "4.2", {"status": Status.PARTIAL.value}),
        (5, "10.2", {"status": Status.CONFORMING.value}),
    ]


def test_a_file_that_cannot_be_written_is_one_clear_error(assessed, tmp_path: Path):
    ws, _ = assessed
    out = tmp_path / "out"
    (out / "taken.xlsx").mkdir(parents=True)  # a folder where the file should go
    with pytest.raises(ExchangeError) as caught:
        export_checklist(ws, out / "taken.xlsx")
    assert caught.value.code == "exchange.cannot_write"
    assert "taken.xlsx" in caught.value.text("zh_CN") and "无法写入" in caught.value.text("zh_CN")
    assert [p.name for p in out.iterdir()] == ["taken.xlsx"]  # no temporary file left behind
