"""The guide for the web (docs/guide/): the same Markdown pages, with each step's progress
rule written in (in the page's language, from the app's translation), and a header saying
where the source is. packaging/guide_docs.py writes them; a test keeps them current."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from PySide6.QtCore import QCoreApplication, QTranslator

from qms_desktop.domain.steps import Step
from qms_desktop.paths import TRANSLATIONS
from qms_desktop.ui.help.guide import LANGUAGES, PAGES, page_markdown, page_title

HEADER = (
    "<!-- Generated from resources/guide/{lang}/{slug}.md by packaging/guide_docs.py: "
    "edit that file, not this one. -->\n\n"
)


def progress_in(lang: str) -> Callable[[Step], str]:
    """Each step's rule in `lang`, from the app's own translation file. Called with the
    English interface (no translator installed), so progress_rule gives the source text."""
    from qms_desktop.ui.steps.guidance import progress_rule

    if QCoreApplication.translate("StepGuidance", "Summarise") != "Summarise":
        raise RuntimeError("the web guide is written with the English interface")
    if lang == "en":
        return progress_rule
    translator = QTranslator()
    if not translator.load(str(TRANSLATIONS / f"qms_desktop_{lang}.qm")):
        raise FileNotFoundError(TRANSLATIONS / f"qms_desktop_{lang}.qm")

    def rule(step: Step) -> str:
        source = progress_rule(step)
        return translator.translate("StepGuidance", source) or source

    return rule


def web_pages() -> dict[PurePosixPath, str]:
    """Relative path under docs/guide/ -> text."""
    pages: dict[PurePosixPath, str] = {}
    for lang in LANGUAGES:
        rule = progress_in(lang)
        for slug in PAGES:
            text = HEADER.format(lang=lang, slug=slug) + page_markdown(slug, lang, rule)
            pages[PurePosixPath(lang) / f"{slug}.md"] = text
    index = ["# QMS Desktop Guide · QMS Desktop 使用指南", ""]
    index += [f"- [{page_title('index', lang)}]({lang}/index.md)" for lang in LANGUAGES]
    pages[PurePosixPath("README.md")] = HEADER.format(lang="*", slug="*") + "\n".join(index) + "\n"
    return pages
