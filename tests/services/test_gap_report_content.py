"""The gap report as an auditor reads it (issue 12, item 5): conclusion and readiness, counts
by grade, the requirements not assessed, scope/sites/assessors/method, the actions with their
status and no empty action lines, and a sign-off block — in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_desktop.documents import find_template
from qms_desktop.documents.engine import render_markup
from qms_desktop.services.documents import build_context
from qms_desktop.storage.workspace import Workspace


def report(ws: Workspace, lang: str) -> tuple[str, dict]:
    context = build_context(ws, "gap-report", lang)
    text = render_markup(find_template("gap-report"), lang, context)
    return text.replace("\\", ""), context["assessment"]


@pytest.fixture
def demo(demo_file: Path):
    ws = Workspace.open(demo_file)
    yield ws
    ws.close()


def test_conclusion_counts_lists_and_sign_off_in_english(demo: Workspace):
    text, a = report(demo, "en")
    k = a["conclusion"]
    assert k["verdict"] == "not_ready" and k["not_assessed"] == len(a["not_assessed"]) > 0
    assert "**Readiness: not yet ready for the certification audit.**" in text
    assert f"{k['not_assessed']} of the {k['applicable']} applicable requirements" in text
    for g in a["grades"]:  # every grade, zero counts too
        assert f"| {g['grade']} | {g['count']} |" in text
    assert "| Opportunity for improvement |" in text
    first = a["not_assessed"][0]
    assert f"| {first['ref']} | {first['title']} |" in text
    assert "| Sites | Harbour Light Seaview Hotel" in text and "**Method.**" in text
    assert "| Assessors |" in text and "| Next audit | 2027-03-10 |" in text
    assert "| Prepared by |" in text and "| Approved by |" in text
    # no empty action line; a finding without one says so; an action left open on a
    # requirement now conforming is flagged; done actions are listed with their status
    assert "Action: — —" not in text and "owner —, due —" not in text
    assert "none recorded yet" in text
    assert "(requirement now conforming: close or confirm)" in text
    assert "| Done |" in text


def test_the_same_in_chinese(demo: Workspace):
    text, a = report(demo, "zh_CN")
    assert "**准备情况：尚不具备认证审核条件。**" in text
    assert "| 改进机会 | 0 |" in text and "# 尚未评估的要求" in text
    assert "| 评估人员 |" in text and "| 批准 |" in text and "# 签核" in text
    assert "（要求现已符合：应关闭或确认）" in text and "尚未制定" in text
    assert "— 负责人 —" not in text
