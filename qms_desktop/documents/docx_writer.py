"""The DOCX writer (python-docx): cover, control block, TOC field, numbered headings,
header with the document number, footer with page X of Y, East Asian fonts on every run."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from qms_desktop.documents.errors import DocumentError
from qms_desktop.documents.limits import Deadline, never
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
from qms_desktop.documents.text import clean, one_line, shorten

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


_PIECES = re.compile(r"(\n|\t)")


def _add_runs(paragraph: Any, runs: tuple[Run, ...]) -> None:
    """Append `runs` to a paragraph (python-docx's or its `w:p` element), built straight as
    XML: East Asian font on every run, line breaks and tabs as Word's own elements."""
    from docx.oxml.ns import qn
    from lxml.etree import SubElement

    p = getattr(paragraph, "_p", paragraph)
    r_tag, rpr_tag, fonts_tag, t_tag = qn("w:r"), qn("w:rPr"), qn("w:rFonts"), qn("w:t")
    east_asia, space = qn("w:eastAsia"), qn("xml:space")
    for run in runs:
        r = SubElement(p, r_tag)
        rpr = SubElement(r, rpr_tag)
        SubElement(rpr, fonts_tag).set(east_asia, EAST_ASIA_FONT)
        if run.bold:
            SubElement(rpr, qn("w:b"))
        if run.italic:
            SubElement(rpr, qn("w:i"))
        for piece in _PIECES.split(clean(run.text)):
            if piece == "\n":
                SubElement(r, qn("w:br"))
            elif piece == "\t":
                SubElement(r, qn("w:tab"))
            elif piece:
                t = SubElement(r, t_tag)
                t.text = piece
                if piece[0].isspace() or piece[-1].isspace():
                    t.set(space, "preserve")


MAX_REFERENCE_UNPACKED = 64 * 1024 * 1024  # a styles document is a few hundred KB
MAX_REFERENCE_PARTS = 2000


def _check_reference_size(reference: Path) -> None:
    """Refuse a reference .docx that would unpack to far more than any styles document
    (a zip bomb), before python-docx reads it."""
    import zipfile

    try:
        with zipfile.ZipFile(reference) as zf:
            infos = zf.infolist()
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds for a damaged file
        raise DocumentError(
            "documents.reference_unreadable", name=reference.name, kind=type(exc).__name__
        ) from exc
    if len(infos) > MAX_REFERENCE_PARTS or sum(i.file_size for i in infos) > MAX_REFERENCE_UNPACKED:
        raise DocumentError(
            "documents.reference_too_large",
            name=reference.name,
            limit_mb=MAX_REFERENCE_UNPACKED // 2**20,
        )


def _base_document(reference: Path | None) -> Any:
    from docx import Document as new_document

    if reference is None:
        return new_document()
    if Path(reference).suffix.lower() != ".docx":
        raise DocumentError("documents.reference_not_docx", name=Path(reference).name)
    _check_reference_size(Path(reference))
    try:
        doc = new_document(str(reference))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad file
        raise DocumentError(
            "documents.reference_unreadable", name=Path(reference).name, kind=type(exc).__name__
        ) from exc
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    return doc


class _Body:
    """Appends to the document body in constant time. python-docx's own `add_paragraph`
    looks for the closing `w:sectPr` among all the body's children (and looks the style up
    by name) for every paragraph: 100 000 headings took minutes."""

    def __init__(self, doc: Any) -> None:
        from docx.oxml.ns import qn

        self.doc = doc
        self.body = doc.element.body
        self.end = self.body.find(qn("w:sectPr"))
        self.style_ids: dict[str, str | None] = {}

    def style_id(self, name: str) -> str | None:
        """The id of the style called `name`, or None (plain text) when the document has none."""
        if name not in self.style_ids:
            try:
                self.style_ids[name] = self.doc.styles[name].style_id
            except KeyError:
                self.style_ids[name] = None
        return self.style_ids[name]

    def _append(self, element: Any) -> None:
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)

    def paragraph(self, style: str | None = None) -> Any:
        """A new `w:p` at the end of the body, in the style called `style` if there is one."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from lxml.etree import SubElement

        p = OxmlElement("w:p")
        style_id = self.style_id(style) if style else None
        if style_id:
            SubElement(SubElement(p, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), style_id)
        self._append(p)
        return p

    def docx_paragraph(self, style: str | None = None) -> Any:
        from docx.text.paragraph import Paragraph as DocxParagraph

        return DocxParagraph(self.paragraph(style), self.doc._body)

    def table(self, columns: int) -> Any:
        from docx.oxml.table import CT_Tbl
        from docx.table import Table as DocxTable

        tbl = CT_Tbl.new_tbl(0, columns, self.doc._block_width)
        style_id = self.style_id("Table Grid")
        if style_id:
            tbl.tblStyle_val = style_id
        self._append(tbl)
        return DocxTable(tbl, self.doc._body)


HEADER_CHARS = 160  # characters of the page header; a longer organisation name is cut


def _header_text(document: Document) -> str:
    ident = one_line(f"{document.number}  {document.revision}")
    organisation = shorten(one_line(document.organisation), max(20, HEADER_CHARS - len(ident)))
    return shorten(f"{organisation}    {ident}".strip(), HEADER_CHARS)


def write_docx(
    document: Document, path: Path, reference: Path | None = None, deadline: Deadline | None = None
) -> None:
    """Write the document as DOCX at `path` (styles from `reference` if given); `deadline`
    stops it when time is up or the user cancels."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    watch = deadline or never()
    doc = _base_document(reference)
    if reference is None:
        normal = doc.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = Pt(10.5)
    for name in (
        "Normal",
        "Title",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "List Bullet",
        "List Number",
    ):
        try:
            _east_asia(doc.styles[name].element)
        except KeyError:
            continue
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)

    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = ""
    _add_runs(header, (Run(_header_text(document)),))
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

    body = _Body(doc)

    def picture(data: object, width_cm: float) -> None:
        if not isinstance(data, bytes):
            return  # pictures are bytes from the workspace or the app, never a file name
        try:
            body.docx_paragraph().add_run().add_picture(io.BytesIO(data), width=Cm(width_cm))
        except Exception:  # noqa: BLE001 - a picture python-docx cannot read is left out, not fatal
            return

    # Cover page
    if document.logo:
        picture(document.logo, 3.2)
    _add_runs(body.paragraph("Title"), (Run(document.title),))
    _add_runs(body.paragraph(), (Run(document.organisation, bold=True),))

    for block in document.blocks:
        watch.check()
        if isinstance(block, Heading):
            _add_runs(body.paragraph(f"Heading {block.level}"), block.runs)
        elif isinstance(block, Paragraph):
            _add_runs(body.paragraph(), block.runs)
        elif isinstance(block, ListBlock):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                _add_runs(body.paragraph(style), item)
        elif isinstance(block, Table):
            _table(body, block.header, block.rows, watch)
        elif isinstance(block, ControlBlock):
            _table(
                body, (), tuple(((Run(k, bold=True),), (Run(v),)) for k, v in block.fields), watch
            )
            if block.history:
                body.paragraph()
                _table(
                    body,
                    tuple((Run(h),) for h in block.history_header),
                    tuple(tuple((Run(c),) for c in row) for row in block.history),
                    watch,
                )
        elif isinstance(block, Image):
            picture(block.data, block.width_cm)
        elif isinstance(block, PageBreak):
            body.docx_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, TableOfContents):
            _add_runs(body.paragraph("Heading 1"), (Run(document.toc_title),))
            _field(body.docx_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', document.toc_title)
    watch.check()
    doc.save(str(path))


def _table(
    body: _Body,
    header: tuple[tuple[Run, ...], ...],
    rows: tuple[tuple[tuple[Run, ...], ...], ...],
    deadline: Deadline,
) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    columns = max([len(header)] + [len(r) for r in rows] + [1])
    table = body.table(columns)
    if header:
        cells = table.add_row().cells
        for i, runs in enumerate(header):
            _add_runs(cells[i].paragraphs[0], tuple(Run(r.text, True, r.italic) for r in runs))
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
    for row in rows:
        deadline.check()
        cells = table.add_row().cells
        for i, runs in enumerate(row[:columns]):
            _add_runs(cells[i].paragraphs[0], runs)
