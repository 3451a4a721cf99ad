"""A requirement of an assessment as the Compare page shows it (kept free of the
storage layer so the GUI can name it without importing the database)."""

from __future__ import annotations

from dataclasses import dataclass

from qms_desktop.domain.assessment import ItemAssessment
from qms_desktop.domain.requirements import in_language


@dataclass(frozen=True)
class ChecklistRow:
    """One requirement of an assessment as the Compare page shows it."""

    item_id: int
    library_id: str
    ref: str
    section_ref: str
    title_en: str
    title_zh: str
    guidance_en: str
    guidance_zh: str
    item: ItemAssessment
    evidence_files: tuple[str, ...] = ()
    statement_en: str = ""  # what the requirement says, apart from its guidance (OSCAL)
    statement_zh: str = ""

    def title(self, lang: str) -> str:
        return in_language(self.title_en, self.title_zh, lang)

    def statement(self, lang: str) -> str:
        return in_language(self.statement_en, self.statement_zh, lang)

    def guidance(self, lang: str) -> str:
        return in_language(self.guidance_en, self.guidance_zh, lang)
