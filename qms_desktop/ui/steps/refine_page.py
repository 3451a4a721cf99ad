"""Step 7, Refine (完善): generate the system's documents — pick a document, language and
format; it renders off the UI thread with progress and a way to cancel; a PDF's pages are
then shown beside the form, ready to print, and either format opens in the user's own app.
A document in the document register can also be kept, the very bytes written, as its current
draft in document control (the same `record_draft` operation the Document control tab uses)."""

from __future__ import annotations

import html
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.steps import Step
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.operations import error_text, ui_language
from qms_desktop.ui.steps.document_preview import PdfPreview
from qms_desktop.ui.steps.tabbed import TabbedStepPage
from qms_desktop.ui.widgets import FieldError, plain_tip

if TYPE_CHECKING:
    from qms_desktop.services import document_control as dc

log = logging.getLogger(__name__)


class RenderSignals(QObject):
    progress = Signal(float)
    finished = Signal(str)  # the written path
    failed = Signal(str)


class RenderJob(QRunnable):
    """Lays out and writes one document on a pool thread. The context was read from the
    workspace on the UI thread, so this job never touches the database."""

    def __init__(
        self,
        template_id: str,
        context: dict[str, Any],
        images: dict[str, Any],  # the pictures chart_images gave
        lang: str,
        fmt: str,
        out: Path,
        reference: Path | None,
        keep: dc.RenderJob | None = None,
    ) -> None:
        super().__init__()
        self.signals = RenderSignals()
        self.cancelled = threading.Event()
        self._args = (template_id, context, images, lang, fmt, out, reference)
        self._keep = keep  # a draft job (its words only): the written file joins it
        self.rendered: dc.Rendered | None = None  # set before `finished` when kept

    def run(self) -> None:
        from qms_desktop.services.documents import render_prepared

        template_id, context, images, lang, fmt, out, reference = self._args
        try:
            words = None
            if self._keep is not None:  # the draft's text and context, as render_job keeps them
                from qms_desktop.services.document_control import render_job

                words = render_job(self._keep, self.cancelled.is_set)
            path = render_prepared(
                template_id,
                context,
                lang=lang,
                fmt=fmt,
                out_path=out,
                reference_docx=reference,
                images=images,
                progress=lambda f, _m: self.signals.progress.emit(f),
                cancel=self.cancelled.is_set,
            )
            if words is not None:
                name = Path(words.files[(lang, "text")][0]).with_suffix(f".{fmt}").name
                words.files[(lang, fmt)] = (name, Path(path).read_bytes())  # the bytes written
                self.rendered = words
        except (QmsError, OSError) as exc:
            self.signals.failed.emit(error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - reported to the user, not lost in a thread
            log.exception("rendering %s failed", template_id)
            self.signals.failed.emit(error_text(exc))
            return
        self.signals.finished.emit(str(path))


class DocumentsPanel(QWidget):
    recordSelected = Signal(str, str)

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one document at a time
        self.job: RenderJob | None = None
        self.last_output: Path | None = None

        self.templates = QListWidget()
        self.templates.setObjectName("template_list")
        self.language = QComboBox()
        self.language.setObjectName("document_language")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.format = QComboBox()
        self.format.setObjectName("document_format")
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Word (DOCX)", "docx")
        self.reference = QLineEdit()
        self.reference.setObjectName("reference_docx")
        browse = QPushButton()
        browse.clicked.connect(self._pick_reference)
        self._browse = browse
        ref_row = QHBoxLayout()
        ref_row.addWidget(self.reference)
        ref_row.addWidget(browse)
        self.generate = QPushButton()
        self.generate.setObjectName("generate_button")
        self.generate.clicked.connect(self._generate_dialog)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.open_button = QPushButton()
        self.open_button.setObjectName("open_document_button")
        self.open_button.clicked.connect(self.open_result)
        self.open_button.setEnabled(False)
        self.print_button = QPushButton()
        self.print_button.setObjectName("print_button")
        self.print_button.clicked.connect(self.print_result)
        self.print_button.setEnabled(False)
        self.preview = PdfPreview()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("render_status")
        self.error = FieldError()
        self.description = QLabel()
        self.description.setWordWrap(True)
        # A template that generates a document of the register: say so, and offer to keep
        # the file as its current draft (hidden for any other template).
        self.controlled = QLabel()
        self.controlled.setObjectName("controlled_note")
        self.controlled.setWordWrap(True)
        self.keep = QCheckBox()
        self.keep.setObjectName("keep_as_draft")
        self.keep.setChecked(True)
        self._controlled_number = ""
        self._not_kept: QmsError | None = None  # why the last file could not be kept
        self.templates.currentRowChanged.connect(self._describe)
        self.language.activated.connect(lambda _i: setattr(self, "_language_chosen", True))

        form = QFormLayout()
        self._labels = [QLabel(), QLabel(), QLabel()]
        for label, buddy in zip(
            self._labels, (self.language, self.format, self.reference), strict=True
        ):
            label.setBuddy(buddy)  # so "&" marks the shortcut letter instead of printing
        form.addRow(self._labels[0], self.language)
        form.addRow(self._labels[1], self.format)
        form.addRow(self._labels[2], ref_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch()
        result_buttons = QHBoxLayout()
        result_buttons.addWidget(self.open_button)
        result_buttons.addWidget(self.print_button)
        result_buttons.addStretch()
        # The choices on the left, the pages of the result on the right: at 1280x720 the
        # preview gets the larger share.
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.templates, 1)
        column.addWidget(self.description)
        column.addWidget(self.controlled)
        column.addLayout(form)
        column.addWidget(self.keep)
        column.addLayout(buttons)
        column.addWidget(self.progress)
        column.addWidget(self.status)
        column.addWidget(self.error)
        column.addLayout(result_buttons)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.splitter)
        self.retranslate()

    def retranslate(self) -> None:
        self._labels[0].setText(self.tr("Document &language:"))
        self._labels[1].setText(self.tr("&Format:"))
        self._labels[2].setText(self.tr("Styles from (optional .docx):"))
        self.reference.setPlaceholderText(self.tr("Use the built-in look"))
        self._browse.setText(self.tr("Browse…"))
        self.generate.setText(self.tr("Generate…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._name_open_button()
        self.print_button.setText(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Print the PDF shown in the preview"))
        self.keep.setText(self.tr("Also &keep as the current draft in document control"))
        self.reload()

    def _name_open_button(self) -> None:
        is_docx = self.last_output is not None and self.last_output.suffix.lower() == ".docx"
        self.open_button.setText(
            self.tr("Open in &Word Processor") if is_docx else self.tr("&Open in PDF Viewer")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def lang_ui(self) -> str:
        """Template titles and their errors follow the interface language."""
        return ui_language()

    def reload(self) -> None:
        from qms_desktop.services.documents import available_templates

        current = self.current_template()
        self.templates.clear()
        try:
            infos = available_templates()
        except QmsError as exc:
            self.error.show_error(exc)
            infos = []
        for info in infos:
            mark = (" ⚠" if info.error is not None else "") + (
                "" if info.source == "built-in" else " ★"
            )
            item = QListWidgetItem(info.title(self.lang_ui) + mark)
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            if info.error is not None:
                item.setToolTip(plain_tip(info.error.text(self.lang_ui)))  # names a path
            self.templates.addItem(item)
            if info.id == current:
                self.templates.setCurrentItem(item)
        if self.templates.currentRow() < 0 and self.templates.count():
            self.templates.setCurrentRow(0)
        if self._c.is_open and not getattr(self, "_language_chosen", False):
            self.language.setCurrentIndex(
                max(0, self.language.findData(self._c.profile().default_language))
            )
        self._show_control(self.current_template())

    def _registered(self, template_id: str | None) -> dc.ControlledDocument | None:
        from qms_desktop.services.document_control import document_for_template

        if not template_id or not self._c.is_open:
            return None
        try:
            return document_for_template(self._c.ws(), template_id)
        except QmsError:
            return None

    def _show_control(self, template_id: str | None) -> None:
        doc = self._registered(template_id)
        self.controlled.setVisible(doc is not None)
        self.keep.setVisible(doc is not None)
        if doc is None:
            self._controlled_number = ""
            return
        if doc.number != self._controlled_number:  # another document: on by default again
            self.keep.setChecked(True)
        self._controlled_number = doc.number
        self.controlled.setText(
            self.tr(
                "This is %1 in the document register; its number and revision come from there."
            ).replace("%1", doc.number)
        )

    def _describe(self, _row: int) -> None:
        from qms_desktop.services.documents import template_info

        template_id = self.current_template()
        self._show_control(template_id)
        if not template_id:
            self.description.setText("")
            return
        try:
            info = template_info(template_id)
        except QmsError:
            return
        source = self.tr("built in") if info.source == "built-in" else self.tr("your own template")
        languages = ", ".join(
            {"en": self.tr("English"), "zh_CN": self.tr("Chinese")}.get(lang, lang)
            for lang in info.languages
        )
        text = (
            f"<b>{html.escape(info.title(self.lang_ui))}</b> — {html.escape(info.folder.name)} "
            f"({html.escape(source)}; {html.escape(languages)})"
        )
        if info.error is not None:
            text += (
                "<br><span style='color:#c53030'>"
                + html.escape(info.error.text(self.lang_ui))
                + "</span>"
            )
        self.description.setText(text)

    def current_template(self) -> str | None:
        item = self.templates.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _pick_reference(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Styles from a Word document"), "", self.tr("Word documents (*.docx)")
        )
        if path:
            self.reference.setText(path)

    def _generate_dialog(self) -> None:
        template_id = self.current_template()
        if template_id is None or not self._c.is_open:
            return
        fmt = str(self.format.currentData())
        suggested = str(
            self._c.ws().path.with_name(f"{template_id}-{self.language.currentData()}.{fmt}")
        )
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the document as"),
            suggested,
            "PDF (*.pdf)" if fmt == "pdf" else "Word (*.docx)",
        )
        if path:  # the native dialog has already asked before replacing a file
            self.start(Path(path))

    def start(self, out: Path) -> bool:
        """Read the workspace now, lay out and write off the UI thread."""
        from qms_desktop.services.documents import build_context, chart_images

        template_id = self.current_template()
        if template_id is None or self.job is not None:
            return False
        lang = str(self.language.currentData())
        fmt = str(self.format.currentData())
        if out.suffix.lower() != f".{fmt}":
            out = out.with_name(out.name + f".{fmt}")
        reference = (
            Path(self.reference.text()) if self.reference.text().strip() and fmt == "docx" else None
        )
        keep: dc.RenderJob | None = None
        self._not_kept = None
        try:
            doc = self._registered(template_id) if self.keep.isChecked() else None
            if doc is not None:
                keep, self._not_kept = self._draft_job(doc, lang)
            if keep is not None:  # the draft's own context: the file is what the draft holds
                context, images = keep.contexts[lang], keep.images[lang]
            else:
                context = build_context(self._c.ws(), template_id, lang)
                images = chart_images(context, lang)
        except QmsError as exc:
            self.error.show_error(exc)
            return False
        self.error.show_message("")
        self.job = RenderJob(template_id, context, images, lang, fmt, out, reference, keep)
        self.job.signals.progress.connect(lambda f: self.progress.setValue(round(f * 100)))
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        self.generate.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.open_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.progress.setValue(5)
        self.status.setText(self.tr("Generating %1…").replace("%1", out.name))
        self.pool.start(self.job)
        return True

    def _draft_job(
        self, doc: dc.ControlledDocument, lang: str
    ) -> tuple[dc.RenderJob | None, QmsError | None]:
        """What keeping the file as the draft needs, or why it cannot be kept (the file is
        written all the same)."""
        from qms_desktop.services.document_control import draft_job

        try:
            return draft_job(self._c.ws(), doc.planned_id, (lang,), formats=()), None
        except QmsError as exc:
            return None, exc

    def _keep_refused(self, exc: QmsError) -> bool:
        """An `ErrorHandler`: the file on disk stays; say why the draft did not take it."""
        self.error.show_message(
            self.tr("The file was written but not kept in document control: %1").replace(
                "%1", error_text(exc)
            )
        )
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancelled.set()

    def _done(self) -> None:
        self.job = None
        self.generate.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _finished(self, path: str) -> None:
        rendered = self.job.rendered if self.job is not None else None
        self._done()
        self.last_output = Path(path)
        self.progress.setValue(100)
        self.open_button.setEnabled(True)
        self._name_open_button()
        self.status.setText(self.tr("Written: %1").replace("%1", path))
        if rendered is not None:
            document = rendered.job.contexts[next(iter(rendered.job.contexts))]["document"]
            if self._c.ops.record_draft(
                self.tr("Keep %1 as the draft").replace("%1", str(document["number"])),
                rendered,
                on_error=self._keep_refused,
            ):
                self.status.setText(
                    self.tr("Written: %1 — kept as draft %2 of %3 in document control.")
                    .replace("%1", path)
                    .replace("%2", str(document["revision"]))
                    .replace("%3", str(document["number"]))
                )
        elif self._not_kept is not None:
            self._keep_refused(self._not_kept)
        if self.last_output.suffix.lower() == ".pdf":
            pages = self.preview.show_pdf(self.last_output)
            self.print_button.setEnabled(pages > 0)
        else:
            self.preview.show_note("docx")

    def _failed(self, message: str) -> None:
        self._done()
        self.progress.setValue(0)
        self.status.setText("")
        self.error.show_message(message)

    def open_result(self) -> None:
        """The document in the user's own app for its type: a word processor for DOCX."""
        if self.last_output is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_output)))

    def print_result(self) -> None:
        printed = self.preview.ask_and_print()
        if printed == 0:
            self.error.show_message(
                self.tr("The printer could not be started; nothing was printed.")
            )
        elif printed:
            self.status.setText(self.tr("Sent %n page(s) to the printer.", "", printed))

    def wait(self, msecs: int = 60000) -> bool:
        return self.pool.waitForDone(msecs)


def refine_page(c: WorkspaceController) -> TabbedStepPage:
    from PySide6.QtCore import QCoreApplication

    return TabbedStepPage(
        Step.REFINE,
        c,
        [
            (
                lambda: QCoreApplication.translate("StepTabs", "Generate documents"),
                DocumentsPanel(c),
            ),
        ],
    )
