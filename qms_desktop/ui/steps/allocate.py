"""The tabs of steps 5 and 6 beyond plain registers: roles with the ones the Plan step
suggests, the responsibility matrix edited by keyboard, training coverage, facilities and
equipment with calibrations due, and the basic management work with its starting list."""

from __future__ import annotations

import datetime as dt
import unicodedata
from html import escape

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.records import Record
from qms_desktop.domain.registers import RACI
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.models.coverage import CoverageModel
from qms_desktop.ui.models.raci import ResponsibilityMatrixModel, letter_name
from qms_desktop.ui.operations import ui_language
from qms_desktop.ui.register_panel import RegisterPanel
from qms_desktop.ui.widgets import FieldError, shrinkable


def _bullets(lines: list[str]) -> str:
    return (
        "<ul style='margin-left:-20px'>" + "".join(f"<li>{escape(t)}</li>" for t in lines) + "</ul>"
    )


class _RegisterWithExtras(QWidget):
    """A register panel with a strip of its own above it; keeps the page contract."""

    def __init__(self, key: str, controller: WorkspaceController) -> None:
        super().__init__()
        self._c = controller
        self.register_panel = RegisterPanel(key, controller)
        self.register = self.register_panel.register
        self.recordSelected = self.register_panel.recordSelected
        self.strip = QHBoxLayout()
        self.strip.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.strip)
        column.addWidget(self.register_panel, 1)

    def current_record(self) -> Record | None:
        return self.register_panel.current_record()

    def commit_pending(self) -> None:
        self.register_panel.commit_pending()

    def reload(self) -> None:
        self.register_panel.reload()
        self.refresh()

    def refresh(self) -> None:
        """The strip, from the workspace."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self._c.is_open:
                self.refresh()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The strip's fixed texts."""


# -- roles -----------------------------------------------------------------------------------


class RolesPanel(_RegisterWithExtras):
    """The roles register, offering the roles the Plan step names (process owners, element
    responsibles) so nothing is typed twice."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("role", controller)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("role_suggestions")
        self.suggestion.setWordWrap(True)
        self.add_suggested = QPushButton()
        self.add_suggested.setObjectName("add_suggested_roles")
        self.add_suggested.clicked.connect(self.add_suggested_roles)
        self.strip.addWidget(self.suggestion, 1)
        self.strip.addWidget(self.add_suggested)
        self._titles: list[str] = []
        controller.changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_suggested.setText(self.tr("Add the suggested roles"))

    def _on_changed(self, changes: ChangeSet) -> None:
        if {"role", "process", "element"} & changes.registers and self._c.is_open:
            self.refresh()

    def refresh(self) -> None:
        if not self._c.is_open:
            return
        from qms_desktop.services import allocation

        suggested = allocation.suggested_roles(self._c.ws())
        self._titles = [s.title for s in suggested]
        shown = bool(suggested)
        self.suggestion.setVisible(shown)
        self.add_suggested.setVisible(shown)
        self.add_suggested.setEnabled(shown and not self._c.read_only)
        self.suggestion.setText(
            self.tr("The Plan step names roles not yet listed here: %1.").replace(
                "%1", ", ".join(self._titles)
            )
        )

    def add_suggested_roles(self) -> None:
        if self._titles:
            self._c.ops.add_suggested_roles(self.tr("Add the suggested roles"), self._titles)


# -- the responsibility matrix --------------------------------------------------------------


class MatrixView(QTableView):
    """A grid answering the keyboard: R, A, C or I writes the letter into the selected
    cells, Delete or Backspace empties them; any other letter says what is allowed."""

    lettersTyped = Signal(str)  # "R" | "A" | "C" | "I" | "" (empty the cells)
    refused = Signal(str)  # the key typed that is not a matrix letter

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # full-width letters (Ｒ, typed with a Chinese input method) count as R
        text = unicodedata.normalize("NFKC", event.text()).strip().upper()
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.lettersTyped.emit("")
            return
        if text and text.isalpha() and mods == Qt.KeyboardModifier.NoModifier:
            if text in RACI:
                self.lettersTyped.emit(text)
            else:
                self.refused.emit(text)
            return
        super().keyPressEvent(event)


class ResponsibilityMatrixPanel(QWidget):
    """Roles × processes and system elements, R/A/C/I typed into the grid, with what the
    matrix still lacks listed beneath it."""

    history_key = ("responsibility", "")

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self.model = ResponsibilityMatrixModel(self)
        self.view = MatrixView()
        self.view.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.view.setObjectName("responsibility_matrix")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setDefaultSectionSize(96)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.lettersTyped.connect(self.type_letter)
        self.view.refused.connect(self._refused)
        self.legend = QLabel()
        self.legend.setObjectName("matrix_legend")
        self.legend.setWordWrap(True)
        self.error = FieldError()
        self.problems = QLabel()
        self.problems.setObjectName("matrix_problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)
        column = QVBoxLayout(self)
        column.addWidget(self.legend)
        column.addWidget(self.view, 1)
        column.addWidget(self.error)
        column.addWidget(self.problems)
        controller.changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.legend.setText(
            self.tr("Select cells and type R, A, C or I; Delete empties them. %1 · %2 · %3 · %4")
            .replace("%1", "R — " + letter_name("R"))
            .replace("%2", "A — " + letter_name("A"))
            .replace("%3", "C — " + letter_name("C"))
            .replace("%4", "I — " + letter_name("I"))
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self._c.is_open:
                self.reload()
        super().changeEvent(event)

    def _on_changed(self, changes: ChangeSet) -> None:
        watched = {"responsibility", "role", "process", "element", "person"}
        if watched & changes.registers and self._c.is_open:
            self.reload()

    def commit_pending(self) -> None:
        """Each letter is stored as it is typed."""

    def reload(self) -> None:
        if not self._c.is_open:
            return
        from qms_desktop.services import allocation

        current = self.view.currentIndex()
        where = (current.row(), current.column()) if current.isValid() else (0, 0)
        selected = [(i.row(), i.column()) for i in self.view.selectionModel().selectedIndexes()]
        matrix = allocation.responsibility_matrix(self._c.ws())
        self.model.set_matrix(matrix)
        self.view.resizeColumnsToContents()
        for i in range(self.model.columnCount()):
            self.view.setColumnWidth(i, max(56, min(self.view.columnWidth(i), 150)))
        if self.model.rowCount() and self.model.columnCount():
            sel = self.view.selectionModel()
            row = min(where[0], self.model.rowCount() - 1)
            col = min(where[1], self.model.columnCount() - 1)
            sel.setCurrentIndex(
                self.model.index(row, col), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            for r, c in selected:
                if r < self.model.rowCount() and c < self.model.columnCount():
                    sel.select(self.model.index(r, c), QItemSelectionModel.SelectionFlag.Select)
        self._show_problems()

    def _show_problems(self) -> None:
        matrix = self.model.matrix
        if not matrix.roles or not matrix.targets:
            self.problems.setText(
                escape(
                    self.tr(
                        "The matrix needs roles (Roles tab) and processes or adopted system "
                        "elements (Plan step)."
                    )
                )
            )
            return
        found = matrix.problems()
        if not found:
            self.problems.setText(
                "<span style='color:#2f855a'>✔ "
                + escape(
                    self.tr(
                        "Every process and element has exactly one accountable role, and "
                        "every role in the matrix is filled."
                    )
                )
                + "</span>"
            )
            return
        lang = ui_language()
        self.problems.setText(
            "<b>"
            + escape(self.tr("Still to settle:"))
            + "</b>"
            + _bullets([m.text(lang) for m in found])
        )

    def type_letter(self, letter: str) -> None:
        """Write `letter` ("" empties) into every selected cell: one edit, one undo step."""
        if self._c.read_only:
            return
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        cells = [(*self.model.cell_at(i), letter) for i in indexes if i.isValid()]
        if not cells:
            return
        self.error.show_message("")
        label = (
            self.tr("Empty %1 matrix cells").replace("%1", str(len(cells)))
            if not letter
            else self.tr("Set %1 matrix cells to %2")
            .replace("%1", str(len(cells)))
            .replace("%2", letter)
        )
        single = len(indexes) == 1 and indexes[0].isValid()
        here = indexes[0] if single else None
        if (
            self._c.ops.set_responsibilities(label, cells, on_error=self.error.show_error)
            and here is not None
            and letter
            and here.column() + 1 < self.model.columnCount()
        ):  # typing along a row: the next cell is ready for the next letter
            nxt = self.model.index(here.row(), here.column() + 1)
            self.view.selectionModel().setCurrentIndex(
                nxt, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def _refused(self, text: str) -> None:
        self.error.show_message(
            self.tr(
                "“%1” is not a matrix letter: type R, A, C or I (Delete empties a cell)."
            ).replace("%1", text)
        )


# -- training coverage ------------------------------------------------------------------------


class TrainingCoveragePanel(QWidget):
    """Who has been trained on the system, per role, and who not; names recorded before
    attendees were people, waiting to be matched."""

    history_key = ("training", "")

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self.model = CoverageModel(self)
        self.view = QTableView()
        self.view.setObjectName("training_coverage")
        self.view.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setSortingEnabled(False)
        self.by_role = shrinkable(QLabel())
        self.by_role.setObjectName("coverage_by_role")
        self.by_role.setTextFormat(Qt.TextFormat.RichText)
        self.unmatched = QLabel()
        self.unmatched.setObjectName("coverage_unmatched")
        self.unmatched.setWordWrap(True)
        self.match_button = QPushButton()
        self.match_button.setObjectName("match_attendees")
        self.match_button.clicked.connect(self.match)
        unmatched_row = QHBoxLayout()
        unmatched_row.addWidget(self.unmatched, 1)
        unmatched_row.addWidget(self.match_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.by_role)
        column = QVBoxLayout(self)
        column.addWidget(splitter, 1)
        column.addLayout(unmatched_row)
        controller.changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.match_button.setText(self.tr("Match names to people"))
        self.match_button.setToolTip(
            self.tr("Attendee names that now name someone in the people register become picks")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self._c.is_open:
                self.reload()
        super().changeEvent(event)

    def _on_changed(self, changes: ChangeSet) -> None:
        if {"training", "person", "study_plan"} & changes.registers and self._c.is_open:
            self.reload()

    def commit_pending(self) -> None:
        """Nothing is edited here."""

    def reload(self) -> None:
        if not self._c.is_open:
            return
        from qms_desktop.services import allocation

        coverage = allocation.training_coverage(self._c.ws())
        self.model.set_people(list(coverage.people))
        self.view.resizeColumnsToContents()
        by_role = coverage.by_role()
        if not by_role:
            self.by_role.setText(
                escape(self.tr("No people yet: list them in step 2, Study (People tab)."))
            )
        else:
            lines = []
            for role, (trained, untrained) in sorted(by_role.items()):
                line = (
                    self.tr("%1: %2 of %3 trained")
                    .replace("%1", role or self.tr("(no role)"))
                    .replace("%2", str(len(trained)))
                    .replace("%3", str(len(trained) + len(untrained)))
                )
                if untrained:
                    line += " — " + self.tr("not yet: %1").replace("%1", ", ".join(untrained))
                lines.append(line)
            self.by_role.setText(
                "<b>"
                + escape(self.tr("Trained on the system, per role"))
                + "</b>"
                + _bullets(lines)
            )
        waiting = [
            self.tr("%1: %2").replace("%1", topic).replace("%2", ", ".join(names))
            for _sid, topic, names in coverage.unmatched
        ]
        self.unmatched.setVisible(bool(waiting))
        self.match_button.setVisible(bool(waiting))
        self.match_button.setEnabled(bool(waiting) and not self._c.read_only)
        self.unmatched.setText(
            self.tr("Attendee names that match no one in the people register — %1").replace(
                "%1", "; ".join(waiting)
            )
        )

    def match(self) -> None:
        self._c.ops.match_attendees(self.tr("Match attendee names to people"))


# -- facilities and equipment ---------------------------------------------------------------


class FacilitiesPanel(_RegisterWithExtras):
    """Facilities and equipment; measuring equipment past its next calibration is flagged in
    the table and counted above it."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("facility", controller)
        self.calibration = shrinkable(QLabel())
        self.calibration.setObjectName("calibration_summary")
        self.calibration.setTextFormat(Qt.TextFormat.RichText)
        self.strip.addWidget(self.calibration, 1)
        self.register_panel.companion_edits = self._next_calibration_follows  # type: ignore[method-assign]
        controller.changed.connect(
            lambda ch: self.refresh() if "facility" in ch.registers and self._c.is_open else None
        )

    @staticmethod
    def _next_calibration_follows(
        values: dict[str, object], name: str, value: object
    ) -> dict[str, object]:
        """Recording a new calibration (a later last date) moves the next one: it is emptied
        so the interval sets it again, unless the user typed a next date of their own."""
        from qms_desktop.domain.allocation import next_calibration_due

        last, following, months = (
            values.get("last_calibrated"),
            values.get("next_calibration"),
            values.get("calibration_months"),
        )
        if name != "last_calibrated" or not isinstance(months, int | float) or not months:
            return {}
        derived = isinstance(last, dt.date) and following == next_calibration_due(last, int(months))
        if following is None or derived:
            return {"next_calibration": None}
        return {}

    def refresh(self, today: dt.date | None = None) -> None:
        if not self._c.is_open:
            return
        from qms_desktop.services import allocation

        states = allocation.calibration_states(self._c.ws(), today)
        records = {r.id: r for r in self.register_panel.model.records()}
        flags: dict[tuple[int, str], tuple[str, str]] = {}
        overdue: list[str] = []
        soon: list[str] = []
        for record_id, state in states.items():
            record = records.get(record_id)
            if record is None or state not in ("overdue", "due_soon"):
                continue
            due = record.values.get("next_calibration")
            when = due.isoformat() if isinstance(due, dt.date) else ""
            name = str(record.values.get("item") or "")
            if state == "overdue":
                tip = self.tr("Calibration overdue since %1").replace("%1", when)
                overdue.append(f"{name} ({when})")
            else:
                tip = self.tr("Calibration due on %1").replace("%1", when)
                soon.append(f"{name} ({when})")
            flags[(record_id, "next_calibration")] = (state, tip)
            flags[(record_id, "item")] = (state, tip)
        self.register_panel.model.set_flags(flags)
        parts = []
        if overdue:
            parts.append(
                "<span style='color:#c53030'><b>"
                + escape(
                    self.tr("%1 calibration(s) overdue: %2")
                    .replace("%1", str(len(overdue)))
                    .replace("%2", ", ".join(overdue))
                )
                + "</b></span>"
            )
        if soon:
            parts.append(escape(self.tr("Due within 30 days: %1").replace("%1", ", ".join(soon))))
        self.calibration.setText(" · ".join(parts))
        self.calibration.setVisible(bool(parts))


# -- basic management work --------------------------------------------------------------------


class BasicWorkPanel(_RegisterWithExtras):
    """The basic management work, one row per area, with the method's starting list offered."""

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__("basic_work", controller)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.starting = QPushButton()
        self.starting.setObjectName("add_starting_areas")
        self.starting.clicked.connect(self.add_starting_areas)
        self.strip.addWidget(self.hint, 1)
        self.strip.addWidget(self.starting)
        controller.changed.connect(
            lambda ch: self.refresh() if "basic_work" in ch.registers and self._c.is_open else None
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr(
                "Start from the six areas the method names (standardisation, measurement, "
                "quality information, the responsibility system, rules, education) and "
                "change them to fit."
            )
        )
        self.starting.setText(self.tr("Add the starting areas"))

    def refresh(self) -> None:
        from qms_desktop.domain.registers import BASIC_WORK_AREAS

        have = {
            str(r.values.get("area") or "").strip().casefold()
            for r in self.register_panel.model.records()
        }
        missing = [a for a in BASIC_WORK_AREAS if a[0].casefold() not in have and a[1] not in have]
        self.starting.setEnabled(bool(missing) and not self._c.read_only)
        self.hint.setVisible(bool(missing))
        self.starting.setVisible(bool(missing))

    def add_starting_areas(self) -> None:
        self._c.ops.add_starting_areas(self.tr("Add the starting areas"))
