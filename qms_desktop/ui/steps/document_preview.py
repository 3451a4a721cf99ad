"""The pages of a generated PDF shown inside the app (Qt's QtPdf), and printing them.

`print_pdf` paints the pages onto any QPrinter and shows no dialog, so tests print to a
PDF file; `PdfPreview.ask_and_print` is the one place that opens Qt's print dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

# Pages are rendered for the printer at its resolution, but never finer than this: a
# 1200 dpi A4 page as one image would be 140 MB; 300 dpi text prints sharp.
MAX_PRINT_DPI = 300


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint the document's pages (the printer's page range, else all) onto `printer`, each
    page scaled to fit the printable area and centred. Returns the number of pages printed;
    0 when the printer could not be started (nothing is printed then)."""
    count = document.pageCount()
    if count <= 0:
        return 0
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = min(count, printer.fromPage()) - 1
        last = min(count, printer.toPage() or count) - 1
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for number, page in enumerate(range(first, last + 1)):
            if number and not printer.newPage():
                return number
            area = QRectF(painter.viewport())
            points = document.pagePointSize(page)
            if points.isEmpty():
                continue
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QSizeF(points.width() * scale, points.height() * scale)
            rect = QRectF(
                area.x() + (area.width() - target.width()) / 2,
                area.y() + (area.height() - target.height()) / 2,
                target.width(),
                target.height(),
            )
            pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            painter.drawImage(rect, document.render(page, pixels))
        return last - first + 1
    finally:
        painter.end()


class PdfPreview(QWidget):
    """The generated PDF's pages, one under the other, fitted to the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.path: Path | None = None
        self.view = QPdfView()
        self.view.setObjectName("pdf_preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.note = QLabel()
        self.note.setObjectName("preview_note")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.note)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._note_kind = "empty"
        self.retranslate()

    def retranslate(self) -> None:
        notes = {
            "empty": self.tr("The pages of a PDF you generate are shown here."),
            "docx": self.tr(
                "A Word document is previewed in your word processor: use “Open in Word "
                "Processor”. Generate the PDF to see its pages here and print them."
            ),
            "failed": self.tr("The PDF could not be shown; open it in your PDF viewer."),
        }
        self.note.setText(notes[self._note_kind])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def page_count(self) -> int:
        return self.document.pageCount() if self.stack.currentWidget() is self.view else 0

    def show_pdf(self, path: Path) -> int:
        """Show the PDF's pages; returns how many. The file is read into memory, so it is not
        held open (Windows could not replace it on the next generation otherwise)."""
        self._unload()
        try:
            data = Path(path).read_bytes()
        except OSError:
            self.show_note("failed")
            return 0
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() <= 0:
            self._unload()
            self.show_note("failed")
            return 0
        self.path = Path(path)
        self.stack.setCurrentWidget(self.view)
        self.view.pageNavigator().jump(0, self.view.pageNavigator().currentLocation())
        return self.document.pageCount()

    def show_note(self, kind: str) -> None:
        """No pages: say why ("empty", "docx" or "failed")."""
        self._unload()
        self._note_kind = kind
        self.retranslate()
        self.stack.setCurrentWidget(self.note)

    def _unload(self) -> None:
        self.document.close()
        self.path = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def prepared_printer(self) -> QPrinter:
        """A printer set to the document's page size and name, for the dialog to adjust."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.page_count():
            points = self.document.pagePointSize(0)
            printer.setPageSize(QPageSize(points, QPageSize.Unit.Point))
            orientation = (
                QPageLayout.Orientation.Landscape
                if points.width() > points.height()
                else QPageLayout.Orientation.Portrait
            )
            printer.setPageOrientation(orientation)
            printer.setFromTo(1, self.document.pageCount())
        if self.path is not None:
            printer.setDocName(self.path.name)
        return printer

    def print_to(self, printer: QPrinter) -> int:
        return print_pdf(self.document, printer) if self.page_count() else 0

    def ask_and_print(self) -> int | None:
        """Qt's print dialog, then the pages; None when the user cancelled."""
        printer = self.prepared_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        return self.print_to(printer)
