"""Requirement libraries: the built-in ones, a user's own in the same YAML format, and
OSCAL catalogs."""

from __future__ import annotations

from pathlib import Path

from qms_desktop.domain.requirements import LibraryCopy
from qms_desktop.libraries.oscal_catalog import catalog_to_library, import_oscal_catalog
from qms_desktop.libraries.yaml_library import (
    LibraryError,
    library_to_yaml,
    load_library,
    load_library_text,
)
from qms_desktop.paths import LIBRARIES

__all__ = [
    "LibraryCopy",
    "LibraryError",
    "builtin_libraries",
    "builtin_library",
    "catalog_to_library",
    "import_oscal_catalog",
    "library_to_yaml",
    "load_any",
    "load_library",
    "load_library_text",
]


def builtin_libraries() -> list[LibraryCopy]:
    """The libraries shipped with QMS Desktop, in a stable order."""
    return [load_library(path, origin="built-in") for path in sorted(LIBRARIES.glob("*.yaml"))]


def builtin_library(library_id: str) -> LibraryCopy:
    for lib in builtin_libraries():
        if lib.id == library_id:
            return lib
    known = [lib.id for lib in builtin_libraries()]
    raise LibraryError("libraries.no_builtin", library=repr(library_id), known=known)


def load_any(path: Path) -> LibraryCopy:
    """A user's library file: OSCAL catalog JSON or the YAML format, told apart by content."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise LibraryError(
            "libraries.cannot_read", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    if head.startswith((b"{", b"[")):
        return import_oscal_catalog(path)
    return load_library(path)
