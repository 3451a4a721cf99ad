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
    from qms_desktop.services.demo_records import NOT_APPLICABLE

    pick = 1 if lang == "zh_CN" else 0
    path = tmp_path / "copy.qms"
    path.write_bytes(demos[lang].read_bytes())
    with Workspace.open(path) as ws:
        scope = _section(_manual(ws, lang), SCOPE[lang])
        context = build_context(ws, "quality-manual", lang)
        latest = checklist.list_assessments(ws)[-1]
        rows = {r.ref: r for r in checklist.checklist_rows(ws, latest.id)}
        # the demo judges a requirement not applicable, with its justification
        assert NOT_APPLICABLE and all(ref in rows for ref in NOT_APPLICABLE)
        assert "gap checklist" not in scope and "差距检查表" not in scope
        for service in context["organisation"]["services"]:
            assert service in scope
        for site in context["organisation"]["sites"]:
            assert site in scope
        for ref, justification in NOT_APPLICABLE.items():
            line = next(x for x in scope.splitlines() if x.startswith(f"| {ref} |"))
            assert rows[ref].title(lang) in line
            assert justification[pick] in line
        assert "none is judged not applicable" not in scope and "没有判定为不适用" not in scope
        # applied after all: the scope says every requirement is applied
        checklist.assess_many(
            ws,
            "tester",
            [(rows[ref].item_id, {"status": "conforming"}) for ref in NOT_APPLICABLE],
        )
        scope = _section(_manual(ws, lang), SCOPE[lang])
    assert ("none is judged not applicable" if lang == "en" else "没有判定为不适用") in scope
    for ref in NOT_APPLICABLE:
        assert not any(x.startswith(f"| {ref} |") for x in scope.splitlines())


def _blocks(cross: str) -> dict[str, str]:
    return {
        (m.group(1) or m.group(2)): m.group(3)
        for m in re.finditer(
            r"^## (?:Clause (\d+):|第(\d+)章) .*?$(.*?)(?=^## |\Z)", cross, re.M | re.S
        )
    }


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
    blocks = _blocks(cross)
    assert sorted(blocks, key=int) == clauses
    # what the workspace links: each process under the clauses its requirements cite
    checkin = next(p for p in context["processes"] if p["requirements"] == "8.5.1")
    assert checkin["name"] in blocks["8"]
    assert checkin["name"] not in blocks["9"]
    # the demo links every clause 4-10 to a document whose own requirements cite it
    label = "Documented information:" if lang == "en" else "成文信息："
    for c in context["cross_reference"]:
        assert c["linked"], c["ref"]
        assert any(d["refs"] for d in c["documents"]), c["ref"]
        assert label in blocks[c["ref"]], c["ref"]
    # a clause nothing links says so and points into the manual, never left blank
    said = "addressed by the system as a whole" if lang == "en" else "由整个体系满足"
    assert said not in cross.lower()
    for c in context["cross_reference"]:
        if c["ref"] == "6":
            c.update(processes=[], work=[], documents=[], linked=False)
    text = re.sub(r"\\(.)", r"\1", render_markup(find_template("quality-manual"), lang, context))
    blocks = _blocks(_section(text, CROSS[lang]))
    assert said in blocks["6"].lower()
    assert ("Plans to achieve the objectives" if lang == "en" else "质量目标的实现策划") in blocks[
        "6"
    ]


SECTIONS_NAMED = {
    "en": {
        "4": ("Outsourced processes",),
        "5": ("Responsibilities and authorities",),
        "6": ("Plans to achieve the objectives",),
        "7": ("Retained documented information", "Measuring equipment under control"),
        "8": ("Outsourced processes",),
    },
    "zh_CN": {
        "4": ("外包过程",),
        "5": ("职责和权限",),
        "6": ("质量目标的实现策划",),
        "7": ("保留的成文信息", "受控的计量器具"),
        "8": ("外包过程",),
    },
}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_cross_reference_names_the_manual_sections_that_exist(
    demos: dict[str, Path], lang: str
) -> None:
    """Each clause points at the manual's own sections by their real headings, the ones
    added lately included (6.2 plans, 8.4 outsourcing, 7.5 retained information, 7.1.5
    measuring equipment, 5.3 responsibilities)."""
    with Workspace.open(demos[lang], read_only=True) as ws:
        markup = _manual(ws, lang)
    headings = set(re.findall(r"^#+ (.+)$", markup, re.M))
    blocks = _blocks(_section(markup, CROSS[lang]))
    for ref, names in SECTIONS_NAMED[lang].items():
        for name in names:
            assert name in headings, name
            assert name in blocks[ref], (ref, name)
    for ref, block in blocks.items():
        line = next(x for x in block.splitlines() if x.startswith(("- This manual:", "- 本手册：")))
        for quoted in re.findall(r"'([^']+)'|“([^”]+)”", line):
            name = quoted[0] or quoted[1]
            assert name in headings, (ref, name)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_document_linked_to_the_clauses_its_requirements_cite(
    demos: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    """A planned document's own requirements link it under each clause they cite, with the
    refs shown; a clause they do not cite does not list it (unless a linked record names
    its number)."""
    from qms_desktop.services import registers

    path = tmp_path / "copy.qms"
    path.write_bytes(demos[lang].read_bytes())
    with Workspace.open(path) as ws:
        added, _ = registers.add_record(ws, "tester", "planned_document", {
            "level": "instruction", "number": "HLH-WI-77", "title": "Lift safety drill",
            "parent": "HLH-QP-04", "requirements": "7.1.3；9.1.1、 7.1.4."})  # fmt: skip
        assert added.values["requirements"] == "7.1.3；9.1.1、 7.1.4."
        context = build_context(ws, "quality-manual", lang)
        blocks = _blocks(_section(_manual(ws, lang), CROSS[lang]))
        by_clause = {c["ref"]: c for c in context["cross_reference"]}
        mine = {
            ref: next((d for d in c["documents"] if d["number"] == "HLH-WI-77"), None)
            for ref, c in by_clause.items()
        }
        assert mine["7"] is not None and mine["7"]["refs"] == ["7.1.3", "7.1.4"]
        assert mine["9"] is not None and mine["9"]["refs"] == ["9.1.1"]
        assert all(mine[ref] is None for ref in ("4", "5", "6", "8", "10"))
        joiner = ", " if lang == "en" else "、"
        opening, closing = (" (", ")") if lang == "en" else ("（", "）")
        assert f"HLH-WI-77 Lift safety drill{opening}7.1.3{joiner}7.1.4{closing}" in blocks["7"]
        assert f"HLH-WI-77 Lift safety drill{opening}9.1.1{closing}" in blocks["9"]
        assert "HLH-WI-77" not in blocks["8"]
        # the document register table shows what each document meets
        documents = markup_table_row(_manual(ws, lang), "HLH-WI-77")
        assert "7.1.3；9.1.1、 7.1.4." in documents
        # edited through the register service: the links follow
        registers.update_record(ws, "tester", "planned_document", added.id, requirements="10.3")
        context = build_context(ws, "quality-manual", lang)
    by_clause = {c["ref"]: c for c in context["cross_reference"]}
    assert [d["refs"] for d in by_clause["10"]["documents"] if d["number"] == "HLH-WI-77"] == [
        ["10.3"]
    ]
    for ref in ("7", "9"):
        assert all(d["number"] != "HLH-WI-77" for d in by_clause[ref]["documents"])


def markup_table_row(markup: str, first_cells: str) -> str:
    return next(x for x in markup.splitlines() if x.startswith("| ") and first_cells in x)


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


@pytest.mark.parametrize(
    ("name", "sentence"),
    [("Harbour Light Hotels Ltd.", "Ltd.** It"), ("Harbour Light", "Light**. It")],
)
def test_the_opening_sentence_ends_once_after_the_name(
    demos: dict[str, Path], tmp_path: Path, name: str, sentence: str
):
    from qms_desktop.services.profile import update_profile

    path = tmp_path / "named.qms"
    path.write_bytes(demos["en"].read_bytes())
    ws = Workspace.open(path)
    try:
        update_profile(ws, "tester", name=name)
        about = _section(_manual(ws, "en"), "About this manual")
    finally:
        ws.close()
    assert sentence in about
    assert ".**." not in about
