"""Import the framework of a CISO Assistant library (intuitem's open GRC tool: a YAML file
whose `objects.framework.requirement_nodes` list the framework's tree) as a requirement
library. Assessable nodes become requirements (nested ones kept within their parent),
the others sections; `description` is the statement, `annotation` and
`typical_evidence` the guidance, a Chinese translation the zh_CN text.

The file is read under the same rules as the YAML library format (no anchors or
aliases, no `!!python` or other foreign tags, bounded size and nesting); the mapping is
documented in resources/libraries/README.md. The user brings their own copy: their
content carries its publishers' copyright, so none is bundled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from qms_desktop.domain.messages import Message
from qms_desktop.domain.requirements import LibraryCopy, LibraryRow
from qms_desktop.libraries.yaml_library import (
    LibraryError,
    check_library_id,
    compose,
    library_to_yaml,
    load_library_text,
    problem,
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s|[。！？]")
MAX_TITLE = 120
_CHINESE_KEYS = ("zh_CN", "zh-CN", "zh-Hans", "zh_Hans", "zh")


def looks_like_ciso_assistant(text: str) -> bool:
    """A CISO Assistant library: a top-level `objects:` key (the library format has none)."""
    return re.search(r"(?m)^objects\s*:", text) is not None


def _plain(node: yaml.Node) -> Any:
    """A composed node as plain data (scalars as text, booleans as bool); the composer has
    already refused anchors, aliases, foreign tags and deep nesting."""
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                out[str(key.value)] = _plain(value)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    value = str(node.value)
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on", "y")
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return value


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _first_sentence(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    match = _SENTENCE_END.search(line)
    sentence = line[: match.end()].strip() if match else line
    if len(sentence) > MAX_TITLE:
        sentence = sentence[: MAX_TITLE - 1].rstrip() + "…"
    return sentence


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._]+", "-", text.lower()).strip("-._")


def _urn_tail(urn: str) -> str:
    return urn.rsplit(":", 1)[-1].strip()


@dataclass
class _Texts:
    """A node's words in the library's language and in Chinese."""

    main: dict[str, str]
    zh: dict[str, str] = field(default_factory=dict)


def _texts(node: dict[str, Any], chinese_base: bool) -> _Texts:
    keys = ("name", "description", "annotation", "typical_evidence")
    base = {k: _text(node.get(k)) for k in keys}
    translations = node.get("translations")
    translations = translations if isinstance(translations, dict) else {}
    if chinese_base:
        english = translations.get("en")
        english = english if isinstance(english, dict) else {}
        return _Texts({k: _text(english.get(k)) for k in keys}, base)
    chinese: dict[str, Any] = {}
    for key in (*_CHINESE_KEYS, *sorted(translations)):
        if isinstance(key, str) and key.lower().startswith("zh"):
            found = translations.get(key)
            if isinstance(found, dict):
                chinese = found
                break
    return _Texts(base, {k: _text(chinese.get(k)) for k in keys})


def _guidance(texts: dict[str, str], chinese: bool) -> str:
    annotation, evidence = texts.get("annotation", ""), texts.get("typical_evidence", "")
    if evidence:
        evidence = ("典型证据：" if chinese else "Typical evidence: ") + evidence
    return "\n\n".join(t for t in (annotation, evidence) if t)


def _title(texts: dict[str, str]) -> str:
    return texts.get("name") or _first_sentence(texts.get("description", ""))


@dataclass
class _Node:
    ref: str
    assessable: bool
    row_parent: str = ""  # the section it stands in
    within: str = ""  # the requirement it stands in
    depth: int = 0


def framework_to_library(text: str, source: str, *, library_id: str | None = None) -> LibraryCopy:
    """The framework a CISO Assistant library YAML holds, as a requirement library."""
    root = compose(text, source)
    data = _plain(root)
    if not isinstance(data, dict):
        raise problem(source, Message("libraries.p_expected_mapping"))
    objects = data.get("objects")
    framework = objects.get("framework") if isinstance(objects, dict) else None
    if isinstance(framework, list) and framework and isinstance(framework[0], dict):
        framework = framework[0]
    nodes = framework.get("requirement_nodes") if isinstance(framework, dict) else None
    if not isinstance(framework, dict) or not isinstance(nodes, list) or not nodes:
        raise LibraryError("libraries.ciso_no_framework", source=source)
    locale = _text(data.get("locale")).lower()
    chinese_base = locale.startswith("zh")
    lib_texts = _texts({**data, **{k: v for k, v in framework.items() if v}}, chinese_base)
    name_en = lib_texts.main.get("name") or _text(framework.get("ref_id")) or source
    name_zh = lib_texts.zh.get("name", "")
    urn = _text(framework.get("urn")) or _text(data.get("urn"))
    if library_id:
        lib_id = check_library_id(library_id)
    else:
        lib_id = ("ciso-" + (_slug(_urn_tail(urn)) or _slug(name_en) or "framework"))[:80]

    by_urn: dict[str, _Node] = {}
    by_ref: dict[str, _Node] = {}
    by_depth: dict[int, _Node] = {}
    rows: list[LibraryRow] = []
    # Assessable nodes at the top stand in one section named after the framework.
    top_ref = "framework"
    top = _Node(top_ref, False)

    for i, raw in enumerate(nodes):
        where = f"objects.framework.requirement_nodes[{i}]"
        if not isinstance(raw, dict):
            raise LibraryError("libraries.ciso_bad_node", source=source, where=where)
        node_urn = _text(raw.get("urn"))
        ref = _text(raw.get("ref_id"))
        if not ref or ref in by_ref or ref == top_ref or len(ref) > 80:
            ref = _urn_tail(node_urn) if node_urn else ""
        if not ref or ref in by_ref or ref == top_ref:
            ref = f"{ref or 'node'}-{i + 1}"
        texts = _texts(raw, chinese_base)
        assessable = raw.get("assessable") is True
        parent_urn = _text(raw.get("parent_urn"))
        depth_value = _text(raw.get("depth"))
        level = int(depth_value) if depth_value.isascii() and depth_value.isdigit() else 0
        parent: _Node | None
        if parent_urn:
            parent = by_urn.get(parent_urn)
            if parent is None:  # unknown, later in the list, or the node itself: no cycles
                raise LibraryError(
                    "libraries.ciso_unknown_parent",
                    source=source,
                    where=where,
                    parent=repr(parent_urn[:120]),
                )
        else:
            parent = by_depth.get(level - 1) if level > 1 else None
        if parent is None and assessable:
            if top_ref not in by_ref:
                by_ref[top_ref] = top
                rows.insert(0, LibraryRow(top_ref, "", 0, True, name_en, name_zh))
            parent = top
        node = _Node(ref, assessable)
        if parent is None:
            pass
        elif not parent.assessable:
            node.row_parent, node.depth = parent.ref, parent.depth + 1
        elif assessable:
            node.row_parent, node.within = parent.row_parent, parent.ref
            node.depth = parent.depth + 1
        else:
            # A section cannot stand in a requirement: it joins the requirement's section.
            section = by_ref.get(parent.row_parent)
            node.row_parent = parent.row_parent
            node.depth = section.depth + 1 if section is not None else 0
        by_ref[ref] = node
        if node_urn:
            by_urn[node_urn] = node
        if level:
            by_depth[level] = node
            for deeper in [d for d in by_depth if d > level]:
                del by_depth[deeper]
        groups = raw.get("implementation_groups")
        tags = tuple(
            re.sub(r"\s+", "-", t.strip())
            for t in (groups if isinstance(groups, list) else _text(groups).split(","))
            if isinstance(t, str) and t.strip()
        )
        rows.append(
            LibraryRow(
                ref,
                node.row_parent,
                node.depth,
                not assessable,
                _title(texts.main) or ("" if texts.zh.get("name") else ref),
                _title(texts.zh),
                _guidance(texts.main, chinese=False),
                _guidance(texts.zh, chinese=True),
                tags,
                texts.main.get("description", ""),
                texts.zh.get("description", ""),
                node.within,
            )
        )
    if not any(not r.is_section for r in rows):
        raise LibraryError("libraries.ciso_no_assessable", source=source)
    publisher = " / ".join(
        p for p in (_text(data.get("provider")), _text(data.get("packager"))) if p
    )
    draft = LibraryCopy(
        lib_id,
        name_en,
        name_zh,
        _text(data.get("version")),
        "ciso-assistant",
        "",
        tuple(rows),
        publisher=f"{publisher} (CISO Assistant library {urn})".strip(),
        licence=_text(data.get("copyright")),
    )
    content = library_to_yaml(draft)
    # Read back, so the rows stored are exactly those the stored text gives (one order).
    again = load_library_text(content, source, origin="ciso-assistant")
    return LibraryCopy(
        again.id,
        again.name_en,
        again.name_zh,
        again.version,
        "ciso-assistant",
        content,
        again.rows,
        again.publisher,
        again.licence,
    )
