"""Widgets of the Summarise, Study and Plan pages beyond plain registers: the plan design
form, the service commitment with its checker, the process network diagram, the training
matrix."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qms_desktop.domain.commitment import QUALITIES, Finding, ServiceCommitment, check_commitment
from qms_desktop.domain.messages import Message
from qms_desktop.domain.policy import missing_commitments
from qms_desktop.domain.records import Record
from qms_desktop.services.changes import ChangeSet
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.forms import add_labelled_row, form_layout
from qms_desktop.ui.lazy import register_service
from qms_desktop.ui.models.training_matrix import TrainingMatrixModel, legend
from qms_desktop.ui.operations import ui_language
from qms_desktop.ui.widgets import CommitOnLeaveTextEdit, FieldError, shrinkable


def plan_field_label(name: str) -> str:
    return {
        "target_customers": QCoreApplication.translate("Plan", "Target customers"),
        "offerings": QCoreApplication.translate("Plan", "Service offerings"),
        "service_level": QCoreApplication.translate("Plan", "Service level"),
        "quality_policy": QCoreApplication.translate("Plan", "Quality policy"),
        "numbering_scheme": QCoreApplication.translate("Plan", "Document numbering scheme"),
        "service_environment": QCoreApplication.translate(
            "Plan", "Service environment (facilities, layout, ambience, tangibles)"
        ),
        "commitment_promise": QCoreApplication.translate("Plan", "The promise"),
        "commitment_covers": QCoreApplication.translate("Plan", "What it covers"),
        "commitment_remedy": QCoreApplication.translate("Plan", "Remedy when it is broken"),
        "commitment_invoke": QCoreApplication.translate("Plan", "How a customer invokes it"),
    }[name]


class PlanFormPanel(QWidget):
    """Edits some single-valued fields of the plan design."""

    history_key = ("plan", "1")

    def __init__(
        self,
        controller: WorkspaceController,
        fields: tuple[str, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._c = controller
        self.fields = fields
        self._plan: dict[str, str] = {}
        self.editors: dict[str, CommitOnLeaveTextEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.error = FieldError()
        form = form_layout()
        for name in fields:
            edit = CommitOnLeaveTextEdit()
            edit.setObjectName(f"plan_{name}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(90 if name != "quality_policy" else 120)
            edit.editingFinished.connect(lambda n=name, e=edit: self._commit(n, e.toPlainText()))
            label = add_labelled_row(form, edit)
            label.setWordWrap(True)
            self.editors[name] = edit
            self.labels[name] = label
        form.addRow(self.error)  # one message for the form
        self.extra = QVBoxLayout()
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(form)
        column.addLayout(self.extra)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        controller.changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        for name in self.fields:
            self.labels[name].setText(plan_field_label(name) + ":")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        if not self._c.is_open:
            return
        self._plan = register_service.get_plan(self._c.ws())
        for name, edit in self.editors.items():
            if edit.toPlainText() != self._plan[name]:
                edit.setPlainText(self._plan[name])
            edit.setReadOnly(self._c.read_only)
        self.refresh_extra()

    def refresh_extra(self) -> None:
        """Subclasses show derived information (the commitment check)."""

    def _on_changed(self, changes: ChangeSet) -> None:
        if "plan" in changes.registers and self._c.is_open:
            self.reload()

    def _commit(self, name: str, value: str) -> None:
        if not self._c.is_open or self._c.read_only or self._plan.get(name, "") == value:
            return
        label = self.tr("Edit %1").replace("%1", plan_field_label(name))
        if self._c.ops.set_plan(
            label, {name: self._plan.get(name, "")}, {name: value}, on_error=self.error.show_error
        ):
            self.error.show_message("")


def finding_text(f: Finding) -> str:
    texts = {
        "no_promise": QCoreApplication.translate(
            "Plan", "Write the promise itself: one or two sentences a customer can repeat."
        ),
        "conditions": QCoreApplication.translate(
            "Plan",
            "It carries conditions (%1). A commitment with fine print is not believed; "
            "make it unconditional.",
        ),
        "too_long": QCoreApplication.translate(
            "Plan", "It is long. Customers and staff should be able to repeat it from memory."
        ),
        "vague": QCoreApplication.translate(
            "Plan", "It uses words that cannot be checked (%1). Say exactly what the customer gets."
        ),
        "not_measurable": QCoreApplication.translate(
            "Plan",
            "It names no number — a time, a count, an amount — so nobody can tell "
            "whether it was kept.",
        ),
        "no_topic": QCoreApplication.translate(
            "Plan",
            "It does not say whether it is about time, quality or price — what customers "
            "care about.",
        ),
        "no_remedy": QCoreApplication.translate(
            "Plan", "There is no remedy: say what the customer receives when the promise is broken."
        ),
        "no_invocation": QCoreApplication.translate(
            "Plan", "Say how a customer claims it; the simpler, the better."
        ),
        "hassle": QCoreApplication.translate(
            "Plan", "Claiming it takes effort (%1). A customer should only have to say so."
        ),
        "slow_remedy": QCoreApplication.translate(
            "Plan", "The remedy comes late (%1). Pay it on the spot."
        ),
    }
    return texts[f.code].replace("%1", f.detail)


def quality_label(q: str) -> str:
    return {
        "unconditional": QCoreApplication.translate("Plan", "Unconditional"),
        "understandable": QCoreApplication.translate("Plan", "Easy to understand and communicate"),
        "meaningful": QCoreApplication.translate("Plan", "Meaningful"),
        "simple_to_invoke": QCoreApplication.translate("Plan", "Simple to invoke"),
        "easy_to_collect": QCoreApplication.translate("Plan", "Easy to collect"),
    }[q]


class CommitmentPanel(PlanFormPanel):
    """The service commitment and, below it, how the draft rates against the five qualities."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(
            controller,
            ("commitment_promise", "commitment_covers", "commitment_remedy", "commitment_invoke"),
            parent,
        )
        self.check_box = QGroupBox()
        self.result = QLabel()
        self.result.setObjectName("commitment_result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.check_box).addWidget(self.result)
        self.extra.addWidget(self.check_box)
        for edit in self.editors.values():
            edit.textChanged.connect(self.refresh_extra)  # rate the draft as it is typed
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "check_box"):
            self.check_box.setTitle(self.tr("How the draft rates against the five qualities"))
            self.refresh_extra()

    def draft(self) -> ServiceCommitment:
        e = self.editors
        return ServiceCommitment(
            e["commitment_promise"].toPlainText(),
            e["commitment_covers"].toPlainText(),
            e["commitment_remedy"].toPlainText(),
            e["commitment_invoke"].toPlainText(),
        )

    def refresh_extra(self) -> None:
        from html import escape

        rating = check_commitment(self.draft())
        met = self.tr("%1 of 5 qualities met").replace("%1", str(rating.score))
        lines = [f"<p><b>{escape(met)}</b></p><ul>"]
        for q in QUALITIES:
            mark = "✔" if q in rating.met else "✘"
            colour = "#2f855a" if q in rating.met else "#c53030"
            lines.append(
                f"<li><span style='color:{colour}'>{mark}</span> <b>{escape(quality_label(q))}</b>"
            )
            for f in rating.findings:
                if f.quality == q:
                    lines.append(f"<br>— {escape(finding_text(f))}")
            lines.append("</li>")
        lines.append("</ul>")
        self.result.setText("".join(lines))


def policy_gap_message(key: str) -> Message:
    """What the policy lacks, for one ISO 9001 5.2.1 commitment (domain.policy.COMMITMENTS)."""
    return {
        "purpose": Message("policy.missing_purpose"),
        "objectives": Message("policy.missing_objectives"),
        "requirements": Message("policy.missing_requirements"),
        "improvement": Message("policy.missing_improvement"),
    }[key]


class PolicyPanel(PlanFormPanel):
    """Positioning and the quality policy and, below them, which commitments of ISO 9001 5.2.1
    the policy does not yet state (checked as it is typed)."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(
            controller, ("target_customers", "offerings", "service_level", "quality_policy"), parent
        )
        self.check_box = QGroupBox()
        self.result = QLabel()
        self.result.setObjectName("policy_check")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.check_box).addWidget(self.result)
        self.extra.addWidget(self.check_box)
        self.editors["quality_policy"].textChanged.connect(self.refresh_extra)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "check_box"):
            self.check_box.setTitle(self.tr("What ISO 9001 (5.2.1) asks the policy to state"))
            self.refresh_extra()

    def missing(self) -> tuple[str, ...]:
        return missing_commitments(self.editors["quality_policy"].toPlainText())

    def refresh_extra(self) -> None:
        from html import escape

        missing = self.missing()
        if not missing:
            ok = self.tr("The policy states all four commitments.")
            self.result.setText(f"<span style='color:#2f855a'>✔</span> {escape(ok)}")
            return
        lang = ui_language()
        items = "".join(
            f"<li><span style='color:#c53030'>✘</span> "
            f"{escape(policy_gap_message(k).text(lang))}</li>"
            for k in missing
        )
        self.result.setText(f"<ul>{items}</ul>")


class ProcessDiagram(QWidget):
    """The process network: a box per process on a ring, an arrow for each hand-over."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.processes: list[tuple[str, list[str]]] = []
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_processes(self, processes: list[tuple[str, list[str]]]) -> None:
        self.processes = processes
        self.update()

    def boxes(self) -> dict[str, QRectF]:
        n = len(self.processes)
        if not n:
            return {}
        w, h = 150.0, 44.0
        cx, cy = self.width() / 2, self.height() / 2
        rx, ry = max(10.0, cx - w / 2 - 8), max(10.0, cy - h / 2 - 8)
        out = {}
        for i, (name, _feeds) in enumerate(self.processes):
            angle = -math.pi / 2 + 2 * math.pi * i / n
            x = cx + (rx * math.cos(angle) if n > 1 else 0) - w / 2
            y = cy + (ry * math.sin(angle) if n > 1 else 0) - h / 2
            out[name] = QRectF(x, y, w, h)
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        boxes = self.boxes()
        if not boxes:
            p.setPen(text)
            p.drawText(
                self.rect(),
                int(Qt.AlignmentFlag.AlignCenter),
                self.tr("Add processes, and in “Hands over to” name the processes each one feeds."),
            )
            return
        p.setPen(QPen(QColor("#4a5568"), 1.6))
        for name, feeds in self.processes:
            for target in feeds:
                if target in boxes and target != name:
                    self._arrow(p, boxes[name].center(), boxes[target])
        for name, rect in boxes.items():
            p.setPen(QPen(QColor("#1f3a5f"), 1.5))
            p.setBrush(QColor("#e8f0fa"))
            p.drawRoundedRect(rect, 8, 8)
            p.setPen(text)
            p.drawText(
                rect.adjusted(6, 2, -6, -2),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                name,
            )

    @staticmethod
    def _arrow(p: QPainter, start: QPointF, target: QRectF) -> None:
        end = target.center()
        dx, dy = end.x() - start.x(), end.y() - start.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        # stop at the target box's edge
        tx = (target.width() / 2) / abs(ux) if ux else float("inf")
        ty = (target.height() / 2) / abs(uy) if uy else float("inf")
        back = min(tx, ty) + 3
        tip = QPointF(end.x() - ux * back, end.y() - uy * back)
        p.drawLine(start, tip)
        head = QPainterPath()
        head.moveTo(tip)
        head.lineTo(tip.x() - ux * 10 - uy * 5, tip.y() - uy * 10 + ux * 5)
        head.lineTo(tip.x() - ux * 10 + uy * 5, tip.y() - uy * 10 - ux * 5)
        head.closeSubpath()
        p.fillPath(head, QColor("#4a5568"))


class TrainingMatrix(QWidget):
    """Roles down, planned standards across, with what the marks mean and who still needs
    what; attended sessions count (see domain.allocation.training_coverage)."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._c = controller
        self.model = TrainingMatrixModel(self)
        self.view = QTableView()
        self.view.setObjectName("training_matrix")
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab leaves; arrows move between cells
        self.legend = QLabel()
        self.legend.setObjectName("training_legend")
        self.legend.setWordWrap(True)
        self.summary = shrinkable(QLabel())
        self.summary.setObjectName("training_outstanding")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # roles, names, standards as written
        column = QVBoxLayout(self)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend)
        column.addWidget(self.summary)
        controller.changed.connect(
            lambda ch: (
                self.reload() if {"study_plan", "person", "training"} & ch.registers else None
            )
        )
        self.legend.setText(legend())

    def reload(self) -> None:
        if not self._c.is_open:
            return
        from qms_desktop.services import allocation

        coverage = allocation.training_coverage(self._c.ws())
        self.model.set_cells(coverage.cells)
        self.view.resizeColumnsToContents()
        self.legend.setText(legend())
        if not self.model.roles:
            self.summary.setText(
                self.tr("No study planned yet: add entries on the Study plan tab.")
            )
        elif not coverage.still_to_study:
            self.summary.setText(self.tr("Every role has completed its planned study."))
        else:
            gaps: dict[str, tuple[list[str], set[str]]] = {}
            for gap in coverage.still_to_study:
                standards, people = gaps.setdefault(gap.role, ([], set()))
                standards.append(gap.standard)
                people.update(gap.people)
            lines = [
                f"{role}{' (' + ', '.join(sorted(people)) + ')' if people else ''}: "
                f"{', '.join(sorted(standards))}"
                for role, (standards, people) in sorted(gaps.items())
            ]
            self.summary.setText(self.tr("Still to study — %1").replace("%1", "; ".join(lines)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._c.is_open:
            self.reload()
        super().changeEvent(event)


class ProcessNetworkPanel(QWidget):
    """The processes register with the network diagram beneath it."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QSplitter

        from qms_desktop.ui.register_panel import RegisterPanel

        super().__init__(parent)
        self._c = controller
        self.register_panel = RegisterPanel("process", controller)
        self.register = self.register_panel.register
        self.recordSelected = self.register_panel.recordSelected
        self.diagram = ProcessDiagram()
        self.diagram.setObjectName("process_diagram")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.register_panel)
        splitter.addWidget(self.diagram)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(splitter)
        controller.changed.connect(
            lambda ch: self._refresh() if "process" in ch.registers else None
        )

    def current_record(self) -> Record | None:
        return self.register_panel.current_record()

    def reload(self) -> None:
        self.register_panel.reload()
        self._refresh()

    def _refresh(self) -> None:
        if not self._c.is_open:
            return
        records = self.register_panel.model.records()
        self.diagram.set_processes(
            [
                (
                    str(r.values["name"]),
                    [s.strip() for s in str(r.values["feeds"]).split(",") if s.strip()],
                )
                for r in records
            ]
        )
