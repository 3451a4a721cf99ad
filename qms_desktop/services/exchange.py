"""Checklist exchange: export an assessment to XLSX or CSV for a client meeting, in the
user's language, and import the answers back — matched by a row key (or library and
reference), all or nothing; labels in either language, the codes, and their common
variants are read. The cell policy both ways is in `sheet_text`.

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
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from qms_desktop.domain.assessment import ItemAssessment, score_by_clause
from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.domain.messages import Message
from qms_desktop.fileio import write_atomically
from qms_desktop.services import exchange_words as words
from qms_desktop.services.changes import ChangeSet
from qms_desktop.services.checklist import (
    ITEM_FIELDS,
    ChecklistRow,
    _finding,
    _finding_columns,
    assess_many,
    check_values,
    checklist_rows,
    item_values,
    library_outline,
    list_assessments,
    with_actions,
)
from qms_desktop.services.sheet_text import (
    FORMULA_STARTS,
    ChoiceWords,
    EncodingUnsure,
    NotText,
    decode_csv,
    fold,
    guard_csv,
    guard_xlsx,
    read_date,
    split_csv,
    unguard,
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

# (English header, field), kept for callers that name columns in English
COLUMNS: list[tuple[str, str]] = [(en, f) for f, en, _ in words.COLUMNS]
READ_ONLY = words.READ_ONLY
KEYS = {"library_id", "ref"}
KEY_SEPARATOR = "|"
WIDTHS = {
    "library_id": 14,
    "ref": 9,
    "title": 42,
    "statement": 42,
    "guidance": 42,
    "status": 20,
    "grade": 24,
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
    "key": 18,
}
ENUM_VALUES = {field: list(choice.codes) for field, choice in words.CHOICES.items()}
ENUM_NAMES = {
    "status": Message("exchange.field_status"),
    "grade": Message("exchange.field_grade"),
    "action_priority": Message("exchange.field_action_priority"),
    "action_state": Message("exchange.field_action_state"),
}
_LOOKUPS = {field: choice.lookup() for field, choice in words.CHOICES.items()}


class ExchangeError(QmsError):
    """A checklist file cannot be read or applied; the message names file and place."""


def row_key(library_id: str, ref: str) -> str:
    """The row key: library and reference as one text no spreadsheet retypes."""
    return f"{library_id}{KEY_SEPARATOR}{ref}"


def _cell(row: ChecklistRow, field: str, lang: str) -> object:
    """The value of one column: text, or a date (the due date)."""
    return _cells(row, lang)[words.FIELDS.index(field)]


def _cells(row: ChecklistRow, lang: str) -> list[object]:
    """The values of a row's columns, in the order of `words.FIELDS`."""
    item = row.item
    action = item.action
    choices = words.CHOICES
    return [
        row.library_id,
        row.ref,
        row.title(lang),
        row.guidance(lang),
        choices["status"].label(item.status.value, lang),
        choices["grade"].label(item.grade.value, lang),
        item.na_justification,
        item.current_practice,
        item.evidence_notes,
        "\n".join(row.evidence_files),
        item.gap,
        action.text,
        action.owner,
        action.due if action.due is not None else "",
        choices["action_priority"].label(action.priority.value, lang),
        choices["action_state"].label(action.state.value, lang),
        row.statement(lang),
        item.changed_by,
        item.changed_at,
        row_key(row.library_id, row.ref),
    ]


def _pick_assessment(ws: Workspace, assessment_id: int | None) -> int:
    assessments = list_assessments(ws)
    if not assessments:
        raise ExchangeError("exchange.no_assessment")
    if assessment_id is None:
        return assessments[-1].id
    if assessment_id not in {a.id for a in assessments}:
        raise ExchangeError("exchange.no_such_assessment", id=assessment_id)
    return assessment_id


def document_language(ws: Workspace) -> str:
    """The workspace's document language: what an export is written in unless asked."""
    from qms_desktop.services.profile import get_profile

    return get_profile(ws).default_language or "en"


def _blank_rows(ws: Workspace, library_id: str) -> list[ChecklistRow]:
    """A library's requirements with nothing assessed: a checklist to fill in before any
    assessment holds the library."""
    rows = [
        ChecklistRow(
            0,
            o.library_id,
            o.ref,
            o.parent_ref,
            o.title_en,
            o.title_zh,
            "",
            "",
            ItemAssessment(o.library_id, o.ref),
        )
        for o in library_outline(ws, library_id)
        if not o.is_section
    ]
    if not rows:
        raise ExchangeError("exchange.no_such_library", library=library_id)
    return rows


def export_checklist(
    ws: Workspace,
    out: Path,
    *,
    assessment_id: int | None = None,
    library_id: str | None = None,
    rows: Iterable[ChecklistRow] | None = None,
    lang: str | None = None,
) -> int:
    """Write the checklist (or the given rows, e.g. the filtered selection) to .xlsx or .csv
    in `lang` (default: the workspace's document language). With `library_id` and no
    assessment named, the latest assessment holding that library is used, or, when none
    holds it, a blank checklist of the library. Returns the number of requirements written."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExchangeError("exchange.export_suffix", file=out.name)
    if not out.parent.is_dir():
        raise ExchangeError("exchange.no_folder", folder=str(out.parent))
    lang = lang or document_language(ws)
    if rows is None and library_id is not None and assessment_id is None:
        holding = [a for a in list_assessments(ws) if library_id in a.library_ids]
        if not holding:
            return _write_checklist(out, _blank_rows(ws, library_id), lang, "")
        assessment_id = holding[-1].id
    chosen = _pick_assessment(ws, assessment_id)
    data = list(rows) if rows is not None else checklist_rows(ws, chosen)
    if library_id is not None:
        data = [r for r in data if r.library_id == library_id]
        if not data:
            raise ExchangeError("exchange.library_not_in_assessment", library=library_id)
    name = next(a.name for a in list_assessments(ws) if a.id == chosen)
    return _write_checklist(out, data, lang, name)


def _write_checklist(out: Path, data: list[ChecklistRow], lang: str, name: str) -> int:
    try:
        if out.suffix.lower() == ".csv":
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
        writer.writerow([words.header(field, lang) for field in words.FIELDS])
        for r in rows:
            writer.writerow([_csv_text(value) for value in _cells(r, lang)])


def _csv_text(value: object) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    return guard_csv(str(value))


def _csv_safe(text: str) -> str:
    """Keep spreadsheet programs from running text as a formula (CSV injection), and nothing
    more: for files read by scripts as well (the package's audit trail, whose hashes must
    stay as they are). Exchanged files use the fuller guard of `sheet_text`."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def wrapped_by_default(book: Any) -> None:
    """Make the workbook's default cell format (xf 0) wrap text at the top of the cell, so
    the thousands of plain cells need no style of their own (styling each cell costs more
    than writing it). openpyxl keeps formats in `_cell_styles` and `_alignments`."""
    from openpyxl.styles import Alignment
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.utils.indexed_list import IndexedList

    wrap = Alignment(vertical="top", wrap_text=True)
    book._named_styles["Normal"].alignment = wrap  # LibreOffice reads the Normal style
    alignment = book._alignments.add(wrap)
    default = StyleArray()
    default.alignmentId = alignment
    book._cell_styles = IndexedList([default])


def write_sheet(
    sheet: Any,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[float],
    freeze: str = "A2",
) -> int:
    """Append a header and rows of text, dates and numbers to a write-only sheet of a
    workbook made `wrapped_by_default`: text typed as text (never a formula; Excel's quote
    prefix where it reads like a value), dates as date cells, the header bold and repeated
    on every printed page, landscape, fit to the page's width. Returns the rows written."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    default = sheet.parent._cell_styles[0]  # the workbook's default format
    for i, width in enumerate(widths, start=1):
        column = sheet.column_dimensions[get_column_letter(i)]
        column.width = width
        column._style = copy(default)  # LibreOffice gives unstyled cells their column's format
    sheet.freeze_panes = freeze  # (a write-only sheet writes its view with the first row)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F3A5F")
    top = Alignment(vertical="top", wrap_text=True)

    def head(text: str) -> Any:
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        return cell

    sheet.append([head(ILLEGAL_CHARACTERS_RE.sub("", h)) for h in header])
    # styled cells are made from one cell styled once (styling each cell costs 5x); plain
    # text and numbers go in as values, which openpyxl writes fastest
    quoted = WriteOnlyCell(sheet)
    quoted.alignment = top
    quoted.quotePrefix = True
    dated = WriteOnlyCell(sheet)
    dated.alignment = top
    dated.number_format = "yyyy-mm-dd"
    style_quoted, style_dated = quoted._style, dated._style
    illegal = ILLEGAL_CHARACTERS_RE
    count = 0
    for values in rows:
        out: list[object] = []
        for value in values:
            if isinstance(value, str):
                if not value:
                    out.append(None)
                    continue
                if illegal.search(value):
                    value = illegal.sub("", value)
                value = value[:32767]
                text, prefix = guard_xlsx(value)
                if prefix:  # (every text openpyxl would take for a formula is one of these)
                    cell = WriteOnlyCell(sheet)
                    cell._value = text
                    cell.data_type = "s"
                    cell._style = copy(style_quoted)
                    out.append(cell)
                else:
                    out.append(text)
            elif isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell._style = copy(style_dated)
                out.append(cell)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                out.append(value)
            else:
                out.append(None if value is None else str(value))
        sheet.append(out)
        count += 1
    return count


def _write_xlsx(path: Path, rows: list[ChecklistRow], lang: str, assessment_name: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    def text(value: str) -> Any:
        """A text cell of `value`: typed as text, no control characters XML cannot carry."""
        cell = WriteOnlyCell(summary, value=ILLEGAL_CHARACTERS_RE.sub("", value)[:32767])
        cell.data_type = "s"
        return cell

    wb = Workbook(write_only=True)
    wrapped_by_default(wb)
    sheet = wb.create_sheet(words.word(words.SHEETS["checklist"], lang))
    fields = words.FIELDS
    last = max(2, len(rows) + 1)
    for field, choice in words.CHOICES.items():
        col = get_column_letter(fields.index(field) + 1)
        listed = ",".join(choice.shown(lang))
        dv = DataValidation(
            type="list",
            formula1=f'"{listed}"',
            allow_blank=field != "status",
            showErrorMessage=True,
            errorTitle=words.word(words.SUMMARY["invalid_title"], lang),
            error=words.word(words.SUMMARY["invalid_text"], lang).format(
                values="、".join(choice.shown(lang))
                if lang == "zh_CN"
                else ", ".join(choice.shown(lang))
            ),
        )
        dv.add(f"{col}2:{col}{last}")
        sheet.data_validations.append(dv)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{last}"
    # paper gets the columns people read; who changed a row when, and its key, stay on screen
    sheet.print_area = f"A1:{get_column_letter(fields.index('statement') + 1)}{last}"
    write_sheet(
        sheet,
        [words.header(f, lang) for f in fields],
        (_cells(r, lang) for r in rows),
        widths=[WIDTHS.get(f, 16) for f in fields],
        freeze="C2",
    )
    # Summary sheet
    summary = wb.create_sheet(words.word(words.SHEETS["summary"], lang))
    summary.column_dimensions["A"].width = 14
    summary.column_dimensions["B"].width = 28
    label = {k: words.word(v, lang) for k, v in words.SUMMARY.items()}
    bold = Font(bold=True)
    summary.append([text(label["assessment"]), text(assessment_name)])
    summary.append([text(label["exported"]), text(dt.datetime.now().strftime("%Y-%m-%d %H:%M"))])
    summary.append([])
    heads = []
    for key in ("clause", "conformity", "assessed", "applicable", "total"):
        cell = text(label[key])
        cell.font = bold
        heads.append(cell)
    summary.append(heads)
    for clause, sc in score_by_clause(r.item for r in rows).items():
        share = WriteOnlyCell(summary, None if sc.conformity is None else round(sc.conformity, 3))
        share.number_format = "0%"
        summary.append([text(clause), share, sc.assessed, sc.applicable, sc.total])
    summary.append([])
    sep = "、" if lang == "zh_CN" else ", "
    summary.append(
        [text(label["status_values"]), text(sep.join(words.CHOICES["status"].shown(lang)))]
    )
    summary.append([text(label["scoring"]), text(label["scoring_rule"])])
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
class Table:
    """The cells of an exchanged file as text (dates as ISO text), and where they came from."""

    file: str
    sheet: str | None  # None for CSV
    rows: list[list[str]]
    encoding: str = ""  # of a CSV

    def at_row(self, number: int) -> Message:
        if self.sheet is None:
            return Message("exchange.at_row", {"file": self.file, "row": number})
        return Message(
            "exchange.at_sheet_row", {"file": self.file, "sheet": self.sheet, "row": number}
        )


_Table = Table


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


def read_table(
    path: Path,
    *,
    sheet_names: Sequence[str] = (),
    encoding: str | None = None,
    header_rows: int = 0,
) -> Table:
    """The cells of a CSV or XLSX file, each as the text it stands for (guards undone).
    In a workbook, the first sheet named one of `sheet_names` (in any case or width), else
    the first visible sheet, is read; merged cells are refused below the first
    `header_rows` rows (a foreign checklist's title and headings may be merged)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise ExchangeError("exchange.import_suffix", file=path.name)
    data = _read_bytes(path)
    if suffix == ".csv":
        rows, used = _read_csv(data, path.name, encoding)
        return Table(path.name, None, rows, used)
    try:
        sheet, rows = _read_xlsx(data, path.name, sheet_names, header_rows)
    except ExchangeError:
        raise
    except Exception as exc:  # openpyxl meets hostile XML with exceptions of any class
        raise ExchangeError("exchange.xlsx_damaged", file=path.name, detail=_describe(exc)) from exc
    return Table(path.name, sheet, rows)


def _read_table(path: Path, encoding: str | None = None) -> Table:
    return read_table(path, sheet_names=words.SHEETS["checklist"], encoding=encoding)


def _describe(exc: BaseException) -> str:
    """A short technical note on what a reader found wrong (for the curious and for support)."""
    detail = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def map_header(
    table: Table,
    by_word: dict[str, str],
    required: Callable[[set[str]], Sequence[str | Message]],
) -> dict[str, int]:
    """{field: column index} from the header row (words folded; unknown columns ignored);
    `required(found fields)` names the headers still missing, refused with what was found."""
    if not table.rows:
        raise ExchangeError("exchange.empty", file=table.file)
    header = [h.strip() for h in table.rows[0]]
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        f = by_word.get(fold(h)) if h else None
        if f is None:
            continue
        if f in seen:
            raise ExchangeError("exchange.column_twice", file=table.file, column=h)
        seen[f] = i
    missing = required(set(seen))
    if missing:
        found = [h for h in header if h]
        raise ExchangeError(
            "exchange.missing_columns",
            file=table.file,
            columns=missing,
            found=found or Message("exchange.nothing"),
        )
    return seen


def data_rows(table: Table, columns: dict[str, int]) -> list[tuple[int, dict[str, str]]]:
    """(row number as the user sees it, {field: text}) for every row that is not empty."""
    out: list[tuple[int, dict[str, str]]] = []
    for number, raw in enumerate(table.rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        out.append((number, {f: (raw[i] if i < len(raw) else "") for f, i in columns.items()}))
    return out


def _read_rows(
    path: Path, encoding: str | None = None
) -> tuple[Table, list[tuple[int, dict[str, str]]]]:
    """The file read, and (row number as the user sees it, {field: text}) for every data row."""
    table = _read_table(path, encoding)

    def required(found: set[str]) -> list[str]:
        if "key" in found:
            return []
        return [words.header(f, "en") for f in ("library_id", "ref") if f not in found]

    columns = map_header(table, words.headers_by_word(), required)
    return table, data_rows(table, columns)


# -- CSV ----------------------------------------------------------------------------


def _decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    try:
        return decode_csv(data, encoding)
    except NotText:
        raise ExchangeError("exchange.csv_not_text", file=name) from None
    except EncodingUnsure:
        raise ExchangeError("exchange.csv_encoding_unsure", file=name) from None
    except (UnicodeDecodeError, LookupError):
        raise ExchangeError("exchange.csv_wrong_encoding", file=name, encoding=encoding) from None


LEGACY_ENCODINGS = ("cp1252", "gb18030")  # what a user is asked to choose between


def utf8_copy(path: Path, encoding: str, folder: Path) -> Path:
    """A UTF-8 copy of the CSV `path` read in `encoding`, under the same name in `folder`
    (so a refusal still names the user's file): for the GUI, once the user has said which
    encoding a file is in."""
    path = Path(path)
    text, _ = _decode(_read_bytes(path), path.name, encoding)
    target = Path(folder) / path.name
    target.write_text(text, encoding="utf-8", newline="")
    return target


def _read_csv(data: bytes, name: str, encoding: str | None = None) -> tuple[list[list[str]], str]:
    text, used = _decode(data, name, encoding)
    if "\x00" in text:
        raise ExchangeError("exchange.csv_not_text", file=name)
    reader = split_csv(text)
    table: list[list[str]] = []
    cells = 0
    line = 0
    try:
        for row in reader:
            line += 1
            if len(table) > MAX_ROWS:  # the header and MAX_ROWS rows are read
                raise ExchangeError("exchange.too_many_rows", where=name, limit=MAX_ROWS)
            cells += len(row)
            if cells > MAX_CELLS:
                raise ExchangeError("exchange.too_many_cells", where=name, limit=MAX_CELLS)
            table.append([unguard(cell) for cell in row])
    except csv.Error as exc:
        line_num = getattr(reader, "line_num", line)
        if "field larger than field limit" in str(exc):
            raise ExchangeError(
                "exchange.csv_field_too_long",
                file=name,
                line=line_num,
                limit=csv.field_size_limit(),
            ) from exc
        raise ExchangeError(
            "exchange.csv_unreadable", file=name, line=line_num, detail=str(exc)
        ) from exc
    return table, used


# -- XLSX: the zip and its XML counted first ----------------------------------------------


@dataclass
class SheetCensus:
    """What one XML part holds that matters when it is read as a worksheet."""

    rows: int = 0  # row elements
    last_row: int = 0  # the last row holding a value (as openpyxl numbers rows)
    last_column: int = 0  # the last column holding a value
    merged: list[str] = dataclass_field(default_factory=list)
    formula_at: str | None = None  # the first cell holding a formula
    # the cells as written, kept in the same pass: (row number, [[column, type, style,
    # value text]]), read into values by `_sheet_table` once the workbook's styles are known
    cells: list[tuple[int, list[list[Any]]]] = dataclass_field(default_factory=list)


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
_OTHER, _VALUE, _FORMULA, _TEXT, _ROW, _MERGE, _SHEET_DATA, _STRING_TABLE, _INLINE, _RUN = range(10)
_KINDS = {
    "v": _VALUE,
    "is": _INLINE,
    "r": _RUN,
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
    # the values kept as the grid is counted: openpyxl's reading of a cell, without its
    # objects (the first <v>'s text; of an inline string, its <t> and its runs' <t>)
    cell: list[Any] = []
    cells_of_row: list[list[Any]] = []
    captured: list[str] = []
    capture_depth = inline_depth = run_depth = 0
    last_row = last_column = 0  # (kept in the sheet's census once the part is read)
    plain: str | None = None
    runs: list[str] = []

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
        nonlocal cell, cells_of_row, capture_depth, inline_depth, run_depth, plain, runs
        nonlocal last_row, last_column
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
                cells_of_row = []
                sheet.cells.append((row, cells_of_row))
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
                cell = [column, attrs.get("t", "n"), attrs.get("s"), None]
                cells_of_row.append(cell)
            else:
                structure += 1
        elif (
            level == 3
            and parent_is_cell
            and (kind == _VALUE or kind == _FORMULA or kind == _INLINE)
        ):
            elements += 1
            values += 1
            if kind == _VALUE:
                if cell[3] is None and not capture_depth:
                    captured.clear()
                    capture_depth = depth
            elif kind == _INLINE and not inline_depth:
                inline_depth, plain, runs = depth, None, []
            if row > last_row:
                last_row = row
            if column > last_column:
                last_column = column
            if kind == _FORMULA and sheet.formula_at is None:
                sheet.formula_at = cell_ref or f"{_column_letters(column)}{row}"
        elif kind == _TEXT:
            elements += 1
            if inline_depth and not capture_depth:
                if depth == inline_depth + 1 or (run_depth and depth == run_depth + 1):
                    captured.clear()
                    capture_depth = depth
        else:
            structure += 1  # rich text runs in a cell, extensions
            if kind == _RUN and inline_depth and depth == inline_depth + 1:
                run_depth = depth
        if elements > MAX_XML_ELEMENTS:
            raise ExchangeError(
                "exchange.xlsx_too_many_elements", where=where, limit=MAX_XML_ELEMENTS
            )
        if structure > MAX_STRUCTURE_ELEMENTS:
            raise ExchangeError(
                "exchange.xlsx_too_much_structure", where=where, limit=MAX_STRUCTURE_ELEMENTS
            )

    def end(tag: str) -> None:
        nonlocal depth, grid, capture_depth, inline_depth, run_depth, plain
        if depth == capture_depth:
            capture_depth = 0
            text = "".join(captured)
            if inline_depth:
                if depth == inline_depth + 1:
                    plain = text  # openpyxl keeps the last
                else:
                    runs.append(text)
            else:
                cell[3] = text
        elif depth == run_depth:
            run_depth = 0
        elif depth == inline_depth:
            inline_depth = 0
            if len(cell) == 4:  # openpyxl reads a cell's first <is>
                cell.append("".join(runs) if plain is None else plain + "".join(runs))
        if depth == grid:
            grid = 0
        depth -= 1

    def text(data: str) -> None:
        if capture_depth:
            captured.append(data)

    def declaration(*_: object) -> None:  # a DTD: entities ("billion laughs"), external files
        raise ExchangeError("exchange.xlsx_damaged", file=name, detail=f"{info.filename}: DOCTYPE")

    parser = pyexpat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.buffer_text = True
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
        sheet.last_row, sheet.last_column = last_row, last_column
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


def _read_xlsx(
    data: bytes, name: str, sheet_names: Sequence[str] = (), header_rows: int = 0
) -> tuple[str, list[list[str]]]:
    """(sheet title, cells as text) of the sheet named one of `sheet_names`, or the first
    visible one. A hidden sheet is never read unseen."""
    census = check_workbook_archive(data, name)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        if not wb.worksheets:
            raise ExchangeError("exchange.xlsx_no_sheet", file=name)
        wanted = {fold(n) for n in sheet_names}
        named = [s for s in wb.worksheets if fold(s.title) in wanted]
        visible = [s for s in wb.worksheets if getattr(s, "sheet_state", "visible") == "visible"]
        sheet: Any = named[0] if named else (visible[0] if visible else wb.worksheets[0])
        if getattr(sheet, "sheet_state", "visible") != "visible":
            raise ExchangeError("exchange.hidden_sheet", file=name, sheet=sheet.title)
        counted = census.sheets.get(getattr(sheet, "_worksheet_path", ""))
        if counted is None or not hasattr(
            sheet, "iter_rows"
        ):  # a chart sheet, or a part not counted
            raise ExchangeError("exchange.xlsx_no_sheet", file=name)
        where = Message("exchange.at_sheet", {"file": name, "sheet": sheet.title})
        merged = [r for r in counted.merged if _last_row_of(r) > header_rows]
        if merged:
            raise ExchangeError("exchange.merged_cells", where=where, ranges=merged[:3])
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
        return sheet.title, _sheet_table(counted, sheet._shared_strings, wb)
    finally:
        wb.close()


def _sheet_table(counted: SheetCensus, strings: Sequence[str], wb: Any) -> list[list[str]]:
    """The sheet's cells as text, read from what the census kept as openpyxl's read-only
    `iter_rows(min_row=1, max_row=last_row, min_col=1, max_col=last_column,
    values_only=True)` reads them (rows out of order skipped, missing rows and cells empty,
    a later cell in the same column winning), without a second pass over the XML."""
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    width = max(1, counted.last_column)
    last = counted.last_row
    dates, durations, epoch = wb._date_formats, wb._timedelta_formats, wb.epoch
    table: list[list[str]] = []
    counter = 1
    for number, cells in counted.cells:
        if number > last:
            break
        while counter < number:
            table.append([""] * width)
            counter += 1
        if counter != number:
            continue
        out = [""] * width
        for column, kind, style, text, *inline in cells:
            if not 1 <= column <= width:
                continue
            value: object
            if kind == "inlineStr":
                value = inline[0] if inline else None
            elif not text:
                value = None
            elif kind == "s":
                value = strings[int(text)]
            elif kind == "n":
                value = _cast_number(text)
                style_id = int(style) if style else 0
                if style_id in dates:
                    try:
                        value = from_excel(value, epoch, timedelta=style_id in durations)
                    except (OverflowError, ValueError):
                        value = "#VALUE!"  # openpyxl's reading of a date out of range
            elif kind == "b":
                value = bool(int(text))
            elif kind == "d":
                value = from_ISO8601(text)
            else:  # "str", "e", and whatever openpyxl leaves as written
                value = text
            out[column - 1] = _xlsx_text(value)
        table.append(out)
        counter += 1
    return table


def _cast_number(text: str) -> int | float:
    """A number's text as openpyxl reads it."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _last_row_of(cell_range: str) -> int:
    """The last row a merged range such as "A1:F2" covers (a huge number when unreadable)."""
    digits = "".join(ch for ch in cell_range.rsplit(":", 1)[-1] if ch.isdigit())
    return int(digits) if digits else 1 << 30


def _xlsx_text(value: object) -> str:
    """A cell's value as the text it stands for: text with its guard undone, a date as ISO,
    a whole number without ".0", TRUE/FALSE as a spreadsheet shows them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unguard(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- planning and applying ---------------------------------------------------------------


def choice_words(choice: ChoiceWords) -> list[Message]:
    """What a choice accepts, for a refusal: each value's label and its code."""
    return [
        Message(
            "exchange.choice_word",
            {"en": choice.labels[c][0], "zh": choice.labels[c][1], "code": c},
        )
        for c in choice.codes
        if c
    ]


def _key_of(record: dict[str, str], where: Message) -> tuple[str, str]:
    key = record.get("key", "").strip()
    if key:
        library, sep, ref = key.partition(KEY_SEPARATOR)
        if not sep:
            raise ExchangeError("exchange.bad_row_key", where=where, key=key)
        return library.strip(), ref.strip()
    return record.get("library_id", "").strip(), record.get("ref", "").strip()


# -- a client's own checklist: columns mapped by the user ----------------------------------

MAPPABLE = ("library_id", "ref", *ITEM_FIELDS)  # the row's key, then every finding field
_MAP_ALIASES = {
    "library": "library_id",
    "action": "action_text",
    "owner": "action_owner",
    "due": "action_due",
    "priority": "action_priority",
    "state": "action_state",
    "practice": "current_practice",
    "evidence": "evidence_notes",
    "na": "na_justification",
}


@dataclass(frozen=True)
class ColumnMap:
    """Which column of a foreign checklist holds which field ("B", a header's text, or a
    column number from 1), the rows above the data, and the library when no column names
    it."""

    columns: dict[str, str]
    header_rows: int = 1
    library_id: str | None = None


def parse_column_map(text: str) -> dict[str, str]:
    """`ref=B,status=D,gap=Findings` as {field: column}; a wrong field is refused naming
    the fields that can be mapped."""
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, column = part.partition("=")
        field = _MAP_ALIASES.get(name.strip().lower(), name.strip().lower())
        if not sep or not column.strip() or field not in MAPPABLE:
            raise ExchangeError("exchange.bad_map", part=part.strip(), fields=list(MAPPABLE))
        out[field] = column.strip()
    if "ref" not in out:
        raise ExchangeError("exchange.map_needs_ref")
    return out


def _column_index(spec: str, header: list[str], file: str) -> int:
    """0-based index of a column given as letters, a number from 1, or a header's text."""
    text = spec.strip()
    if text.isdigit() and int(text) >= 1:
        return int(text) - 1
    if text.isalpha() and text.isascii() and len(text) <= 3:
        number = _column_number(text)
        if number:
            return number - 1
    folded = fold(text)
    for i, h in enumerate(header):
        if fold(h) == folded:
            return i
    raise ExchangeError(
        "exchange.map_no_column", file=file, column=spec, found=[h for h in header if h.strip()]
    )


def read_mapped(
    ws: Workspace,
    path: Path,
    mapping: ColumnMap,
    *,
    assessment_id: int | None = None,
    encoding: str | None = None,
) -> tuple[Table, list[tuple[int, dict[str, str]]]]:
    """The rows of a foreign checklist as {field: text}, keyed by library and reference:
    rows without a reference (headings, notes) and rows naming a section of the library
    are left out."""
    chosen = _pick_assessment(ws, assessment_id)
    libraries = next(a.library_ids for a in list_assessments(ws) if a.id == chosen)
    table = read_table(
        Path(path),
        sheet_names=words.SHEETS["checklist"],
        encoding=encoding,
        header_rows=mapping.header_rows,
    )
    if len(table.rows) <= mapping.header_rows:
        raise ExchangeError("exchange.empty", file=table.file)
    header = table.rows[mapping.header_rows - 1] if mapping.header_rows else []
    columns = {f: _column_index(c, header, table.file) for f, c in mapping.columns.items()}
    library = mapping.library_id
    if library is None and "library_id" not in columns:
        if len(libraries) != 1:
            raise ExchangeError("exchange.map_needs_library", libraries=list(libraries))
        library = libraries[0]
    sections = {
        (o.library_id, o.ref) for lib in libraries for o in library_outline(ws, lib) if o.is_section
    }
    records: list[tuple[int, dict[str, str]]] = []
    for number, raw in enumerate(table.rows[mapping.header_rows :], start=mapping.header_rows + 1):
        record = {f: (raw[i] if i < len(raw) else "") for f, i in columns.items()}
        record["ref"] = record["ref"].strip()
        if not record["ref"]:
            continue
        if library is not None:
            record["library_id"] = library
        if (record["library_id"].strip(), record["ref"]) in sections:
            continue
        records.append((number, record))
    return table, records


def _findings(
    ws: Workspace, assessment_id: int
) -> dict[tuple[str, str], tuple[int, ItemAssessment]]:
    """{(library, reference): (item id, finding)} of an assessment: what an import compares
    with, read without the requirements' texts `checklist_rows` adds for the screen."""
    from sqlalchemy import select

    from qms_desktop.storage.models import AssessmentItemRecord as i

    out: dict[tuple[str, str], tuple[int, ItemAssessment]] = {}
    with ws.reading() as s:
        query = with_actions(select(i.id, *_finding_columns())).where(
            i.assessment_id == assessment_id
        )
        for row in s.connection().execute(query).all():
            item = _finding(row[1:])
            out[(item.library_id, item.ref)] = (row[0], item)
    return out


def plan_import(
    ws: Workspace,
    path: Path,
    *,
    assessment_id: int | None = None,
    encoding: str | None = None,
    mapping: ColumnMap | None = None,
) -> ImportReport:
    """Read a checklist file (ours, or a client's own with `mapping`) and work out every
    change, refusing the whole file on any bad row. Writes nothing."""
    chosen = _pick_assessment(ws, assessment_id)
    current = _findings(ws, chosen)
    changes: list[ImportChange] = []
    unchanged = 0
    seen: dict[tuple[str, str], int] = {}
    if mapping is None:
        table, records = _read_rows(path, encoding)
    else:
        table, records = read_mapped(ws, path, mapping, assessment_id=chosen, encoding=encoding)
    for number, record in records:
        where = table.at_row(number)
        key = _key_of(record, where)
        if key in seen:
            raise ExchangeError(
                "exchange.duplicate_row", where=where, library=key[0], ref=key[1], first=seen[key]
            )
        seen[key] = number
        found = current.get(key)
        if found is None:
            raise ExchangeError(
                "exchange.unknown_requirement", where=where, library=key[0], ref=key[1]
            )
        item_id, item = found
        old = item_values(item)
        new: dict[str, object] = {}
        for field_name, text in record.items():
            if field_name in KEYS or field_name in READ_ONLY or field_name == "key":
                continue
            if mapping is not None and not text.strip():
                continue  # a client's blank cell says nothing: what is stored stays
            value: object = text
            choice = words.CHOICES.get(field_name)
            if choice is not None:
                code = choice.read(text, _LOOKUPS[field_name])
                if code is None:
                    raise ExchangeError(
                        "exchange.bad_value",
                        where=where,
                        value=text.strip(),
                        field=ENUM_NAMES[field_name],
                        allowed=choice_words(choice),
                    )
                value = code
            elif field_name == "action_due":
                try:
                    value = read_date(text)
                except ValueError:
                    raise ExchangeError("exchange.bad_date", where=where, text=text) from None
            if field_name == "action_state" and {old[field_name], value} <= {"", "open"}:
                continue  # an action's state not set counts as open (its nonconformity's)
            if old[field_name] != value:
                new[field_name] = value
        if not new:
            unchanged += 1
            continue
        try:
            check_values(item, new)
        except ValidationError as exc:
            raise ExchangeError("exchange.invalid_value", where=where, reason=exc.message) from None
        changes.append(ImportChange(number, key[0], key[1], item_id, new))
    return ImportReport(changes, unchanged)


def import_checklist(
    ws: Workspace,
    actor: str,
    path: Path,
    *,
    assessment_id: int | None = None,
    encoding: str | None = None,
    mapping: ColumnMap | None = None,
) -> tuple[ImportReport, ChangeSet]:
    """Apply a checklist file: every row is checked first, then all changes are written in
    one transaction, or none."""
    report = plan_import(ws, path, assessment_id=assessment_id, encoding=encoding, mapping=mapping)
    if not report.changes:
        return report, ChangeSet()
    changes = assess_many(ws, actor, [(c.item_id, c.values) for c in report.changes])
    return report, changes
