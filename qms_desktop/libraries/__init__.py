"""Requirement libraries: the built-in ones, a user's own in the same YAML format, OSCAL
catalogs (JSON or XML) and CISO Assistant frameworks."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from qms_desktop.domain.requirements import LibraryCopy
from qms_desktop.libraries.oscal_catalog import catalog_to_library, import_oscal_catalog
from qms_desktop.libraries.yaml_library import (
    LibraryError,
    check_library_id,
    library_to_yaml,
    load_library,
    load_library_text,
    read_text,
)
from qms_desktop.paths import LIBRARIES

__all__ = [
    "LibraryCopy",
    "LibraryError",
    "builtin_libraries",
    "builtin_library",
    "check_library_id",
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


def load_any(
    path: Path, *, library_id: str | None = None, include_withdrawn: bool = False
) -> LibraryCopy:
    """A user's library file, told apart by content: an OSCAL catalog (JSON or XML), a
    CISO Assistant library or the YAML format. `library_id` replaces the id the file
    gives; `include_withdrawn` keeps an OSCAL catalog's withdrawn controls (as sections
    marked withdrawn, never assessed)."""
    with _collector_paused():
        return _load_any(Path(path), library_id, include_withdrawn)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading a catalog makes a few hundred thousand containers, none in a cycle: the
    cycle collector would walk them all several times over (a third of the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_any(path: Path, library_id: str | None, include_withdrawn: bool) -> LibraryCopy:
    from qms_desktop.libraries.ciso_assistant import (
        framework_to_library,
        looks_like_ciso_assistant,
    )

    try:
        with path.open("rb") as f:
            head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise LibraryError(
            "libraries.cannot_read", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    if head.startswith((b"{", b"[", b"<")):
        return import_oscal_catalog(
            path, library_id=library_id, include_withdrawn=include_withdrawn
        )
    text = read_text(path)
    if looks_like_ciso_assistant(text):
        return framework_to_library(text, path.name, library_id=library_id)
    library = load_library_text(text, path.name)
    if library_id and library_id != library.id:
        renamed = replace(library, id=check_library_id(library_id))
        return replace(renamed, content=library_to_yaml(renamed))
    return library
