"""Requirement libraries inside a workspace: copying a library in (so the file opens
anywhere with the same checklist) and listing what the workspace holds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import cast

from sqlalchemy import Table, delete, insert, select

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.requirements import LibraryCopy
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.models import AssessmentRecord, LibraryRecord, RequirementRecord
from qms_desktop.storage.workspace import Workspace


def store_library(ws: Workspace, actor: str, library: LibraryCopy) -> tuple[int, ChangeSet]:
    """Copy a library into the workspace (replacing an earlier copy of the same id while no
    assessment uses it). Returns the number of requirements."""
    duplicates = sorted(ref for ref, n in Counter(r.ref for r in library.rows).items() if n > 1)
    if duplicates:
        raise ValidationError("library", "core.library_duplicate_refs", library=library.id,
                              refs=duplicates[:5])
    if not any(not r.is_section for r in library.rows):
        raise ValidationError("library", "core.library_empty", library=library.id)
    with ws.editing(actor) as s:
        existing = s.get(LibraryRecord, library.id)
        if existing is not None:
            in_use = [a.name for a in s.scalars(select(AssessmentRecord))
                      if library.id in a.library_ids.split()]
            if in_use:
                raise ValidationError("library", "core.library_in_use", library=library.id,
                                      assessment=in_use[0])
            s.execute(delete(RequirementRecord).where(RequirementRecord.library_id == library.id))
            s.delete(existing)
            s.flush()
        s.add(LibraryRecord(id=library.id, name_en=library.name_en, name_zh=library.name_zh,
                            version=library.version, source=library.source, content=library.content))
        s.flush()
        s.execute(
            insert(cast(Table, RequirementRecord.__table__)),
            [dict(library_id=library.id, position=i, depth=r.depth, is_section=r.is_section, ref=r.ref,
                  parent_ref=r.parent_ref, title_en=r.title_en, title_zh=r.title_zh,
                  guidance_en=r.guidance_en, guidance_zh=r.guidance_zh, tags=" ".join(r.tags))
             for i, r in enumerate(library.rows)],
        )
    count = sum(1 for r in library.rows if not r.is_section)
    return count, ChangeSet(libraries=True)


def add_library_file(ws: Workspace, actor: str, path: Path) -> tuple[LibraryCopy, int, ChangeSet]:
    """Copy a user's library (YAML format or OSCAL catalog JSON) into the workspace."""
    from qms_desktop.libraries import load_any

    library = load_any(Path(path))
    count, changes = store_library(ws, actor, library)
    return library, count, changes


def add_builtin_library(ws: Workspace, actor: str, library_id: str) -> tuple[LibraryCopy, int, ChangeSet]:
    from qms_desktop.libraries import builtin_library

    library = builtin_library(library_id)
    count, changes = store_library(ws, actor, library)
    return library, count, changes


def ensure_builtin_libraries(ws: Workspace, actor: str, library_ids: list[str]) -> ChangeSet:
    """Copy the named built-in libraries in unless the workspace already holds them."""
    from qms_desktop.libraries import builtin_library

    with ws.reading() as s:
        held = set(s.scalars(select(LibraryRecord.id)))
    changes = ChangeSet(audit=False)
    for library_id in library_ids:
        if library_id not in held:
            _, step_changes = store_library(ws, actor, builtin_library(library_id))
            changes = changes | step_changes
    return changes
