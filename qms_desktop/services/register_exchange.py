"""Registers in and out: any register declared in `domain.registers` written to XLSX or CSV
in the user's language, and read back — matched by record ID (a row without one is a new
record), all rows checked before one transaction writes them all, or none.

Nothing here names a register: columns, kinds, choices and references come from the
declaration, so a register declared later exchanges without a change here. Words come
from the auditor's package tables (both languages); a field or choice not listed there
shows its own name. A reference is written as the record's name and ID ("Li Na [#3]");
on import the ID decides, else a name that only one record has."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.messages import Message, words
from qms_desktop.domain.quality_cost import MONEY_FIELDS
from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import (
    REFERENCE_KINDS,
    REGISTERS,
    Field,
    Register,
    blank_value,
    validate_record,
)
from qms_desktop.fileio import write_atomically
from qms_desktop.services.changes import ChangeSet
from qms_desktop.services.exchange import (
    ExchangeError,
    choice_words,
    data_rows,
    document_language,
    map_header,
    read_table,
    wrapped_by_default,
    write_sheet,
)
from qms_desktop.services.sheet_text import ChoiceWords, fold, guard_csv, read_date
from qms_desktop.storage.workspace import Workspace

ID_COLUMN = "id"
MAX_REGISTER_ROWS = 20_000  # a register holds hundreds of records; a file of more is not one
RECORD_ID = ("Record ID", "记录号")
_REF = re.compile(r"\[#(\d+)\]\s*$")


def _words() -> tuple[
    dict[str, tuple[str, str]], dict[tuple[str, str], tuple[str, str]], dict[str, tuple[str, str]]
]:
    from qms_desktop.domain.register_labels import CHOICE_LABELS, FIELD_LABELS, REGISTER_TITLES

    return REGISTER_TITLES, FIELD_LABELS, CHOICE_LABELS


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh_CN" else pair[0]


def _own_words(name: str) -> tuple[str, str]:
    shown = name.replace("_", " ").capitalize()
    return shown, shown


def register_of(key: str) -> Register:
    """The register named `key` (its key, or its title in either language)."""
    if key in REGISTERS:
        return REGISTERS[key]
    titles = _words()[0]
    for k, pair in titles.items():
        if fold(key) in {fold(pair[0]), fold(pair[1])} and k in REGISTERS:
            return REGISTERS[k]
    raise ExchangeError("exchange.no_such_register", register=key, registers=sorted(REGISTERS))


def register_title(reg: Register, lang: str) -> str:
    return _pick(_words()[0].get(reg.key, _own_words(reg.key)), lang)


def field_words(reg: Register, field: Field) -> tuple[str, str]:
    return _words()[1].get((reg.key, field.name), _own_words(field.name))


def choice_of(field: Field) -> ChoiceWords:
    labels = _words()[2]
    codes = field.choices
    if not field.required and "" not in codes:
        codes = ("", *codes)  # an optional choice may stay empty
    return ChoiceWords(codes, {c: labels.get(c, (c, c)) for c in codes if c})


def _columns(reg: Register) -> list[tuple[str, tuple[str, str]]]:
    """(field name or "id", its header in both languages), in the file's order."""
    return [(ID_COLUMN, RECORD_ID), *((f.name, field_words(reg, f)) for f in reg.fields)]


# -- export -----------------------------------------------------------------------------


def export_register(ws: Workspace, key: str, out: Path, *, lang: str | None = None) -> int:
    """Write every record of the register to .xlsx or .csv; returns the number written."""
    from qms_desktop.services import registers

    reg = register_of(key)
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExchangeError("exchange.export_suffix", file=out.name)
    if not out.parent.is_dir():
        raise ExchangeError("exchange.no_folder", folder=str(out.parent))
    lang = lang or document_language(ws)
    records = registers.list_records(ws, reg.key)
    names = {f.ref: registers.record_labels(ws, f.ref) for f in reg.references()}
    choices = {f.name: choice_of(f) for f in reg.fields if f.kind == "choice"}

    def value(f: Field, v: object) -> object:
        if f.kind == "reference":
            return "" if v is None else _named(names[f.ref], v)  # type: ignore[arg-type]
        if f.kind == "references":
            ids: tuple[int, ...] = v if isinstance(v, tuple) else ()
            return "\n".join(_named(names[f.ref], i) for i in ids)
        if f.kind == "choice":
            return choices[f.name].label(str(v or ""), lang)
        if f.kind == "number" and isinstance(v, float) and v.is_integer():
            return int(v)
        return "" if v is None else v

    rows = [[r.id, *(value(f, r.values.get(f.name)) for f in reg.fields)] for r in records]
    header = [_pick(words, lang) for _, words in _columns(reg)]
    try:
        if suffix == ".csv":
            write_atomically(out, lambda p: _write_csv(p, header, rows))
        else:
            write_atomically(out, lambda p: _write_xlsx(p, reg, lang, header, rows))
    except OSError as exc:
        raise ExchangeError(
            "exchange.cannot_write", path=str(out), reason=exc.strerror or str(exc)
        ) from exc
    return len(records)


def _named(labels: dict[int, str], record_id: int) -> str:
    name = labels.get(record_id, "")
    return f"{name} [#{record_id}]" if name else f"[#{record_id}]"


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [
                    _plain_number(v) if isinstance(v, int | float) else guard_csv(_text(v))
                    for v in row  # the record ID and numbers stay plain numbers
                ]
            )


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _write_xlsx(
    path: Path, reg: Register, lang: str, header: list[str], rows: list[list[object]]
) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook(write_only=True)
    wrapped_by_default(wb)
    sheet = wb.create_sheet(_sheet_title(register_title(reg, lang)))
    last = max(2, len(rows) + 1)
    for i, f in enumerate(reg.fields, start=2):
        if f.kind != "choice":
            continue
        shown = choice_of(f).shown(lang)
        listed = ",".join(shown)
        if len(listed) > 250 or any("," in s or '"' in s for s in shown):
            continue  # Excel's list holds 255 characters and no commas
        col = get_column_letter(i)
        dv = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=not f.required)
        dv.add(f"{col}2:{col}{last}")
        sheet.data_validations.append(dv)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{last}"
    widths = [10.0, *(48.0 if f.kind == "multiline" else 24.0 for f in reg.fields)]
    write_sheet(sheet, header, rows, widths=widths, freeze="B2")
    wb.save(path)


def _sheet_title(title: str) -> str:
    """A sheet title Excel accepts: 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Register"


# -- import -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterUpdate:
    row_number: int
    record_id: int
    before: dict[str, object]  # the fields that change, as they were
    after: dict[str, object]  # and as the file has them


@dataclass(frozen=True)
class RegisterImport:
    """What a register file does: records updated (by ID), records added, rows unchanged.
    After `import_register`, `added` holds the new records with their IDs (for undo)."""

    register: str
    updated: tuple[RegisterUpdate, ...]
    added: tuple[Record, ...]
    unchanged: int

    def describe(self) -> str:
        return (
            f"{len(self.added)} record(s) added, {len(self.updated)} changed, "
            f"{self.unchanged} unchanged"
        )


def _by_word(reg: Register) -> dict[str, str]:
    found = {
        fold(ID_COLUMN): ID_COLUMN,
        fold(RECORD_ID[0]): ID_COLUMN,
        fold(RECORD_ID[1]): ID_COLUMN,
    }
    for f in reg.fields:
        for w in (f.name, *field_words(reg, f)):
            found[fold(w)] = f.name
    return found


def plan_register_import(
    ws: Workspace, key: str, path: Path, *, encoding: str | None = None
) -> RegisterImport:
    """Read a register file and work out every change, refusing the whole file at the first
    bad row (named by its number and column). Writes nothing."""
    from qms_desktop.services import registers

    reg = register_of(key)
    title = register_title(reg, "en")
    table = read_table(Path(path), sheet_names=_sheet_names(reg), encoding=encoding)

    def required(found: set[str]) -> list[str | Message]:  # named in the user's language
        return [] if found - {ID_COLUMN} else [words(field_words(reg, f)) for f in reg.fields]

    columns = map_header(table, _by_word(reg), required)
    current = {r.id: r for r in registers.list_records(ws, reg.key)}
    targets = {f.ref: _Targets(registers.record_labels(ws, f.ref)) for f in reg.references()}
    lookups = {
        f.name: (c, c.lookup()) for f in reg.fields if f.kind == "choice" for c in [choice_of(f)]
    }
    headers: dict[str, str | Message] = {
        name: table.rows[0][i].strip() for name, i in columns.items()
    }
    for f in reg.fields:  # a field the file has no column for: named by its header word
        if f.name not in headers:
            headers[f.name] = words(field_words(reg, f))
    updated: list[RegisterUpdate] = []
    added: list[Record] = []
    unchanged = 0
    seen: dict[int, int] = {}
    to_check: list[tuple[int, dict[str, object], dict[str, object] | None, int | None]] = []
    if len(table.rows) - 1 > MAX_REGISTER_ROWS:
        raise ExchangeError(
            "exchange.register_too_many_rows", file=table.file, limit=MAX_REGISTER_ROWS
        )
    for number, cells in data_rows(table, columns):
        where = table.at_row(number)
        record_id = _record_id(cells.get(ID_COLUMN, ""), where)
        read: dict[str, object] = {}
        for f in reg.fields:
            if f.name in cells:
                read[f.name] = _value(f, cells[f.name], where, headers[f.name], lookups, targets)
        if reg.key in MONEY_FIELDS:  # amounts in the workspace's one currency
            try:
                read = registers._money(ws, reg, read)
            except ValidationError as exc:
                raise _row_error(exc, where, headers) from None
        if record_id is not None:
            if record_id in seen:
                raise ExchangeError(
                    "exchange.duplicate_record", where=where, id=record_id, first=seen[record_id]
                )
            seen[record_id] = number
            old = current.get(record_id)
            if old is None:
                raise ExchangeError(
                    "exchange.unknown_record", where=where, register=title, id=record_id
                )
            cleaned = _validated(reg, {**old.values, **read}, where, headers)
            after = {n: v for n, v in cleaned.items() if v != old.values.get(n)}
            if not after:
                unchanged += 1
                continue
            before = {n: old.values.get(n) for n in after}
            updated.append(RegisterUpdate(number, record_id, before, after))
            to_check.append((number, cleaned, old.values, record_id))
        else:
            start = {f.name: (f.default or blank_value(f)) for f in reg.fields}
            cleaned = _validated(reg, {**start, **read}, where, headers)
            added.append(Record(reg.key, 0, cleaned))
            to_check.append((number, cleaned, None, None))
    # references exist, people picked have not left, the register's own rules on other
    # records: checked in one read of the workspace
    from qms_desktop.services.registers import _check_references, item_code_clash

    if reg.key == "survey_item" and (clash := item_code_clash([v for _, v, _, _ in to_check])):
        raise _row_error(clash[1], table.at_row(to_check[clash[0]][0]), headers)  # one code twice
    with ws.reading() as s:
        for number, cleaned, stored, record_id in to_check:
            try:
                _check_references(s, reg, cleaned, stored, record_id)
            except ValidationError as exc:
                raise _row_error(exc, table.at_row(number), headers) from None
    return RegisterImport(reg.key, tuple(updated), tuple(added), unchanged)


def _sheet_names(reg: Register) -> tuple[str, ...]:
    pair = _words()[0].get(reg.key, _own_words(reg.key))
    return (reg.key, _sheet_title(pair[0]), _sheet_title(pair[1]))


class _Targets:
    """The records a reference may point at, by ID and by folded name."""

    def __init__(self, labels: dict[int, str]) -> None:
        self.ids = set(labels)
        self.by_name: dict[str, list[int]] = {}
        for record_id, label in labels.items():
            self.by_name.setdefault(fold(label), []).append(record_id)


def _record_id(text: str, where: Message) -> int | None:
    text = text.strip().lstrip("#")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not number.is_integer() or number <= 0:
        raise ExchangeError("exchange.bad_record_id", where=where, text=text)
    return int(number)


def _value(
    f: Field,
    text: str,
    where: Message,
    column: str | Message,
    lookups: dict[str, tuple[ChoiceWords, dict[str, str]]],
    targets: dict[str, _Targets],
) -> object:
    at = Message("exchange.at_column", {"where": where, "column": column})
    if f.kind == "choice":
        choice, lookup = lookups[f.name]
        code = choice.read(text, lookup)
        if code is None:
            raise ExchangeError(
                "exchange.bad_choice", where=at, value=text.strip(), allowed=choice_words(choice)
            )
        return code
    if f.kind == "date":
        try:
            return read_date(text)
        except ValueError:
            raise ExchangeError("exchange.bad_register_date", where=at, text=text) from None
    if f.kind == "number":
        return _number(text)
    if f.kind in REFERENCE_KINDS:
        lines = [t.strip() for t in text.splitlines() if t.strip()]
        if f.kind == "reference" and len(lines) > 1:
            raise ExchangeError("exchange.one_reference", where=at, count=len(lines))
        ids = tuple(_target(line, targets[f.ref], at) for line in lines)
        return ids if f.kind == "references" else (ids[0] if ids else None)
    return text


def _number(text: str) -> object:
    """A number as typed: "1.5", "1,234", or "1,5" where the comma is the decimal mark."""
    t = text.strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"[+-]?\d+,\d{1,2}", t):
        t = t.replace(",", ".")
    return t  # validate_record reads the rest (thousands commas) and refuses what is not one


def _target(line: str, targets: _Targets, at: Message) -> int:
    if m := _REF.search(line):
        record_id = int(m[1])
        if record_id not in targets.ids:
            raise ExchangeError("exchange.reference_gone", where=at, id=record_id)
        return record_id
    found = targets.by_name.get(fold(line), [])
    if len(found) == 1:
        return found[0]
    if not found:
        raise ExchangeError("exchange.no_such_reference", where=at, name=line)
    raise ExchangeError(
        "exchange.ambiguous_reference",
        where=at,
        name=line,
        count=len(found),
        example=f"{line} [#{found[0]}]",
    )


def _validated(
    reg: Register, values: dict[str, object], where: Message, headers: dict[str, str | Message]
) -> dict[str, object]:
    try:
        return validate_record(reg, values)
    except ValidationError as exc:
        raise _row_error(exc, where, headers) from None


def _row_error(
    exc: ValidationError, where: Message, headers: dict[str, str | Message]
) -> ExchangeError:
    column = headers.get(exc.field)
    if column is None:
        return ExchangeError("exchange.invalid_value", where=where, reason=exc.message)
    if isinstance(column, Message):  # the file has no column for it (a new record needs it)
        return ExchangeError(
            "exchange.no_column_for", where=where, column=column, reason=exc.message
        )
    at = Message("exchange.at_column", {"where": where, "column": column})
    return ExchangeError("exchange.invalid_value", where=at, reason=exc.message)


def import_register(
    ws: Workspace, actor: str, key: str, path: Path, *, encoding: str | None = None
) -> tuple[RegisterImport, ChangeSet]:
    """Apply a register file: every row checked first, then all changes and new records
    written in one transaction, or none. The report's `added` carry their new IDs."""
    plan = plan_register_import(ws, key, path, encoding=encoding)
    if not plan.updated and not plan.added:
        return plan, ChangeSet()
    return apply_register_import(ws, actor, plan)


def apply_register_import(
    ws: Workspace, actor: str, plan: RegisterImport, *, keep_ids: bool = False
) -> tuple[RegisterImport, ChangeSet]:
    """Write a planned import in one transaction (with `keep_ids`, the added records under
    the IDs they carry: a redo). A record changed since the plan was made (by someone else,
    while the preview was open) refuses the whole import: its fields are not overwritten."""
    from sqlalchemy import func, select

    from qms_desktop.services.registers import (
        _changes,
        _check_references,
        _register,
        _to_record,
        _write,
    )

    reg, model = _register(plan.register)
    added: list[Record] = []
    with ws.editing(actor) as s:
        for change in plan.updated:
            row = s.get(model, change.record_id)
            if row is None:
                raise ExchangeError("exchange.record_gone", id=change.record_id)
            now = _to_record(reg, row).values
            if any(now.get(name) != was for name, was in change.before.items()):
                raise ExchangeError("exchange.changed_meanwhile", id=change.record_id)
            for name, value in change.after.items():
                _write(row, reg.field(name), value)
        position = s.scalar(select(func.max(model.position))) or 0
        rows = []
        for record in plan.added:
            position += 1
            row = model()
            for f in reg.fields:
                _write(row, f, record.values[f.name])
            row.position = position
            if keep_ids:
                row.id = record.id
            s.add(row)
            rows.append(row)
        s.flush()
        for change in plan.updated:
            stored = s.get(model, change.record_id)
            assert stored is not None  # written above in this transaction
            values = _to_record(reg, stored).values
            _check_references(s, reg, values, {**values, **change.before}, change.record_id)
        for row in rows:
            record = _to_record(reg, row)
            _check_references(s, reg, record.values, None, row.id)
            added.append(record)
    done = RegisterImport(plan.register, plan.updated, tuple(added), plan.unchanged)
    return done, _changes(reg)


def undo_register_import(ws: Workspace, actor: str, done: RegisterImport) -> ChangeSet:
    """Take an applied import back in one transaction: the added records deleted, the
    changed fields as they were."""
    from qms_desktop.domain.errors import WorkspaceError
    from qms_desktop.services.registers import _changes, _register, _uses, _write

    reg, model = _register(done.register)
    with ws.editing(actor) as s:
        for record in done.added:
            row = s.get(model, record.id)
            if row is not None:
                s.delete(row)
        s.flush()
        for record in done.added:  # a record added since points at one of them: refused
            uses = _uses(s, reg.key, record.id)
            if uses:
                code = (
                    "allocation.person_in_use"
                    if reg.key == "person"
                    else "allocation.record_in_use"
                )
                raise WorkspaceError(code, name=reg.label(record.values), uses=uses)
        for change in done.updated:
            row = s.get(model, change.record_id)
            if row is None:
                raise ExchangeError("exchange.record_gone", id=change.record_id)
            for name, value in change.before.items():
                _write(row, reg.field(name), value)
    return _changes(reg)
