"""Import an OSCAL catalog (NIST's open format for control catalogs, in JSON or XML) as a
requirement library: groups become sections, controls requirements, and a control's
enhancements requirements nested within it. A control keeps its statement (parameters
written the way NIST prints them: "[Assignment: organization-defined …]", "[Selection
(one or more): …]") apart from its guidance. Withdrawn controls are left out (and
counted) unless asked for, then kept as sections marked withdrawn: never assessed.

Whatever the file holds, the only error is LibraryError: nesting is bounded (groups,
controls, parts and parameters within parameters), text fields must be plain JSON
values, numbers too long to read and text that is not valid Unicode are refused, XML is
read without entities or a DTD. OSCAL's YAML form is not read.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from qms_desktop.domain.messages import Message
from qms_desktop.domain.requirements import LibraryCopy, LibraryRow
from qms_desktop.libraries.yaml_library import (
    MAX_BYTES,
    LibraryError,
    check_library_id,
    library_to_yaml,
)

_PARAM = re.compile(r"\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}")
# Deepest nesting of groups in groups, of controls in controls (enhancements) and of
# parts in parts that is read. Real catalogs (NIST SP 800-53) nest three or four.
MAX_DEPTH = 24
# Parameters inside a parameter's choices are followed this far (and never round a cycle).
MAX_PARAM_NESTING = 4
# A label is used as the reference when it is "clean": one word of at most this many
# characters ("AC-2(1)", "GV.OC-01", "03.01.01") — not a title such as NIST CPRT's
# "Account Management (03.01.01)".
MAX_REF = 40
_CLEAN_REF = re.compile(rf"\S{{1,{MAX_REF}}}")
WITHDRAWN = "withdrawn"  # the tag of a withdrawn control kept as a section


class _TooDeep(Exception):
    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def _text(value: Any) -> str:
    """A JSON scalar as text; anything else (a list, an object) as nothing."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    return ((i, v) for i, v in enumerate(_list(value)) if isinstance(v, dict))


def _props(item: dict[str, Any], name: str) -> list[str]:
    return [
        _text(p.get("value")).strip() for _, p in _dicts(item.get("props")) if p.get("name") == name
    ]


def _ref(item: dict[str, Any]) -> str:
    """The reference: the first clean label, else the id, else the sort-id."""
    for label in _props(item, "label"):
        if _CLEAN_REF.fullmatch(label):
            return label
    item_id = _text(item.get("id")).strip()
    if item_id:
        return item_id
    for sort_id in _props(item, "sort-id"):
        if sort_id:
            return sort_id
    return ""


def _is_withdrawn(control: dict[str, Any]) -> bool:
    return any(v.casefold() == WITHDRAWN for v in _props(control, "status"))


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")


def library_id_for(title: str, short_title: str, version: str) -> str:
    """`oscal-<short title>-<version>`: two editions of one catalog get two ids."""
    short = _slug(short_title) or _slug(re.split(r":| — | - ", title, maxsplit=1)[0])
    if len(short) > 48:
        short = short[:48].rsplit("-", 1)[0]
    short = short or "catalog"
    edition = _slug(version)[:24]
    if edition and not short.endswith(edition):
        short = f"{short}-{edition}"
    return f"oscal-{short}"[:80].strip("-.")


class _Catalog:
    """One catalog being read: its parameters and control references (gathered first, so
    a statement may use a parameter or name a control defined further on), the rows made
    and what was noticed on the way."""

    def __init__(self, source: str, include_withdrawn: bool) -> None:
        self.source = source
        self.include_withdrawn = include_withdrawn
        self.params: dict[str, dict[str, Any]] = {}
        self.refs: dict[str, str] = {}  # control id -> reference
        self.rows: list[LibraryRow] = []
        self.seen: set[str] = set()
        self.section_depth: dict[str, int] = {}
        self.withdrawn_left_out = 0
        self.untitled: list[str] = []

    # -- the first pass: parameters and references ------------------------------------
    def gather(self, item: dict[str, Any], where: str, depth: int) -> None:
        if depth > 2 * MAX_DEPTH + 2:  # groups in groups, then controls in controls
            raise _TooDeep(where)
        for _, param in _dicts(item.get("params")):
            pid = _text(param.get("id")).strip()
            if pid:
                self.params.setdefault(pid, param)
        for key in ("groups", "controls"):
            for i, child in _dicts(item.get(key)):
                if key == "controls":
                    cid = _text(child.get("id")).strip()
                    if cid:
                        self.refs.setdefault(cid, _ref(child))
                self.gather(child, f"{where}.{key}[{i}]", depth + 1)

    # -- text -------------------------------------------------------------------------
    def param(self, pid: str, stack: tuple[str, ...]) -> str:
        param = self.params.get(pid)
        if param is None or pid in stack or len(stack) >= MAX_PARAM_NESTING:
            return f"[Assignment: {pid}]"
        values = [_text(v).strip() for v in _list(param.get("values"))]
        if any(values):
            return ", ".join(v for v in values if v)
        select = param.get("select")
        if isinstance(select, dict):
            choices = [
                self.inline(_text(c), (*stack, pid)).strip() for c in _list(select.get("choice"))
            ]
            how = _text(select.get("how-many")).strip()
            head = "Selection (one or more)" if how == "one-or-more" else "Selection"
            return f"[{head}: {'; '.join(c for c in choices if c)}]"
        label = _text(param.get("label")).strip()
        if not label:
            label = " ".join(
                _text(g.get("prose")).strip() for _, g in _dicts(param.get("guidelines"))
            ).strip()
        return f"[Assignment: {self.inline(label, (*stack, pid)) if label else pid}]"

    def inline(self, prose: str, stack: tuple[str, ...] = ()) -> str:
        return _PARAM.sub(lambda m: self.param(m.group(1), stack), prose)

    def prose(self, part: dict[str, Any], where: str, depth: int = 0) -> list[str]:
        """A part's prose then its sub-parts' ("a." … "1." …), indented by level."""
        if depth > MAX_DEPTH:
            raise _TooDeep(where)
        lines = []
        text = self.inline(_text(part.get("prose"))).strip()
        if text:
            lines.append(text)
        for i, sub in _dicts(part.get("parts")):
            sub_lines = self.prose(sub, f"{where}.parts[{i}]", depth + 1)
            if not sub_lines:
                continue
            labels = _props(sub, "label")
            if labels and labels[0]:
                sub_lines[0] = f"{labels[0]} {sub_lines[0]}"
            lines.extend(("  " + line) if depth else line for line in sub_lines)
        return lines

    def parts(self, control: dict[str, Any], where: str, *names: str) -> str:
        for name in names:
            found = [
                "\n".join(self.prose(part, f"{where}.parts[{i}]"))
                for i, part in _dicts(control.get("parts"))
                if part.get("name") == name
            ]
            text = "\n\n".join(t for t in found if t).strip()
            if text:
                return text
        return ""

    def withdrawn_note(self, control: dict[str, Any]) -> str:
        moved = []
        for _, link in _dicts(control.get("links")):
            rel = _text(link.get("rel")).strip()
            href = _text(link.get("href")).strip()
            if rel in ("incorporated-into", "moved-to") and href.startswith("#"):
                target = self.refs.get(href[1:], href[1:])
                if target not in moved:
                    moved.append(target)
        how = "Incorporated into" if moved else ""
        return f"Withdrawn. {how} {', '.join(moved)}.".replace(" .", "").strip()

    # -- the rows ---------------------------------------------------------------------
    def add(self, row: LibraryRow, where: str) -> None:
        if row.ref in self.seen:
            raise LibraryError(
                "libraries.oscal_id_twice", source=self.source, where=where, ref=repr(row.ref)
            )
        self.seen.add(row.ref)
        self.rows.append(row)

    def title(self, item: dict[str, Any], ref: str, where: str) -> str:
        title = self.inline(_text(item.get("title"))).strip()
        if not title:
            self.untitled.append(where)
            return ref
        return title

    def controls(
        self, items: Any, section: str, depth: int, within: str, where: str, level: int
    ) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            raise LibraryError(
                "libraries.oscal_not_a_list", source=self.source, where=f"{where}.controls"
            )
        if level > MAX_DEPTH:
            raise _TooDeep(f"{where}.controls")
        for i, control in enumerate(items):
            path = f"{where}.controls[{i}]"
            ref = _ref(control) if isinstance(control, dict) else ""
            if not ref:
                raise LibraryError(
                    "libraries.oscal_control_needs_id", source=self.source, where=path
                )
            assert isinstance(control, dict)
            classes = tuple(c for c in [_text(control.get("class")).strip()] if c)
            if _is_withdrawn(control):
                if self.include_withdrawn:
                    title = self.title(control, ref, path)
                    # a section, so it stands in its control's section, one level below it
                    self.add(
                        LibraryRow(
                            ref,
                            section,
                            self.section_depth.get(section, depth - 1) + 1,
                            True,
                            title,
                            guidance_en=self.withdrawn_note(control),
                            tags=(*classes, WITHDRAWN),
                        ),
                        path,
                    )
                else:
                    self.withdrawn_left_out += 1
                # What a withdrawn control still holds stands where it would have.
                self.controls(control.get("controls"), section, depth, within, path, level + 1)
                continue
            self.add(
                LibraryRow(
                    ref,
                    section,
                    depth,
                    False,
                    self.title(control, ref, path),
                    guidance_en=self.parts(control, path, "guidance"),
                    tags=classes,
                    statement_en=self.parts(
                        control, path, "statement", "objective", "assessment-objective", "overview"
                    ),
                    within=within,
                ),
                path,
            )
            self.controls(control.get("controls"), section, depth + 1, ref, path, level + 1)

    def groups(self, items: Any, parent: str, depth: int, where: str) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            raise LibraryError(
                "libraries.oscal_not_a_list", source=self.source, where=f"{where}.groups"
            )
        if depth > MAX_DEPTH:
            raise _TooDeep(f"{where}.groups")
        for i, group in enumerate(items):
            path = f"{where}.groups[{i}]"
            if not isinstance(group, dict):
                raise LibraryError(
                    "libraries.oscal_group_needs_title", source=self.source, where=path
                )
            ref = _ref(group) or f"group-{len(self.rows) + 1}"
            overview = self.parts(group, path, "overview", "statement")
            self.section_depth[ref] = depth
            self.add(
                LibraryRow(
                    ref, parent, depth, True, self.title(group, ref, path), statement_en=overview
                ),
                path,
            )
            self.controls(group.get("controls"), ref, depth + 1, "", path, 0)
            self.groups(group.get("groups"), ref, depth + 1, path)


def catalog_to_library(
    data: Any, source: str, *, library_id: str | None = None, include_withdrawn: bool = False
) -> LibraryCopy:
    """The library an OSCAL catalog (parsed JSON, or XML made into the same shape) holds."""
    if isinstance(data, dict) and "profile" in data and "catalog" not in data:
        raise LibraryError("libraries.oscal_profile", source=source)
    if not isinstance(data, dict) or "catalog" not in data:
        kind = next(iter(data)) if isinstance(data, dict) and data else type(data).__name__
        raise LibraryError("libraries.not_oscal_catalog", source=source, kind=repr(kind))
    try:
        return _catalog_to_library(data, source, library_id, include_withdrawn)
    except _TooDeep as exc:
        raise LibraryError(
            "libraries.oscal_too_deep", source=source, where=exc.where, limit=MAX_DEPTH
        ) from None


def _catalog_to_library(
    data: dict[str, Any], source: str, library_id: str | None, include_withdrawn: bool
) -> LibraryCopy:
    catalog = data["catalog"]
    if not isinstance(catalog, dict):
        raise LibraryError("libraries.oscal_catalog_not_object", source=source)
    meta_value = catalog.get("metadata")
    meta: dict[str, Any] = meta_value if isinstance(meta_value, dict) else {}
    notes: list[Message] = []
    title = _text(meta.get("title")).strip()
    if not title:
        title = Path(source).stem or "catalog"
        notes.append(Message("libraries.note_catalog_untitled", {"source": source, "title": title}))
    uuid = _text(catalog.get("uuid")).strip()
    version = _text(meta.get("version")).strip()
    short = next((v for v in _props(meta, "short-title") if v), "")
    lib_id = check_library_id(library_id) if library_id else library_id_for(title, short, version)
    reader = _Catalog(source, include_withdrawn)
    reader.gather(catalog, "catalog", 0)
    reader.groups(catalog.get("groups"), "", 0, "catalog")
    if catalog.get("controls"):
        reader.add(LibraryRow("controls", "", 0, True, "Controls"), "catalog")
        reader.section_depth["controls"] = 0
        reader.controls(catalog.get("controls"), "controls", 1, "", "catalog", 0)
    rows = reader.rows
    if not any(not r.is_section for r in rows):
        if reader.withdrawn_left_out:
            raise LibraryError(
                "libraries.oscal_only_withdrawn", source=source, count=reader.withdrawn_left_out
            )
        raise LibraryError("libraries.oscal_no_controls", source=source)
    if not all(
        _is_text(t)
        for r in rows
        for t in (r.ref, r.title_en, r.statement_en, r.guidance_en, *r.tags)
    ) or not _is_text(title + uuid + version):
        raise LibraryError("libraries.oscal_not_unicode", source=source)
    if reader.untitled:
        notes.append(
            Message(
                "libraries.note_untitled",
                {
                    "source": source,
                    "count": len(reader.untitled),
                    "where": reader.untitled[:3],
                },
            )
        )
    if reader.withdrawn_left_out:
        notes.append(
            Message(
                "libraries.note_withdrawn_left_out",
                {"source": source, "count": reader.withdrawn_left_out},
            )
        )
    draft = LibraryCopy(
        lib_id,
        title,
        "",
        version,
        "oscal",
        "",
        tuple(rows),
        publisher=f"OSCAL catalog {uuid}".strip(),
        licence="As published with the catalog.",
    )
    return LibraryCopy(
        draft.id,
        draft.name_en,
        "",
        draft.version,
        "oscal",
        library_to_yaml(draft),
        draft.rows,
        draft.publisher,
        draft.licence,
        tuple(notes),
    )


def read_oscal_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LibraryError(
                "libraries.oscal_too_large", name=path.name, limit_mb=MAX_BYTES // 1048576
            )
        return path.read_bytes()
    except OSError as exc:
        raise LibraryError(
            "libraries.cannot_read", path=str(path), reason=exc.strerror or str(exc)
        ) from exc


def import_oscal_catalog(
    path: Path, *, library_id: str | None = None, include_withdrawn: bool = False
) -> LibraryCopy:
    """An OSCAL catalog file, JSON or XML (told apart by its first character)."""
    path = Path(path)
    raw = read_oscal_bytes(path)
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        from qms_desktop.libraries.oscal_xml import xml_to_data

        data = xml_to_data(raw, path.name)
    else:
        data = _json(raw, path.name)
    return catalog_to_library(
        data, path.name, library_id=library_id, include_withdrawn=include_withdrawn
    )


def _json(raw: bytes, name: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise LibraryError("libraries.oscal_not_utf8", name=name) from None
    except json.JSONDecodeError as exc:
        raise LibraryError(
            "libraries.oscal_bad_json", name=name, line=exc.lineno, detail=exc.msg
        ) from None
    except RecursionError:
        raise LibraryError("libraries.oscal_json_too_deep", name=name) from None
    except ValueError:  # the only other one: an integer longer than Python will convert
        raise LibraryError(
            "libraries.oscal_number_too_long", name=name, limit=sys.get_int_max_str_digits()
        ) from None
