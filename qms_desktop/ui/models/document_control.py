"""Table models of document control (the Refine step): the controlled documents, and the
revisions of the one picked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from qms_desktop.domain.document_control import RevisionStatus
from qms_desktop.services.document_control import ControlledDocument, RevisionInfo
from qms_desktop.ui.widgets import plain_tip

_Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1  # a document's planned id, a revision's id
S = RevisionStatus
STATUS_COLOURS = {
    S.DRAFT: QColor("#718096"),
    S.IN_REVIEW: QColor("#b7791f"),
    S.APPROVED: QColor("#2b6cb0"),
    S.ISSUED: QColor("#2f855a"),
    S.SUPERSEDED: QColor("#a0aec0"),
    S.WITHDRAWN: QColor("#c53030"),
}


def status_label(status: RevisionStatus) -> str:
    return {
        S.DRAFT: QCoreApplication.translate("DocumentControl", "Draft"),
        S.IN_REVIEW: QCoreApplication.translate("DocumentControl", "In review"),
        S.APPROVED: QCoreApplication.translate("DocumentControl", "Approved"),
        S.ISSUED: QCoreApplication.translate("DocumentControl", "Issued"),
        S.SUPERSEDED: QCoreApplication.translate("DocumentControl", "Superseded"),
        S.WITHDRAWN: QCoreApplication.translate("DocumentControl", "Withdrawn"),
    }[status]


def level_label(level: str) -> str:
    return {
        "manual": QCoreApplication.translate("DocumentControl", "Quality manual"),
        "procedure": QCoreApplication.translate("DocumentControl", "Procedure"),
        "instruction": QCoreApplication.translate("DocumentControl", "Work instruction"),
        "form": QCoreApplication.translate("DocumentControl", "Form or record"),
    }.get(level, level)


class DocumentsModel(QAbstractTableModel):
    """One row per planned document: number, title, type, source, in use, latest."""

    NUMBER, TITLE, TYPE, SOURCE, IN_USE, LATEST = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.documents: list[ControlledDocument] = []

    def set_documents(self, documents: list[ControlledDocument]) -> None:
        self.beginResetModel()
        self.documents = list(documents)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.documents)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("DocumentControl", "Number"),
            QCoreApplication.translate("DocumentControl", "Title"),
            QCoreApplication.translate("DocumentControl", "Type"),
            QCoreApplication.translate("DocumentControl", "Made from"),
            QCoreApplication.translate("DocumentControl", "In use"),
            QCoreApplication.translate("DocumentControl", "Latest revision"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        doc = self.documents[index.row()]
        col = index.column()
        if role == IdRole:
            return doc.planned_id
        latest = doc.latest
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NUMBER:
                return doc.number
            if col == self.TITLE:
                return doc.title
            if col == self.TYPE:
                return level_label(doc.level)
            if col == self.SOURCE:
                return doc.template_id or QCoreApplication.translate(
                    "DocumentControl", "Uploaded file"
                )
            if col == self.IN_USE:
                issued = doc.issued
                return (
                    QCoreApplication.translate("DocumentControl", "Rev. %1 since %2")
                    .replace("%1", issued.label)
                    .replace("%2", issued.date.isoformat())
                    if issued
                    else "—"
                )
            if col == self.LATEST:
                if latest is None:
                    return QCoreApplication.translate("DocumentControl", "No revision yet")
                return f"{latest.label} · {status_label(latest.status)}"
        if role == Qt.ItemDataRole.ForegroundRole and col == self.LATEST and latest is not None:
            return STATUS_COLOURS[latest.status]
        return None


class RevisionsModel(QAbstractTableModel):
    """The revisions of one document, newest first."""

    REVISION, STATUS, DATE, AUTHOR, REVIEWER, APPROVER, CHANGE, SHA = range(8)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.revisions: list[RevisionInfo] = []

    def set_revisions(self, revisions: tuple[RevisionInfo, ...]) -> None:
        self.beginResetModel()
        self.revisions = list(reversed(revisions))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.revisions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 8

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("DocumentControl", "Rev."),
            QCoreApplication.translate("DocumentControl", "Status"),
            QCoreApplication.translate("DocumentControl", "Date"),
            QCoreApplication.translate("DocumentControl", "Author"),
            QCoreApplication.translate("DocumentControl", "Reviewer"),
            QCoreApplication.translate("DocumentControl", "Approver"),
            QCoreApplication.translate("DocumentControl", "Change"),
            QCoreApplication.translate("DocumentControl", "SHA-256 (PDF or file)"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.revisions[index.row()]
        col = index.column()
        if role == IdRole:
            return r.id
        if role == Qt.ItemDataRole.DisplayRole:
            main = r.file("pdf") or r.file("upload")
            return (
                r.label,
                status_label(r.status),
                r.date.isoformat(),
                r.author,
                r.reviewer,
                r.approver,
                r.change_summary,
                (main.sha256[:16] + "…") if main else "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.SHA:
                # the files a reader opens (not the words and context kept for diffs)
                shown = [f for f in r.files if f.kind in ("pdf", "docx", "upload")]
                return "\n".join(f"{f.name}: {f.sha256}" for f in shown) or None
            return plain_tip(self.data(index, Qt.ItemDataRole.DisplayRole) or "") or None
        if role == Qt.ItemDataRole.ForegroundRole and col == self.STATUS:
            return STATUS_COLOURS[r.status]
        return None
