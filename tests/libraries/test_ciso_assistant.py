"""CISO Assistant frameworks: every node shape of a test file written for the project, a
Chinese-first library, and hostile CISO-Assistant-looking files."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from qms_desktop.domain import messages
from qms_desktop.libraries import LibraryError, load_any, load_library_text

SAMPLE = Path(__file__).parent / "data" / "ciso-assistant-framework.yaml"


def assert_clear(exc: LibraryError, *words: str) -> None:
    assert exc.code in messages.table(), exc.code
    en, zh = exc.text("en"), exc.text("zh_CN")
    for w in words:
        assert w in en, en
    assert not re.search(r"\{[a-z_]+\}", en + zh), en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), zh


@pytest.fixture(scope="module")
def sample():
    return load_any(SAMPLE)


def test_the_library_is_named_and_attributed(sample):
    assert (sample.id, sample.source, sample.version) == (
        "ciso-tea-room-security",
        "ciso-assistant",
        "2",
    )
    assert (sample.name_en, sample.name_zh) == ("Tea Room Security Framework", "茶室安全框架")
    assert sample.publisher.startswith("QMS Desktop tests / qms-desktop")
    assert "urn:qms-desktop:risk:framework:tea-room-security" in sample.publisher
    assert sample.licence == "Written for the QMS Desktop tests; free to reuse."


def test_assessable_nodes_are_requirements_and_the_others_sections(sample):
    rows = {r.ref: r for r in sample.rows}
    assert [r.ref for r in sample.rows if r.is_section] == [
        "framework",
        "1",
        "1.1-notes",
        "node-kettle",
    ]
    assert sample.requirement_count == 7
    section = rows["1"]
    assert (section.title_en, section.title_zh, section.statement_en) == (
        "Keys and doors",
        "钥匙与门",
        "How the room is locked.",
    )


def test_fields_are_mapped_with_the_chinese_translation(sample):
    key = {r.ref: r for r in sample.rows}["1.1"]
    assert (key.parent_ref, key.depth, key.tags) == ("1", 1, ("IG1", "IG2"))
    assert (key.title_en, key.title_zh) == ("Key register", "钥匙登记")
    assert key.statement_en == (
        "The keeper records who holds each key. The register is reviewed monthly."
    )
    assert key.statement_zh == "保管人记录每把钥匙的持有人。"
    assert key.guidance_en == (
        "A paper book is enough.\n\nTypical evidence: The key register; last month's review."
    )
    assert key.guidance_zh == "纸质登记簿即可。\n\n典型证据：钥匙登记簿。"


def test_title_from_the_first_sentence_and_nested_assessable_nodes_kept(sample):
    rows = {r.ref: r for r in sample.rows}
    lost = rows["1.1.a"]
    assert lost.title_en == "Lost keys are reported the same day."
    assert (lost.within, lost.parent_ref, lost.depth, lost.is_section) == ("1.1", "1", 2, False)
    spare = rows["1.1.a.i"]
    assert (spare.within, spare.parent_ref, spare.depth) == ("1.1.a", "1", 3)


def test_odd_shapes_parents_by_depth_duplicate_refs_and_top_level_requirements(sample):
    rows = {r.ref: r for r in sample.rows}
    # no ref_id: the urn's tail; a section inside a requirement joins the requirement's section
    assert (rows["1.1-notes"].parent_ref, rows["1.1-notes"].is_section) == ("1", True)
    # no parent_urn: the parent is the last node one level up
    assert rows["2.1"].parent_ref == "node-kettle"
    # a ref_id used twice: the second takes its urn's tail
    assert rows["2.2"].title_en == "Kettle descaling" and rows["1.2"].title_en == "Door closers"
    # an assessable node at the top stands in a section named after the framework
    assert rows["0"].parent_ref == "framework" and rows["framework"].title_zh == "茶室安全框架"


def test_the_stored_text_gives_back_the_same_rows(sample):
    again = load_library_text(sample.content, "copy")
    assert again.rows == sample.rows and again.id == sample.id


def test_the_id_can_be_given(tmp_path: Path):
    assert load_any(SAMPLE, library_id="tea-2").id == "tea-2"


def test_a_chinese_first_library_takes_english_from_its_translation(tmp_path: Path):
    path = tmp_path / "zh.yaml"
    path.write_text(
        """urn: urn:x:risk:library:zh-demo
locale: zh
name: 示例框架
objects:
  framework:
    urn: urn:x:risk:framework:zh-demo
    name: 示例框架
    translations: {en: {name: Demo framework}}
    requirement_nodes:
    - {urn: 'urn:x:n:1', assessable: false, depth: 1, ref_id: '1', name: 组织,
       translations: {en: {name: Organisation}}}
    - {urn: 'urn:x:n:1.1', assessable: true, depth: 2, parent_urn: 'urn:x:n:1', ref_id: '1.1',
       description: 应明确职责。并定期评审。}
""",
        encoding="utf-8",
    )
    lib = load_any(path)
    assert (lib.id, lib.name_en, lib.name_zh) == ("ciso-zh-demo", "Demo framework", "示例框架")
    rows = {r.ref: r for r in lib.rows}
    assert (rows["1"].title_en, rows["1"].title_zh) == ("Organisation", "组织")
    assert rows["1.1"].title_zh == "应明确职责。" and rows["1.1"].statement_zh.endswith(
        "定期评审。"
    )


HEADER = "urn: urn:x:risk:library:bad\nlocale: en\nobjects:\n"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            "  framework:\n    requirement_nodes:\n"
            "    - {urn: 'u:1', assessable: true, parent_urn: 'u:9', name: A}\n",
            "requirement_nodes[0] names the parent_urn 'u:9', which no node before it has",
        ),
        (  # a node naming itself, or a cycle of two, is never followed
            "  framework:\n    requirement_nodes:\n"
            "    - {urn: 'u:1', assessable: true, parent_urn: 'u:2', name: A}\n"
            "    - {urn: 'u:2', assessable: true, parent_urn: 'u:1', name: B}\n",
            "no node before it has",
        ),
        ("  risk_matrix:\n    urn: x\n", "without a framework"),
        (
            "  framework:\n    requirement_nodes:\n    - {urn: 'u:1', assessable: false, name: A}\n",
            "has no assessable requirement node",
        ),
        ("  framework:\n    requirement_nodes:\n    - just text\n", "is not a requirement node"),
        (
            "  framework:\n    requirement_nodes:\n"
            "    - !!python/object/apply:os.system ['echo owned']\n",
            "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        (
            "  framework:\n    name: !!python/name:os.system\n    requirement_nodes: []\n",
            "is not allowed",
        ),
    ],
)
def test_broken_and_hostile_frameworks_are_refused_in_one_sentence(tmp_path, body, words):
    path = tmp_path / "bad.yaml"
    path.write_text(HEADER + body)
    with pytest.raises(LibraryError) as exc:
        load_any(path)
    assert_clear(exc.value, "bad.yaml", words)


def test_an_alias_bomb_in_a_ciso_assistant_file_is_refused_quickly(tmp_path: Path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text(HEADER + "  framework:\n    requirement_nodes: []\n" + "\n".join(lines) + "\n")
    t = time.perf_counter()
    with pytest.raises(LibraryError) as exc:
        load_any(path)
    assert time.perf_counter() - t < 1
    assert_clear(exc.value, "bomb.yaml", "anchors and aliases")
