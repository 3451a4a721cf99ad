"""The organisation profile page: every field stored as soon as it is edited, undoable."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.organisation import LANGUAGES, OrganisationProfile
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.forms import add_row_with_error
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit, FieldError, heading, scrolling_page

SINGLE_LINE = ("name", "short_name", "industry", "doc_prefix", "management_representative")
MULTI_LINE = ("address", "scope", "services", "sites")


class ProfilePage(QWidget):
    recordSelected = Signal(str, str)  # entity, id — for the History panel

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self._profile = OrganisationProfile()
        self._editors: dict[str, QLineEdit | CommitOnLeaveTextEdit] = {}
        self._errors: dict[str, FieldError] = {}
        self._labels: dict[str, QLabel] = {}

        self._title = heading()
        self._intro = QLabel()
        self._intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in (
            "name",
            "short_name",
            "address",
            "industry",
            "scope",
            "services",
            "sites",
            "doc_prefix",
            "management_representative",
        ):
            editor: QLineEdit | CommitOnLeaveTextEdit
            if name in SINGLE_LINE:
                editor = QLineEdit()
            else:
                editor = CommitOnLeaveTextEdit()
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(80 if name != "scope" else 110)
            editor.setObjectName(f"profile_{name}")
            editor.editingFinished.connect(lambda n=name: self._commit_text(n))
            self._editors[name] = editor
            self._add_row(form, name, editor)

        self._language = QComboBox()
        self._language.setObjectName("profile_default_language")
        for code, label in LANGUAGES.items():
            self._language.addItem(label, code)
        self._language.activated.connect(self._commit_language)
        self._add_row(form, "default_language", self._language)

        self._logo = QLabel()
        self._logo.setFixedSize(96, 96)
        self._logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._logo.setStyleSheet("border: 1px solid palette(mid);")
        self._choose_logo = QPushButton()
        self._choose_logo.clicked.connect(self._pick_logo)
        self._remove_logo = QPushButton()
        self._remove_logo.clicked.connect(lambda: self._push("logo", None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self._logo)
        buttons = QVBoxLayout()
        buttons.addWidget(self._choose_logo)
        buttons.addWidget(self._remove_logo)
        buttons.addStretch()
        logo_row.addLayout(buttons)
        logo_row.addStretch()
        logo_box = QWidget()
        logo_box.setLayout(logo_row)
        self._add_row(form, "logo", logo_box)

        scrolling_page(self, self._title, self._intro, form)

        controller.changed.connect(self._on_changed)
        controller.opened.connect(self.reload)
        self.retranslate()

    def _add_row(self, form: QFormLayout, name: str, widget: QWidget) -> None:
        row = add_row_with_error(form, widget)
        self._labels[name] = row.label
        self._errors[name] = row.error

    def retranslate(self) -> None:
        self._title.setText(self.tr("Organisation profile"))
        self._intro.setText(
            self.tr(
                "Who the quality system is for. These facts appear in every generated document. "
                "Each field is stored as soon as you leave it; Ctrl+Z undoes."
            )
        )
        labels = {
            "name": self.tr("&Name:"),
            "short_name": self.tr("S&hort name:"),
            "address": self.tr("&Address:"),
            "industry": self.tr("&Industry:"),
            "scope": self.tr("S&cope of the quality system:"),
            "services": self.tr("Ser&vices offered (one per line):"),
            "sites": self.tr("Si&tes (one per line):"),
            "doc_prefix": self.tr("Document number &prefix:"),
            "management_representative": self.tr("&Management representative:"),
            "default_language": self.tr("Default document &language:"),
            "logo": self.tr("Logo:"),
        }
        for name, text in labels.items():
            self._labels[name].setText(text)
        self._editors["doc_prefix"].setPlaceholderText(self.tr("e.g. HLH-QMS"))
        self._choose_logo.setText(self.tr("Choose image…"))
        self._remove_logo.setText(self.tr("Remove"))
        if self._profile.logo is None:
            self._logo.setText(self.tr("No logo"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        self.recordSelected.emit("organisation", "1")
        super().showEvent(event)  # type: ignore[arg-type]

    # -- data ------------------------------------------------------------------

    def reload(self) -> None:
        if not self._c.is_open:
            return
        self._profile = self._c.profile()
        for name, editor in self._editors.items():
            value = getattr(self._profile, name)
            if isinstance(editor, QLineEdit):
                if editor.text() != value:
                    editor.setText(value)
                    editor.setCursorPosition(0)
            elif editor.toPlainText() != value:
                editor.setPlainText(value)
            editor.setReadOnly(self._c.read_only)
        self._language.setCurrentIndex(
            max(0, self._language.findData(self._profile.default_language))
        )
        self._language.setEnabled(not self._c.read_only)
        self._choose_logo.setEnabled(not self._c.read_only)
        self._remove_logo.setEnabled(not self._c.read_only and self._profile.logo is not None)
        self._show_logo()

    def _show_logo(self) -> None:
        if self._profile.logo:
            pix = QPixmap()
            pix.loadFromData(self._profile.logo)
            self._logo.setPixmap(
                pix.scaled(
                    92,
                    92,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self._logo.setPixmap(QPixmap())
            self._logo.setText(self.tr("No logo"))

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.profile:
            self.reload()

    def commit_pending(self) -> None:
        """Store whatever the focused field holds (called before closing)."""
        for name in self._editors:
            self._commit_text(name)

    def _commit_text(self, name: str) -> None:
        if not self._c.is_open or self._c.read_only:
            return
        editor = self._editors[name]
        value = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
        self._push(name, value)

    def _commit_language(self) -> None:
        if self._c.is_open and not self._c.read_only:
            self._push("default_language", self._language.currentData())

    def _push(self, name: str, value: object) -> None:
        old = getattr(self._profile, name)
        if value == old:
            self._errors[name].show_message("")
            return
        self._errors[name].show_message("")
        label = self._labels[name].text().replace("&", "").rstrip(":：")
        self._c.ops.set_profile(
            self.tr("Edit %1").replace("%1", label),
            {name: old},
            {name: value},
            on_error=self._errors[name].show_error,
        )

    def _pick_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if not path:
            return
        self.set_logo_file(path)

    def set_logo_file(self, path: str) -> None:
        try:
            with open(path, "rb") as f:
                data = f.read(3 * 1024 * 1024)
        except OSError as exc:
            self._errors["logo"].show_message(
                self.tr("Cannot read %1: %2")
                .replace("%1", path)
                .replace("%2", exc.strerror or str(exc))
            )
            return
        self._push("logo", data)
