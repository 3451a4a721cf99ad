"""Dialogs: a new workspace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from qms_desktop.domain.organisation import LANGUAGES
from qms_desktop.ui.widgets import FieldError


class NewWorkspaceDialog(QDialog):
    """Asks for the organisation's name, the document language and where to keep the file."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New workspace"))
        self._folder = folder
        self.org = QLineEdit()
        self.org.setObjectName("new_org")
        self.org.textChanged.connect(self._suggest_file)
        self.lang = QComboBox()
        for code, label in LANGUAGES.items():
            self.lang.addItem(label, code)
        self.file = QLineEdit()
        self.file.setObjectName("new_file")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file)
        row.addWidget(browse)
        self.error = FieldError()
        form = QFormLayout(self)
        form.addRow(self.tr("Organisation &name:"), self.org)
        form.addRow(self.tr("Document &language:"), self.lang)
        form.addRow(self.tr("Workspace &file:"), row)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resize(520, self.sizeHint().height())
        self._file_touched = False
        self.file.textEdited.connect(lambda _t: setattr(self, "_file_touched", True))

    def _suggest_file(self, name: str) -> None:
        if self._file_touched:
            return
        safe = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in name).strip()
        safe = "-".join(safe.split())[:60] or "workspace"
        self.file.setText(str(self._folder / f"{safe}.qms"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New workspace"), self.file.text(),
                                              self.tr("QMS workspaces (*.qms)"))
        if path:
            if not path.endswith(".qms"):
                path += ".qms"
            self.file.setText(path)
            self._file_touched = True

    def _accept(self) -> None:
        if not self.org.text().strip():
            self.error.show_message(self.tr("The organisation needs a name."))
            return
        path = Path(self.file.text().strip())
        if not self.file.text().strip():
            self.error.show_message(self.tr("Choose where to keep the workspace file."))
            return
        if path.exists():
            self.error.show_message(self.tr("That file already exists; choose another name or open it."))
            return
        self.accept()

    @property
    def values(self) -> tuple[str, str, Path]:
        path = Path(self.file.text().strip())
        if path.suffix != ".qms":
            path = path.with_name(path.name + ".qms")
        return self.org.text().strip(), str(self.lang.currentData()), path


class PreferencesDialog(QDialog):
    """The user's name for the audit trail and the interface language."""

    def __init__(self, user_name: str, default_user: str, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.user = QLineEdit(user_name)
        self.user.setObjectName("pref_user")
        self.user.setPlaceholderText(default_user)
        self.language = QComboBox()
        from qms_desktop.ui.i18n import UI_LANGUAGES

        for code, label in UI_LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        hint = FieldError()
        hint.setStyleSheet("")
        hint.show_message(self.tr("Your name is written into the audit trail with every change you "
                                  "make. Left empty, your computer account name (%1) is used.")
                          .replace("%1", default_user))
        form = QFormLayout(self)
        form.addRow(self.tr("Your &name:"), self.user)
        form.addRow(hint)
        form.addRow(self.tr("Interface &language:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())
