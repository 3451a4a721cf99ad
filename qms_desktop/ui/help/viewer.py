"""The guide window: the contents on the left, the page on the right (Markdown shown by
QTextBrowser). Only the guide's own files are read; a web link opens in the system browser;
nothing is fetched from the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.ui.help.guide import PAGES, page_markdown, page_path, page_title, slug_of
from qms_desktop.ui.steps.guidance import progress_rule

EXTERNAL_SCHEMES = ("http", "https", "mailto")


class GuideBrowser(QTextBrowser):
    """A QTextBrowser that reads guide pages only, with the progress rules put in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = "en"
        self.setOpenLinks(False)  # every click goes through follow()
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.follow)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url)
        path = Path(url.toLocalFile()) if url.isLocalFile() else None
        slug = slug_of(path) if path is not None else None
        if slug is None:
            return None  # no remote resources, no file outside the guide
        return page_markdown(slug, self.lang, progress_rule)

    def show_page(self, slug: str, fragment: str = "") -> None:
        url = QUrl.fromLocalFile(str(page_path(slug, self.lang)))
        if fragment:
            url.setFragment(fragment)
        self.setSource(url, QTextDocument.ResourceType.MarkdownResource)

    def current_slug(self) -> str | None:
        source = self.source()
        return slug_of(Path(source.toLocalFile())) if source.isLocalFile() else None

    def follow(self, url: QUrl) -> None:
        """A link: another guide page here, a web address in the system browser, else nothing."""
        if url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
            return
        if url.scheme() not in ("", "file"):
            return
        if url.isRelative() and not url.path():  # "#section" on this page
            self.scrollToAnchor(url.fragment())
            return
        target = self.source().resolved(url) if url.isRelative() else url
        slug = slug_of(Path(target.toLocalFile()))
        if slug is not None:
            self.show_page(slug, url.fragment())


class GuideWindow(QWidget):
    """The user guide in its own window, beside the app's main window."""

    pageShown = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guide_window")
        self.resize(960, 680)
        self.contents = QListWidget()
        self.contents.setObjectName("guide_contents")
        self.contents.currentRowChanged.connect(self._contents_chosen)
        self.browser = GuideBrowser()
        self.browser.setObjectName("guide_page")
        self.browser.lang = lang
        self.browser.document().setDocumentMargin(16)
        self.browser.sourceChanged.connect(self._page_changed)
        self.back = QPushButton()
        self.back.setEnabled(False)
        self.back.clicked.connect(self.browser.backward)
        self.forward = QPushButton()
        self.forward.setEnabled(False)
        self.forward.clicked.connect(self.browser.forward)
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.browser.forwardAvailable.connect(self.forward.setEnabled)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.browser.backward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Forward), self, self.browser.forward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        bar = QHBoxLayout()
        bar.addWidget(self.back)
        bar.addWidget(self.forward)
        bar.addStretch()
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.browser, 1)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._fill_contents()
        self.retranslate()

    @property
    def lang(self) -> str:
        return self.browser.lang

    def _fill_contents(self) -> None:
        self.contents.blockSignals(True)
        self.contents.clear()
        for slug in PAGES:
            item = QListWidgetItem(page_title(slug, self.lang))
            item.setData(Qt.ItemDataRole.UserRole, slug)
            self.contents.addItem(item)
        self.contents.blockSignals(False)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("QMS Desktop Guide"))
        self.back.setText(self.tr("← Back"))
        self.forward.setText(self.tr("Forward →"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            from qms_desktop.ui.operations import ui_language

            self.retranslate()
            self.set_language(ui_language())  # the guide follows the interface
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        """Show the same page in the other language."""
        if lang == self.browser.lang:
            return
        slug = self.current_slug() or "index"
        self.browser.lang = lang
        self._fill_contents()
        self.browser.clearHistory()
        self.show_page(slug)

    def show_page(self, slug: str, fragment: str = "") -> None:
        if slug not in PAGES:
            slug = "index"
        self.browser.show_page(slug, fragment)

    def current_slug(self) -> str | None:
        return self.browser.current_slug()

    def _contents_chosen(self, row: int) -> None:
        if 0 <= row < len(PAGES) and PAGES[row] != self.current_slug():
            self.show_page(PAGES[row])

    def _page_changed(self, url: QUrl) -> None:
        # (source() still names the previous page while sourceChanged is emitted)
        slug = slug_of(Path(url.toLocalFile())) if url.isLocalFile() else None
        if slug is None:
            return
        if slug in PAGES:
            self.contents.blockSignals(True)
            self.contents.setCurrentRow(PAGES.index(slug))
            self.contents.blockSignals(False)
        self.pageShown.emit(slug)
