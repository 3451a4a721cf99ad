"""Import an OSCAL catalog (NIST's open JSON format for control catalogs) as a
requirement library: groups become sections, controls and their enhancements become
requirements."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from qms_desktop.domain.requirements import LibraryCopy, LibraryRow
from qms_desktop.libraries.yaml_library import MAX_BYTES, LibraryError, library_to_yaml

_PARAM = re.compile(r"\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}")


def _label(control: dict[str, Any]) -> str:
    for prop in control.get("props") or []:
        if isinstance(prop, dict) and prop.get("name") == "label" and prop.get("value"):
            return str(prop["value"]).strip()
    return str(control.get("id", "")).strip()


def _prose(part: dict[str, Any]) -> str:
    """A part's prose with its sub-parts, parameters shown as [name]."""
    lines = []
    if part.get("prose"):
        lines.append(_PARAM.sub(lambda m: f"[{m.group(1)}]", str(part["prose"])))
    for sub in part.get("parts") or []:
        if isinstance(sub, dict):
            label = _label(sub)
            text = _prose(sub)
            if text:
                lines.append(f"{label} {text}".strip() if label and label != sub.get("id") else text)
    return "\n".join(lines).strip()


def _guidance(control: dict[str, Any]) -> str:
    parts = [p for p in control.get("parts") or [] if isinstance(p, dict)]
    for name in ("guidance", "statement", "objective", "assessment-objective"):
        for part in parts:
            if part.get("name") == name:
                text = _prose(part)
                if text:
                    return text
    return ""


def catalog_to_library(data: Any, source: str) -> LibraryCopy:
    if not isinstance(data, dict) or "catalog" not in data:
        kind = next(iter(data)) if isinstance(data, dict) and data else type(data).__name__
        raise LibraryError(f"{source} is not an OSCAL catalog (its top level is {kind!r}, not 'catalog'). "
                           "Profiles, component definitions and other OSCAL models cannot be imported.")
    catalog = data["catalog"]
    if not isinstance(catalog, dict):
        raise LibraryError(f"{source}: 'catalog' must be an object.")
    meta_value = catalog.get("metadata")
    meta: dict[str, Any] = meta_value if isinstance(meta_value, dict) else {}
    title = str(meta.get("title") or "").strip()
    if not title:
        raise LibraryError(f"{source}: the catalog's metadata has no title.")
    uuid = str(catalog.get("uuid") or "").strip()
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "catalog"
    lib_id = f"oscal-{slug}"
    rows: list[LibraryRow] = []
    seen: set[str] = set()

    def add(row: LibraryRow, where: str) -> None:
        if row.ref in seen:
            raise LibraryError(f"{source}: {where} uses the id {row.ref!r} a second time.")
        seen.add(row.ref)
        rows.append(row)

    def controls(items: Any, parent: str, depth: int, where: str) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            raise LibraryError(f"{source}: {where}.controls must be a list.")
        for i, control in enumerate(items):
            path = f"{where}.controls[{i}]"
            if not isinstance(control, dict) or not control.get("id") or not control.get("title"):
                raise LibraryError(f"{source}: {path} needs an id and a title.")
            ref = _label(control)
            add(LibraryRow(ref, parent, depth, False, str(control["title"]).strip(), "", _guidance(control), "",
                           tuple(str(c) for c in [control.get("class")] if c)), path)
            controls(control.get("controls"), parent, depth, path)  # enhancements follow their control

    def groups(items: Any, parent: str, depth: int, where: str) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            raise LibraryError(f"{source}: {where}.groups must be a list.")
        for i, group in enumerate(items):
            path = f"{where}.groups[{i}]"
            if not isinstance(group, dict) or not group.get("title"):
                raise LibraryError(f"{source}: {path} needs a title.")
            ref = _label(group) or f"group-{len(rows) + 1}"
            add(LibraryRow(ref, parent, depth, True, str(group["title"]).strip()), path)
            controls(group.get("controls"), ref, depth + 1, path)
            groups(group.get("groups"), ref, depth + 1, path)

    groups(catalog.get("groups"), "", 0, "catalog")
    if catalog.get("controls"):
        add(LibraryRow("controls", "", 0, True, "Controls"), "catalog")
        controls(catalog.get("controls"), "controls", 1, "catalog")
    if not any(not r.is_section for r in rows):
        raise LibraryError(f"{source}: the catalog holds no controls.")
    draft = LibraryCopy(lib_id, title, "", str(meta.get("version") or ""), "oscal", "", tuple(rows),
                        publisher=f"OSCAL catalog {uuid}".strip(), licence="As published with the catalog.")
    return LibraryCopy(draft.id, draft.name_en, "", draft.version, "oscal", library_to_yaml(draft), draft.rows,
                       draft.publisher, draft.licence)


def import_oscal_catalog(path: Path) -> LibraryCopy:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LibraryError(f"{path.name} is larger than {MAX_BYTES // 1048576} MB.")
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise LibraryError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError:
        raise LibraryError(f"{path.name} is not UTF-8 JSON.") from None
    except json.JSONDecodeError as exc:
        raise LibraryError(f"{path.name}, line {exc.lineno}: not valid JSON ({exc.msg}).") from None
    except RecursionError:
        raise LibraryError(f"{path.name}: the JSON is nested too deeply.") from None
    return catalog_to_library(data, path.name)
