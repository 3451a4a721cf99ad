"""A requirement library as plain data: sections and requirements in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field

from qms_desktop.domain.messages import Message


def in_language(en: str, zh: str, lang: str) -> str:
    """A text kept in English and Chinese, in `lang`, the other when that one is empty."""
    return (zh or en) if lang == "zh_CN" else (en or zh)


@dataclass(frozen=True)
class LibraryRow:
    """One node of a library's tree, flattened in reading order.

    A section groups; a requirement is what is assessed. A requirement may stand within
    another requirement (a control enhancement within its control): `within` names it,
    while `parent_ref` stays the section both stand in, so grouping by section holds."""

    ref: str
    parent_ref: str  # the section it stands in ("" at the top)
    depth: int
    is_section: bool
    title_en: str
    title_zh: str = ""
    guidance_en: str = ""
    guidance_zh: str = ""
    tags: tuple[str, ...] = ()
    statement_en: str = ""  # what the requirement says (a control's statement)
    statement_zh: str = ""
    within: str = ""  # the requirement this one is nested in ("" when none)

    def statement(self, lang: str) -> str:
        return in_language(self.statement_en, self.statement_zh, lang)


@dataclass(frozen=True)
class LibraryCopy:
    """A whole library: what a workspace stores so it opens anywhere with the same checklist."""

    id: str
    name_en: str
    name_zh: str
    version: str
    source: str  # built-in / yaml / oscal / ciso-assistant
    content: str  # the library in the YAML format, to load it back identically
    rows: tuple[LibraryRow, ...]
    publisher: str = ""
    licence: str = ""
    # What reading the file noticed without refusing it (an empty title, withdrawn
    # controls left out); shown once when the library is added, not stored.
    notes: tuple[Message, ...] = field(default=(), compare=False)

    @property
    def requirement_count(self) -> int:
        return sum(1 for r in self.rows if not r.is_section)

    def name(self, lang: str) -> str:
        return in_language(self.name_en, self.name_zh, lang)
