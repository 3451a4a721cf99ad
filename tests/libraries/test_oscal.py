"""OSCAL catalogs as NIST publishes them: statement and guidance apart, parameters printed
the NIST way, withdrawn controls, CPRT-style labels, XML beside JSON, editions, profiles,
empty titles — each on a catalog built here."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from qms_desktop.libraries import LibraryError, import_oscal_catalog, load_any, load_library_text
from qms_desktop.libraries.oscal_catalog import library_id_for


def prop(name: str, value: str, **extra: str) -> dict:
    return {"name": name, "value": value, **extra}


def sp800_53_like(version: str = "5.1.1", **catalog_extra) -> dict:
    """A small catalog in the shape of NIST SP 800-53 rev5's OSCAL JSON."""
    ac2 = {
        "id": "ac-2",
        "class": "SP800-53",
        "title": "Account Management",
        "params": [
            {"id": "ac-02_odp.01", "label": "prerequisites and criteria"},
            {
                "id": "ac-02_odp.02",
                "guidelines": [{"prose": "personnel or roles to be notified are defined;"}],
            },
            {
                "id": "ac-02_odp.03",
                "select": {
                    "how-many": "one-or-more",
                    "choice": ["daily", "weekly", "{{ insert: param, ac-02_odp.04 }}"],
                },
            },
            {"id": "ac-02_odp.04", "label": "organization-defined frequency"},
        ],
        "props": [prop("label", "AC-2"), prop("label", "AC-02", **{"class": "zero-padded"})],
        "links": [{"href": "#ac-3", "rel": "related"}],
        "parts": [
            {
                "id": "ac-2_smt",
                "name": "statement",
                "parts": [
                    {
                        "id": "ac-2_smt.a",
                        "name": "item",
                        "props": [prop("label", "a.")],
                        "prose": "Define and document the types of accounts allowed;",
                    },
                    {
                        "id": "ac-2_smt.b",
                        "name": "item",
                        "props": [prop("label", "b.")],
                        "prose": "Require {{ insert: param, ac-02_odp.01 }} for group membership;",
                        "parts": [
                            {
                                "id": "ac-2_smt.b.1",
                                "name": "item",
                                "props": [prop("label", "1.")],
                                "prose": "Notify {{ insert: param, ac-02_odp.02 }};",
                            }
                        ],
                    },
                    {
                        "id": "ac-2_smt.c",
                        "name": "item",
                        "props": [prop("label", "c.")],
                        "prose": "Review accounts {{ insert: param, ac-02_odp.03 }}.",
                    },
                ],
            },
            {
                "id": "ac-2_gdn",
                "name": "guidance",
                "prose": "Examples of system account types include individual and shared.",
            },
        ],
        "controls": [
            {
                "id": "ac-2.1",
                "class": "SP800-53-enhancement",
                "title": "Automated System Account Management",
                "props": [prop("label", "AC-2(1)")],
                "parts": [
                    {
                        "id": "ac-2.1_smt",
                        "name": "statement",
                        "prose": "Support the management of system accounts using automated mechanisms.",
                    },
                    {"id": "ac-2.1_gdn", "name": "guidance", "prose": "Automated mechanisms."},
                ],
            },
            {
                "id": "ac-2.10",
                "class": "SP800-53-enhancement",
                "title": "Shared and Group Account Credential Change",
                "props": [prop("label", "AC-2(10)"), prop("status", "withdrawn")],
                "links": [{"href": "#ac-2", "rel": "incorporated-into"}],
            },
        ],
    }
    return {
        "catalog": {
            "uuid": "00000000-0000-4000-8000-0000000000aa",
            "metadata": {
                "title": "NIST Special Publication 800-53 Revision 5: Security and Privacy "
                "Controls for Information Systems and Organizations",
                "version": version,
                "oscal-version": "1.1.2",
            },
            "groups": [
                {
                    "id": "ac",
                    "class": "family",
                    "title": "Access Control",
                    "controls": [
                        ac2,
                        {
                            "id": "ac-3",
                            "title": "Access Enforcement",
                            "props": [prop("label", "AC-3")],
                            "parts": [
                                {
                                    "id": "ac-3_smt",
                                    "name": "statement",
                                    "prose": "Enforce approved authorizations.",
                                }
                            ],
                        },
                        {
                            "id": "ac-13",
                            "title": "Supervision and Review — Access Control",
                            "props": [prop("label", "AC-13"), prop("status", "Withdrawn")],
                            "links": [
                                {"href": "#ac-2", "rel": "incorporated-into"},
                                {"href": "#ac-6", "rel": "incorporated-into"},
                            ],
                        },
                    ],
                }
            ],
            **catalog_extra,
        }
    }


def write(tmp_path: Path, data: object, name: str = "catalog.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_statement_and_guidance_are_kept_apart_with_parameters_printed_as_nist_does(
    tmp_path: Path,
):
    lib = import_oscal_catalog(write(tmp_path, sp800_53_like()))
    rows = {r.ref: r for r in lib.rows}
    ac2 = rows["AC-2"]
    assert ac2.title_en == "Account Management"
    assert ac2.statement_en == (
        "a. Define and document the types of accounts allowed;\n"
        "b. Require [Assignment: prerequisites and criteria] for group membership;\n"
        "  1. Notify [Assignment: personnel or roles to be notified are defined;];\n"
        "c. Review accounts [Selection (one or more): daily; weekly; "
        "[Assignment: organization-defined frequency]]."
    )
    assert ac2.guidance_en == "Examples of system account types include individual and shared."
    assert "_prm_" not in lib.content and "odp" not in ac2.statement_en
    # stored as YAML, it loads back the same, statement and nesting included
    again = load_library_text(lib.content, "copy")
    assert {r.ref: r for r in again.rows} == rows


def test_enhancements_are_nested_within_their_control(tmp_path: Path):
    lib = import_oscal_catalog(write(tmp_path, sp800_53_like()))
    rows = {r.ref: r for r in lib.rows}
    enh = rows["AC-2(1)"]
    assert (enh.parent_ref, enh.within, enh.depth, enh.is_section) == ("ac", "AC-2", 2, False)
    assert (rows["AC-2"].within, rows["AC-2"].depth) == ("", 1)
    assert enh.statement_en.startswith("Support the management") and enh.guidance_en
    stored = yaml.safe_load(lib.content)["sections"][0]["requirements"][0]
    assert stored["ref"] == "AC-2" and stored["requirements"][0]["ref"] == "AC-2(1)"


def test_withdrawn_controls_are_left_out_and_counted(tmp_path: Path):
    lib = import_oscal_catalog(write(tmp_path, sp800_53_like()))
    refs = [r.ref for r in lib.rows]
    assert "AC-2(10)" not in refs and "AC-13" not in refs
    assert [n.text("en") for n in lib.notes] == [
        "catalog.json: 2 withdrawn controls were left out (--include-withdrawn keeps them, "
        "marked withdrawn and not assessed)."
    ]
    assert "已略去 2 个已撤销的控制项" in lib.notes[0].text("zh_CN")


def test_include_withdrawn_keeps_them_marked_and_not_assessable(tmp_path: Path):
    path = write(tmp_path, sp800_53_like())
    lib = import_oscal_catalog(path, include_withdrawn=True)
    rows = {r.ref: r for r in lib.rows}
    for ref in ("AC-2(10)", "AC-13"):
        assert rows[ref].is_section and "withdrawn" in rows[ref].tags, ref
        assert rows[ref].parent_ref == "ac"
    assert rows["AC-13"].guidance_en == "Withdrawn. Incorporated into AC-2, ac-6."
    assert rows["AC-2(10)"].guidance_en == "Withdrawn. Incorporated into AC-2."
    assert lib.requirement_count == import_oscal_catalog(path).requirement_count == 3
    assert not lib.notes
    assert load_any(path, include_withdrawn=True).rows == lib.rows


def test_links_that_form_a_cycle_are_read_once(tmp_path: Path):
    data = sp800_53_like()
    controls = data["catalog"]["groups"][0]["controls"]
    for a, b in (("x-1", "x-2"), ("x-2", "x-1")):
        controls.append(
            {
                "id": a,
                "title": a,
                "props": [prop("status", "withdrawn")],
                "links": [
                    {"href": f"#{b}", "rel": "moved-to"},
                    {"href": f"#{a}", "rel": "moved-to"},
                ],
            }
        )
    # parameters that insert each other: printed once, never followed round the cycle
    data["catalog"]["params"] = [
        {"id": "p1", "select": {"choice": ["{{ insert: param, p2 }}"]}},
        {"id": "p2", "select": {"choice": ["{{ insert: param, p1 }}", "none"]}},
    ]
    controls[1]["parts"][0]["prose"] = "Enforce {{ insert: param, p1 }}."
    t = time.perf_counter()
    lib = import_oscal_catalog(write(tmp_path, data), include_withdrawn=True)
    assert time.perf_counter() - t < 1
    rows = {r.ref: r for r in lib.rows}
    assert rows["x-1"].guidance_en == "Withdrawn. Incorporated into x-2, x-1."
    assert rows["AC-3"].statement_en == (
        "Enforce [Selection: [Selection: [Assignment: p1]; none]]."
    )


def test_cprt_labels_give_way_to_the_id_then_the_sort_id(tmp_path: Path):
    catalog = {
        "catalog": {
            "metadata": {"title": "NIST SP 800-171 Rev 3", "version": "1.0.0"},
            "groups": [
                {
                    "id": "SP_800_171_03.01",
                    "title": "Access Control",
                    "props": [prop("label", "Access Control (03.01)")],
                    "controls": [
                        {
                            "id": "SP_800_171_03.01.01",
                            "title": "Account Management",
                            "props": [prop("label", "Account Management (03.01.01)")],
                            "parts": [
                                {"name": "statement", "prose": "Define the types of accounts."}
                            ],
                        },
                        {
                            "id": "",
                            "title": "By sort-id",
                            "props": [
                                prop("label", "Too long a label"),
                                prop("sort-id", "03.01.02"),
                            ],
                        },
                    ],
                }
            ],
        }
    }
    lib = import_oscal_catalog(write(tmp_path, catalog))
    assert [r.ref for r in lib.rows] == ["SP_800_171_03.01", "SP_800_171_03.01.01", "03.01.02"]
    assert lib.rows[1].parent_ref == "SP_800_171_03.01"
    assert lib.rows[1].statement_en == "Define the types of accounts."


def test_clean_labels_are_used_as_published(tmp_path: Path):
    csf = {
        "catalog": {
            "metadata": {"title": "The NIST Cybersecurity Framework (CSF) 2.0", "version": "2.0"},
            "groups": [
                {
                    "id": "GV",
                    "title": "GOVERN",
                    "groups": [
                        {
                            "id": "GV.OC",
                            "title": "Organizational Context",
                            "controls": [
                                {
                                    "id": "GV.OC-01",
                                    "title": "GV.OC-01",
                                    "props": [prop("label", "GV.OC-01")],
                                    "parts": [
                                        {
                                            "name": "statement",
                                            "prose": "The organizational mission is understood.",
                                        }
                                    ],
                                }
                            ],
                        }
                    ],
                }
            ],
        }
    }
    lib = import_oscal_catalog(write(tmp_path, csf))
    rows = {r.ref: r for r in lib.rows}
    assert [r.ref for r in lib.rows] == ["GV", "GV.OC", "GV.OC-01"]
    assert rows["GV.OC-01"].statement_en == "The organizational mission is understood."
    assert (rows["GV.OC"].parent_ref, rows["GV.OC-01"].parent_ref) == ("GV", "GV.OC")
    assert lib.id == "oscal-the-nist-cybersecurity-framework-csf-2.0"


def test_two_editions_get_two_ids_and_the_id_can_be_given(tmp_path: Path):
    rev5 = import_oscal_catalog(write(tmp_path, sp800_53_like("5.1.1"), "a.json"))
    rev5_2 = import_oscal_catalog(write(tmp_path, sp800_53_like("5.2.0"), "b.json"))
    assert rev5.id == "oscal-nist-special-publication-800-53-revision-5-5.1.1"
    assert rev5_2.id == "oscal-nist-special-publication-800-53-revision-5-5.2.0"
    mine = import_oscal_catalog(tmp_path / "a.json", library_id="sp800-53-r5")
    assert mine.id == "sp800-53-r5" and "id: sp800-53-r5\n" in mine.content
    assert mine.rows == rev5.rows
    with pytest.raises(LibraryError) as exc:
        import_oscal_catalog(tmp_path / "a.json", library_id="Not An Id")
    assert "'Not An Id' cannot be a library id" in str(exc.value)


def test_library_id_from_short_title_and_version():
    assert library_id_for("Long title: subtitle", "SP 800-53", "5.1.1") == "oscal-sp-800-53-5.1.1"
    assert library_id_for("Catalog 2.0", "", "2.0") == "oscal-catalog-2.0"
    assert len(library_id_for("x" * 300, "", "9" * 300)) <= 80


def test_empty_titles_are_tolerated_with_a_note(tmp_path: Path):
    catalog = {
        "catalog": {
            "metadata": {"title": "  "},
            "groups": [
                {
                    "id": "g1",
                    "title": "",
                    "controls": [{"id": "c-1", "title": ""}, {"id": "c-2", "title": "Two"}],
                }
            ],
        }
    }
    lib = import_oscal_catalog(write(tmp_path, catalog, "untitled.json"))
    assert lib.name_en == "untitled" and [r.title_en for r in lib.rows] == ["g1", "c-1", "Two"]
    notes = [n.text("en") for n in lib.notes]
    assert notes[0] == "untitled.json: the catalog has no title; it is called untitled."
    assert notes[1].startswith("untitled.json: 2 groups or controls have no title")
    assert "catalog.groups[0]" in notes[1]


def test_a_profile_is_refused_with_advice(tmp_path: Path):
    for name, content in (
        ("baseline.json", '{"profile": {"uuid": "x", "imports": []}}'),
        ("baseline.xml", '<profile xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="x"/>'),
    ):
        path = tmp_path / name
        path.write_text(content)
        with pytest.raises(LibraryError) as exc:
            load_any(path)
        assert "is an OSCAL profile" in str(exc.value) and "resolved catalog" in str(exc.value)
        assert "解析后的目录" in exc.value.text("zh_CN")


XML = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="00000000-0000-4000-8000-0000000000aa">
  <metadata>
    <title>NIST Special Publication 800-53 Revision 5: Security and Privacy Controls for Information Systems and Organizations</title>
    <last-modified>2026-01-01T00:00:00Z</last-modified>
    <version>5.1.1</version>
    <oscal-version>1.1.2</oscal-version>
  </metadata>
  <group id="ac" class="family">
    <title>Access Control</title>
    <control id="ac-2" class="SP800-53">
      <title>Account Management</title>
      <param id="ac-02_odp.01"><label>prerequisites and criteria</label></param>
      <param id="ac-02_odp.02">
        <guideline><p>personnel or roles to be notified are defined;</p></guideline>
      </param>
      <param id="ac-02_odp.03">
        <select how-many="one-or-more">
          <choice>daily</choice>
          <choice>weekly</choice>
          <choice><insert type="param" id-ref="ac-02_odp.04"/></choice>
        </select>
      </param>
      <param id="ac-02_odp.04"><label>organization-defined frequency</label></param>
      <prop name="label" value="AC-2"/>
      <prop name="label" value="AC-02" class="zero-padded"/>
      <link href="#ac-3" rel="related"/>
      <part id="ac-2_smt" name="statement">
        <part id="ac-2_smt.a" name="item">
          <prop name="label" value="a."/>
          <p>Define and document the types of accounts allowed;</p>
        </part>
        <part id="ac-2_smt.b" name="item">
          <prop name="label" value="b."/>
          <p>Require <insert type="param" id-ref="ac-02_odp.01"/> for group membership;</p>
          <part id="ac-2_smt.b.1" name="item">
            <prop name="label" value="1."/>
            <p>Notify <insert type="param" id-ref="ac-02_odp.02"/>;</p>
          </part>
        </part>
        <part id="ac-2_smt.c" name="item">
          <prop name="label" value="c."/>
          <p>Review accounts <insert type="param" id-ref="ac-02_odp.03"/>.</p>
        </part>
      </part>
      <part id="ac-2_gdn" name="guidance">
        <p>Examples of system account types include <em>individual</em> and shared.</p>
      </part>
      <control id="ac-2.1" class="SP800-53-enhancement">
        <title>Automated System Account Management</title>
        <prop name="label" value="AC-2(1)"/>
        <part id="ac-2.1_smt" name="statement">
          <p>Support the management of system accounts using automated mechanisms.</p>
        </part>
        <part id="ac-2.1_gdn" name="guidance"><p>Automated mechanisms.</p></part>
      </control>
      <control id="ac-2.10" class="SP800-53-enhancement">
        <title>Shared and Group Account Credential Change</title>
        <prop name="label" value="AC-2(10)"/>
        <prop name="status" value="withdrawn"/>
        <link href="#ac-2" rel="incorporated-into"/>
      </control>
    </control>
    <control id="ac-3">
      <title>Access Enforcement</title>
      <prop name="label" value="AC-3"/>
      <part id="ac-3_smt" name="statement"><p>Enforce approved authorizations.</p></part>
    </control>
    <control id="ac-13">
      <title>Supervision and Review — Access Control</title>
      <prop name="label" value="AC-13"/>
      <prop name="status" value="Withdrawn"/>
      <link href="#ac-2" rel="incorporated-into"/>
      <link href="#ac-6" rel="incorporated-into"/>
    </control>
  </group>
  <back-matter/>
</catalog>
"""


def test_oscal_xml_reads_as_its_json_twin(tmp_path: Path):
    xml = tmp_path / "catalog.xml"
    xml.write_text(XML, encoding="utf-8")
    from_json = import_oscal_catalog(write(tmp_path, sp800_53_like()))
    for include in (False, True):
        from_xml = load_any(xml, include_withdrawn=include)
        twin = import_oscal_catalog(tmp_path / "catalog.json", include_withdrawn=include)
        assert from_xml.rows == twin.rows and from_xml.id == twin.id
    assert from_xml.name_en == from_json.name_en and from_xml.version == "5.1.1"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            "<catalog><metadata><title>&lol2;</title></metadata></catalog>",
            "declares a DTD or entities",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<catalog><metadata><title>&x;</title></metadata></catalog>",
            "declares a DTD or entities",
        ),
        ("<catalog><metadata><title>T</metadata></catalog>", "line 1: not well-formed XML"),
        ("<catalog>" + "<p>" * 500 + "</p>" * 500 + "</catalog>", "nested more than 80"),
        ('<component-definition uuid="x"/>', "not an OSCAL catalog"),
    ],
)
def test_hostile_or_broken_xml_is_refused_in_one_sentence(tmp_path: Path, content, words):
    path = tmp_path / "bad.xml"
    path.write_text(content)
    with pytest.raises(LibraryError) as exc:
        load_any(path)
    assert words in str(exc.value) and "bad.xml" in str(exc.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.value.text("zh_CN"))


def test_twenty_levels_of_groups_are_read(tmp_path: Path):
    group: dict = {"id": "leaf", "title": "Leaf", "controls": [{"id": "c-1", "title": "C"}]}
    for i in range(20):
        group = {"id": f"g{i}", "title": f"Group {i}", "groups": [group]}
    lib = import_oscal_catalog(
        write(tmp_path, {"catalog": {"metadata": {"title": "D"}, "groups": [group]}})
    )
    assert lib.rows[-1].depth == 21 and lib.rows[-1].parent_ref == "leaf"
    assert load_library_text(lib.content, "copy").rows == lib.rows


@pytest.mark.parametrize("name", ["big.json", "big.xml", "big.yaml"])
def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path, name: str):
    path = tmp_path / name
    with path.open("wb") as f:
        f.write(b"<" if name.endswith("xml") else b"{" if name.endswith("json") else b"a")
        f.truncate(100 * 1024 * 1024)
    tracemalloc.start()
    t = time.perf_counter()
    with pytest.raises(LibraryError) as exc:
        load_any(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert time.perf_counter() - t < 0.5 and peak < 5 * 1024 * 1024
    assert "larger than 20 MB" in str(exc.value)
