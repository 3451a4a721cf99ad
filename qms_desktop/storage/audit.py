"""The audit trail, written from the ORM flush itself so that no service can forget it.

Every insert, update and delete of an `Audited` model in a workspace session adds
hash-chained entries in the same transaction, with the actor the session carries.
A write with no actor is refused. When the session also carries the actor's signer
(`session.info["signer"]`), the signer's public key is listed in the workspace and the
LAST entry of each write (one flush, or one bulk `write_entries` call) is signed over its
chain hash; the entries before it in the same write are left unsigned.

Why once per write and not once per entry: a signature is made over the entry's chain
hash, which covers the entry and, through the prev_hash links, every entry before it. All
entries of one write share one actor and one time stamp and stand together at the end of
the chain, so the signature of the write's last entry vouches for each of them exactly as
their own signatures would — altering, inserting, deleting or reordering any of them
changes the signed hash. Signing per entry cost ~25 µs an entry (a quarter of a second for
a 10 000-row import) and proved nothing more.

What keeps the property is a rule `check` enforces (storage/integrity.py `_Signatures`):
an unsigned entry must be followed, within its own write (same actor and time stamp, no
other entry in between), by a signed entry of that actor; so the trail's final entry is
signed. An unsigned entry that is not — one appended or inserted by someone without the
writer's key — is a finding when its actor signs (has signed before in the trail, or the
workspace lists a key for the actor from before the entry), and otherwise part of the
"not signed" note of files written before signing began or without a key. Trails written
before this change (every entry signed) satisfy the rule as they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import methodcaller
from types import NoneType
from typing import Any, cast

from sqlalchemy import Boolean, Date, Table, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from qms_desktop.domain.audit import GENESIS_HASH, AuditEntry
from qms_desktop.storage.models import Audited, AuditRecord, MetaRecord, SigningKeyRecord
from qms_desktop.storage.signing import Signer

AUDIT_HEAD_KEY = "audit_head"


class AuditActorMissing(RuntimeError):
    """A write was attempted in a session that does not say who is writing."""


def audit_text(value: Any) -> str | None:
    """How a field value is written into the trail."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return f"sha256:{hashlib.sha256(value).hexdigest()} ({len(value)} bytes)"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _column_values(obj: Audited) -> dict[str, str | None]:
    mapper = inspect(obj).mapper
    return {c.key: audit_text(getattr(obj, c.key)) for c in mapper.column_attrs}


def read_head(session: Session) -> tuple[int, str]:
    meta = session.get(MetaRecord, AUDIT_HEAD_KEY)
    if meta is None:
        return 0, GENESIS_HASH
    return _parse_head(meta.value)


def _changes(session: Session) -> list[tuple[str, Audited, str, str | None, str | None]]:
    found: list[tuple[str, Audited, str, str | None, str | None]] = []
    for obj in session.new:
        if isinstance(obj, Audited):
            values = json.dumps(_column_values(obj), ensure_ascii=False, sort_keys=True)
            found.append(("create", obj, "", None, values))
    for obj in session.dirty:
        if not isinstance(obj, Audited):
            continue
        state = inspect(obj)
        # Only attributes set since the load carry history (committed_state holds their old
        # values): looking at those alone keeps a 1 000-row edit from inspecting 21 000.
        touched = state.committed_state.keys()
        for attr in state.mapper.column_attrs:
            if attr.key not in touched or attr.key in obj.__audit_exclude__:
                continue
            history = state.attrs[attr.key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if audit_text(old) == audit_text(new):
                continue
            found.append(("update", obj, attr.key, audit_text(old), audit_text(new)))
    for obj in session.deleted:
        if isinstance(obj, Audited):
            values = json.dumps(_column_values(obj), ensure_ascii=False, sort_keys=True)
            found.append(("delete", obj, "", values, None))
    return found


def record_changes(session: Session, _flush_context: object) -> None:
    """`after_flush` hook: turn what the flush just wrote into audit entries.

    After the flush, new rows have their ids, while the session still shows the
    pre-flush state and attribute history. Entries and the chain's head are written
    with Core statements on the flush's own connection, so they are part of the same
    transaction as the change.
    """
    changes = _changes(session)
    if changes:
        write_entries(
            session,
            [
                (action, obj.__audit_entity__, obj.audit_id(), field, old, new)
                for action, obj, field, old, new in changes
            ],
        )


_ENTRY_COLUMNS = (
    "seq, at_utc, actor, action, entity, entity_id, field, old_value, new_value, prev_hash, hash"
)
_INSERT_ENTRY = f"INSERT INTO audit_entry ({_ENTRY_COLUMNS}) VALUES ({', '.join('?' * 11)})"
# signed entries (a schema older than signing has no such columns: entries there are unsigned)
_INSERT_SIGNED_ENTRY = (
    f"INSERT INTO audit_entry ({_ENTRY_COLUMNS}, key_id, signature) VALUES ({', '.join('?' * 13)})"
)

# What `entry_hash` serialises an entry with (json.dumps(..., ensure_ascii=False,
# separators=(",", ":")) is this encoder's `encode`).
_PAYLOAD = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# The JSON module's C encoder of one string (quotes and escapes it as `_PAYLOAD` and
# json.dumps(ensure_ascii=False) do).
_string: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]


def _payload(
    count: int,
    fixed: str,
    action: object,
    entity: object,
    entity_id: object,
    field: object,
    old: object,
    new: object,
    prev: str,
) -> str | None:
    """`_PAYLOAD.encode([count, at, actor, action, entity, entity_id, field, old, new, prev])`
    written out, `fixed` being the encoded `,at,actor,` of the write: the same text when
    every value is text (old and new may be None), as the trail's are; else None."""
    if not (
        type(action) is type(entity) is type(entity_id) is type(field) is str
        and (old is None or type(old) is str)
        and (new is None or type(new) is str)
    ):
        return None
    return (
        f"[{count}{fixed}{_string(action)},{_string(entity)},{_string(entity_id)},"
        f"{_string(field)},{'null' if old is None else _string(old)},"
        f"{'null' if new is None else _string(new)},{_string(prev)}]"
    )


# One audit entry to write: (action, entity, entity id, field, old text, new text).
EntryChange = tuple[str, str, str, str, str | None, str | None]


def _created_text(model: type[Audited]) -> Callable[[dict[str, Any]], str]:
    """How the flush hook writes the new value of a "create" entry for a row of `model`:
    every column by attribute name, as `audit_text`, in JSON with sorted keys — the text
    `json.dumps(..., ensure_ascii=False, sort_keys=True)` makes, put together from the
    sorted keys written once and each value through the JSON module's own C string
    encoder (a third of the time for a 10 000-row assessment; tests/storage compare both)."""
    keys = sorted(c.key for c in inspect(model).column_attrs)
    names = [f"{_string(k)}: " for k in keys]

    def text(values: dict[str, Any]) -> str:
        parts = []
        for name, value in zip(names, map(values.get, keys), strict=True):
            if type(value) is not str:
                value = audit_text(value)
            parts.append(name + ("null" if value is None else _string(value)))
        return "{" + ", ".join(parts) + "}"

    return text


def _created_texts(columns: dict[str, list[Any]], n: int) -> list[str]:
    """The text `_created_text` makes for each of `n` rows, given by column (attribute
    key -> the rows' values), built column by column: each column's values converted and
    encoded in one pass (C loops), a column holding one value for every row (most, when an
    assessment is created) encoded once and merged with its neighbours, so that each row's
    text is one join of a few parts (10 000 assessment items: ~10 ms, ~60 ms row by row)."""
    parts: list[str | list[str]] = []
    for key in sorted(columns):
        values = columns[key]
        kinds = set(map(type, values))
        if kinds == {int}:
            values = list(map(str, values))
        elif kinds - {str, NoneType}:
            values = [v if type(v) is str else audit_text(v) for v in values]
        name = f"{_string(key)}: "
        if values.count(values[0]) == n:  # one value (by type too: the values are text now)
            one = name + ("null" if values[0] is None else _string(values[0]))
            if parts and isinstance(parts[-1], str):
                one = f"{parts.pop()}, {one}"
            parts.append(one)
        elif NoneType in kinds:
            parts.append([name + ("null" if v is None else _string(v)) for v in values])
        else:
            parts.append(list(map(name.__add__, map(_string, values))))
    columns_of_texts = [repeat(p, n) if isinstance(p, str) else p for p in parts]
    joined = map(", ".join, zip(*columns_of_texts, strict=False))  # repeat() has no end
    return [f"{{{text}}}" for text in joined]


def _sql_value(value: Any) -> Any:
    """A value as SQLAlchemy's types store it in SQLite (dates as ISO text, booleans as 0/1)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _columns(model: type[Audited]) -> tuple[Table, list[tuple[str, str]]]:
    """The model's table and its (attribute key, column name) pairs."""
    table = cast(Table, cast(Any, model).__table__)
    return table, [(c.key, c.columns[0].name) for c in inspect(model).column_attrs]


def insert_audited(session: Session, model: type[Audited], rows: list[dict[str, Any]]) -> None:
    """Insert new rows of an audited model with an integer `id` in bulk — one executemany,
    no ORM objects — and their "create" entries, the same entries the flush hook writes for
    the same objects added in this order. Each row is a dict by attribute name (missing
    columns are NULL); its new `id` is set in it."""
    if not rows:
        return
    table, columns = _columns(model)
    conn = session.connection()
    # The ids SQLite would give (the largest + 1, one after the other): this transaction
    # already writes, so no other writer can take them meanwhile.
    top = conn.execute(select(func.max(table.c.id))).scalar() or 0
    for n, values in enumerate(rows, start=top + 1):
        values["id"] = n
    names = ", ".join(f'"{name}"' for _, name in columns)
    marks = ", ".join("?" for _ in columns)
    # the rows by column, read once for the insert and the entries' texts
    values = {key: list(map(methodcaller("get", key), rows)) for key, _ in columns}
    params = [values[key] for key, _ in columns]
    for n, c in enumerate(inspect(model).column_attrs):
        # only columns of dates and booleans need converting: the rest go in as they are
        if isinstance(c.columns[0].type, Date | Boolean):
            params[n] = list(map(_sql_value, params[n]))
    conn.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', list(zip(*params, strict=True))
    )
    entity = model.__audit_entity__
    texts = _created_texts(values, len(rows))
    write_entries(
        session,
        [("create", entity, str(v["id"]), "", None, t) for v, t in zip(rows, texts, strict=True)],
    )


def delete_audited(session: Session, model: type[Audited], ids: Sequence[int]) -> int:
    """Delete rows of an audited model by id in bulk — one read, one executemany, no ORM
    objects — with their "delete" entries, the same entries the flush hook writes for the
    same objects deleted (every column's old value, as `audit_text`, in JSON with sorted
    keys), in the order of `ids`. Ids of rows not there are skipped; returns how many rows
    were deleted."""
    if not ids:
        return 0
    table, columns = _columns(model)
    conn = session.connection()
    text = _created_text(model)
    keys = [key for key, _ in columns]
    read = select(*(table.c[name] for _, name in columns))
    found: dict[int, str] = {}
    for start in range(0, len(ids), 900):  # SQLite's bound parameters per statement
        chunk = list(ids[start : start + 900])
        for r in conn.execute(read.where(table.c.id.in_(chunk))):
            values = dict(zip(keys, r, strict=True))
            found[values["id"]] = text(values)
    order = [i for i in dict.fromkeys(ids) if i in found]
    conn.exec_driver_sql(f'DELETE FROM "{table.name}" WHERE id = ?', [(i,) for i in order])
    entity = model.__audit_entity__
    write_entries(session, [("delete", entity, str(i), "", found[i], None) for i in order])
    return len(order)


def update_audited(
    session: Session,
    model: type[Audited],
    changes: Sequence[tuple[int, dict[str, Any], dict[str, Any]]],
) -> None:
    """Write changed rows of an audited model in bulk: for each (id, old values, new
    values) — the new values of any columns, the old of at least those — the columns whose
    value differs are updated, one executemany UPDATE per set of changed columns, with one
    "update" entry per changed field not excluded from the trail, in the model's column
    order, as the flush hook writes them."""
    table, columns = _columns(model)
    names = dict(columns)
    position = {key: n for n, (key, _) in enumerate(columns)}
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    entries: list[EntryChange] = []
    entity = model.__audit_entity__
    excluded = model.__audit_exclude__
    in_order: dict[tuple[str, ...], tuple[str, ...]] = {}  # changed keys -> in column order
    for row_id, old, new in changes:
        found = tuple(k for k, v in new.items() if old.get(k) != v)
        changed = in_order.get(found)
        if changed is None:
            changed = in_order[found] = tuple(sorted(found, key=position.__getitem__))
        if not changed:
            continue
        groups.setdefault(changed, []).append((*(_sql_value(new[k]) for k in changed), row_id))
        for k in changed:
            if k in excluded:
                continue
            before, after = audit_text(old.get(k)), audit_text(new[k])
            if before != after:
                entries.append(("update", entity, str(row_id), k, before, after))
    conn = session.connection()
    for changed, params in groups.items():
        sets = ", ".join(f'"{names[k]}" = ?' for k in changed)
        conn.exec_driver_sql(f'UPDATE "{table.name}" SET {sets} WHERE id = ?', params)
    write_entries(session, entries)


def write_entries(session: Session, changes: Sequence[EntryChange]) -> None:
    """Append audit entries for `changes`, chained, the last one signed (see the module's
    docstring), with the head, on the session's connection (so in its transaction). The
    flush hook writes through here; a service writing rows in bulk with Core statements
    calls it itself, one entry per created or deleted row and per changed field, exactly
    as the hook would."""
    if not changes:
        return
    actor = session.info.get("actor")
    if not actor:
        raise AuditActorMissing("a workspace write needs an actor for the audit trail")
    conn = session.connection()
    meta = cast(Table, MetaRecord.__table__)
    raw = conn.execute(select(meta.c.value).where(meta.c.key == AUDIT_HEAD_KEY)).scalar()
    count, prev = (0, GENESIS_HASH) if raw is None else _parse_head(raw)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    signer = cast("Signer | None", session.info.get("signer"))
    if signer is not None:
        _list_key(conn, signer, now)
    rows: list[tuple[Any, ...]] = []
    # `entry_hash`, inlined: the entry's JSON written out (see `_payload`)
    sha256 = hashlib.sha256
    fixed = "," + _PAYLOAD.encode([now, actor])[1:-1] + ","
    for action, entity, entity_id, field, old, new in changes:
        count += 1
        payload = _payload(
            count, fixed, action, entity, entity_id, field, old, new, prev
        ) or _PAYLOAD.encode([count, now, actor, action, entity, entity_id, field, old, new, prev])
        digest = sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()
        rows.append((count, now, actor, action, entity, entity_id, field, old, new, prev, digest))
        prev = digest
    if signer is None:
        conn.exec_driver_sql(_INSERT_ENTRY, rows)
    else:
        # one signature, over the last hash: it vouches for every entry of this write
        rows[-1] = (*rows[-1], signer.key_id, signer.sign(prev))
        if len(rows) > 1:
            conn.exec_driver_sql(_INSERT_ENTRY, rows[:-1])
        conn.exec_driver_sql(_INSERT_SIGNED_ENTRY, rows[-1:])
    head = f"{count} {prev}"
    if raw is None:
        conn.execute(insert(meta).values(key=AUDIT_HEAD_KEY, value=head))
    else:
        conn.execute(update(meta).where(meta.c.key == AUDIT_HEAD_KEY).values(value=head))


def _list_key(conn: Any, signer: Signer, now: str) -> None:
    """List the signer's public key in the workspace, once, in the same transaction."""
    keys = cast(Table, SigningKeyRecord.__table__)
    if conn.execute(select(keys.c.key_id).where(keys.c.key_id == signer.key_id)).first() is None:
        conn.execute(
            insert(keys).values(
                key_id=signer.key_id,
                actor=signer.actor,
                public_key=signer.public_key,
                added_at=now,
            )
        )


def _parse_head(raw: str) -> tuple[int, str]:
    count, _, last = raw.partition(" ")
    return int(count), last


def _to_entry(r: AuditRecord) -> AuditEntry:
    return AuditEntry(
        seq=r.seq,
        at_utc=r.at_utc,
        actor=r.actor,
        action=r.action,
        entity=r.entity,
        entity_id=r.entity_id,
        field=r.field,
        old_value=r.old_value,
        new_value=r.new_value,
        prev_hash=r.prev_hash,
        hash=r.hash,
    )


def all_entries(session: Session) -> list[AuditEntry]:
    """The whole trail in storage order (row id), as the chain check reads it."""
    return [_to_entry(r) for r in session.scalars(select(AuditRecord).order_by(AuditRecord.id))]


def entries_for(
    session: Session, entity: str, entity_id: str, limit: int = 500
) -> list[AuditEntry]:
    """The newest entries about one record, newest first."""
    rows = session.scalars(
        select(AuditRecord)
        .where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
        .order_by(AuditRecord.id.desc())
        .limit(limit)
    )
    return [_to_entry(r) for r in rows]


def signing_keys(session: Session) -> list[tuple[str, str, bytes]]:
    """The public keys the workspace lists: (key id, actor, raw public key), oldest first."""
    keys = cast(Table, SigningKeyRecord.__table__)
    rows = session.execute(
        select(keys.c.key_id, keys.c.actor, keys.c.public_key).order_by(
            keys.c.added_at, keys.c.key_id
        )
    )
    return [(str(k), str(a), bytes(p)) for k, a, p in rows]


def signed_entry_count(session: Session) -> int:
    """How many audit entries a signature vouches for: each signed entry, and each entry
    followed within its own write (same actor and time stamp) by a signed one — since
    writes are signed once, at their last entry (see the module's docstring)."""
    audit = cast(Table, AuditRecord.__table__)
    rows = session.execute(
        select(audit.c.actor, audit.c.at_utc, audit.c.signature.is_not(None)).order_by(
            audit.c.id.desc()
        )
    )
    count, write, covered = 0, None, False
    for actor, at, signed in rows:  # from the end: a write's signature comes last
        if (actor, at) != write:
            write, covered = (actor, at), False
        covered = covered or bool(signed)
        count += covered
    return count
