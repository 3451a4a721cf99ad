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
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from qms_desktop.domain.errors import QmsError
from qms_desktop.domain.organisation import LANGUAGES
from qms_desktop.ui.widgets import FieldError


class NewWorkspaceDialog(QDialog):
    """Asks for the organisation's name, the document language and where to keep the file."""

    def __init__(self, folder: Path, parent: QWidget | None = None, language: str = "en") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New workspace"))
        self._folder = folder
        self.org = QLineEdit()
        self.org.setObjectName("new_org")
        self.org.textChanged.connect(self._suggest_file)
        self.lang = QComboBox()
        for code, label in LANGUAGES.items():
            self.lang.addItem(label, code)
        self.lang.setCurrentIndex(
            max(0, self.lang.findData(language))
        )  # documents in the UI's language
        self.file = QLineEdit()
        self.file.setObjectName("new_file")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QWidget()  # a widget, not a layout, so the label's &F mnemonic finds its buddy
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.file)
        row_layout.addWidget(browse)
        self.error = FieldError()
        form = QFormLayout(self)
        form.addRow(self.tr("Organisation &name:"), self.org)
        form.addRow(self.tr("Document &language:"), self.lang)
        form.addRow(self.tr("Workspace &file:"), row)
        file_label = form.labelForField(row)
        if isinstance(file_label, QLabel):
            file_label.setBuddy(self.file)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
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
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New workspace"), self.file.text(), self.tr("QMS workspaces (*.qms)")
        )
        if path:
            if not path.lower().endswith(".qms"):
                path += ".qms"
            self.file.setText(path)
            self._file_touched = True

    def _accept(self) -> None:
        if not self.org.text().strip():
            self.error.show_message(self.tr("The organisation needs a name."))
            return
        if not self.file.text().strip():
            self.error.show_message(self.tr("Choose where to keep the workspace file."))
            return
        path = self.values[2]
        if path.exists():
            self.error.show_message(
                self.tr("That file already exists; choose another name or open it.")
            )
            return
        if not path.parent.is_dir():  # said here, while what was typed is still in the dialog
            self.error.show_error(QmsError("storage.no_folder", folder=str(path.parent)))
            return
        self.accept()

    @property
    def values(self) -> tuple[str, str, Path]:
        path = Path(self.file.text().strip()).expanduser()
        if not path.is_absolute():  # a bare name goes to the folder suggested
            path = self._folder / path
        if path.suffix.lower() != ".qms":
            path = path.with_name(path.name + ".qms")
        return self.org.text().strip(), str(self.lang.currentData()), path


class PreferencesDialog(QDialog):
    """The user's name for the audit trail and the interface language."""

    def __init__(
        self, user_name: str, default_user: str, language: str, parent: QWidget | None = None
    ) -> None:
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
        hint.show_message(
            self.tr(
                "Your name is written into the audit trail with every change you "
                "make. Left empty, your computer account name (%1) is used."
            ).replace("%1", default_user)
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Your &name:"), self.user)
        form.addRow(hint)
        form.addRow(self.tr("Interface &language:"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(480, self.sizeHint().height())


class NewAssessmentDialog(QDialog):
    """A baseline or a re-assessment over one or more requirement libraries."""

    def __init__(self, controller: object, lang: str, parent: QWidget | None = None) -> None:
        import datetime as dt

        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidget, QListWidgetItem

        from qms_desktop.services.checklist import workspace_libraries

        super().__init__(parent)
        self.setWindowTitle(self.tr("New assessment"))
        self._c = controller
        ws = controller.ws()  # type: ignore[attr-defined]
        self.name = QLineEdit()
        self.name.setObjectName("assessment_name")
        existing = controller.assessments()  # type: ignore[attr-defined]
        self.name.setText(
            self.tr("Baseline assessment") if not existing else self.tr("Re-assessment")
        )
        self.held_on = QLineEdit(dt.date.today().isoformat())
        self.audit_date = QLineEdit()
        self.audit_date.setPlaceholderText(self.tr("YYYY-MM-DD (optional)"))
        self.libraries = QListWidget()
        self.libraries.setObjectName("assessment_libraries")
        from qms_desktop.services.libraries import builtin_library_list

        held = workspace_libraries(ws)
        choices = [(lib.id, lib.name(lang), lib.requirements) for lib in held]
        held_ids = {lib.id for lib in held}
        choices += [
            (lib.id, lib.name(lang), lib.requirement_count)
            for lib in builtin_library_list()
            if lib.id not in held_ids
        ]  # copied into the workspace when chosen
        for lib_id, name, count in choices:
            entry = QListWidgetItem(
                self.tr("%1 — %2 requirements").replace("%1", name).replace("%2", str(count))
            )
            entry.setData(Qt.ItemDataRole.UserRole, lib_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(
                Qt.CheckState.Checked if self.libraries.count() == 0 else Qt.CheckState.Unchecked
            )
            self.libraries.addItem(entry)
        self.copy_from = QComboBox()
        self.copy_from.addItem(self.tr("Start empty"), None)
        for a in existing:
            self.copy_from.addItem(self.tr("Start from “%1”").replace("%1", a.name), a.id)
        if existing:
            self.copy_from.setCurrentIndex(self.copy_from.count() - 1)
        self.error = FieldError()
        form = QFormLayout(self)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Held on:"), self.held_on)
        form.addRow(self.tr("Next &audit:"), self.audit_date)
        form.addRow(self.tr("&Libraries:"), self.libraries)
        form.addRow(self.tr("&Findings:"), self.copy_from)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resize(520, 420)
        self._values: tuple[object, ...] = ()

    def _accept(self) -> None:
        import datetime as dt

        from PySide6.QtCore import Qt

        name = self.name.text().strip()
        if not name:
            self.error.show_message(self.tr("The assessment needs a name."))
            return
        try:
            held = dt.date.fromisoformat(self.held_on.text().strip())
            audit_text = self.audit_date.text().strip()
            audit = dt.date.fromisoformat(audit_text) if audit_text else None
        except ValueError:
            self.error.show_message(self.tr("Dates are written as YYYY-MM-DD."))
            return
        libs = [
            str(self.libraries.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.libraries.count())
            if self.libraries.item(i).checkState() == Qt.CheckState.Checked
        ]
        if not libs:
            self.error.show_message(self.tr("Tick at least one requirement library."))
            return
        self._values = (name, held, libs, audit, self.copy_from.currentData())
        self.accept()

    @property
    def values(self) -> tuple:  # type: ignore[type-arg]
        return self._values


class ComparisonDialog(QDialog):
    """What improved and what regressed between an earlier assessment and this one."""

    def __init__(
        self, controller: object, assessment_id: int, parent: QWidget | None = None
    ) -> None:
        from PySide6.QtWidgets import QLabel, QListWidget

        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare assessments"))
        self._c = controller
        self._assessment_id = assessment_id
        self.earlier = QComboBox()
        self.earlier.setObjectName("comparison_earlier")
        for a in controller.assessments():  # type: ignore[attr-defined]
            if a.id != assessment_id:
                self.earlier.addItem(f"{a.name} ({a.held_on.isoformat()})", a.id)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.improved = QListWidget()
        self.improved.setObjectName("comparison_improved")
        self.regressed = QListWidget()
        self.regressed.setObjectName("comparison_regressed")
        self.new = QListWidget()
        form = QFormLayout(self)
        form.addRow(self.tr("Compare with:"), self.earlier)
        form.addRow(self.summary)
        form.addRow(self.tr("Improved:"), self.improved)
        form.addRow(self.tr("Regressed:"), self.regressed)
        form.addRow(self.tr("Newly assessed:"), self.new)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.earlier.currentIndexChanged.connect(self.refresh)
        self.resize(560, 560)
        self.refresh()

    def refresh(self) -> None:
        from qms_desktop.services.checklist import compare_assessments
        from qms_desktop.ui.models.checklist import status_label

        self.improved.clear()
        self.regressed.clear()
        self.new.clear()
        earlier = self.earlier.currentData()
        if earlier is None:
            self.summary.setText(self.tr("There is no other assessment to compare with."))
            return
        result = compare_assessments(self._c.ws(), int(earlier), self._assessment_id)  # type: ignore[attr-defined]
        for target, changes in (
            (self.improved, result.improved),
            (self.regressed, result.regressed),
            (self.new, result.newly_assessed),
        ):
            for change in changes:
                target.addItem(
                    f"{change.ref}:  {status_label(change.before)} → {status_label(change.after)}"
                )
        self.summary.setText(
            self.tr("%1 improved, %2 regressed, %3 newly assessed, %4 unchanged.")
            .replace("%1", str(len(result.improved)))
            .replace("%2", str(len(result.regressed)))
            .replace("%3", str(len(result.newly_assessed)))
            .replace("%4", str(result.unchanged))
        )
