"""Requirement libraries inside a workspace: copying a library in (so the file opens
anywhere with the same checklist) and listing what the workspace holds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from qms_desktop.domain.errors import ValidationError
from qms_desktop.domain.requirements import LibraryCopy
from qms_desktop.services.changes import ChangeSet
from qms_desktop.storage.models import AssessmentRecord, LibraryRecord, RequirementRecord
from qms_desktop.storage.workspace import Workspace


def _check_copy(library: LibraryCopy) -> None:
    duplicates = sorted(ref for ref, n in Counter(r.ref for r in library.rows).items() if n > 1)
    if duplicates:
        raise ValidationError(
            "library", "core.library_duplicate_refs", library=library.id, refs=duplicates[:5]
        )
    if not any(not r.is_section for r in library.rows):
        raise ValidationError("library", "core.library_empty", library=library.id)


def _users(s: Session, library_id: str) -> list[str]:
    return [
        a.name for a in s.scalars(select(AssessmentRecord)) if library_id in a.library_ids.split()
    ]


def _remove_in(s: Session, library_id: str, code: str) -> None:
    existing = s.get(LibraryRecord, library_id)
    if existing is None:
        return
    in_use = _users(s, library_id)
    if in_use:
        raise ValidationError("library", code, library=library_id, assessment=in_use[0])
    s.execute(delete(RequirementRecord).where(RequirementRecord.library_id == library_id))
    s.delete(existing)
    s.flush()


def store_library_in(s: Session, library: LibraryCopy) -> int:
    """Copy a library in within the caller's transaction (replacing an earlier copy of the
    same id while no assessment uses it). Returns the number of requirements.

    The library row goes through the ORM (its audit entries are written by the flush);
    its requirement rows, which the trail does not hold (the library's text does), go in
    one executemany."""
    _check_copy(library)
    _remove_in(s, library.id, "core.library_in_use")
    s.add(
        LibraryRecord(
            id=library.id,
            name_en=library.name_en,
            name_zh=library.name_zh,
            version=library.version,
            source=library.source,
            content=library.content,
        )
    )
    s.flush()
    s.execute(
        insert(cast(Table, RequirementRecord.__table__)),
        [
            dict(
                library_id=library.id,
                position=i,
                depth=r.depth,
                is_section=r.is_section,
                ref=r.ref,
                parent_ref=r.parent_ref,
                title_en=r.title_en,
                title_zh=r.title_zh,
                guidance_en=r.guidance_en,
                guidance_zh=r.guidance_zh,
                tags=" ".join(r.tags),
                statement_en=r.statement_en,
                statement_zh=r.statement_zh,
                within=r.within,
            )
            for i, r in enumerate(library.rows)
        ],
    )
    return library.requirement_count


def store_library(ws: Workspace, actor: str, library: LibraryCopy) -> tuple[int, ChangeSet]:
    """Copy a library into the workspace (replacing an earlier copy of the same id while no
    assessment uses it). Returns the number of requirements."""
    _check_copy(library)
    with ws.editing(actor) as s:
        count = store_library_in(s, library)
    return count, ChangeSet(libraries=True)


def replace_library(
    ws: Workspace, actor: str, library_id: str, library: LibraryCopy | None
) -> tuple[LibraryCopy | None, ChangeSet]:
    """Make the workspace hold `library` under `library_id` (or nothing, when None), in one
    transaction; returns what it held before. Adding a library and undoing that are both
    this call."""
    if library is not None:
        _check_copy(library)
    before = library_copy(ws, library_id)
    with ws.editing(actor) as s:
        _remove_in(
            s,
            library_id,
            "core.library_in_use_remove" if library is None else "core.library_in_use",
        )
        if library is not None:
            store_library_in(s, library)
    return before, ChangeSet(libraries=True)


def read_library_file(
    path: Path, *, library_id: str | None = None, include_withdrawn: bool = False
) -> LibraryCopy:
    """A user's library (YAML format, OSCAL catalog in JSON or XML, CISO Assistant library)
    read and checked, not yet stored. `library_id` replaces the id the file gives;
    `include_withdrawn` keeps an OSCAL catalog's withdrawn controls (as sections marked
    withdrawn, never assessed)."""
    from qms_desktop.libraries import load_any

    library = load_any(Path(path), library_id=library_id, include_withdrawn=include_withdrawn)
    _check_copy(library)
    return library


def add_library_file(
    ws: Workspace,
    actor: str,
    path: Path,
    *,
    library_id: str | None = None,
    include_withdrawn: bool = False,
) -> tuple[LibraryCopy, int, ChangeSet]:
    """Copy a user's library into the workspace (`qms-desktop library add`). A library the
    workspace holds under the same id is never replaced silently: the same text again
    changes nothing, another text (a second edition) is refused with the advice to give
    it another id. The returned copy's `notes` say what reading noticed."""
    library = read_library_file(path, library_id=library_id, include_withdrawn=include_withdrawn)
    with ws.editing(actor) as s:
        held = s.get(LibraryRecord, library.id)
        if held is not None:
            if held.content == library.content:
                return library, library.requirement_count, ChangeSet(audit=False)
            raise ValidationError(
                "library",
                "libraries.already_held",
                library=library.id,
                held=held.version or "-",
                version=library.version or "-",
            )
        count = store_library_in(s, library)
    return library, count, ChangeSet(libraries=True)


def add_builtin_library(
    ws: Workspace, actor: str, library_id: str
) -> tuple[LibraryCopy, int, ChangeSet]:
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


def library_copy(ws: Workspace, library_id: str) -> LibraryCopy | None:
    """The library the workspace holds under `library_id`, as it was copied in."""
    from qms_desktop.domain.requirements import LibraryRow

    with ws.reading() as s:
        record = s.get(LibraryRecord, library_id)
        if record is None:
            return None
        r = RequirementRecord
        rows = tuple(
            LibraryRow(
                ref,
                parent,
                depth,
                bool(section),
                t_en,
                t_zh,
                g_en,
                g_zh,
                tuple(tags.split()),
                s_en,
                s_zh,
                within,
            )
            for ref, parent, depth, section, t_en, t_zh, g_en, g_zh, tags, s_en, s_zh, within in (
                s.execute(
                    select(
                        r.ref,
                        r.parent_ref,
                        r.depth,
                        r.is_section,
                        r.title_en,
                        r.title_zh,
                        r.guidance_en,
                        r.guidance_zh,
                        r.tags,
                        r.statement_en,
                        r.statement_zh,
                        r.within,
                    )
                    .where(r.library_id == library_id)
                    .order_by(r.position)
                )
            )
        )
        return LibraryCopy(
            record.id,
            record.name_en,
            record.name_zh,
            record.version,
            record.source,
            record.content,
            rows,
        )


def remove_library(ws: Workspace, actor: str, library_id: str) -> tuple[LibraryCopy, ChangeSet]:
    """Take a library out of the workspace while no assessment uses it; returns the copy."""
    before, changes = replace_library(ws, actor, library_id, None)
    if before is None:
        raise ValidationError("library", "core.no_such_library", library=library_id)
    return before, changes


def builtin_library_list() -> list[LibraryCopy]:
    """The libraries that come with the application."""
    from qms_desktop.libraries import builtin_libraries

    return list(builtin_libraries())
