# ruff: noqa: B023 - each lambda is timed at once, inside its loop turn
"""Benchmark: the demo quality manual (en and zh_CN) to DOCX and PDF, ours against the raw
libraries writing the same content, interleaved in one run (medians of --runs runs). The
charts are sketches: ours draws them again every run; the DOCX floor places the very PNG our
DOCX holds, the PDF floor makes the same canvas calls (lines, boxes, strings) ours makes.
Both PDFs deflate their streams at the level our writer sets (zlib's fastest, process-wide
once our writer has run): the floor is not slowed by a stronger compression than ours.

1. DOCX, in-process. Ours: everything the app does from an open workspace to the file
   (`render_workspace_document`: the context read from the workspace, the template, the
   markup, the model, the charts the template places — drawn every run, not taken from
   the app's cache —, the contents' page numbers, the writer, the save). Floor: plain
   python-docx writing the same headings, paragraphs, lists, tables (the document-control
   block among them) and the same pictures (the very chart and logo bytes our document
   holds). Goal <= 1.5x.
2. PDF, in-process, the same way against plain reportlab (same text, same pictures; goal
   <= 2x) and against plain reportlab that also builds the table of contents
   (TableOfContents + multiBuild, as reportlab's documentation shows; goal <= 1.3x).
3. `python -m qms_desktop render WS quality-manual --format pdf` as a whole process against
   LibreOffice converting our DOCX to PDF as a whole process (`soffice --headless
   --convert-to pdf`, HOME a temporary folder, warmed once). Goal: ours >= 3x faster
   (ratio <= 0.33). And issue 12's: our in-process PDF >= 10x faster than LibreOffice
   (ratio <= 0.1), from the same runs.

    python tests/benchmarks/bench_documents.py [--runs 7] [--quick] [--lang en zh_CN]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks import fixtures  # noqa: E402
from tests.benchmarks.common import compile_app, interleaved, row, run_measured  # noqa: E402

fixtures.use_cached_keys()  # the user-data folder (signing keys), before the app is imported

from reportlab.platypus import Flowable  # noqa: E402

from qms_desktop.documents.charts import forget_charts  # noqa: E402
from qms_desktop.documents.engine import build_document, find_template  # noqa: E402
from qms_desktop.documents.model import (  # noqa: E402
    ControlBlock,
    Document,
    Heading,
    Image,
    ListBlock,
    PageBreak,
    Paragraph,
    Table,
)
from qms_desktop.documents.sketch import Sketch  # noqa: E402
from qms_desktop.paths import user_templates_dir  # noqa: E402
from qms_desktop.services.demo import write_demo  # noqa: E402
from qms_desktop.services.documents import (  # noqa: E402
    _pictures,
    build_context,
    chart_images,
    render_workspace_document,
)
from qms_desktop.storage.workspace import Workspace  # noqa: E402

TEMPLATE = "quality-manual"


def text(runs: Any) -> str:
    return "".join(r.text for r in runs)


def _grid(block: Table | ControlBlock) -> list[list[str]]:
    """A table's or the control block's cells as plain text, header first."""
    if isinstance(block, ControlBlock):
        return [
            *[[label, value] for label, value in block.fields],
            list(block.history_header),
            *[list(h) for h in block.history],
        ]
    return [[text(c) for c in r] for r in (block.header, *block.rows)]


def raw_docx(document: Document, path: Path) -> None:
    """Plain python-docx: the same headings, paragraphs, lists, tables and pictures."""
    from docx import Document as Docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    doc = Docx()
    if document.logo:
        doc.add_picture(io.BytesIO(document.logo), width=Cm(3.2))
    doc.add_heading(document.title, level=0)
    for block in document.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.label, level=block.level)
        elif isinstance(block, Paragraph):
            doc.add_paragraph(text(block.runs))
        elif isinstance(block, ListBlock):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                doc.add_paragraph(text(item), style=style)
        elif isinstance(block, Table | ControlBlock):
            cells = _grid(block)
            table = doc.add_table(rows=0, cols=max(len(r) for r in cells))
            table.style = "Table Grid"
            for values in cells:
                row_cells = table.add_row().cells
                for i, value in enumerate(values[: len(row_cells)]):
                    row_cells[i].text = value
        elif isinstance(block, Image):
            # the very PNG our DOCX holds (a chart painted once, before timing)
            doc.add_picture(io.BytesIO(block.picture_bytes()), width=Cm(block.width_cm))
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.save(str(path))


def raw_pdf(document: Document, path: Path, *, toc: bool = False) -> None:
    """Plain reportlab: the same text (headings, paragraphs, lists, tables, bold runs in the
    same bold face, header rows), pictures, running header and page footer, in the same
    fonts; with `toc`, a table of contents as reportlab's documentation builds one
    (TableOfContents fed from afterFlowable, multiBuild)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import PageBreak as RLPageBreak
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as T
    from reportlab.platypus.tableofcontents import TableOfContents as TOC

    from qms_desktop.paths import CJK_FONT

    if "Raw" not in pdfmetrics.getRegisteredFontNames():
        from reportlab.lib.fonts import addMapping

        from qms_desktop.documents.pdf_writer import BOLD_FONT_FILE

        pdfmetrics.registerFont(TTFont("Raw", str(CJK_FONT), subfontIndex=0))
        pdfmetrics.registerFont(TTFont("RawBold", str(BOLD_FONT_FILE)))
        for italic in (0, 1):
            addMapping("Raw", 0, italic, "Raw")
            addMapping("Raw", 1, italic, "RawBold")
    body = ParagraphStyle("b", fontName="Raw", fontSize=10.5, leading=15, wordWrap="CJK")
    heads = [
        ParagraphStyle(f"h{n}", parent=body, fontSize=size, leading=size * 1.4)
        for n, size in ((1, 16), (2, 13), (3, 11.5))
    ]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)])
    width = A4[0] - 5 * cm

    class Doc(SimpleDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
            level = getattr(flowable, "toc_level", None)
            if toc and level is not None:
                self.notify("TOCEntry", (level, flowable.getPlainText(), self.page))

    def marked(runs: Any) -> str:
        return "".join(f"<b>{escape(r.text)}</b>" if r.bold else escape(r.text) for r in runs)

    header = f"{document.organisation}    {document.number}  {document.revision}"

    def decorate(canvas: Any, doc: Any) -> None:  # running header and page number
        canvas.saveState()
        canvas.setFont("Raw", 8)
        canvas.drawRightString(A4[0] - 2.5 * cm, A4[1] - 1.7 * cm, header)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, f"Page {doc.page}")
        canvas.restoreState()

    story: list[Any] = []
    if document.logo:
        w, h = _size(document.logo)
        story.append(RLImage(io.BytesIO(document.logo), width=3.2 * cm, height=3.2 * cm * h / w))
    story.append(P(escape(document.title), heads[0]))
    for block in document.blocks:
        if isinstance(block, Heading):
            heading = P(escape(block.label), heads[block.level - 1])
            heading.toc_level = block.level - 1
            story.append(heading)
        elif isinstance(block, Paragraph):
            story.append(P(marked(block.runs), body))
        elif isinstance(block, ListBlock):
            story += [P("• " + marked(i), body) for i in block.items]
        elif isinstance(block, Table | ControlBlock):
            cells = [
                [P(f"<b>{escape(c)}</b>" if n == 0 and head else escape(c), body) for c in r]
                for n, r in enumerate(_grid(block))
                for head in [isinstance(block, Table) and bool(block.header)]
            ]
            columns = max(len(r) for r in cells)
            cells = [r + [""] * (columns - len(r)) for r in cells]
            story.append(T(cells, colWidths=[width / columns] * columns, style=grid))
        elif isinstance(block, Image) and isinstance(block.data, Sketch):
            story.append(_Drawing(block.data, min(block.width_cm * cm, width)))
        elif isinstance(block, Image):
            w, h = _size(block.data)
            draw = min(block.width_cm * cm, width)
            story.append(RLImage(io.BytesIO(block.data), width=draw, height=draw * h / w))
        elif isinstance(block, PageBreak):
            story.append(RLPageBreak())
        elif toc:  # TableOfContents
            contents = TOC()
            contents.levelStyles = [
                ParagraphStyle(f"t{n}", parent=body, leftIndent=n * 12) for n in range(3)
            ]
            story.append(contents)
    doc = Doc(str(path), pagesize=A4, initialFontName="Raw")
    if toc:
        doc.multiBuild(story, onLaterPages=decorate)
    else:
        doc.build(story, onLaterPages=decorate)


class _Drawing(Flowable):  # type: ignore[misc]
    """A chart as the same canvas calls (lines, boxes, strings) our PDF makes."""

    def __init__(self, sketch: Sketch, width: float) -> None:
        super().__init__()
        self.sketch, self.width = sketch, width
        self.height = width * sketch.height / sketch.width

    def wrap(self, _w: float, _h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.sketch.draw_on(self.canv, "Raw", self.width)


def _size(data: bytes) -> tuple[int, int]:
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as picture:
        return picture.size


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="5 runs")
    parser.add_argument("--lang", nargs="*", default=["en", "zh_CN"])
    args = parser.parse_args()
    runs = 5 if args.quick else max(5, args.runs)
    compile_app()
    tmp = Path(tempfile.mkdtemp(prefix="qms-bench-docs-"))
    try:
        for lang in args.lang:
            _run(tmp, lang, runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _run(tmp: Path, lang: str, runs: int) -> None:
    demo = write_demo(tmp / f"demo-{lang}.qms", lang)
    user_dir = user_templates_dir()
    with Workspace.open(demo, read_only=True) as ws:
        # the floors' content: the very model and pictures our document holds (not timed)
        context = build_context(ws, TEMPLATE, lang)
        images = chart_images(context, lang, _pictures(TEMPLATE, lang, user_dir))
        document = build_document(find_template(TEMPLATE, user_dir), lang, context, images)
        pictures = sum(isinstance(b, Image) for b in document.blocks) + bool(document.logo)
        print(
            f"quality manual, {lang}: {len(document.blocks)} blocks, {pictures} pictures "
            f"({', '.join(sorted(images)) or 'no charts'}{', logo' if document.logo else ''})"
        )

        def ours(fmt: str) -> None:
            forget_charts()  # drawn every run, as in a first render (the app keeps them)
            render_workspace_document(
                ws, TEMPLATE, lang=lang, fmt=fmt, out_path=tmp / f"ours.{fmt}", user_dir=user_dir
            )

        a, b = interleaved(lambda: ours("docx"), lambda: raw_docx(document, tmp / "raw.docx"), runs)
        row(
            f"quality manual → DOCX, in-process ({lang})",
            a,
            b,
            "≤ 1.5×",
            lambda o, f: o <= 1.5 * f,
            note="ours: open workspace to file; floor: python-docx, same text and pictures",
        )
        a, b = interleaved(lambda: ours("pdf"), lambda: raw_pdf(document, tmp / "raw.pdf"), runs)
        ours_pdf = a
        row(
            f"quality manual → PDF, in-process ({lang})",
            a,
            b,
            "≤ 2×",
            lambda o, f: o <= 2 * f,
            note="ours: open workspace to file; floor: reportlab, same text and pictures",
        )
        a, b = interleaved(
            lambda: ours("pdf"), lambda: raw_pdf(document, tmp / "raw-toc.pdf", toc=True), runs
        )
        ours_pdf += a
        row(
            f"quality manual → PDF, in-process, vs a floor with contents ({lang})",
            a,
            b,
            "≤ 1.3×",
            lambda o, f: o <= 1.3 * f,
            note="floor: reportlab TableOfContents + multiBuild, same text and pictures",
        )
    _whole_process(tmp, demo, lang, runs, ours_pdf)


def _whole_process(tmp: Path, demo: Path, lang: str, runs: int, ours_pdf: list[float]) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: the LibreOffice rows are left out")
        return
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    lo_env = dict(os.environ, HOME=str(tmp / "lo-home"))
    docx = tmp / f"ours-{lang}.docx"
    render_args = [sys.executable, "-m", "qms_desktop", "render", str(demo), TEMPLATE]
    run_measured([*render_args, "--lang", lang, "-o", str(docx)], env)
    out = tmp / f"render-{lang}.pdf"

    def ours() -> float:
        return run_measured(
            [*render_args, "--lang", lang, "--format", "pdf", "-o", str(out), "--force"], env
        )[0]

    def libreoffice() -> float:
        args = [
            soffice,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp / "lo"),
            str(docx),
        ]
        return run_measured(args, lo_env)[0]

    a, b = interleaved(ours, libreoffice, runs)
    row(
        f"render quality manual --format pdf, whole process ({lang})",
        a,
        b,
        "≥ 3× faster (ratio ≤ 0.33)",
        lambda o, f: o <= f / 3,
        note="floor: soffice --headless --convert-to pdf of our DOCX, whole process",
    )
    row(
        f"quality manual → PDF in-process vs LibreOffice whole process ({lang})",
        ours_pdf,
        b,
        "≥ 10× faster (ratio ≤ 0.1)",
        lambda o, f: o <= f / 10,
        note="issue 12: ours from the in-process PDF runs above, LibreOffice from this row's",
    )


if __name__ == "__main__":
    sys.exit(main())
