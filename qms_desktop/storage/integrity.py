"""What `check` proves beyond SQLite's own pages: the records agree with the audit trail
that wrote them (its hash chain, and each entry's signature against the public key the
workspace lists for its writer), the schema holds nothing QMS Desktop did not put there, references
resolve, and requirements and evidence agree with what they were copied from.

Everything is read in one read transaction through plain sqlite3 cursors, so the trail
and the records are seen at the same commit and the trail is streamed, never loaded
whole. Each finding is a `Message` naming the record (entity, id, field).
"""

from __future__ import annotations

import gc
import hashlib
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import compress, repeat
from operator import is_not, itemgetter, ne, or_
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Date, Float, Integer, LargeBinary
from sqlalchemy.types import TypeEngine

from qms_desktop.domain.audit import GENESIS_HASH, entry_hash
from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.messages import Message
from qms_desktop.domain.requirements import LibraryRow
from qms_desktop.domain.steps import Step
from qms_desktop.storage.audit import AUDIT_HEAD_KEY, audit_text
from qms_desktop.storage.models import REGISTER_MODELS, Audited, Base
from qms_desktop.storage.signing import key_id, public_key_from_bytes, verifies

if TYPE_CHECKING:  # cryptography is imported when a signature is checked (storage/signing.py)
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

# Findings of one kind listed by name before the rest are only counted: a file whose
# trail was wiped would otherwise list every record it holds.
MAX_PER_KIND = 20

# Columns the trail leaves out of update entries but that follow from it: the field holds
# the actor of the last recorded change of the row (or its value at creation).
LAST_WRITER_FIELDS: dict[str, tuple[str, ...]] = {"assessment_item": ("changed_by",)}

# References checked explicitly (declared foreign keys or not): (table, column) -> (table, column).
SOFT_REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("assessment_item", "assessment_id"): ("assessment", "id"),
    ("evidence_file", "item_id"): ("assessment_item", "id"),
    ("requirement", "library_id"): ("library", "id"),
    ("controlled_document", "planned_document"): ("planned_document", "id"),
    ("document_revision", "document_id"): ("controlled_document", "id"),
    ("document_file", "revision_id"): ("document_revision", "id"),
    ("internal_audit", "assessment_id"): ("assessment", "id"),  # NULL: not started
    ("nonconformity", "assessment_item"): ("assessment_item", "id"),  # NULL: none
}

ENTITY_LABELS: dict[str, str] = {
    "organisation": "storage.entity_organisation",
    "step": "storage.entity_step",
    "library": "storage.entity_library",
    "requirement": "storage.entity_requirement",
    "assessment": "storage.entity_assessment",
    "assessment_item": "storage.entity_assessment_item",
    "evidence_file": "storage.entity_evidence_file",
    "blob": "storage.entity_blob",
    "attachment": "storage.entity_attachment",
    "lesson": "storage.entity_lesson",
    "person": "storage.entity_person",
    "study_plan": "storage.entity_study_plan",
    "training": "storage.entity_training",
    "benchmark": "storage.entity_benchmark",
    "objective": "storage.entity_objective",
    "element": "storage.entity_element",
    "process": "storage.entity_process",
    "planned_document": "storage.entity_planned_document",
    "service_item": "storage.entity_service_item",
    "satisfaction_standard": "storage.entity_satisfaction_standard",
    "customer_need": "storage.entity_customer_need",
    "moment_of_truth": "storage.entity_moment_of_truth",
    "plan": "storage.entity_plan",
    "role": "storage.entity_role",
    "responsibility": "storage.entity_responsibility",
    "facility": "storage.entity_facility",
    "basic_work": "storage.entity_basic_work",
    "feedback_channel": "storage.entity_feedback_channel",
    "complaint": "storage.entity_complaint",
    "recovery": "storage.entity_recovery",
    "commitment_claim": "storage.entity_commitment_claim",
    "survey": "storage.entity_survey",
    "survey_item": "storage.entity_survey_item",
    "survey_response": "storage.entity_survey_response",
    "recovery_token": "storage.entity_recovery_token",
    "result": "storage.entity_result",
    "customer_period": "storage.entity_customer_period",
    "cost_settings": "cost.entity_cost_settings",
    "quality_cost": "cost.entity_quality_cost",
    "cost_period": "cost.entity_cost_period",
    "veto_trigger": "cost.entity_veto_trigger",
    "appraisal": "cost.entity_appraisal",
    "qc_circle": "circles.entity_qc_circle",
    "qc_project": "circles.entity_qc_project",
    "culture_activity": "circles.entity_culture_activity",
    "management_review": "storage.entity_management_review",
    "internal_audit": "storage.entity_internal_audit",
    "nonconformity": "actions.entity_nonconformity",
    "document_control": "document_control.entity_document_control",
    "controlled_document": "document_control.entity_controlled_document",
    "document_revision": "document_control.entity_document_revision",
    "document_file": "document_control.entity_document_file",
}

LibraryRows = Callable[[str], Sequence[LibraryRow]]


@dataclass(frozen=True)
class ContentCheck:
    """What the check of the records found: problems, what it could not verify, and the
    number of audit entries it read."""

    findings: tuple[Message, ...]
    notes: tuple[Message, ...]
    audit_entries: int


def check_contents(conn: sqlite3.Connection, library_rows: LibraryRows) -> ContentCheck:
    """Check the records of an open workspace file against its audit trail, its schema
    against the models, its references, requirements and evidence. Reads only.

    `library_rows` turns a library's stored YAML text into its rows (raising QmsError when
    it cannot): the libraries package lies beside storage, so the caller passes it in."""
    with _cycle_collection_paused():
        return _check_contents(conn, library_rows)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused for the check. The check makes millions of
    short-lived objects (trail rows, YAML nodes) and almost no reference cycles, and the
    collector, started by their number alone, kept rescanning the live ones: with it, the
    requirements' YAML took twice as long (10⁶ entries: ~1 s of CPU of ~6, bench_check.py).
    Cycles made meanwhile (a YAML parser's own) wait for the next collection. Left as found
    when the collector was already off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_contents(conn: sqlite3.Connection, library_rows: LibraryRows) -> ContentCheck:
    factory = conn.text_factory
    try:
        try:
            return _check_in_one_transaction(conn, library_rows)
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc).lower():
                raise
        # Text that is not UTF-8 was written behind the app's back (it cannot write any):
        # read it with the bad bytes kept, so it is reported instead of stopping the check.
        conn.text_factory = _tolerant_text
        return _check_in_one_transaction(conn, library_rows)
    finally:
        conn.text_factory = factory


def _tolerant_text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _check_in_one_transaction(conn: sqlite3.Connection, library_rows: LibraryRows) -> ContentCheck:
    found = _Findings()
    notes: list[Message] = []
    began = not conn.in_transaction
    if began:
        conn.execute("BEGIN")
    count = 0
    try:
        for message in foreign_schema_objects(conn):
            found.add(message.code, **message.params)
        columns = _columns(conn)
        library_texts: dict[str, str | None] = {}

        def records() -> None:
            nonlocal count, library_texts
            replay, count = _read_trail(conn, columns, found, notes)
            library_texts = _compare_records(conn, columns, replay, found)

        for part in (
            lambda: _profile_and_steps(conn, columns, found),
            records,
            lambda: _requirements(conn, columns, library_texts, library_rows, found, notes),
            lambda: _references(conn, columns, found),
            lambda: _evidence(conn, columns, found),
            lambda: _attachment_records(conn, columns, found),
        ):
            try:
                part()
            except sqlite3.DatabaseError as exc:
                if "decode" in str(exc).lower():
                    raise
                # A schema the models do not describe (reported apart) can make a part unreadable.
                found.add("storage.check_part_unreadable", detail=str(exc))
    finally:
        if began:
            conn.rollback()
    return ContentCheck(found.finish(), tuple(notes), count)


# -- findings ------------------------------------------------------------------------


class _Findings:
    """Findings in the order found; past MAX_PER_KIND of one kind, only counted."""

    def __init__(self) -> None:
        self._items: list[Message | str] = []
        self._counts: dict[str, int] = {}

    def add(self, code: str, **params: object) -> None:
        n = self._counts.get(code, 0) + 1
        self._counts[code] = n
        if n <= MAX_PER_KIND:
            self._items.append(Message(code, params))
        elif n == MAX_PER_KIND + 1:
            self._items.append(code)  # where "... and N more" goes, filled in by finish()

    def finish(self) -> tuple[Message, ...]:
        return tuple(
            item
            if isinstance(item, Message)
            else Message("storage.check_more", {"count": self._counts[item] - MAX_PER_KIND})
            for item in self._items
        )


def record(entity: str, entity_id: object) -> Message:
    """A record named in both languages: its kind and its id."""
    return Message(
        "storage.record", {"entity": entity_label(entity), "id": _printable(str(entity_id))}
    )


def entity_label(entity: str) -> Message | str:
    code = ENTITY_LABELS.get(entity)
    return Message(code) if code is not None else entity


def _requirement(library_id: object, ref: object) -> Message:
    return Message(
        "storage.record_requirement",
        {"library": _printable(str(library_id)), "ref": _printable(str(ref))},
    )


_CONTROLS = {i: f"\\x{i:02x}" for i in (*range(0x20), 0x7F)} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
}


def _printable(text: str, limit: int = 80) -> str:
    """Text fit to show on one line: bytes that are not UTF-8 and control characters as
    escapes (\\xNN, \\n), cut to `limit` characters."""
    text = (
        text.encode("utf-8", "surrogateescape")
        .decode("utf-8", "backslashreplace")
        .translate(_CONTROLS)
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value: str | None) -> Message | str:
    """A value in a finding: quoted, or "nothing"."""
    if value is None:
        return Message("storage.value_empty")
    return f"\u201c{_printable(value)}\u201d"


def _difference(stored: str | None, trail: str | None) -> tuple[Message | str, Message | str]:
    """Two differing values shown side by side; long ones around where they first differ,
    so a change deep inside a long text (a library's YAML) is visible."""
    if stored is None or trail is None or (len(stored) <= 80 and len(trail) <= 80):
        return _shown(stored), _shown(trail)
    at = next(
        (i for i, (a, b) in enumerate(zip(stored, trail, strict=False)) if a != b),
        min(len(stored), len(trail)),
    )
    start = max(0, at - 30)

    def excerpt(text: str) -> str:
        cut = text[start : start + 60]
        return ("…" if start else "") + cut + ("…" if start + 60 < len(text) else "")

    return _shown(excerpt(stored)), _shown(excerpt(trail))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# -- the models ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    key: str  # the attribute name, which the trail uses
    name: str  # the column name, which SQL uses
    kind: str  # text / int / float / bool / date / bytes


@dataclass(frozen=True)
class _AuditedTable:
    entity: str
    table: str
    key: str  # the primary-key column, whose value is the trail's entity_id
    columns: tuple[_Column, ...]
    exclude: frozenset[str]


def _kind(sql_type: TypeEngine[Any]) -> str:
    if isinstance(sql_type, Boolean):
        return "bool"
    if isinstance(sql_type, Float):
        return "float"
    if isinstance(sql_type, Integer):
        return "int"
    if isinstance(sql_type, Date):
        return "date"
    if isinstance(sql_type, LargeBinary):
        return "bytes"
    return "text"


def audited_tables() -> dict[str, _AuditedTable]:
    """Every model the trail records, by the entity name its entries carry."""
    found: dict[str, _AuditedTable] = {}
    order = list(Base.metadata.tables)  # as the models declare them: the profile and steps first
    for mapper in sorted(
        Base.registry.mappers, key=lambda m: order.index(m.primary_key[0].table.name)
    ):
        cls = mapper.class_
        if not issubclass(cls, Audited) or not cls.__audit_entity__:
            continue
        columns = tuple(
            _Column(attr.key, attr.columns[0].name, _kind(attr.columns[0].type))
            for attr in mapper.column_attrs
        )
        found[cls.__audit_entity__] = _AuditedTable(
            cls.__audit_entity__,
            mapper.primary_key[0].table.name,
            mapper.primary_key[0].name,
            columns,
            frozenset(cls.__audit_exclude__),
        )
    return found


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """The columns each table of the file really has (a damaged schema reads what is there)."""
    out: dict[str, set[str]] = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        out[table] = {row[1] for row in conn.execute(f"PRAGMA table_info({_quote(table)})")}
    return out


def _has(columns: dict[str, set[str]], table: str, *names: str) -> bool:
    return table in columns and set(names) <= columns[table]


# -- the schema ------------------------------------------------------------------------


def foreign_schema_objects(conn: sqlite3.Connection) -> list[Message]:
    """Tables, indexes, triggers and views QMS Desktop did not make, one finding each. A
    trigger can rewrite records after every edit, behind the trail's back; so none is
    allowed. Reads sqlite_master only: cheap enough to run whenever a file is opened."""
    tables = set(Base.metadata.tables) | {"alembic_version"}
    indexes = {str(ix.name) for t in Base.metadata.tables.values() for ix in t.indexes}
    found: list[Message] = []
    for kind, name, table in conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name"
    ).fetchall():
        shown_name, shown_table = _printable(str(name)), _printable(str(table))
        if kind == "trigger":
            found.append(
                Message("storage.check_trigger", {"name": shown_name, "table": shown_table})
            )
        elif kind == "view":
            found.append(Message("storage.check_view", {"name": shown_name}))
        elif kind == "table" and name not in tables and not str(name).startswith("sqlite_"):
            found.append(Message("storage.check_unknown_table", {"name": shown_name}))
        elif (
            kind == "index"
            and name not in indexes
            and not (str(name).startswith("sqlite_autoindex_") and table in tables)
        ):
            found.append(
                Message("storage.check_unknown_index", {"name": shown_name, "table": shown_table})
            )
    return found


def _profile_and_steps(
    conn: sqlite3.Connection, columns: dict[str, set[str]], found: _Findings
) -> None:
    if (
        not _has(columns, "organisation", "id")
        or conn.execute("SELECT 1 FROM organisation WHERE id = 1").fetchone() is None
    ):
        found.add("storage.check_no_organisation")
    held = (
        {str(s) for (s,) in conn.execute("SELECT step FROM step_state")}
        if _has(columns, "step_state", "step")
        else set()
    )
    missing = sorted({st.value for st in Step} - held)
    if missing:
        found.add("storage.check_steps_missing", steps=", ".join(missing))


# -- the audit trail ---------------------------------------------------------------------


class _Replayed:
    """A record as the trail last described it."""

    __slots__ = ("created", "exists", "flush", "last_actor", "values")

    def __init__(self, values: dict[str, Any], exists: bool, created: bool, flush: str) -> None:
        self.values = values  # field -> the trail's text of its last value
        self.exists = exists
        self.created = created  # the trail holds its creation
        self.flush = flush  # the time stamp of the flush that created or deleted it
        self.last_actor: str | None = None  # who made the last recorded update since creation


# The entry's canonical serialisation (what `entry_hash` hashes: a compact JSON array, text
# as UTF-8, not ASCII-escaped) built by SQLite from the bytes as stored, so Python only
# hashes it. SQLite's JSON writer escapes exactly as Python's `json.dumps(ensure_ascii=False)`
# does; an entry whose bytes hash differently is recomputed the Python way before it is
# called altered, so a difference between the two writers could only cost time.
_CANONICAL = (
    "CAST(json_array(seq, at_utc, actor, action, entity, entity_id, field, old_value,"
    " new_value, prev_hash) AS BLOB)"
)
_TRAIL = (
    "SELECT id, seq, actor, action, entity, entity_id, field, new_value, {prev}, hash,"
    " CASE action WHEN 'update' THEN NULL ELSE at_utc END, {canonical}, {key}, at_utc"
    " FROM audit_entry ORDER BY id"
)
_OLD_VALUE = "SELECT old_value, at_utc FROM audit_entry WHERE id = ?"
_CHAIN_COLUMNS = "SELECT id, prev_hash, {canonical} FROM audit_entry WHERE id BETWEEN ? AND ?"
_CHUNK = 4000
_SEQ, _ACTOR, _PREV, _HASH, _CANON, _KEY, _AT = (itemgetter(i) for i in (1, 2, 8, 9, 11, 12, 13))


def _chunks(conn: sqlite3.Connection, signed: bool, chain: bool) -> Iterator[list[tuple[Any, ...]]]:
    """The trail in storage order, as raw rows, a few thousand at a time (constant memory);
    with each entry's prev_hash and canonical bytes when `chain`, else NULL in their place
    (`_ChainBeside` checks them)."""
    sql = _TRAIL.format(
        prev="prev_hash" if chain else "NULL",
        canonical=_CANONICAL if chain and _sqlite_json() else "NULL",
        key="key_id" if signed else "NULL",
    )
    cursor = conn.execute(sql)
    while rows := cursor.fetchmany(_CHUNK):
        yield rows


def _with_chain_columns(
    conn: sqlite3.Connection, rows: list[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """Rows read without their prev_hash and canonical bytes, with them."""
    chain = {
        row_id: (prev, canonical)
        for row_id, prev, canonical in conn.execute(
            _CHAIN_COLUMNS.format(canonical=_CANONICAL if _sqlite_json() else "NULL"),
            (rows[0][0], rows[-1][0]),
        )
    }
    out = []
    for row in rows:
        prev, canonical = chain.get(row[0], (None, None))
        out.append((*row[:8], prev, *row[9:11], canonical, *row[12:]))
    return out


def _digests(blobs: Iterator[Any]) -> list[str | None]:
    sha256 = hashlib.sha256
    return [sha256(c).hexdigest() if c is not None else None for c in blobs]


# The hash chain checked by a second Python process, on the other core, while this one
# replays the trail: `check`'s floor (read every entry's canonical bytes, SHA-256 them) is
# a third of its time, and a thread would not run beside the replay (threads share one
# interpreter lock, taken again for every row SQLite hands over: measured, slower). Per
# chunk of `_CHUNK` entries in storage order it writes "ok <SHA-256 of the chunk's stored
# hashes>" when the sequence numbers run on, every entry links to the hash before it and
# every hash is the SHA-256 of the entry's canonical bytes, then the chunk's size and last
# hash; at a chunk that fails, "fail".
_CHAIN_SCRIPT = """\
import gc, hashlib, sqlite3, sys
gc.disable()  # no cycles made: the collector would only rescan the rows
conn = sqlite3.connect(sys.argv[1], uri=True, timeout=0)
cursor = conn.execute(sys.argv[2])
size, prev, expected = int(sys.argv[3]), sys.argv[4], 1
sha256, out = hashlib.sha256, sys.stdout
while rows := cursor.fetchmany(size):
    n = len(rows)
    seqs, prevs, digests, blobs = map(list, zip(*rows))
    if (
        seqs == list(range(expected, expected + n))
        and prevs[0] == prev
        and prevs[1:] == digests[:-1]
        and [sha256(c).hexdigest() if c is not None else None for c in blobs] == digests
    ):
        out.write(f"ok {n} {digests[-1]}\\n")
        out.flush()
        prev, expected = digests[-1], expected + n
    else:
        out.write("fail\\n")
        break
"""
_CHAIN_QUERY = "SELECT seq, prev_hash, hash, {canonical} FROM audit_entry ORDER BY id"
# Whether the chain may be checked beside the replay (tests turn it off to check that
# both ways find the same).
_BESIDE = True


def start_second_process(
    args: list[str], *, text: bool, env: dict[str, str] | None = None
) -> subprocess.Popen[Any] | None:
    """A Python process beside this one (`args` after the interpreter), its output piped, no
    console window; None where none can be started: switched off, a bundled app (whose
    executable is not Python), or the start failed."""
    if not _BESIDE or getattr(sys, "frozen", False) or not Path(sys.executable).is_file():
        return None
    try:
        return subprocess.Popen(
            [sys.executable, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=text,
            env=env,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except OSError:
        return None


class _ChainBeside:
    """The hash chain checked by `_CHAIN_SCRIPT` in a process of its own. `vouches` says
    whether it found the next chunk sound — the very entries this process read: as many,
    ending with the same hash, which (the chain being sound) stands for every entry up to
    it — and once it did not (a chunk that fails, or a process that stopped or read other
    entries), never again: the caller checks that chunk and the rest itself, naming the
    break as before.

    The caller's open read transaction keeps writers from committing in the workspace's
    rollback-journal mode, so the second process reads the same commit; under another
    journal mode a later commit only appends entries, which the comparison of the hashes
    notices."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self._proc: subprocess.Popen[str] | None = proc

    @classmethod
    def start(cls, conn: sqlite3.Connection) -> _ChainBeside | None:
        """The second process for the file `conn` reads, or None where there is none to
        start (a database in memory, SQLite without JSON, a bundled app whose executable
        is not Python)."""
        if not _sqlite_json():
            return None
        path = next((str(r[2]) for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
        if not path:
            return None
        args = [
            "-I",
            "-S",
            "-c",
            _CHAIN_SCRIPT,
            Path(path).as_uri() + "?mode=ro",
            _CHAIN_QUERY.format(canonical=_CANONICAL),
            str(_CHUNK),
            GENESIS_HASH,
        ]
        proc = start_second_process(args, text=True)
        return None if proc is None else cls(proc)

    def vouches(self, digests: list[Any]) -> bool:
        """Whether the second process found the next chunk, with these stored hashes, sound."""
        if self._proc is None or self._proc.stdout is None:
            return False
        line = self._proc.stdout.readline()
        if line == f"ok {len(digests)} {digests[-1]}\n" and isinstance(digests[-1], str):
            return True
        self.close()
        return False

    def close(self) -> None:
        if self._proc is not None:
            proc, self._proc = self._proc, None
            if proc.poll() is None:
                proc.kill()
            proc.communicate()


def _sqlite_json() -> bool:
    """Whether this SQLite has the JSON functions (built in since 3.38, usual long before)."""
    try:
        sqlite3.connect(":memory:").execute("SELECT json_array(1)").close()
    except sqlite3.OperationalError:
        return False
    return True


def _read_trail(
    conn: sqlite3.Connection,
    columns: dict[str, set[str]],
    found: _Findings,
    notes: list[Message],
) -> tuple[dict[tuple[str, str], _Replayed], int]:
    """One streaming pass over the trail: verify its hash chain (the first break is
    reported, as the entries after it can no longer be trusted to be in place) and its
    signatures (see `_Signatures`), and replay it into the last recorded state of every
    record. Memory grows with the records, not with the trail.

    The chain is checked a chunk at a time with whole-list comparisons (the sequence
    numbers run on, each entry links to the hash before it, each hash is the SHA-256 of the
    entry's bytes); only a chunk that fails is walked entry by entry to name the break."""
    tables = audited_tables()
    state: dict[tuple[str, str], _Replayed] = {}
    head = _head(conn, columns, found)
    prev, expected, count = GENESIS_HASH, 1, 0
    broken = False
    needed = (
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
    if not _has(columns, "audit_entry", *needed):
        found.add("storage.check_no_trail")
        return state, 0
    signed = _has(columns, "audit_entry", "key_id", "signature")
    signatures = _Signatures(conn, columns, found)
    get = state.get
    beside = _ChainBeside.start(conn)
    inline = beside is None  # whether the rows hold their prev_hash and canonical bytes
    try:
        for rows in _chunks(conn, signed, chain=inline):
            n = len(rows)
            count += n
            seqs, digests = list(map(_SEQ, rows)), list(map(_HASH, rows))
            signatures.check(
                rows, list(map(_ACTOR, rows)), list(map(_KEY, rows)), list(map(_AT, rows))
            )
            if not broken and beside is not None and beside.vouches(digests):
                prev, expected = digests[-1], expected + n
            elif not broken:
                if beside is not None:
                    beside.close()  # from this chunk on, the chain is checked here
                    beside = None
                chained = rows if inline else _with_chain_columns(conn, rows)
                prevs = list(map(_PREV, chained))
                hashed = _digests(map(_CANON, chained))
                if (
                    seqs == list(range(expected, expected + n))
                    and prevs[0] == prev
                    and prevs[1:] == digests[:-1]
                    and hashed == digests
                ):
                    prev, expected = digests[-1], expected + n
                else:
                    prev, expected, broken = _walk_chain(
                        conn, chained, hashed, prev, expected, found
                    )
            for _, _, actor, action, entity, entity_id, field, new, _, _, at, _, _, _ in rows:
                # the common case first: an update of a record created earlier in the trail
                if action == "update":
                    row = get((entity, entity_id))
                    if row is not None and row.exists:
                        row.values[field] = new
                        row.last_actor = actor
                        continue
                if entity in tables:
                    _replay(state, action, (str(entity), str(entity_id)), field, new, at, actor)
    finally:
        if beside is not None:
            beside.close()
    signatures.finish(conn, notes, chain_sound=not broken)
    if not broken:
        if head is None and count:
            found.add("storage.check_head_missing", count=count)
        elif head is not None and head != (count, prev):
            found.add(
                "storage.check_chain_cut", head_count=head[0], head_hash=head[1][:12], count=count
            )
    return state, count


def _walk_chain(
    conn: sqlite3.Connection,
    rows: list[tuple[Any, ...]],
    hashed: list[str | None],
    prev: str,
    expected: int,
    found: _Findings,
) -> tuple[str, int, bool]:
    """Walk a chunk that failed the whole-list comparison entry by entry and report the
    first break. `hashed` holds the SHA-256 of each entry's canonical bytes as SQLite
    builds them (None where it could not). Returns the chain's last hash, the next
    sequence number and whether it broke."""
    for i, (
        row_id,
        seq,
        actor,
        action,
        entity,
        entity_id,
        field,
        new,
        prev_hash,
        digest,
        *_,
    ) in enumerate(rows):
        if seq != expected:
            found.add("storage.check_chain_order", seq=seq, expected=expected)
            return prev, expected, True
        if prev_hash != prev:
            found.add("storage.check_chain_link", seq=seq)
            return prev, expected, True
        if (hashed[i] is None or hashed[i] != digest) and _python_hash(
            conn, row_id, seq, actor, action, entity, entity_id, field, new, prev_hash
        ) != digest:
            found.add("storage.check_chain_altered", seq=seq)
            return prev, expected, True
        prev, expected = digest, expected + 1
    return prev, expected, False


def _python_hash(
    conn: sqlite3.Connection,
    row_id: int,
    seq: Any,
    actor: Any,
    action: Any,
    entity: Any,
    entity_id: Any,
    field: Any,
    new: Any,
    prev_hash: Any,
) -> str | None:
    """The entry's hash computed the way the writer computed it (`entry_hash`); reads the
    columns the streaming query leaves out. None when the values cannot be hashed."""
    row = conn.execute(_OLD_VALUE, (row_id,)).fetchone()
    if row is None:
        return None
    try:
        return entry_hash(
            seq=seq,
            at_utc=row[1],
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            field=field,
            old_value=row[0],
            new_value=new,
            prev_hash=prev_hash,
        )
    except (TypeError, ValueError):
        return None


class _Signatures:
    """The entries' signatures against the public keys the workspace lists.

    Since writes are signed once (storage/audit.py: the last entry of each flush or bulk
    write is signed over its chain hash, the entries before it in that write are not),
    an entry is vouched for by its writer when it is signed, or when a signed entry of the
    same write follows it: same actor and time stamp, no other entry in between. Trails
    written when every entry was signed satisfy this as they are.

    For every entry, at no cost: a signature made with a key the workspace does not list
    (or lists under another person) is a finding naming the entry; so is an entry that no
    signature of its own write vouches for (an unsigned one appended at the end, or one of
    another actor slipped between a write's entries and its signed last one), when its
    actor signs — has a signed entry earlier in the trail, or a key the workspace lists
    from no later than the entry. Other unvouched entries (an older file, entries written
    before signing began or without a key) are a note: only the hash chain vouches for them.

    The Ed25519 verification itself (~65 µs an entry: over a minute for 10⁶ entries) runs
    on the last entry each key signed, when the chain is sound. That keeps what verifying
    every signature proves. A signature is made over the entry's chain hash, which covers
    the entry and, through the prev_hash links, every entry before it; `check` recomputes
    every hash from the stored bytes and follows every link before it looks at signatures.
    So a key's last signature verifying proves its holder wrote the whole trail up to there
    as it is stored now. Every signed entry stands at or before the last entry of its own
    writer's key, so it is vouched for by its writer (and by every key that signed later).
    Editing, inserting, deleting or reordering an entry changes its hash and every later
    one; a forger who recomputes them breaks the last signature of the entry's writer and
    of every later writer — caught unless the forger holds all those keys, exactly the
    condition under which re-signing each entry would also pass. What the per-entry check
    alone would add is a signature damaged on its own (its entry unchanged) that is not its
    key's last: its entry is still vouched for by the later signature.

    When a key's last signature fails, or the chain is broken (the prefix argument then
    no longer holds), every signature of those keys is verified in a second pass, so the
    findings name each failing signature, the first forged one first, with the entries of
    its write it alone vouched for (the forged entry is one of them: which one, a signature
    over a recomputed chain cannot tell).
    """

    def __init__(
        self, conn: sqlite3.Connection, columns: dict[str, set[str]], found: _Findings
    ) -> None:
        self.found = found
        self.keys: dict[str, tuple[str, Ed25519PublicKey]] = {}
        self.since: dict[str, str] = {}  # actor -> when the workspace first listed a key of theirs
        if _has(columns, "signing_key", "key_id", "actor", "public_key", "added_at"):
            for listed_id, actor, raw, added in conn.execute(
                "SELECT key_id, actor, public_key, added_at FROM signing_key"
            ):
                public = public_key_from_bytes(raw) if isinstance(raw, bytes) else None
                # a key is known by the hash of its bytes: a listing that lies about it is no key
                if public is not None and key_id(raw) == listed_id:
                    self.keys[str(listed_id)] = (str(actor), public)
                    if isinstance(added, str) and added < self.since.get(str(actor), "\uffff"):
                        self.since[str(actor)] = added
        self.first_signed: dict[Any, Any] = {}  # actor -> row id of their first signed entry
        self.unsigned: list[Any] = []  # seq of the entries noted as unsigned: first, last
        self.unsigned_count = 0
        # key id -> (seq, chain hash, row id) of the last entry it signed, among the
        # entries whose key is listed for their writer
        self.last: dict[str, tuple[Any, Any, Any]] = {}
        # the unsigned entries at the end of the write read last, awaiting its signed
        # entry: (actor, time stamp), and the first entry's (row id, seq), last seq, count
        self.open: tuple[tuple[Any, Any], Any, Any, Any, int] | None = None

    def check(
        self, rows: list[tuple[Any, ...]], actors: list[Any], keys: list[Any], ats: list[Any]
    ) -> None:
        """The cheap checks of a chunk of trail rows: list operations run in C, and one
        Python step per write (and per entry of a write left unvouched)."""
        n = len(rows)
        flags = list(map(is_not, keys, repeat(None)))  # signed or not
        if any(flags):
            self._signed(rows, actors, keys, flags)
        # the last row of each write within the chunk (the chunk's last row may go on)
        ends = list(
            compress(range(n - 1), map(or_, map(ne, actors, actors[1:]), map(ne, ats, ats[1:])))
        )
        ends.append(n - 1)
        carried = self.open
        if carried is not None and carried[0] != (actors[0], ats[0]):
            self._unvouched(*carried)  # the write left open by the last chunk ended there
            carried = None
        self.open = None
        for k, end in enumerate(ends):
            if flags[end]:
                continue  # signed at its end: vouched for (and so is a part carried in)
            start = ends[k - 1] + 1 if k else 0
            first = end
            while first > start and not flags[first - 1]:
                first -= 1
            if first == 0 and carried is not None:
                tail = (carried[0], carried[1], carried[2], rows[end][1], carried[4] + end + 1)
            else:
                row = rows[first]
                tail = ((actors[end], ats[end]), row[0], row[1], rows[end][1], end - first + 1)
            if end == n - 1:
                self.open = tail
            else:
                self._unvouched(*tail)

    def _signed(
        self, rows: list[tuple[Any, ...]], actors: list[Any], keys: list[Any], flags: list[bool]
    ) -> None:
        """The signed entries of a chunk: for the usual chunk (each signed with a key listed
        for its writer) one look per distinct writer and key."""
        pairs = set(zip(compress(actors, flags), compress(keys, flags), strict=True))
        listed = self.keys
        new = {a for a, _ in pairs} - self.first_signed.keys()
        signed = list(compress(range(len(rows)), flags))
        for actor in new:
            self.first_signed[actor] = next(rows[i][0] for i in signed if actors[i] == actor)
        if all(k in listed and listed[k][0] == a for a, k in pairs):
            backwards = keys[::-1]
            for key in {k for _, k in pairs}:  # the last entry of each key
                row = rows[len(rows) - 1 - backwards.index(key)]
                self.last[key] = (row[1], row[9], row[0])
            return
        for i in signed:
            row = rows[i]
            self._check_one(row[0], row[1], row[2], row[9], row[12])

    def _check_one(self, row_id: Any, seq: Any, actor: Any, digest: Any, key: Any) -> None:
        listed = self.keys.get(key)
        if listed is None:
            self.found.add(
                "storage.check_signature_unknown_key", seq=seq, key=_printable(str(key))[:16]
            )
        elif listed[0] != actor:
            self.found.add(
                "storage.check_signature_other_actor",
                seq=seq,
                actor=_printable(str(actor)),
                key_actor=_printable(listed[0]),
            )
        else:
            self.last[key] = (seq, digest, row_id)

    def _unvouched(
        self, write: tuple[Any, Any], row_id: Any, first: Any, last: Any, count: int
    ) -> None:
        """Entries `first`–`last` of a write that no signature of the write vouches for."""
        actor = write[0]
        if self._signs(write, row_id):
            seqs = range(first, first + count) if isinstance(first, int) else [first]
            for seq in seqs:
                self.found.add(
                    "storage.check_signature_missing", seq=seq, actor=_printable(str(actor))
                )
            return
        self.unsigned_count += count
        if not self.unsigned:
            self.unsigned = [first, last]
        self.unsigned[1] = last

    def _signs(self, write: tuple[Any, Any], row_id: Any) -> bool:
        """Whether the writer of a write signs: has a signed entry earlier in the trail, or
        a key the workspace lists from no later than the write."""
        actor, at = write
        signed_before = self.first_signed.get(actor)
        since = self.since.get(str(actor))
        return (signed_before is not None and signed_before < row_id) or (
            since is not None and isinstance(at, str) and since <= at
        )

    def finish(self, conn: sqlite3.Connection, notes: list[Message], *, chain_sound: bool) -> None:
        if self.open is not None:  # the trail's last write ends unsigned
            write, row_id, first, last, count = self.open
            self.open = None
            if self.first_signed and not self._signs(write, row_id):
                # whoever wrote it, the trail of a workspace that signs ends with a signature
                self.found.add(
                    "storage.check_signature_last_missing",
                    first=first,
                    last=last,
                    actor=_printable(str(write[0])),
                )
            else:
                self._unvouched(write, row_id, first, last, count)
        failed = set(self.last)
        if chain_sound:
            failed = {
                key
                for key, (_, digest, row_id) in self.last.items()
                if not verifies(self.keys[key][1], _signature(conn, row_id), digest)
            }
        if failed:
            self._verify_each(conn, failed)
        if self.unsigned_count:
            first, last = self.unsigned
            notes.append(
                Message(
                    "storage.note_unsigned",
                    {"first": first, "last": last, "count": self.unsigned_count},
                )
            )

    def _verify_each(self, conn: sqlite3.Connection, keys: set[str]) -> None:
        """Every signature made with `keys` (by the person each is listed for), in order."""
        cursor = conn.execute(
            "SELECT id, seq, actor, at_utc, hash, key_id, signature FROM audit_entry"
            " WHERE key_id IS NOT NULL ORDER BY id"
        )
        while rows := cursor.fetchmany(4000):
            for row_id, seq, actor, at, digest, key, signature in rows:
                listed = self.keys.get(key) if key in keys else None
                if listed is not None and listed[0] == actor:
                    if not verifies(listed[1], signature, digest):
                        first = _write_start(conn, row_id, actor, at, seq)
                        if first == seq:
                            self.found.add("storage.check_signature_bad", seq=seq)
                        else:
                            self.found.add(
                                "storage.check_signature_bad_write", first=first, seq=seq
                            )


def _write_start(conn: sqlite3.Connection, row_id: Any, actor: Any, at: Any, seq: Any) -> Any:
    """The seq of the first entry a write's signature (on entry `seq`, row `row_id`) alone
    vouches for: the unsigned entries of the same write just before it, if any."""
    cursor = conn.execute(
        "SELECT seq, actor, at_utc, key_id FROM audit_entry WHERE id < ? ORDER BY id DESC",
        (row_id,),
    )
    while rows := cursor.fetchmany(256):
        for before, who, when, key in rows:
            if key is not None or who != actor or when != at:
                return seq
            seq = before
    return seq


def _signature(conn: sqlite3.Connection, row_id: Any) -> object:
    row = conn.execute("SELECT signature FROM audit_entry WHERE id = ?", (row_id,)).fetchone()
    return None if row is None else row[0]


def _head(
    conn: sqlite3.Connection, columns: dict[str, set[str]], found: _Findings
) -> tuple[int, str] | None:
    if not _has(columns, "workspace_meta", "key", "value"):
        return None
    row = conn.execute(
        "SELECT value FROM workspace_meta WHERE key = ?", (AUDIT_HEAD_KEY,)
    ).fetchone()
    if row is None:
        return None
    count, _, last = str(row[0]).partition(" ")
    try:
        return int(count), last
    except ValueError:
        found.add("storage.check_head_unreadable")
        return None


def _replay(
    state: dict[tuple[str, str], _Replayed],
    action: str,
    key: tuple[str, str],
    field: str,
    new: str | None,
    at: str,
    actor: str,
) -> None:
    row = state.get(key)
    if action == "create":
        try:
            values = json.loads(new) if new is not None else {}
        except (TypeError, ValueError):
            values = {}
        state[key] = _Replayed(values if isinstance(values, dict) else {}, True, True, at)
    elif action == "update":
        if row is None or not row.exists:
            row = state[key] = _Replayed({}, True, False, at)
        row.values[field] = new
        row.last_actor = actor
    elif action == "delete":
        if row is not None and row.exists and row.created and row.flush == at:
            # Created and deleted in one flush: SQLAlchemy's "row switch" (a new object
            # under the key of a deleted one, written as one UPDATE). The row stays.
            return
        state[key] = _Replayed({}, False, True, at)


def _recorded(kind: str, text: object) -> object:
    """The trail's text of a value, in the form `_stored` gives the column's value."""
    if text is None:
        return None
    text = str(text)
    try:
        if kind == "float":
            return repr(float(text))
        if kind == "int":
            return str(int(text))
    except ValueError:
        return text
    if kind == "bool":
        return {"1": "true", "0": "false"}.get(text, text)
    return text


def _stored(kind: str, value: object) -> object:
    """A column's value as the trail writes it (`audit_text`), read back from SQLite."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return audit_text(value)
    if kind == "float" and isinstance(value, int | float):
        return repr(float(value))
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    if kind == "bool" and isinstance(value, int):
        return "true" if value else "false"
    return str(value)


def _compare_records(
    conn: sqlite3.Connection,
    columns: dict[str, set[str]],
    state: dict[tuple[str, str], _Replayed],
    found: _Findings,
) -> dict[str, str | None]:
    """Each audited row against the trail's last word on it. Returns each library's text
    as the trail recorded it (None when the trail has none), for the requirements."""
    library_texts: dict[str, str | None] = {}
    read: set[str] = set()
    for table in audited_tables().values():
        present = columns.get(table.table)
        if not present or table.key not in present:
            continue
        cols = [c for c in table.columns if c.name in present]
        key_at = next(i for i, c in enumerate(cols) if c.name == table.key)
        # bookkeeping columns the trail leaves out are not compared; some follow from it
        compared = [(i, c) for i, c in enumerate(cols) if c.key not in table.exclude]
        derived = [
            (i, c.key)
            for i, c in enumerate(cols)
            if c.key in LAST_WRITER_FIELDS.get(table.entity, ())
        ]
        sql = f"SELECT {', '.join(_quote(c.name) for c in cols)} FROM {_quote(table.table)}"
        for row in conn.execute(sql):
            entity_id = str(row[key_at])
            replayed = state.pop((table.entity, entity_id), None)
            if table.entity == "library":
                content = (
                    replayed.values.get("content")
                    if replayed is not None and replayed.exists
                    else None
                )
                library_texts[entity_id] = content if isinstance(content, str) else None
            if replayed is None or not replayed.created:
                found.add("storage.check_not_in_trail", record=record(table.entity, entity_id))
                continue
            if not replayed.exists:
                found.add("storage.check_deleted_exists", record=record(table.entity, entity_id))
                continue
            values = replayed.values
            for at, col in compared:
                if col.key not in values:
                    continue  # not recorded by the trail (a column added after the row was made)
                value = row[at]
                if values[col.key] == value:
                    continue  # text (or nothing) as written: the common case, decided without converting
                want, have = _recorded(col.kind, values[col.key]), _stored(col.kind, value)
                if want != have:
                    shown_stored, shown_trail = _difference(
                        None if have is None else str(have),
                        None if want is None else str(replayed.values[col.key]),
                    )
                    found.add(
                        "storage.check_value_differs",
                        record=record(table.entity, entity_id),
                        field=col.key,
                        trail=shown_trail,
                        stored=shown_stored,
                    )
            for at, field in derived:
                want_actor = (
                    replayed.last_actor
                    if replayed.last_actor is not None
                    else replayed.values.get(field)
                )
                if want_actor is not None and str(want_actor) != _stored("text", row[at]):
                    found.add(
                        "storage.check_last_writer",
                        record=record(table.entity, entity_id),
                        field=field,
                        trail=_shown(str(want_actor)),
                        stored=_shown(None if row[at] is None else str(row[at])),
                    )
        read.add(table.entity)
    for (entity, entity_id), replayed in state.items():
        if entity in read and replayed.exists:
            found.add("storage.check_gone", record=record(entity, entity_id))
    return library_texts


# -- requirements, references, evidence ---------------------------------------------------


_REQUIREMENT_FIELDS = (
    "position",
    "depth",
    "is_section",
    "parent_ref",
    "title_en",
    "title_zh",
    "guidance_en",
    "guidance_zh",
    "tags",
)
# Format 7 on: a control's statement apart from its guidance, and the requirement it stands
# within. Compared when the table has them (older formats do not).
_LATER_REQUIREMENT_FIELDS = ("statement_en", "statement_zh", "within")
_TEXT_FIELDS = frozenset(
    {"title_en", "title_zh", "guidance_en", "guidance_zh", "tags", "statement_en", "statement_zh"}
)

# Libraries whose rows were not read from the YAML text they are stored with, but built
# beside it (an OSCAL catalog's controls): read back, that text gives the same requirements
# with the same words, but may order a section's requirements and sub-sections by reference
# and trims spaces around a class. Their requirements are compared by reference, their
# texts word for word, their positions not at all.
_LOOSE_SOURCES = frozenset({"oscal"})


def _same(field: str, have: object, should: object, loose: bool) -> bool:
    if field == "is_section" and isinstance(have, int):
        have = bool(have)
    if not loose:
        return have == should
    if field == "position":
        return True
    if field in _TEXT_FIELDS and isinstance(have, str) and isinstance(should, str):
        return have.split() == should.split()
    return have == should


def _requirements(
    conn: sqlite3.Connection,
    columns: dict[str, set[str]],
    library_texts: dict[str, str | None],
    library_rows: LibraryRows,
    found: _Findings,
    notes: list[Message],
) -> None:
    """The requirement rows (not in the trail) against the library text the trail recorded
    when the library was copied in; without such a record, against the library's own text."""
    if (
        not _has(columns, "requirement", "library_id", "ref", *_REQUIREMENT_FIELDS)
        or "library" not in columns
    ):
        return
    fields = _REQUIREMENT_FIELDS + tuple(
        f for f in _LATER_REQUIREMENT_FIELDS if f in columns["requirement"]
    )
    stored_texts: dict[str, object] = {}
    loose: set[str] = set()
    for library_id, content, source in conn.execute("SELECT id, content, source FROM library"):
        stored_texts[str(library_id)] = content
        if source in _LOOSE_SOURCES:
            loose.add(str(library_id))
    expected: dict[str, dict[str, tuple[object, ...]]] = {}
    for library_id, stored in stored_texts.items():
        text = library_texts.get(library_id) or stored
        try:
            rows = library_rows(str(text))
        except QmsError as exc:
            notes.append(
                Message(
                    "storage.note_library_unreadable",
                    {"library": _printable(library_id), "reason": exc.message},
                )
            )
            continue
        expected[library_id] = {
            r.ref: (
                i,
                r.depth,
                r.is_section,
                r.parent_ref,
                r.title_en,
                r.title_zh,
                r.guidance_en,
                r.guidance_zh,
                " ".join(r.tags),
                r.statement_en,
                r.statement_zh,
                r.within,
            )[: len(fields)]
            for i, r in enumerate(rows)
        }
    sql = f"SELECT library_id, ref, {', '.join(fields)} FROM requirement"
    for library_id, ref, *values in conn.execute(sql):
        rows_of = expected.get(str(library_id))
        if rows_of is None:
            continue  # a library whose text cannot be read (noted) or that is gone (a reference finding)
        want = rows_of.pop(str(ref), None)
        if want is None:
            found.add("storage.check_requirement_extra", record=_requirement(library_id, ref))
            continue
        for field, have, should in zip(fields, values, want, strict=True):
            if not _same(field, have, should, str(library_id) in loose):
                shown_stored, shown_expected = _difference(
                    None if have is None else str(have), str(should)
                )
                found.add(
                    "storage.check_requirement_differs",
                    record=_requirement(library_id, ref),
                    field=field,
                    stored=shown_stored,
                    expected=shown_expected,
                )
    for library_id, left in expected.items():
        for ref in left:
            found.add("storage.check_requirement_missing", record=_requirement(library_id, ref))


def _references(conn: sqlite3.Connection, columns: dict[str, set[str]], found: _Findings) -> None:
    """Every reference leads to a record: the declared foreign keys (PRAGMA
    foreign_key_check) and the references SQLite does not know of."""
    entities = {t.table: t.entity for t in audited_tables().values()}
    for (table, column), (target, target_column) in SOFT_REFERENCES.items():
        if not (_has(columns, table, column) and _has(columns, target, target_column)):
            continue
        label = "t.library_id, t.ref" if table == "requirement" else "t.id"
        sql = (
            f"SELECT {label}, t.{_quote(column)} FROM {_quote(table)} AS t LEFT JOIN {_quote(target)} AS p"
            f" ON p.{_quote(target_column)} = t.{_quote(column)} WHERE p.{_quote(target_column)} IS NULL"
            f" AND t.{_quote(column)} IS NOT NULL"
        )
        for *ident, value in conn.execute(sql):
            name = (
                _requirement(*ident)
                if table == "requirement"
                else record(entities.get(table, table), ident[0])
            )
            found.add(
                "storage.check_dangling",
                record=name,
                field=column,
                target=entity_label(entities.get(target, target)),
                value=_printable(str(value)),
            )
    covered = set(SOFT_REFERENCES)
    for table, rowid, target, fk_id in conn.execute("PRAGMA foreign_key_check").fetchall():
        fks = {row[0]: row[3] for row in conn.execute(f"PRAGMA foreign_key_list({_quote(table)})")}
        column = str(fks.get(fk_id, "?"))
        if (table, column) in covered:
            continue
        found.add(
            "storage.check_dangling",
            record=record(entities.get(table, table), rowid),
            field=column,
            target=entity_label(entities.get(target, target)),
            value="?",
        )
    if _has(columns, "assessment_item", "id", "library_id", "ref") and _has(
        columns, "requirement", "library_id", "ref", "is_section"
    ):
        for item_id, library_id, ref in conn.execute(
            "SELECT i.id, i.library_id, i.ref FROM assessment_item AS i LEFT JOIN requirement AS r"
            " ON r.library_id = i.library_id AND r.ref = i.ref AND r.is_section = 0 WHERE r.id IS NULL"
        ):
            found.add(
                "storage.check_item_without_requirement",
                record=record("assessment_item", item_id),
                requirement=_requirement(library_id, ref),
            )
    if _has(columns, "assessment", "id", "library_ids") and "library" in columns:
        held = {str(i) for (i,) in conn.execute("SELECT id FROM library")}
        for assessment_id, library_ids in conn.execute("SELECT id, library_ids FROM assessment"):
            for library_id in str(library_ids or "").split():
                if library_id not in held:
                    found.add(
                        "storage.check_dangling",
                        record=record("assessment", assessment_id),
                        field="library_ids",
                        target=entity_label("library"),
                        value=_printable(library_id),
                    )


def _attachment_records(
    conn: sqlite3.Connection, columns: dict[str, set[str]], found: _Findings
) -> None:
    """Every attachment belongs to a record of a register that exists."""
    if not _has(columns, "attachment", "id", "register", "record_id"):
        return
    registers = [str(r) for (r,) in conn.execute("SELECT DISTINCT register FROM attachment")]
    for register in sorted(registers):
        model = REGISTER_MODELS.get(register)
        table = str(model.__table__.name) if model is not None else None  # type: ignore[attr-defined]
        if table is not None and _has(columns, table, "id"):
            sql = (
                f"SELECT a.id, a.record_id FROM attachment AS a LEFT JOIN {_quote(table)} AS r"
                " ON r.id = a.record_id WHERE a.register = ? AND r.id IS NULL ORDER BY a.id"
            )
        else:
            sql = "SELECT id, record_id FROM attachment WHERE register = ? ORDER BY id"
        for attachment_id, record_id in conn.execute(sql, (register,)):
            found.add(
                "storage.check_dangling",
                record=record("attachment", attachment_id),
                field="record_id",
                target=entity_label(register) if model is not None else _printable(register),
                value=_printable(str(record_id)),
            )


def _evidence(conn: sqlite3.Connection, columns: dict[str, set[str]], found: _Findings) -> None:
    """Every evidence file has its contents, the contents hash to the key they are stored
    under, and no contents are kept that no evidence file uses."""
    if not (
        _has(columns, "evidence_file", "id", "name", "sha256")
        and _has(columns, "blob", "sha256", "data")
    ):
        return
    users: dict[str, list[tuple[str, object, str]]] = {}
    for evidence_id, name, digest in conn.execute(
        "SELECT id, name, sha256 FROM evidence_file ORDER BY id"
    ):
        users.setdefault(str(digest), []).append(("evidence_file", evidence_id, str(name)))
    if _has(columns, "attachment", "id", "name", "sha256"):
        for attachment_id, name, digest in conn.execute(
            "SELECT id, name, sha256 FROM attachment ORDER BY id"
        ):
            users.setdefault(str(digest), []).append(("attachment", attachment_id, str(name)))
    if _has(columns, "document_file", "id", "name", "sha256"):  # revisions' frozen files
        for file_id, name, digest in conn.execute(
            "SELECT id, name, sha256 FROM document_file ORDER BY id"
        ):
            users.setdefault(str(digest), []).append(("document_file", file_id, str(name)))
    held: set[str] = set()
    cursor = conn.execute("SELECT sha256, data FROM blob")
    while (row := cursor.fetchone()) is not None:
        digest, data = str(row[0]), row[1]
        held.add(digest)
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != digest:
            names = [_printable(n) for _, _, n in users.get(digest, [])]
            found.add("storage.check_evidence_altered", names=names or [digest[:12]])
        elif digest not in users:
            found.add("storage.check_blob_unused", digest=digest[:12])
    for digest, files in users.items():
        if digest not in held:
            for entity, file_id, name in files:
                found.add(
                    "storage.check_evidence_missing",
                    record=record(entity, file_id),
                    name=_printable(name),
                )
