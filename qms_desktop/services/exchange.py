"""Checklist exchange: export an assessment to XLSX or CSV for a client meeting, and
import the answers back — matched by library and reference code, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from qms_desktop.domain.assessment import ActionState, Grade, Priority, Status, score_by_clause
from qms_desktop.domain.errors import QmsError, ValidationError
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
WIDTHS = {"library_id": 14, "ref": 9, "title": 42, "status": 18, "grade": 18, "na_justification": 28,
          "current_practice": 44, "evidence_notes": 34, "evidence_files": 26, "gap": 36, "action_text": 36,
          "action_owner": 16, "action_due": 12, "action_priority": 10, "action_state": 13, "changed_by": 14,
          "changed_at": 20}
ENUM_VALUES = {
    "status": [s.value for s in Status],
    "grade": [g.value for g in Grade],
    "action_priority": [p.value for p in Priority],
    "action_state": [s.value for s in ActionState],
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
        raise ExchangeError("The workspace holds no assessment yet; create one in the Compare step first.")
    if assessment_id is None:
        return assessments[-1].id
    if assessment_id not in {a.id for a in assessments}:
        raise ExchangeError(f"The workspace holds no assessment {assessment_id}.")
    return assessment_id


def export_checklist(ws: Workspace, out: Path, *, assessment_id: int | None = None,
                     library_id: str | None = None, rows: Iterable[ChecklistRow] | None = None,
                     lang: str = "en") -> int:
    """Write the checklist (or the given rows, e.g. the filtered selection) to .xlsx or .csv.
    Returns the number of requirements written."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExchangeError(f"{out.name}: export to a .xlsx or .csv file.")
    if not out.parent.is_dir():
        raise ExchangeError(f"The folder {out.parent} does not exist.")
    chosen = _pick_assessment(ws, assessment_id)
    data = list(rows) if rows is not None else checklist_rows(ws, chosen)
    if library_id is not None:
        data = [r for r in data if r.library_id == library_id]
        if not data:
            raise ExchangeError(f"The assessment holds no requirement of library {library_id}.")
    name = next(a.name for a in list_assessments(ws) if a.id == chosen)
    if suffix == ".csv":
        write_atomically(out, lambda p: _write_csv(p, data, lang))
    else:
        write_atomically(out, lambda p: _write_xlsx(p, data, lang, name))
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
        values = []
        for _, field in COLUMNS:
            text = ILLEGAL_CHARACTERS_RE.sub("", _cell(r, field, lang))[:32767]
            values.append(text)
        ws.append(values)
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
        dv = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=field != "status",
                            showErrorMessage=True, errorTitle="Not a valid value",
                            error=f"Choose one of: {listed}")
        dv.add(f"{col}2:{col}{last}")
        ws.add_data_validation(dv)
    # Summary sheet
    summary = wb.create_sheet("Summary")
    summary.append(["Assessment", assessment_name])
    summary.append(["Exported", dt.datetime.now().strftime("%Y-%m-%d %H:%M")])
    summary.append([])
    summary.append(["Clause", "Conformity", "Assessed", "Applicable", "Total"])
    for cell in summary[4]:
        cell.font = Font(bold=True)
    for clause, sc in score_by_clause(r.item for r in rows).items():
        summary.append([clause, None if sc.conformity is None else round(sc.conformity, 3), sc.assessed,
                        sc.applicable, sc.total])
        summary.cell(summary.max_row, 2).number_format = "0%"
    summary.column_dimensions["A"].width = 14
    summary.column_dimensions["B"].width = 28
    summary.append([])
    summary.append(["Status values", ", ".join(ENUM_VALUES["status"])])
    summary.append(["Scoring", "conforming = 1, partially conforming = 0.5; not applicable and not assessed "
                    "are left out"])
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
        return (f"{len(self.changes)} requirement(s) changed ({fields} field(s)), "
                f"{self.unchanged} unchanged")


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number as the user sees it, {field: text}) for every data row."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExchangeError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if size > MAX_IMPORT_BYTES:
        raise ExchangeError(f"{path.name} is larger than {MAX_IMPORT_BYTES // 1048576} MB; it is not a checklist.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path)
    else:
        raise ExchangeError(f"{path.name}: import a .xlsx or .csv file.")
    if not table:
        raise ExchangeError(f"{path.name} is empty.")
    header = [h.strip() for h in table[0]]
    by_header = {h.casefold(): f for h, f in COLUMNS}
    fields: list[str | None] = []
    for h in header:
        fields.append(by_header.get(h.casefold()))
    missing = [h for h, f in COLUMNS if f in KEYS and f not in fields]
    if missing:
        raise ExchangeError(f"{path.name}: the header row lacks the column(s) {', '.join(missing)} "
                            f"(found: {', '.join(h for h in header if h) or 'nothing'}).")
    seen: dict[str, int] = {}
    for i, f in enumerate(fields):
        if f is None:
            continue
        if f in seen:
            raise ExchangeError(f"{path.name}: column {header[i]!r} appears twice.")
        seen[f] = i
    out: list[tuple[int, dict[str, str]]] = []
    for number, raw in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        record = {f: (raw[i] if i < len(raw) else "") for f, i in seen.items()}
        out.append((number, record))
    return out


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExchangeError(f"{name}: the text encoding is not recognised; save it as UTF-8 CSV.")


def _read_csv(path: Path) -> list[list[str]]:
    text = _decode(path.read_bytes(), path.name)
    if "\x00" in text:
        raise ExchangeError(f"{path.name} is not a text CSV file.")
    try:
        return [[_csv_unsafe(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise ExchangeError(f"{path.name}: not a readable CSV file ({exc}).") from exc


def _read_xlsx(path: Path) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=False, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ExchangeError(f"{path.name} is not a readable Excel workbook ({type(exc).__name__}).") from exc
    sheet = wb["Checklist"] if "Checklist" in wb.sheetnames else wb.worksheets[0]
    merged = [str(r) for r in sheet.merged_cells.ranges]
    if merged:
        raise ExchangeError(f"{path.name}, sheet {sheet.title}: merged cells ({', '.join(merged[:3])}) "
                            "cannot be matched to requirements; unmerge them and import again.")
    table: list[list[str]] = []
    for row in sheet.iter_rows():
        cells: list[str] = []
        for cell in row:
            value = cell.value
            if isinstance(value, str) and value.startswith("=") and cell.data_type == "f":
                raise ExchangeError(f"{path.name}, sheet {sheet.title}, cell {cell.coordinate}: a formula "
                                    "is not an answer; type the value instead.")
            if isinstance(value, dt.datetime):
                value = value.date().isoformat()
            elif isinstance(value, dt.date):
                value = value.isoformat()
            cells.append("" if value is None else str(value))
        table.append(cells)
    wb.close()
    return table


def plan_import(ws: Workspace, path: Path, *, assessment_id: int | None = None) -> ImportReport:
    """Read a checklist file and work out every change, refusing the whole file on any bad
    row. Writes nothing."""
    chosen = _pick_assessment(ws, assessment_id)
    current = {(r.library_id, r.ref): r for r in checklist_rows(ws, chosen)}
    changes: list[ImportChange] = []
    unchanged = 0
    seen: dict[tuple[str, str], int] = {}
    for number, record in _read_rows(path):
        key = (record["library_id"].strip(), record["ref"].strip())
        where = f"{Path(path).name}, row {number}"
        if key in seen:
            raise ExchangeError(f"{where}: {key[0]} {key[1]} already appeared in row {seen[key]}.")
        seen[key] = number
        row = current.get(key)
        if row is None:
            raise ExchangeError(f"{where}: the assessment has no requirement {key[1]!r} in library {key[0]!r}.")
        old = item_values(row.item)
        new: dict[str, object] = {}
        for field, text in record.items():
            if field in KEYS or field in READ_ONLY:
                continue
            value: object = text.strip() if field in ENUM_VALUES or field == "action_due" else text
            if field in ENUM_VALUES and value not in ENUM_VALUES[field]:
                allowed = ", ".join(v for v in ENUM_VALUES[field] if v)
                raise ExchangeError(f"{where}: {value!r} is not a valid {field.replace('_', ' ')} "
                                    f"(use one of: {allowed}).")
            if field == "action_due":
                value = None if not value else value
                if value is not None:
                    try:
                        value = dt.date.fromisoformat(str(value)[:10])
                    except ValueError:
                        raise ExchangeError(f"{where}: due date {text!r} is not a date (YYYY-MM-DD).") from None
            if old[field] != value:
                new[field] = value
        if not new:
            unchanged += 1
            continue
        try:
            check_values(row.item, new)
        except ValidationError as exc:
            raise ExchangeError(f"{where}: {exc}") from None
        changes.append(ImportChange(number, key[0], key[1], row.item_id, new))
    return ImportReport(changes, unchanged)


def import_checklist(ws: Workspace, actor: str, path: Path, *, assessment_id: int | None = None) -> tuple[ImportReport, ChangeSet]:
    """Apply a checklist file: every row is checked first, then all changes are written in
    one transaction, or none."""
    report = plan_import(ws, path, assessment_id=assessment_id)
    if not report.changes:
        return report, ChangeSet()
    changes = assess_many(ws, actor, [(c.item_id, c.values) for c in report.changes])
    return report, changes
