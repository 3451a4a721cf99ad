"""A requirement of an assessment as the Compare page shows it (kept free of the
storage layer so the GUI can name it without importing the database)."""

from __future__ import annotations

from dataclasses import dataclass

from qms_desktop.domain.assessment import ItemAssessment


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
        return (
            (self.title_zh or self.title_en)
            if lang == "zh_CN"
            else (self.title_en or self.title_zh)
        )

    def statement(self, lang: str) -> str:
        return (
            (self.statement_zh or self.statement_en)
            if lang == "zh_CN"
            else (self.statement_en or self.statement_zh)
        )

    def guidance(self, lang: str) -> str:
        return (
            (self.guidance_zh or self.guidance_en)
            if lang == "zh_CN"
            else (self.guidance_en or self.guidance_zh)
        )
