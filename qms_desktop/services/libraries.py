"""Requirement libraries inside a workspace: copying a library in (so the file opens
anywhere with the same checklist) and listing what the workspace holds."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import delete, select

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
        raise ValidationError("library", f"Library {library.id} uses reference codes more than once: "
                              f"{', '.join(duplicates[:5])}.")
    if not any(not r.is_section for r in library.rows):
        raise ValidationError("library", f"Library {library.id} holds no requirements.")
    with ws.editing(actor) as s:
        existing = s.get(LibraryRecord, library.id)
        if existing is not None:
            in_use = [a.name for a in s.scalars(select(AssessmentRecord))
                      if library.id in a.library_ids.split()]
            if in_use:
                raise ValidationError(
                    "library", f"The workspace already holds library {library.id}, used by the assessment "
                    f"“{in_use[0]}”; it is kept as it is so that assessment stays as it was.")
            s.execute(delete(RequirementRecord).where(RequirementRecord.library_id == library.id))
            s.delete(existing)
            s.flush()
        s.add(LibraryRecord(id=library.id, name_en=library.name_en, name_zh=library.name_zh,
                            version=library.version, source=library.source, content=library.content))
        s.flush()
        s.execute(
            RequirementRecord.__table__.insert(),
            [dict(library_id=library.id, position=i, depth=r.depth, is_section=r.is_section, ref=r.ref,
                  parent_ref=r.parent_ref, title_en=r.title_en, title_zh=r.title_zh,
                  guidance_en=r.guidance_en, guidance_zh=r.guidance_zh, tags=" ".join(r.tags))
             for i, r in enumerate(library.rows)],
        )
    count = sum(1 for r in library.rows if not r.is_section)
    return count, ChangeSet(libraries=True)
