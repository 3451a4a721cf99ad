"""The internal audit report in both languages, PDF and DOCX: scope, team, method, findings by
grade with their evidence, the nonconformity raised, the conclusion; the audit chosen is the
latest completed; a workspace without a started audit says so; user text prints literally."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from qms_desktop.libraries import builtin_library
from qms_desktop.services import audits
from qms_desktop.services import checklist as cl
from qms_desktop.services.audit_documents import audit_context
from qms_desktop.services.documents import render_workspace_document
from qms_desktop.services.libraries import store_library
from qms_desktop.services.registers import add_record
from qms_desktop.storage.workspace import Workspace

REPORT = "internal-audit-report"


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _docx_text(path: Path) -> str:
    doc = open_docx(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _audited(ws: Workspace) -> int:
    store_library(ws, "t", builtin_library("iso9001-2015"))
    wu = add_record(ws, "t", "person", {"name": "Wu Fang", "role": "QA"})[0].id
    zhao = add_record(ws, "t", "person", {"name": "Zhao Min", "role": "Auditor"})[0].id
    values = {"title": "Front desk <b>audit</b> | Q1", "planned_on": dt.date(2026, 3, 2),
              "status": "planned", "clauses": "7.5, 8.5.1", "lead_auditor": wu,
              "auditors": (zhao,), "summary": "Effective overall; ID checks need attention."}  # fmt: skip
    audit = add_record(ws, "t", "internal_audit", values)[0].id
    audits.start_audit(ws, "t", audit)
    items = {f.ref: i for i, f in audits.audit_items(ws, audit)}
    cl.assess_requirement(ws, "t", items["8.5.1"], status="nonconforming", grade="minor",
                          evidence_notes="Room 305: no *ID* copy", gap="ID not copied")  # fmt: skip
    cl.assess_requirement(ws, "t", items["7.5.3"], status="conforming", grade="good_practice",
                          evidence_notes="Forms indexed")  # fmt: skip
    audits.complete_audit(ws, "t", audit, dt.date(2026, 3, 3))
    # a later audit only planned is not the one reported
    add_record(ws, "t", "internal_audit", {"title": "Kitchen audit", "status": "planned",
                                           "planned_on": dt.date(2026, 9, 1)})  # fmt: skip
    return audit


def test_context_counts_findings_by_grade(workspace: Workspace) -> None:
    _audited(workspace)
    a = audit_context(workspace, "en")["internal_audit"]
    assert a["title"] == "Front desk <b>audit</b> | Q1" and a["status"] == "Completed"
    assert a["clauses"] == "7.5, 8.5.1" and a["lead_auditor"] == "Wu Fang"
    assert a["auditors"] == ["Zhao Min"] and a["held_on"] == "2026-03-03"
    by = {g["key"]: g for g in a["grades"]}
    assert by["minor"]["count"] == 1 and by["good_practice"]["count"] == 1
    assert by["major"]["count"] == 0 and a["graded"] == 2
    assert by["minor"]["findings"][0]["ref"] == "8.5.1"
    assert a["in_scope"] == a["assessed"] + a["not_assessed"] and a["nonconforming"] == 1
    assert "ISO 9001" in a["method"] or "iso9001" in a["method"].lower()
    zh = audit_context(workspace, "zh_CN")["internal_audit"]
    assert zh["status"] == "已完成" and {g["grade"] for g in zh["grades"]} >= {"轻微不符合"}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_report_in_both_formats(workspace: Workspace, tmp_path: Path, lang: str) -> None:
    _audited(workspace)
    pdf = render_workspace_document(
        workspace, REPORT, lang=lang, fmt="pdf", out_path=tmp_path / "a.pdf"
    )
    docx = render_workspace_document(
        workspace, REPORT, lang=lang, fmt="docx", out_path=tmp_path / "a.docx"
    )
    words = {
        "en": ("Internal audit report", "Findings by grade", "Minor nonconformity", "Conclusion"),
        "zh_CN": ("内部审核报告", "审核发现", "轻微不符合", "审核结论"),
    }[lang]
    for text in (_pdf_text(pdf), _docx_text(docx)):
        for word in words:
            assert word in text, (lang, word)
        # user text prints literally, not as markup
        assert "Front desk <b>audit</b> | Q1" in text and "no *ID* copy" in text
        assert "Wu Fang" in text and "Zhao Min" in text and "8.5.1" in text
        assert "Kitchen audit" not in text


def test_report_without_an_audit_says_so(workspace: Workspace, tmp_path: Path) -> None:
    pdf = render_workspace_document(
        workspace, REPORT, lang="en", fmt="pdf", out_path=tmp_path / "a.pdf"
    )
    assert "No internal audit has been started yet" in _pdf_text(pdf)
