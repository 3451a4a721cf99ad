"""The DOCX writer (python-docx): cover, control block, TOC field, numbered headings,
header with the document number, footer with page X of Y, East Asian fonts on every run."""

from __future__ import annotations

import io
from pathlib import Path

from qms_desktop.documents.model import (
    ControlBlock,
    Document,
    Heading,
    Image,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TableOfContents,
)
from qms_desktop.documents.text import clean

LATIN_FONT = "Calibri"
EAST_ASIA_FONT = "Microsoft YaHei"  # present on Chinese Windows; Word substitutes elsewhere


def _east_asia(element: object, font: str = EAST_ASIA_FONT) -> None:
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), font)
    for theme in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
        if fonts.get(qn(theme)) is not None:
            del fonts.attrib[qn(theme)]


def _field(paragraph: object, instruction: str, placeholder: str = "") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child: object) -> None:
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)  # type: ignore[attr-defined]
        from docx.text.run import Run as DocxRun

        _east_asia(DocxRun(r, paragraph)._r)  # type: ignore[arg-type]

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    text = OxmlElement("w:t")
    text.text = placeholder
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _add_runs(paragraph: object, runs: tuple[Run, ...]) -> None:
    for run in runs:
        r = paragraph.add_run(clean(run.text))  # type: ignore[attr-defined]
        r.bold = run.bold or None
        r.italic = run.italic or None
        _east_asia(r._r)


def _base_document(reference: Path | None) -> object:
    from docx import Document as new_document

    if reference is None:
        return new_document()
    from qms_desktop.documents.engine import DocumentError

    if Path(reference).suffix.lower() != ".docx":
        raise DocumentError(f"{Path(reference).name}: the reference document must be a .docx file.")
    try:
        doc = new_document(str(reference))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad file
        raise DocumentError(f"{Path(reference).name} is not a readable Word document ({type(exc).__name__}).") from exc
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    return doc


def write_docx(document: Document, path: Path, reference: Path | None = None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = _base_document(reference)
    if reference is None:
        normal = doc.styles["Normal"]  # type: ignore[attr-defined]
        normal.font.name = LATIN_FONT
        normal.font.size = Pt(10.5)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number"):
        try:
            _east_asia(doc.styles[name].element)  # type: ignore[attr-defined]
        except KeyError:
            continue
    settings = doc.settings.element  # type: ignore[attr-defined]
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)

    section = doc.sections[0]  # type: ignore[attr-defined]
    header = section.header.paragraphs[0]
    header.text = ""
    _add_runs(header, (Run(f"{document.organisation}    {document.number}  {document.revision}".strip()),))
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, rest = document.page_label.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    _add_runs(footer, (Run(before),))
    _field(footer, "PAGE", "1")
    _add_runs(footer, (Run(middle),))
    _field(footer, "NUMPAGES", "1")
    _add_runs(footer, (Run(after),))

    # Cover page
    if document.logo:
        try:
            doc.add_picture(io.BytesIO(document.logo), width=Cm(3.2))  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a logo python-docx cannot read is left out, not fatal
            pass
    title = doc.add_paragraph(style="Title")  # type: ignore[attr-defined]
    _add_runs(title, (Run(document.title),))
    org = doc.add_paragraph()  # type: ignore[attr-defined]
    _add_runs(org, (Run(document.organisation, bold=True),))

    for block in document.blocks:
        if isinstance(block, Heading):
            p = doc.add_heading(level=block.level)  # type: ignore[attr-defined]
            _add_runs(p, block.runs)
        elif isinstance(block, Paragraph):
            _add_runs(doc.add_paragraph(), block.runs)  # type: ignore[attr-defined]
        elif isinstance(block, ListBlock):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                _add_runs(doc.add_paragraph(style=style), item)  # type: ignore[attr-defined]
        elif isinstance(block, Table):
            _table(doc, block.header, block.rows)
        elif isinstance(block, ControlBlock):
            _table(doc, (), tuple(((Run(k, bold=True),), (Run(v),)) for k, v in block.fields))
            if block.history:
                doc.add_paragraph()  # type: ignore[attr-defined]
                _table(doc, tuple((Run(h),) for h in block.history_header),
                       tuple(tuple((Run(c),) for c in row) for row in block.history))
        elif isinstance(block, Image):
            try:
                doc.add_picture(io.BytesIO(block.data), width=Cm(block.width_cm))  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - an unreadable image is skipped
                continue
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # type: ignore[attr-defined]
        elif isinstance(block, TableOfContents):
            heading = doc.add_paragraph(style="Title")  # type: ignore[attr-defined]
            heading.style = doc.styles["Heading 1"]  # type: ignore[attr-defined]
            _add_runs(heading, (Run(document.toc_title),))
            _field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', document.toc_title)  # type: ignore[attr-defined]
    doc.save(str(path))  # type: ignore[attr-defined]


def _table(doc: object, header: tuple[tuple[Run, ...], ...], rows: tuple[tuple[tuple[Run, ...], ...], ...]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    columns = max([len(header)] + [len(r) for r in rows] + [1])
    table = doc.add_table(rows=0, cols=columns)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    if header:
        cells = table.add_row().cells
        for i, runs in enumerate(header):
            _add_runs(cells[i].paragraphs[0], tuple(Run(r.text, True, r.italic) for r in runs))
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
    for row in rows:
        cells = table.add_row().cells
        for i, runs in enumerate(row[:columns]):
            _add_runs(cells[i].paragraphs[0], runs)
