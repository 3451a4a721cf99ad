"""`library add` into a workspace: what it stores (statement, guidance and nesting come
back as they went in), editions never replaced silently, bad files leave the workspace
as it was, the bulk insert writes what one-row-at-a-time writing writes, and a workspace
of the previous format upgrades."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from qms_desktop.domain.errors import QmsError, ValidationError
from qms_desktop.libraries import LibraryError, load_any
from qms_desktop.services.libraries import (
    add_library_file,
    library_copy,
    store_library,
    store_library_in,
)
from qms_desktop.services.workspaces import check_workspace, create_workspace
from qms_desktop.storage.models import (
    AuditRecord,
    LibraryRecord,
    RequirementRecord,
)
from qms_desktop.storage.workspace import HEAD_REVISION, REVISION_VERSIONS, Workspace
from tests.libraries.test_oscal import XML, sp800_53_like

CISO = Path(__file__).parent / "data" / "ciso-assistant-framework.yaml"


def audit_rows(ws: Workspace) -> list[tuple]:
    with ws.reading() as s:
        return [
            (a.actor, a.action, a.entity, a.entity_id, a.field, a.old_value, a.new_value)
            for a in s.scalars(select(AuditRecord).order_by(AuditRecord.seq))
        ]


def requirement_rows(ws: Workspace) -> list[tuple]:
    r = RequirementRecord
    with ws.reading() as s:
        return [
            tuple(row)
            for row in s.execute(
                select(
                    r.library_id,
                    r.position,
                    r.depth,
                    r.is_section,
                    r.ref,
                    r.parent_ref,
                    r.title_en,
                    r.title_zh,
                    r.guidance_en,
                    r.guidance_zh,
                    r.tags,
                    r.statement_en,
                    r.statement_zh,
                    r.within,
                ).order_by(r.library_id, r.position)
            )
        ]


@pytest.fixture
def ws(tmp_path: Path):
    workspace = create_workspace(tmp_path / "lib.qms", "Library Org", actor="t")
    yield workspace
    workspace.close()


def test_an_oscal_catalog_and_a_ciso_framework_come_back_as_they_went_in(ws, tmp_path):
    catalog = tmp_path / "catalog.xml"
    catalog.write_text(XML, encoding="utf-8")
    ids = []
    for path in (catalog, CISO):
        library, count, changes = add_library_file(ws, "t", path, include_withdrawn=True)
        assert changes.libraries and count == library.requirement_count
        held = library_copy(ws, library.id)
        assert held is not None and held.rows == library.rows and held.content == library.content
        ids.append(library.id)
    oscal = library_copy(ws, ids[0])
    assert oscal is not None
    rows = {r.ref: r for r in oscal.rows}
    assert rows["AC-2"].statement_en.startswith("a. Define and document")
    assert rows["AC-2(1)"].within == "AC-2" and "withdrawn" in rows["AC-13"].tags
    report = check_workspace(ws.path)
    assert report.sound, report.problems


def test_a_second_edition_is_refused_unless_given_another_id(ws, tmp_path):
    first = tmp_path / "first.json"
    first.write_text(json.dumps(sp800_53_like("5.1.1")))
    library, _, _ = add_library_file(ws, "t", first, library_id="sp800-53")
    before = (audit_rows(ws), requirement_rows(ws))
    # the same file again: nothing changes
    again, count, changes = add_library_file(ws, "t", first, library_id="sp800-53")
    assert not changes.libraries and count == library.requirement_count
    assert (audit_rows(ws), requirement_rows(ws)) == before
    # another edition under the same id: refused, nothing changes
    second = tmp_path / "second.json"
    second.write_text(json.dumps(sp800_53_like("5.2.0")))
    with pytest.raises(ValidationError) as exc:
        add_library_file(ws, "t", second, library_id="sp800-53")
    assert exc.value.code == "libraries.already_held"
    assert "already holds a library sp800-53 (version 5.1.1)" in str(exc.value)
    assert "version 5.2.0" in str(exc.value) and "--id" in str(exc.value)
    assert "已有要求库 sp800-53" in exc.value.text("zh_CN")
    assert (audit_rows(ws), requirement_rows(ws)) == before
    # its own id (short title + version) keeps both
    other, _, _ = add_library_file(ws, "t", second)
    assert other.id.endswith("-5.2.0")
    with ws.reading() as s:
        assert set(s.scalars(select(LibraryRecord.id))) == {"sp800-53", other.id}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("profile.json", '{"profile": {"uuid": "x"}}'),
        ("bomb.xml", '<!DOCTYPE c [<!ENTITY a "aaaa">]><catalog>&a;</catalog>'),
        ("python.yaml", "urn: x\nobjects:\n  framework: !!python/object/apply:os.system [ls]\n"),
        ("alias.yaml", "urn: x\nobjects: &o\n  framework: *o\n"),
        (
            "cycle.yaml",
            "urn: x\nobjects:\n  framework:\n    requirement_nodes:\n"
            "    - {urn: a, parent_urn: a, assessable: true, name: A}\n",
        ),
    ],
)
def test_bad_files_leave_the_workspace_as_it_was(ws, tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    before = (audit_rows(ws), requirement_rows(ws))
    with pytest.raises(LibraryError) as exc:
        add_library_file(ws, "t", path)
    assert name in str(exc.value) and "\n" not in str(exc.value)
    assert (audit_rows(ws), requirement_rows(ws)) == before


def test_a_bad_id_is_refused(ws):
    with pytest.raises(QmsError) as exc:
        add_library_file(ws, "t", CISO, library_id="Bad Id!")
    assert "cannot be a library id" in str(exc.value)


def test_the_bulk_insert_writes_what_one_row_at_a_time_writes(tmp_path):
    """store_library puts the requirement rows in with one executemany; the reference here
    adds them one ORM object and one flush at a time. Same rows, same audit trail (one
    entry per field of the one audited row, the library)."""
    library = load_any(CISO)
    bulk = create_workspace(tmp_path / "bulk.qms", "Org", actor="t")
    store_library(bulk, "t", library)
    slow = create_workspace(tmp_path / "slow.qms", "Org", actor="t")
    with slow.editing("t") as s:
        s.add(
            LibraryRecord(
                id=library.id,
                name_en=library.name_en,
                name_zh=library.name_zh,
                version=library.version,
                source=library.source,
                content=library.content,
            )
        )
        s.flush()
        for i, r in enumerate(library.rows):
            s.add(
                RequirementRecord(
                    library_id=library.id,
                    position=i,
                    depth=r.depth,
                    is_section=r.is_section,
                    ref=r.ref,
                    parent_ref=r.parent_ref,
                    title_en=r.title_en,
                    title_zh=r.title_zh,
                    guidance_en=r.guidance_en,
                    guidance_zh=r.guidance_zh,
                    tags=" ".join(r.tags),
                    statement_en=r.statement_en,
                    statement_zh=r.statement_zh,
                    within=r.within,
                )
            )
            s.flush()
    assert requirement_rows(bulk) == requirement_rows(slow)
    assert audit_rows(bulk) == audit_rows(slow)
    # one entry for the one audited row stored (the library), holding its text
    library_entries = [a for a in audit_rows(bulk) if a[2] == "library"]
    assert len(library_entries) == 1 and library_entries[0][3] == library.id
    assert json.loads(library_entries[0][6])["content"] == library.content
    bulk.close()
    slow.close()


def test_a_workspace_of_the_previous_format_upgrades_with_its_libraries(tmp_path):
    previous = max((r for r in REVISION_VERSIONS if r != HEAD_REVISION), key=REVISION_VERSIONS.get)
    path = tmp_path / "old.qms"
    Workspace.create(path, revision=previous).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO library (id, name_en, name_zh, version, source, content)"
        " VALUES ('old', 'Old', '', '1', 'yaml', 'id: old')"
    )
    conn.execute(
        "INSERT INTO requirement (library_id, position, depth, is_section, ref, parent_ref,"
        " title_en, title_zh, guidance_en, guidance_zh, tags)"
        " VALUES ('old', 0, 0, 1, '1', '', 'One', '', '', '', ''),"
        " ('old', 1, 1, 0, '1.1', '1', 'One one', '', 'Look', '', '')"
    )
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None and ws.schema_problems() == []
        held = library_copy(ws, "old")
        assert held is not None and [r.ref for r in held.rows] == ["1", "1.1"]
        assert held.rows[1].guidance_en == "Look" and held.rows[1].statement_en == ""
        library, _, _ = add_library_file(ws, "t", CISO)
        assert library_copy(ws, library.id).rows == library.rows  # type: ignore[union-attr]


def test_store_library_in_is_one_executemany(ws, monkeypatch):
    """One INSERT statement for all requirement rows, however many."""
    from sqlalchemy import event

    library = load_any(CISO)
    statements: list[tuple[str, bool]] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith("INSERT INTO requirement"):
            statements.append((statement, executemany))

    event.listen(ws.engine, "before_cursor_execute", seen)
    try:
        with ws.editing("t") as s:
            store_library_in(s, library)
    finally:
        event.remove(ws.engine, "before_cursor_execute", seen)
    assert len(statements) == 1 and statements[0][1] is True


def test_library_add_from_the_command_line_takes_an_id_and_keeps_withdrawn(ws, tmp_path):
    from tests.cli.test_cli import run

    path = ws.path
    ws.close()
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(sp800_53_like("5.1.1")))
    first = run("library", "add", str(path), str(catalog), "--id", "nist-a", "--user", "t")
    assert first.returncode == 0, first.stderr
    assert "nist-a:" in first.stdout and "withdrawn" in first.stdout  # the count is reported
    kept = run(
        "library",
        "add",
        str(path),
        str(catalog),
        "--id",
        "nist-b",
        "--include-withdrawn",
        "--lang",
        "zh_CN",
        "--user",
        "t",
    )
    assert kept.returncode == 0, kept.stderr
    from qms_desktop.services.workspaces import open_workspace

    with open_workspace(path) as again:
        a, b = library_copy(again, "nist-a"), library_copy(again, "nist-b")
    assert a is not None and b is not None
    assert not any("withdrawn" in r.tags for r in a.rows)
    assert any("withdrawn" in r.tags for r in b.rows)


def test_check_finds_an_edited_statement_or_nesting(ws, tmp_path):
    catalog = tmp_path / "catalog.xml"
    catalog.write_text(XML, encoding="utf-8")
    library, _, _ = add_library_file(ws, "t", catalog)
    path = ws.path
    ws.close()
    assert check_workspace(path).sound
    for column, value in (("statement_en", "Anything goes."), ("within", "AC-3")):
        copy = tmp_path / f"edited-{column}.qms"
        copy.write_bytes(path.read_bytes())
        with sqlite3.connect(copy) as conn:
            conn.execute(
                f"UPDATE requirement SET {column} = ? WHERE library_id = ? AND ref = 'AC-2(1)'",
                (value, library.id),
            )
        report = check_workspace(copy)
        assert not report.sound, column
        assert any("AC-2(1)" in str(p) for p in report.problems), report.problems
