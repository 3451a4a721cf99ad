"""Curly quotes in English PDFs print in a Latin face: the bundled faces draw them full-width
(right for Chinese), which left a wide gap beside every quote pasted from a word processor."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from qms_desktop.documents.model import Document, Paragraph, Run, Table
from qms_desktop.documents.pdf_writer import write_pdf

TEXT = "The “front desk” said ‘welcome’ — it’s the <b>guest’s</b> & “{{ name }}” right."


def fonts_and_text(path: Path) -> tuple[set[str], str]:
    reader = PdfReader(str(path))
    fonts: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts, "".join(p.extract_text() for p in reader.pages)


def document(lang: str) -> Document:
    blocks = (
        Paragraph((Run(TEXT),)),
        Paragraph((Run("Bold “quoted”", bold=True),)),
        Table(((Run("Cell"),),), (((Run("A “cell” quote"),),),)),
    )
    return Document("Quotes", "Q-1", "A", "Org", lang, blocks)


def test_english_quotes_print_in_the_latin_face_and_stay_text(tmp_path: Path):
    out = tmp_path / "en.pdf"
    write_pdf(document("en"), out)
    fonts, text = fonts_and_text(out)
    assert any(f.endswith("+DejaVuSans") for f in fonts)  # the quotes face, by its own name
    assert any(f.endswith("+DejaVuSans-Bold") for f in fonts)  # bold quotes keep their weight
    flat = "".join(text.split())
    assert "“frontdesk”" in flat and "<b>guest’s</b>" in flat and "“{{name}}”" in flat
    assert "“cell”" in flat


def test_the_latin_quote_is_narrow(tmp_path: Path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    write_pdf(document("en"), tmp_path / "x.pdf")  # registers the faces
    assert stringWidth("“", "QmsLatinQuotes", 10) < 0.6 * stringWidth("“", "WenQuanYiMicroHei", 10)


@pytest.mark.parametrize("lang", ["zh_CN"])
def test_chinese_documents_keep_full_width_quotes(tmp_path: Path, lang: str):
    out = tmp_path / "zh.pdf"
    write_pdf(document(lang), out)
    fonts, text = fonts_and_text(out)
    assert not any("DejaVu" in f for f in fonts)
    assert "“front desk”" in text


def test_the_quotes_faces_ship_with_their_licence():
    from qms_desktop.documents.pdf_writer import QUOTES_FONT_FILES

    for path in QUOTES_FONT_FILES:
        assert path.exists() and path.stat().st_size < 64_000
    assert (QUOTES_FONT_FILES[0].parent / "DejaVu.LICENSE-copyright.txt").exists()
