"""The audit trail's texts written out by hand (storage/audit.py, for speed) are exactly
what the JSON module writes: the entry payload each hash is taken over, and the "create"
entry's JSON of a row built column by column."""

import datetime as dt
import json

import pytest

from qms_desktop.domain.audit import GENESIS_HASH, entry_hash
from qms_desktop.storage import audit
from qms_desktop.storage.models import AssessmentItemRecord

AWKWARD = [
    "",
    "plain",
    'a "quoted" word',
    "back\\slash",
    "tab\tnew\nline\rcarriage",
    "\x00\x01\x1f\x7f bell\x07",
    "质量管理体系 — «Qualität»",
    "emoji 🙂 and a lone surrogate \ud800",
    "</script><b>&amp;</b>",
    "{{ 7*7 }}",
    '{"json": ["inside", null]}',
]
STORABLE = [t for t in AWKWARD if "\ud800" not in t]  # SQLite stores no lone surrogate


@pytest.mark.parametrize("text", AWKWARD)
def test_an_entry_payload_is_the_json_module_s(text: str):
    fixed = "," + audit._PAYLOAD.encode(["2026-01-01T00:00:00+00:00", text])[1:-1] + ","
    for old, new in [(None, text), (text, None), (text, text), ("", "x")]:
        written = audit._payload(7, fixed, "update", text, text, text, old, new, GENESIS_HASH)
        assert written == audit._PAYLOAD.encode(
            [
                7,
                "2026-01-01T00:00:00+00:00",
                text,
                "update",
                text,
                text,
                text,
                old,
                new,
                GENESIS_HASH,
            ]
        )
        assert written == json.dumps(
            [
                7,
                "2026-01-01T00:00:00+00:00",
                text,
                "update",
                text,
                text,
                text,
                old,
                new,
                GENESIS_HASH,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )


def test_an_entry_that_is_not_all_text_is_left_to_the_encoder():
    assert audit._payload(1, ",", "update", "x", 5, "f", None, "y", GENESIS_HASH) is None
    assert audit._payload(1, ",", "update", "x", "5", "f", 3, "y", GENESIS_HASH) is None


def test_write_entries_hashes_what_entry_hash_hashes(tmp_path):
    from qms_desktop.storage.models import AuditRecord
    from qms_desktop.storage.workspace import Workspace

    ws = Workspace.create(tmp_path / "t.qms")
    try:
        with ws.editing('Zoë "the" auditor\\') as s:
            audit.write_entries(
                s,
                [
                    ("update", "lesson", str(n), "title", STORABLE[n - 1], t)
                    for n, t in enumerate(STORABLE, start=1)
                ],
            )
        with ws.reading() as s:
            entries = list(s.query(AuditRecord).order_by(AuditRecord.id))
            assert len(entries) >= len(STORABLE)
            for e in entries:
                assert e.hash == entry_hash(
                    seq=e.seq,
                    at_utc=e.at_utc,
                    actor=e.actor,
                    action=e.action,
                    entity=e.entity,
                    entity_id=e.entity_id,
                    field=e.field,
                    old_value=e.old_value,
                    new_value=e.new_value,
                    prev_hash=e.prev_hash,
                )
    finally:
        ws.close()


def test_created_texts_by_column_are_the_flush_hook_s():
    keys = [c.key for c in AssessmentItemRecord.__mapper__.column_attrs]
    rows = []
    for n, text in enumerate(AWKWARD * 3):
        row: dict[str, object] = {k: "" for k in keys}
        row.update(
            id=n + 1,
            assessment_id=4,
            ref=text,
            gap=AWKWARD[n % 4],
            action_due=dt.date(2026, 1, 1 + n % 28) if n % 3 else None,
            status="conforming" if n % 2 else "",
        )
        if n % 5 == 0:
            del row["notes" if "notes" in row else "gap"]  # a missing column is null
        rows.append(row)
    columns = {k: [r.get(k) for r in rows] for k in keys}
    one_by_one = audit._created_text(AssessmentItemRecord)
    expected = [
        json.dumps(
            {k: audit.audit_text(r.get(k)) for k in keys}, ensure_ascii=False, sort_keys=True
        )
        for r in rows
    ]
    assert audit._created_texts(columns, len(rows)) == expected
    assert [one_by_one(r) for r in rows] == expected


def test_created_texts_of_one_row_and_of_identical_rows():
    keys = [c.key for c in AssessmentItemRecord.__mapper__.column_attrs]
    row = {k: None for k in keys} | {"id": 1, "ref": "4.1"}
    for n in (1, 3):
        columns = {k: [row.get(k)] * n for k in keys}
        want = json.dumps(
            {k: audit.audit_text(row.get(k)) for k in keys}, ensure_ascii=False, sort_keys=True
        )
        assert audit._created_texts(columns, n) == [want] * n
