"""The auditor's package: what it holds, that it verifies, and that any change, loss or
hostile zip is found. Real files throughout; one package built per module."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.registers import REGISTERS
from qms_desktop.services import checklist
from qms_desktop.services.package import (
    CHOICE_LABELS,
    FIELD_LABELS,
    REGISTER_TITLES,
    PackageReport,
    build_package,
    safe_member_name,
    verify_package,
)
from qms_desktop.services.registers import add_record, update_record
from qms_desktop.services.workspaces import open_workspace

FORMULA = "=1+1"
HOSTILE_ASSESSMENT = "../../Nacht: <Audit>|?"


@dataclass(frozen=True)
class Built:
    source: Path
    zip: Path
    report: PackageReport
    progress: list[tuple[float, str]]
    head: tuple[int, str]


@pytest.fixture(scope="module")
def built(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The demo organisation plus hostile text (a formula, a path-like assessment name, two
    evidence files of one name), packed once in English."""
    folder = tmp_path_factory.mktemp("package")
    source = folder / "demo.qms"
    shutil.copyfile(demo_template, source)
    with open_workspace(source) as ws:
        lesson, _ = add_record(
            ws,
            "tester",
            "lesson",
            {
                "source": "complaint",
                "what_happened": "first",
                "lesson": "first",
                "decision": "later",
            },
        )
        update_record(
            ws, "tester", "lesson", lesson.id, what_happened=FORMULA, lesson="@SUM(A1:A2)"
        )
        first = checklist.list_assessments(ws)[0]
        checklist.update_assessment(ws, "tester", first.id, name=HOSTILE_ASSESSMENT)
        item = checklist.checklist_rows(ws, first.id)[0].item_id
        checklist.attach_evidence(ws, "tester", item, name="photo.txt", data=b"first")
        checklist.attach_evidence(ws, "tester", item, name="PHOTO.txt", data=b"second")
        checklist.attach_evidence(ws, "tester", item, name="..\\..\\CON.txt", data=b"third")
    progress: list[tuple[float, str]] = []
    with open_workspace(source, read_only=True) as ws:
        head = ws.audit_head()
        report = build_package(
            ws, folder / "package.zip", "en", progress=lambda f, m: progress.append((f, m))
        )
    return Built(source, folder / "package.zip", report, progress, head)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _rewrite(src: Path, dst: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    """Copy a zip member by member, letting `change` edit, drop or add members first."""
    members = _members(src)
    change(members)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return dst


def _flip_one_byte(data: bytes) -> bytes:
    at = len(data) // 2
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _problem_members(report: object) -> set[str]:
    return {str(p.params.get("member")) for p in report.problems}  # type: ignore[attr-defined]


# -- what the package holds -------------------------------------------------------------------


def test_the_package_holds_every_part(built: Built) -> None:
    from qms_desktop.documents import list_templates

    names = set(_members(built.zip))
    for fixed in (
        "manifest.json",
        "SHA256SUMS",
        "README.txt",
        "workspace.qms",
        "audit-trail.csv",
        "registers.xlsx",
    ):
        assert fixed in names
    templates = [t.id for t in list_templates(None)]
    assert templates
    for template_id in templates:
        assert f"documents/{template_id}.pdf" in names
        assert f"documents/{template_id}.docx" in names
    with open_workspace(built.source, read_only=True) as ws:
        assessments = checklist.list_assessments(ws)
    assert len([n for n in names if n.startswith("checklists/") and n.endswith(".xlsx")]) == len(
        assessments
    )
    assert built.report.documents == 2 * len(templates)
    assert built.report.checklists == len(assessments)
    assert built.report.evidence_files == 4  # the demo's one and the three added
    assert built.report.files == len(names)
    assert all(safe_member_name(n) for n in names), names


def test_user_text_never_becomes_a_raw_path(built: Built) -> None:
    names = set(_members(built.zip))
    for name in names:
        parts = name.split("/")
        assert (
            ".." not in parts and not name.startswith("/") and "\\" not in name and ":" not in name
        )
        assert all(ch not in part for part in parts for ch in '<>|?*"')
    evidence = sorted(n for n in names if n.startswith("evidence/"))
    hostile = [n for n in evidence if "Nacht" in n and "/7.1.5/" not in n]  # not the demo's own
    assert len(hostile) == 3, evidence
    folders = {n.split("/")[1] for n in hostile}
    assert folders == {"01 _.._Nacht_ _Audit___"}  # the number first: unique whatever the name
    files = {n.rsplit("/", 1)[1] for n in hostile}
    assert "photo.txt" in files and "PHOTO (2).txt" in files  # one name per case-insensitive disk
    assert any(f.endswith("CON.txt") and f != "CON.txt" for f in files)  # a device name is not kept
    members = _members(built.zip)
    assert {members[n] for n in hostile} == {b"first", b"second", b"third"}


def test_manifest_lists_every_other_file_with_its_size_and_sha256(built: Built) -> None:
    members = _members(built.zip)
    manifest = json.loads(members["manifest.json"])
    listed = {e["path"]: e for e in manifest["files"]}
    assert set(listed) == set(members) - {"manifest.json", "SHA256SUMS"}
    for name, entry in listed.items():
        assert entry["size"] == len(members[name])
        assert entry["sha256"] == hashlib.sha256(members[name]).hexdigest()
    assert manifest["audit_chain"] == {"entries": built.head[0], "head": built.head[1]}
    assert manifest["workspace"]["organisation"] == "Harbour Light Hotels Ltd."
    assert manifest["workspace"]["name"] == "demo.qms"
    assert manifest["app"]["version"]
    assert manifest["created_at"].endswith("Z")
    assert manifest["language"] == "en"


def test_sha256sum_checks_the_unpacked_package(built: Built, tmp_path: Path) -> None:
    if shutil.which("sha256sum") is None:
        pytest.skip("coreutils' sha256sum is not installed")
    with zipfile.ZipFile(built.zip) as zf:
        zf.extractall(tmp_path)
    result = subprocess.run(
        ["sha256sum", "--strict", "-c", "SHA256SUMS"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    listed = (tmp_path / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(listed) == len(_members(built.zip)) - 1  # everything but SHA256SUMS itself
    assert any(line.endswith("  manifest.json") for line in listed)


def test_the_workspace_copy_is_complete_and_sound(built: Built, tmp_path: Path) -> None:
    copy = tmp_path / "copy.qms"
    copy.write_bytes(_members(built.zip)["workspace.qms"])
    with open_workspace(copy, read_only=True) as ws:
        assert ws.audit_head() == built.head
        assert len(checklist.list_assessments(ws)) == 2


def test_registers_hold_formula_like_text_as_text(built: Built, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = _members(built.zip)["registers.xlsx"]
    with zipfile.ZipFile(io.BytesIO(data)) as inner:
        sheets = [n for n in inner.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == len(REGISTERS)
        for name in sheets:
            assert b"<f>" not in inner.read(name) and b"<f " not in inner.read(name)
    (tmp_path / "r.xlsx").write_bytes(data)
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == [REGISTER_TITLES[k][0] for k in REGISTERS]
    lessons = wb["Experience and lessons"]
    header = [c.value for c in lessons[1]]
    assert (
        header[0] == "Record ID" and "What happened" in header and "Experience or lesson" in header
    )
    cells = [c for row in lessons.iter_rows(min_row=2) for c in row]
    formula = [c for c in cells if c.value == FORMULA]
    assert formula and all(c.data_type == "s" for c in formula)
    assert any(c.value == "@SUM(A1:A2)" for c in cells)
    assert any(c.value == "Complaint" for c in cells)  # choices shown as words, not stored codes
    assert all(c.data_type == "s" for c in cells if c.value is not None)


def test_the_audit_trail_csv_has_every_column_and_entry(built: Built) -> None:
    text = _members(built.zip)["audit-trail.csv"].decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
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
    ]
    assert len(rows) - 1 == built.head[0]
    assert rows[-1][-1] == built.head[1]
    assert rows[1][-2] == "0" * 64
    assert all(rows[i][-2] == rows[i - 1][-1] for i in range(2, len(rows)))  # the chain, as written
    values = [v for row in rows[1:] for v in row]
    assert "'" + FORMULA in values and FORMULA not in values  # no formula for a spreadsheet to run
    assert "'@SUM(A1:A2)" in values


def test_progress_goes_forward_to_the_end(built: Built) -> None:
    fractions = [f for f, _ in built.progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(m for _, m in built.progress)
    assert any("Quality manual" in m for _, m in built.progress)


# -- verifying --------------------------------------------------------------------------------


def test_the_package_verifies(built: Built) -> None:
    report = verify_package(built.zip)
    assert report.sound, report.problem_texts()
    assert report.files == built.report.files
    assert (report.audit_entries, report.audit_head) == built.head
    assert report.organisation == "Harbour Light Hotels Ltd."


@pytest.mark.parametrize(
    "member", ["registers.xlsx", "workspace.qms", "documents/quality-manual.pdf"]
)
def test_one_changed_byte_is_found_and_named(built: Built, tmp_path: Path, member: str) -> None:
    def change(m: dict[str, bytes]) -> None:
        m[member] = _flip_one_byte(m[member])

    report = verify_package(_rewrite(built.zip, tmp_path / "changed.zip", change))
    assert not report.sound
    assert member in _problem_members(report)
    texts = report.problem_texts()
    assert any(t.startswith(f"{member}: its content differs from the manifest") for t in texts), (
        texts
    )
    assert any(member in t for t in report.problem_texts("zh_CN"))


def test_a_removed_member_is_found(built: Built, tmp_path: Path) -> None:
    gone = "documents/service-outline.docx"
    report = verify_package(_rewrite(built.zip, tmp_path / "less.zip", lambda m: m.pop(gone)))
    assert not report.sound
    assert [p.code for p in report.problems] == ["package.problem_missing"]
    assert _problem_members(report) == {gone}


def test_an_added_member_is_found(built: Built, tmp_path: Path) -> None:
    def add(m: dict[str, bytes]) -> None:
        m["documents/extra.pdf"] = b"%PDF-1.4 not ours"

    report = verify_package(_rewrite(built.zip, tmp_path / "more.zip", add))
    assert {p.code for p in report.problems} == {
        "package.problem_extra",
        "package.problem_sums_unlisted",
    }
    assert _problem_members(report) == {"documents/extra.pdf"}


def test_folder_entries_of_a_re_zipped_package_are_no_problem(built: Built, tmp_path: Path) -> None:
    def add_folders(m: dict[str, bytes]) -> None:
        m["documents/"] = b""
        m["evidence/"] = b""

    assert verify_package(_rewrite(built.zip, tmp_path / "folders.zip", add_folders)).sound


def test_a_swapped_workspace_with_a_rewritten_manifest_is_found(
    built: Built, demo_template: Path, tmp_path: Path
) -> None:
    """Someone replaces workspace.qms by an older copy and fixes manifest and SHA256SUMS to
    match: the copy's audit chain head is not the one the manifest recorded."""

    def swap(m: dict[str, bytes]) -> None:
        older = demo_template.read_bytes()
        m["workspace.qms"] = older
        manifest = json.loads(m["manifest.json"])
        for entry in manifest["files"]:
            if entry["path"] == "workspace.qms":
                entry["size"], entry["sha256"] = len(older), hashlib.sha256(older).hexdigest()
        m["manifest.json"] = json.dumps(manifest).encode()
        m["SHA256SUMS"] = "".join(
            f"{hashlib.sha256(m[e['path']]).hexdigest()}  {e['path']}\n"
            for e in [*manifest["files"], {"path": "manifest.json"}]
        ).encode()

    report = verify_package(_rewrite(built.zip, tmp_path / "swapped.zip", swap))
    assert [p.code for p in report.problems] == ["package.problem_head"], report.problem_texts()
    assert "the audit trail ends at entry" in report.problem_texts()[0]


def test_a_damaged_sums_file_is_found(built: Built, tmp_path: Path) -> None:
    def damage(m: dict[str, bytes]) -> None:
        m["SHA256SUMS"] = (
            m["SHA256SUMS"].replace(b"  registers.xlsx", b"  registers.xlsx.bak") + b"nonsense\n"
        )

    report = verify_package(_rewrite(built.zip, tmp_path / "sums.zip", damage))
    codes = {p.code for p in report.problems}
    assert codes == {
        "package.problem_sums_unknown",
        "package.problem_sums_unlisted",
        "package.problem_sums_line",
    }


@pytest.mark.parametrize(
    "name",
    [
        "../evil.txt",
        "documents/../../evil.txt",
        "/etc/evil",
        "C:/evil.txt",
        "docs\\..\\evil.txt",
        "a//b.txt",
        "./x.txt",
    ],
)
def test_a_member_pointing_outside_is_refused(built: Built, tmp_path: Path, name: str) -> None:
    def add(m: dict[str, bytes]) -> None:
        m[name] = b"x"

    bad = tmp_path / "bad.zip"
    members = _members(built.zip)
    add(members)
    with zipfile.ZipFile(bad, "w") as zf:
        for member, data in members.items():
            info = zipfile.ZipInfo(member)  # keeps the name as given (writestr would too)
            zf.writestr(info, data)
    with pytest.raises(QmsError) as caught:
        verify_package(bad)
    assert caught.value.code == "package.unsafe_member"
    assert "outside" in str(caught.value)


def test_a_zip_bomb_is_refused_unread(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", b"{}")
        with zf.open("evidence/zeros.bin", "w") as f:
            chunk = bytes(1 << 20)
            for _ in range(64):
                f.write(chunk)
    assert bomb.stat().st_size < 1 << 20
    with pytest.raises(QmsError) as caught:
        verify_package(bomb)
    assert caught.value.code == "package.packed_too_tightly"
    assert "zip bomb" in str(caught.value)


def test_files_that_are_no_package_are_refused_clearly(built: Built, tmp_path: Path) -> None:
    with pytest.raises(QmsError) as caught:
        verify_package(built.source)
    assert caught.value.code == "package.not_a_zip"
    with pytest.raises(QmsError) as caught:
        verify_package(tmp_path / "absent.zip")
    assert caught.value.code == "package.no_such_file"
    no_manifest = _rewrite(built.zip, tmp_path / "nomanifest.zip", lambda m: m.pop("manifest.json"))
    with pytest.raises(QmsError) as caught:
        verify_package(no_manifest)
    assert caught.value.code == "package.no_manifest"

    def garble(m: dict[str, bytes]) -> None:
        m["manifest.json"] = b"{not json"

    with pytest.raises(QmsError) as caught:
        verify_package(_rewrite(built.zip, tmp_path / "garbled.zip", garble))
    assert caught.value.code == "package.bad_manifest" and "JSON" in str(caught.value)

    def traverse(m: dict[str, bytes]) -> None:
        manifest = json.loads(m["manifest.json"])
        manifest["files"][0]["path"] = "../outside"
        m["manifest.json"] = json.dumps(manifest).encode()

    with pytest.raises(QmsError) as caught:
        verify_package(_rewrite(built.zip, tmp_path / "traverse.zip", traverse))
    assert caught.value.code == "package.bad_manifest" and "../outside" in str(caught.value)


# -- building: refusals, cancel, Chinese ------------------------------------------------------


def test_an_existing_file_is_never_replaced_unasked(built: Built, tmp_path: Path) -> None:
    target = tmp_path / "there.zip"
    target.write_bytes(b"keep me")
    with open_workspace(built.source, read_only=True) as ws:
        with pytest.raises(QmsError) as caught:
            build_package(ws, target, "en")
        assert caught.value.code == "package.exists"
        with pytest.raises(QmsError) as caught:
            build_package(ws, tmp_path / "package.txt", "en")
        assert caught.value.code == "package.zip_suffix"
        with pytest.raises(QmsError) as caught:
            build_package(ws, tmp_path / "no-such-folder" / "p.zip", "en")
        assert caught.value.code == "package.no_folder"
        with pytest.raises(QmsError) as caught:
            build_package(ws, tmp_path / "p.zip", "fr")
        assert caught.value.code == "package.bad_language"
    assert target.read_bytes() == b"keep me"


@pytest.mark.parametrize("stop_at", ["Copying", "Writing the registers", "Generating"])
def test_cancel_stops_and_leaves_nothing(built: Built, tmp_path: Path, stop_at: str) -> None:
    seen: list[str] = []
    with open_workspace(built.source, read_only=True) as ws:
        with pytest.raises(QmsError) as caught:
            build_package(
                ws,
                tmp_path / "p.zip",
                "en",
                progress=lambda _f, m: seen.append(m),
                cancel=lambda: any(m.startswith(stop_at) for m in seen),
            )
    assert caught.value.code == "package.cancelled"
    assert list(tmp_path.iterdir()) == []


def test_a_chinese_package_of_an_empty_workspace(workspace_file: Path, tmp_path: Path) -> None:
    """zh_CN headings everywhere they are ours; a workspace with no assessment still packs."""
    from openpyxl import load_workbook

    out = tmp_path / "审核包.zip"
    with open_workspace(workspace_file, read_only=True) as ws:
        report = build_package(ws, out, "zh_CN")
    assert report.checklists == 0 and report.evidence_files == 0 and report.documents > 0
    assert verify_package(out).sound
    members = _members(out)
    assert json.loads(members["manifest.json"])["language"] == "zh_CN"
    assert "审核包" in members["README.txt"].decode("utf-8")
    (tmp_path / "r.xlsx").write_bytes(members["registers.xlsx"])
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == [REGISTER_TITLES[k][1] for k in REGISTERS]
    for key, reg in REGISTERS.items():
        header = [c.value for c in wb[REGISTER_TITLES[key][1]][1]]
        assert header == ["记录号", *(FIELD_LABELS[(key, f.name)][1] for f in reg.fields)]


def test_every_register_field_and_choice_has_words_in_both_languages() -> None:
    def chinese(text: str) -> bool:
        return any("\u4e00" <= ch <= "\u9fff" for ch in text)

    assert set(REGISTER_TITLES) == set(REGISTERS)
    for key, reg in REGISTERS.items():
        assert chinese(REGISTER_TITLES[key][1]), key
        for f in reg.fields:
            en, zh = FIELD_LABELS[(key, f.name)]
            assert en and chinese(zh), (key, f.name)
            for choice in f.choices:
                if choice:
                    assert CHOICE_LABELS[choice][0] and chinese(CHOICE_LABELS[choice][1]), choice
    names = [REGISTER_TITLES[k][i] for k in REGISTERS for i in (0, 1)]
    assert all(
        len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names
    )  # Excel's sheet-name rules


def test_an_edit_made_while_packing_is_wholly_outside_the_package(
    built: Built, tmp_path: Path
) -> None:
    """Everything is read from the copy taken first: an edit committed by another editor
    while the package is being written shows nowhere in it, and the package still verifies."""
    source = tmp_path / "busy.qms"
    shutil.copyfile(built.source, source)
    editor = open_workspace(source)  # another window, editing the same file
    other = open_workspace(source, read_only=True)
    try:
        before = editor.audit_head()
        edited: list[bool] = []

        def edit_once(_fraction: float, _message: str) -> None:
            if not edited and _fraction > 0:
                add_record(
                    editor, "someone else", "person", {"name": "Late Arrival", "role": "Clerk"}
                )
                edited.append(True)

        report = build_package(other, tmp_path / "busy.zip", "en", progress=edit_once)
        assert edited and editor.audit_head() != before
    finally:
        other.close()
        editor.close()
    assert report.audit_head == before[1]
    members = _members(tmp_path / "busy.zip")
    assert json.loads(members["manifest.json"])["audit_chain"]["entries"] == before[0]
    assert b"Late Arrival" not in members["audit-trail.csv"]
    assert verify_package(tmp_path / "busy.zip").sound


def test_an_editable_workspace_is_packed_as_it_is(built: Built, tmp_path: Path) -> None:
    source = tmp_path / "open.qms"
    shutil.copyfile(built.source, source)
    with open_workspace(source) as ws:
        assert not ws.read_only
        report = build_package(ws, tmp_path / "open.zip", "en", cancel=lambda: False)
        assert report.audit_head == ws.audit_head()[1]
    assert verify_package(tmp_path / "open.zip").sound


# -- signatures -------------------------------------------------------------------------------


def test_the_manifest_lists_the_signing_keys_and_the_signed_entries(built: Built) -> None:
    from qms_desktop.storage.signing import key_id

    manifest = json.loads(_members(built.zip)["manifest.json"])
    signatures = manifest["signatures"]
    assert signatures["signed_entries"] == built.head[0]  # the demo is signed from its first entry
    keys = signatures["keys"]
    assert "tester" in {k["actor"] for k in keys}
    for k in keys:
        assert k["key_id"] == key_id(bytes.fromhex(k["public_key"]))


def test_a_workspace_copy_whose_chain_was_recomputed_fails_its_signatures(
    built: Built, tmp_path: Path
) -> None:
    """Someone rewrites an entry of the workspace copy, recomputes the chain, and makes the
    manifest and SHA256SUMS agree with the new copy: the signatures still name the entry."""
    import sqlite3

    from qms_desktop.domain.audit import entry_hash

    def forge(m: dict[str, bytes]) -> None:
        path = tmp_path / "copy.qms"
        path.write_bytes(m["workspace.qms"])
        conn = sqlite3.connect(path)
        conn.execute("UPDATE lesson SET lesson = 'forged' WHERE lesson = '@SUM(A1:A2)'")
        conn.execute("UPDATE audit_entry SET new_value = 'forged' WHERE new_value = '@SUM(A1:A2)'")
        prev = "0" * 64
        cols = "seq, at_utc, actor, action, entity, entity_id, field, old_value, new_value"
        for row_id, *values in conn.execute(f"SELECT id, {cols} FROM audit_entry ORDER BY id"):
            digest = entry_hash(**dict(zip(cols.split(", "), values, strict=True)), prev_hash=prev)  # type: ignore[arg-type]
            conn.execute(
                "UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE id = ?",
                (prev, digest, row_id),
            )
            prev = digest
        count = conn.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
        conn.execute(
            "UPDATE workspace_meta SET value = ? WHERE key = 'audit_head'", (f"{count} {prev}",)
        )
        conn.commit()
        conn.close()
        m["workspace.qms"] = path.read_bytes()
        manifest = json.loads(m["manifest.json"])
        manifest["audit_chain"]["head"] = prev
        for e in manifest["files"]:
            if e["path"] == "workspace.qms":
                e["size"] = len(m["workspace.qms"])
                e["sha256"] = hashlib.sha256(m["workspace.qms"]).hexdigest()
        m["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
        m["SHA256SUMS"] = "".join(
            f"{e['sha256']}  {e['path']}\n" for e in manifest["files"]
        ).encode()

    report = verify_package(_rewrite(built.zip, tmp_path / "forged.zip", forge))
    assert not report.sound
    texts = report.problem_texts()
    assert any("signature of audit entry" in t for t in texts), texts
    assert any("签名" in t for t in report.problem_texts("zh_CN"))
