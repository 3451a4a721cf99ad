"""Reading the audit trail."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from qms_desktop.domain.actions import ACTION_FIELDS
from qms_desktop.domain.audit import AuditEntry
from qms_desktop.storage.audit import entries_for
from qms_desktop.storage.models import NonconformityRecord
from qms_desktop.storage.workspace import Workspace

# a nonconformity's fields under the names the checklist gives them (its action)
_CHECKLIST_NAMES = {nc: item for item, nc in ACTION_FIELDS.items()}


def history(ws: Workspace, entity: str, entity_id: str, limit: int = 500) -> list[AuditEntry]:
    """Who changed what on one record, newest first. A checklist item's history includes
    its action's: the changes of the nonconformity linked to it (the one action list),
    fields named as the checklist names them."""
    with ws.reading() as s:
        entries = entries_for(s, entity, entity_id, limit)
        if entity != "assessment_item" or not entity_id.isdigit():
            return entries
        nc_id = s.scalar(
            select(NonconformityRecord.id).where(
                NonconformityRecord.assessment_item == int(entity_id)
            )
        )
        if nc_id is None:
            return entries
        actions = [
            replace(e, field=_CHECKLIST_NAMES.get(e.field, e.field))
            for e in entries_for(s, "nonconformity", str(nc_id), limit)
        ]
    return sorted(entries + actions, key=lambda e: e.seq, reverse=True)[:limit]
