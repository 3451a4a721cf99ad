"""The Refine step's document control tab: the planned documents under control, each with its
revisions (draft → in review → approved → issued → superseded / withdrawn). A generated
document's draft and its approval are rendered off the UI thread; an approved revision's
files are frozen (shown with their SHA-256) and open read-only; two revisions' words are
compared line by line."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QObject,
    QRunnable,
    Qt,
    QTemporaryDir,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.document_control import TRANSITIONS, RevisionStatus
from qms_desktop.domain.errors import QmsError
from qms_desktop.services import document_control as dc
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.models.document_control import DocumentsModel, RevisionsModel
from qms_desktop.ui.operations import error_text, ui_language
from qms_desktop.ui.widgets import FieldError, shrinkable

log = logging.getLogger(__name__)
S = RevisionStatus
WATCHED = {"document_control", "planned_document"}
REVISION_FIELDS = ("author", "reviewer", "approver", "change_summary")
CONTROL_FIELDS = ("owner", "distribution")


class RenderSignals(QObject):
    progress = Signal(float)
    finished = Signal(object)  # services.document_control.Rendered
    failed = Signal(str)


class RevisionRenderJob(QRunnable):
    """Renders a draft or an approval on a pool thread; the job was read from the workspace
    on the UI thread, so this never touches the database."""

    def __init__(self, job: dc.RenderJob) -> None:
        super().__init__()
        self.signals = RenderSignals()
        self.cancelled = threading.Event()
        self._job = job

    def run(self) -> None:
        try:
            rendered = dc.render_job(
                self._job, cancel=self.cancelled.is_set, progress=self.signals.progress.emit
            )
        except (QmsError, OSError) as exc:
            self.signals.failed.emit(error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - reported to the user, not lost in a thread
            log.exception("rendering a revision failed")
            self.signals.failed.emit(error_text(exc))
            return
        self.signals.finished.emit(rendered)


class DocumentControlPanel(QWidget):
    recordSelected = Signal(str, str)

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.job: RevisionRenderJob | None = None
        self._job_kind = ""  # "draft" or "approve"
        self._files = QTemporaryDir()
        self._documents: list[dc.ControlledDocument] = []
        self._loading = False

        # -- the scheme and the documents
        self.scheme_label = QLabel()
        self.scheme = QComboBox()
        self.scheme.setObjectName("revision_scheme")
        self.scheme.addItem("A, B, C …", "letters")
        self.scheme.addItem("1, 2, 3 …", "numbers")
        self.scheme.activated.connect(self._scheme_chosen)
        self.summary = QLabel()
        self.summary.setObjectName("document_control_summary")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.scheme_label)
        top.addWidget(self.scheme)

        self.model = DocumentsModel(self)
        self.table = QTableView()
        self.table.setObjectName("controlled_documents")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self._table_style(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DocumentsModel.TITLE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DocumentsModel.TITLE, 190)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_document())

        # -- the document picked: its control data
        self.heading = shrinkable(QLabel())
        self.heading.setObjectName("document_heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a title is shown as written
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.template = QComboBox()
        self.template.setObjectName("document_template")
        self.template.activated.connect(self._template_chosen)
        self.editors: dict[str, QLineEdit] = {}
        for name in (*CONTROL_FIELDS, *REVISION_FIELDS):
            editor = QLineEdit()
            editor.setObjectName(f"document_{name}")
            editor.editingFinished.connect(lambda n=name: self._field_done(n))
            self.editors[name] = editor
        self.labels: dict[str, QLabel] = {n: QLabel() for n in ("template", *self.editors)}
        self.control_form = QFormLayout()
        self.control_form.addRow(self.labels["template"], self.template)
        for name in CONTROL_FIELDS:
            self.control_form.addRow(self.labels[name], self.editors[name])

        # -- its revisions
        self.revisions = RevisionsModel(self)
        self.revision_table = QTableView()
        self.revision_table.setObjectName("document_revisions")
        self.revision_table.setModel(self.revisions)
        self.revision_table.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self._table_style(self.revision_table)
        header = self.revision_table.horizontalHeader()
        for col in (RevisionsModel.AUTHOR, RevisionsModel.REVIEWER, RevisionsModel.APPROVER):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, 120)
        header.setSectionResizeMode(RevisionsModel.CHANGE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(RevisionsModel.CHANGE, 220)
        self.revision_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.revision_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._show_revision()
        )
        self.frozen = shrinkable(QLabel())
        self.frozen.setObjectName("revision_frozen")
        self.frozen.setTextFormat(Qt.TextFormat.PlainText)  # names the approver
        self.frozen.setWordWrap(True)
        self.frozen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revision_form = QFormLayout()
        for name in REVISION_FIELDS:
            self.revision_form.addRow(self.labels[name], self.editors[name])

        self.language = QComboBox()
        self.language.setObjectName("draft_language")
        self.language.addItem("English", ("en",))
        self.language.addItem("简体中文", ("zh_CN",))
        self.language.addItem("", ("en", "zh_CN"))  # named in retranslate
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (
            ("generate", self.generate_draft),
            ("upload", self._upload_dialog),
            ("review", lambda: self.change_status(S.IN_REVIEW)),
            ("return", lambda: self.change_status(S.DRAFT)),
            ("approve", self.approve),
            ("issue", lambda: self.change_status(S.ISSUED)),
            ("withdraw", lambda: self.change_status(S.WITHDRAWN)),
            ("delete", self.delete_draft),
            ("open_pdf", lambda: self.open_file("pdf")),
            ("open_docx", lambda: self.open_file("docx")),
            ("open_upload", lambda: self.open_file("upload")),
            ("compare", self.compare_with_previous),
        ):
            button = QPushButton()
            button.setObjectName(f"revision_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
        make = QHBoxLayout()
        make.addWidget(self.language)
        for key in ("generate", "upload"):
            make.addWidget(self.buttons[key])
        make.addStretch(1)
        moves = QHBoxLayout()
        for key in ("review", "return", "approve", "issue", "withdraw", "delete"):
            moves.addWidget(self.buttons[key])
        moves.addStretch(1)
        files = QHBoxLayout()
        for key in ("open_pdf", "open_docx", "open_upload", "compare"):
            files.addWidget(self.buttons[key])
        files.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumHeight(10)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("document_control_status")
        self.status.setWordWrap(True)
        self.error = FieldError()
        self.diff = QPlainTextEdit()
        self.diff.setObjectName("revision_diff")
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        self.diff.setFont(mono)
        self.diff.hide()

        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(self.heading)
        column.addLayout(self.control_form)
        column.addWidget(self.revision_table, 1)
        column.addWidget(self.frozen)
        column.addLayout(self.revision_form)
        column.addLayout(make)
        column.addLayout(moves)
        column.addLayout(files)
        column.addWidget(self.progress)
        column.addWidget(self.status)
        column.addWidget(self.error)
        column.addWidget(self.diff, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([440, 600])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        controller.changed.connect(self._on_changed)
        self.retranslate()
        self._show_document()

    @staticmethod
    def _table_style(table: QTableView) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    # -- texts ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.scheme_label.setText(self.tr("Revisions labelled:"))
        self.language.setItemText(2, self.tr("Both languages"))
        labels = {
            "owner": self.tr("Owner:"),
            "distribution": self.tr("Distribution:"),
            "author": self.tr("Author:"),
            "reviewer": self.tr("Reviewer:"),
            "approver": self.tr("Approver:"),
            "change_summary": self.tr("Change:"),
        }
        self.labels["template"].setText(self.tr("Made from:"))
        for name, text in labels.items():
            self.labels[name].setText(text)
        self.editors["distribution"].setPlaceholderText(
            self.tr("Who holds a controlled copy, e.g. General Manager; hotel managers")
        )
        self.editors["change_summary"].setPlaceholderText(
            self.tr("What this revision changes (printed in the revision history)")
        )
        texts = {
            "generate": self.tr("Generate draft"),
            "upload": self.tr("Upload file…"),
            "review": self.tr("Send for review"),
            "return": self.tr("Return to draft"),
            "approve": self.tr("Approve"),
            "issue": self.tr("Issue"),
            "withdraw": self.tr("Withdraw"),
            "delete": self.tr("Delete draft"),
            "open_pdf": self.tr("Open PDF"),
            "open_docx": self.tr("Open DOCX"),
            "open_upload": self.tr("Open file"),
            "compare": self.tr("Compare with previous"),
        }
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.buttons["approve"].setToolTip(
            self.tr(
                "Renders the revision once more with its approval and freezes its files: "
                "they can never change afterwards."
            )
        )
        self._fill_templates()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self.revisions.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 7)
        self._show_summary()
        self._show_revision()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_templates(self) -> None:
        current = self.template.currentData()
        self.template.clear()
        self.template.addItem(self.tr("Uploaded file (written elsewhere)"), "")
        try:
            from qms_desktop.services.documents import available_templates

            lang = ui_language()
            for info in available_templates():
                if info.error is None:
                    self.template.addItem(f"{info.title(lang)} ({info.id})", info.id)
        except QmsError:
            pass
        at = self.template.findData(current)
        self.template.setCurrentIndex(max(at, 0))

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        if not self._c.is_open:
            return
        picked = self.current_document()
        revision = self.current_revision()
        known = len(picked.revisions) if picked else 0
        self._loading = True
        try:
            self._documents = dc.list_documents(self._c.ws())
            self.model.set_documents(self._documents)
            scheme = dc.revision_scheme(self._c.ws())
            self.scheme.setCurrentIndex(max(self.scheme.findData(scheme), 0))
        finally:
            self._loading = False
        row = next(
            (
                i
                for i, d in enumerate(self._documents)
                if picked and d.planned_id == picked.planned_id
            ),
            0 if self._documents else -1,
        )
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        now = self.current_document()
        grown = now is not None and picked is not None and len(now.revisions) != known
        # a new revision is shown at once; else the one looked at stays picked
        self._show_document(None if grown or revision is None else revision.id)
        self._show_summary()

    def _on_changed(self, changes: ChangeSet) -> None:
        if (WATCHED & changes.registers or changes.profile) and self._c.is_open:
            self.reload()

    def _show_summary(self) -> None:
        issued = sum(1 for d in self._documents if d.issued is not None)
        self.summary.setText(
            self.tr("%1 of %2 planned documents issued")
            .replace("%1", str(issued))
            .replace("%2", str(len(self._documents)))
        )

    def current_document(self) -> dc.ControlledDocument | None:
        row = self.table.currentIndex().row()
        return self._documents[row] if 0 <= row < len(self._documents) else None

    def current_revision(self) -> dc.RevisionInfo | None:
        row = self.revision_table.currentIndex().row()
        revisions = self.revisions.revisions
        return revisions[row] if 0 <= row < len(revisions) else None

    def _show_document(self, revision_id: int | None = None) -> None:
        doc = self.current_document()
        self._loading = True
        try:
            self.heading.setText(f"{doc.number} — {doc.title}" if doc else "")
            self.template.setCurrentIndex(
                max(self.template.findData(doc.template_id if doc else ""), 0)
            )
            for name in CONTROL_FIELDS:
                self.editors[name].setText(getattr(doc, name) if doc else "")
            self.revisions.set_revisions(doc.revisions if doc else ())
        finally:
            self._loading = False
        rows = self.revisions.revisions
        row = next((i for i, r in enumerate(rows) if r.id == revision_id), 0 if rows else -1)
        if row >= 0:
            self.revision_table.selectionModel().setCurrentIndex(
                self.revisions.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.diff.hide()
        self._show_revision()
        if doc is not None and doc.id is not None:
            self.recordSelected.emit("controlled_document", str(doc.id))

    def _show_revision(self) -> None:
        doc = self.current_document()
        revision = self.current_revision()
        self._loading = True
        try:
            for name in REVISION_FIELDS:
                editor = self.editors[name]
                editor.setText(getattr(revision, name) if revision else "")
                editor.setReadOnly(revision is None or revision.frozen)
        finally:
            self._loading = False
        for widget in (self.template, *(self.editors[n] for n in CONTROL_FIELDS)):
            widget.setEnabled(doc is not None)
        busy = self.job is not None
        status = revision.status if revision else None
        allowed = TRANSITIONS.get(status, frozenset()) if status else frozenset()
        latest = doc.latest if doc else None
        can_draft = (
            doc is not None and not busy and (latest is None or latest.status is not S.IN_REVIEW)
        )
        self.buttons["generate"].setEnabled(can_draft and bool(doc and doc.template_id))
        self.buttons["upload"].setEnabled(can_draft)
        self.language.setEnabled(can_draft and bool(doc and doc.template_id))
        for key, target in (
            ("review", S.IN_REVIEW),
            ("return", S.DRAFT),
            ("approve", S.APPROVED),
            ("issue", S.ISSUED),
            ("withdraw", S.WITHDRAWN),
        ):
            self.buttons[key].setEnabled(not busy and target in allowed)
        self.buttons["delete"].setEnabled(
            not busy and revision is not None and revision.status is S.DRAFT
        )
        for key, kind in (("open_pdf", "pdf"), ("open_docx", "docx"), ("open_upload", "upload")):
            self.buttons[key].setEnabled(revision is not None and revision.file(kind) is not None)
            self.buttons[key].setVisible(kind != "upload" or bool(revision and revision.file(kind)))
        self.buttons["compare"].setEnabled(
            revision is not None and doc is not None and revision.ordinal > 1
        )
        if revision is not None and revision.frozen:
            main = revision.file("pdf") or revision.file("upload")
            self.frozen.setText(
                self.tr("Frozen since its approval on %1 by %2: its files can never change. %3")
                .replace("%1", revision.approved_on.isoformat() if revision.approved_on else "—")
                .replace("%2", revision.approver or "—")
                .replace("%3", f"SHA-256 {main.sha256}" if main else "")
            )
            self.frozen.show()
        else:
            self.frozen.setText("")
            self.frozen.hide()

    # -- editing -------------------------------------------------------------------------

    def _scheme_chosen(self) -> None:
        if self._loading or not self._c.is_open:
            return
        new = str(self.scheme.currentData())
        old = dc.revision_scheme(self._c.ws())
        if new != old:
            self._c.ops.set_revision_scheme(
                self.tr("Label revisions"), old, new, on_error=self.error.show_error
            )

    def _template_chosen(self) -> None:
        doc = self.current_document()
        new = str(self.template.currentData() or "")
        if self._loading or doc is None or new == doc.template_id:
            return
        self._c.ops.set_document_control(
            self.tr("Change what makes %1").replace("%1", doc.number),
            doc.planned_id,
            {"template_id": doc.template_id},
            {"template_id": new},
            on_error=self._refused,
        )

    def _field_done(self, name: str) -> None:
        if self._loading:
            return
        doc = self.current_document()
        text = self.editors[name].text().strip()
        if name in CONTROL_FIELDS:
            if doc is None or text == getattr(doc, name):
                return
            self._c.ops.set_document_control(
                self.tr("Edit document control of %1").replace("%1", doc.number),
                doc.planned_id,
                {name: getattr(doc, name)},
                {name: text},
                on_error=self._refused,
            )
            return
        revision = self.current_revision()
        if revision is None or revision.frozen or text == getattr(revision, name):
            return
        self._c.ops.update_revision(
            self.tr("Edit revision %1").replace("%1", revision.label),
            revision.id,
            {name: getattr(revision, name)},
            {name: text},
            on_error=self._refused,
        )

    def _refused(self, exc: QmsError) -> bool:
        self.error.show_error(exc)
        revision = self.current_revision()
        self._show_document(revision.id if revision else None)
        return True

    def commit_pending(self) -> None:
        focus = self.focusWidget()
        if isinstance(focus, QLineEdit) and focus in self.editors.values():
            focus.editingFinished.emit()

    def change_status(self, status: RevisionStatus) -> bool:
        revision = self.current_revision()
        if revision is None:
            return False
        self.commit_pending()
        revision = self.current_revision() or revision
        self.error.show_message("")
        labels = {
            S.IN_REVIEW: self.tr("Send revision %1 for review"),
            S.DRAFT: self.tr("Return revision %1 to draft"),
            S.ISSUED: self.tr("Issue revision %1"),
            S.WITHDRAWN: self.tr("Withdraw revision %1"),
        }
        reviewer = self.editors["reviewer"].text() if status is S.IN_REVIEW else None
        return self._c.ops.move_revision(
            labels[status].replace("%1", revision.label),
            revision.id,
            status,
            reviewer=reviewer,
            on_error=self.error.show_error,
        )

    def delete_draft(self) -> bool:
        revision = self.current_revision()
        if revision is None or revision.status is not S.DRAFT:
            return False
        self.error.show_message("")
        return self._c.ops.delete_draft(
            self.tr("Delete draft %1").replace("%1", revision.label),
            revision.id,
            on_error=self.error.show_error,
        )

    def _upload_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The document's file"),
            "",
            self.tr("Documents (*.docx *.pdf *.xlsx *.odt *.txt *.md);;All files (*)"),
        )
        if path:
            self.upload(Path(path))

    def upload(self, path: Path) -> bool:
        doc = self.current_document()
        if doc is None:
            return False
        self.error.show_message("")
        lang = "zh_CN" if self.language.currentData() == ("zh_CN",) else "en"
        return self._c.ops.upload_draft(
            self.tr("Upload %1").replace("%1", path.name),
            doc.planned_id,
            path,
            lang,
            on_error=self.error.show_error,
        )

    # -- rendering off the UI thread -----------------------------------------------------

    def generate_draft(self) -> bool:
        """Read the workspace now; render the draft's PDF and DOCX on the pool thread."""
        doc = self.current_document()
        if doc is None or self.job is not None:
            return False
        self.commit_pending()
        self.error.show_message("")
        langs = tuple(self.language.currentData())
        working = doc.working
        change = self.editors["change_summary"].text().strip() if working is None else ""
        try:
            job = dc.draft_job(self._c.ws(), doc.planned_id, langs, change)
        except QmsError as exc:
            self.error.show_error(exc)
            return False
        return self._start(job, "draft", self.tr("Generating %1…").replace("%1", doc.number))

    def approve(self) -> bool:
        """Check the reviewed words still come out, render the approved files on the pool
        thread, then freeze them."""
        revision = self.current_revision()
        if revision is None or self.job is not None:
            return False
        self.commit_pending()
        revision = self.current_revision() or revision
        self.error.show_message("")
        try:
            job = dc.approval_job(
                self._c.ws(), revision.id, self.editors["approver"].text(), dt.date.today()
            )
        except QmsError as exc:
            self.error.show_error(exc)
            return False
        return self._start(
            job, "approve", self.tr("Approving revision %1…").replace("%1", revision.label)
        )

    def _start(self, job: dc.RenderJob, kind: str, message: str) -> bool:
        self.job = RevisionRenderJob(job)
        self._job_kind = kind
        self.job.signals.progress.connect(lambda f: self.progress.setValue(round(f * 100)))
        self.job.signals.finished.connect(self._rendered)
        self.job.signals.failed.connect(self._failed)
        self.progress.setValue(5)
        self.progress.show()
        self.status.setText(message)
        self._show_revision()
        self.pool.start(self.job)
        return True

    def _rendered(self, rendered: dc.Rendered) -> None:
        kind = self._job_kind
        self.job = None
        self.progress.hide()
        if not self._c.is_open:
            return
        if kind == "draft":
            done = self._c.ops.record_draft(
                self.tr("Generate draft"), rendered, on_error=self.error.show_error
            )
            self.status.setText(self.tr("Draft stored in the workspace.") if done else "")
        else:
            done = self._c.ops.approve_revision(
                self.tr("Approve revision"), rendered, on_error=self.error.show_error
            )
            self.status.setText(
                self.tr("Approved: the files are frozen with their SHA-256.") if done else ""
            )
        self._show_revision()

    def _failed(self, message: str) -> None:
        self.job = None
        self.progress.hide()
        self.status.setText("")
        self.error.show_message(message)
        self._show_revision()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancelled.set()

    def wait(self, msecs: int = 60000) -> bool:
        return self.pool.waitForDone(msecs)

    # -- reading files and comparing -------------------------------------------------------

    def open_file(self, kind: str) -> Path | None:
        """A revision's stored file (checked against its SHA-256), in the user's own app."""
        revision = self.current_revision()
        stored = revision.file(kind) if revision else None
        if stored is None or not self._files.isValid():
            return None
        try:
            data = dc.read_file(self._c.ws(), stored.id)
        except QmsError as exc:
            self.error.show_error(exc)
            return None
        folder = Path(self._files.path()) / str(stored.id)
        folder.mkdir(exist_ok=True)
        path = folder / Path(stored.name).name
        path.write_bytes(data)
        path.chmod(0o444)  # a copy to read: the frozen original stays in the workspace
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def compare_with_previous(self) -> list[str]:
        doc = self.current_document()
        revision = self.current_revision()
        if doc is None or revision is None:
            return []
        earlier = [r for r in doc.revisions if r.ordinal < revision.ordinal]
        if not earlier:
            return []
        try:
            lines = dc.diff_revisions(self._c.ws(), earlier[-1].id, revision.id)
        except QmsError as exc:
            self.error.show_error(exc)
            return []
        self.diff.setPlainText(
            "\n".join(lines)
            or self.tr("The words of %1 and %2 are the same.")
            .replace("%1", earlier[-1].label)
            .replace("%2", revision.label)
        )
        self.diff.show()
        return lines


def document_control_tab(c: WorkspaceController) -> tuple[Any, QWidget]:
    """The tab for the Refine page: its title (translated when asked) and the panel."""
    from PySide6.QtCore import QCoreApplication

    return (
        lambda: QCoreApplication.translate("StepTabs", "Document control"),
        DocumentControlPanel(c),
    )
