"""The service recovery plan prints each moment of truth's plan by the five steps (only the
steps planned), then what the plan says beyond them; a moment planned in text alone keeps
its text — both languages, PDF and DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from qms_desktop.services import registers as rs
from qms_desktop.services.documents import render_workspace_document
from qms_desktop.storage.workspace import Workspace

WORDS = {
    "en": ("1 Apology", "2 Urgent reinstatement", "3 Empathy", "Also: ", "No recovery plan yet."),
    "zh_CN": ("1 道歉", "2 紧急复原", "3 移情", "另：", "尚无补救预案。"),
}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_plans_by_step_then_the_rest(workspace: Workspace, tmp_path: Path, lang: str) -> None:
    apology, reinstatement, empathy, also, none = WORDS[lang]
    rs.add_record(workspace, "t", "moment_of_truth", {
        "moment": "Arrival <b>", "standard": "30 s", "severity": "small",
        "plan_apology": "Sorry at once", "plan_reinstatement": "Open a second desk",
        "recovery": "Log waits over 5 minutes"})  # fmt: skip
    rs.add_record(workspace, "t", "moment_of_truth", {
        "moment": "Paying", "standard": "Right first time", "recovery": "Correct the bill"})  # fmt: skip
    rs.add_record(workspace, "t", "moment_of_truth", {"moment": "Spa", "standard": "On time"})
    pdf = render_workspace_document(workspace, "service-recovery-plan", lang=lang, fmt="pdf",
                                    out_path=tmp_path / "p.pdf")  # fmt: skip
    docx = render_workspace_document(workspace, "service-recovery-plan", lang=lang, fmt="docx",
                                     out_path=tmp_path / "p.docx")  # fmt: skip
    text = "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)
    body = "\n".join(p.text for p in open_docx(str(docx)).paragraphs)
    for shown in (text, body):
        flat = " ".join(shown.split())
        assert f"{apology}" in flat and "Sorry at once" in flat
        assert f"{reinstatement}" in flat and "Open a second desk" in flat
        assert f"{empathy}:" not in flat and f"{empathy}：" not in flat  # not planned
        assert f"{also}".strip() in flat and "Log waits over 5 minutes" in flat
        assert "Correct the bill" in flat  # a plan in text alone, as it was
        assert none in flat  # the spa has none
        assert "Arrival <b>" in flat
