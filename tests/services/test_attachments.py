"""Files attached to register records: attach, read, remove, put back under the same ids,
bytes stored once, and records deleted and restored with their files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from qms_desktop.domain.attachments import preview_kind
from qms_desktop.domain.errors import QmsError, ValidationError, WorkspaceError
from qms_desktop.domain.registers import REGISTERS
from qms_desktop.services import attachments as at
from qms_desktop.services import checklist as cl
from qms_desktop.services import registers as rs
from qms_desktop.services.audit import history
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def lesson(ws: Workspace) -> int:
    values = {"source": "complaint", "what_happened": "Cold soup", "lesson": "Warm the bowls"}
    return rs.add_record(ws, "Lin", "lesson", values)[0].id


def facility(ws: Workspace, item: str = "Probe thermometer") -> int:
    values = REGISTERS["facility"].new_record(dt.date(2026, 1, 5), item)
    values.update(kind="measuring_equipment", calibration_months=12)
    return rs.add_record(ws, "Lin", "facility", values)[0].id


def blobs(ws: Workspace) -> int:
    conn = sqlite3.connect(ws.path)
    try:
        return int(conn.execute("SELECT count(*) FROM blob").fetchone()[0])
    finally:
        conn.close()


def test_attach_read_and_list(workspace: Workspace, tmp_path: Path):
    record_id = lesson(workspace)
    photo = tmp_path / "soup.png"
    photo.write_bytes(PNG)
    files, changes = at.attach_files(
        workspace, "Lin", "lesson", record_id, [photo, ("notes.txt", b"bowls at 60 C")]
    )
    assert changes.registers == {"lesson"} and changes.steps == {"summarise"}
    assert [f.name for f in files] == ["soup.png", "notes.txt"]
    assert at.attachments_of(workspace, "lesson", record_id) == files
    assert at.attachment_data(workspace, files[0].id) == PNG
    assert files[0].size == len(PNG) and len(files[0].sha256) == 64
    assert at.attachment_counts(workspace, "lesson") == {record_id: 2}
    assert at.attachments_of(workspace, "facility", record_id) == []  # another register's id
    assert [e.action for e in history(workspace, "attachment", str(files[0].id))] == ["create"]
    assert check_workspace(workspace.path).sound


def test_the_same_bytes_are_stored_once(workspace: Workspace, tmp_path: Path):
    lesson_id, facility_id = lesson(workspace), facility(workspace)
    before = blobs(workspace)
    at.attach_files(workspace, "Lin", "lesson", lesson_id, [("a.png", PNG)])
    at.attach_files(workspace, "Lin", "facility", facility_id, [("certificate.png", PNG)])
    at.attach_files(workspace, "Lin", "lesson", lesson_id, [("again.png", PNG)])
    assert blobs(workspace) == before + 1
    first = at.attachments_of(workspace, "lesson", lesson_id)[0]
    at.remove_attachments(workspace, "Lin", [first.id])
    assert blobs(workspace) == before + 1  # still used by the others
    others = at.attachments_of(workspace, "lesson", lesson_id) + at.attachments_of(
        workspace, "facility", facility_id
    )
    at.remove_attachments(workspace, "Lin", [f.id for f in others])
    assert blobs(workspace) == before  # nothing uses them: gone
    assert check_workspace(workspace.path).sound


def test_remove_and_restore_under_the_old_ids(workspace: Workspace):
    record_id = facility(workspace)
    files, _ = at.attach_files(
        workspace, "Lin", "facility", record_id, [("cal-2026.pdf", b"%PDF-1.4 x"), ("b.txt", b"b")]
    )
    snapshots, changes = at.remove_attachments(workspace, "Lin", [f.id for f in files])
    assert changes.registers == {"facility"}
    assert at.attachments_of(workspace, "facility", record_id) == []
    with pytest.raises(WorkspaceError, match="no longer in the workspace"):
        at.attachment_data(workspace, files[0].id)
    at.restore_attachments(workspace, "Lin", snapshots)
    assert at.attachments_of(workspace, "facility", record_id) == files  # same ids, same names
    assert at.attachment_data(workspace, files[0].id) == b"%PDF-1.4 x"
    with pytest.raises(WorkspaceError, match="already in the workspace"):
        at.restore_attachments(workspace, "Lin", snapshots)
    assert [e.action for e in history(workspace, "attachment", str(files[0].id))] == [
        "create",
        "delete",
        "create",
    ]
    assert check_workspace(workspace.path).sound


def test_refusals_store_nothing(workspace: Workspace, tmp_path: Path):
    record_id = lesson(workspace)
    big = tmp_path / "video.mp4"
    big.write_bytes(b"x" * 2048)
    good = tmp_path / "good.txt"
    good.write_text("fine")
    with pytest.raises(ValidationError, match=r"video\.mp4 is 0\.0 MB; an attachment may be") as e:
        at.attach_files(workspace, "Lin", "lesson", record_id, [good, big], max_bytes=1024)
    assert e.value.field == "attachments"
    assert "未附加任何文件" in e.value.text("zh_CN")
    with pytest.raises(ValidationError, match="Cannot read missing.txt"):
        at.attach_files(workspace, "Lin", "lesson", record_id, [tmp_path / "missing.txt"])
    with pytest.raises(ValidationError, match="is not a file"):
        at.attach_files(workspace, "Lin", "lesson", record_id, [tmp_path])
    with pytest.raises(ValidationError, match="Choose a file"):
        at.attach_files(workspace, "Lin", "lesson", record_id, [])
    with pytest.raises(WorkspaceError, match="no longer in the workspace"):
        at.attach_files(workspace, "Lin", "lesson", 999, [good])
    with pytest.raises(ValidationError, match="take no attachments"):
        at.attach_files(workspace, "Lin", "responsibility", 1, [good])
    with pytest.raises(ValidationError, match="no register"):
        at.attach_files(workspace, "Lin", "nonsense", 1, [good])
    link = tmp_path / "link.txt"
    link.symlink_to(good)
    with pytest.raises(ValidationError, match="is a link"):
        at.attach_files(workspace, "Lin", "lesson", record_id, [link])
    assert at.attachments_of(workspace, "lesson", record_id) == []
    assert blobs(workspace) == 0


def test_an_unreadable_file_is_refused_clearly(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    record_id = lesson(workspace)
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-")
    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object):  # noqa: ANN202
        if self.name == "secret.pdf":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(ValidationError, match="Cannot read secret.pdf: Permission denied") as e:
        at.attach_files(workspace, "Lin", "lesson", record_id, [secret])
    assert "无法读取 secret.pdf" in e.value.text("zh_CN")
    assert at.attachments_of(workspace, "lesson", record_id) == []


def test_file_names_are_kept_as_text_and_made_safe(workspace: Workspace):
    record_id = lesson(workspace)
    files, _ = at.attach_files(
        workspace,
        "Lin",
        "lesson",
        record_id,
        [
            ("<b>bold</b> & <img src=x>.png", PNG),
            ("../../etc/passwd", b"x"),
            ("培训证书.pdf", b"y"),
        ],
    )
    assert [f.name for f in files] == ["b_ & _img src=x_.png", "passwd", "培训证书.pdf"]


def test_deleting_a_record_takes_its_files_and_undo_brings_them_back(workspace: Workspace):
    lesson_id, facility_id = lesson(workspace), facility(workspace)
    files, _ = at.attach_files(workspace, "Lin", "lesson", lesson_id, [("a.png", PNG)])
    kept, _ = at.attach_files(workspace, "Lin", "facility", facility_id, [("c.png", PNG)])
    before = blobs(workspace)
    record, _ = rs.delete_record(workspace, "Lin", "lesson", lesson_id)
    assert [f.file for f in record.files] == files and record.files[0].data == PNG
    assert at.attachments_of(workspace, "lesson", lesson_id) == []
    assert blobs(workspace) == before  # the facility's file still uses the bytes
    assert check_workspace(workspace.path).sound
    # a new record that takes the freed id does not inherit the files
    again = lesson(workspace)
    assert at.attachments_of(workspace, "lesson", again) == []
    rs.delete_record(workspace, "Lin", "lesson", again)
    rs.restore_records(workspace, "Lin", [record])
    assert at.attachments_of(workspace, "lesson", lesson_id) == files
    assert at.attachment_data(workspace, files[0].id) == PNG
    assert at.attachments_of(workspace, "facility", facility_id) == kept
    assert check_workspace(workspace.path).sound


def test_deleting_several_records_takes_each_ones_files(workspace: Workspace):
    a, b, c = facility(workspace, "A"), facility(workspace, "B"), facility(workspace, "C")
    at.attach_files(workspace, "Lin", "facility", a, [("a1.txt", b"1"), ("a2.txt", b"2")])
    at.attach_files(workspace, "Lin", "facility", b, [("b.txt", b"3")])
    removed, _ = rs.delete_records(workspace, "Lin", "facility", [a, b, c])
    assert {r.id: [f.file.name for f in r.files] for r in removed} == {
        a: ["a1.txt", "a2.txt"],
        b: ["b.txt"],
        c: [],
    }
    assert blobs(workspace) == 0
    rs.restore_records(workspace, "Lin", removed)
    assert at.attachment_counts(workspace, "facility") == {a: 2, b: 1}
    assert check_workspace(workspace.path).sound


def test_a_refused_delete_keeps_the_files(workspace: Workspace):
    person = rs.add_record(
        workspace, "Lin", "person", {"name": "Mei", "role": "Chef", "department": ""}
    )[0]
    values = REGISTERS["facility"].new_record(dt.date(2026, 1, 5), "Oven")
    values["owner"] = person.id
    rs.add_record(workspace, "Lin", "facility", values)
    at.attach_files(workspace, "Lin", "person", person.id, [("cv.pdf", b"%PDF-cv")])
    with pytest.raises(QmsError):
        rs.delete_record(workspace, "Lin", "person", person.id)
    with pytest.raises(QmsError):
        rs.delete_records(workspace, "Lin", "person", [person.id])
    assert [f.name for f in at.attachments_of(workspace, "person", person.id)] == ["cv.pdf"]


def test_evidence_removal_keeps_bytes_an_attachment_shares(workspace: Workspace):
    """The checklist counts only evidence files when it drops unused bytes; the bytes an
    attachment shares must survive it (storage.blobs.keep_used_blobs)."""
    add_test_library(workspace)
    info, _ = cl.create_assessment(workspace, "Lin", "First", dt.date(2026, 1, 1), ["test-iso"])
    item_id = cl.checklist_rows(workspace, info.id)[0].item_id
    evidence, _ = cl.attach_evidence(workspace, "Lin", item_id, name="scan.png", data=PNG)
    record_id = lesson(workspace)
    files, _ = at.attach_files(workspace, "Lin", "lesson", record_id, [("scan.png", PNG)])
    cl.remove_evidence(workspace, "Lin", evidence.id)
    assert at.attachment_data(workspace, files[0].id) == PNG
    cl.delete_assessment(workspace, "Lin", info.id)
    assert at.attachment_data(workspace, files[0].id) == PNG
    assert check_workspace(workspace.path).sound
    at.remove_attachments(workspace, "Lin", [files[0].id])
    assert blobs(workspace) == 0


def test_check_finds_a_file_whose_record_is_gone_or_whose_bytes_changed(workspace: Workspace):
    record_id = lesson(workspace)
    files, _ = at.attach_files(workspace, "Lin", "lesson", record_id, [("a.png", PNG)])
    conn = sqlite3.connect(workspace.path)
    conn.execute("UPDATE blob SET data = ? WHERE sha256 = ?", (b"forged", files[0].sha256))
    conn.execute("DELETE FROM lesson")
    conn.commit()
    conn.close()
    text = " | ".join(m.text() for m in check_workspace(workspace.path).findings)
    assert "attachment 1, field record_id: refers to lesson 1, which does not exist" in text
    assert "a.png was altered" in text
    with pytest.raises(WorkspaceError, match="damaged"):
        at.attachment_data(workspace, files[0].id)


def test_preview_kind_reads_the_bytes_not_the_name():
    assert preview_kind(PNG) == "image"
    assert preview_kind(b"%PDF-1.7\n") == "pdf"
    assert preview_kind(b"\xff\xd8\xff\xe0JFIF") == "image"
    assert preview_kind(b"hello") == ""


def test_the_auditors_package_holds_the_attachments_and_verifies(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import json
    import zipfile

    import qms_desktop.documents as documents
    from qms_desktop.services.package import build_package, verify_package

    monkeypatch.setattr(documents, "list_templates", lambda _user_dir: [])  # files only: quick
    lesson_id, facility_id = lesson(workspace), facility(workspace, "Probe / thermometer <1>")
    at.attach_files(workspace, "Lin", "lesson", lesson_id, [("soup.png", PNG), ("Soup.PNG", b"2")])
    at.attach_files(workspace, "Lin", "facility", facility_id, [("cert.pdf", b"%PDF-1.4 c")])
    report = build_package(workspace, tmp_path / "package.zip", "zh_CN")
    assert report.attachments == 3
    with zipfile.ZipFile(tmp_path / "package.zip") as zf:
        members = {n: zf.read(n) for n in zf.namelist() if n.startswith("attachments/")}
        manifest = json.loads(zf.read("manifest.json"))
        readme = zf.read("README.txt").decode("utf-8")
    assert members == {
        # a folder per register (its title in the package's language), per record (its id
        # and label, made safe: no separator or markup character survives)
        "attachments/经验教训/001 Warm the bowls/soup.png": PNG,
        "attachments/经验教训/001 Warm the bowls/Soup (2).PNG": b"2",  # one name per case-blind disk
        "attachments/设施和设备/001 Probe _ thermometer _1_/cert.pdf": b"%PDF-1.4 c",
    }, members
    assert manifest["contents"]["attachments"] == 3
    assert "attachments/" in readme
    verified = verify_package(tmp_path / "package.zip")
    assert verified.sound, verified.problem_texts()


def test_a_workspace_of_format_7_upgrades_and_takes_attachments(tmp_path: Path):
    """A file made before attachments (format 7, evidence files held) opens in the current
    format after a backup; its evidence keeps its bytes, which an attachment then shares."""
    from qms_desktop.domain.steps import Step
    from qms_desktop.storage.models import Organisation, StepRecord
    from qms_desktop.storage.workspace import SCHEMA_VERSION

    def format7(ws: Workspace) -> None:
        with ws.editing("old version") as s:
            s.add(Organisation(id=1, name="Old Org", default_language="en"))
            for step in Step:
                s.add(StepRecord(step=step.value, status="not_started", signed_off_by="", notes=""))
        # the item as format 7 stored it (with its action columns, moved out in format 14)
        import hashlib

        from qms_desktop.storage.models import AssessmentRecord, BlobRecord, EvidenceFileRecord
        from tests.services.test_migration_to_format_14 import _Item

        add_test_library(ws)
        with ws.editing("old version") as s:
            s.add(
                AssessmentRecord(
                    id=1,
                    name="First",
                    held_on=dt.date(2026, 1, 1),
                    audit_date=None,
                    library_ids="test-iso",
                    notes="",
                )
            )
            s.flush()
            s.add(
                _Item(
                    id=1,
                    assessment_id=1,
                    library_id="test-iso",
                    ref="4.1",
                    status="not_assessed",
                    grade="",
                    na_justification="",
                    current_practice="",
                    evidence_notes="",
                    gap="",
                    action_text="",
                    action_owner="",
                    action_due=None,
                    action_priority="",
                    action_state="",
                    changed_by="old version",
                    changed_at="2026-01-01T00:00:00+00:00",
                )
            )
            s.flush()
            digest = hashlib.sha256(PNG).hexdigest()
            s.add(BlobRecord(sha256=digest, data=PNG))
            s.add(EvidenceFileRecord(item_id=1, name="scan.png", sha256=digest, size=len(PNG),
                                     added_at="2026-01-01T00:00:00+00:00"))  # fmt: skip

    path = tmp_path / "v7.qms"
    Workspace.create(path, revision="0007", fill=format7).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
    assert (
        conn.execute("SELECT name FROM sqlite_master WHERE name = 'attachment'").fetchone() is None
    )
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None
        record_id = lesson(ws)
        files, _ = at.attach_files(ws, "new version", "lesson", record_id, [("scan.png", PNG)])
        assert blobs(ws) == 1  # the evidence's bytes, shared
        assert at.attachment_data(ws, files[0].id) == PNG
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 8
    conn.close()
    report = check_workspace(path)
    assert report.sound, report.problems
