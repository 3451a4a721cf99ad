"""Checklist exchange: export an assessment to XLSX or CSV for a client meeting, and
import the answers back — matched by library and reference code, all or nothing.

A file that comes back is trusted with nothing. Before openpyxl sees a workbook, the zip is
checked (parts, unpacked size, packing ratio, methods) and every XML part is counted with a
streaming parser that keeps nothing (elements, rows, cells per row, the extent of the
values, merged cells, formulas), so the work openpyxl is then given is bounded; whatever
exception a reader still raises on hostile bytes becomes one `ExchangeError`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import pyexpat
import stat
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from qms_desktop.domain.assessment import ActionState, Grade, Priority, Status, score_by_clause
from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.domain.messages import Message
from qms_desktop.fileio import write_atomically
from qms_desktop.services.changes import ChangeSet
from qms_desktop.services.checklist import (
    ChecklistRow,
    assess_many,
    check_values,
    checklist_rows,
    item_values,
    list_assessments,
)
from qms_desktop.storage.workspace import Workspace

MAX_IMPORT_BYTES = 30 * 1024 * 1024
# Bounds on what a checklist file may make us do. A checklist has some thousands of rows and
# under twenty columns; these leave room for a hundred times that and no more.
MAX_ROWS = 200_000  # data rows
MAX_CELLS = 4_000_000  # rows x columns read as a table
MAX_COLUMNS = 16_384  # cells in one row (Excel's own limit, column XFD)
MAX_PARTS = 1_000  # members of the workbook's zip (Excel writes a dozen or two)
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all members unpacked
MAX_PACKING_RATIO = 100  # unpacked / packed, for members of RATIO_FROM_BYTES or more
RATIO_FROM_BYTES = 4 * 1024 * 1024
MAX_XML_ELEMENTS = 4 * MAX_CELLS  # of the cell grid and the string table, all parts together
# Everything else openpyxl turns into Python objects one element at a time, at up to 25 µs
# each: styles, names, formatting, validations, rich text runs. Excel's own ceiling of
# 64 000 cell formats fits; millions do not.
MAX_STRUCTURE_ELEMENTS = 300_000
SPARE_STRINGS = 10_000  # shared strings beyond the cells that could use them
_CHUNK = 1 << 20

# (header, field) — the field is an item field, or one of the read-only columns.
COLUMNS: list[tuple[str, str]] = [
    ("Library", "library_id"),
    ("Ref", "ref"),
    ("Requirement", "title"),
    ("Status", "status"),
    ("Finding grade", "grade"),
    ("Not applicable because", "na_justification"),
    ("Current practice", "current_practice"),
    ("Evidence notes", "evidence_notes"),
    ("Evidence files", "evidence_files"),
    ("Gap", "gap"),
    ("Action", "action_text"),
    ("Owner", "action_owner"),
    ("Due date", "action_due"),
    ("Priority", "action_priority"),
    ("Action state", "action_state"),
    ("Changed by", "changed_by"),
    ("Changed at (UTC)", "changed_at"),
]
READ_ONLY = {"title", "evidence_files", "changed_by", "changed_at"}
KEYS = {"library_id", "ref"}
WIDTHS = {
    "library_id": 14,
    "ref": 9,
    "title": 42,
    "status": 18,
    "grade": 18,
    "na_justification": 28,
    "current_practice": 44,
    "evidence_notes": 34,
    "evidence_files": 26,
    "gap": 36,
    "action_text": 36,
    "action_owner": 16,
    "action_due": 12,
    "action_priority": 10,
    "action_state": 13,
    "changed_by": 14,
    "changed_at": 20,
}
ENUM_VALUES = {
    "status": [s.value for s in Status],
    "grade": [g.value for g in Grade],
    "action_priority": [p.value for p in Priority],
    "action_state": [s.value for s in ActionState],
}
ENUM_NAMES = {
    "status": Message("exchange.field_status"),
    "grade": Message("exchange.field_grade"),
    "action_priority": Message("exchange.field_action_priority"),
    "action_state": Message("exchange.field_action_state"),
}


class ExchangeError(QmsError):
    """A checklist file cannot be read or applied; the message names file and place."""


def _cell(row: ChecklistRow, field: str, lang: str) -> str:
    item = row.item
    if field == "library_id":
        return row.library_id
    if field == "ref":
        return row.ref
    if field == "title":
        return row.title(lang)
    if field == "evidence_files":
        return "\n".join(row.evidence_files)
    if field == "changed_by":
        return item.changed_by
    if field == "changed_at":
        return item.changed_at
    value = item_values(item)[field]
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _pick_assessment(ws: Workspace, assessment_id: int | None) -> int:
    assessments = list_assessments(ws)
    if not assessments:
        raise ExchangeError("exchange.no_assessment")
    if assessment_id is None:
        return assessments[-1].id
    if assessment_id not in {a.id for a in assessments}:
        raise ExchangeError("exchange.no_such_assessment", id=assessment_id)
    return assessment_id


def export_checklist(
    ws: Workspace,
    out: Path,
    *,
    assessment_id: int | None = None,
    library_id: str | None = None,
    rows: Iterable[ChecklistRow] | None = None,
    lang: str = "en",
) -> int:
    """Write the checklist (or the given rows, e.g. the filtered selection) to .xlsx or .csv.
    Returns the number of requirements written."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExchangeError("exchange.export_suffix", file=out.name)
    if not out.parent.is_dir():
        raise ExchangeError("exchange.no_folder", folder=str(out.parent))
    chosen = _pick_assessment(ws, assessment_id)
    data = list(rows) if rows is not None else checklist_rows(ws, chosen)
    if library_id is not None:
        data = [r for r in data if r.library_id == library_id]
        if not data:
            raise ExchangeError("exchange.library_not_in_assessment", library=library_id)
    name = next(a.name for a in list_assessments(ws) if a.id == chosen)
    try:
        if suffix == ".csv":
            write_atomically(out, lambda p: _write_csv(p, data, lang))
        else:
            write_atomically(out, lambda p: _write_xlsx(p, data, lang, name))
    except OSError as exc:
        raise ExchangeError(
            "exchange.cannot_write", path=str(out), reason=exc.strerror or str(exc)
        ) from exc
    return len(data)


def _write_csv(path: Path, rows: list[ChecklistRow], lang: str) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel opens UTF-8 correctly
        writer = csv.writer(f)
        writer.writerow([h for h, _ in COLUMNS])
        for r in rows:
            writer.writerow([_csv_safe(_cell(r, field, lang)) for _, field in COLUMNS])


def _csv_safe(text: str) -> str:
    """Keep spreadsheet programs from running user text as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_unsafe(text: str) -> str:
    """Undo `_csv_safe`, so text survives a CSV round trip unchanged."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def _write_xlsx(path: Path, rows: list[ChecklistRow], lang: str, assessment_name: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    def text(value: str) -> str:
        """What a cell can hold of `value`: no control characters XML cannot carry."""
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]

    wb = Workbook()
    ws = wb.active
    ws.title = "Checklist"
    ws.append([h for h, _ in COLUMNS])
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F3A5F")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for r in rows:
        ws.append([text(_cell(r, field, lang)) for _, field in COLUMNS])
    for i, (_, field) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(field, 16)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            cell.data_type = "s"  # text typed by users is never a formula
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = ws.dimensions
    last = max(2, len(rows) + 1)
    for field, values in ENUM_VALUES.items():
        col = get_column_letter([f for _, f in COLUMNS].index(field) + 1)
        listed = ",".join(v for v in values if v) if field != "status" else ",".join(values)
        dv = DataValidation(
            type="list",
            formula1=f'"{listed}"',
            allow_blank=field != "status",
            showErrorMessage=True,
            errorTitle="Not a valid value",
            error=f"Choose one of: {listed}",
        )
        dv.add(f"{col}2:{col}{last}")
        ws.add_data_validation(dv)
    # Summary sheet
    summary = wb.create_sheet("Summary")
    summary.append(["Assessment", text(assessment_name)])
    summary.append(["Exported", dt.datetime.now().strftime("%Y-%m-%d %H:%M")])
    summary.append([])
    summary.append(["Clause", "Conformity", "Assessed", "Applicable", "Total"])
    for cell in summary[4]:
        cell.font = Font(bold=True)
    for clause, sc in score_by_clause(r.item for r in rows).items():
        summary.append(
            [
                text(clause),
                None if sc.conformity is None else round(sc.conformity, 3),
                sc.assessed,
                sc.applicable,
                sc.total,
            ]
        )
        summary.cell(summary.max_row, 2).number_format = "0%"
    summary.column_dimensions["A"].width = 14
    summary.column_dimensions["B"].width = 28
    summary.append([])
    summary.append(["Status values", ", ".join(ENUM_VALUES["status"])])
    summary.append(
        [
            "Scoring",
            "conforming = 1, partially conforming = 0.5; not applicable and not assessed "
            "are left out",
        ]
    )
    # openpyxl takes any text beginning with "=" for a formula: every text cell of every
    # sheet but the checklist rows sealed above is stored as text here.
    for sheet in wb.worksheets:
        for row in sheet.iter_rows(max_row=None if sheet is not ws else 1):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    wb.save(path)


# -- import ---------------------------------------------------------------------


@dataclass(frozen=True)
class ImportChange:
    row_number: int
    library_id: str
    ref: str
    item_id: int
    values: dict[str, object]


@dataclass(frozen=True)
class ImportReport:
    changes: list[ImportChange]
    unchanged: int

    def describe(self) -> str:
        fields = sum(len(c.values) for c in self.changes)
        return (
            f"{len(self.changes)} requirement(s) changed ({fields} field(s)), "
            f"{self.unchanged} unchanged"
        )


@dataclass(frozen=True)
class _Table:
    """The cells of a checklist file as text, and where they came from."""

    file: str
    sheet: str | None  # None for CSV
    rows: list[list[str]]

    def at_row(self, number: int) -> Message:
        if self.sheet is None:
            return Message("exchange.at_row", {"file": self.file, "row": number})
        return Message(
            "exchange.at_sheet_row", {"file": self.file, "sheet": self.sheet, "row": number}
        )


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refused above MAX_IMPORT_BYTES (and never more read than that)."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a folder, or a pipe that would block the read
            raise ExchangeError("exchange.not_a_file", path=str(path))
        size = status.st_size
        if size <= MAX_IMPORT_BYTES:
            with path.open("rb") as f:
                data = f.read(MAX_IMPORT_BYTES + 1)
            size = len(data)
    except OSError as exc:
        raise ExchangeError(
            "exchange.cannot_read", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    if size > MAX_IMPORT_BYTES:
        raise ExchangeError(
            "exchange.too_large", file=path.name, limit_mb=MAX_IMPORT_BYTES // 1048576
        )
    return data


def _read_table(path: Path) -> _Table:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise ExchangeError("exchange.import_suffix", file=path.name)
    data = _read_bytes(path)
    if suffix == ".csv":
        return _Table(path.name, None, _read_csv(data, path.name))
    try:
        sheet, rows = _read_xlsx(data, path.name)
    except ExchangeError:
        raise
    except Exception as exc:  # openpyxl meets hostile XML with exceptions of any class
        raise ExchangeError("exchange.xlsx_damaged", file=path.name, detail=_describe(exc)) from exc
    return _Table(path.name, sheet, rows)


def _describe(exc: BaseException) -> str:
    """A short technical note on what a reader found wrong (for the curious and for support)."""
    detail = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _read_rows(path: Path) -> tuple[_Table, list[tuple[int, dict[str, str]]]]:
    """The file read, and (row number as the user sees it, {field: text}) for every data row."""
    table = _read_table(path)
    if not table.rows:
        raise ExchangeError("exchange.empty", file=table.file)
    header = [h.strip() for h in table.rows[0]]
    by_header = {h.casefold(): f for h, f in COLUMNS}
    fields: list[str | None] = [by_header.get(h.casefold()) for h in header]
    missing = [h for h, f in COLUMNS if f in KEYS and f not in fields]
    if missing:
        found = [h for h in header if h]
        raise ExchangeError(
            "exchange.missing_columns",
            file=table.file,
            columns=missing,
            found=found or Message("exchange.nothing"),
        )
    seen: dict[str, int] = {}
    for i, f in enumerate(fields):
        if f is None:
            continue
        if f in seen:
            raise ExchangeError("exchange.column_twice", file=table.file, column=header[i])
        seen[f] = i
    out: list[tuple[int, dict[str, str]]] = []
    for number, raw in enumerate(table.rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        record = {f: (raw[i] if i < len(raw) else "") for f, i in seen.items()}
        out.append((number, record))
    return table, out


# -- CSV ----------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExchangeError("exchange.csv_encoding", file=name)


def _read_csv(data: bytes, name: str) -> list[list[str]]:
    text = _decode(data, name)
    if "\x00" in text:
        raise ExchangeError("exchange.csv_not_text", file=name)
    reader = csv.reader(io.StringIO(text, newline=""))
    table: list[list[str]] = []
    cells = 0
    try:
        for row in reader:
            if len(table) > MAX_ROWS:  # the header and MAX_ROWS rows are read
                raise ExchangeError("exchange.too_many_rows", where=name, limit=MAX_ROWS)
            cells += len(row)
            if cells > MAX_CELLS:
                raise ExchangeError("exchange.too_many_cells", where=name, limit=MAX_CELLS)
            table.append([_csv_unsafe(cell) for cell in row])
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise ExchangeError(
                "exchange.csv_field_too_long",
                file=name,
                line=reader.line_num,
                limit=csv.field_size_limit(),
            ) from exc
        raise ExchangeError(
            "exchange.csv_unreadable", file=name, line=reader.line_num, detail=str(exc)
        ) from exc
    return table


# -- XLSX: the zip and its XML counted first ----------------------------------------------


@dataclass
class SheetCensus:
    """What one XML part holds that matters when it is read as a worksheet."""

    rows: int = 0  # row elements
    last_row: int = 0  # the last row holding a value (as openpyxl numbers rows)
    last_column: int = 0  # the last column holding a value
    merged: list[str] = dataclass_field(default_factory=list)
    formula_at: str | None = None  # the first cell holding a formula


@dataclass
class WorkbookCensus:
    """A workbook's zip, checked and counted before any spreadsheet library reads it."""

    parts: int = 0
    unpacked_bytes: int = 0
    elements: int = 0  # cells, rows, values, shared strings and their text
    structure: int = 0  # every other element
    values: int = 0  # cell values and formulas
    strings: int = 0  # shared strings
    sheets: dict[str, SheetCensus] = dataclass_field(
        default_factory=dict
    )  # by part name, parts with sheetData


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsx saved with a password
_EOCD = b"PK\x05\x06"
# What an element means to the census, by its name without prefix.
_OTHER, _VALUE, _FORMULA, _TEXT, _ROW, _MERGE, _SHEET_DATA, _STRING_TABLE = range(8)
_KINDS = {
    "v": _VALUE,
    "is": _VALUE,
    "f": _FORMULA,
    "t": _TEXT,
    "row": _ROW,
    "mergeCell": _MERGE,
    "sheetData": _SHEET_DATA,
    "sst": _STRING_TABLE,
}
_DIGITS = "0123456789"


def _column_number(letters: str) -> int:
    """1 for "A", 16384 for "XFD" (the letters of a cell reference); 0 when there are none."""
    number = 0
    for ch in letters.replace("$", "").upper():
        if not "A" <= ch <= "Z":
            return 0
        number = number * 26 + ord(ch) - 64
        if number > MAX_COLUMNS:
            break
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_directory_size(data: bytes, name: str) -> None:
    """Refuse a zip whose central directory lists more parts than a workbook has, before
    zipfile builds an object for each of them."""
    tail = data[-(65535 + 22) :]
    # where zipfile looks: the last 22 bytes, or (after a comment) the last signature
    at = len(tail) - 22 if tail[-22:-18] == _EOCD and tail[-2:] == b"\0\0" else tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        return  # not a zip; zipfile says so
    count, size = struct.unpack("<HI", tail[at + 10 : at + 16])
    if count == 0xFFFF or size == 0xFFFFFFFF:
        return  # zip64: counted after opening
    if count > MAX_PARTS or size > MAX_PARTS * 1024:
        raise ExchangeError("exchange.xlsx_too_many_parts", file=name, limit=MAX_PARTS)


def check_workbook_archive(source: Path | bytes, name: str | None = None) -> WorkbookCensus:
    """Check a workbook's zip and count its XML without keeping any of it; raises
    ExchangeError when reading it would take more than a checklist can need."""
    if isinstance(source, Path):
        name = name or source.name
        data = _read_bytes(source)
    else:
        data = source
    name = name or "workbook"
    if data.startswith(_OLE_MAGIC):
        raise ExchangeError("exchange.xlsx_protected_or_old", file=name)
    _check_directory_size(data, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, but also ValueError, EOFError, struct.error…
        raise ExchangeError("exchange.xlsx_not_a_workbook", file=name) from exc
    with archive:
        members = archive.infolist()
        census = WorkbookCensus(parts=len(members))
        if len(members) > MAX_PARTS:
            raise ExchangeError("exchange.xlsx_too_many_parts", file=name, limit=MAX_PARTS)
        census.unpacked_bytes = sum(info.file_size for info in members)
        if census.unpacked_bytes > MAX_UNPACKED_BYTES:
            raise ExchangeError(
                "exchange.xlsx_unpacked_too_large",
                file=name,
                limit_mb=MAX_UNPACKED_BYTES // 1048576,
            )
        for info in members:
            if info.flag_bits & 0x1:
                raise ExchangeError("exchange.xlsx_protected_or_old", file=name)
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ExchangeError("exchange.xlsx_unusual_packing", file=name, part=info.filename)
            if info.file_size >= RATIO_FROM_BYTES and info.file_size > MAX_PACKING_RATIO * max(
                1, info.compress_size
            ):
                raise ExchangeError(
                    "exchange.xlsx_packed_too_tightly",
                    file=name,
                    part=info.filename,
                    ratio=info.file_size // max(1, info.compress_size),
                    limit=MAX_PACKING_RATIO,
                )
        # zipfile never unpacks more than a member's stated size, so the sizes above hold.
        for info in members:
            if info.file_size:
                _count_part(archive, info, census, name)
        if census.strings > census.values + SPARE_STRINGS:
            raise ExchangeError(
                "exchange.xlsx_too_many_strings",
                file=name,
                strings=census.strings,
                values=census.values,
            )
    return census


def _count_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, census: WorkbookCensus, name: str
) -> None:
    """Stream one part through expat, counting; its sheet figures go into `census`.

    Inside a worksheet's sheetData, openpyxl takes each child of a <row> for a cell and its
    <v>, <is> or <f> for the value; in the shared string table each child of <sst> is a
    string. Those are the cheap "elements"; every other element is "structure"."""
    sheet = SheetCensus()
    is_sheet = False
    elements, structure, values, strings = (
        census.elements,
        census.structure,
        census.values,
        census.strings,
    )
    before = elements + structure
    depth = 0
    grid = 0  # the depth of the open <sheetData> or <sst>, 0 outside them
    in_table = False  # the open grid is a string table
    parent_is_row = parent_is_cell = False
    row = column = cells_in_row = 0
    cell_ref = ""
    where = Message("exchange.at_part", {"file": name, "part": info.filename})
    kinds: dict[str, int] = {}  # by element name as written (prefixes are few)
    columns: dict[str, int] = {}  # by column letters

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal \
            depth, \
            grid, \
            in_table, \
            parent_is_row, \
            parent_is_cell, \
            row, \
            column, \
            cells_in_row, \
            cell_ref
        nonlocal elements, structure, values, strings, is_sheet
        depth += 1
        kind = kinds.get(tag)
        if kind is None:
            kind = kinds[tag] = _KINDS.get(tag[tag.find(":") + 1 :], _OTHER)
        level = depth - grid if grid else 0
        if level == 0:
            structure += 1
            if kind == _SHEET_DATA:
                grid, in_table, is_sheet = depth, False, True
            elif kind == _STRING_TABLE and depth == 1:
                grid, in_table = depth, True
            elif kind == _MERGE:
                sheet.merged.append(attrs.get("ref", "?"))
        elif in_table:
            if level == 1:
                elements += 1
                strings += 1
            elif kind == _TEXT:
                elements += 1
            else:
                structure += 1  # rich text runs and their fonts, phonetic runs
        elif level == 1:  # a row, to openpyxl only when it is called so
            parent_is_row = kind == _ROW
            if parent_is_row:
                elements += 1
                sheet.rows += 1
                if sheet.rows > MAX_ROWS + 1:
                    raise ExchangeError("exchange.too_many_rows", where=where, limit=MAX_ROWS)
                number_text = attrs.get("r")
                row = row + 1 if number_text is None else _row_number(number_text)
                column = cells_in_row = 0
            else:
                structure += 1
        elif level == 2:  # whatever stands in a row is a cell to openpyxl
            parent_is_cell = parent_is_row
            if parent_is_cell:
                elements += 1
                cells_in_row += 1
                if cells_in_row > MAX_COLUMNS:
                    raise ExchangeError(
                        "exchange.xlsx_row_too_long", where=where, row=row, limit=MAX_COLUMNS
                    )
                cell_ref = attrs.get("r", "")
                if cell_ref:
                    letters = cell_ref.rstrip(_DIGITS)
                    number = columns.get(letters)
                    if number is None:
                        number = columns[letters] = _column_number(letters)
                    column = number
                else:
                    column += 1
            else:
                structure += 1
        elif level == 3 and parent_is_cell and (kind == _VALUE or kind == _FORMULA):
            elements += 1
            values += 1
            if row > sheet.last_row:
                sheet.last_row = row
            if column > sheet.last_column:
                sheet.last_column = column
            if kind == _FORMULA and sheet.formula_at is None:
                sheet.formula_at = cell_ref or f"{_column_letters(column)}{row}"
        elif kind == _TEXT:
            elements += 1
        else:
            structure += 1  # rich text runs in a cell, extensions
        if elements > MAX_XML_ELEMENTS:
            raise ExchangeError(
                "exchange.xlsx_too_many_elements", where=where, limit=MAX_XML_ELEMENTS
            )
        if structure > MAX_STRUCTURE_ELEMENTS:
            raise ExchangeError(
                "exchange.xlsx_too_much_structure", where=where, limit=MAX_STRUCTURE_ELEMENTS
            )

    def end(tag: str) -> None:
        nonlocal depth, grid
        if depth == grid:
            grid = 0
        depth -= 1

    def declaration(*_: object) -> None:  # a DTD: entities ("billion laughs"), external files
        raise ExchangeError("exchange.xlsx_damaged", file=name, detail=f"{info.filename}: DOCTYPE")

    parser = pyexpat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = declaration
    parser.EntityDeclHandler = declaration
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except ExchangeError:
        raise
    except pyexpat.ExpatError as exc:
        lowered = info.filename.lower()
        if lowered.endswith(".vml"):
            pass  # legacy drawing markup, not always well-formed; openpyxl does not read it here
        elif (
            elements + structure == before
            and exc.lineno == 1
            and exc.offset == 0
            and not lowered.endswith((".xml", ".rels"))
        ):
            return  # not XML at all (an image, an embedded file): no XML parser reads it
        else:
            raise ExchangeError(
                "exchange.xlsx_damaged", file=name, detail=f"{info.filename}: {exc}"
            ) from exc
    except (
        Exception
    ) as exc:  # zlib.error, BadZipFile (CRC), EOFError, ValueError from a bad number…
        raise ExchangeError(
            "exchange.xlsx_damaged", file=name, detail=f"{info.filename}: {_describe(exc)}"
        ) from exc
    census.elements, census.structure, census.values, census.strings = (
        elements,
        structure,
        values,
        strings,
    )
    if is_sheet:
        census.sheets[info.filename] = sheet


def _row_number(text: str) -> int:
    """A row's r attribute as openpyxl reads it ("7", or "7.0")."""
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise
        return int(number)


def _read_xlsx(data: bytes, name: str) -> tuple[str, list[list[str]]]:
    """(sheet title, cells as text) of the Checklist sheet (or the first)."""
    census = check_workbook_archive(data, name)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        if not wb.worksheets:
            raise ExchangeError("exchange.xlsx_no_sheet", file=name)
        sheet: Any = wb["Checklist"] if "Checklist" in wb.sheetnames else wb.worksheets[0]
        counted = census.sheets.get(getattr(sheet, "_worksheet_path", ""))
        if counted is None or not hasattr(
            sheet, "iter_rows"
        ):  # a chart sheet, or a part not counted
            raise ExchangeError("exchange.xlsx_no_sheet", file=name)
        where = Message("exchange.at_sheet", {"file": name, "sheet": sheet.title})
        if counted.merged:
            raise ExchangeError("exchange.merged_cells", where=where, ranges=counted.merged[:3])
        if counted.formula_at:
            raise ExchangeError(
                "exchange.formula",
                where=Message(
                    "exchange.at_cell",
                    {"file": name, "sheet": sheet.title, "cell": counted.formula_at},
                ),
            )
        if counted.last_row > MAX_ROWS + 1:  # the header and MAX_ROWS rows
            raise ExchangeError("exchange.too_many_rows", where=where, limit=MAX_ROWS)
        if counted.last_row * counted.last_column > MAX_CELLS:
            raise ExchangeError("exchange.too_many_cells", where=where, limit=MAX_CELLS)
        if not counted.last_row:
            return sheet.title, []
        # both bounds given: openpyxl would otherwise take them from the sheet's own claim
        table = [
            [_xlsx_text(value) for value in values]
            for values in sheet.iter_rows(
                min_row=1,
                max_row=counted.last_row,
                min_col=1,
                max_col=max(1, counted.last_column),
                values_only=True,
            )
        ]
        return sheet.title, table
    finally:
        wb.close()


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# -- planning and applying ---------------------------------------------------------------


def plan_import(ws: Workspace, path: Path, *, assessment_id: int | None = None) -> ImportReport:
    """Read a checklist file and work out every change, refusing the whole file on any bad
    row. Writes nothing."""
    chosen = _pick_assessment(ws, assessment_id)
    current = {(r.library_id, r.ref): r for r in checklist_rows(ws, chosen)}
    changes: list[ImportChange] = []
    unchanged = 0
    seen: dict[tuple[str, str], int] = {}
    table, records = _read_rows(path)
    for number, record in records:
        key = (record["library_id"].strip(), record["ref"].strip())
        where = table.at_row(number)
        if key in seen:
            raise ExchangeError(
                "exchange.duplicate_row", where=where, library=key[0], ref=key[1], first=seen[key]
            )
        seen[key] = number
        row = current.get(key)
        if row is None:
            raise ExchangeError(
                "exchange.unknown_requirement", where=where, library=key[0], ref=key[1]
            )
        old = item_values(row.item)
        new: dict[str, object] = {}
        for field_name, text in record.items():
            if field_name in KEYS or field_name in READ_ONLY:
                continue
            value: object = (
                text.strip() if field_name in ENUM_VALUES or field_name == "action_due" else text
            )
            if field_name in ENUM_VALUES and value not in ENUM_VALUES[field_name]:
                raise ExchangeError(
                    "exchange.bad_value",
                    where=where,
                    value=value,
                    field=ENUM_NAMES[field_name],
                    allowed=[v for v in ENUM_VALUES[field_name] if v],
                )
            if field_name == "action_due":
                value = None if not value else value
                if value is not None:
                    try:
                        value = dt.date.fromisoformat(str(value)[:10])
                    except ValueError:
                        raise ExchangeError("exchange.bad_date", where=where, text=text) from None
            if old[field_name] != value:
                new[field_name] = value
        if not new:
            unchanged += 1
            continue
        try:
            check_values(row.item, new)
        except ValidationError as exc:
            raise ExchangeError("exchange.invalid_value", where=where, reason=exc.message) from None
        changes.append(ImportChange(number, key[0], key[1], row.item_id, new))
    return ImportReport(changes, unchanged)


def import_checklist(
    ws: Workspace, actor: str, path: Path, *, assessment_id: int | None = None
) -> tuple[ImportReport, ChangeSet]:
    """Apply a checklist file: every row is checked first, then all changes are written in
    one transaction, or none."""
    report = plan_import(ws, path, assessment_id=assessment_id)
    if not report.changes:
        return report, ChangeSet()
    changes = assess_many(ws, actor, [(c.item_id, c.values) for c in report.changes])
    return report, changes
