"""A requirement library as plain data: sections and requirements in reading order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LibraryRow:
    """One node of a library's tree, flattened in reading order."""

    ref: str
    parent_ref: str  # the section it stands in ("" at the top)
    depth: int
    is_section: bool
    title_en: str
    title_zh: str = ""
    guidance_en: str = ""
    guidance_zh: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class LibraryCopy:
    """A whole library: what a workspace stores so it opens anywhere with the same checklist."""

    id: str
    name_en: str
    name_zh: str
    version: str
    source: str  # built-in / yaml / oscal
    content: str  # the library in the YAML format, to load it back identically
    rows: tuple[LibraryRow, ...]
    publisher: str = ""
    licence: str = ""

    @property
    def requirement_count(self) -> int:
        return sum(1 for r in self.rows if not r.is_section)

    def name(self, lang: str) -> str:
        return (self.name_zh or self.name_en) if lang == "zh_CN" else (self.name_en or self.name_zh)
