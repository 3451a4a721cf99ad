"""Generated documents inside the app: the Refine page shows a PDF's pages, prints them to a
QPrinter (a PDF file here, no dialog) and opens either format in the user's own app."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter

from qms_desktop.domain.steps import Step
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.steps.document_preview import PdfPreview, print_pdf


def panel_of(window: MainWindow):
    window.go_to("refine")
    return window.step_pages[Step.REFINE].tabs.widget(0)


def generate(qtbot, panel, title: str, out: Path, fmt: str = "pdf") -> Path:
    titles = [panel.templates.item(i).text() for i in range(panel.templates.count())]
    panel.templates.setCurrentRow(titles.index(title))
    panel.format.setCurrentIndex(panel.format.findData(fmt))
    assert panel.start(out)
    qtbot.waitUntil(lambda: panel.job is None, timeout=60000)
    return out


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def test_the_preview_shows_every_page_of_the_generated_pdf_and_prints_them(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path
):
    assert window.open_path(demo_file)
    panel = panel_of(window)
    assert panel.preview.page_count() == 0 and not panel.print_button.isEnabled()
    out = generate(qtbot, panel, "Quality manual", tmp_path / "manual.pdf")
    pages = len(PdfReader(out).pages)
    assert pages > 1
    assert panel.preview.page_count() == pages
    assert panel.preview.stack.currentWidget() is panel.preview.view
    assert panel.preview.view.isVisible() and panel.print_button.isEnabled()
    assert panel.open_button.text() == "&Open in PDF Viewer"
    # the file is not held open: it can be replaced by the next generation
    out.unlink()
    assert not out.exists() and panel.preview.page_count() == pages

    printed = tmp_path / "printed.pdf"
    assert panel.preview.print_to(pdf_printer(printed)) == pages
    assert len(PdfReader(printed).pages) == pages


def test_a_page_range_prints_only_those_pages(qtbot, tmp_path: Path, demo_file: Path):
    from reportlab.pdfgen.canvas import Canvas

    source = tmp_path / "three.pdf"
    canvas = Canvas(str(source))
    for n in range(3):
        canvas.drawString(72, 720, f"page {n + 1}")
        canvas.showPage()
    canvas.save()
    preview = PdfPreview()
    qtbot.addWidget(preview)
    assert preview.show_pdf(source) == 3
    printer = pdf_printer(tmp_path / "two.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(preview.document, printer) == 2
    assert len(PdfReader(tmp_path / "two.pdf").pages) == 2
    prepared = preview.prepared_printer()
    assert prepared.docName() == "three.pdf" and prepared.fromPage() == 1
    assert prepared.toPage() == 3


def test_a_docx_opens_in_the_word_processor_and_is_not_previewed(
    qtbot, window: MainWindow, demo_file: Path, tmp_path: Path, monkeypatch
):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert window.open_path(demo_file)
    panel = panel_of(window)
    generate(qtbot, panel, "Quality manual", tmp_path / "manual.pdf")
    assert panel.preview.page_count() > 0
    out = generate(qtbot, panel, "Quality manual", tmp_path / "manual.docx", fmt="docx")
    assert panel.preview.page_count() == 0 and not panel.print_button.isEnabled()
    assert "word processor" in panel.preview.note.text()
    assert panel.open_button.text() == "Open in &Word Processor"
    panel.open_button.click()
    assert [Path(url.toLocalFile()) for url in opened] == [out]


def test_a_file_that_is_not_a_pdf_is_not_shown(qtbot, tmp_path: Path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    preview = PdfPreview()
    qtbot.addWidget(preview)
    assert preview.show_pdf(bad) == 0 and preview.page_count() == 0
    assert "could not be shown" in preview.note.text()
    assert preview.show_pdf(tmp_path / "missing.pdf") == 0


def test_the_template_list_follows_the_interface_language(
    qtbot, window: MainWindow, demo_file: Path
):
    assert window.open_path(demo_file)
    panel = panel_of(window)
    window.set_language("zh_CN")
    qtbot.waitUntil(
        lambda: (
            "质量手册" in [panel.templates.item(i).text() for i in range(panel.templates.count())]
        )
    )
    titles = [panel.templates.item(i).text() for i in range(panel.templates.count())]
    assert "Quality manual" not in titles and "差距分析报告" in titles
    panel.templates.setCurrentRow(titles.index("质量手册"))
    assert "<b>质量手册</b>" in panel.description.text()
    window.set_language("en")
    qtbot.waitUntil(lambda: panel.templates.currentItem().text() == "Quality manual")
