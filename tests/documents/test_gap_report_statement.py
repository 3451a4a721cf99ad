"""A control's statement (OSCAL) is printed with its finding in the gap report, apart from
its title, in both languages."""

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from qms_desktop.services import checklist as cl
from qms_desktop.services.documents import render_workspace_document
from qms_desktop.services.libraries import add_library_file
from qms_desktop.services.workspaces import create_workspace
from tests.libraries.test_oscal import XML


@pytest.mark.parametrize(("lang", "label"), [("en", "Requirement:"), ("zh_CN", "要求原文：")])
def test_a_findings_statement_is_in_the_gap_report(tmp_path: Path, lang: str, label: str):
    ws = create_workspace(tmp_path / "g.qms", "Statement Org", actor="t")
    try:
        catalog = tmp_path / "catalog.xml"
        catalog.write_text(XML, encoding="utf-8")
        library, _, _ = add_library_file(ws, "t", catalog)
        info, _ = cl.create_assessment(ws, "t", "Controls", dt.date(2026, 11, 1), [library.id])
        row = next(r for r in cl.checklist_rows(ws, info.id) if r.ref == "AC-2")
        cl.assess_requirement(ws, "t", row.item_id, status="nonconforming", grade="minor")
        pdf = render_workspace_document(
            ws, "gap-report", lang=lang, fmt="pdf", out_path=tmp_path / f"gap-{lang}.pdf"
        )
    finally:
        ws.close()
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert f"{label} a. Define and document" in text or f"{label}a. Define and document" in text
