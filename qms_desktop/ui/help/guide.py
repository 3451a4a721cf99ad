"""The guide's pages: one Markdown file per page and language under resources/guide/<lang>/,
read here for the in-app viewer and by packaging/guide_docs.py for docs/guide/.

A page says `[[progress:STEP]]` where the step's progress rule belongs; the rule itself
lives once, in ui/steps/guidance.py (translated like every UI string), and is put in when
the page is shown or the web copy is written."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from qms_desktop.domain.steps import Step
from qms_desktop.paths import RESOURCES

GUIDE = RESOURCES / "guide"
LANGUAGES = ("en", "zh_CN")

# The contents, in reading order.
PAGES: tuple[str, ...] = (
    "index",
    "first-manual",
    "method",
    "dashboard",
    "profile",
    *(step.value for step in Step),
    "progress",
    "shortcuts",
    "whats-new",
)
TOUR = "tour"  # the first-run tour's screens, separated by lines of "---"

# Where the user is (main_window.help_topic) -> the page F1 opens.
CONTEXT_PAGES: dict[str, str] = {
    "welcome": "first-manual",
    "dashboard": "dashboard",
    "profile": "profile",
    **{step.value: step.value for step in Step},
}

PROGRESS = re.compile(r"\[\[progress:([a-z]+)\]\]")


def guide_language(lang: str) -> str:
    return "zh_CN" if lang == "zh_CN" else "en"


def page_path(slug: str, lang: str) -> Path:
    return GUIDE / guide_language(lang) / f"{slug}.md"


def slug_of(path: Path) -> str | None:
    """The page a file of the guide is (None for any other file)."""
    try:
        relative = Path(path).resolve().relative_to(GUIDE.resolve())
    except ValueError:
        return None
    if len(relative.parts) != 2 or relative.parts[0] not in LANGUAGES:
        return None
    slug = relative.stem
    return slug if relative.suffix == ".md" and slug in (*PAGES, TOUR) else None


def topic_for(context: str) -> str:
    return CONTEXT_PAGES.get(context, "index")


def raw_markdown(slug: str, lang: str) -> str:
    return page_path(slug, lang).read_text(encoding="utf-8")


def page_markdown(slug: str, lang: str, progress_text: Callable[[Step], str]) -> str:
    """The page as shown: each `[[progress:STEP]]` replaced by that step's rule as a quote."""

    def rule(match: re.Match[str]) -> str:
        step = Step(match.group(1))
        return "> " + progress_text(step).replace("\n", " ")

    return PROGRESS.sub(rule, raw_markdown(slug, lang))


def page_title(slug: str, lang: str) -> str:
    """The page's first level-1 heading."""
    for line in raw_markdown(slug, lang).splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return slug


def tour_screens(lang: str) -> list[str]:
    """The tour's screens (Markdown each), in order."""
    text = raw_markdown(TOUR, lang)
    return [part.strip() for part in re.split(r"^---\s*$", text, flags=re.M) if part.strip()]
