"""Requirement libraries: the YAML format (valid and broken), the built-ins, OSCAL import."""

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from qms_desktop.libraries import (
    LibraryError,
    builtin_libraries,
    builtin_library,
    import_oscal_catalog,
    library_to_yaml,
    load_any,
    load_library,
    load_library_text,
)

GOOD = """
id: mini
name: {en: Mini, zh_CN: 迷你}
sections:
  - ref: "1"
    title: {en: One, zh_CN: 一}
    requirements:
      - ref: "1.2"
        title: {en: One two}
        guidance: {en: Look for it, zh_CN: 查看}
    sections:
      - ref: "1.1"
        title: One one
        requirements:
          - {ref: "1.1.1", title: "Deep", tags: [a, b]}
"""


def test_valid_library_reads_in_reference_order():
    lib = load_library_text(GOOD, "mini.yaml")
    assert [r.ref for r in lib.rows] == ["1", "1.1", "1.1.1", "1.2"]
    deep = lib.rows[2]
    assert (deep.parent_ref, deep.depth, deep.is_section, deep.tags) == (
        "1.1",
        2,
        False,
        ("a", "b"),
    )
    assert lib.requirement_count == 2 and lib.name("zh_CN") == "迷你"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("id: x\nname: X\nsections: []\n", "line 3 (sections): is empty"),
        (
            "id: x\nname: X\nsections:\n  - ref: '1'\n    titel: One\n",
            "line 5 (sections[0]): unknown key 'titel'",
        ),
        (
            "id: x\nname: X\nsections:\n  - ref: '1'\n    title: One\n    requirements:\n      - ref: '1'\n        title: Again\n",
            "line 7 (sections[0].requirements[0].ref): the reference '1' is used twice",
        ),
        (
            "id: x\nname: X\nsections:\n  - ref: '1'\n    requirements:\n      - {ref: '1.1', title: T}\n",
            "(sections[0].title): is missing",
        ),
        ("id: Bad Id\nname: X\nsections: []\n", "line 1 (id): use up to 80"),
        ("- just\n- a list\n", "expected a mapping"),
        (
            "id: x\nname: X\nsections:\n  - ref: '1'\n    title: [not, text]\n",
            "line 5 (sections[0].title): expected",
        ),
        ("id: x\nname: X\nsections: [\n", "not valid YAML"),
        ("format: other/9\nid: x\nname: X\nsections: []\n", "unknown format"),
        ("id: x\nname: X\nsections:\n  - ref: '1'\n    title: One\n", "holds no requirements"),
        ("", "is empty"),
    ],
)
def test_broken_libraries_name_file_line_and_place(text, words):
    with pytest.raises(LibraryError) as exc:
        load_library_text(text, "broken.yaml")
    assert "broken.yaml" in str(exc.value)
    assert words in str(exc.value)


def test_yaml_bomb_is_refused_quickly(tmp_path: Path):
    bomb = "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(9)
    )
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb)
    t = time.perf_counter()
    with pytest.raises(LibraryError, match="anchors and aliases"):
        load_library(path)
    assert time.perf_counter() - t < 1.0


def test_hostile_files(tmp_path: Path):
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(LibraryError, match="binary"):
        load_library(binary)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("id: x\nname: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(LibraryError, match="not UTF-8"):
        load_library(latin)
    with pytest.raises(LibraryError, match="Cannot read"):
        load_library(tmp_path / "missing.yaml")
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    with pytest.raises(LibraryError, match="larger than 20 MB"):
        load_library(huge)


def test_builtin_iso9001_is_complete():
    lib = builtin_library("iso9001-2015")
    refs = [r.ref for r in lib.rows if not r.is_section]
    expected = [
        "4.1",
        "4.2",
        "4.3",
        "4.4",
        "5.1.1",
        "5.1.2",
        "5.2.1",
        "5.2.2",
        "5.3",
        "6.1",
        "6.2",
        "6.3",
        *[f"7.1.{i}" for i in range(1, 7)],
        "7.2",
        "7.3",
        "7.4",
        "7.5.1",
        "7.5.2",
        "7.5.3",
        "8.1",
        *[f"8.2.{i}" for i in range(1, 5)],
        *[f"8.3.{i}" for i in range(1, 7)],
        *[f"8.4.{i}" for i in range(1, 4)],
        *[f"8.5.{i}" for i in range(1, 7)],
        "8.6",
        "8.7",
        "9.1.1",
        "9.1.2",
        "9.1.3",
        "9.2.1",
        "9.2.2",
        "9.3.1",
        "9.3.2",
        "9.3.3",
        "10.1",
        "10.2",
        "10.3",
    ]
    assert refs == expected
    for row in lib.rows:
        assert row.title_en and row.title_zh, row.ref
        if not row.is_section:
            assert row.guidance_en and row.guidance_zh, row.ref
    assert next(r for r in lib.rows if r.ref == "7.1.5").title_zh == "监视和测量资源"


def test_every_builtin_loads_with_both_languages():
    libs = {lib.id: lib for lib in builtin_libraries()}
    assert set(libs) == {"iso9001-2015", "iso9004-2-service-elements", "service-commitment"}
    for lib in libs.values():
        assert lib.source == "built-in" and lib.name_en and lib.name_zh
        assert all(r.title_zh for r in lib.rows), lib.id
    with pytest.raises(LibraryError, match="no built-in library"):
        builtin_library("nope")


def test_round_trip_through_yaml():
    lib = builtin_library("iso9004-2-service-elements")
    again = load_library_text(library_to_yaml(lib), "again.yaml")
    assert again.rows == lib.rows and again.name_zh == lib.name_zh


def catalog(**extra) -> dict:
    return {
        "catalog": {
            "uuid": "5a1b0e0c-0000-4000-8000-000000000001",
            "metadata": {
                "title": "Tiny Control Catalog",
                "version": "1.0",
                "last-modified": "2026-01-01T00:00:00Z",
                "oscal-version": "1.1.2",
            },
            "groups": [
                {
                    "id": "ac",
                    "class": "family",
                    "title": "Access Control",
                    "controls": [
                        {
                            "id": "ac-1",
                            "class": "SP800-53",
                            "title": "Policy and Procedures",
                            "props": [{"name": "label", "value": "AC-1"}],
                            "parts": [
                                {
                                    "id": "ac-1_smt",
                                    "name": "statement",
                                    "prose": "Develop a policy for {{ insert: param, ac-01_odp.01 }}.",
                                },
                                {
                                    "id": "ac-1_gdn",
                                    "name": "guidance",
                                    "prose": "Policies guide the organisation.",
                                },
                            ],
                            "controls": [
                                {
                                    "id": "ac-1.1",
                                    "title": "Enhancement",
                                    "props": [{"name": "label", "value": "AC-1(1)"}],
                                    "parts": [
                                        {
                                            "id": "ac-1.1_smt",
                                            "name": "statement",
                                            "prose": "Automate it.",
                                        }
                                    ],
                                }
                            ],
                        },
                        {"id": "ac-2", "title": "Account Management"},
                    ],
                    "groups": [
                        {
                            "id": "ac-x",
                            "title": "Sub-family",
                            "controls": [{"id": "ac-9", "title": "Nested"}],
                        }
                    ],
                }
            ],
            **extra,
        }
    }


def test_oscal_catalog_import(tmp_path: Path):
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(catalog(controls=[{"id": "top-1", "title": "Loose control"}])))
    lib = import_oscal_catalog(path)
    assert lib.id == "oscal-tiny-control-catalog-1.0" and lib.source == "oscal"
    assert lib.version == "1.0"
    rows = {r.ref: r for r in lib.rows}
    assert [r.ref for r in lib.rows] == [
        "ac",
        "AC-1",
        "AC-1(1)",
        "ac-2",
        "ac-x",
        "ac-9",
        "controls",
        "top-1",
    ]
    assert rows["ac"].is_section and not rows["AC-1"].is_section
    assert rows["AC-1"].guidance_en == "Policies guide the organisation."
    assert rows["AC-1"].statement_en == "Develop a policy for [Assignment: ac-01_odp.01]."
    enhancement = rows["AC-1(1)"]
    assert (enhancement.statement_en, enhancement.guidance_en) == ("Automate it.", "")
    assert (enhancement.parent_ref, enhancement.within, enhancement.depth) == ("ac", "AC-1", 2)
    assert rows["ac-9"].parent_ref == "ac-x"
    # stored as YAML, it loads back the same
    assert load_library_text(lib.content, "copy").rows == lib.rows
    assert load_any(path).id == lib.id


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"profile": {"uuid": "x"}}', "is an OSCAL profile"),
        ('{"component-definition": {}}', "not an OSCAL catalog"),
        ("[1, 2, 3]", "not an OSCAL catalog"),
        ('{"catalog": {"metadata": {"title": "Empty"}}}', "holds no controls"),
        ('{"catalog": {"metadata": {}}}', "holds no controls"),
        (
            '{"catalog": {"metadata": {"title": "T"}, "groups": [{"title": "G", "controls": [{"title": "x"}]}]}}',
            "needs an id",
        ),
        ('{"catalog": ', "line 1: not valid JSON"),
    ],
)
def test_not_a_catalog_is_refused(tmp_path: Path, content: str, words: str):
    path = tmp_path / "other.json"
    path.write_text(content)
    with pytest.raises(LibraryError) as exc:
        import_oscal_catalog(path)
    assert words in str(exc.value) and "other.json" in str(exc.value)


def test_libyaml_dumper_writes_what_pyyaml_writes(tmp_path: Path):
    """The library YAML is written with libyaml (10x faster): the same text as PyYAML's
    pure-Python dumper for every library we make, and the same data for any text."""
    import yaml

    from qms_desktop.libraries.yaml_library import library_document

    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(catalog(controls=[{"id": "top-1", "title": "Loose control"}])))
    libs = [*builtin_libraries(), import_oscal_catalog(path)]
    for lib in libs:
        pure = yaml.safe_dump(library_document(lib), allow_unicode=True, sort_keys=False, width=100)
        assert library_to_yaml(lib) == pure, lib.id
    odd = ["a" * 300, " lead", "trail ", "tab\tx", "中文 " * 80, "=SUM(A1)", "yes", "1.10"]
    odd += ["007", "\u2028", "\x85", "emoji 😀", "x\n\n\ny", "\ufeffbom", "long words " * 40]
    lib = load_library_text(GOOD, "mini.yaml")
    for text in odd:
        copy = replace(lib, rows=tuple(replace(r, statement_en=text) for r in lib.rows))
        assert yaml.safe_load(library_to_yaml(copy)) == library_document(copy), repr(text)
