"""The Operate documents — the satisfaction survey report and the complaints and recovery
report — from the demo in both languages, PDF and DOCX: their numbers are the services'
numbers, their charts are placed, a workspace without operating records says so, and a
complaint's text prints literally."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from qms_desktop.services import operate
from qms_desktop.services import registers as rs
from qms_desktop.services.documents import build_context, render_workspace_document
from qms_desktop.services.operate_documents import operate_context, operate_images
from qms_desktop.storage.workspace import Workspace

SURVEY, COMPLAINTS = "satisfaction-survey-report", "complaints-and-recovery-report"


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _docx_text(path: Path) -> tuple[str, int]:
    doc = open_docx(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells), len(doc.inline_shapes)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_survey_report_shows_the_scores_and_the_improved_dimension(demos, tmp_path, lang):
    with Workspace.open(demos[lang], read_only=True) as ws:
        spring, autumn = (s.id for s in rs.list_records(ws, "survey"))
        scores = operate.survey_scores(ws, autumn).scores
        pdf = render_workspace_document(
            ws, SURVEY, lang=lang, fmt="pdf", out_path=tmp_path / "s.pdf"
        )
        docx = render_workspace_document(
            ws, SURVEY, lang=lang, fmt="docx", out_path=tmp_path / "s.docx"
        )
    text = _pdf_text(pdf)
    body, pictures = _docx_text(docx)
    overall = f"{scores.overall:+.2f}"
    responsiveness = f"{scores.dimensions['responsiveness'].gap:+.2f}"
    for shown in (text, body):
        assert overall in shown and responsiveness in shown and "400" in shown
    assert pictures >= 3  # the logo, the gaps per dimension and per item
    if lang == "en":
        assert "SERVQUAL convention" in text and "Improved" in text
        assert "Responsiveness improved" in " ".join(text.split())
    else:
        assert "SERVQUAL 惯例" in text and "响应性有所改善" in text.replace("\n", "")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_complaints_report_counts_as_the_services_do(demos, tmp_path, lang):
    with Workspace.open(demos[lang], read_only=True) as ws:
        data = operate_context(ws, lang)["operate"]["complaints"]
        claims = operate.claims_summary(ws)
        warned = operate.recovery_warnings(ws)
        pdf = render_workspace_document(
            ws, COMPLAINTS, lang=lang, fmt="pdf", out_path=tmp_path / "c.pdf"
        )
        docx = render_workspace_document(
            ws, COMPLAINTS, lang=lang, fmt="docx", out_path=tmp_path / "c.docx"
        )
    assert data["count"] == 60  # the demo's year, all inside the twelve months
    assert sum(m["count"] for m in data["by_moment"]) == 60
    assert data["by_moment"][-1]["cumulative"] == "100.0%"
    assert data["claims"]["count"] == claims.claims == 3
    assert len(data["recovery"]["gaps"]) == len(warned) > 0
    steps = {s["number"]: s for s in data["recovery"]["steps"]}
    assert steps[1]["needed"] == 60 and steps[5]["needed"] == data["angered"]
    assert steps[5]["missing"] == len(warned)  # the angered cases closed without follow-up
    assert data["lessons"] and data["lessons"][0]["count"] >= data["lessons"][-1]["count"]
    assert any(entry["drawn"] for entry in data["lessons"])  # the demo drew one lesson
    text = " ".join(_pdf_text(pdf).split())
    body, pictures = _docx_text(docx)
    assert pictures >= 4  # the logo, complaints per month, the two Pareto charts
    assert data["claims"]["payout_total"] in text and data["claims"]["payout_total"] in body
    words = ("Pareto", "Lessons proposed for step 1", "3 to 5 times")
    if lang == "zh_CN":
        words = ("帕累托", "提交第1步的经验教训建议", "3 至 5 倍")
    assert all(w in text for w in words)


def test_an_empty_workspace_says_there_is_nothing_yet(workspace: Workspace, tmp_path: Path):
    for template, words in ((SURVEY, "No survey has answers yet"),
                            (COMPLAINTS, "No complaint was recorded in the period")):  # fmt: skip
        pdf = render_workspace_document(workspace, template, lang="en", fmt="pdf",
                                        out_path=tmp_path / f"{template}.pdf")  # fmt: skip
        assert words in " ".join(_pdf_text(pdf).split())
    assert operate_images(build_context(workspace, SURVEY, "en"), "en") == {}


def test_a_perception_only_survey_and_hostile_text(workspace: Workspace, tmp_path: Path):
    day = dt.date.today() - dt.timedelta(days=3)
    survey, _ = rs.add_record(workspace, "t", "survey", {
        "title": "Cards **bold** <b>x</b>", "starts_on": day, "scale": "5", "asks": "perception_only"})  # fmt: skip
    item, _ = rs.add_record(workspace, "t", "survey_item", {
        "survey": survey.id, "code": "T1", "statement": "| a | b |", "dimension": "tangibles"})  # fmt: skip
    operate.add_records(workspace, "t", "survey_response", [
        {"survey": survey.id, "respondent": f"R{n}", "item": item.id, "perception": float(1 + n % 5)}
        for n in range(10)])  # fmt: skip
    rs.add_record(workspace, "t", "complaint", {
        "received_on": day, "description": "# not a heading {{ 7*7 }}", "severity": "angered",
        "status": "closed", "cause": "<img src=x> cause"})  # fmt: skip
    context = build_context(workspace, SURVEY, "en")
    assert context["operate"]["survey"]["basis"] == "perception"
    assert context["operate"]["survey"]["overall"] == "3.00"  # mean of 1..5, twice over
    survey_pdf = render_workspace_document(workspace, SURVEY, lang="en", fmt="pdf",
                                           out_path=tmp_path / "s.pdf")  # fmt: skip
    complaints_pdf = render_workspace_document(workspace, COMPLAINTS, lang="en", fmt="pdf",
                                               out_path=tmp_path / "c.pdf")  # fmt: skip
    survey_text = _pdf_text(survey_pdf)
    assert "Cards **bold** <b>x</b>" in survey_text and "| a | b |" in survey_text
    assert "Only perceptions were asked" in " ".join(survey_text.split())
    complaint_text = _pdf_text(complaints_pdf)
    assert "# not a heading {{ 7*7 }}" in complaint_text and "<img src=x> cause" in complaint_text
    assert "1 Apology" in complaint_text  # the angered case closed with no recovery: warned
