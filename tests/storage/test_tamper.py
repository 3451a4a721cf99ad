"""Changes made behind QMS Desktop's back, straight into the file with SQL, are found by
`check`, which names the record (kind, id, field) in English and in Chinese."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from qms_desktop.domain.errors import WorkspaceReadOnlyError
from qms_desktop.domain.messages import Message
from qms_desktop.services import checklist as cl
from qms_desktop.services import registers
from qms_desktop.services.libraries import add_library_file
from qms_desktop.services.workspaces import CheckReport, check_workspace
from qms_desktop.storage.workspace import Workspace


def tamper(path: Path, *statements: str) -> CheckReport:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")  # as a hand with a database tool would
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return check_workspace(path)


def found(report: CheckReport, code: str) -> list[Message]:
    assert not report.sound
    hits = [m for m in report.findings if m.code == code]
    assert hits, f"no {code} among:\n" + "\n".join(report.problems)
    return hits


def said(report: CheckReport, code: str, en: str, zh: str) -> None:
    """A finding of `code` whose English text holds `en` and Chinese text holds `zh`."""
    texts = [(m.text("en"), m.text("zh_CN")) for m in found(report, code)]
    assert any(en in t_en and zh in t_zh for t_en, t_zh in texts), texts


def one(path: Path, sql: str) -> object:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


# -- records changed, added, deleted ------------------------------------------------------


def test_a_status_changed_with_sql(demo_file: Path):
    item = one(demo_file, "SELECT min(id) FROM assessment_item WHERE status = 'nonconforming'")
    report = tamper(
        demo_file, f"UPDATE assessment_item SET status = 'conforming', grade = '' WHERE id = {item}"
    )
    said(
        report,
        "storage.check_value_differs",
        f"checklist item {item}, field status: holds “conforming”, but the audit trail's last value is "
        "“nonconforming”",
        f"检查表条目（编号 {item}）的字段 status：现为 “conforming”",
    )
    said(report, "storage.check_value_differs", f"checklist item {item}, field grade", "字段 grade")


def test_a_name_changed_with_sql(demo_file: Path):
    report = tamper(demo_file, "UPDATE person SET name = 'Mallory' WHERE id = 2")
    said(
        report,
        "storage.check_value_differs",
        "person 2, field name: holds “Mallory”",
        "人员（编号 2）的字段 name",
    )


def test_a_sign_off_changed_with_sql(demo_file: Path):
    report = tamper(
        demo_file,
        "UPDATE step_state SET signed_off_by = 'Mallory', signed_off_on = '2026-01-01'"
        " WHERE step = 'summarise'",
    )
    said(
        report,
        "storage.check_value_differs",
        "step summarise, field signed_off_by: holds “Mallory”, but the "
        "audit trail's last value is “Lin Wei”",
        "步骤（编号 summarise）的字段 signed_off_by",
    )
    said(
        report,
        "storage.check_value_differs",
        "step summarise, field signed_off_on: holds “2026-01-01”, but the "
        "audit trail's last value is “2026-09-30”",
        "字段 signed_off_on",
    )


def test_the_profile_logo_replaced_with_sql(demo_file: Path):
    report = tamper(demo_file, "UPDATE organisation SET logo = X'89504e47' WHERE id = 1")
    said(
        report,
        "storage.check_value_differs",
        "organisation profile 1, field logo: holds “sha256:",
        "组织概况（编号 1）的字段 logo",
    )


def test_a_checklist_item_deleted_with_sql(demo_file: Path):
    report = tamper(demo_file, "DELETE FROM assessment_item WHERE id = 3")
    said(
        report,
        "storage.check_gone",
        "checklist item 3 is missing, but the audit trail says it exists",
        "检查表条目（编号 3）不见了",
    )


def test_a_lesson_inserted_with_sql(demo_file: Path):
    report = tamper(
        demo_file,
        "INSERT INTO lesson (source, occurred_on, what_happened, lesson, suggested_rule,"
        " rule_kind, decision, document, position) SELECT source, occurred_on, 'forged',"
        " lesson, suggested_rule, rule_kind, decision, document, 99 FROM lesson WHERE id = 1",
    )
    new_id = one(demo_file, "SELECT max(id) FROM lesson")
    said(
        report,
        "storage.check_not_in_trail",
        f"lesson {new_id} has no creation in the audit trail",
        f"经验教训（编号 {new_id}）在审计追踪中没有创建记录",
    )


def test_a_deleted_lesson_put_back_with_sql(demo_file: Path):
    with Workspace.open(demo_file) as ws:
        registers.delete_record(ws, "Lin", "lesson", 4)
    conn = sqlite3.connect(demo_file)
    conn.execute(
        "INSERT INTO lesson (id, source, occurred_on, what_happened, lesson, suggested_rule, rule_kind,"
        " decision, document, position) VALUES (4, 'complaint', NULL, 'x', 'y', '', '', '', '', 4)"
    )
    conn.commit()
    conn.close()
    report = check_workspace(demo_file)
    said(
        report,
        "storage.check_deleted_exists",
        "lesson 4 exists, but the audit trail says it was deleted",
        "经验教训（编号 4）仍然存在",
    )


def test_who_changed_an_item_rewritten_with_sql(demo_file: Path):
    report = tamper(demo_file, "UPDATE assessment_item SET changed_by = 'Mallory' WHERE id = 3")
    said(
        report,
        "storage.check_last_writer",
        "checklist item 3, field changed_by: holds “Mallory”, but the audit "
        "trail says “demo” made its last change",
        "检查表条目（编号 3）的字段 changed_by",
    )


# -- the schema ---------------------------------------------------------------------------


def test_a_trigger_added(demo_file: Path):
    report = tamper(
        demo_file,
        "CREATE TRIGGER keep_quiet AFTER UPDATE ON assessment_item BEGIN"
        " UPDATE assessment_item SET status = 'conforming' WHERE id = NEW.id; END",
    )
    said(
        report,
        "storage.check_trigger",
        "trigger keep_quiet on table assessment_item",
        "表 assessment_item 上的触发器 keep_quiet",
    )


def test_a_trigger_that_would_rewrite_what_the_app_writes(demo_file: Path):
    """A trigger that would make a row say conforming after the app wrote nonconforming: the
    workspace refuses to be edited while it holds one, and check reports it."""
    tamper(
        demo_file,
        "CREATE TRIGGER launder AFTER UPDATE OF status ON assessment_item"
        " WHEN NEW.status <> 'conforming' BEGIN"
        " UPDATE assessment_item SET status = 'conforming', grade = '' WHERE id = NEW.id; END",
    )
    item = int(
        str(
            one(
                demo_file,
                "SELECT min(id) FROM assessment_item WHERE status = 'conforming' AND grade = ''",
            )
        )
    )
    with Workspace.open(demo_file) as ws:
        assert ws.read_only and "launder" in ws.read_only_text("en")
        with pytest.raises(WorkspaceReadOnlyError):
            cl.assess_requirement(ws, "Lin", item, status="nonconforming", grade="major")
        assert cl.get_item(ws, item).status.value == "conforming"
    report = check_workspace(demo_file)
    said(
        report,
        "storage.check_trigger",
        "trigger launder on table assessment_item",
        "触发器 launder",
    )


def test_a_view_added(demo_file: Path):
    report = tamper(
        demo_file,
        "CREATE VIEW open_actions AS SELECT * FROM nonconformity WHERE status = 'open'",
    )
    said(report, "storage.check_view", "view open_actions", "视图 open_actions")


def test_a_table_and_an_index_added(demo_file: Path):
    report = tamper(
        demo_file, "CREATE TABLE notes (x TEXT)", "CREATE INDEX ix_sneaky ON lesson (lesson)"
    )
    said(report, "storage.check_unknown_table", "table notes", "表 notes")
    said(report, "storage.check_unknown_index", "index ix_sneaky on table lesson", "索引 ix_sneaky")


# -- evidence -----------------------------------------------------------------------------


def test_evidence_bytes_and_hash_swapped_together(demo_file: Path):
    forged = b"instrument,location,due\nprobe K1,main kitchen,2030-01-01\nprobe K2,bar,2030-01-01\n"
    digest = hashlib.sha256(forged).hexdigest()
    conn = sqlite3.connect(demo_file)
    (old,) = conn.execute("SELECT sha256 FROM evidence_file WHERE id = 1").fetchone()
    # the evidence file's own contents (the workspace holds other files' contents too)
    conn.execute("UPDATE blob SET data = ?, sha256 = ? WHERE sha256 = ?", (forged, digest, old))
    conn.execute(
        "UPDATE evidence_file SET sha256 = ?, size = ? WHERE id = 1", (digest, len(forged))
    )
    conn.commit()
    conn.close()
    report = check_workspace(demo_file)
    said(
        report,
        "storage.check_value_differs",
        f"evidence file 1, field sha256: holds “{digest}”",
        "证据文件（编号 1）的字段 sha256",
    )
    said(
        report,
        "storage.check_value_differs",
        "evidence file 1, field size",
        "证据文件（编号 1）的字段 size",
    )


def test_evidence_renamed(demo_file: Path):
    report = tamper(
        demo_file, "UPDATE evidence_file SET name = 'calibration-list-2027.csv' WHERE id = 1"
    )
    said(
        report,
        "storage.check_value_differs",
        "evidence file 1, field name: holds “calibration-list-2027.csv”, "
        "but the audit trail's last value is “calibration-list-2026.csv”",
        "证据文件（编号 1）的字段 name",
    )


def test_evidence_contents_deleted(demo_file: Path):
    report = tamper(demo_file, "DELETE FROM blob")
    said(
        report,
        "storage.check_evidence_missing",
        "evidence file 1 (calibration-list-2026.csv): its contents are missing",
        "证据文件（编号 1）（calibration-list-2026.csv）：工作区中缺少其文件内容",
    )


def test_evidence_contents_altered_and_contents_nobody_uses(demo_file: Path):
    extra = b"left behind"
    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE blob SET data = CAST('forged' AS BLOB)")
    conn.execute(
        "INSERT INTO blob (sha256, data) VALUES (?, ?)", (hashlib.sha256(extra).hexdigest(), extra)
    )
    conn.commit()
    conn.close()
    report = check_workspace(demo_file)
    said(
        report,
        "storage.check_evidence_altered",
        "evidence file calibration-list-2026.csv was altered",
        "证据文件 calibration-list-2026.csv 在附加后被改动过",
    )
    said(
        report,
        "storage.check_blob_unused",
        hashlib.sha256(extra).hexdigest()[:12],
        "不属于任何证据文件",
    )


# -- references ---------------------------------------------------------------------------


def test_a_foreign_key_orphan(demo_file: Path):
    """The re-assessment deleted with foreign keys off: its items point at nothing."""
    report = tamper(demo_file, "DELETE FROM assessment WHERE id = 2")
    item = one(demo_file, "SELECT min(id) FROM assessment_item WHERE assessment_id = 2")
    said(report, "storage.check_gone", "assessment 2 is missing", "评估（编号 2）不见了")
    said(
        report,
        "storage.check_dangling",
        f"checklist item {item}, field assessment_id: refers to assessment 2, which does not exist",
        f"检查表条目（编号 {item}）的字段 assessment_id：引用的评估 2 不存在",
    )


def test_an_assessment_naming_a_library_that_is_gone(demo_file: Path):
    report = tamper(
        demo_file,
        "UPDATE library SET id = 'iso9001-2008'",
        "UPDATE requirement SET library_id = 'iso9001-2008'",
    )
    said(
        report,
        "storage.check_dangling",
        "assessment 1, field library_ids: refers to library iso9001-2015",
        "评估（编号 1）的字段 library_ids",
    )
    said(
        report,
        "storage.check_gone",
        "library iso9001-2015 is missing",
        "库（编号 iso9001-2015）不见了",
    )


# -- libraries and their requirements --------------------------------------------------------


def test_a_requirement_row_deleted(demo_file: Path):
    report = tamper(demo_file, "DELETE FROM requirement WHERE ref = '7.1.5'")
    said(
        report,
        "storage.check_requirement_missing",
        "requirement 7.1.5 of library iso9001-2015 is missing",
        "库 iso9001-2015 的要求 7.1.5不见了",
    )
    said(
        report,
        "storage.check_item_without_requirement",
        "is a finding on requirement 7.1.5 of library iso9001-2015",
        "是针对库 iso9001-2015 的要求 7.1.5",
    )


def test_a_requirement_title_rewritten(demo_file: Path):
    report = tamper(
        demo_file, "UPDATE requirement SET title_en = 'Optional resources' WHERE ref = '7.1.5'"
    )
    said(
        report,
        "storage.check_requirement_differs",
        "requirement 7.1.5 of library iso9001-2015, field title_en: "
        "holds “Optional resources”, but the library's text recorded when it was added gives “Monitoring and "
        "measuring resources”",
        "库 iso9001-2015 的要求 7.1.5的字段 title_en",
    )


def test_a_library_text_rewritten(demo_file: Path):
    content = str(one(demo_file, "SELECT content FROM library"))
    forged = content.replace("Monitoring and measuring resources", "Optional resources")
    conn = sqlite3.connect(demo_file)
    conn.execute("UPDATE library SET content = ?", (forged,))
    conn.commit()
    conn.close()
    report = check_workspace(demo_file)
    # shown around the first difference, deep inside the text
    said(
        report,
        "storage.check_value_differs",
        "library iso9001-2015, field content: holds “…",
        "Optional resources",
    )


def test_an_oscal_requirement_retitled(workspace_file: Path, tmp_path: Path):
    from tests.storage.test_integrity import OSCAL_CATALOG

    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(OSCAL_CATALOG), encoding="utf-8")
    with Workspace.open(workspace_file) as ws:
        add_library_file(ws, "Lin", catalog)
    report = tamper(
        workspace_file,
        "UPDATE requirement SET title_en = 'Zone patrols optional' WHERE ref = 'z-1'",
    )
    said(
        report,
        "storage.check_requirement_differs",
        "requirement z-1 of library oscal-house-controls, field "
        "title_en: holds “Zone patrols optional”",
        "库 oscal-house-controls 的要求 z-1的字段 title_en",
    )


def test_a_column_dropped_is_reported_never_a_crash(demo_file: Path):
    report = tamper(demo_file, "ALTER TABLE library DROP COLUMN source")
    assert any("schema differs" in p for p in report.problems), report.problems
    said(
        report, "storage.check_part_unreadable", "no such column: source", "工作区的一部分无法检查"
    )


def _app_visible(path: Path) -> list[tuple[object, ...]]:
    """Every row the app reads, as raw bytes (text that is no longer UTF-8 included)."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            t
            for (t,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        conn.text_factory = bytes
        return [
            (t, *row) for t in tables for row in conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid')
        ]
    finally:
        conn.close()


def test_library_text_bytes_flipped_wherever_they_are(demo_file: Path, tmp_path: Path):
    """Eight bytes flipped inside a requirement's title, at each place the file holds it (the
    requirement row, the library's YAML, the trail's copy of it): each is found, or it was
    in free space the app never reads. Reading the flipped text would crash a render."""
    data = demo_file.read_bytes()
    needle = b"Monitoring and measuring resources"
    places = []
    at = data.find(needle)
    while at != -1:
        places.append(at)
        at = data.find(needle, at + 1)
    assert len(places) >= 3
    original = _app_visible(demo_file)
    named_requirement = False
    for n, at in enumerate(places):
        copy = tmp_path / f"flipped-{n}.qms"
        flipped = bytearray(data)
        for i in range(at + 4, at + 12):
            flipped[i] ^= 0x80
        copy.write_bytes(bytes(flipped))
        report = check_workspace(copy)
        if report.sound:
            assert _app_visible(copy) == original, (
                f"flip at byte {at} changed data and check said sound"
            )
            continue
        named_requirement = named_requirement or any(
            m.code == "storage.check_requirement_differs" and "7.1.5" in m.text("en")
            for m in report.findings
        )
    assert named_requirement


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM workspace_meta WHERE key = 'audit_head'",
        "DELETE FROM audit_entry",
    ],
)
def test_the_trail_or_its_head_removed(demo_file: Path, statement: str):
    report = tamper(demo_file, statement)
    assert not report.sound
    if "audit_head" in statement:
        said(
            report,
            "storage.check_head_missing",
            "but the record of its length and last hash",
            "审计追踪",
        )
    else:
        said(
            report,
            "storage.check_chain_cut",
            "entries were removed from its end",
            "末尾的条目被删除了",
        )
        said(
            report,
            "storage.check_not_in_trail",
            "organisation profile 1 has no creation",
            "组织概况（编号 1）",
        )


def test_a_copy_of_the_demo_untouched_is_sound(demo_file: Path, tmp_path: Path):
    copy = tmp_path / "copy.qms"
    shutil.copyfile(demo_file, copy)
    assert check_workspace(copy).sound


# -- what check cannot see without a copy of the head kept elsewhere -------------------------


def _recompute_chain(conn: sqlite3.Connection) -> str:
    """What a forger does after rewriting an entry: every hash after it made to agree."""
    from qms_desktop.domain.audit import entry_hash

    prev = "0" * 64
    columns = "seq, at_utc, actor, action, entity, entity_id, field, old_value, new_value"
    for row_id, *values in conn.execute(
        f"SELECT id, {columns} FROM audit_entry ORDER BY id"
    ).fetchall():
        fields = dict(zip(columns.split(", "), values, strict=True))
        digest = entry_hash(**fields, prev_hash=prev)  # type: ignore[arg-type]
        conn.execute(
            "UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row_id)
        )
        prev = digest
    return prev


def _forge_sign_off(path: Path, *extra: str) -> tuple[tuple[int, str], int]:
    """Rewrite who signed off a step, record and entry alike, and recompute the whole chain
    and its head consistently. Returns the head kept elsewhere before, and the forged seq."""
    with Workspace.open(path, read_only=True) as ws:
        head_kept_elsewhere = ws.audit_head()
    conn = sqlite3.connect(path)
    where = "entity = 'step' AND entity_id = 'summarise' AND field = 'signed_off_by'"
    (forged_seq,) = conn.execute(f"SELECT min(seq) FROM audit_entry WHERE {where}").fetchone()
    conn.execute("UPDATE step_state SET signed_off_by = 'Mallory' WHERE step = 'summarise'")
    conn.execute(f"UPDATE audit_entry SET new_value = 'Mallory' WHERE {where}")
    for statement in extra:
        conn.execute(statement)
    prev = _recompute_chain(conn)
    conn.execute(
        "UPDATE workspace_meta SET value = ? WHERE key = 'audit_head'",
        (f"{head_kept_elsewhere[0]} {prev}",),
    )
    conn.commit()
    conn.close()
    return head_kept_elsewhere, forged_seq


def test_a_forger_who_recomputes_the_whole_chain_is_caught_by_the_signatures(demo_file: Path):
    """The chain holds no secret: someone who rewrites a record AND its entries AND
    recomputes every hash after them makes the chain agree again. The signatures do not:
    each was made over the old hash with a key the forger does not hold, so the first
    forged entry is named, without any head kept elsewhere: with the entries of its write
    that the failing signature vouched for (each write is signed once, at its end)."""
    _, forged_seq = _forge_sign_off(demo_file)
    report = check_workspace(demo_file)
    assert {m.code for m in report.findings} <= {
        "storage.check_signature_bad",
        "storage.check_signature_bad_write",
        "storage.check_more",
    }
    first = report.findings[0]
    if first.code == "storage.check_signature_bad":
        assert first.params["seq"] == forged_seq
        en, zh = f"audit entry {forged_seq} ", f"审计条目 {forged_seq} "
    else:
        assert first.params["first"] <= forged_seq <= first.params["seq"]
        span = f"{first.params['first']}–{first.params['seq']}"
        en, zh = f"vouches for entries {span} ", f"条目 {span} "
    said(report, first.code, en, zh)


def test_a_forger_who_also_strips_every_signature_is_caught_only_by_a_head_kept_elsewhere(
    demo_file: Path,
):
    """The limit, stated in the README: signatures and keys are in the file, so a forger
    can remove them all; the file then reads as one written before signing began (a note,
    not a problem). The head printed on a document or in an auditor's package before the
    forgery, and the signed-entry count in the package, no longer match."""
    head_kept_elsewhere, _ = _forge_sign_off(
        demo_file,
        "UPDATE audit_entry SET key_id = NULL, signature = NULL",
        "DELETE FROM signing_key",
    )
    report = check_workspace(demo_file)
    assert report.sound, report.problems
    assert [m.code for m in report.notes] == ["storage.note_unsigned"]
    with Workspace.open(demo_file, read_only=True) as ws:
        assert ws.audit_head()[0] == head_kept_elsewhere[0]
        assert ws.audit_head()[1] != head_kept_elsewhere[1]  # what the kept copy catches
