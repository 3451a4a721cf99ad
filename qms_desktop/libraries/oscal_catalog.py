"""Import an OSCAL catalog (NIST's open JSON format for control catalogs) as a
requirement library: groups become sections, controls and their enhancements become
requirements.

Whatever the file holds, the only error is LibraryError: nesting is bounded (groups,
controls and parts), text fields must be plain JSON values, numbers too long to read and
text that is not valid Unicode are refused. OSCAL's YAML and XML forms are not read.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from qms_desktop.domain.requirements import LibraryCopy, LibraryRow
from qms_desktop.libraries.yaml_library import MAX_BYTES, LibraryError, library_to_yaml

_PARAM = re.compile(r"\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}")
# Deepest nesting of groups in groups, of controls in controls (enhancements) and of
# parts in parts that is read. Real catalogs (NIST SP 800-53) nest three or four.
MAX_DEPTH = 24


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


def _label(control: dict[str, Any]) -> str:
    for prop in _list(control.get("props")):
        if isinstance(prop, dict) and prop.get("name") == "label":
            label = _text(prop.get("value")).strip()
            if label:
                return label
    return _text(control.get("id")).strip()


def _prose(part: dict[str, Any], where: str, depth: int = 0) -> str:
    """A part's prose with its sub-parts, parameters shown as [name]."""
    if depth > MAX_DEPTH:
        raise _TooDeep(where)
    lines = []
    prose = _text(part.get("prose"))
    if prose:
        lines.append(_PARAM.sub(lambda m: f"[{m.group(1)}]", prose))
    for i, sub in enumerate(_list(part.get("parts"))):
        if isinstance(sub, dict):
            label = _label(sub)
            text = _prose(sub, f"{where}.parts[{i}]", depth + 1)
            if text:
                lines.append(
                    f"{label} {text}".strip() if label and label != _text(sub.get("id")) else text
                )
    return "\n".join(lines).strip()


def _guidance(control: dict[str, Any], where: str) -> str:
    parts = [(i, p) for i, p in enumerate(_list(control.get("parts"))) if isinstance(p, dict)]
    for name in ("guidance", "statement", "objective", "assessment-objective"):
        for i, part in parts:
            if part.get("name") == name:
                text = _prose(part, f"{where}.parts[{i}]")
                if text:
                    return text
    return ""


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def catalog_to_library(data: Any, source: str) -> LibraryCopy:
    if not isinstance(data, dict) or "catalog" not in data:
        kind = next(iter(data)) if isinstance(data, dict) and data else type(data).__name__
        raise LibraryError("libraries.not_oscal_catalog", source=source, kind=repr(kind))
    try:
        return _catalog_to_library(data, source)
    except _TooDeep as exc:
        raise LibraryError(
            "libraries.oscal_too_deep", source=source, where=exc.where, limit=MAX_DEPTH
        ) from None


def _catalog_to_library(data: dict[str, Any], source: str) -> LibraryCopy:
    catalog = data["catalog"]
    if not isinstance(catalog, dict):
        raise LibraryError("libraries.oscal_catalog_not_object", source=source)
    meta_value = catalog.get("metadata")
    meta: dict[str, Any] = meta_value if isinstance(meta_value, dict) else {}
    title = _text(meta.get("title")).strip()
    if not title:
        raise LibraryError("libraries.oscal_no_title", source=source)
    uuid = _text(catalog.get("uuid")).strip()
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "catalog"
    lib_id = f"oscal-{slug}"
    rows: list[LibraryRow] = []
    seen: set[str] = set()

    def add(row: LibraryRow, where: str) -> None:
        if row.ref in seen:
            raise LibraryError(
                "libraries.oscal_id_twice", source=source, where=where, ref=repr(row.ref)
            )
        seen.add(row.ref)
        rows.append(row)

    def controls(items: Any, parent: str, depth: int, where: str, level: int) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            raise LibraryError(
                "libraries.oscal_not_a_list", source=source, where=f"{where}.controls"
            )
        if level > MAX_DEPTH:
            raise _TooDeep(f"{where}.controls")
        for i, control in enumerate(items):
            path = f"{where}.controls[{i}]"
            if (
                not isinstance(control, dict)
                or not _text(control.get("id")).strip()
                or not _text(control.get("title")).strip()
            ):
                raise LibraryError("libraries.oscal_control_needs_id", source=source, where=path)
            classes = tuple(c for c in [_text(control.get("class"))] if c)
            add(
                LibraryRow(
                    _label(control),
                    parent,
                    depth,
                    False,
                    _text(control["title"]).strip(),
                    "",
                    _guidance(control, path),
                    "",
                    classes,
                ),
                path,
            )
            controls(control.get("controls"), parent, depth, path, level + 1)  # enhancements follow

    def groups(items: Any, parent: str, depth: int, where: str) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            raise LibraryError("libraries.oscal_not_a_list", source=source, where=f"{where}.groups")
        if depth > MAX_DEPTH:
            raise _TooDeep(f"{where}.groups")
        for i, group in enumerate(items):
            path = f"{where}.groups[{i}]"
            if not isinstance(group, dict) or not _text(group.get("title")).strip():
                raise LibraryError("libraries.oscal_group_needs_title", source=source, where=path)
            ref = _label(group) or f"group-{len(rows) + 1}"
            add(LibraryRow(ref, parent, depth, True, _text(group["title"]).strip()), path)
            controls(group.get("controls"), ref, depth + 1, path, 0)
            groups(group.get("groups"), ref, depth + 1, path)

    groups(catalog.get("groups"), "", 0, "catalog")
    if catalog.get("controls"):
        add(LibraryRow("controls", "", 0, True, "Controls"), "catalog")
        controls(catalog.get("controls"), "controls", 1, "catalog", 0)
    if not any(not r.is_section for r in rows):
        raise LibraryError("libraries.oscal_no_controls", source=source)
    if not all(
        _is_text(t) for r in rows for t in (r.ref, r.title_en, r.guidance_en, *r.tags)
    ) or not _is_text(title + uuid):
        raise LibraryError("libraries.oscal_not_unicode", source=source)
    draft = LibraryCopy(
        lib_id,
        title,
        "",
        _text(meta.get("version")),
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
    )


def import_oscal_catalog(path: Path) -> LibraryCopy:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LibraryError(
                "libraries.oscal_too_large", name=path.name, limit_mb=MAX_BYTES // 1048576
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise LibraryError(
            "libraries.cannot_read", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise LibraryError("libraries.oscal_not_utf8", name=path.name) from None
    except json.JSONDecodeError as exc:
        raise LibraryError(
            "libraries.oscal_bad_json", name=path.name, line=exc.lineno, detail=exc.msg
        ) from None
    except RecursionError:
        raise LibraryError("libraries.oscal_json_too_deep", name=path.name) from None
    except ValueError:  # the only other one: an integer longer than Python will convert
        raise LibraryError(
            "libraries.oscal_number_too_long", name=path.name, limit=sys.get_int_max_str_digits()
        ) from None
    return catalog_to_library(data, path.name)
