"""The quality manual's content to ISO 9001 / ISO 10013 expectations (issue 12, item 5): the
scope names the services and each requirement judged not applicable with its
justification; a clause cross-reference (every top-level clause → processes and documented
information) instead of gap statuses; retained documented information; approval and
distribution from the document register."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qms_desktop.documents.engine import find_template, render_markup
from qms_desktop.services import checklist
from qms_desktop.services.demo import write_demo
from qms_desktop.services.documents import build_context
from qms_desktop.storage.workspace import Workspace

STATUS_WORDS = (
    "Nonconforming",
    "Partially conforming",
    "Conforming",
    "Not assessed",
    "不符合",
    "部分符合",
    "未评估",
    "conformity",
    "符合度",
)
JUSTIFICATION = {
    "en": "The hotels sell no product designed by them: services follow the brand standards.",
    "zh_CN": "酒店不自行设计产品，服务按品牌标准提供。",
}


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("manual")
    return {lang: write_demo(folder / f"{lang}.qms", lang) for lang in ("en", "zh_CN")}


def _manual(ws: Workspace, lang: str) -> str:
    context = build_context(ws, "quality-manual", lang)
    # values are escaped for the markup (`8\\.3\\.1`): read them back as printed
    return re.sub(r"\\(.)", r"\1", render_markup(find_template("quality-manual"), lang, context))


def _section(markup: str, heading: str) -> str:
    """The text of the top-level section whose heading starts with `heading`."""
    match = re.search(rf"^# {re.escape(heading)}.*?$(.*?)(?=^# |\Z)", markup, re.M | re.S)
    assert match, f"no section {heading!r}"
    return match.group(1)


SCOPE = {"en": "Scope and exclusions", "zh_CN": "范围和不适用的要求"}
CROSS = {"en": "How the organisation meets ISO 9001", "zh_CN": "组织如何满足 GB/T 19001 的要求"}
APPROVAL = {"en": "Approval and distribution", "zh_CN": "批准和发放"}
RETAINED = {"en": "## Retained documented information", "zh_CN": "## 保留的成文信息"}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_scope_lists_not_applicable_requirements_with_justification(
    demos: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    path = tmp_path / "copy.qms"
    path.write_bytes(demos[lang].read_bytes())
    with Workspace.open(path) as ws:
        # the demo as delivered applies every requirement, and the scope says so
        scope = _section(_manual(ws, lang), SCOPE[lang])
        assert ("none is judged not applicable" if lang == "en" else "没有判定为不适用") in scope
        assert "gap checklist" not in scope and "差距检查表" not in scope
        latest = checklist.list_assessments(ws)[-1]
        rows = {r.ref: r for r in checklist.checklist_rows(ws, latest.id)}
        picked = [ref for ref in ("8.3.1", "8.3.2") if ref in rows]
        assert picked, "ISO 9001 8.3.x requirements expected in the demo's assessment"
        checklist.assess_many(
            ws,
            "tester",
            [
                (
                    rows[ref].item_id,
                    {"status": "not_applicable", "na_justification": JUSTIFICATION[lang]},
                )
                for ref in picked
            ],
        )
        scope = _section(_manual(ws, lang), SCOPE[lang])
        context = build_context(ws, "quality-manual", lang)
    for service in context["organisation"]["services"]:
        assert service in scope
    for site in context["organisation"]["sites"]:
        assert site in scope
    for ref in picked:
        line = next(x for x in scope.splitlines() if x.startswith(f"| {ref} |"))
        assert rows[ref].title(lang) in line
        assert JUSTIFICATION[lang] in line


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_cross_reference_every_clause_and_no_gap_status(demos: dict[str, Path], lang: str) -> None:
    with Workspace.open(demos[lang], read_only=True) as ws:
        markup = _manual(ws, lang)
        context = build_context(ws, "quality-manual", lang)
        library = next(
            lib.id for lib in checklist.workspace_libraries(ws) if lib.id.startswith("iso9001")
        )
        clauses = [
            o.ref for o in checklist.library_outline(ws, library) if o.is_section and o.depth == 0
        ]
    cross = _section(markup, CROSS[lang])
    assert clauses == ["4", "5", "6", "7", "8", "9", "10"]
    for ref in clauses:
        assert re.search(rf"^## (Clause {ref}:|第{ref}章) ", cross, re.M), ref
    for word in STATUS_WORDS:
        assert word not in cross, word
    blocks = {
        (m.group(1) or m.group(2)): m.group(3)
        for m in re.finditer(
            r"^## (?:Clause (\d+):|第(\d+)章) .*?$(.*?)(?=^## |\Z)", cross, re.M | re.S
        )
    }
    assert sorted(blocks, key=int) == clauses
    # what the workspace links: each process under the clauses its requirements cite
    checkin = next(p for p in context["processes"] if p["requirements"] == "8.5.1")
    assert checkin["name"] in blocks["8"]
    assert checkin["name"] not in blocks["9"]
    # a clause nothing links says so and points into the manual, never left blank
    unlinked = [c["ref"] for c in context["cross_reference"] if not c["linked"]]
    assert unlinked, "the demo links nothing to some clause"
    for ref in unlinked:
        said = "addressed by the system as a whole" if lang == "en" else "由整个体系满足"
        assert said in blocks[ref].lower()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_retained_information_and_approval(demos: dict[str, Path], lang: str) -> None:
    with Workspace.open(demos[lang], read_only=True) as ws:
        markup = _manual(ws, lang)
        context = build_context(ws, "quality-manual", lang)
    retained = markup.split(RETAINED[lang], 1)[1].split("\n# ", 1)[0]
    forms = [d for d in context["planned_documents"] if d["level"] == "form"]
    others = [d for d in context["planned_documents"] if d["level"] != "form"]
    assert forms
    for d in forms:
        assert d["number"] in retained and d["title"] in retained
    for d in others:
        assert not any(x.startswith(f"| {d['number']} |") for x in retained.splitlines())
    approval = _section(markup, APPROVAL[lang])
    issued = context["issued_revision"]
    # the demo's manual: B issued, C the draft being made
    assert issued["revision"] == "B" and context["document"]["revision"] == "C"
    assert issued["approver"] in approval and issued["approved"] in approval
    assert context["document"]["distribution"]
    assert context["document"]["distribution"] in approval
    assert context["document"]["author"] in approval


OBJECTIVES = {"en": "Quality policy and objectives", "zh_CN": "质量方针和质量目标"}
NETWORK = {"en": "The process network", "zh_CN": "过程网络"}
PLAN_WORDS = {
    "en": ("What will be done:", "Resources:", "Responsible:", "To be reached by:",
           "How results are evaluated:"),
    "zh_CN": ("将采取的措施：", "所需资源：", "负责人：", "完成时间：", "结果的评价方法："),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_each_objective_prints_its_plan(demos: dict[str, Path], lang: str) -> None:
    """ISO 9001 6.2.2: what will be done, resources, who, when, how results are evaluated."""
    from qms_desktop.services import registers

    with Workspace.open(demos[lang], read_only=True) as ws:
        objectives = [r.values for r in registers.list_records(ws, "objective")]
        text = _section(_manual(ws, lang), OBJECTIVES[lang])
    planned = [o for o in objectives if o["actions"]]
    assert planned, "the demo has objectives with plans"
    for o in planned:
        start = text.index(f"**{o['objective']}")
        block = text[start : text.find("**", text.index("**", start + 2) + 2)]
        for word in PLAN_WORDS[lang]:
            assert word in block, (o["objective"], word)
        assert str(o["actions"]) in block and str(o["evaluation"]) in block
        assert o["due"].isoformat() in block and str(o["owner"]) in block
    for o in objectives:
        if not o["actions"] and not o["evaluation"]:
            assert "No plan is recorded yet" in text or "尚未记录实现策划" in text


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_outsourced_processes_name_provider_and_controls(
    demos: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    """ISO 9001 4.4 / 8.4: an outsourced process with its provider and how it is controlled;
    a workspace without one says that none is outsourced."""
    from qms_desktop.services import registers

    with Workspace.open(demos[lang], read_only=True) as ws:
        processes = [r.values for r in registers.list_records(ws, "process")]
        text = _section(_manual(ws, lang), NETWORK[lang])
    outsourced = [p for p in processes if p["outsourced"] == "yes"]
    assert outsourced
    part = text[text.index("## 外包过程" if lang == "zh_CN" else "## Outsourced processes") :]
    for p in outsourced:
        assert p["name"] in part and p["provider"] in part and p["controls"] in part
    for p in processes:
        if p["outsourced"] != "yes":
            assert f"**{p['name']}**" not in part
    copy = tmp_path / "none.qms"
    copy.write_bytes(demos[lang].read_bytes())
    with Workspace.open(copy) as ws:
        for record in registers.list_records(ws, "process"):
            if record.values["outsourced"] == "yes":
                registers.update_record(ws, "t", "process", record.id, outsourced="no")
        text = _section(_manual(ws, lang), NETWORK[lang])
    assert ("没有外包过程" if lang == "zh_CN" else "No process is outsourced") in text
