"""The PDF writer (reportlab platypus): the bundled CJK TrueType font subset-embedded (no
un-embedded base-14 font), Chinese line breaking, cover, control block, a built table of
contents, numbered headings, header and "page X of Y" footer, repeated table headers."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

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
            addMapping(
                FONT, bold, italic, FONT
            )  # one face covers Latin and CJK; emphasis by colour
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


CELL_LINES = 30  # line breaks a table cell may show


def _cell(runs: tuple[Run, ...], overflow: list[tuple[Run, ...]], limit: int) -> tuple[Run, ...]:
    """A table row cannot break across pages, so a very long cell (in characters or in line
    breaks) shows its start and a marker, and its whole text is printed after the table."""
    if (
        sum(len(r.text) for r in runs) <= limit
        and sum(r.text.count("\n") for r in runs) < CELL_LINES
    ):
        return runs
    overflow.append(runs)
    shown: list[Run] = []
    room, lines = limit, CELL_LINES
    for run in runs:
        if room <= 0 or lines <= 0:
            break
        text = run.text[:room]
        cut = -1
        for _ in range(lines):
            cut = text.find("\n", cut + 1)
            if cut < 0:
                break
        if cut >= 0:
            text, lines = text[:cut], 0
        else:
            lines -= text.count("\n")
        shown.append(Run(text, run.bold, run.italic))
        room -= len(text)
    return (*shown, Run(f" […] [{len(overflow)}]"))


def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle(
        "body",
        fontName=FONT,
        bulletFontName=FONT,
        fontSize=10.5,
        leading=15,
        wordWrap="CJK",
        spaceAfter=5,
    )
    return {
        "body": base,
        "flow": ParagraphStyle("flow", parent=base, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12, spaceAfter=0),
        "cellhead": ParagraphStyle(
            "cellhead",
            parent=base,
            fontSize=9,
            leading=12,
            spaceAfter=0,
            textColor=HexColor("#ffffff"),
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontSize=16,
            leading=21,
            spaceBefore=12,
            spaceAfter=8,
            textColor=HexColor("#1f3a5f"),
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontSize=13,
            leading=18,
            spaceBefore=9,
            spaceAfter=6,
            textColor=HexColor("#1f3a5f"),
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base,
            fontSize=11.5,
            leading=16,
            spaceBefore=6,
            spaceAfter=4,
            textColor=HexColor("#2d3748"),
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontSize=26,
            leading=34,
            spaceBefore=60,
            spaceAfter=16,
            textColor=HexColor("#1f3a5f"),
        ),
        "titleflow": ParagraphStyle(
            "titleflow",
            parent=base,
            fontSize=26,
            leading=34,
            spaceAfter=0,
            textColor=HexColor("#1f3a5f"),
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=20, spaceAfter=30),
        "toc1": ParagraphStyle(
            "toc1",
            parent=base,
            fontSize=10.5,
            leading=15,
            leftIndent=0,
            spaceBefore=3,
            spaceAfter=3,
        ),
        "toc2": ParagraphStyle(
            "toc2", parent=base, fontSize=10, leading=14, leftIndent=16, spaceBefore=3, spaceAfter=3
        ),
        "toc3": ParagraphStyle(
            "toc3",
            parent=base,
            fontSize=9.5,
            leading=13,
            leftIndent=32,
            spaceBefore=3,
            spaceAfter=3,
        ),
        "bullet": ParagraphStyle(
            "bullet", parent=base, leftIndent=16, bulletIndent=4, spaceAfter=2
        ),
        "bulletflow": ParagraphStyle(
            "bulletflow", parent=base, leftIndent=16, bulletIndent=4, spaceAfter=0
        ),
    }


def _grid_table(
    rows: list[list[Any]], header: bool, widths: list[float] | None = None, split_rows: bool = False
) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle

    table = RLTable(
        rows,
        colWidths=widths,
        repeatRows=1 if header else 0,
        hAlign="LEFT",
        splitInRow=1 if split_rows else 0,
    )
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, HexColor("#a0aec0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HexColor("#1f3a5f")))
    table.setStyle(TableStyle(style))
    return table


TOC_CHARS = 300  # characters of a heading shown in the table of contents and the PDF outline
HEADER_SIZE = 8


def fit_width(text: str, width: float, font: str = FONT, size: float = HEADER_SIZE) -> str:
    """`text` on one line no wider than `width` points, cut with an ellipsis if need be."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = shorten(one_line(text), 600)  # no line this wide holds more
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest cut that fits
        middle = (low + high + 1) // 2
        if stringWidth(shorten(text, middle), font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return shorten(text, low) if low else ""


def header_text(document: Document, width: float) -> str:
    """The page header: organisation, number and revision on one line; a long organisation
    name is cut with an ellipsis so the number always shows."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ident = fit_width(f"{document.number}  {document.revision}", width)
    organisation = one_line(document.organisation)
    if not organisation:
        return ident
    gap = "    "
    room = width - stringWidth(gap + ident, FONT, HEADER_SIZE)
    shown = fit_width(organisation, room) if room > 0 else ""
    return f"{shown}{gap}{ident}".strip() if shown else ident


def _toc_text(runs: tuple[Run, ...]) -> str:
    return shorten(one_line("".join(r.text for r in runs)), TOC_CHARS)


class _Builder:
    """The story for one layout attempt (flowables are used up by a build)."""

    def __init__(
        self,
        document: Document,
        styles: dict[str, Any],
        frame_width: float,
        frame_height: float,
        deadline: Deadline,
        split_rows: bool,
    ) -> None:
        self.document = document
        self.styles = styles
        self.frame_width = frame_width
        self.frame_height = frame_height
        self.deadline = deadline
        self.split_rows = split_rows
        self.story: list[Any] = []
        self.headings = 0

    def paragraphs(
        self, runs: tuple[Run, ...], style: str, flow_style: str = "flow", bullet: str | None = None
    ) -> None:
        """A paragraph, in pieces if very long (the last piece keeps the style's spacing)."""
        from reportlab.platypus import Paragraph as RLParagraph

        pieces = _chunks(runs)
        for n, chunk in enumerate(pieces):
            chosen = self.styles[style if n == len(pieces) - 1 else flow_style]
            self.story.append(
                RLParagraph(_markup(chunk), chosen, bulletText=bullet if n == 0 else None)
            )

    def table(
        self,
        header: tuple[tuple[Run, ...], ...],
        rows: tuple[tuple[tuple[Run, ...], ...], ...],
        widths: list[float],
    ) -> None:
        from reportlab.platypus import Paragraph as RLParagraph
        from reportlab.platypus import Spacer

        columns = len(widths)
        overflow: list[tuple[Run, ...]] = []
        cells: list[list[Any]] = []
        if header:
            cells.append(
                [
                    RLParagraph(
                        _markup(_cell(c, overflow, cell_limit(w - 6))), self.styles["cellhead"]
                    )
                    for c, w in zip(header[:columns], widths, strict=False)
                ]
            )
            cells[-1] += [""] * (columns - len(cells[-1]))
        for row in rows:
            self.deadline.check()
            line = [
                RLParagraph(_markup(_cell(c, overflow, cell_limit(w - 6))), self.styles["cell"])
                for c, w in zip(row[:columns], widths, strict=False)
            ]
            cells.append(line + [""] * (columns - len(line)))
        self.story.append(_grid_table(cells, bool(header), widths, self.split_rows))
        self.story.append(Spacer(1, 6))
        for n, runs in enumerate(overflow, start=1):  # a cell too long for a page, in full
            self.paragraphs((Run(f"[{n}] "), *runs), "body")

    def build(self) -> list[Any]:
        from reportlab.lib.units import cm
        from reportlab.platypus import PageBreak as RLPageBreak
        from reportlab.platypus import Paragraph as RLParagraph
        from reportlab.platypus import Spacer

        document, styles, frame_width = self.document, self.styles, self.frame_width
        if document.logo:
            self.image(document.logo, 3.2 * cm)
        self.paragraphs((Run(document.title),), "title", "titleflow")
        self.paragraphs((Run(document.organisation),), "subtitle", "flow")
        for block in document.blocks:
            self.deadline.check()
            if isinstance(block, Heading):
                pieces = _chunks(
                    block.runs
                )  # a heading as long as a book is laid out in pieces too
                heading = _heading(_markup(pieces[0]), styles[f"h{block.level}"])
                self.headings += 1
                heading.toc = (block.level, _toc_text(block.runs), f"h{self.headings}")
                self.story.append(heading)
                self.story += [
                    RLParagraph(_markup(p), styles[f"h{block.level}"]) for p in pieces[1:]
                ]
            elif isinstance(block, Paragraph):
                self.paragraphs(block.runs, "body")
            elif isinstance(block, ListBlock):
                for n, item in enumerate(block.items, start=1):
                    self.paragraphs(item, "bullet", "bulletflow", f"{n}." if block.ordered else "•")
            elif isinstance(block, Table):
                columns = max([len(block.header)] + [len(r) for r in block.rows] + [1])
                self.table(block.header, block.rows, [frame_width / columns] * columns)
            elif isinstance(block, ControlBlock):
                self.table(
                    (),
                    tuple(((Run(k, bold=True),), (Run(v),)) for k, v in block.fields),
                    [frame_width * 0.3, frame_width * 0.7],
                )
                if block.history:
                    self.story.append(Spacer(1, 2))
                    self.table(
                        tuple((Run(h),) for h in block.history_header),
                        tuple(tuple((Run(c),) for c in row) for row in block.history),
                        [frame_width * w for w in (0.12, 0.18, 0.2, 0.5)],
                    )
                self.story.append(Spacer(1, 2))
            elif isinstance(block, Image):
                self.image(block.data, min(block.width_cm * cm, frame_width))
            elif isinstance(block, PageBreak):
                self.story.append(RLPageBreak())
            elif isinstance(block, TableOfContents):
                self.contents()
        return self.story

    def image(self, data: object, width: float) -> None:
        if not isinstance(data, bytes):
            return  # pictures are bytes from the workspace or the app, never a file name
        try:
            self.story.append(_image(data, width, self.frame_height - 12))
        except Exception:  # noqa: BLE001 - an unreadable picture is left out, not fatal
            return

    def contents(self) -> None:
        from reportlab.platypus import Paragraph as RLParagraph

        self.story.append(RLParagraph(_markup((Run(self.document.toc_title),)), self.styles["h1"]))
        toc = _contents()
        toc.levelStyles = [self.styles["toc1"], self.styles["toc2"], self.styles["toc3"]]
        self.story.append(toc)


def _heading_class() -> type:
    from reportlab.platypus import Paragraph as RLParagraph

    class HeadingParagraph(RLParagraph):  # type: ignore[misc]
        """A heading: its TOC and outline entry (level, plain text, bookmark key) stays with
        the part drawn first when a very long heading is split across pages."""

        toc: tuple[int, str, str] | None = None

        def split(self, avail_width: float, avail_height: float) -> list[Any]:
            parts = super().split(avail_width, avail_height)
            if parts and self.toc is not None:
                parts[0].toc = self.toc
            return list(parts)

    return HeadingParagraph


def _contents_class() -> type:
    from ast import literal_eval

    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Spacer
    from reportlab.platypus.tableofcontents import TableOfContents as RLTOC
    from reportlab.platypus.tableofcontents import drawPageNumbers

    class Contents(RLTOC):  # type: ignore[misc]
        """The table of contents as one paragraph per entry. reportlab's own lays every
        entry out in one table that is measured again at every page it spans (20 000
        headings: minutes, with no point where Cancel or the deadline can stop it); these
        paragraphs flow like any others. Entry texts arrive escaped (see afterFlowable)."""

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.width, self.height = avail_width, avail_height + 1  # never whole: always split
            return self.width, self.height

        def split(self, avail_width: float, avail_height: float) -> list[Any]:
            def end_of_entry(
                canvas: Any, _kind: str, label: str
            ) -> None:  # dots and the page number
                page, level, key = label.split(",")
                style = self.getLevelStyle(int(level))
                drawPageNumbers(
                    canvas,
                    style,
                    [(int(page), literal_eval(key))],
                    avail_width,
                    avail_height,
                    " . " if 0 <= self.dotsMinLevel <= int(level) else "",
                )

            self.canv.setNamedCB("drawTOCEntryEnd", end_of_entry)
            entries: list[Any] = [Spacer(1, 0)]
            for level, text, page, key in self._lastEntries:
                label = repr(key).replace(",", "\\x2c").replace('"', "\\x2c")
                entries.append(
                    RLParagraph(
                        f'<a href="#{key}">{text}</a>'
                        f'<onDraw name="drawTOCEntryEnd" label="{page},{level},{label}"/>',
                        self.getLevelStyle(level),
                    )
                )
            return entries

    return Contents


_CONTENTS: type | None = None


def _contents() -> Any:
    global _CONTENTS
    if _CONTENTS is None:
        _CONTENTS = _contents_class()
    return _CONTENTS()


_HEADING: type | None = None


def _heading(text: str, style: Any) -> Any:
    global _HEADING
    if _HEADING is None:
        _HEADING = _heading_class()
    return _HEADING(text, style)


def write_pdf(document: Document, path: Path, deadline: Deadline | None = None) -> None:
    """Lay the document out as A4 PDF at `path`; `deadline` stops it when time is up or the
    user cancels."""
    from reportlab.platypus.doctemplate import LayoutError

    _register_font()
    watch = deadline or never()
    try:
        _build(document, path, watch, split_rows=False)
    except LayoutError:
        # A block still taller than a page (a cell of many short lines in a narrow column):
        # lay out again, letting table rows break across pages.
        try:
            _build(document, path, watch, split_rows=True)
        except LayoutError as exc:
            raise DocumentError("documents.pdf_layout", detail=str(exc)[:120]) from exc


def _build(document: Document, path: Path, deadline: Deadline, split_rows: bool) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    width, height = A4
    margin = 2 * cm
    frame_width, frame_height = width - 2 * margin, height - 2 * margin
    styles = _styles()
    head = header_text(document, frame_width)

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
                deadline.check()
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            self.setFont(FONT, HEADER_SIZE)
            self.setFillColorRGB(0.35, 0.4, 0.45)
            self.drawRightString(
                width - margin, height - 1.2 * cm, head
            )  # plain text, never markup
            footer = fit_width(
                document.page_label.format(page=self._pageNumber, pages=total), frame_width
            )
            self.drawCentredString(width / 2, 1.1 * cm, footer)

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
            deadline.check()
            toc = getattr(flowable, "toc", None)
            if toc is not None:
                level, text, key = toc
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(
                    text, key, level=level - 1, closed=level > 1
                )  # a PDF string
                # TableOfContents lays its entries out as Paragraph markup: escaped here.
                self.notify("TOCEntry", (level - 1, xml_escape(text), self.page, key))

    doc = Doc(
        str(path),
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=one_line(document.title),
        author=one_line(document.organisation)[:500],
        initialFontName=FONT,
        initialFontSize=10.5,
    )
    doc.addPageTemplates(
        [PageTemplate("page", [Frame(margin, margin, frame_width, frame_height, id="f")])]
    )
    story = _Builder(document, styles, frame_width, frame_height, deadline, split_rows).build()
    doc.multiBuild(story, canvasmaker=NumberedCanvas)


def _image(data: bytes, width: float, max_height: float) -> Any:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image as RLImage

    reader = ImageReader(io.BytesIO(data))
    w, h = reader.getSize()
    height = width * h / w
    if height > max_height:  # a tall picture is scaled down to fit a page
        width, height = width * max_height / height, max_height
    image = RLImage(io.BytesIO(data), width=width, height=height)
    image.hAlign = "LEFT"
    return image
