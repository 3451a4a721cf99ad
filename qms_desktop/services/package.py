"""The auditor's package: one zip holding the documents, gap checklists, evidence, registers,
audit trail and a copy of the workspace, with a manifest and SHA256SUMS so that anyone can
check it with standard tools alone; and `verify_package`, which checks one."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import struct
import tempfile
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy.exc import DBAPIError

from qms_desktop import APP_NAME, __version__
from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.filenames import safe_file_name
from qms_desktop.domain.messages import LANGS, Message
from qms_desktop.domain.register_labels import CHOICE_LABELS, FIELD_LABELS, REGISTER_TITLES
from qms_desktop.domain.registers import REGISTERS, Field
from qms_desktop.fileio import write_atomically
from qms_desktop.services import checklist, registers
from qms_desktop.services.exchange import _csv_safe, export_checklist
from qms_desktop.services.profile import get_profile
from qms_desktop.services.workspaces import check_workspace, open_workspace
from qms_desktop.storage.audit import all_entries, signed_entry_count, signing_keys
from qms_desktop.storage.workspace import Workspace, failure_reason, os_reason, read_header, shown

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

FORMAT = "qms-desktop-auditor-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
README = "README.txt"
WORKSPACE_MEMBER = "workspace.qms"
AUDIT_MEMBER = "audit-trail.csv"
REGISTERS_MEMBER = "registers.xlsx"
FORMATS = ("pdf", "docx")

# Bounds on what `verify_package` reads: a package is made by us, so anything far beyond
# what a workspace can hold is refused before it costs time, memory or disk.
MAX_MEMBERS = 100_000
MAX_UNPACKED_BYTES = 16 * 1024**3
MAX_PACKING_RATIO = 200  # unpacked / packed, for members of RATIO_FROM_BYTES or more
RATIO_FROM_BYTES = 8 * 1024**2
MAX_MANIFEST_BYTES = 64 * 1024**2
_CHUNK = 1 << 20
_HEX64 = re.compile(r"[0-9a-f]{64}")
_SUM_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")
_STORED = {".pdf", ".docx", ".xlsx", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".gz", ".7z"}

AUDIT_COLUMNS = (
    "seq",
    "at_utc",
    "actor",
    "action",
    "entity",
    "entity_id",
    "field",
    "old_value",
    "new_value",
    "prev_hash",
    "hash",
)

# -- what the registers' sheets, columns and choices are called: domain.register_labels -------

RECORD_ID = ("Record ID", "记录号")

_README = {
    "en": """Auditor's package of {organisation}
made by {app} {version} on {created_at} (UTC) from the workspace {workspace}

documents/        the quality system's documents, as PDF and DOCX
checklists/       the gap checklists, one workbook per assessment
evidence/         the evidence files, by assessment and requirement
attachments/      the files attached to register records, by register and record
registers.xlsx    the registers, one sheet each
audit-trail.csv   every recorded change: who, when, which record and field, old and new value,
                  and the hash chain (values that begin with = + - @ carry a leading ')
workspace.qms     the complete workspace; open it read-only with {app}
manifest.json     every file with its size and SHA-256, the head of the audit chain, and the
                  public keys that sign its entries

To check that no file was changed or lost, in the unpacked folder:
  sha256sum -c SHA256SUMS              (Linux; on macOS: shasum -a 256 -c SHA256SUMS)
  qms-desktop verify PACKAGE.zip       (also checks the workspace and its audit chain)

The audit chain ends at entry {count} with hash {head}.
""",
    "zh_CN": """{organisation} 的审核包
由 {app} {version} 于 {created_at}（UTC）从工作区 {workspace} 生成

documents/        质量体系文件（PDF 和 DOCX）
checklists/       差距检查表，每次评估一个工作簿
evidence/         证据文件，按评估和要求分文件夹存放
attachments/      登记表记录的附件，按登记表和记录分文件夹存放
registers.xlsx    各登记表，每个一张工作表
audit-trail.csv   每一项已记录的更改：人员、时间、记录和字段、旧值和新值，以及哈希链
                  （以 = + - @ 开头的值前加了 '）
workspace.qms     完整的工作区，可用 {app} 以只读方式打开
manifest.json     每个文件的大小和 SHA-256、审计链的末端，以及为其条目签名的公钥

在解压后的文件夹中检查文件是否被改动或缺失：
  sha256sum -c SHA256SUMS              （Linux；macOS 上：shasum -a 256 -c SHA256SUMS）
  qms-desktop verify 审核包.zip         （同时检查工作区及其审计链）

审计链止于第 {count} 条，哈希值为 {head}。
""",
}


def _label(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh_CN" else pair[0]


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackageReport:
    """What `build_package` wrote."""

    path: Path
    lang: str
    files: int  # members of the zip, manifest.json and SHA256SUMS included
    size: int  # bytes of the zip
    documents: int
    checklists: int
    evidence_files: int
    register_records: int
    audit_entries: int
    audit_head: str
    seconds: float
    attachments: int = 0  # files attached to register records


@dataclass(frozen=True)
class VerifyReport:
    """What `verify_package` found; `sound` when nothing is wrong."""

    path: Path
    problems: tuple[Message, ...]
    files: int
    organisation: str
    created_at: str
    app_version: str
    audit_entries: int
    audit_head: str

    @property
    def sound(self) -> bool:
        return not self.problems

    def problem_texts(self, lang: str = "en") -> list[str]:
        return [p.text(lang) for p in self.problems]


# -- names inside the zip --------------------------------------------------------------------


def safe_member_name(name: str) -> bool:
    """A member name that stays inside the folder it is unpacked into, on any system:
    relative, `/`-separated, no `..`, `.` or empty part, no backslash, drive or control
    character."""
    if not name or len(name.encode("utf-8", "surrogatepass")) > 1024:
        return False
    if name.startswith("/") or "\\" in name or ":" in name:
        return False
    if any(ord(ch) < 32 or ch == "\x7f" for ch in name):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def _component(text: str, fallback: str, limit: int = 60) -> str:
    """One path component made from text that may come from a user: safe on every system
    and at most `limit` bytes (the extension kept), so that whole paths stay short. A
    separator in the text is kept as `_` (never a folder, and never a reason to drop what
    came before it)."""
    name = safe_file_name(re.sub(r"[/\\]", "_", text), fallback)
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or len(ext.encode()) > 10:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    while len((stem + suffix).encode()) > limit and stem:
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    return (stem + suffix) if stem else fallback


class _Names:
    """Unique names within one folder, compared as case-insensitive file systems compare
    them: `name.pdf`, then `name (2).pdf`."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    @staticmethod
    def _key(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    def taken(self, name: str) -> bool:
        return self._key(name) in self._taken

    def claim(self, name: str) -> str:
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem:
            stem, ext = name, ""
        suffix = f".{ext}" if ext else ""
        candidate, n = name, 1
        while self.taken(candidate):
            n += 1
            candidate = f"{stem} ({n}){suffix}"
        self._taken.add(self._key(candidate))
        return candidate


# -- building --------------------------------------------------------------------------------


class _Steps:
    """Progress and Cancel for one build."""

    def __init__(self, progress: Progress | None, cancel: Cancel | None, lang: str) -> None:
        self._progress = progress
        self.cancel = cancel
        self._lang = lang

    def say(self, fraction: float, code: str, **params: object) -> None:
        self.check()
        if self._progress is not None:
            self._progress(min(max(fraction, 0.0), 1.0), Message(code, params).text(self._lang))

    def check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise QmsError("package.cancelled")


class _ZipWriter:
    """Adds members to the zip, each with its size and SHA-256 for the manifest."""

    def __init__(self, zf: zipfile.ZipFile, stamp: tuple[int, int, int, int, int, int]) -> None:
        self.zf = zf
        self.stamp = stamp
        self.entries: list[dict[str, Any]] = []
        self._names = _Names()

    def _info(self, name: str, size: int) -> zipfile.ZipInfo:
        if not safe_member_name(name) or self._names.taken(name):
            raise AssertionError(f"package member name {name!r} is unsafe or taken")  # a bug here
        self._names.claim(name)
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = (
            zipfile.ZIP_STORED if Path(name).suffix.lower() in _STORED else zipfile.ZIP_DEFLATED
        )
        info.external_attr = 0o644 << 16
        info.file_size = size
        return info

    def add_bytes(self, name: str, data: bytes, *, listed: bool = True) -> None:
        self.zf.writestr(self._info(name, len(data)), data)
        if listed:
            self.entries.append(
                {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            )

    def add_file(self, name: str, path: Path) -> None:
        size = path.stat().st_size
        digest = hashlib.sha256()
        with path.open("rb") as src, self.zf.open(self._info(name, size), "w") as dst:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
        self.entries.append({"path": name, "size": size, "sha256": digest.hexdigest()})


def _check_target(out: Path, overwrite: bool) -> None:
    if out.suffix.lower() != ".zip":
        raise QmsError("package.zip_suffix", file=shown(out.name))
    if not out.parent.is_dir():
        raise QmsError("package.no_folder", folder=shown(out.parent))
    if out.is_dir():
        raise QmsError("package.is_folder", path=shown(out))
    if os.path.lexists(out) and not overwrite:
        raise QmsError("package.exists", path=shown(out))


def _snapshot(ws: Workspace, target: Path) -> None:
    """A consistent copy of the workspace, made with SQLite's online backup API from one of
    the workspace's own connections (used for reading only): all pages in one read
    transaction, so an edit committed meanwhile is either wholly in the copy or not at all."""
    try:
        dst = sqlite3.connect(os.fspath(target))
        try:
            with ws.engine.connect() as conn:
                src = cast(sqlite3.Connection, conn.connection.dbapi_connection)
                src.backup(dst)
        finally:
            dst.close()
    except (OSError, sqlite3.Error, DBAPIError) as exc:
        raise QmsError(
            "package.snapshot_failed",
            name=shown(ws.path.name),
            reason=failure_reason(exc) or str(exc),
        ) from exc


def _cell_text(value: object, field_kind: str, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if field_kind == "choice" and text in CHOICE_LABELS:
        return _label(CHOICE_LABELS[text], lang)
    return text


def _named(value: object, field: Field, labels: dict[str, dict[int, str]]) -> object:
    """A reference shown by the name of the record it points at (its id when gone)."""
    if field.kind == "reference" and isinstance(value, int):
        return labels[field.ref].get(value, f"#{value}")
    if field.kind == "references" and isinstance(value, tuple):
        return "\n".join(labels[field.ref].get(i, f"#{i}") for i in value)
    return value


def _write_registers(ws: Workspace, path: Path, lang: str) -> int:
    """Every register as a sheet of text cells, headed in `lang`; returns the record count."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    def text(value: str) -> str:  # what a cell can hold: no control characters XML cannot carry
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]

    wb = Workbook()
    first = True
    count = 0
    bold = Font(bold=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for key, reg in REGISTERS.items():
        sheet = wb.active if first else wb.create_sheet()
        first = False
        assert sheet is not None
        sheet.title = _label(REGISTER_TITLES[key], lang)
        sheet.append(
            [
                _label(RECORD_ID, lang),
                *(_label(FIELD_LABELS[(key, f.name)], lang) for f in reg.fields),
            ]
        )
        labels = {f.ref: registers.record_labels(ws, f.ref) for f in reg.references()}
        for record in registers.list_records(ws, key):
            sheet.append(
                [
                    str(record.id),
                    *(
                        text(_cell_text(_named(record.values.get(f.name), f, labels), f.kind, lang))
                        for f in reg.fields
                    ),
                ]
            )
            count += 1
        for row in sheet.iter_rows():
            for cell in row:
                cell.data_type = "s"  # text, never a formula, whatever it begins with
                if cell.row == 1:
                    cell.font = bold
                else:
                    cell.alignment = wrap
        sheet.column_dimensions["A"].width = 10
        for i, f in enumerate(reg.fields, start=2):
            sheet.column_dimensions[get_column_letter(i)].width = (
                48 if f.kind == "multiline" else 24
            )
        sheet.freeze_panes = "B2"
    wb.save(path)
    return count


def _write_audit_csv(ws: Workspace, path: Path) -> tuple[int, tuple[int, str]]:
    """The whole trail, every column; returns (entries, chain head)."""
    with ws.reading() as s:
        entries = all_entries(s)
    with path.open("w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel reads UTF-8 correctly
        writer = csv.writer(f)
        writer.writerow(AUDIT_COLUMNS)
        for e in entries:
            writer.writerow(
                [_csv_safe("" if (v := getattr(e, c)) is None else str(v)) for c in AUDIT_COLUMNS]
            )
    return len(entries), ws.audit_head()


@dataclass
class _Tally:
    """What went into the zip, counted while it is written."""

    files: int = 0
    documents: int = 0
    checklists: int = 0
    evidence: int = 0
    attachments: int = 0
    records: int = 0
    audit_entries: int = 0
    head_count: int = 0
    head_hash: str = ""
    signed_entries: int = 0
    signing_keys: list[dict[str, str]] = field(default_factory=list)


def build_package(
    ws: Workspace,
    out: Path,
    lang: str = "en",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    overwrite: bool = False,
    ui_lang: str | None = None,
) -> PackageReport:
    """Write the auditor's package of `ws` to `out` (a .zip), documents in `lang`.

    Everything in it is read from one consistent copy of the workspace (taken first, with
    SQLite's backup API), so it agrees with itself even while someone edits. The zip is
    written under a temporary name and renamed into place when complete; an existing `out`
    is replaced only with `overwrite`. `progress(fraction, message)` is told what is being
    done (in `ui_lang`, default `lang`); `cancel()` returning true stops the build with
    QmsError("package.cancelled") and leaves nothing behind."""
    started = time.monotonic()
    out = Path(out)
    if lang not in LANGS:
        raise QmsError("package.bad_language", lang=lang)
    _check_target(out, overwrite)
    steps = _Steps(progress, cancel, ui_lang if ui_lang in LANGS else lang)
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    tally = _Tally()

    with tempfile.TemporaryDirectory(prefix="qms-package-") as tmp:
        staging = Path(tmp)
        steps.say(0.0, "package.step_snapshot")
        snapshot = staging / WORKSPACE_MEMBER
        _snapshot(ws, snapshot)
        snap = open_workspace(snapshot, read_only=True)
        try:

            def write(target: Path) -> None:
                stamp = (
                    created.year,
                    created.month,
                    created.day,
                    created.hour,
                    created.minute,
                    created.second,
                )
                with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                    _fill(
                        snap,
                        ws.path.name,
                        _ZipWriter(zf, stamp),
                        staging,
                        lang,
                        steps,
                        created,
                        tally,
                    )
                steps.check()

            try:
                write_atomically(out, write)
            except OSError as exc:
                raise QmsError(
                    "package.cannot_write", path=shown(out), reason=os_reason(exc)
                ) from exc
        finally:
            snap.close()
    steps.say(1.0, "package.step_done")
    return PackageReport(
        path=out,
        lang=lang,
        files=tally.files,
        size=out.stat().st_size,
        documents=tally.documents,
        checklists=tally.checklists,
        evidence_files=tally.evidence,
        register_records=tally.records,
        audit_entries=tally.audit_entries,
        audit_head=tally.head_hash,
        seconds=time.monotonic() - started,
        attachments=tally.attachments,
    )


def _fill(
    snap: Workspace,
    workspace_name: str,
    writer: _ZipWriter,
    staging: Path,
    lang: str,
    steps: _Steps,
    created: dt.datetime,
    tally: _Tally,
) -> None:
    """Put every member into the zip, the manifest and SHA256SUMS last."""
    from qms_desktop.documents import DocumentError, list_templates

    profile = get_profile(snap)
    scratch = staging / "scratch"
    scratch.mkdir()

    steps.say(0.05, "package.step_registers")
    tally.records = _write_registers(snap, scratch / REGISTERS_MEMBER, lang)
    writer.add_file(REGISTERS_MEMBER, scratch / REGISTERS_MEMBER)

    steps.say(0.1, "package.step_audit")
    tally.audit_entries, (tally.head_count, tally.head_hash) = _write_audit_csv(
        snap, scratch / AUDIT_MEMBER
    )
    writer.add_file(AUDIT_MEMBER, scratch / AUDIT_MEMBER)
    with snap.reading() as s:
        tally.signed_entries = signed_entry_count(s)
        tally.signing_keys = [
            {"key_id": k, "actor": actor, "public_key": raw.hex()}
            for k, actor, raw in signing_keys(s)
        ]

    assessments = checklist.list_assessments(snap)
    taken = _Names()
    labels = {
        a.id: taken.claim(f"{a.id:02d} {_component(a.name, 'assessment', 56)}") for a in assessments
    }
    for i, a in enumerate(assessments):
        steps.say(0.15 + 0.1 * i / max(len(assessments), 1), "package.step_checklist", name=a.name)
        staged = scratch / "checklist.xlsx"
        export_checklist(snap, staged, assessment_id=a.id, lang=lang)
        writer.add_file(f"checklists/{labels[a.id]}.xlsx", staged)
        staged.unlink()
        tally.checklists += 1

    steps.say(0.25, "package.step_evidence")
    for a in assessments:
        folders = _Names()
        for row in checklist.checklist_rows(snap, a.id):
            if not row.evidence_files:
                continue
            folder = _component(row.ref, "requirement", 40)
            if folders.taken(folder):
                folder = _component(f"{row.library_id} {row.ref}", "requirement", 40)
            folder = folders.claim(folder)
            names = _Names()
            for evidence in checklist.evidence_files(snap, row.item_id):
                steps.check()
                name = names.claim(_component(evidence.name, "evidence", 120))
                writer.add_bytes(
                    f"evidence/{labels[a.id]}/{folder}/{name}",
                    checklist.evidence_data(snap, evidence.id),
                )
                tally.evidence += 1
    _write_attachments(snap, writer, lang, steps, tally)

    templates = [t for t in list_templates(None) if t.error is None and lang in t.languages]
    total = len(templates) * len(FORMATS)
    doc_names = _Names()
    for template in templates:
        base = _component(template.id, "document")
        for fmt in FORMATS:
            steps.say(
                0.35 + 0.55 * tally.documents / max(total, 1),
                "package.step_document",
                title=template.title(lang),
                format=fmt.upper(),
            )
            staged = scratch / f"document.{fmt}"
            try:
                _render(snap, template.id, lang, fmt, staged, steps)
            except DocumentError as exc:
                if exc.code == "documents.cancelled":
                    raise QmsError("package.cancelled") from exc
                raise
            writer.add_file(f"documents/{doc_names.claim(f'{base}.{fmt}')}", staged)
            staged.unlink()
            tally.documents += 1

    steps.say(0.9, "package.step_zip", file=WORKSPACE_MEMBER)
    writer.add_file(WORKSPACE_MEMBER, staging / WORKSPACE_MEMBER)

    facts = read_header(staging / WORKSPACE_MEMBER)
    created_at = created.isoformat().replace("+00:00", "Z")
    readme = _README[lang].format(
        organisation=profile.name,
        app=APP_NAME,
        version=__version__,
        created_at=created_at,
        workspace=workspace_name,
        count=tally.head_count,
        head=tally.head_hash,
    )
    writer.add_bytes(README, readme.encode("utf-8"))
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app": {"name": APP_NAME, "version": __version__},
        "created_at": created_at,
        "language": lang,
        "workspace": {
            "name": workspace_name,
            "organisation": profile.name,
            "schema_version": facts.user_version,
        },
        "audit_chain": {"entries": tally.head_count, "head": tally.head_hash},
        # who signed the trail: an auditor compares these key ids with the ones the people
        # themselves hold (their key is in their user-data folder, keys/)
        "signatures": {"signed_entries": tally.signed_entries, "keys": tally.signing_keys},
        "contents": {
            "documents": tally.documents,
            "checklists": tally.checklists,
            "evidence_files": tally.evidence,
            "attachments": tally.attachments,
            "register_records": tally.records,
            "audit_entries": tally.audit_entries,
        },
        "files": list(writer.entries),
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    writer.add_bytes(MANIFEST, manifest_bytes)
    sums = "".join(f"{e['sha256']}  {e['path']}\n" for e in writer.entries)
    writer.add_bytes(SUMS, sums.encode("utf-8"), listed=False)
    tally.files = len(writer.entries) + 1


def _write_attachments(
    snap: Workspace, writer: _ZipWriter, lang: str, steps: _Steps, tally: _Tally
) -> None:
    """The files attached to register records: attachments/<register>/<id label>/<file>."""
    from qms_desktop.services import attachments

    files = attachments.all_attachments(snap)
    if not files:
        return
    steps.say(0.3, "package.step_attachments")
    labels: dict[str, dict[int, str]] = {}
    folders: dict[tuple[str, int], tuple[str, _Names]] = {}
    for f in files:
        steps.check()
        if f.register not in labels:
            labels[f.register] = registers.record_labels(snap, f.register)
        if (f.register, f.record_id) not in folders:
            title = _component(_label(REGISTER_TITLES[f.register], lang), f.register)
            label = labels[f.register].get(f.record_id, "")
            record = _component(f"{f.record_id:03d} {label}".strip(), str(f.record_id), 56)
            folders[(f.register, f.record_id)] = (f"{title}/{record}", _Names())
        folder, names = folders[(f.register, f.record_id)]
        name = names.claim(_component(f.name, "attachment", 120))
        writer.add_bytes(f"attachments/{folder}/{name}", attachments.attachment_data(snap, f.id))
        tally.attachments += 1


def _render(
    snap: Workspace, template_id: str, lang: str, fmt: str, out: Path, steps: _Steps
) -> None:
    from qms_desktop.services.documents import render_workspace_document

    render_workspace_document(
        snap,
        template_id,
        lang=lang,
        fmt=fmt,
        out_path=out,
        reference_docx=None,
        user_dir=None,
        cancel=steps.cancel,
    )


# -- verifying -------------------------------------------------------------------------------


def _directory_entries(path: Path) -> int | None:
    """How many members the zip's end record announces, read before zipfile builds an object
    for each of them (None when there is no end record; zipfile then says what is wrong)."""
    size = path.stat().st_size
    with path.open("rb") as f:
        keep = min(size, 65535 + 22 + 20)
        f.seek(size - keep)
        tail = f.read(keep)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            return None
        (count,) = struct.unpack("<H", tail[at + 10 : at + 12])
        if count != 0xFFFF:
            return int(count)
        locator = at - 20  # zip64: the count is in the zip64 end record the locator points to
        if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
            return None
        (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        if offset > size:
            return None
        f.seek(offset)
        record = f.read(56)
        if len(record) < 56 or record[:4] != b"PK\x06\x06":
            return None
        (total,) = struct.unpack("<Q", record[32:40])
        return int(total)


def _is_folder(info: zipfile.ZipInfo) -> bool:
    return info.filename.endswith("/") and info.file_size == 0


def _check_members(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse, before reading any content, a zip that is not what a package can be."""
    where = shown(path)
    if len(infos) > MAX_MEMBERS:
        raise QmsError("package.too_many_members", path=where, limit=MAX_MEMBERS)
    seen = _Names()
    total = 0
    for info in infos:
        name = info.filename[:-1] if _is_folder(info) else info.filename
        if not safe_member_name(name):
            raise QmsError("package.unsafe_member", path=where, member=repr(info.filename))
        if seen.taken(info.filename):
            raise QmsError("package.duplicate_member", path=where, member=info.filename)
        seen.claim(info.filename)
        total += info.file_size
        if info.file_size >= RATIO_FROM_BYTES and info.file_size > MAX_PACKING_RATIO * max(
            info.compress_size, 1
        ):
            raise QmsError(
                "package.packed_too_tightly",
                path=where,
                member=info.filename,
                ratio=info.file_size // max(info.compress_size, 1),
            )
    if total > MAX_UNPACKED_BYTES:
        raise QmsError("package.too_large", path=where, limit_gb=MAX_UNPACKED_BYTES // 1024**3)


def _stream(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, sink: IO[bytes] | None = None
) -> tuple[int, str]:
    """(size, SHA-256) of a member, read in chunks (never more than its stated size: zipfile
    stops there and checks the CRC)."""
    digest = hashlib.sha256()
    size = 0
    with zf.open(info) as src:
        while chunk := src.read(_CHUNK):
            size += len(chunk)
            digest.update(chunk)
            if sink is not None:
                sink.write(chunk)
    return size, digest.hexdigest()


_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
)


def _manifest_error(where: str, code: str, **params: object) -> QmsError:
    return QmsError("package.bad_manifest", path=where, reason=Message(code, params))


def _read_manifest(
    zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], where: str
) -> dict[str, Any]:
    info = members.get(MANIFEST)
    if info is None:
        raise QmsError("package.no_manifest", path=where)
    if info.file_size > MAX_MANIFEST_BYTES:
        raise _manifest_error(
            where, "package.manifest_too_large", limit_mb=MAX_MANIFEST_BYTES // 1024**2
        )
    try:
        with zf.open(info) as f:
            manifest = json.loads(f.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _manifest_error(where, "package.manifest_not_json") from None
    except _READ_ERRORS as exc:
        raise QmsError("package.bad_manifest", path=where, reason=str(exc)) from exc

    def bad(field: str) -> QmsError:
        return _manifest_error(where, "package.manifest_bad_field", field=field)

    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise bad("format")
    files = manifest.get("files")
    if not isinstance(files, list):
        raise bad("files")
    listed: set[str] = set()
    for entry in files:
        if not isinstance(entry, dict):
            raise bad("files")
        name, size, sha = entry.get("path"), entry.get("size"), entry.get("sha256")
        if not isinstance(name, str):
            raise bad("files.path")
        if not safe_member_name(name) or name in (MANIFEST, SUMS):
            raise _manifest_error(where, "package.manifest_unsafe_path", member=repr(name))
        if name in listed:
            raise _manifest_error(where, "package.manifest_twice", member=name)
        listed.add(name)
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise bad("files.size")
        if not isinstance(sha, str) or not _HEX64.fullmatch(sha):
            raise bad("files.sha256")
    chain = manifest.get("audit_chain")
    if (
        not isinstance(chain, dict)
        or not isinstance(chain.get("entries"), int)
        or not isinstance(chain.get("head"), str)
    ):
        raise bad("audit_chain")
    workspace = manifest.get("workspace")
    if not isinstance(workspace, dict) or not isinstance(workspace.get("organisation"), str):
        raise bad("workspace")
    return manifest


def _sums_problems(
    zf: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    actual: dict[str, tuple[int, str]],
    expected: dict[str, dict[str, Any]],
) -> list[Message]:
    info = members.get(SUMS)
    if info is None:
        return [Message("package.problem_no_sums")]
    if info.file_size > MAX_MANIFEST_BYTES:
        return [
            Message(
                "package.problem_damaged",
                {
                    "member": SUMS,
                    "reason": Message(
                        "package.manifest_too_large", {"limit_mb": MAX_MANIFEST_BYTES // 1024**2}
                    ),
                },
            )
        ]
    try:
        with zf.open(info) as f:
            text = f.read().decode("utf-8")
    except UnicodeDecodeError:
        return [Message("package.problem_sums_line", {"line": 1})]
    except _READ_ERRORS as exc:
        return [Message("package.problem_damaged", {"member": SUMS, "reason": str(exc)})]
    problems: list[Message] = []
    listed: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _SUM_LINE.fullmatch(line)
        if match is None:
            problems.append(Message("package.problem_sums_line", {"line": number}))
            continue
        digest, name = match.group(1).lower(), match.group(2)
        listed[name] = digest
        if name not in members:
            if name not in expected:  # else already reported as missing
                problems.append(Message("package.problem_sums_unknown", {"member": name}))
        elif name in actual and actual[name][1] != digest:
            said = expected.get(name)
            if said is None or said["sha256"] != digest:  # else already reported as changed
                problems.append(Message("package.problem_sums_differs", {"member": name}))
    for name in members:
        if name != SUMS and name not in listed:
            problems.append(Message("package.problem_sums_unlisted", {"member": name}))
    return problems


def _workspace_problems(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, manifest: dict[str, Any]
) -> tuple[list[Message], int, str]:
    """Unpack the workspace copy to a temporary folder and check it: header, database,
    schema, audit chain, evidence, and that its chain head and organisation are the
    manifest's. Returns (problems, entries, head)."""
    problems: list[Message] = []
    chain = manifest["audit_chain"]
    with tempfile.TemporaryDirectory(prefix="qms-verify-") as tmp:
        copy = Path(tmp) / WORKSPACE_MEMBER
        try:
            with copy.open("wb") as sink:
                _stream(zf, info, sink)
        except _READ_ERRORS as exc:
            return (
                [
                    Message(
                        "package.problem_damaged", {"member": WORKSPACE_MEMBER, "reason": str(exc)}
                    )
                ],
                0,
                "",
            )
        try:
            read_header(copy)
            report = check_workspace(copy)
            problems += [
                Message("package.problem_workspace", {"problem": p}) for p in report.findings
            ]
            ws = open_workspace(copy, read_only=True)
            try:
                count, head = ws.audit_head()
                organisation = get_profile(ws).name
            finally:
                ws.close()
        except QmsError as exc:
            return (
                problems + [Message("package.problem_workspace", {"problem": exc.message})],
                0,
                "",
            )
    if (count, head) != (chain["entries"], chain["head"]):
        problems.append(
            Message(
                "package.problem_head",
                {
                    "actual_count": count,
                    "actual_hash": head,
                    "count": chain["entries"],
                    "hash": chain["head"],
                },
            )
        )
    if organisation != manifest["workspace"]["organisation"]:
        problems.append(
            Message(
                "package.problem_organisation",
                {"actual": organisation, "expected": manifest["workspace"]["organisation"]},
            )
        )
    return problems, count, head


def verify_package(path: Path) -> VerifyReport:
    """Check an auditor's package: every member against manifest.json and SHA256SUMS (none
    changed, missing or extra), and the workspace copy's header, database, audit chain and
    chain head. Problems are listed in the report; a file that cannot be a package at all
    (not a zip, no manifest, a name pointing outside, a zip bomb) raises QmsError."""
    path = Path(path)
    where = shown(path)
    if not path.exists():
        raise QmsError("package.no_such_file", path=where)
    if path.is_dir():
        raise QmsError("package.is_folder", path=where)
    # A zip begins with a local file header. Asking zipfile alone is not enough: it looks for
    # the directory at the end, and a file that merely holds a zip (a workspace storing a
    # .docx revision, say) would be taken for one.
    with path.open("rb") as first_bytes:
        if first_bytes.read(4) != b"PK\x03\x04":
            raise QmsError("package.not_a_zip", path=where)
    try:
        announced = _directory_entries(path)
        if announced is not None and announced > MAX_MEMBERS:
            raise QmsError("package.too_many_members", path=where, limit=MAX_MEMBERS)
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise QmsError("package.not_a_zip", path=where) from None
    except OSError as exc:
        raise QmsError("package.cannot_read", path=where, reason=os_reason(exc)) from exc
    with zf:
        infos = zf.infolist()
        _check_members(path, infos)
        members = {i.filename: i for i in infos if not _is_folder(i)}
        manifest = _read_manifest(zf, members, where)
        expected = {e["path"]: e for e in manifest["files"]}
        problems: list[Message] = []
        actual: dict[str, tuple[int, str]] = {}
        for name in sorted(members):
            try:
                actual[name] = _stream(zf, members[name])
            except _READ_ERRORS as exc:
                problems.append(
                    Message("package.problem_damaged", {"member": name, "reason": str(exc)})
                )
        for name, entry in expected.items():
            if name not in members:
                problems.append(Message("package.problem_missing", {"member": name}))
            elif name in actual:
                size, digest = actual[name]
                if size != entry["size"]:
                    problems.append(
                        Message(
                            "package.problem_size",
                            {"member": name, "actual": size, "expected": entry["size"]},
                        )
                    )
                elif digest != entry["sha256"]:
                    problems.append(
                        Message(
                            "package.problem_changed",
                            {"member": name, "actual": digest, "expected": entry["sha256"]},
                        )
                    )
        for name in sorted(members):
            if name not in expected and name not in (MANIFEST, SUMS):
                problems.append(Message("package.problem_extra", {"member": name}))
        problems += _sums_problems(zf, members, actual, expected)
        entries, head = 0, ""
        if WORKSPACE_MEMBER in members:
            found, entries, head = _workspace_problems(zf, members[WORKSPACE_MEMBER], manifest)
            problems += found
        else:
            problems.append(Message("package.problem_no_workspace"))
    app = manifest.get("app")
    return VerifyReport(
        path=path,
        problems=tuple(problems),
        files=len(members),
        organisation=str(manifest["workspace"]["organisation"]),
        created_at=str(manifest.get("created_at", "")),
        app_version=str(app.get("version", "")) if isinstance(app, dict) else "",
        audit_entries=entries,
        audit_head=head,
    )
