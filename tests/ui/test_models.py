from qms_desktop.domain.steps import Step, StepStatus
from qms_desktop.services.audit import history
from qms_desktop.services.profile import update_profile
from qms_desktop.ui.models.history import HistoryModel
from qms_desktop.ui.models.navigator import NavigatorModel, ProgressRole, StatusRole


def test_navigator_model(qtmodeltester):
    model = NavigatorModel()
    model.set_steps({Step.PLAN: StepStatus.IN_PROGRESS}, {Step.PLAN: 0.5})
    qtmodeltester.check(model)
    assert model.rowCount() == 10
    assert model.index(5).data(StatusRole) is StepStatus.IN_PROGRESS
    assert model.index(5).data(ProgressRole) == 0.5
    assert model.index(0).data(StatusRole) is None


def test_history_model(qtmodeltester, workspace):
    update_profile(workspace, "Lin Wei", scope="line one\nline two " + "x" * 500)
    model = HistoryModel()
    model.set_rows(history(workspace, "organisation", "1"))
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Lin Wei"
    assert model.index(0, 4).data().startswith("line one line two")
    assert model.index(0, 4).data().endswith("…")
