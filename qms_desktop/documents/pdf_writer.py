"""The PDF writer (reportlab platypus), in one layout pass: the bundled CJK TrueType faces
(regular and bold) subset-embedded, no un-embedded base-14 font; Chinese line breaking with
kinsoku; cover without running header, control block, a table of contents whose links and
outline land on their headings; numbered headings kept with what follows; header and
"page X of Y" footer; column widths from content, repeated table headers; /Lang and XMP."""

from __future__ import annotations

import io
import re
from contextvars import ContextVar
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
    Picture,
    Run,
    Table,
    TableOfContents,
    page_size_cm,
)
from qms_desktop.documents.pdf_linebreak import install as install_line_breaking
from qms_desktop.documents.sketch import DPI, Sketch
from qms_desktop.documents.text import clean, is_wide, one_line, shorten
from qms_desktop.paths import CJK_FONT, FONTS

FONT = "WenQuanYiMicroHei"
BOLD_FONT = "NotoSansSCBold"
BOLD_FONT_FILE = FONTS / "NotoSansSC-Bold-GB2312.ttf"
# The curly quotes of Latin text: our faces draw them full-width, as Chinese wants them
# (see packaging/make_quote_font.py)
QUOTES_FONT = "QmsLatinQuotes"
QUOTES_BOLD_FONT = "QmsLatinQuotesBold"
QUOTES_FONT_FILES = (FONTS / "DejaVuSans-Quotes.ttf", FONTS / "DejaVuSans-Bold-Quotes.ttf")
_QUOTES = re.compile("[\u2018-\u201f\u2032\u2033]+")
# Set while a document not in Chinese is laid out: its curly quotes print proportional.
_latin_quotes: ContextVar[bool] = ContextVar("latin_quotes", default=False)
_registered = False
_bold_chars: frozenset[int] = frozenset()


def _register_font() -> None:
    """The regular face (WenQuanYi Micro Hei: Latin and every CJK character) and a real bold
    face (Noto Sans SC Bold, GB 2312 subset, see packaging/make_bold_font.py); italic is the
    regular face in grey (there is no Chinese italic)."""
    global _registered, _bold_chars
    if _registered:
        return
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(CJK_FONT), subfontIndex=0))
    bold = TTFont(BOLD_FONT, str(BOLD_FONT_FILE))
    pdfmetrics.registerFont(bold)
    _bold_chars = frozenset(bold.face.charToGlyph)
    pdfmetrics.registerFont(TTFont(QUOTES_FONT, str(QUOTES_FONT_FILES[0])))
    pdfmetrics.registerFont(TTFont(QUOTES_BOLD_FONT, str(QUOTES_FONT_FILES[1])))
    for italic in (0, 1):
        addMapping(QUOTES_FONT, 0, italic, QUOTES_FONT)
        addMapping(QUOTES_FONT, 1, italic, QUOTES_BOLD_FONT)
        addMapping(QUOTES_BOLD_FONT, 0, italic, QUOTES_BOLD_FONT)
        addMapping(QUOTES_BOLD_FONT, 1, italic, QUOTES_BOLD_FONT)
    for italic in (0, 1):
        addMapping(FONT, 0, italic, FONT)
        addMapping(FONT, 1, italic, BOLD_FONT)
        addMapping(BOLD_FONT, 0, italic, BOLD_FONT)
        addMapping(BOLD_FONT, 1, italic, BOLD_FONT)
    install_line_breaking()
    _install_dry_run()
    # streams deflated only, not also ASCII85-encoded: 20 % smaller files, and reportlab's
    # pure-Python encoder took a tenth of the layout time
    rl_config.useA85 = 0
    # and deflated at zlib's fastest level: a Chinese manual (its font subsets mostly) is
    # written 6 ms sooner, a quarter of its compression time, for a file 8 % larger
    from reportlab.pdfbase import pdfdoc

    pdfdoc.PDFZCompress.encode = _deflate_fast
    # the numbers and names of the PDF's objects (4 000 a manual) encoded without going
    # through reportlab's own codec when they are printable ASCII: the same bytes, 2 ms sooner
    pdfdoc.pdfdocEnc = _pdfdoc_encoded
    _registered = True


def _pdfdoc_encoded(x: Any) -> Any:
    """reportlab's `pdfdoc.pdfdocEnc`: text in PDFDocEncoding, which is ASCII for the
    printable ASCII characters; anything else through reportlab's codec as before."""
    if isinstance(x, str):
        if x.isascii() and x.isprintable():
            return x.encode("ascii")
        return x.encode("extpdfdoc")
    return x


def _deflate_fast(text: str | bytes) -> bytes:
    """reportlab's Flate filter (`PDFStreamFilterZCompress.encode`) at level 1."""
    import zlib

    return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 1)


def _install_dry_run() -> None:
    """Paragraphs, tables and pictures draw nothing on a canvas marked `dry_run`: a layout
    made only to find where headings land (the DOCX contents' page numbers) skips the
    drawing, which is half the work. Other canvases are not affected."""
    from reportlab.platypus.flowables import Image as RLImage
    from reportlab.platypus.paragraph import Paragraph as RLParagraph
    from reportlab.platypus.tables import Table as RLTable

    for cls in (RLParagraph, RLImage, RLTable):
        if getattr(cls.draw, "dry_run_aware", False):
            continue
        original = cls.draw

        def draw(self: Any, _original: Any = original) -> None:
            if getattr(self.canv, "dry_run", False):
                return
            _original(self)

        draw.dry_run_aware = True  # type: ignore[attr-defined]
        cls.draw = draw


def _bold(text: str) -> str:
    """Escaped text in the bold face; characters the bold subset lacks stay regular (a
    missing glyph would print as an empty box)."""
    out: list[str] = []
    for covered, piece in _coverage(text):
        escaped = xml_escape(piece)
        out.append(f"<b>{escaped}</b>" if covered else escaped)
    return "".join(out)


def _coverage(text: str) -> list[tuple[bool, str]]:
    pieces: list[tuple[bool, str]] = []
    for ch in text:
        covered = ord(ch) in _bold_chars or ch.isspace()
        if pieces and pieces[-1][0] == covered:
            pieces[-1] = (covered, pieces[-1][1] + ch)
        else:
            pieces.append((covered, ch))
    return pieces


def _markup(runs: tuple[Run, ...]) -> str:
    latin_quotes = _latin_quotes.get()
    parts = []
    for run in runs:
        text = clean(run.text)
        if latin_quotes and _QUOTES.search(text):
            text = _with_latin_quotes(text, run.bold)
        else:
            text = _bold(text) if run.bold else xml_escape(text)
        text = text.replace("\n", "<br/>")
        if run.italic:
            text = f'<font color="#4a5568"><i>{text}</i></font>'
        parts.append(text)
    return "".join(parts)


def _with_latin_quotes(text: str, bold: bool) -> str:
    """Escaped text whose curly quotes are in the Latin quotes face (named by its bold
    face in bold text: a face set inside <b> would lose the weight)."""
    face = QUOTES_BOLD_FONT if bold else QUOTES_FONT
    out: list[str] = []
    last = 0
    for m in _QUOTES.finditer(text):
        piece = text[last : m.start()]
        out.append(_bold(piece) if bold else xml_escape(piece))
        out.append(f'<font face="{face}">{m.group()}</font>')
        last = m.end()
    piece = text[last:]
    out.append(_bold(piece) if bold else xml_escape(piece))
    return "".join(out)


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


def _heading_runs(block: Heading) -> tuple[Run, ...]:
    """A heading as printed: its number, then its text, in the bold face."""
    number = (Run(f"{block.number} "),) if block.number else ()
    return _emphasised((*number, *block.runs))


def _emphasised(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    return tuple(Run(r.text, True, r.italic) for r in runs)


def _is_lead_in(runs: tuple[Run, ...]) -> bool:
    """A short line ending in a colon introduces what follows: kept on its page."""
    text = "".join(r.text for r in runs).rstrip()
    return len(text) < 300 and text.endswith((":", "："))


# Room (points) a heading needs below it on its page, by level, and a lead-in line.
KEEP_WITH_HEADING = (110.0, 90.0, 75.0)
KEEP_WITH_LEAD_IN = 60.0

_WORD = re.compile(r"[^\s\u2e80-\uffff]+")
MEASURED_ROWS = 200  # rows measured for column widths (a long table's first ones)
CELL_PADDING = 2 * 6 + 1  # reportlab's left and right cell padding, and the rule


def column_widths(
    header: tuple[tuple[Run, ...], ...],
    rows: tuple[tuple[tuple[Run, ...], ...], ...],
    total: float,
    scale: float = 1.0,
) -> list[float]:
    """Column widths from content, as browsers lay out tables: each column gets at least
    its longest unbreakable piece (a Latin word, a number, one Chinese character) and
    room in proportion to its longest line up to the full width, so no word is broken
    unless the words of one row alone are wider than the page. `scale` widens the measured
    text for another font (the DOCX's, measured with ours)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_font()
    columns = max([len(header)] + [len(r) for r in rows] + [1])
    least = [0.0] * columns
    most = [0.0] * columns
    measured = ((header, BOLD_FONT),) if header else ()
    for cells, font in (*measured, *((row, FONT) for row in rows[:MEASURED_ROWS])):
        for n, runs in enumerate(cells[:columns]):
            text = clean("".join(r.text for r in runs))[:2000]
            face = BOLD_FONT if font == BOLD_FONT or all(r.bold for r in runs) else FONT
            size = 9.0
            longest = max((stringWidth(line, face, size) for line in text.split("\n")), default=0)
            word = max((stringWidth(w, face, size) for w in _WORD.findall(text)), default=0)
            if any(is_wide(ch) for ch in text):
                word = max(word, size)
            least[n] = max(least[n], word * scale + CELL_PADDING)
            most[n] = max(most[n], longest * scale + CELL_PADDING)
    # no column is narrower than a short word, none claims more than 70 % for one long word
    floor = min(36.0, total / columns)
    cap = total * 0.7 if columns > 1 else total
    least = [min(max(w, floor), cap) for w in least]
    most = [max(m, w) for m, w in zip(most, least, strict=True)]
    if sum(most) <= total:  # everything fits on one line: share the rest out
        return [m * total / sum(most) for m in most]
    if sum(least) >= total:  # even the longest words do not fit: in proportion to them
        return [w * total / sum(least) for w in least]
    # Columns narrower than a fair share get their whole line; the others share the rest,
    # each its longest word and room in proportion to what it lacks.
    widths: list[float | None] = [None] * columns
    while True:
        open_columns = [n for n in range(columns) if widths[n] is None]
        room = total - sum(w for w in widths if w is not None)
        fair = room / len(open_columns)
        narrow = [n for n in open_columns if most[n] <= fair]
        if not narrow or len(narrow) == len(open_columns):
            break
        for n in narrow:
            widths[n] = most[n]
    open_least = sum(least[n] for n in open_columns)
    if open_least >= room:
        return [w if w is not None else least[n] * room / open_least for n, w in enumerate(widths)]
    spread = sum(most[n] - least[n] for n in open_columns) or 1.0
    return [
        w if w is not None else least[n] + (most[n] - least[n]) * (room - open_least) / spread
        for n, w in enumerate(widths)
    ]


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

        pieces = _chunks(runs)
        for n, chunk in enumerate(pieces):
            chosen = self.styles[style if n == len(pieces) - 1 else flow_style]
            self.story.append(_paragraph(_markup(chunk), chosen, bullet=bullet if n == 0 else None))

    def table(
        self,
        header: tuple[tuple[Run, ...], ...],
        rows: tuple[tuple[tuple[Run, ...], ...], ...],
        widths: list[float],
    ) -> None:
        from reportlab.platypus import Spacer

        columns = len(widths)
        overflow: list[tuple[Run, ...]] = []
        cells: list[list[Any]] = []
        if header:
            cells.append(
                [
                    _paragraph(
                        _markup(_cell(_emphasised(c), overflow, cell_limit(w - 6))),
                        self.styles["cellhead"],
                    )
                    for c, w in zip(header[:columns], widths, strict=False)
                ]
            )
            cells[-1] += [""] * (columns - len(cells[-1]))
        for row in rows:
            self.deadline.check()
            line = [
                _paragraph(_markup(_cell(c, overflow, cell_limit(w - 6))), self.styles["cell"])
                for c, w in zip(row[:columns], widths, strict=False)
            ]
            cells.append(line + [""] * (columns - len(line)))
        self.story.append(_grid_table(cells, bool(header), widths, self.split_rows))
        self.story.append(Spacer(1, 6))
        for n, runs in enumerate(overflow, start=1):  # a cell too long for a page, in full
            self.paragraphs((Run(f"[{n}] "), *runs), "body")

    def build(self) -> list[Any]:
        from reportlab.lib.units import cm
        from reportlab.platypus import CondPageBreak, Spacer
        from reportlab.platypus import PageBreak as RLPageBreak

        document, styles, frame_width = self.document, self.styles, self.frame_width
        if document.logo:
            self.image(document.logo, 3.2 * cm)
        self.paragraphs((Run(document.title, bold=True),), "title", "titleflow")
        self.paragraphs((Run(document.organisation),), "subtitle", "flow")
        blocks = document.blocks
        for n, block in enumerate(blocks):
            self.deadline.check()
            if isinstance(block, Heading):
                runs = _heading_runs(block)
                pieces = _chunks(runs)  # a heading as long as a book is laid out in pieces too
                # a heading at a page's foot goes to the next page with what it heads (all of
                # a picture, which cannot be split)
                keep = KEEP_WITH_HEADING[block.level - 1]
                following = blocks[n + 1] if n + 1 < len(blocks) else None
                if isinstance(following, Image):
                    keep = max(keep, 40 + self.image_height(following))
                elif self.introduces_picture(blocks, n + 1):  # a line, then the picture
                    keep = max(keep, 40 + self.introduction_height(blocks, n + 1))
                self.story.append(CondPageBreak(min(keep, self.frame_height)))
                heading = _heading(_markup(pieces[0]), styles[f"h{block.level}"])
                self.headings += 1
                heading.toc = (block.level, _toc_text(runs), f"h{self.headings}")
                self.story.append(heading)
                self.story += [
                    _paragraph(_markup(p), styles[f"h{block.level}"]) for p in pieces[1:]
                ]
            elif isinstance(block, Paragraph):
                if self.introduces_picture(blocks, n):  # kept on the picture's page
                    self.story.append(
                        CondPageBreak(min(self.introduction_height(blocks, n), self.frame_height))
                    )
                elif _is_lead_in(block.runs):  # a lead-in line stays with what it leads to
                    self.story.append(CondPageBreak(KEEP_WITH_LEAD_IN))
                self.paragraphs(block.runs, "body")
            elif isinstance(block, ListBlock):
                for n, item in enumerate(block.items, start=1):
                    self.paragraphs(item, "bullet", "bulletflow", f"{n}." if block.ordered else "•")
            elif isinstance(block, Table):
                self.table(
                    block.header, block.rows, column_widths(block.header, block.rows, frame_width)
                )
            elif isinstance(block, ControlBlock):
                fields = tuple(((Run(k, bold=True),), (Run(v),)) for k, v in block.fields)
                self.table((), fields, column_widths((), fields, frame_width))
                if block.history:
                    self.story.append(Spacer(1, 2))
                    header = tuple((Run(h),) for h in block.history_header)
                    rows = tuple(tuple((Run(c),) for c in row) for row in block.history)
                    self.table(header, rows, column_widths(header, rows, frame_width))
                self.story.append(Spacer(1, 2))
            elif isinstance(block, Image):
                self.image(block.data, min(block.width_cm * cm, frame_width))
            elif isinstance(block, PageBreak):
                self.story.append(RLPageBreak())
            elif isinstance(block, TableOfContents):
                self.contents()
        return self.story

    @staticmethod
    def introduces_picture(blocks: tuple[Any, ...] | list[Any], n: int) -> bool:
        """Is blocks[n] a short paragraph right before a picture ("The chart shows …")?"""
        if n + 1 >= len(blocks) or not isinstance(blocks[n], Paragraph):
            return False
        return isinstance(blocks[n + 1], Image) and sum(len(r.text) for r in blocks[n].runs) < 300

    def introduction_height(self, blocks: tuple[Any, ...] | list[Any], n: int) -> float:
        """The height of the paragraph blocks[n] and the picture after it."""
        style = self.styles["body"]
        lines = _paragraph(_markup(blocks[n].runs), style)
        height = lines.wrap(self.frame_width, self.frame_height)[1]
        return float(
            height + style.spaceBefore + style.spaceAfter + self.image_height(blocks[n + 1])
        )

    def image_height(self, block: Image) -> float:
        from reportlab.lib.units import cm

        try:
            picture = _image(
                block.data, min(block.width_cm * cm, self.frame_width), self.frame_height - 12
            )
        except Exception:  # noqa: BLE001 - an unreadable picture is left out, not fatal
            return 0.0
        return float(picture.wrap(self.frame_width, self.frame_height)[1])

    def image(self, data: object, width: float) -> None:
        if not isinstance(data, (bytes, Sketch)):
            return  # pictures are bytes from the workspace or the app, never a file name
        try:
            self.story.append(_image(data, width, self.frame_height - 12))
        except Exception:  # noqa: BLE001 - an unreadable picture is left out, not fatal
            return

    def contents(self) -> None:

        self.story.append(_paragraph(_markup((Run(self.document.toc_title),)), self.styles["h1"]))
        toc = _contents()
        toc.levelStyles = [self.styles["toc1"], self.styles["toc2"], self.styles["toc3"]]
        # Every entry is known before layout (page numbers are forms, see Contents)
        toc._lastEntries = [
            (b.level - 1, xml_escape(_toc_text(_heading_runs(b))), 0, f"h{n}")
            for n, b in enumerate(
                (b for b in self.document.blocks if isinstance(b, Heading)), start=1
            )
        ]
        self.story.append(toc)


def _heading_class() -> type:
    from reportlab.platypus import Paragraph as RLParagraph

    class HeadingParagraph(RLParagraph):  # type: ignore[misc]
        """A heading: its TOC and outline entry (level, plain text, bookmark key) stays with
        the part drawn first when a very long heading is split across pages."""

        toc: tuple[int, str, str] | None = None

        def draw(self) -> None:
            if self.toc is not None:  # the outline entry and contents link land here
                self.canv.bookmarkHorizontal(self.toc[2], 0, self.height + 4)
            super().draw()

        def split(self, avail_width: float, avail_height: float) -> list[Any]:
            parts = super().split(avail_width, avail_height)
            if parts and self.toc is not None:
                parts[0].toc = self.toc
            return list(parts)

    return HeadingParagraph


def page_form(key: str) -> str:
    """The name of the form holding the page number of the heading `key` (drawn in the
    contents before the heading is laid out, filled in once it lands)."""
    return f"tocpage_{key}"


TOC_NUMBER_ROOM = "0000"  # the contents keep this much room for a page number


def _contents_class() -> type:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Spacer
    from reportlab.platypus.tableofcontents import TableOfContents as RLTOC

    class Contents(RLTOC):  # type: ignore[misc]
        """The table of contents as one paragraph per entry. reportlab's own lays every
        entry out in one table that is measured again at every page it spans (20 000
        headings: minutes, with no point where Cancel or the deadline can stop it); these
        paragraphs flow like any others. Its entries are known before layout (every
        heading of the document), and each page number is a form filled in when its
        heading lands, so one layout pass makes the whole document. Entry texts arrive
        escaped."""

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.width, self.height = avail_width, avail_height + 1  # never whole: always split
            return self.width, self.height

        def split(self, avail_width: float, avail_height: float) -> list[Any]:
            def end_of_entry(canvas: Any, _kind: str, label: str) -> None:
                level, key = label.split(",", 1)
                style = self.getLevelStyle(int(level))
                x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
                room = stringWidth(TOC_NUMBER_ROOM, style.fontName, style.fontSize)
                if 0 <= self.dotsMinLevel <= int(level):  # dot leader up to the number
                    dot = " . "
                    dot_width = stringWidth(dot, style.fontName, style.fontSize)
                    dots = int((avail_width - x - room) / dot_width)
                    if dots > 0:
                        text = canvas.beginText(avail_width - room - dots * dot_width, y)
                        text.setFont(style.fontName, style.fontSize)
                        text.setFillColor(style.textColor)
                        text.textOut(dot * dots)
                        canvas.drawText(text)
                canvas.saveState()
                canvas.translate(avail_width, y)
                canvas.doForm(page_form(key))
                canvas.restoreState()

            self.canv.setNamedCB("drawTOCEntryEnd", end_of_entry)
            entries: list[Any] = [Spacer(1, 0)]
            for level, text, _page, key in self._lastEntries:
                entries.append(
                    RLParagraph(
                        f'<a href="#{key}">{text}</a>'
                        f'<onDraw name="drawTOCEntryEnd" label="{level},{key}"/>',
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
    return _paragraph(text, style, cls=_HEADING)


def _paragraph(markup: str, style: Any, bullet: str | None = None, cls: Any = None) -> Any:
    """A reportlab Paragraph of `markup`. Text without markup (no tag, no entity: most
    cells and paragraphs) skips reportlab's HTML parser, a fifth of a layout: its one
    fragment is the style's own, as the parser makes it, holding the text cleaned as the
    parser cleans it."""
    from reportlab.platypus.paragraph import Paragraph as RLParagraph
    from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags

    cls = cls or RLParagraph
    if "<" in markup or "&" in markup:
        return cls(markup, style, bulletText=bullet)
    plain = style.__dict__.get("_qms_plain_frag")
    if plain is None:
        plain = style.__dict__["_qms_plain_frag"] = cls("x", style).frags[0]
    text = cleanBlockQuotedText(markup)
    frags = [plain.clone(text=text)] if text else []
    textTransformFrags(frags, style)
    return cls(text, style, bulletText=bullet, frags=frags)


def write_pdf(
    document: Document, path: Path | io.BytesIO, deadline: Deadline | None = None
) -> None:
    """Lay the document out as PDF at `path` (a file or a BytesIO); `deadline` stops it when
    time is up or the user cancels."""
    _layout(document, path, deadline)


def heading_pages(document: Document, deadline: Deadline | None = None) -> list[int]:
    """The page each heading of `document` starts on in its PDF layout (laid out in memory,
    nothing drawn): the DOCX writer prints them in its pre-filled table of contents."""
    return _layout(document, io.BytesIO(), deadline, draw=False)


def _layout(
    document: Document, path: Path | io.BytesIO, deadline: Deadline | None, draw: bool = True
) -> list[int]:
    from reportlab.platypus.doctemplate import LayoutError

    _register_font()
    watch = deadline or never()
    latin = _latin_quotes.set(not document.lang.startswith("zh"))
    try:
        try:
            return _build(document, path, watch, split_rows=False, draw=draw)
        except LayoutError:
            # A block still taller than a page (a cell of many short lines in a narrow
            # column): lay out again, letting table rows break across pages.
            try:
                return _build(document, path, watch, split_rows=True, draw=draw)
            except LayoutError as exc:
                raise DocumentError("documents.pdf_layout", detail=str(exc)[:120]) from exc
    except DocumentError:
        if watch.stopped is not None:  # the deadline or Cancel, as it was raised
            raise watch.stopped from None
        raise
    finally:
        _latin_quotes.reset(latin)


def _build(
    document: Document,
    path: Path | io.BytesIO,
    deadline: Deadline,
    split_rows: bool,
    draw: bool = True,
) -> list[int]:
    """One layout pass: "page X of Y" footers and the contents' page numbers are forms
    referenced where they are drawn and filled in once known (the footers at the end, a
    contents entry when its heading lands). Without `draw` it lays out only. Returns the
    page each heading landed on."""
    from reportlab.lib.units import cm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    width_cm, height_cm = page_size_cm(document.page_size, document.landscape)
    width, height = width_cm * cm, height_cm * cm
    margin = document.margin_cm * cm
    frame_width, frame_height = width - 2 * margin, height - 2 * margin
    styles = _styles()
    head = header_text(document, frame_width)
    has_contents = any(isinstance(b, TableOfContents) for b in document.blocks)
    toc_styles = [styles["toc1"], styles["toc2"], styles["toc3"]]
    state: dict[str, Any] = {"headings": [], "footers": [], "pages": set(), "outline": -1}

    def decorate(canvas: Any, doc: Any) -> None:
        """Running header and "page X of Y" footer (not on the cover); plain text."""
        deadline.check()
        canvas.saveState()
        canvas.setFont(FONT, HEADER_SIZE)
        canvas.setFillColorRGB(0.35, 0.4, 0.45)
        canvas.drawRightString(width - margin, height - margin + 0.8 * cm, head)
        canvas.restoreState()
        canvas.doForm(f"footer{doc.page}")
        state["footers"].append(doc.page)

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
            deadline.check()
            toc = getattr(flowable, "toc", None)
            if toc is not None:
                level, text, key = toc
                # the destination was made where the heading was drawn (HeadingParagraph);
                # an outline goes down one level at a time (a document opening with a level-2
                # heading, or a level 3 right under a level 1, is nested as deep as it can be)
                depth = min(level - 1, state["outline"] + 1)
                state["outline"] = depth
                self.canv.addOutlineEntry(text, key, level=depth, closed=depth > 0)
                state["headings"].append(self.page)
                if has_contents:
                    _number_form(self.canv, key, str(self.page), toc_styles[level - 1])
                    state["pages"].add(key)

    class NumberingCanvas(Canvas):  # type: ignore[misc]
        def save(self) -> None:
            if self.dry_run:  # laid out only: the pages are known, no PDF is written
                return
            total = state["doc"].page
            for page in state["footers"]:
                deadline.check()
                label = document.page_label.format(page=page, pages=total)
                self.beginForm(f"footer{page}", 0, 0, width, height)
                self.setFont(FONT, HEADER_SIZE)
                self.setFillColorRGB(0.35, 0.4, 0.45)
                self.drawCentredString(width / 2, margin - 0.9 * cm, fit_width(label, frame_width))
                self.endForm()
            for n in range(1, builder.headings + 1):  # never left undefined
                if has_contents and f"h{n}" not in state["pages"]:
                    _number_form(self, f"h{n}", "", styles["toc1"])
            super().save()

    doc = Doc(
        path if isinstance(path, io.BytesIO) else str(path),
        pagesize=(width, height),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=one_line(document.title)[:500],
        author=one_line(document.author)[:500],
        subject=one_line(document.subject)[:500],
        keywords=[one_line(k)[:200] for k in document.keywords],
        creator="QMS Desktop",
        lang=_LANG_TAGS.get(document.lang, "en"),
        initialFontName=FONT,
        initialFontSize=10.5,
    )
    state["doc"] = doc
    frame = Frame(margin, margin, frame_width, frame_height, id="f")
    doc.addPageTemplates(
        [
            PageTemplate("cover", [frame], autoNextPageTemplate="page"),
            PageTemplate("page", [frame], onPage=decorate),
        ]
    )
    builder = _Builder(document, styles, frame_width, frame_height, deadline, split_rows)
    story = builder.build()

    def canvasmaker(*args: Any, **kwargs: Any) -> Any:
        canvas = NumberingCanvas(*args, **kwargs)
        canvas.dry_run = not draw  # laying out only (the DOCX contents' page numbers)
        canvas.showOutline()
        canvas._doc.Catalog.Metadata = _xmp(document)
        return canvas

    doc.build(story, canvasmaker=canvasmaker)
    return list(state["headings"])


def _number_form(canvas: Any, key: str, text: str, style: Any) -> None:
    """The form a contents entry shows as its page number, right-aligned at its origin."""
    canvas.beginForm(page_form(key), -200, -10, 0, 40)
    canvas.setFont(style.fontName, style.fontSize)
    canvas.setFillColor(style.textColor)
    canvas.drawRightString(0, 0, text)
    canvas.endForm()


_LANG_TAGS = {"en": "en", "zh_CN": "zh-CN"}


def _xmp(document: Document) -> Any:
    """The XMP metadata stream: title, author, subject, keywords, language, dates."""
    import datetime as dt

    from reportlab.pdfbase.pdfdoc import XMP

    made = (document.created or dt.datetime.now(dt.UTC)).astimezone()
    stamp = made.isoformat(timespec="seconds")
    lang = _LANG_TAGS.get(document.lang, "en")

    def text(value: str) -> str:
        return xml_escape(one_line(value)[:500])

    def creator(_doc: Any) -> bytes:
        keywords = text("; ".join(document.keywords))
        return (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
            f"<dc:format>application/pdf</dc:format>"
            f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(document.title)}</rdf:li>'
            "</rdf:Alt></dc:title>"
            f"<dc:creator><rdf:Seq><rdf:li>{text(document.author)}</rdf:li></rdf:Seq></dc:creator>"
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(document.subject)}'
            "</rdf:li></rdf:Alt></dc:description>"
            f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>"
            f"<pdf:Keywords>{keywords}</pdf:Keywords>"
            "<pdf:Producer>ReportLab PDF Library</pdf:Producer>"
            "<xmp:CreatorTool>QMS Desktop</xmp:CreatorTool>"
            f"<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}</xmp:ModifyDate>"
            "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
            '<?xpacket end="w"?>'
        ).encode()

    return XMP(creator=creator)


def natural_width(data: bytes) -> float | None:
    """The picture's width in points at its own resolution (its stated dpi, else 96 dpi):
    a logo is never printed larger than that, so it is never blown up and blurred."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as picture:
        dpi = picture.info.get("dpi") or (96, 96)
        try:
            x_dpi = float(dpi[0]) or 96.0
        except (TypeError, ValueError, IndexError):
            x_dpi = 96.0
        if not 30 <= x_dpi <= 2400:
            x_dpi = 96.0
        return picture.width * 72.0 / x_dpi


def _image(data: Picture, width: float, max_height: float) -> Any:
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image as RLImage

    if isinstance(data, Sketch):
        return _sketch_flowable(data, width, max_height)
    png = _png_stream(data)
    if png is not None:
        w, h = png[0], png[1]
    else:
        w, h = ImageReader(io.BytesIO(data)).getSize()
    natural = natural_width(data)
    if natural:
        width = min(width, natural)
    height = width * h / w
    if height > max_height:  # a tall picture is scaled down to fit a page
        width, height = width * max_height / height, max_height
    if png is not None:
        return _png_flowable(png, width, height)
    image = RLImage(io.BytesIO(data), width=width, height=height)
    image.hAlign = "LEFT"
    return image


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_COLOURS = {0: 1, 2: 3}  # grey, RGB (no alpha, no palette): what PDF takes as it is


def _png_stream(data: bytes) -> tuple[int, int, int, bytes] | None:
    """(width, height, colours, compressed pixels) of an 8-bit grey or RGB, non-interlaced
    PNG, whose compressed data a PDF can hold unchanged (Flate with the PNG predictors):
    no decoding and compressing again, which took a third of the layout of a manual with
    two charts. Anything else: None (the picture goes through reportlab's own path)."""
    import struct

    if not data.startswith(_PNG_SIGNATURE):
        return None
    position, chunks = 8, []
    header: tuple[int, ...] = ()
    try:
        while position + 8 <= len(data):
            length, kind = struct.unpack(">I4s", data[position : position + 8])
            body = data[position + 8 : position + 8 + length]
            if kind == b"IHDR":
                header = struct.unpack(">IIBBBBB", body)
            elif kind == b"IDAT":
                chunks.append(body)
            elif kind == b"IEND":
                break
            position += 12 + length
    except struct.error:
        return None
    if len(header) != 7 or not chunks:
        return None
    width, height, depth, colour, _compression, _filter, interlace = header
    if depth != 8 or interlace or colour not in _PNG_COLOURS or not width or not height:
        return None
    return width, height, _PNG_COLOURS[colour], b"".join(chunks)


def _png_flowable(png: tuple[int, int, int, bytes], width: float, height: float) -> Any:
    import hashlib

    from reportlab.pdfbase import pdfdoc
    from reportlab.platypus.flowables import Flowable

    pixels_wide, pixels_high, colours, stream = png
    name = "png" + hashlib.sha256(stream).hexdigest()[:24]

    class PngXObject(pdfdoc.PDFImageXObject):  # type: ignore[misc]
        def __init__(self) -> None:
            self.name = name
            self.width, self.height = pixels_wide, pixels_high
            self.bitsPerComponent = 8
            self.colorSpace = "DeviceRGB" if colours == 3 else "DeviceGray"
            self.streamContent = stream
            self._filters = ("FlateDecode",)
            self.mask = None

        def format(self, document: Any) -> Any:
            parms = pdfdoc.PDFDictionary(
                {
                    "Predictor": 15,
                    "Colors": colours,
                    "BitsPerComponent": 8,
                    "Columns": pixels_wide,
                }
            )
            content = pdfdoc.PDFStream(content=stream)
            entries = content.dictionary
            entries["Type"] = pdfdoc.PDFName("XObject")
            entries["Subtype"] = pdfdoc.PDFName("Image")
            entries["Width"] = pixels_wide
            entries["Height"] = pixels_high
            entries["BitsPerComponent"] = 8
            entries["ColorSpace"] = pdfdoc.PDFName(self.colorSpace)
            entries["Filter"] = pdfdoc.PDFName("FlateDecode")
            entries["DecodeParms"] = parms
            entries["Length"] = len(stream)
            return content.format(document)

    class PngImage(Flowable):  # type: ignore[misc]
        """A PNG placed with its compressed pixels as they are (see _png_stream)."""

        hAlign = "LEFT"

        def __init__(self) -> None:
            super().__init__()
            self.drawWidth, self.drawHeight = width, height

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return self.drawWidth, self.drawHeight

        def draw(self) -> None:
            canvas = self.canv
            if getattr(canvas, "dry_run", False):
                return
            registered = canvas._doc.getXObjectName(name)
            if canvas._doc.idToObject.get(registered) is None:
                xobject = PngXObject()
                canvas._setXObjects(xobject)
                canvas._doc.Reference(xobject, registered)
                canvas._doc.addForm(name, xobject)
            canvas._currentPageHasImages = 1
            canvas.saveState()
            canvas.scale(self.drawWidth, self.drawHeight)
            canvas._code.append(f"/{registered} Do")
            canvas.restoreState()
            canvas._formsinuse.append(name)

    return PngImage()


def _sketch_flowable(sketch: Sketch, width: float, max_height: float) -> Any:
    """A chart drawn as vectors, `width` points wide at most (never wider than at its own
    resolution), scaled down to fit `max_height`."""
    from reportlab.platypus import Flowable

    width = min(width, sketch.width * 72.0 / DPI)
    height = width * sketch.height / sketch.width
    if height > max_height:
        width, height = width * max_height / height, max_height

    class SketchDrawing(Flowable):  # type: ignore[misc]
        """A chart the app drew, as vectors in the regular face."""

        def __init__(self) -> None:
            super().__init__()
            self.width, self.height = width, height
            self.hAlign = "LEFT"

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            if getattr(self.canv, "dry_run", False):
                return
            sketch.draw_on(self.canv, FONT, self.width)

    return SketchDrawing()
