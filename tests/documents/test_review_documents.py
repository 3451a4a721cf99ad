"""The management review report from records made here, in both languages, PDF and DOCX:
minutes (date, chair, participants, conclusions, outputs) and the gathered inputs as an annex;
a workspace without a review says so; the reviewers' text prints literally."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from qms_desktop.services import review
from qms_desktop.services.documents import build_context, render_workspace_document
from qms_desktop.services.registers import add_record
from qms_desktop.storage.workspace import Workspace

TEMPLATE = "management-review-report"
D = dt.date


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _docx_text(path: Path) -> str:
    doc = open_docx(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _a_review(ws: Workspace, conclusions: str = "Suitable, not yet effective.") -> int:
    chair = add_record(ws, "t", "person", {"name": "Sun Hao", "role": "General manager"})[0].id
    other = add_record(ws, "t", "person", {"name": "林伟", "role": "Quality director"})[0].id
    add_record(ws, "t", "complaint", {"received_on": D(2025, 3, 1), "description": "Cold room",
                                      "severity": "angered", "status": "open"})  # fmt: skip
    rid = add_record(ws, "t", "management_review", {
        "held_on": D(2026, 1, 12), "period_from": D(2025, 1, 1), "period_to": D(2025, 12, 31),
        "chair": chair, "participants": (other,), "suitable": "yes", "effective": "no",
        "changes_in_context": "A competitor opened nearby.", "conclusions": conclusions,
    })[0].id  # fmt: skip
    review.add_review_output(ws, "t", rid, "Train staff in recovery", "Li", D(2026, 3, 1))
    return rid


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_report_holds_the_minutes_and_the_inputs(
    workspace: Workspace, tmp_path: Path, lang: str
) -> None:
    _a_review(workspace)
    words = {
        "en": ["Management review report", "2026-01-12", "Sun Hao", "林伟",
               "Train staff in recovery", "Annex: inputs to the review",
               "A competitor opened nearby.", "Status of actions from previous"],
        "zh_CN": ["管理评审报告", "2026-01-12", "Sun Hao", "林伟", "Train staff in recovery",
                  "附录：评审输入", "以往管理评审所采取措施的状况", "适宜"],
    }[lang]  # fmt: skip
    for fmt in ("pdf", "docx"):
        out = render_workspace_document(
            workspace, TEMPLATE, lang=lang, fmt=fmt, out_path=tmp_path / f"r.{fmt}"
        )
        text = _pdf_text(out) if fmt == "pdf" else _docx_text(out)
        flat = text.replace("\n", "")
        for word in words:
            assert word in text or word in flat, (fmt, word)


def test_the_inputs_in_the_report_are_the_services_numbers(workspace: Workspace) -> None:
    rid = _a_review(workspace)
    context = build_context(workspace, TEMPLATE, "en")["review"]
    inputs = review.review_inputs(workspace, rid)
    assert context["inputs"]["complaints"] == inputs.feedback.complaints == 1
    assert context["suitable"] == "Yes" and context["adequate"] == "Not decided"
    assert [o["description"] for o in context["outputs"]] == ["Train staff in recovery"]
    assert context["participants"] == ["林伟"]


def test_without_a_review_the_report_says_so(workspace: Workspace, tmp_path: Path) -> None:
    out = render_workspace_document(
        workspace, TEMPLATE, lang="zh_CN", fmt="pdf", out_path=tmp_path / "r.pdf"
    )
    assert "尚未记录管理评审" in _pdf_text(out).replace("\n", "")


def test_the_reviewers_text_prints_literally(workspace: Workspace, tmp_path: Path) -> None:
    _a_review(workspace, conclusions="**not bold** <b>x</b> | pipe # {{ 7*7 }}")
    out = render_workspace_document(
        workspace, TEMPLATE, lang="en", fmt="docx", out_path=tmp_path / "r.docx"
    )
    assert "**not bold** <b>x</b> | pipe # {{ 7*7 }}" in _docx_text(out)
