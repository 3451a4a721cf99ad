from PySide6.QtCore import Qt

from qms_desktop.domain.registers import REGISTERS
from qms_desktop.domain.steps import (
    RuleResult,
    ShownStatus,
    Step,
    StepState,
    StepStatus,
    summarise_step,
)
from qms_desktop.services.audit import history
from qms_desktop.services.profile import update_profile
from qms_desktop.services.registers import add_record, list_records
from qms_desktop.ui.models.history import HistoryModel
from qms_desktop.ui.models.navigator import NavigatorModel, StatusRole, WarningRole
from qms_desktop.ui.models.register import RecordIdRole, RegisterModel, ValueRole
from qms_desktop.ui.models.training_matrix import COMPLETED, PLANNED, StateRole, TrainingMatrixModel


def test_navigator_model(qtmodeltester):
    model = NavigatorModel()
    state = StepState(Step.PLAN, StepStatus.DONE, "Lin Wei", None, "")
    broken = RuleResult(measured=True, started=True, met=False, progress=0.5)
    model.set_steps({Step.PLAN: summarise_step(state, broken)})
    qtmodeltester.check(model)
    assert model.rowCount() == 10
    # the computed status, as the dashboard shows it: signed off, but its rule broke
    assert model.index(5).data(StatusRole) is ShownStatus.DONE
    assert model.index(5).data(WarningRole) is True
    assert "⚠" in model.index(5).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(4).data(StatusRole) is ShownStatus.NOT_STARTED
    assert model.index(4).data(WarningRole) is False
    assert model.index(0).data(StatusRole) is None


def test_history_model(qtmodeltester, workspace):
    update_profile(workspace, "Lin Wei", scope="line one\nline two " + "x" * 500)
    model = HistoryModel()
    model.set_rows(history(workspace, "organisation", "1"))
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Lin Wei"
    assert model.index(0, 4).data().startswith("line one line two")
    assert model.index(0, 4).data().endswith("…")


def test_register_model(qtmodeltester, workspace):
    add_record(
        workspace,
        "t",
        "lesson",
        {
            "source": "complaint",
            "occurred_on": "2026-03-01",
            "what_happened": "Guest waited\nat check-in",
            "lesson": "x" * 300,
        },
    )
    add_record(
        workspace,
        "t",
        "lesson",
        {
            "source": "audit",
            "what_happened": "Fridge log missing",
            "lesson": "Check daily",
            "decision": "later",
        },
    )
    model = RegisterModel(REGISTERS["lesson"])
    qtmodeltester.check(model)  # empty
    records = list_records(workspace, "lesson")
    model.set_rows(records)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.column_of("suggested_rule") is None  # only in the form
    what, lesson, source = (
        model.column_of("what_happened"),
        model.column_of("lesson"),
        model.column_of("source"),
    )
    assert model.headerData(source, Qt.Orientation.Horizontal) == "Source"
    assert model.index(0, source).data() == "Complaint"
    assert model.index(0, source).data(ValueRole) == "complaint"
    assert model.index(0, model.column_of("occurred_on")).data() == "2026-03-01"
    assert model.index(0, what).data() == "Guest waited…"  # first line only
    assert model.index(0, what).data(Qt.ItemDataRole.ToolTipRole) == "Guest waited\nat check-in"
    assert len(model.index(0, lesson).data()) == 201
    assert model.index(1, 0).data(RecordIdRole) == records[1].id
    assert model.row_of(records[1].id) == 1
    model.retranslate()
    qtmodeltester.check(model)


def test_training_matrix_model(qtmodeltester):
    model = TrainingMatrixModel()
    qtmodeltester.check(model)
    model.set_plan(
        [
            {"role": "Front office", "standard": "ISO 9001", "state": "completed"},
            {"role": "Kitchen", "standard": "ISO 9001", "state": "completed"},
            {
                "role": "Kitchen",
                "standard": "ISO 9001",
                "state": "planned",
            },  # one outstanding keeps it open
            {"role": "Kitchen", "standard": "Food hygiene", "state": "planned"},
        ]
    )
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Food hygiene"
    assert model.headerData(1, Qt.Orientation.Vertical) == "Kitchen"
    assert [model.index(0, c).data() for c in range(2)] == ["", "✔"]
    assert [model.index(1, c).data(StateRole) for c in range(2)] == [PLANNED, PLANNED]
    assert model.index(0, 1).data(StateRole) == COMPLETED
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "Completed"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.outstanding() == {"Kitchen": ["ISO 9001", "Food hygiene"]}
