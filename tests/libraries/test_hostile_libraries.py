"""Hostile requirement libraries: whatever a file holds, the loaders answer with a
LibraryError (in both languages) or a library — never another exception."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qms_desktop.domain import messages
from qms_desktop.libraries import (
    LibraryError,
    import_oscal_catalog,
    load_any,
    load_library,
    load_library_text,
)
from qms_desktop.libraries.yaml_library import MAX_NESTING, MAX_SECTION_DEPTH, ref_order


def assert_clear(exc: LibraryError, *words: str) -> None:
    assert exc.code in messages.table(), exc.code
    en, zh = exc.text("en"), exc.text("zh_CN")
    for w in words:
        assert w in en, en
    assert not re.search(r"\{[a-z_]+\}", en + zh), en  # every placeholder was filled
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), zh


def nested_groups(levels: int) -> dict:
    group: dict = {"title": "Leaf", "controls": [{"id": "leaf-1", "title": "Leaf control"}]}
    for i in range(levels):
        group = {"id": f"g{i}", "title": f"Group {i}", "groups": [group]}
    return {"catalog": {"metadata": {"title": "Deep"}, "groups": [group]}}


def test_oscal_groups_300_deep_are_refused_not_a_recursion_error(tmp_path: Path):
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(nested_groups(300)))
    with pytest.raises(LibraryError) as exc:
        import_oscal_catalog(path)
    assert_clear(exc.value, "deep.json", "nested more than")


def test_oscal_enhancements_and_parts_nested_too_deep_are_refused(tmp_path: Path):
    control: dict = {"id": "c", "title": "C"}
    for i in range(300):
        control = {"id": f"c{i}", "title": f"C{i}", "controls": [control]}
    part: dict = {"name": "statement", "prose": "x"}
    for _ in range(300):
        part = {"name": "item", "prose": "y", "parts": [part]}
    for name, catalog in (
        ("enh.json", {"catalog": {"metadata": {"title": "T"}, "controls": [control]}}),
        (
            "parts.json",
            {
                "catalog": {
                    "metadata": {"title": "T"},
                    "controls": [
                        {"id": "p", "title": "P", "parts": [dict(part, name="statement")]}
                    ],
                }
            },
        ),
    ):
        path = tmp_path / name
        path.write_text(json.dumps(catalog))
        with pytest.raises(LibraryError) as exc:
            import_oscal_catalog(path)
        assert_clear(exc.value, name, "nested more than")


def test_a_catalog_nested_as_deep_as_real_ones_still_imports(tmp_path: Path):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(nested_groups(10)))
    lib = import_oscal_catalog(path)
    assert lib.requirement_count == 1
    assert load_library_text(lib.content, "copy").rows == lib.rows


def test_a_5000_digit_number_in_oscal_json_is_a_library_error(tmp_path: Path):
    path = tmp_path / "digits.json"
    path.write_text('{"catalog": {"metadata": {"title": "T", "version": ' + "9" * 5000 + "}}}")
    with pytest.raises(LibraryError) as exc:
        import_oscal_catalog(path)
    assert_clear(exc.value, "digits.json", "more digits")


def test_oscal_values_of_the_wrong_type_are_refused_or_ignored(tmp_path: Path):
    deep_list: list = []
    for _ in range(900):
        deep_list = [deep_list]
    odd = {
        "catalog": {
            "metadata": {"title": "Odd", "version": {"x": 1}},
            "uuid": [1],
            "controls": [
                {"id": "a", "title": "A", "props": 5, "parts": "text", "class": deep_list},
                {
                    "id": 7,
                    "title": 3.5,
                    "props": [{"name": "label", "value": deep_list}],
                    "parts": [{"name": "statement", "parts": {"x": 1}, "prose": ["no"]}],
                },
            ],
        }
    }
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(odd))
    lib = import_oscal_catalog(path)
    assert [r.ref for r in lib.rows] == ["controls", "a", "7"]
    # a title that is not text is no title: the reference stands in, with a note
    untitled = {"id": "a", "title": deep_list}
    path.write_text(json.dumps({"catalog": {"metadata": {"title": "T"}, "controls": [untitled]}}))
    lib = import_oscal_catalog(path)
    assert lib.rows[1].title_en == "a" and "have no title" in lib.notes[0].text("en")
    path.write_text(
        json.dumps({"catalog": {"metadata": {"title": "T"}, "controls": [{"id": ["a"]}]}})
    )
    with pytest.raises(LibraryError) as exc:
        import_oscal_catalog(path)
    assert_clear(exc.value, "needs an id")


def test_lone_surrogates_are_refused_in_json_and_yaml(tmp_path: Path):
    path = tmp_path / "sur.json"
    path.write_text(
        '{"catalog": {"metadata": {"title": "T"}, "controls": [{"id": "a", "title": "\\ud800"}]}}'
    )
    with pytest.raises(LibraryError) as exc:
        import_oscal_catalog(path)
    assert_clear(exc.value, "not valid Unicode")
    text = 'id: x\nname: X\nsections:\n  - ref: "1"\n    title: "\\ud800"\n    requirements: [{ref: "1.1", title: T}]\n'
    with pytest.raises(LibraryError) as exc:  # PyYAML itself refuses the escape
        load_library_text(text, "sur.yaml")
    assert_clear(exc.value, "sur.yaml", "line 5")
    with pytest.raises(LibraryError) as exc:  # text handed over with one already in it
        load_library_text(text.replace("\\ud800", "\ud800"), "sur.yaml")
    assert_clear(exc.value, "sur.yaml", "not valid Unicode")


def library_with_refs(*refs: str) -> str:
    reqs = "".join(f"      - {{ref: '{r}', title: R}}\n" for r in refs)
    return (
        "id: x\nname: X\nsections:\n  - ref: '1'\n    title: T\n    requirements:\n"
        + reqs
        + "    sections:\n      - {ref: '1.5', title: S, requirements: [{ref: '1.5.1', title: R}]}\n"
    )


def test_refs_with_superscripts_and_5000_digit_numbers_sort_without_int():
    # '²'.isdigit() is True but int('²') fails; a 5 000-digit part exceeds int()'s limit.
    huge = "9" * 5000
    lib = load_library_text(library_with_refs("1.²", f"1.{huge}", "1.10", "1.2"), "refs.yaml")
    assert [r.ref for r in lib.rows] == ["1", "1.2", "1.5", "1.5.1", "1.10", f"1.{huge}", "1.²"]
    assert ref_order("1.02") == ref_order("1.2") and ref_order("1.10") > ref_order("1.9")


def test_yaml_nested_deeper_than_any_library_is_refused():
    text = "id: x\nname: " + "[" * (MAX_NESTING + 5) + "]" * (MAX_NESTING + 5) + "\nsections: []\n"
    with pytest.raises(LibraryError) as exc:
        load_library_text(text, "deep.yaml")
    assert_clear(exc.value, "deep.yaml", "line 2", "nested more than")
    section = "{ref: 'leaf', title: L, requirements: [{ref: 'leaf.1', title: R}]}"
    for i in range(MAX_SECTION_DEPTH + 2):
        section = f"{{ref: 's{i}', title: S, sections: [{section}]}}"
    with pytest.raises(LibraryError) as exc:
        load_library_text(f"id: x\nname: X\nsections: [{section}]\n", "sections.yaml")
    assert_clear(exc.value, "sections.yaml", "sections are nested more than")


@pytest.mark.parametrize(
    "text",
    [
        "id: &i x\nname: X\nsections: []\n",  # an anchor without any alias
        "id: x\nname: &n {en: X}\nsections: []\n",
        "id: x\nname: X\nsections:\n  - &s {ref: '1', title: T, requirements: [{ref: '1.1', title: R}]}\n",
    ],
)
def test_every_anchor_is_refused(tmp_path: Path, text: str):
    path = tmp_path / "anchor.yaml"
    path.write_text(text)
    for load in (load_library, load_any):
        with pytest.raises(LibraryError) as exc:
            load(path)
        assert_clear(exc.value, "anchor.yaml", "anchors and aliases")


def test_an_oscal_catalog_in_yaml_is_read_as_the_yaml_format_and_refused(tmp_path: Path):
    # OSCAL's YAML form is not imported: load_any reads it as a library file, under the same rules.
    path = tmp_path / "catalog.yaml"
    path.write_text("catalog: &c\n  metadata: {title: T}\n  groups: *c\n")
    with pytest.raises(LibraryError) as exc:
        load_any(path)
    assert_clear(exc.value, "anchors and aliases")


def test_a_composed_problem_reads_in_chinese():
    with pytest.raises(LibraryError) as exc:
        load_library_text(
            "id: x\nname: X\nsections:\n  - ref: '1'\n    titel: One\n", "broken.yaml"
        )
    zh = exc.value.text("zh_CN")
    assert "broken.yaml 第 5 行" in zh and "未知的键 'titel'" in zh and "line" not in zh
    assert str(exc.value) == exc.value.text("en")
