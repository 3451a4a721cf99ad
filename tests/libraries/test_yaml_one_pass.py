"""The library reader checks libyaml's events and builds the node tree in one pass
(yaml_library.compose): the tree must be the one `yaml.compose` builds, and the refusals
those of a check of the whole stream followed by `yaml.compose`."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from qms_desktop.libraries import LibraryError, load_library_text
from qms_desktop.libraries.yaml_library import compose

LIBRARY = """\
format: qms-desktop-library/1
id: sample
name: {en: Sample, zh_CN: 样例}
version: '2'
languages: [en, zh_CN]
sections:
- ref: '4'
  title:
    en: Context
    zh_CN: 组织环境
  tags: [core, 'quoted', "double"]
  requirements:
  - ref: '4.1'
    title: !!str Understanding
    guidance: |
      Literal text
      on two lines
    statement: >
      Folded text
      on one line
    requirements:
    - {ref: 4.1.a, title: Nested, tags: []}
  sections:
  - ref: '4.2'
    title: ! Parties
    requirements:
    - ref: 4.2.1
      title: Needs ~ true 5 0x1f null
? complex key
: value
"""


def tree(node: yaml.Node | None) -> Any:
    """Everything a node holds that the readers use, and its marks and style."""
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("sequence", node.tag, node.flow_style, marks, [tree(v) for v in node.value])
    assert isinstance(node, yaml.MappingNode)
    pairs = [(tree(k), tree(v)) for k, v in node.value]
    return ("mapping", node.tag, node.flow_style, marks, pairs)


def test_the_tree_is_the_one_yaml_compose_builds():
    expected = tree(yaml.compose(LIBRARY, Loader=yaml.CSafeLoader))
    assert tree(compose(LIBRARY, "sample.yaml")) == expected
    # without resolving tags (the library reader): the same tree but for the tags
    untagged = compose(LIBRARY, "sample.yaml", tags=False)
    assert untagged.start_mark.line == 0
    assert [k.value for k, _ in untagged.value][:3] == ["format", "id", "name"]
    title = untagged.value[5][1].value[0].value[3][1].value[0].value[1][1]
    assert (title.value, title.tag) == ("Understanding", "tag:yaml.org,2002:str")


def test_a_library_reads_the_same_rows_as_from_yaml_compose():
    text = LIBRARY.replace("? complex key\n: value\n", "")
    lib = load_library_text(text, "sample.yaml")
    assert [r.ref for r in lib.rows] == ["4", "4.1", "4.1.a", "4.2", "4.2.1"]
    assert lib.rows[1].guidance_en == "Literal text\non two lines"
    assert lib.rows[1].statement_en == "Folded text on one line"
    assert lib.rows[2].within == "4.1" and lib.rows[4].title_en == "Needs ~ true 5 0x1f null"


def problem_of(text: str) -> str:
    with pytest.raises(LibraryError) as exc:
        load_library_text(text, "lib.yaml")
    return exc.value.text("en")


def test_a_second_document_is_refused_on_its_line():
    text = "id: x\nname: X\nsections: []\n---\nid: y\n"
    message = problem_of(text)
    assert "lib.yaml, line 4" in message and "but found another document" in message
    with pytest.raises(yaml.composer.ComposerError) as exc:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    assert exc.value.problem == "but found another document"
    assert exc.value.problem_mark is not None and exc.value.problem_mark.line == 3


def test_the_whole_stream_is_checked_before_a_second_document_is_refused():
    # an anchor, a foreign tag or a syntax error in the second document is what is reported
    base = "id: x\nname: X\nsections: []\n---\n"
    assert "line 5" in problem_of(base + "a: &x 1\n") and "anchors" in problem_of(
        base + "a: &x 1\n"
    )
    assert "not allowed" in problem_of(base + "a: !!python/object:os.system x\n")
    assert "line 6" in problem_of(base + "a: [1\nb: ]]\n")


def test_an_empty_text_is_refused_and_an_empty_document_is_not_a_library():
    assert "empty" in problem_of("")
    assert "empty" in problem_of("# only a comment\n")
    with pytest.raises(LibraryError):
        load_library_text("---\n", "lib.yaml")
