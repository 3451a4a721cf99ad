"""The requirement-library YAML format: load with validation (errors name the file, the
line and the place in the tree), and write a library back out.

The format is documented in `resources/libraries/README.md`. Hostile files are refused:
anchors and aliases (the "billion laughs" bomb), files over 20 MB, non-UTF-8 text, binary
data, nesting deeper than any library needs, text that is not valid Unicode, and any shape
other than the documented one. Whatever the bytes, the only error is LibraryError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.messages import Message
from qms_desktop.domain.requirements import LibraryCopy, LibraryRow

FORMAT = "qms-desktop-library/1"
MAX_BYTES = 20 * 1024 * 1024
TOP_KEYS = {"format", "id", "name", "version", "languages", "publisher", "licence", "sections"}
SECTION_KEYS = {"ref", "title", "statement", "guidance", "sections", "requirements", "tags"}
# A requirement may hold requirements of its own (a control's enhancements).
REQUIREMENT_KEYS = {"ref", "title", "statement", "guidance", "tags", "requirements"}
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
# Deepest YAML nesting read (a section nests two levels: its mapping and its list of
# sections), so about 45 levels of sections: far beyond any standard, far below the stack.
MAX_NESTING = 100
MAX_SECTION_DEPTH = 40
# The only explicit tags read: YAML's own plain types ("!!python/object" and the like are
# refused before anything is built).
PLAIN_TAGS = frozenset(
    {
        "!",
        *(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")),
    }
)

try:
    _Loader: Any = yaml.CSafeLoader
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper


class LibraryError(QmsError):
    """A requirement library cannot be read; the message names file, line and problem."""


def at_line(source: str, line: int | None) -> Message | str:
    """A place in a file: "<source>, line <n>" (or the source alone), in either language."""
    return (
        source if line is None else Message("libraries.at_line", {"source": source, "line": line})
    )


def _where(source: str, node: yaml.Node | None, path: str) -> Message | str:
    location = at_line(source, node.start_mark.line + 1 if node is not None else None)
    return (
        Message("libraries.at_place", {"location": location, "place": path}) if path else location
    )


def problem(where: Message | str, what: Message) -> LibraryError:
    return LibraryError("libraries.problem", where=where, problem=what)


def check_library_id(library_id: str) -> str:
    """A library id given by the user (`library add --id`), checked."""
    if not library_id or not set(library_id) <= _ID_CHARS or len(library_id) > 80:
        raise LibraryError("libraries.bad_id", library=repr(library_id))
    return library_id


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LibraryError("libraries.too_large", name=path.name, limit_mb=MAX_BYTES // 1048576)
        data = path.read_bytes()
    except OSError as exc:
        raise LibraryError(
            "libraries.cannot_read", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    if b"\x00" in data:
        raise LibraryError("libraries.binary", name=path.name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LibraryError("libraries.not_utf8", name=path.name, offset=exc.start) from None


def compose(text: str, source: str, *, tags: bool = True) -> yaml.Node:
    """Parse to a node tree, refusing anchors, aliases and deep nesting before anything is
    expanded or built (the event stream is read without recursion).

    One pass over libyaml's events both checks them and builds the tree (a library read
    back for `check` was parsed twice before: 10⁴ requirements, ~0.1 s a pass). Every
    event is checked before the tree is handed over, so the refusals and their lines are
    those of a check of the whole stream followed by `yaml.compose`, whose one complaint
    the checks leave possible (a second document) is raised the same way, last. With
    `tags` False the nodes keep the tags written in the file (none, mostly) instead of
    the resolved ones: the library reader looks only at their kinds and text."""
    try:
        node = _compose_checked(text, source, yaml.resolver.Resolver() if tags else None)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise problem(
            at_line(source, mark.line + 1 if mark is not None else None),
            Message("libraries.p_not_yaml", {"detail": str(exc.problem)}),
        ) from None
    except yaml.YAMLError as exc:
        raise problem(source, Message("libraries.p_not_yaml", {"detail": str(exc)})) from None
    except RecursionError:  # pragma: no cover - MAX_NESTING keeps the composer far from it
        raise problem(source, Message("libraries.p_too_deep", {"limit": MAX_NESTING})) from None
    if node is None:
        raise LibraryError("libraries.empty", source=source)
    return node


def _compose_checked(text: str, source: str, resolver: Any) -> yaml.Node | None:
    """The first document's node tree, built from the checked events; tags resolved as
    libyaml's composer resolves them when a resolver is given."""

    def refuse(event: yaml.Event, what: Message) -> LibraryError:
        return problem(at_line(source, event.start_mark.line + 1), what)

    depth = 0
    root: yaml.Node | None = None
    # the open collections, innermost last; for a mapping, the key awaiting its value
    stack: list[yaml.Node] = []
    keys: list[yaml.Node | None] = []
    documents = 0
    first_start: Any = None
    second: yaml.YAMLError | None = None  # a second document: raised once all is checked
    scalar_event, mapping_start = yaml.ScalarEvent, yaml.MappingStartEvent
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    scalar_node, mapping_node, sequence_node = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        node: yaml.Node
        if kind is scalar_event or kind in starts:
            if event.anchor:
                raise refuse(event, Message("libraries.p_anchors"))
            tag = event.tag
            if tag is not None and tag not in PLAIN_TAGS:
                raise refuse(event, Message("libraries.p_tag_not_allowed", {"tag": repr(tag)[:80]}))
            if kind is scalar_event:
                if documents != 1:
                    continue
                if resolver is not None and (tag is None or tag == "!"):
                    tag = resolver.resolve(scalar_node, event.value, event.implicit)
                node = scalar_node(
                    tag, event.value, event.start_mark, event.end_mark, style=event.style
                )
            else:
                depth += 1
                if depth > MAX_NESTING:
                    raise refuse(event, Message("libraries.p_too_deep", {"limit": MAX_NESTING}))
                if documents != 1:
                    continue
                node_class = mapping_node if kind is mapping_start else sequence_node
                if resolver is not None and (tag is None or tag == "!"):
                    tag = resolver.resolve(node_class, None, event.implicit)
                node = node_class(tag, [], event.start_mark, None, flow_style=event.flow_style)
        elif kind in ends:
            depth -= 1
            if documents == 1:
                stack.pop().end_mark = event.end_mark
                keys.pop()
            continue
        else:
            if kind is yaml.AliasEvent:
                raise refuse(event, Message("libraries.p_anchors"))
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents == 1:
                    first_start = event.start_mark
                elif documents == 2:
                    second = yaml.composer.ComposerError(
                        "expected a single document in the stream",
                        first_start,
                        "but found another document",
                        event.start_mark,
                    )
            continue
        if not stack:
            root = node
        elif type(top := stack[-1]) is sequence_node:
            top.value.append(node)
        elif (key := keys[-1]) is None:
            keys[-1] = node
        else:
            top.value.append((key, node))
            keys[-1] = None
        if kind is not scalar_event:
            stack.append(node)
            keys.append(None)
    if second is not None:
        raise second
    return root


def _is_text(value: str) -> bool:
    """False for text holding lone surrogates (YAML's "\\ud800" escape), which no file or
    database can store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def ref_order(ref: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key of a reference: dotted parts, numbers (ASCII digits) by value — compared
    by length then digits, so no length limit and no int() of "²" — before other text."""
    key = []
    for part in ref.split("."):
        if part.isascii() and part.isdigit():
            digits = part.lstrip("0") or "0"
            key.append((0, len(digits), digits))
        else:
            key.append((1, 0, part))
    return tuple(key)


def _shown_key(key: object) -> str:
    return repr(key) if isinstance(key, str) else "?"


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node: yaml.Node | None, path: str, what: Message) -> LibraryError:
        return problem(_where(self.source, node, path), what)

    def mapping(self, node: yaml.Node, path: str, allowed: set[str]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, path, Message("libraries.p_expected_mapping"))
        out: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key not in allowed:
                raise self.fail(
                    key_node,
                    path,
                    Message(
                        "libraries.p_unknown_key",
                        {"key": _shown_key(key), "allowed": sorted(allowed)},
                    ),
                )
            if key in out:
                raise self.fail(
                    key_node, path, Message("libraries.p_key_twice", {"key": repr(key)})
                )
            out[key] = value
        return out

    def text(self, node: yaml.Node | None, path: str, *, required: bool = True) -> str:
        if node is None:
            if required:
                raise self.fail(None, path, Message("libraries.p_missing"))
            return ""
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, path, Message("libraries.p_expected_text"))
        value = str(node.value).strip()
        if required and not value:
            raise self.fail(node, path, Message("libraries.p_empty_text"))
        if not _is_text(value):
            raise self.fail(node, path, Message("libraries.p_not_unicode"))
        return value

    def bilingual(self, node: yaml.Node | None, path: str, *, required: bool) -> tuple[str, str]:
        """`{en: ..., zh_CN: ...}` or plain text (taken as English)."""
        if node is None:
            if required:
                raise self.fail(None, path, Message("libraries.p_missing"))
            return "", ""
        if isinstance(node, yaml.ScalarNode):
            return self.text(node, path, required=required), ""
        parts = self.mapping(node, path, {"en", "zh_CN"})
        en = self.text(parts.get("en"), f"{path}.en", required=False)
        zh = self.text(parts.get("zh_CN"), f"{path}.zh_CN", required=False)
        if required and not (en or zh):
            raise self.fail(node, path, Message("libraries.p_needs_text"))
        return en, zh

    def tags(self, node: yaml.Node | None, path: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, path, Message("libraries.p_expected_tags"))
        return tuple(self.text(item, f"{path}[{i}]") for i, item in enumerate(node.value))

    def items(self, node: yaml.Node | None, path: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, path, Message("libraries.p_expected_list"))
        return list(node.value)


def load_library_text(text: str, source: str = "library", *, origin: str = "yaml") -> LibraryCopy:
    """Read a library from YAML text; `source` names it in error messages."""
    if not _is_text(text):
        raise problem(source, Message("libraries.p_not_unicode"))
    root = compose(text, source, tags=False)
    r = _Reader(source)
    top = r.mapping(root, "", TOP_KEYS)
    fmt = r.text(top.get("format"), "format", required=False)
    if fmt and fmt != FORMAT:
        raise r.fail(
            top.get("format"),
            "format",
            Message("libraries.p_unknown_format", {"found": repr(fmt), "expected": repr(FORMAT)}),
        )
    lib_id = r.text(top.get("id"), "id")
    if not set(lib_id) <= _ID_CHARS or len(lib_id) > 80:
        raise r.fail(top.get("id"), "id", Message("libraries.p_bad_id"))
    name_en, name_zh = r.bilingual(top.get("name"), "name", required=True)
    version = r.text(top.get("version"), "version", required=False)
    languages = r.items(top.get("languages"), "languages")
    for i, node in enumerate(languages):
        if r.text(node, f"languages[{i}]") not in ("en", "zh_CN"):
            raise r.fail(node, f"languages[{i}]", Message("libraries.p_bad_language"))
    publisher = r.text(top.get("publisher"), "publisher", required=False)
    licence = r.text(top.get("licence"), "licence", required=False)
    if "sections" not in top:
        raise r.fail(root, "sections", Message("libraries.p_no_sections"))

    rows: list[LibraryRow] = []
    seen: dict[str, str] = {}

    def add(row: LibraryRow, node: yaml.Node, path: str) -> None:
        if row.ref in seen:
            raise r.fail(
                node,
                path,
                Message("libraries.p_ref_twice", {"ref": repr(row.ref), "first": seen[row.ref]}),
            )
        seen[row.ref] = path
        rows.append(row)

    def walk_section(node: yaml.Node, path: str, parent: str, depth: int) -> None:
        if depth >= MAX_SECTION_DEPTH:
            raise r.fail(
                node, path, Message("libraries.p_sections_too_deep", {"limit": MAX_SECTION_DEPTH})
            )
        sec = r.mapping(node, path, SECTION_KEYS)
        ref = r.text(sec.get("ref"), f"{path}.ref")
        t_en, t_zh = r.bilingual(sec.get("title"), f"{path}.title", required=True)
        s_en, s_zh = r.bilingual(sec.get("statement"), f"{path}.statement", required=False)
        g_en, g_zh = r.bilingual(sec.get("guidance"), f"{path}.guidance", required=False)
        add(
            LibraryRow(
                ref,
                parent,
                depth,
                True,
                t_en,
                t_zh,
                g_en,
                g_zh,
                r.tags(sec.get("tags"), f"{path}.tags"),
                s_en,
                s_zh,
            ),
            node,
            f"{path}.ref",
        )
        # Requirements and sub-sections of one section are read in reference order, so a
        # clause with no sub-clauses (5.3) can stand between sections (5.2 and 6).
        entries: list[tuple[str, str, yaml.Node]] = []
        for i, req in enumerate(r.items(sec.get("requirements"), f"{path}.requirements")):
            entries.append(("requirement", f"{path}.requirements[{i}]", req))
        for i, child in enumerate(r.items(sec.get("sections"), f"{path}.sections")):
            entries.append(("section", f"{path}.sections[{i}]", child))

        def order(entry: tuple[str, str, yaml.Node]) -> tuple[tuple[int, int, str], ...]:
            node = entry[2]
            ref = ""
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if getattr(k, "value", None) == "ref" and isinstance(v, yaml.ScalarNode):
                        ref = str(v.value)
            return ref_order(ref)

        if sec.get("requirements") is not None and sec.get("sections") is not None:
            entries.sort(key=order)
        for kind, epath, enode in entries:
            if kind == "section":
                walk_section(enode, epath, ref, depth + 1)
                continue
            requirement(enode, epath, ref, depth + 1, "")

    def requirement(node: yaml.Node, path: str, section: str, depth: int, within: str) -> None:
        if depth >= MAX_SECTION_DEPTH:
            raise r.fail(
                node, path, Message("libraries.p_sections_too_deep", {"limit": MAX_SECTION_DEPTH})
            )
        fields = r.mapping(node, path, REQUIREMENT_KEYS)
        rref = r.text(fields.get("ref"), f"{path}.ref")
        rt_en, rt_zh = r.bilingual(fields.get("title"), f"{path}.title", required=True)
        rs_en, rs_zh = r.bilingual(fields.get("statement"), f"{path}.statement", required=False)
        rg_en, rg_zh = r.bilingual(fields.get("guidance"), f"{path}.guidance", required=False)
        add(
            LibraryRow(
                rref,
                section,
                depth,
                False,
                rt_en,
                rt_zh,
                rg_en,
                rg_zh,
                r.tags(fields.get("tags"), f"{path}.tags"),
                rs_en,
                rs_zh,
                within,
            ),
            node,
            f"{path}.ref",
        )
        for i, sub in enumerate(r.items(fields.get("requirements"), f"{path}.requirements")):
            requirement(sub, f"{path}.requirements[{i}]", section, depth + 1, rref)

    sections = r.items(top.get("sections"), "sections")
    if not sections:
        raise r.fail(top.get("sections"), "sections", Message("libraries.p_sections_empty"))
    for i, node in enumerate(sections):
        walk_section(node, f"sections[{i}]", "", 0)
    if not any(not row.is_section for row in rows):
        raise r.fail(root, "sections", Message("libraries.p_no_requirements"))
    return LibraryCopy(
        lib_id, name_en, name_zh, version, origin, text, tuple(rows), publisher, licence
    )


def load_library(path: Path, *, origin: str = "yaml") -> LibraryCopy:
    path = Path(path)
    return load_library_text(read_text(path), path.name, origin=origin)


def library_to_yaml(lib: LibraryCopy) -> str:
    """Write a library in the YAML format (used for OSCAL and CISO Assistant imports, so the
    workspace keeps one format for every library it holds).

    The node tree is built here rather than by PyYAML's representer (the document holds
    only text, mappings and lists) and emitted by libyaml: the same text as
    `yaml.safe_dump(..., allow_unicode=True, sort_keys=False, width=100)`, several times
    faster (a test compares them)."""
    return str(
        yaml.serialize(_node(library_document(lib)), Dumper=_Dumper, allow_unicode=True, width=100)
    )


_STR, _MAP, _SEQ = (f"tag:yaml.org,2002:{t}" for t in ("str", "map", "seq"))


def _node(value: object) -> yaml.Node:
    """What SafeRepresenter makes of text, mappings and lists (block style)."""
    if isinstance(value, str):
        return yaml.ScalarNode(_STR, value)
    if isinstance(value, dict):
        return yaml.MappingNode(
            _MAP, [(yaml.ScalarNode(_STR, k), _node(v)) for k, v in value.items()], flow_style=False
        )
    if isinstance(value, list):
        return yaml.SequenceNode(_SEQ, [_node(v) for v in value], flow_style=False)
    raise TypeError(f"a library document holds text, mappings and lists, not {type(value)}")


def library_document(lib: LibraryCopy) -> dict[str, Any]:
    """The library as the plain data its YAML text holds."""

    def bi(en: str, zh: str) -> Any:
        return {k: v for k, v in (("en", en), ("zh_CN", zh)) if v}

    children: dict[str, list[LibraryRow]] = {}
    nested: dict[str, list[LibraryRow]] = {}
    for row in lib.rows:
        if row.within and not row.is_section:
            nested.setdefault(row.within, []).append(row)
        else:
            children.setdefault(row.parent_ref, []).append(row)

    def requirement(q: LibraryRow) -> dict[str, Any]:
        out: dict[str, Any] = {"ref": q.ref, "title": bi(q.title_en, q.title_zh)}
        if q.statement_en or q.statement_zh:
            out["statement"] = bi(q.statement_en, q.statement_zh)
        if q.guidance_en or q.guidance_zh:
            out["guidance"] = bi(q.guidance_en, q.guidance_zh)
        if q.tags:
            out["tags"] = list(q.tags)
        if q.ref in nested:
            out["requirements"] = [requirement(n) for n in nested[q.ref]]
        return out

    def section(row: LibraryRow) -> dict[str, Any]:
        out: dict[str, Any] = {"ref": row.ref, "title": bi(row.title_en, row.title_zh)}
        if row.statement_en or row.statement_zh:
            out["statement"] = bi(row.statement_en, row.statement_zh)
        if row.guidance_en or row.guidance_zh:
            out["guidance"] = bi(row.guidance_en, row.guidance_zh)
        if row.tags:
            out["tags"] = list(row.tags)
        reqs = [c for c in children.get(row.ref, []) if not c.is_section]
        subs = [c for c in children.get(row.ref, []) if c.is_section]
        if reqs:
            out["requirements"] = [requirement(q) for q in reqs]
        if subs:
            out["sections"] = [section(s) for s in subs]
        return out

    return {
        "format": FORMAT,
        "id": lib.id,
        "name": bi(lib.name_en, lib.name_zh),
        "version": lib.version,
        "publisher": lib.publisher,
        "licence": lib.licence,
        "sections": [section(row) for row in children.get("", []) if row.is_section],
    }
