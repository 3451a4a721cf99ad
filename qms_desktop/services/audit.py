"""Reading the audit trail."""

from __future__ import annotations

from qms_desktop.domain.audit import AuditEntry
from qms_desktop.storage.audit import entries_for
from qms_desktop.storage.workspace import Workspace


def history(ws: Workspace, entity: str, entity_id: str, limit: int = 500) -> list[AuditEntry]:
    """Who changed what on one record, newest first."""
    with ws.reading() as s:
        return entries_for(s, entity, entity_id, limit)
