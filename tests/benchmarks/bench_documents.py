# ruff: noqa: B023 - each lambda is timed at once, inside its loop turn
"""Benchmark: rendering the demo quality manual to DOCX and PDF, each against the raw-library
floor measured in the same run (plain python-docx / plain reportlab writing the same
headings, paragraphs and tables), and against LibreOffice converting our DOCX to PDF.

    python tests/benchmarks/bench_documents.py
Goals (issue 12): our PDF at most 2x the plain-reportlab floor and at least 10x faster than
LibreOffice converting our DOCX; DOCX (with the contents' page numbers, which take a layout
pass of the PDF writer drawing nothing) at most 1.5x plain python-docx writing no contents.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from qms_desktop.documents.engine import build_document, find_template  # noqa: E402
from qms_desktop.documents.model import Heading, ListBlock, Paragraph, Table  # noqa: E402
from qms_desktop.services.demo import write_demo  # noqa: E402
from qms_desktop.services.documents import build_context  # noqa: E402
from qms_desktop.storage.workspace import Workspace  # noqa: E402


def text(runs) -> str:  # type: ignore[no-untyped-def]
    return "".join(r.text for r in runs)


def raw_docx(document, path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    doc = Document()
    for block in document.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            doc.add_paragraph(text(block.runs))
        elif isinstance(block, ListBlock):
            for item in block.items:
                doc.add_paragraph(text(item), style="List Bullet")
        elif isinstance(block, Table):
            table = doc.add_table(rows=0, cols=max(1, len(block.header)))
            for row in (block.header, *block.rows):
                cells = table.add_row().cells
                for i, c in enumerate(row[: len(cells)]):
                    cells[i].text = text(c)
    doc.save(str(path))


def raw_pdf(document, path: Path) -> None:  # type: ignore[no-untyped-def]
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph as P
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus import Table as T

    from qms_desktop.paths import CJK_FONT

    if "Raw" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Raw", str(CJK_FONT), subfontIndex=0))
    style = ParagraphStyle("b", fontName="Raw", fontSize=10.5, leading=15, wordWrap="CJK")
    story = []
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            story.append(P(escape(text(block.runs)), style))
        elif isinstance(block, ListBlock):
            story += [P(escape(text(i)), style) for i in block.items]
        elif isinstance(block, Table):
            rows = [[P(escape(text(c)), style) for c in row] for row in (block.header, *block.rows)]
            story.append(T(rows, repeatRows=1))
    SimpleDocTemplate(str(path), pagesize=A4, initialFontName="Raw").build(story)


def median_time(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    from qms_desktop.documents.docx_writer import write_docx
    from qms_desktop.documents.pdf_writer import write_pdf

    tmp = Path(tempfile.mkdtemp(prefix="qms-bench-docs-"))
    try:
        return _run(tmp, write_docx, write_pdf)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(tmp: Path, write_docx, write_pdf) -> int:  # type: ignore[no-untyped-def]
    from qms_desktop.documents.pdf_writer import heading_pages

    for lang in ("en", "zh_CN"):
        demo = write_demo(tmp / f"demo-{lang}.qms", lang)
        with Workspace.open(demo, read_only=True) as ws:
            context = build_context(ws, "quality-manual", lang)
        info = find_template("quality-manual")
        t_model = median_time(lambda: build_document(info, lang, context))
        document = build_document(info, lang, context)
        ours_docx = median_time(lambda: write_docx(document, tmp / "ours.docx"))
        ours_pages = median_time(lambda: heading_pages(document))
        floor_docx = median_time(lambda: raw_docx(document, tmp / "raw.docx"))
        ours_pdf = median_time(lambda: write_pdf(document, tmp / "ours.pdf"))
        floor_pdf = median_time(lambda: raw_pdf(document, tmp / "raw.pdf"))
        pages = subprocess.run(
            ["pdfinfo", str(tmp / "ours.pdf")], capture_output=True, text=True
        ).stdout
        page_count = next(
            (line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")), "?"
        )
        print(
            f"quality manual ({lang}, {page_count} PDF pages): template+markup+model {t_model * 1000:.0f} ms"
        )
        docx_total = t_model + ours_pages + ours_docx
        print(
            f"  DOCX: ours {docx_total * 1000:.0f} ms (writer {ours_docx * 1000:.0f}, contents' "
            f"page numbers {ours_pages * 1000:.0f}), plain python-docx {floor_docx * 1000:.0f} ms, "
            f"ratio {docx_total / floor_docx:.2f}  [goal <= 1.5]"
        )
        pdf_total = t_model + ours_pdf
        print(
            f"  PDF:  ours {pdf_total * 1000:.0f} ms (writer {ours_pdf * 1000:.0f}, one layout pass), "
            f"plain reportlab {floor_pdf * 1000:.0f} ms, ratio {pdf_total / floor_pdf:.2f}  "
            "[goal <= 2]"
        )
        soffice = shutil.which("soffice")
        if soffice:
            t = time.perf_counter()
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(tmp / "lo"),
                    str(tmp / "ours.docx"),
                ],
                capture_output=True,
                check=True,
                env=dict(os.environ, HOME=str(tmp)),
            )
            lo = time.perf_counter() - t
            print(
                f"  LibreOffice converting our DOCX to PDF: {lo * 1000:.0f} ms "
                f"(our PDF is {lo / pdf_total:.1f}x faster)  [goal >= 10x]"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
