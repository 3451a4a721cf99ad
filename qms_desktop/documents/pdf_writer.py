"""The PDF writer (reportlab platypus): the bundled CJK TrueType font subset-embedded (no
un-embedded base-14 font), Chinese line breaking, cover, control block, a built table of
contents, numbered headings, header and "page X of Y" footer, repeated table headers."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

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
from qms_desktop.paths import CJK_FONT

FONT = "WenQuanYiMicroHei"
_registered = False


def _register_font() -> None:
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(CJK_FONT), subfontIndex=0))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT, bold, italic, FONT)  # one face covers Latin and CJK; emphasis by colour
    _registered = True


def _markup(runs: tuple[Run, ...]) -> str:
    parts = []
    for run in runs:
        text = xml_escape(clean(run.text)).replace("\n", "<br/>")
        if run.bold:
            text = f'<font color="#1f3a5f"><b>{text}</b></font>'
        if run.italic:
            text = f'<font color="#4a5568"><i>{text}</i></font>'
        parts.append(text)
    return "".join(parts)


CHUNK = 2500  # characters per laid-out piece of a very long paragraph


def _chunks(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    """A very long paragraph in pieces of about CHUNK characters, cut at spaces or line
    breaks where there are any: reportlab re-wraps a paragraph's rest at every page
    break, so one 100 000-character paragraph would take seconds, pieces take little."""
    if sum(len(r.text) for r in runs) <= CHUNK * 2:
        return [runs]
    pieces: list[tuple[Run, ...]] = []
    current: list[Run] = []
    size = 0
    for run in runs:
        text = run.text
        while text:
            room = CHUNK - size
            if len(text) <= room:
                current.append(Run(text, run.bold, run.italic))
                size += len(text)
                break
            cut = max(text.rfind(" ", 0, room), text.rfind("\n", 0, room))
            cut = cut + 1 if cut > room // 2 else room
            current.append(Run(text[:cut], run.bold, run.italic))
            pieces.append(tuple(current))
            current, size, text = [], 0, text[cut:]
    if current:
        pieces.append(tuple(current))
    return pieces


def cell_limit(column_width: float) -> int:
    """How many characters a table cell may show: about 40 lines of the column's width at
    the cell font, counting every character as wide as a Chinese one."""
    return max(150, int(40 * column_width / 9.5))


def _cell(runs: tuple[Run, ...], overflow: list[tuple[Run, ...]], limit: int) -> tuple[Run, ...]:
    """A table row cannot break across pages, so a very long cell shows its start and a
    marker, and its whole text is printed after the table."""
    if sum(len(r.text) for r in runs) <= limit:
        return runs
    overflow.append(runs)
    shown: list[Run] = []
    room = limit
    for run in runs:
        if room <= 0:
            break
        shown.append(Run(run.text[:room], run.bold, run.italic))
        room -= len(run.text)
    return (*shown, Run(f" […] [{len(overflow)}]"))


def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, bulletFontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK",
                          spaceAfter=5)
    return {
        "body": base,
        "flow": ParagraphStyle("flow", parent=base, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=base, fontSize=9, leading=12, spaceAfter=0,
                                   textColor=HexColor("#ffffff")),
        "h1": ParagraphStyle("h1", parent=base, fontSize=16, leading=21, spaceBefore=12, spaceAfter=8,
                             textColor=HexColor("#1f3a5f")),
        "h2": ParagraphStyle("h2", parent=base, fontSize=13, leading=18, spaceBefore=9, spaceAfter=6,
                             textColor=HexColor("#1f3a5f")),
        "h3": ParagraphStyle("h3", parent=base, fontSize=11.5, leading=16, spaceBefore=6, spaceAfter=4,
                             textColor=HexColor("#2d3748")),
        "title": ParagraphStyle("title", parent=base, fontSize=26, leading=34, spaceBefore=60, spaceAfter=16,
                                textColor=HexColor("#1f3a5f")),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=20, spaceAfter=30),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=10.5, leading=15, leftIndent=0),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=10, leading=14, leftIndent=16),
        "toc3": ParagraphStyle("toc3", parent=base, fontSize=9.5, leading=13, leftIndent=32),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=16, bulletIndent=4, spaceAfter=2),
    }


def _grid_table(rows: list[list[Any]], header: bool, widths: list[float] | None = None) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    table = RLTable(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [("GRID", (0, 0), (-1, -1), 0.5, HexColor("#a0aec0")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("TOPPADDING", (0, 0), (-1, -1), 3),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HexColor("#1f3a5f")))
    table.setStyle(TableStyle(style))
    return table


def write_pdf(document: Document, path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer
    from reportlab.platypus import PageBreak as RLPageBreak
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus.tableofcontents import TableOfContents as RLTOC

    _register_font()
    styles = _styles()
    width, height = A4
    margin = 2 * cm
    frame_width = width - 2 * margin

    class NumberedCanvas(rl_canvas.Canvas):
        """Keeps the pages until the end so the footer can say 'page X of Y'."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            self.setFont(FONT, 8)
            self.setFillColorRGB(0.35, 0.4, 0.45)
            head = clean(f"{document.organisation}    {document.number}  {document.revision}".strip())
            self.drawRightString(width - margin, height - 1.2 * cm, head)
            self.drawCentredString(width / 2, 1.1 * cm,
                                   document.page_label.format(page=self._pageNumber, pages=total))

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
            level = getattr(flowable, "_toc_level", None)
            if level is not None:
                text = flowable.getPlainText()
                key = f"h{id(flowable)}"
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(text, key, level=level - 1, closed=level > 1)
                self.notify("TOCEntry", (level - 1, text, self.page, key))

    doc = Doc(str(path), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
              bottomMargin=margin, title=clean(document.title), author=clean(document.organisation),
              initialFontName=FONT, initialFontSize=10.5)
    doc.addPageTemplates([PageTemplate("page", [Frame(margin, margin, frame_width, height - 2 * margin, id="f")])])

    story: list[Any] = []
    if document.logo:
        try:
            story.append(_image(document.logo, 3.2 * cm))
        except Exception:  # noqa: BLE001 - an unreadable logo is left out
            pass
    story.append(RLParagraph(_markup((Run(document.title),)), styles["title"]))
    story.append(RLParagraph(_markup((Run(document.organisation),)), styles["subtitle"]))

    for block in document.blocks:
        if isinstance(block, Heading):
            p = RLParagraph(_markup(block.runs), styles[f"h{block.level}"])
            p._toc_level = block.level  # type: ignore[attr-defined]
            story.append(p)
        elif isinstance(block, Paragraph):
            chunks = _chunks(block.runs)
            for n, chunk in enumerate(chunks):
                style = styles["body"] if n == len(chunks) - 1 else styles["flow"]
                story.append(RLParagraph(_markup(chunk), style))
        elif isinstance(block, ListBlock):
            for n, item in enumerate(block.items, start=1):
                bullet = f"{n}." if block.ordered else "•"
                story.append(RLParagraph(_markup(item), styles["bullet"], bulletText=bullet))
        elif isinstance(block, Table):
            columns = max([len(block.header)] + [len(r) for r in block.rows] + [1])
            limit = cell_limit(frame_width / columns - 6)
            overflow: list[tuple[Run, ...]] = []
            rows: list[list[Any]] = []
            if block.header:
                rows.append([RLParagraph(_markup(_cell(c, overflow, limit)), styles["cellhead"]) for c in block.header])
            for row in block.rows:
                cells = [RLParagraph(_markup(_cell(c, overflow, limit)), styles["cell"]) for c in row[:columns]]
                rows.append(cells + [""] * (columns - len(cells)))
            story.append(_grid_table(rows, bool(block.header), [frame_width / columns] * columns))
            story.append(Spacer(1, 6))
            for n, runs in enumerate(overflow, start=1):  # a cell too long for a page, in full
                pieces = _chunks((Run(f"[{n}] "), *runs))
                for i, chunk in enumerate(pieces):
                    story.append(RLParagraph(_markup(chunk), styles["body" if i == len(pieces) - 1 else "flow"]))
        elif isinstance(block, ControlBlock):
            rows = [[RLParagraph(_markup((Run(k, bold=True),)), styles["cell"]),
                     RLParagraph(_markup((Run(v),)), styles["cell"])] for k, v in block.fields]
            story.append(_grid_table(rows, False, [frame_width * 0.3, frame_width * 0.7]))
            if block.history:
                story.append(Spacer(1, 8))
                hist = [[RLParagraph(_markup((Run(h),)), styles["cellhead"]) for h in block.history_header]]
                hist += [[RLParagraph(_markup((Run(c),)), styles["cell"]) for c in row] for row in block.history]
                story.append(_grid_table(hist, True, [frame_width * w for w in (0.12, 0.18, 0.2, 0.5)]))
            story.append(Spacer(1, 8))
        elif isinstance(block, Image):
            try:
                story.append(_image(block.data, min(block.width_cm * cm, frame_width)))
            except Exception:  # noqa: BLE001 - an unreadable image is skipped
                continue
        elif isinstance(block, PageBreak):
            story.append(RLPageBreak())
        elif isinstance(block, TableOfContents):
            story.append(RLParagraph(_markup((Run(document.toc_title),)), styles["h1"]))
            from reportlab.platypus import TableStyle

            toc = RLTOC()
            toc.levelStyles = [styles["toc1"], styles["toc2"], styles["toc3"]]
            # The TOC's own table would otherwise set the canvas to un-embedded Helvetica.
            toc.tableStyle = TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                         ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                         ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
            story.append(toc)
    from reportlab.platypus.doctemplate import LayoutError

    try:
        doc.multiBuild(story, canvasmaker=NumberedCanvas)
    except LayoutError as exc:
        from qms_desktop.documents.engine import DocumentError

        raise DocumentError(f"The PDF cannot be laid out: a block does not fit on a page ({str(exc)[:120]}…). "
                            "Shorten the text, or generate the DOCX instead.") from exc


def _image(data: bytes, width: float) -> Any:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image as RLImage

    reader = ImageReader(io.BytesIO(data))
    w, h = reader.getSize()
    image = RLImage(io.BytesIO(data), width=width, height=width * h / w)
    image.hAlign = "LEFT"
    return image
