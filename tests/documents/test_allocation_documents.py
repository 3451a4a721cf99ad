"""The Allocate step in the documents: the quality manual's organisation chart, roles with
their responsibilities and authorities, the responsibility matrix and the resources, and the
responsibility-matrix document on landscape pages — both languages, both formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from pypdf import PdfReader

from qms_desktop.documents import list_templates
from qms_desktop.services import allocation as al
from qms_desktop.services import registers as rs
from qms_desktop.services.documents import build_context, chart_images, render_workspace_document
from qms_desktop.storage.workspace import Workspace


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _docx_text(path: Path) -> str:
    doc = open_docx(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


WORDS = {
    "en": [
        "Organisation chart",
        "Responsibilities and authorities",
        "Responsibility matrix",
        "Measuring equipment under control",
        "Sets the quality policy and objectives",  # the general manager's responsibilities
        "Approves the quality manual",  # and authorities
        "Luggage scale, front desk",
        "Overdue",
        "Self check-in kiosks (2)",
        "Not yet filled",  # the vacant airport auditor
    ],
    "zh_CN": [
        "组织结构图",
        "职责和权限",
        "责任矩阵",
        "受控的计量器具",
        "制定质量方针和质量目标",
        "批准质量手册",
        "前台行李秤",
        "已逾期",
        "自助入住机（2台）",
        "该岗位尚无人任职",
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_manual_has_the_new_sections_in_both_formats(demos, tmp_path: Path, lang: str):
    with Workspace.open(demos[lang], read_only=True) as ws:
        pdf = render_workspace_document(
            ws, "quality-manual", lang=lang, fmt="pdf", out_path=tmp_path / "m.pdf"
        )
        docx = render_workspace_document(
            ws, "quality-manual", lang=lang, fmt="docx", out_path=tmp_path / "m.docx"
        )
    pdf_text = " ".join(_pdf_text(pdf).split())
    docx_text = _docx_text(docx)
    for words in WORDS[lang]:
        assert words in docx_text, words
        assert "".join(words.split()) in "".join(pdf_text.split()), words
    # the organisation chart is a picture drawn from the roles (logo, org chart, processes)
    assert len(open_docx(str(docx)).inline_shapes) >= 3


def test_the_org_chart_is_drawn_from_who_reports_to_whom(demos):
    with Workspace.open(demos["en"], read_only=True) as ws:
        context = build_context(ws, "quality-manual", "en")
    chart = context["org_chart"]
    assert chart[0] == {"depth": 0, "title": "General manager", "appointee": "Sun Hao"}
    depth = {row["title"]: row["depth"] for row in chart}
    assert depth["Quality director"] == 1 and depth["Front office manager"] == 2
    assert {"depth": 2, "title": "Internal auditor (Airport hotel)", "appointee": ""} in chart
    sketch = chart_images(context, "en")["org_chart"]
    assert sketch.png().startswith(b"\x89PNG")
    drawn = [op[3] for op in sketch.ops if op[0] == "text"]
    assert "General manager" in drawn and "(vacant)" in drawn
    accountable = {t["name"]: t["A"] for t in context["matrix"]["processes"]}
    assert accountable["Check-in"] == "Front office manager"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_responsibility_matrix_is_a_landscape_table(demos, tmp_path: Path, lang: str):
    assert next(t for t in list_templates() if t.id == "responsibility-matrix").landscape
    with Workspace.open(demos[lang], read_only=True) as ws:
        roles = [r.title for r in al.responsibility_matrix(ws).roles]
        pdf = render_workspace_document(
            ws, "responsibility-matrix", lang=lang, fmt="pdf", out_path=tmp_path / "r.pdf"
        )
        docx = render_workspace_document(
            ws, "responsibility-matrix", lang=lang, fmt="docx", out_path=tmp_path / "r.docx"
        )
    for page in PdfReader(str(pdf)).pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
    doc = open_docx(str(docx))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    # the processes' grid: the table whose header names the roles
    grid = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][1:] == roles)
    assert len(grid.rows) == 1 + 6  # the header and the demo's six processes
    text = _pdf_text(pdf)
    assert (
        "Every process and system element has exactly one accountable role"
        in " ".join(text.split())
    ) or ("每个过程和体系要素都有且只有一个批准/问责岗位" in "".join(text.split()))


def test_the_matrix_document_says_what_is_missing(tmp_path: Path, demos):
    copy = tmp_path / "m.qms"
    copy.write_bytes(demos["en"].read_bytes())
    with Workspace.open(copy) as ws:
        gm = next(r for r in rs.list_records(ws, "role") if r.values["title"] == "General manager")
        matrix = al.responsibility_matrix(ws)
        costs = next(t for t in matrix.targets if t.name == "Quality costs")
        al.set_responsibilities(ws, "t", [(gm.id, "element", costs.id, "")])
        docx = render_workspace_document(
            ws, "responsibility-matrix", lang="en", fmt="docx", out_path=tmp_path / "r.docx"
        )
    assert "No role is accountable (A) for the system element “Quality costs”." in _docx_text(docx)
