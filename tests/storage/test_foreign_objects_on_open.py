"""A workspace holding a trigger (or any schema object the app did not make) is opened
read-only with the reason, so a trigger never rewrites edits behind the audit trail's back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qms_desktop.domain.errors import WorkspaceReadOnlyError
from qms_desktop.services.profile import update_profile
from qms_desktop.storage.workspace import Workspace


def test_a_trigger_makes_the_workspace_read_only(workspace_file: Path):
    conn = sqlite3.connect(workspace_file)
    conn.execute(
        "CREATE TRIGGER sneaky AFTER UPDATE ON organisation BEGIN "
        "UPDATE organisation SET industry = 'x'; END"
    )
    conn.commit()
    conn.close()
    ws = Workspace.open(workspace_file)
    try:
        assert ws.read_only
        assert "sneaky" in ws.read_only_text("en") and "qms-desktop check" in ws.read_only_text(
            "en"
        )
        assert "审计追踪" in ws.read_only_text("zh_CN")
        with pytest.raises(WorkspaceReadOnlyError):
            update_profile(ws, "me", industry="Hotels")
    finally:
        ws.close()
    again = Workspace.open(workspace_file)  # no lock was kept by the refused editor
    assert again.read_only
    again.close()


def test_a_clean_workspace_opens_for_editing(workspace_file: Path):
    ws = Workspace.open(workspace_file)
    try:
        assert not ws.read_only
    finally:
        ws.close()
