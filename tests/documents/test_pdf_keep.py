"""Nothing is stranded at a page's foot: a heading goes to the next page with what it heads,
and a short paragraph introducing a picture ("The chart shows …") goes with the picture,
its heading too (issue 12: headings and lead-in lines stranded at page bottoms)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from qms_desktop.documents.model import Document, Heading, Image, Paragraph, Run
from qms_desktop.documents.pdf_writer import write_pdf
from qms_desktop.documents.sketch import Sketch


def _chart(height: int) -> Sketch:
    sketch = Sketch(1500, height)
    sketch.text((40, 20), "CHARTTITLE", fill=(31, 58, 95), font=sketch.font(26))
    sketch.rectangle([40, 80, 1400, height - 20], outline=(31, 58, 95), width=3)
    return sketch


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def _page_of(pages: list[str], word: str) -> int:
    return next(n for n, page in enumerate(pages, start=1) if word in page)


def _filler(lines: int) -> tuple[Paragraph, ...]:
    return tuple(Paragraph((Run(f"Filler line {k} of the page."),)) for k in range(lines))


@pytest.mark.parametrize("filler", [16, 21, 26, 33])
def test_a_heading_and_the_line_introducing_a_picture_go_with_the_picture(
    tmp_path: Path, filler: int
) -> None:
    blocks = (
        *_filler(filler),
        Heading(2, (Run("HEADINGWORD"),), "5.1"),
        Paragraph((Run("INTROWORD: the chart shows each role under the role above it."),)),
        Image(_chart(900), 15.0),
        Paragraph((Run("AFTERWORD"),)),
    )
    pdf = tmp_path / "keep.pdf"
    write_pdf(Document("Title", "N-1", "A", "Org", "en", blocks), pdf)
    pages = _pages(pdf)
    chart = _page_of(pages, "CHARTTITLE")
    assert _page_of(pages, "HEADINGWORD") == chart
    assert _page_of(pages, "INTROWORD") == chart


@pytest.mark.parametrize("filler", [40, 42, 44])
def test_a_heading_at_a_page_foot_goes_to_the_next_page_with_its_text(
    tmp_path: Path, filler: int
) -> None:
    blocks = (
        *_filler(filler),
        Heading(1, (Run("HEADINGWORD"),), "2"),
        Paragraph((Run("BODYWORD " * 40),)),
    )
    pdf = tmp_path / "keep.pdf"
    write_pdf(Document("Title", "N-1", "A", "Org", "en", blocks), pdf)
    pages = _pages(pdf)
    assert _page_of(pages, "HEADINGWORD") == _page_of(pages, "BODYWORD")


def test_a_long_paragraph_before_a_picture_is_not_held_back(tmp_path: Path) -> None:
    """Only a short introduction moves with the picture; a long paragraph flows as usual
    (moving it would leave most of a page empty)."""
    blocks = (
        *_filler(20),
        Paragraph((Run("LONGWORD " + "words of a long paragraph " * 40),)),
        Image(_chart(900), 15.0),
    )
    pdf = tmp_path / "long.pdf"
    write_pdf(Document("Title", "N-1", "A", "Org", "en", blocks), pdf)
    pages = _pages(pdf)
    assert _page_of(pages, "LONGWORD") == _page_of(pages, "Filler line 19 of")
    assert _page_of(pages, "LONGWORD") < _page_of(pages, "CHARTTITLE")


@pytest.mark.parametrize(
    "levels", [(2, 2, 3), (3, 1, 3), (1, 3, 2, 1), (2, 1, 2)], ids=lambda v: "-".join(map(str, v))
)
def test_an_outline_never_jumps_a_level(tmp_path: Path, levels: tuple[int, ...]) -> None:
    """A template opening with a level-2 heading, or a level 3 right under a level 1, used
    to stop reportlab ("can't jump from outline level -1 to level 1"): the outline nests
    each entry as deep as it can go."""
    from pypdf import PdfReader

    blocks = tuple(
        b
        for n, level in enumerate(levels)
        for b in (Heading(level, (Run(f"H{n}"),), ""), Paragraph((Run("text"),)))
    )
    pdf = tmp_path / "outline.pdf"
    write_pdf(Document("Title", "N-1", "A", "Org", "en", blocks), pdf)

    flat: list[str] = []

    def walk(entries: list) -> None:  # type: ignore[type-arg]
        for e in entries:
            walk(e) if isinstance(e, list) else flat.append(e.title)

    outline = PdfReader(str(pdf)).outline
    walk(outline)
    assert flat == [f"H{n}" for n in range(len(levels))]
    assert not isinstance(outline[0], list)  # the first entry at the top level
