"""`check` raises no false alarm: workspaces made and edited only through QMS Desktop —
the demo, a new one, one upgraded from the first format, one after many edits and undos
that put rows back under their old ids — are sound. And what it says is readable."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
from pathlib import Path

import pytest

from qms_desktop.domain import messages
from qms_desktop.domain.errors import WorkspaceError
from qms_desktop.domain.steps import Step, StepStatus
from qms_desktop.services import checklist as cl
from qms_desktop.services import registers
from qms_desktop.services.demo import write_demo
from qms_desktop.services.libraries import add_library_file, library_copy, replace_library
from qms_desktop.services.profile import update_profile
from qms_desktop.services.steps import update_step
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage import integrity
from qms_desktop.storage.models import LessonRecord, Organisation, StepRecord
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library


def assert_sound(path: Path) -> None:
    report = check_workspace(path)
    assert report.sound, "\n".join(report.problems)


def test_the_demo_is_sound_in_both_languages(demo_file: Path, tmp_path: Path):
    report = check_workspace(demo_file)
    assert report.sound, report.problems
    assert report.notes == ()  # every library's requirements were checked against its text
    assert_sound(write_demo(tmp_path / "zh.qms", "zh_CN"))


def test_a_new_workspace_is_sound(workspace_file: Path):
    assert_sound(workspace_file)


def test_a_workspace_of_the_first_format_upgraded_is_sound(tmp_path: Path):
    """Made by the first version (profile and steps written with their trail), then upgraded:
    the tables later versions added come empty, so nothing predates the trail."""
    path = tmp_path / "v1.qms"

    def first_version(ws: Workspace) -> None:
        with ws.editing("old version") as s:
            s.add(
                Organisation(
                    id=1,
                    name="Old Org",
                    short_name="",
                    address="",
                    scope="",
                    services="",
                    sites="",
                    industry="",
                    doc_prefix="",
                    management_representative="",
                    default_language="en",
                )
            )
            for step in Step:
                s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))

    Workspace.create(path, revision="0001", fill=first_version).close()
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None
        update_profile(ws, "new version", address="1 New Street")
    assert_sound(path)


def test_many_edits_and_undos_through_the_services_are_sound(demo_file: Path, tmp_path: Path):
    rng = random.Random(7)
    entries_before = check_workspace(demo_file).audit_entries
    applied = 0
    with Workspace.open(demo_file) as ws:
        update_profile(ws, "Zhang", address="2 Harbour Road", logo=b"\x89PNG\r\n\x1a\n" + bytes(64))
        update_profile(ws, "Zhang", logo=None)
        update_step(
            ws,
            "Zhang",
            Step.PLAN,
            status=StepStatus.DONE,
            signed_off_by="Zhang Min",
            signed_off_on=dt.date(2026, 12, 1),
        )
        update_step(
            ws,
            "Zhang",
            Step.PLAN,
            status=StepStatus.IN_PROGRESS,
            signed_off_by="",
            signed_off_on=None,
        )

        # registers: add, edit, delete, put back under the old id (undo), numbers as text and as integers
        for key in ("lesson", "objective", "person"):
            # a record other records point at cannot be deleted (a person filling a role, an
            # objective with measured results): take the last two nothing points at, one of
            # them a copy of the first record made here
            first = registers.list_records(ws, key)[0]
            registers.add_record(ws, "Lin", key, dict(first.values))
            done = 0
            for record in registers.list_records(ws, key)[::-1]:
                try:
                    deleted, _ = registers.delete_record(ws, "Lin", key, record.id)
                except WorkspaceError:
                    continue
                registers.add_record(ws, "Lin", key, dict(deleted.values), record_id=deleted.id)
                done += 1
                if done == 2:
                    break
            assert done >= 1, key
        objective = registers.list_records(ws, "objective")[0]
        registers.update_record(ws, "Lin", "objective", objective.id, target=95)
        registers.update_record(ws, "Lin", "objective", objective.id, target="97.5")
        registers.update_plan(ws, "Lin", quality_policy="Guests first, every time.")

        # checklist: bulk edits and their inverse (undo), one by one, deletion and restore
        assessments = cl.list_assessments(ws)
        rows = cl.checklist_rows(ws, assessments[0].id)
        statuses = ["conforming", "partial", "nonconforming", "not_assessed"]
        for _ in range(5):
            picked = rng.sample(rows, 12)
            changes: list[tuple[int, dict[str, object]]] = []
            for r in picked:
                status = rng.choice(statuses)
                values: dict[str, object] = {
                    "status": status,
                    "current_practice": f"seen {rng.random():.3f}",
                }
                if status == "nonconforming":
                    values.update(
                        grade="minor",
                        action_text="fix it",
                        action_owner="Lin",
                        action_due="2027-01-31",
                        action_priority="high",
                        action_state="open",
                    )
                changes.append((r.item_id, values))
            try:
                inverse, _ = cl.apply_assessments(ws, f"user{rng.randrange(3)}", changes)
            except Exception:  # a combination the rules refuse changes nothing, which is fine here
                continue
            applied += 1
            if rng.random() < 0.5:
                cl.apply_assessments(ws, "undo", inverse)
        cl.assess_requirement(ws, "Lin", rows[0].item_id, evidence_notes="Checked again 复查")
        cl.update_assessment(
            ws, "Lin", assessments[0].id, notes="Baseline, revised", audit_date=None
        )

        # evidence: attach, remove, restore (undo of remove), shared contents
        item = rows[1].item_id
        cl.attach_evidence(ws, "Lin", item, name="minutes.pdf", data=b"%PDF-1.4 minutes")
        shared, _ = cl.attach_evidence(
            ws, "Lin", rows[2].item_id, name="copy.pdf", data=b"%PDF-1.4 minutes"
        )
        for file in cl.evidence_files(ws, item):
            removed, _ = cl.remove_evidence(ws, "Lin", file.id)
            cl.restore_evidence(ws, "Lin", removed)
        cl.remove_evidence(ws, "Lin", shared.id)

        # a whole assessment deleted and put back under its old ids, twice
        for _ in range(2):
            snapshot, _ = cl.delete_assessment(ws, "Lin", assessments[-1].id)
            cl.restore_assessment(ws, "Lin", snapshot)

        # libraries: add one from a file, remove it, put it back (undo), replace it by itself
        lib_file = tmp_path / "house.yaml"
        lib_file.write_text(HOUSE_LIBRARY, encoding="utf-8")
        library, _, _ = add_library_file(ws, "Lin", lib_file)
        before, _ = replace_library(ws, "Lin", library.id, None)
        replace_library(ws, "Lin", library.id, before)
        replace_library(ws, "Lin", library.id, library_copy(ws, library.id))
        info, _ = cl.create_assessment(ws, "Lin", "House rules", dt.date(2026, 12, 1), [library.id])
        created = cl.checklist_rows(ws, info.id)
        cl.assess_requirement(
            ws, "Lin", created[0].item_id, status="conforming", grade="good_practice"
        )
    report = check_workspace(demo_file)
    assert report.sound, "\n".join(report.problems)
    assert report.notes == ()
    assert applied >= 3 and report.audit_entries > entries_before + 300


OSCAL_CATALOG = {
    "catalog": {
        "uuid": "5a1b0e0c-0000-4000-8000-000000000009",
        "metadata": {"title": "House controls"},
        "groups": [
            {
                "id": "g",
                "title": "Guest care",
                "controls": [{"id": "z-1", "title": "Zone patrols", "class": " spaced "}],
                "groups": [
                    {
                        "id": "a-sub",
                        "title": "Arrivals",
                        "controls": [{"id": "a-1", "title": "Greet guests"}],
                    }
                ],
            }
        ],
    }
}


def test_an_oscal_catalog_whose_text_reads_back_in_another_order_is_sound(
    workspace: Workspace, tmp_path: Path
):
    """An OSCAL import stores rows built from the catalog beside their YAML, which reads
    back with a section's parts in reference order and classes trimmed: not a finding."""
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(OSCAL_CATALOG), encoding="utf-8")
    library, _, _ = add_library_file(workspace, "Lin", path)
    assert [r.ref for r in library.rows] == ["g", "z-1", "a-sub", "a-1"]
    report = check_workspace(workspace.path)
    assert report.sound, report.problems
    assert report.notes == ()


def test_a_row_switch_in_one_flush_is_not_a_false_alarm(demo_file: Path):
    """SQLAlchemy writes "delete row 1, add a new row 1" in one flush as one UPDATE; the
    trail then holds a creation and a deletion of row 1 from the same flush."""
    with Workspace.open(demo_file) as ws, ws.editing("Lin") as s:
        old = s.get(LessonRecord, 1)
        assert old is not None
        values = {
            c: getattr(old, c)
            for c in (
                "source",
                "occurred_on",
                "what_happened",
                "lesson",
                "suggested_rule",
                "rule_kind",
                "decision",
                "document",
                "position",
            )
        }
        s.delete(old)
        s.add(LessonRecord(id=1, **{**values, "lesson": "rewritten in the same flush"}))
    assert_sound(demo_file)


def test_a_library_whose_text_is_not_a_library_is_noted_not_failed(workspace: Workspace):
    """Tests store libraries with a stand-in text; the app itself always stores the YAML."""
    add_test_library(workspace)
    report = check_workspace(workspace.path)
    assert report.sound, report.problems
    assert [n.code for n in report.notes] == ["storage.note_library_unreadable"]
    assert "test-iso" in report.note_texts("en")[0] and "test-iso" in report.note_texts("zh_CN")[0]


def test_every_audited_entity_has_a_name_in_both_languages():
    table = messages.table()
    for entity in integrity.audited_tables():
        code = integrity.ENTITY_LABELS[entity]
        assert code in table, entity
    for code in set(integrity.ENTITY_LABELS.values()):
        assert code in table


def test_a_wiped_trail_lists_twenty_records_then_counts_the_rest(demo_file: Path):
    conn = sqlite3.connect(demo_file)
    conn.execute("DELETE FROM audit_entry")
    conn.execute("DELETE FROM workspace_meta WHERE key = 'audit_head'")
    conn.commit()
    conn.close()
    report = check_workspace(demo_file)
    codes = [m.code for m in report.findings]
    assert codes.count("storage.check_not_in_trail") == integrity.MAX_PER_KIND
    more = report.findings[codes.index("storage.check_more")]
    assert int(str(more.params["count"])) > 100
    assert "more like the one above" in more.text("en") and "同类问题" in more.text("zh_CN")


def test_text_that_is_not_utf8_is_reported_not_a_crash(demo_file: Path):
    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE lesson SET lesson = CAST(X'48e9ff6c6c6f' AS TEXT) WHERE id = 2")
    conn.commit()
    conn.close()
    report = check_workspace(demo_file)
    assert any("lesson 2, field lesson: holds “H\\xe9\\xffllo”" in p for p in report.problems), (
        report.problems
    )


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_finding_reads_as_a_sentence(demo_file: Path, lang: str):
    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE step_state SET signed_off_by = 'Mallory' WHERE step = 'summarise'")
    conn.execute("CREATE VIEW v AS SELECT 1")
    conn.commit()
    conn.close()
    report = check_workspace(demo_file)
    texts = report.problem_texts(lang)
    assert texts and all("{" not in t and "storage." not in t for t in texts), texts
    if lang == "zh_CN":
        assert any("步骤（编号 summarise）的字段 signed_off_by" in t for t in texts), texts


HOUSE_LIBRARY = """\
format: qms-desktop-library/1
id: house-rules
name: {en: House rules, zh_CN: 内部规则}
version: "1"
sections:
  - ref: "1"
    title: {en: Front office, zh_CN: 前厅}
    requirements:
      - ref: "1.1"
        title: {en: Greet every guest, zh_CN: 问候每位宾客}
        guidance: {en: Watch the lobby., zh_CN: 观察大堂。}
        tags: [service]
      - ref: "1.2"
        title: {en: Check-in within five minutes, zh_CN: 五分钟内办理入住}
"""


# -- the streaming check: a trail of many chunks -------------------------------------------


@pytest.fixture
def long_trail(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A trail of ~60 entries by three writers, read in chunks of 7 entries, so every
    finding below lands inside a chunk after the first."""
    monkeypatch.setattr(integrity, "_CHUNK", 7)
    add_test_library(workspace)
    info, _ = cl.create_assessment(workspace, "alice", "A", dt.date(2026, 1, 1), ["test-iso"])
    ids = [r.item_id for r in cl.checklist_rows(workspace, info.id)]
    for n, actor in enumerate(["bob", "carol", "bob", "alice", "carol"]):
        cl.apply_assessments(
            workspace,
            actor,
            [(i, {"current_practice": f"round {n} {i}", "gap": f"gap {n}"}) for i in ids],
        )
    path = workspace.path
    workspace.close()
    conn = sqlite3.connect(path)
    (count,) = conn.execute("SELECT count(*) FROM audit_entry").fetchone()
    conn.close()
    assert count > 60
    return path


def _codes(path: Path) -> list[tuple[str, object]]:
    report = check_workspace(path)
    return [(m.code, m.params.get("seq")) for m in report.findings]


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_long_trail_read_in_chunks_is_sound(long_trail: Path):
    report = check_workspace(long_trail)
    assert report.sound, report.problems
    assert report.audit_entries > 60


def test_the_streaming_check_finds_an_edited_entry(long_trail: Path):
    _sql(long_trail, "UPDATE audit_entry SET new_value = 'forged' WHERE seq = 40")
    assert ("storage.check_chain_altered", 40) in _codes(long_trail)


def test_the_streaming_check_finds_a_deleted_entry(long_trail: Path):
    _sql(long_trail, "DELETE FROM audit_entry WHERE seq = 33")
    assert _codes(long_trail)[0] == ("storage.check_chain_order", 34)


def test_the_streaming_check_finds_an_inserted_entry(long_trail: Path):
    _sql(
        long_trail,
        "CREATE TEMP TABLE t AS SELECT * FROM audit_entry WHERE seq >= 30",
        "DELETE FROM audit_entry WHERE seq >= 30",
        # a copy of entry 29 slipped in after it, then the rest as they were
        "INSERT INTO audit_entry (seq, at_utc, actor, action, entity, entity_id, field,"
        " old_value, new_value, prev_hash, hash, key_id, signature) SELECT seq + 1, at_utc,"
        " actor, action, entity, entity_id, field, old_value, new_value, prev_hash, hash,"
        " key_id, signature FROM audit_entry WHERE seq = 29",
        "INSERT INTO audit_entry (seq, at_utc, actor, action, entity, entity_id, field,"
        " old_value, new_value, prev_hash, hash, key_id, signature) SELECT seq, at_utc, actor,"
        " action, entity, entity_id, field, old_value, new_value, prev_hash, hash, key_id,"
        " signature FROM t ORDER BY id",
    )
    assert _codes(long_trail)[0] == ("storage.check_chain_link", 30)


def test_the_streaming_check_finds_reordered_entries(long_trail: Path):
    conn = sqlite3.connect(long_trail)
    (a,) = conn.execute("SELECT id FROM audit_entry WHERE seq = 45").fetchone()
    (b,) = conn.execute("SELECT id FROM audit_entry WHERE seq = 46").fetchone()
    conn.execute("UPDATE audit_entry SET id = -1 WHERE id = ?", (a,))
    conn.execute("UPDATE audit_entry SET id = ? WHERE id = ?", (a, b))
    conn.execute("UPDATE audit_entry SET id = ? WHERE id = -1", (b,))
    conn.commit()
    conn.close()
    assert _codes(long_trail)[0] == ("storage.check_chain_order", 46)


def test_a_recomputed_chain_is_caught_by_the_last_signatures_and_named(long_trail: Path):
    """The forger rewrites one of bob's entries and recomputes every hash after it. Only the
    last signature of each key is verified when the chain is sound; those fail, so every
    signature of the failing keys is verified and the write holding the forged entry is
    named first (signed once per write: its signature covers the entries it names)."""
    from tests.storage.test_tamper import _recompute_chain

    conn = sqlite3.connect(long_trail)
    (seq,) = conn.execute(
        "SELECT min(seq) FROM audit_entry WHERE actor = 'bob' AND seq > 20"
    ).fetchone()
    conn.execute("UPDATE audit_entry SET new_value = 'forged' WHERE seq = ?", (seq,))
    head = _recompute_chain(conn)
    (count,) = conn.execute("SELECT count(*) FROM audit_entry").fetchone()
    conn.execute(
        "UPDATE workspace_meta SET value = ? WHERE key = 'audit_head'", (f"{count} {head}",)
    )
    conn.commit()
    conn.close()
    report = check_workspace(long_trail)
    first = report.findings[0]
    assert first.code in {"storage.check_signature_bad", "storage.check_signature_bad_write"}
    assert first.params.get("first", first.params["seq"]) <= seq <= first.params["seq"]
    codes = _codes(long_trail)
    assert {c for c, _ in codes} <= {
        "storage.check_signature_bad",
        "storage.check_signature_bad_write",
        "storage.check_more",
        "storage.check_value_differs",
    }


def test_the_last_signature_of_each_writer_is_verified(long_trail: Path):
    conn = sqlite3.connect(long_trail)
    for actor in ("alice", "bob", "carol"):
        (seq, signature) = conn.execute(
            "SELECT seq, signature FROM audit_entry WHERE actor = ? ORDER BY id DESC LIMIT 1",
            (actor,),
        ).fetchone()
        conn.execute(
            "UPDATE audit_entry SET signature = ? WHERE seq = ?",
            (bytes([signature[0] ^ 1]) + signature[1:], seq),
        )
        conn.commit()
        bad = {("storage.check_signature_bad", seq), ("storage.check_signature_bad_write", seq)}
        assert bad & set(_codes(long_trail))
        conn.execute("UPDATE audit_entry SET signature = ? WHERE seq = ?", (signature, seq))
        conn.commit()
    conn.close()


def test_when_sqlites_json_differs_python_decides(
    long_trail: Path, monkeypatch: pytest.MonkeyPatch
):
    """The hashed bytes come from SQLite's JSON writer; should it ever write an entry
    differently (or be missing), the entry is hashed the Python way before it is called
    altered: no false alarm, and a real edit is still found."""
    monkeypatch.setattr(integrity, "_CANONICAL", "CAST('[]' AS BLOB)")
    assert_sound(long_trail)
    monkeypatch.setattr(integrity, "_sqlite_json", lambda: False)
    assert_sound(long_trail)
    _sql(long_trail, "UPDATE audit_entry SET old_value = 'x' WHERE seq = 50")
    assert ("storage.check_chain_altered", 50) in _codes(long_trail)


def test_entries_are_hashed_exactly_as_entry_hash_says(workspace_file: Path):
    """write_entries serialises with an encoder made once; the bytes hashed are those of
    domain.audit.entry_hash, for any text."""
    from qms_desktop.domain.audit import entry_hash
    from qms_desktop.storage.audit import write_entries
    from qms_desktop.storage.workspace import Workspace

    texts = ['"quoted" \\ back', "中文 ünï ☃ \U0001f600", "\x00\x1f\u2028", "", None]
    with Workspace.open(workspace_file) as ws, ws.editing("tester") as s:
        write_entries(s, [("update", "organisation", "1", "notes", t, t) for t in texts])
    conn = sqlite3.connect(workspace_file)
    columns = "seq, at_utc, actor, action, entity, entity_id, field, old_value, new_value"
    rows = conn.execute(
        f"SELECT {columns}, prev_hash, hash FROM audit_entry ORDER BY id"
    ).fetchall()
    conn.close()
    for *values, prev, digest in rows[-len(texts) :]:
        fields = dict(zip(columns.split(", "), values, strict=True))
        assert entry_hash(**fields, prev_hash=prev) == digest  # type: ignore[arg-type]
