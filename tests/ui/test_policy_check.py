"""The Plan page's positioning-and-policy tab shows which ISO 9001 5.2.1 commitments the quality
policy does not state, as it is typed and in the user's language, and an edited policy goes
through the operations to the workspace."""

from __future__ import annotations

from pathlib import Path

from qms_desktop.services.registers import get_plan
from qms_desktop.services.workspaces import create_workspace
from qms_desktop.ui.controller import WorkspaceController
from qms_desktop.ui.steps.plan_widgets import PolicyPanel


def test_policy_panel_lists_what_the_policy_lacks(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "p.qms"
    create_workspace(path, "Org").close()
    c = WorkspaceController()
    c.open(path)
    try:
        panel = PolicyPanel(c)
        qtbot.addWidget(panel)
        panel.reload()
        assert panel.missing() == ("purpose", "objectives", "requirements", "improvement")
        assert panel.result.text().count("✘") == 4
        edit = panel.editors["quality_policy"]
        edit.setPlainText("Every guest, every time; we meet guests' requirements.")
        assert panel.missing() == ("objectives", "improvement")
        assert "continual improvement" in panel.result.text()
        assert "framework for setting quality objectives" in panel.result.text()
        edit.setPlainText("服务宾客，遵守法律法规，每年制定质量目标，持续改进。")
        assert panel.missing() == ()
        assert "✔" in panel.result.text() and "✘" not in panel.result.text()
        edit.editingFinished.emit()
        assert get_plan(c.ws())["quality_policy"].startswith("服务宾客")
        panel.grab().save(str(tmp_path / "policy.png"))
    finally:
        c.close()
