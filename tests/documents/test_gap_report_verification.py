"""The gap report prints how a corrective action was verified (issue 12, item 5): who
verified it, when and whether it was effective, in its findings and its actions table; a
re-assessment lists the previous assessment's actions verified as effective (they are no
longer open, so no longer carried); the demo has such an action, in both languages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from qms_desktop.documents.engine import find_template, render_markup
from qms_desktop.services import actions, checklist, registers
from qms_desktop.services.demo_records import VERIFIED_ACTIONS
from qms_desktop.services.documents import build_context
from qms_desktop.storage.workspace import Workspace

WORDS = {
    "en": {
        "effective": "verified effective by {by} on {on}",
        "not": "found not effective by {by} on {on}",
        "since": "## Actions from the previous assessment verified as effective",
    },
    "zh_CN": {
        "effective": "经{by}于 {on} 验证有效",
        "not": "经{by}于 {on} 验证无效，已重新打开",
        "since": "## 上次评估中已验证有效的措施",
    },
}


def _report(ws: Workspace, lang: str, assessment_id: int | None = None) -> str:
    context = build_context(ws, "gap-report", lang, assessment_id=assessment_id)
    return re.sub(r"\\(.)", r"\1", render_markup(find_template("gap-report"), lang, context))


def _section(markup: str, heading: str) -> str:
    start = markup.index(heading)
    end = markup.find("\n# ", start + len(heading))
    return markup[start : end if end >= 0 else None]


def _row(text: str, ref: str, action: str) -> str:
    return next(x for x in text.splitlines() if x.startswith(f"| {ref} | {action}"))


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_demo_verified_action_prints_who_when_and_effective(
    demos: dict[str, Path], lang: str
) -> None:
    pick = 1 if lang == "zh_CN" else 0
    ((ref, (verifier, days, _)),) = VERIFIED_ACTIONS.items()
    with Workspace.open(demos[lang], read_only=True) as ws:
        baseline, later = checklist.list_assessments(ws)
        item = next(r for r in checklist.checklist_rows(ws, baseline.id) if r.ref == ref)
        nc = actions.nonconformity_of_item(ws, item.item_id)
        assert nc is not None and nc.values["status"] == "verified"
        assert nc.values["effective"] == "yes"
        on = nc.values["verified_on"]
        assert on == min(baseline.held_on + dt.timedelta(days=days), dt.date.today())
        said = WORDS[lang]["effective"].format(by=verifier[pick], on=on.isoformat())
        # the baseline's report: in the findings and in the actions table
        first = _report(ws, lang, baseline.id)
        actions_part = _section(first, "\n# 措施" if pick else "\n# Actions")
        assert said in _row(actions_part, ref, item.item.action.text)
        findings = first[: first.index("\n# 措施" if pick else "\n# Actions")]
        assert said in findings
        # the re-assessment's: no longer an open action, listed as verified since
        latest = _report(ws, lang)
    assert WORDS[lang]["since"] in latest
    since = _section(latest, WORDS[lang]["since"])
    row = _row(since, ref, item.item.action.text)
    assert verifier[pick] in row and on.isoformat() in row
    assert ("| Yes |" if lang == "en" else "| 有效 |") in row


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_action_found_not_effective_says_so(
    demos: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    pick = 1 if lang == "zh_CN" else 0
    path = tmp_path / "copy.qms"
    path.write_bytes(demos[lang].read_bytes())
    with Workspace.open(path) as ws:
        _, later = checklist.list_assessments(ws)
        rows = checklist.checklist_rows(ws, later.id)
        # an open action the re-assessment carries: done, then verified as not effective
        row = next(r for r in rows if r.item.action.is_open and r.ref == "8.2.3")
        nc = actions.nonconformity_of_item(ws, row.item_id)
        if nc is None:  # carried from the baseline
            baseline = checklist.list_assessments(ws)[0]
            first = next(r for r in checklist.checklist_rows(ws, baseline.id) if r.ref == "8.2.3")
            nc = actions.nonconformity_of_item(ws, first.item_id)
        assert nc is not None
        registers.update_record(ws, "t", "nonconformity", nc.id, status="done")
        people = registers.record_labels(ws, "person")
        person, name = next(iter(people.items()))
        day = dt.date.today() - dt.timedelta(days=1)
        actions.verify_nonconformity(ws, "t", nc.id, person, day, "Still phoned only", False)
        text = _report(ws, lang)
    said = WORDS[lang]["not"].format(by=name, on=day.isoformat())
    actions_part = _section(text, "\n# 措施" if pick else "\n# Actions")
    assert said in _row(actions_part, "8.2.3", row.item.action.text)
    assert said in text[: text.index("\n# 措施" if pick else "\n# Actions")]
