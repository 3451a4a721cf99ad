"""OSCAL's XML form of a catalog, read into the shape of its JSON form (so one reader
serves both), with defusedxml: no DTD, no entities, nothing fetched from outside.

Prose (`<p>`, lists, tables, emphasis) becomes plain lines of text; `<insert
type="param" id-ref="…"/>` becomes the JSON form's `{{ insert: param, … }}`.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from qms_desktop.libraries.yaml_library import LibraryError

# Elements nested deeper than this (assemblies or markup) are refused: real catalogs
# nest groups, controls and parts a dozen levels at most.
MAX_XML_DEPTH = 80

_MANY = {
    "prop": "props",
    "link": "links",
    "part": "parts",
    "param": "params",
    "control": "controls",
    "group": "groups",
}
_TEXT_FIELDS = {
    "title",
    "label",
    "version",
    "last-modified",
    "oscal-version",
    "published",
    "usage",
}
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "blockquote"}
_PROSE = {"p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "blockquote"}


class _TooDeep(Exception):
    pass


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _markup(el: Element, depth: int) -> str:
    """The text of a markup element; blocks on lines of their own."""
    pieces: list[str] = []

    def walk(node: Element, level: int) -> None:
        if level > MAX_XML_DEPTH:
            raise _TooDeep
        tag = _local(node.tag)
        block = tag in _BLOCKS
        if block:
            pieces.append("\n")
        if tag == "insert":
            pieces.append(
                f"{{{{ insert: {node.get('type', 'param')}, {node.get('id-ref', '')} }}}}"
            )
        elif node.text:
            pieces.append(node.text)
        for child in node:
            walk(child, level + 1)
            if child.tail:
                pieces.append(child.tail)
        if block:
            pieces.append("\n")

    walk(el, depth)
    text = "".join(pieces)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _assembly(el: Element, depth: int) -> dict[str, Any]:
    if depth > MAX_XML_DEPTH:
        raise _TooDeep
    out: dict[str, Any] = dict(el.attrib)
    prose: list[str] = []
    for child in el:
        tag = _local(child.tag)
        if tag in _PROSE:
            prose.append(_markup(child, depth + 1))
        elif tag in _TEXT_FIELDS:
            out[tag] = _markup(child, depth + 1)
        elif tag in _MANY:
            out.setdefault(_MANY[tag], []).append(_assembly(child, depth + 1))
        elif tag == "metadata":
            out["metadata"] = _assembly(child, depth + 1)
        elif tag == "guideline":
            out.setdefault("guidelines", []).append({"prose": _markup(child, depth + 1)})
        elif tag == "value":
            out.setdefault("values", []).append(_markup(child, depth + 1))
        elif tag == "select":
            out["select"] = {
                **dict(child.attrib),
                "choice": [_markup(c, depth + 2) for c in child if _local(c.tag) == "choice"],
            }
        # back-matter, roles, parties, remarks and the like hold nothing a library uses
    if prose:
        out["prose"] = "\n".join(p for p in prose if p)
    return out


def xml_to_data(raw: bytes, name: str) -> dict[str, Any]:
    """An OSCAL XML document as its JSON form: {"catalog": {...}} (or {"<model>": {}})."""
    try:
        root = SafeET.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException:
        raise LibraryError("libraries.xml_forbidden", name=name) from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 0
        raise LibraryError("libraries.oscal_bad_xml", name=name, line=line) from None
    model = _local(root.tag)
    if model != "catalog":
        return {model or "?": {}}
    try:
        return {"catalog": _assembly(root, 0)}
    except _TooDeep:
        raise LibraryError("libraries.oscal_xml_too_deep", name=name, limit=MAX_XML_DEPTH) from None
