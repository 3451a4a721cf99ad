"""Table model of audit-trail entries for the History panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from qms_desktop.domain.audit import AuditEntry
from qms_desktop.ui.widgets import plain_tip

COL_WHEN, COL_WHO, COL_FIELD, COL_OLD, COL_NEW = range(5)
EntryRole = Qt.ItemDataRole.UserRole + 1
_PREVIEW = 200
_Index = QModelIndex | QPersistentModelIndex


def _preview(value: str | None) -> str:
    if value is None:
        return "—"
    flat = " ".join(value.split())
    return flat if len(flat) <= _PREVIEW else flat[:_PREVIEW] + "…"


def field_label(field: str) -> str:
    """The name a user knows a stored field by."""
    from PySide6.QtCore import QCoreApplication

    labels = {
        "name": QCoreApplication.translate("History", "Name"),
        "short_name": QCoreApplication.translate("History", "Short name"),
        "address": QCoreApplication.translate("History", "Address"),
        "scope": QCoreApplication.translate("History", "Scope"),
        "services": QCoreApplication.translate("History", "Services"),
        "sites": QCoreApplication.translate("History", "Sites"),
        "industry": QCoreApplication.translate("History", "Industry"),
        "doc_prefix": QCoreApplication.translate("History", "Document prefix"),
        "management_representative": QCoreApplication.translate(
            "History", "Management representative"
        ),
        "default_language": QCoreApplication.translate("History", "Document language"),
        "logo": QCoreApplication.translate("History", "Logo"),
        "status": QCoreApplication.translate("History", "Status"),
        "signed_off_by": QCoreApplication.translate("History", "Signed off by"),
        "signed_off_on": QCoreApplication.translate("History", "Sign-off date"),
        "notes": QCoreApplication.translate("History", "Notes"),
        "grade": QCoreApplication.translate("History", "Finding grade"),
        "na_justification": QCoreApplication.translate("History", "Why not applicable"),
        "current_practice": QCoreApplication.translate("History", "Current practice"),
        "evidence_notes": QCoreApplication.translate("History", "Evidence notes"),
        "gap": QCoreApplication.translate("History", "Gap"),
        "action_text": QCoreApplication.translate("History", "Action"),
        "action_owner": QCoreApplication.translate("History", "Owner"),
        "action_due": QCoreApplication.translate("History", "Due date"),
        "action_priority": QCoreApplication.translate("History", "Priority"),
        "action_state": QCoreApplication.translate("History", "Action state"),
    }
    return labels.get(field, field)


_NOT_SHOWN = {"id", "position", "changed_by", "changed_at", "data"}


def record_lines(values_json: str | None) -> list[str]:
    """A created or deleted record's values, one "Field: value" line each, empty ones left
    out (the trail stores them as JSON; nobody should have to read that)."""
    import json

    try:
        values = json.loads(values_json or "{}")
    except ValueError:
        return [values_json or ""]
    if not isinstance(values, dict):
        return [str(values)]
    return [
        f"{field_label(str(k))}: {value_text(str(k), None if v is None else str(v))}"
        for k, v in values.items()
        if k not in _NOT_SHOWN and v not in (None, "")
    ]


def value_text(field: str, value: str | None) -> str:
    if field == "status" and value:
        from qms_desktop.domain.assessment import Status
        from qms_desktop.domain.steps import StepStatus
        from qms_desktop.ui.models.checklist import status_label
        from qms_desktop.ui.models.navigator import status_text

        for kind, label in ((StepStatus, status_text), (Status, status_label)):
            try:
                return label(kind(value))  # type: ignore[arg-type, operator]
            except ValueError:
                continue
        return value
    if field == "grade" and value:
        from qms_desktop.domain.assessment import Grade
        from qms_desktop.ui.models.checklist import grade_label

        try:
            return grade_label(Grade(value))
        except ValueError:
            return value
    return _preview(value)


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditEntry] = []

    def set_rows(self, rows: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("When"),
            self.tr("Who"),
            self.tr("Field"),
            self.tr("Old value"),
            self.tr("New value"),
        ][section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e = self._rows[index.row()]
        col = index.column()
        if role == EntryRole:
            return e
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_WHEN:
                try:
                    return (
                        dt.datetime.fromisoformat(e.at_utc)
                        .astimezone()
                        .strftime("%Y-%m-%d %H:%M:%S")
                    )
                except ValueError:
                    return e.at_utc
            if col == COL_WHO:
                return e.actor
            if col == COL_FIELD:
                return (
                    field_label(e.field)
                    if e.field
                    else {"create": self.tr("(created)"), "delete": self.tr("(deleted)")}.get(
                        e.action, e.action
                    )
                )
            if col in (COL_OLD, COL_NEW):
                value = e.old_value if col == COL_OLD else e.new_value
                if not e.field and value:  # a whole record, created or deleted
                    return " · ".join(line.replace("\n", " ") for line in record_lines(value))[:300]
                return value_text(e.field, value)
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_OLD, COL_NEW):
            value = e.old_value if col == COL_OLD else e.new_value
            if not e.field and value:
                return plain_tip("\n".join(record_lines(value))[:2000])
            return plain_tip((value or "")[:2000])
        return None
