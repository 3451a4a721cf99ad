"""The quality-cost report in both languages, PDF and DOCX: its figures are the services'
figures, the trend chart is placed, the external failure from recovery tokens and payouts is
shown, the PAF categories are said to come from the literature, a workspace without costs
says so, and a department's text prints literally."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from qms_desktop.services import quality_cost as qcs
from qms_desktop.services import registers as rs
from qms_desktop.services.demo_cost import fill_quality_cost
from qms_desktop.services.documents import build_context, render_workspace_document
from qms_desktop.services.workspaces import create_workspace
from qms_desktop.storage.workspace import Workspace

REPORT = "quality-cost-report"


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cost-docs")
    made = {}
    for lang in ("en", "zh_CN"):
        path = folder / f"{lang}.qms"
        create_workspace(path, "Riverside", lang=lang, actor="t").close()
        with Workspace.open(path) as ws:
            fill_quality_cost(ws, lang, "t")
            today = dt.date.today()
            c = rs.add_record(ws, "t", "complaint", {
                "received_on": today, "site": "**Lobby** <b>x</b>", "description": "Cold",
                "severity": "angered", "status": "closed"})[0]  # fmt: skip
            rs.add_record(ws, "t", "recovery", {"complaint": c.id, "apology_on": today,
                                                "token": "Dinner", "token_value": 120})  # fmt: skip
            rs.add_record(ws, "t", "commitment_claim",
                          {"complaint": c.id, "claimed_on": today, "payout": 50})  # fmt: skip
        made[lang] = path
    return made


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _docx_text(path: Path) -> tuple[str, int]:
    doc = open_docx(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells), len(doc.inline_shapes)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_report_shows_the_services_figures(books, tmp_path: Path, lang: str) -> None:
    with Workspace.open(books[lang], read_only=True) as ws:
        context = build_context(ws, REPORT, lang)["quality_cost"]
        first = dt.date.fromisoformat(context["period"]["start"] + "-01")
        summary = qcs.cost_summary(ws, start=first, end=dt.date.today())
        pdf = render_workspace_document(ws, REPORT, lang=lang, fmt="pdf", out_path=tmp_path / "q.pdf")  # fmt: skip
        docx = render_workspace_document(ws, REPORT, lang=lang, fmt="docx", out_path=tmp_path / "q.docx")  # fmt: skip
    assert len(context["months"]) == 12 and context["derived_count"] == 2
    text = _pdf_text(pdf)
    body, pictures = _docx_text(docx)
    total = f"{summary.total:,.2f}"
    share = f"{summary.shares['internal_failure'] * 100:.1f}%"
    ratio = f"{summary.ratio * 100:.2f}%"  # type: ignore[operator]
    for shown in (text, body):
        assert total in shown and share in shown and ratio in shown
        assert "170.00" in shown and "120.00" in shown  # tokens and payouts, together
        assert "**Lobby** <b>x</b>" in shown  # printed literally
    assert pictures == 1  # the trend chart (no logo in this workspace)
    if lang == "en":
        assert "quality-cost literature" in text and "not part of the method" in text
        assert "Quarterly quality bonus" in text
    else:
        assert "质量成本文献" in text and "并非本方法" in text and "扣发" in text


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_workspace_without_costs_says_so(workspace: Workspace, tmp_path: Path, lang: str) -> None:
    pdf = render_workspace_document(workspace, REPORT, lang=lang, fmt="pdf", out_path=tmp_path / "e.pdf")  # fmt: skip
    text = _pdf_text(pdf)
    assert not build_context(workspace, REPORT, lang)["quality_cost"]["has_costs"]
    assert ("No quality cost is recorded" in text) if lang == "en" else ("未记录质量成本" in text)
    assert ("No quality appraisal" in text) if lang == "en" else ("尚未记录质量考核" in text)
