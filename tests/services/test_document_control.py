"""Document control (services.document_control): drafts generated from templates, review,
approval that freezes the files with their SHA-256, issue, the next revision with its
history, diffs, uploads, the Refine step's rule and `check` on stored revisions."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from qms_desktop.domain.document_control import RevisionStatus
from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.steps import ShownStatus, Step
from qms_desktop.services import document_control as dc
from qms_desktop.services import registers
from qms_desktop.services.profile import update_profile
from qms_desktop.services.steps import step_summaries
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.models import BlobRecord, DocumentFileRecord, DocumentRevisionRecord
from qms_desktop.storage.workspace import Workspace

S = RevisionStatus
ACTOR = "tester"
DAY = dt.date(2026, 3, 2)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def manual(workspace: Workspace) -> int:
    update_profile(workspace, ACTOR, name="Harbour Light Hotels", doc_prefix="HLH")
    record, _ = registers.add_record(
        workspace,
        ACTOR,
        "planned_document",
        {"level": "manual", "number": "HLH-QM-01", "title": "Quality manual"},
    )
    return record.id


def to_review(ws: Workspace, planned_id: int, **kw: object) -> dc.RevisionInfo:
    revision, _ = dc.generate_draft(ws, ACTOR, planned_id, ("en",), **kw)  # type: ignore[arg-type]
    revision, _ = dc.move_revision(ws, ACTOR, revision.id, S.IN_REVIEW, reviewer="Li Wei", on=DAY)
    return revision


def approved_a(ws: Workspace, planned_id: int) -> dc.RevisionInfo:
    revision = to_review(ws, planned_id)
    revision, _ = dc.approve(ws, ACTOR, revision.id, "Zhang Min", on=DAY)
    return revision


def test_the_manual_is_numbered_by_the_register_everywhere(workspace: Workspace, manual: int):
    # the cover, the header and the control block print the register's number
    revision, _ = dc.generate_draft(workspace, ACTOR, manual, ("en", "zh_CN"))
    assert revision.label == "A" and revision.status is S.DRAFT
    assert {(f.lang, f.kind) for f in revision.files} >= {
        ("en", "pdf"), ("en", "docx"), ("en", "text"), ("zh_CN", "pdf"), ("zh_CN", "docx"),
    }  # fmt: skip
    text = pdf_text(dc.read_file(workspace, revision.file("pdf", "en").id))
    assert "HLH-QM-01" in text and "HLH-QMS" not in text and "Draft" in text
    assert "草案" in pdf_text(dc.read_file(workspace, revision.file("pdf", "zh_CN").id))
    # a second generation updates the same draft, it makes no new revision
    again, _ = dc.generate_draft(workspace, ACTOR, manual, ("en",))
    assert again.id == revision.id and len(dc.get_document(workspace, manual).revisions) == 1


def test_a_document_not_in_the_register_says_it_is_uncontrolled(workspace: Workspace, manual: int):
    meta = dc.document_meta(workspace, "gap-report", "en")
    assert meta["number"] == "HLH-GR-01" and not meta["controlled"]
    assert meta["status"].startswith("Uncontrolled") and meta["history"] == []


def test_approval_freezes_the_bytes_with_their_hash(workspace: Workspace, manual: int):
    revision = approved_a(workspace, manual)
    assert revision.status is S.APPROVED and revision.approver == "Zhang Min"
    pdf = revision.file("pdf", "en")
    data = dc.read_file(workspace, pdf.id)
    assert hashlib.sha256(data).hexdigest() == pdf.sha256 and len(data) == pdf.size
    text = pdf_text(data)
    assert "Approved" in text and "Zhang Min · 2026-03-02" in text and "Li Wei" not in "Draft"
    docx = dc.read_file(workspace, revision.file("docx", "en").id)
    assert hashlib.sha256(docx).hexdigest() == revision.file("docx", "en").sha256


def test_every_service_refuses_to_change_an_approved_revision(workspace: Workspace, manual: int):
    revision = approved_a(workspace, manual)
    before = {f.kind: (f.sha256, dc.read_file(workspace, f.id)) for f in revision.files}
    attempts = [
        lambda: dc.update_revision(workspace, ACTOR, revision.id, author="Someone else"),
        lambda: dc.update_revision(workspace, ACTOR, revision.id, change_summary="edited"),
        lambda: dc.delete_draft(workspace, ACTOR, revision.id),
        lambda: dc.move_revision(workspace, ACTOR, revision.id, S.DRAFT),
        lambda: dc.move_revision(workspace, ACTOR, revision.id, S.IN_REVIEW, reviewer="X"),
        lambda: dc.approve(workspace, ACTOR, revision.id, "Another approver"),
        lambda: registers.delete_record(workspace, ACTOR, "planned_document", manual),
    ]
    for attempt in attempts:
        with pytest.raises(QmsError):
            attempt()
    # below the services, the storage refuses too: files, words, blobs, the revision itself
    raw_edits = [
        lambda s: setattr(s.scalar(select(DocumentFileRecord)), "sha256", "0" * 64),
        lambda s: s.delete(s.scalar(select(DocumentFileRecord))),
        lambda s: s.add(
            DocumentFileRecord(
                revision_id=revision.id, lang="fr", kind="pdf", name="x", sha256="1", size=1
            )
        ),
        lambda s: setattr(s.get(DocumentRevisionRecord, revision.id), "approver", "Mallory"),
        lambda s: s.delete(s.get(DocumentRevisionRecord, revision.id)),
        lambda s: setattr(s.get(BlobRecord, revision.file("pdf").sha256), "data", b"forged"),
    ]
    for edit in raw_edits:
        with pytest.raises(QmsError) as caught, workspace.editing(ACTOR) as s:
            edit(s)
        assert caught.value.code == "document_control.frozen"
    with workspace.editing(ACTOR) as s:  # a blob an approved file points at is never dropped
        s.delete(s.get(BlobRecord, revision.file("pdf").sha256))
    after = dc.get_document(workspace, manual).revisions[0]
    assert after.status is S.APPROVED and after.approver == "Zhang Min"
    assert {f.kind: (f.sha256, dc.read_file(workspace, f.id)) for f in after.files} == before


def test_a_change_makes_revision_b_with_history_and_a_diff(workspace: Workspace, manual: int):
    a = approved_a(workspace, manual)
    dc.move_revision(workspace, ACTOR, a.id, S.ISSUED, on=DAY)
    registers.add_record(
        workspace,
        ACTOR,
        "process",
        {"name": "Airport shuttle service", "owner": "Transport manager"},
    )
    b, _ = dc.generate_draft(
        workspace, ACTOR, manual, ("en",), change_summary="Airport shuttle process added"
    )
    assert (b.label, b.ordinal, b.status) == ("B", 2, S.DRAFT)
    text = pdf_text(dc.read_file(workspace, b.file("pdf", "en").id))
    assert "Airport shuttle process added" in text and "First issue" in text  # the history
    doc = dc.get_document(workspace, manual)
    assert [r.label for r in doc.revisions] == ["A", "B"] and doc.issued.label == "A"
    diff = dc.diff_revisions(workspace, a.id, b.id)
    assert diff[:2] == ["--- A", "+++ B"]
    assert any(line.startswith("+") and "Airport shuttle service" in line for line in diff)
    # A stays as it was; issuing B supersedes it
    dc.move_revision(workspace, ACTOR, b.id, S.IN_REVIEW, reviewer="Li Wei", on=DAY)
    b, _ = dc.approve(workspace, ACTOR, b.id, "Zhang Min", on=DAY)
    dc.move_revision(workspace, ACTOR, b.id, S.ISSUED, on=DAY + dt.timedelta(days=1))
    doc = dc.get_document(workspace, manual)
    assert [(r.label, r.status) for r in doc.revisions] == [("A", S.SUPERSEDED), ("B", S.ISSUED)]
    assert doc.revisions[0].ended_on == DAY + dt.timedelta(days=1)
    assert doc.revisions[0].files == a.files


def test_approval_is_refused_when_the_reviewed_words_changed(workspace: Workspace, manual: int):
    revision = to_review(workspace, manual)
    registers.add_record(workspace, ACTOR, "process", {"name": "Laundry"})
    with pytest.raises(QmsError) as caught:
        dc.approve(workspace, ACTOR, revision.id, "Zhang Min")
    assert caught.value.code == "document_control.changed_since_draft"
    assert dc.get_document(workspace, manual).latest.status is S.IN_REVIEW
    # back to draft, generated again, reviewed again: then it can be approved
    dc.move_revision(workspace, ACTOR, revision.id, S.DRAFT)
    again = to_review(workspace, manual)
    assert again.id == revision.id
    assert dc.approve(workspace, ACTOR, again.id, "Zhang Min")[0].status is S.APPROVED


def test_bad_moves_are_refused_and_nothing_changes(workspace: Workspace, manual: int):
    revision, _ = dc.generate_draft(workspace, ACTOR, manual, ("en",))
    with pytest.raises(QmsError) as caught:
        dc.move_revision(workspace, ACTOR, revision.id, S.ISSUED)
    assert caught.value.code == "document_control.bad_transition"
    with pytest.raises(QmsError) as caught:
        dc.move_revision(workspace, ACTOR, revision.id, S.IN_REVIEW)
    assert caught.value.code == "document_control.needs_reviewer"
    revision = to_review(workspace, manual)
    with pytest.raises(QmsError) as caught:
        dc.generate_draft(workspace, ACTOR, manual, ("en",))
    assert caught.value.code == "document_control.in_review"
    with pytest.raises(QmsError) as caught:
        dc.approve(workspace, ACTOR, revision.id, "")
    assert caught.value.code == "document_control.needs_approver"
    assert dc.get_document(workspace, manual).latest.status is S.IN_REVIEW


def test_an_uploaded_word_document_is_registered_and_revised(workspace: Workspace, tmp_path: Path):
    import docx

    record, _ = registers.add_record(
        workspace,
        ACTOR,
        "planned_document",
        {"level": "procedure", "number": "HLH-QP-04", "title": "Front office procedure"},
    )

    def word(path: Path, *lines: str) -> Path:
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(str(path))
        return path

    a, _ = dc.upload_draft(
        workspace, ACTOR, record.id, word(tmp_path / "qp04.docx", "Check-in", "Greet guests.")
    )
    assert a.source == "uploaded" and a.file("upload").name == "qp04.docx"
    dc.move_revision(workspace, ACTOR, a.id, S.IN_REVIEW, reviewer="Li Wei")
    a, _ = dc.approve(workspace, ACTOR, a.id, "Zhang Min")
    dc.move_revision(workspace, ACTOR, a.id, S.ISSUED)
    path = word(tmp_path / "qp04-b.docx", "Check-in", "Greet guests by name.")
    b, _ = dc.upload_draft(workspace, ACTOR, record.id, path, change_summary="Names")
    assert b.label == "B" and dc.read_file(workspace, b.file("upload").id) == path.read_bytes()
    assert "+Greet guests by name." in dc.diff_revisions(workspace, a.id, b.id)
    with pytest.raises(QmsError) as caught:
        dc.generate_draft(workspace, ACTOR, record.id, ("en",))
    assert caught.value.code == "document_control.no_template"


def test_revisions_numbered_when_the_organisation_chooses(workspace: Workspace, manual: int):
    dc.set_revision_scheme(workspace, ACTOR, "numbers")
    revision, _ = dc.generate_draft(workspace, ACTOR, manual, ("en",))
    assert revision.label == "1"
    with pytest.raises(QmsError):
        dc.set_revision_scheme(workspace, ACTOR, "greek")


def test_refine_is_ready_when_every_planned_document_is_issued(workspace: Workspace, manual: int):
    assert step_summaries(workspace)[Step.REFINE].status is ShownStatus.NOT_STARTED
    revision = approved_a(workspace, manual)
    summary = step_summaries(workspace)[Step.REFINE]
    assert summary.status is ShownStatus.IN_PROGRESS
    assert [m.text("en") for m in summary.rule.missing] == ["HLH-QM-01 not yet issued"]
    dc.move_revision(workspace, ACTOR, revision.id, S.ISSUED)
    assert step_summaries(workspace)[Step.REFINE].status is ShownStatus.READY


def test_check_finds_a_tampered_stored_revision(workspace: Workspace, manual: int):
    revision = approved_a(workspace, manual)
    path = workspace.path
    workspace.close()
    assert check_workspace(path).findings == ()
    pdf = revision.file("pdf", "en")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE blob SET data = ? WHERE sha256 = ?", (b"%PDF-forged", pdf.sha256))
    conn.close()
    problems = check_workspace(path).problem_texts("en")
    assert any(pdf.name in p for p in problems), problems
    reopened = Workspace.open(path)
    try:
        with pytest.raises(QmsError) as caught:
            dc.read_file(reopened, pdf.id)
        assert caught.value.code == "document_control.file_altered"
    finally:
        reopened.close()


def test_a_workspace_of_format_9_upgrades_and_takes_revisions(tmp_path: Path):
    path = tmp_path / "v9.qms"
    Workspace.create(path, revision="0009").close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO planned_document (id, position, level, number, title, parent)"
        " VALUES (7, 1, 'manual', 'OLD-QM-01', 'Quality manual', '')"
    )
    conn.commit()
    conn.close()
    with Workspace.open(path) as ws:
        assert ws.backup_path is not None and ws.schema_problems() == []
        (doc,) = dc.list_documents(ws)
        assert (doc.number, doc.template_id, doc.revisions) == ("OLD-QM-01", "quality-manual", ())
        revision, _ = dc.generate_draft(ws, ACTOR, 7, ("en",))
        assert revision.label == "A" and revision.file("pdf", "en") is not None


def test_deleting_a_planned_document_takes_its_control_data_or_is_refused(
    workspace: Workspace, manual: int
):
    dc.set_control(workspace, ACTOR, manual, owner="Lin Wei", distribution="GM")
    revision, _ = dc.generate_draft(workspace, ACTOR, manual, ("en",))
    with pytest.raises(QmsError) as caught:
        registers.delete_record(workspace, ACTOR, "planned_document", manual)
    assert caught.value.code == "document_control.planned_document_has_drafts"
    assert "delete its drafts" in caught.value.text("en") and "草案" in caught.value.text("zh_CN")
    dc.delete_draft(workspace, ACTOR, revision.id)
    registers.delete_record(workspace, ACTOR, "planned_document", manual)
    assert dc.list_documents(workspace) == []
    # a later planned document is not given the old one's control data
    record, _ = registers.add_record(
        workspace, ACTOR, "planned_document", {"level": "form", "number": "F-1", "title": "Log"}
    )
    (doc,) = dc.list_documents(workspace)
    assert (doc.owner, doc.distribution, doc.revisions) == ("", "", ())
    path = workspace.path
    workspace.close()
    assert check_workspace(path).findings == ()


def test_every_built_in_template_has_its_own_number_code():
    """A generated document outside the register is numbered <prefix>-<code>-01: two
    templates sharing the fallback code would print the same number on different documents."""
    from qms_desktop.documents import list_templates
    from qms_desktop.services.document_control import TEMPLATE_CODES, scheme_number

    built_in = {t.id for t in list_templates(None)}
    assert built_in <= set(TEMPLATE_CODES), built_in - set(TEMPLATE_CODES)
    assert len(set(TEMPLATE_CODES.values())) == len(TEMPLATE_CODES)
    assert scheme_number("HLH", "management-review-report") == "HLH-MR-01"
