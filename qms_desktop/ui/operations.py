"""The one road every change made in the GUI takes (after Anki's CollectionOp).

    page ─► Operations.<edit>(…) ─► one service call (validates, one transaction, audit)
                 success: push an undo step whose first redo does nothing, emit `changed` once
                 failure: the page's `on_error` shows a field error, or `failed` is emitted
                          and the main window shows the sentence in the user's language;
                          the undo stack is left exactly as it was

Undo and redo call the inverse service through the same road. A replay that fails (the
record was changed meanwhile) is reported and its step dropped, so the stack never offers
an undo it cannot do. No other module in `ui/` calls a writing service or emits
`changed`; `tests/ui/test_operations.py` enforces that.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QUndoCommand

from qms_desktop.domain.errors import QmsError, WorkspaceReadOnlyError
from qms_desktop.domain.steps import StepState
from qms_desktop.services.changes import ChangeSet

if TYPE_CHECKING:
    from qms_desktop.domain.attachments import Attachment, AttachmentSnapshot
    from qms_desktop.domain.document_control import RevisionStatus
    from qms_desktop.domain.requirements import LibraryCopy
    from qms_desktop.services.checklist import AssessmentInfo, AssessmentSnapshot, EvidenceSnapshot
    from qms_desktop.services.document_control import Rendered
    from qms_desktop.services.exchange import ColumnMap, ImportReport
    from qms_desktop.services.register_exchange import RegisterImport
    from qms_desktop.services.registers import Record
    from qms_desktop.services.workspaces import Workspace
    from qms_desktop.ui.controller import WorkspaceController

log = logging.getLogger(__name__)

ErrorHandler = Callable[[QmsError], bool]  # True when the caller showed the error itself
Replay = Callable[[], ChangeSet]


def ui_language() -> str:
    """The interface language, as the language switcher set it."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def error_text(exc: BaseException) -> str:
    """A sentence for the user in the interface language; never a Python exception text."""
    if isinstance(exc, QmsError):
        return exc.text(ui_language())
    from PySide6.QtCore import QCoreApplication

    if isinstance(exc, OSError):
        where = exc.filename or ""
        reason = exc.strerror or type(exc).__name__
        return (
            QCoreApplication.translate("Operations", "Cannot use the file %1: %2")
            .replace("%1", str(where))
            .replace("%2", reason)
        )
    return QCoreApplication.translate(
        "Operations",
        "Something went wrong; the details are in the log. "
        "Your work up to the last stored edit is safe.",
    )


@dataclass(frozen=True)
class Applied:
    """What a service call did: its changes and how to undo and redo it."""

    changes: ChangeSet
    undo: Replay | None = None
    redo: Replay | None = None


class _DoneStep(QUndoCommand):
    """An undo step for work already done: the first redo (QUndoStack.push) does nothing."""

    def __init__(self, ops: Operations, label: str, undo: Replay, redo: Replay) -> None:
        super().__init__(label)
        self._ops = ops
        self._undo = undo
        self._redo = redo
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._ops._replay(self, self._redo)  # noqa: SLF001 - the step belongs to its Operations

    def undo(self) -> None:
        self._ops._replay(self, self._undo)  # noqa: SLF001


class Operations(QObject):
    """Every edit the GUI can make, each one service call; see the module docstring."""

    failed = Signal(object)  # QmsError (or OSError) not shown by the page that asked

    def __init__(self, controller: WorkspaceController) -> None:
        super().__init__(controller)
        self._c = controller

    # -- the road --------------------------------------------------------------

    def run(
        self, label: str, work: Callable[[], Applied], on_error: ErrorHandler | None = None
    ) -> bool:
        """Run `work` (one service call); on success record its undo step and announce its
        changes; on failure show the error once. Returns whether it succeeded."""
        if self._c.read_only:
            return self._fail(WorkspaceReadOnlyError("core.read_only_plain"), on_error)
        try:
            applied = work()
        except QmsError as exc:
            return self._fail(exc, on_error)
        if applied.undo is not None and applied.redo is not None:
            self._c.undo_stack.push(_DoneStep(self, label, applied.undo, applied.redo))
        self._c.changed.emit(applied.changes)
        return True

    def _fail(self, exc: QmsError, on_error: ErrorHandler | None) -> bool:
        if on_error is None or not on_error(exc):
            self.failed.emit(exc)
        return False

    def _replay(self, step: _DoneStep, replay: Replay) -> None:
        try:
            changes = replay()
        except QmsError as exc:
            step.setObsolete(True)  # QUndoStack drops it: no undo that cannot be done
            self.failed.emit(exc)
            return
        except Exception:
            log.exception("undo/redo failed")
            step.setObsolete(True)
            raise
        self._c.changed.emit(changes)

    @property
    def _ws(self) -> Workspace:
        return self._c.ws()

    @property
    def _actor(self) -> str:
        return self._c.actor

    # -- organisation profile, steps, plan design ---------------------------------

    def set_profile(
        self,
        label: str,
        old: dict[str, object],
        new: dict[str, object],
        on_error: ErrorHandler | None = None,
    ) -> bool:
        from qms_desktop.services import profile

        def put(values: dict[str, object]) -> Replay:
            return lambda: profile.update_profile(self._ws, self._actor, **values)[1]

        return self.run(label, lambda: Applied(put(new)(), put(old), put(new)), on_error)

    def set_step(
        self, label: str, old: StepState, new: StepState, on_error: ErrorHandler | None = None
    ) -> bool:
        from qms_desktop.services import steps

        def put(s: StepState) -> Replay:
            return lambda: steps.update_step(
                self._ws,
                self._actor,
                s.step,
                status=s.status,
                signed_off_by=s.signed_off_by,
                signed_off_on=s.signed_off_on,
                notes=s.notes,
            )[1]

        return self.run(label, lambda: Applied(put(new)(), put(old), put(new)), on_error)

    def set_plan(
        self,
        label: str,
        old: dict[str, str],
        new: dict[str, str],
        on_error: ErrorHandler | None = None,
    ) -> bool:
        from qms_desktop.services import registers

        def put(values: dict[str, str]) -> Replay:
            return lambda: registers.update_plan(self._ws, self._actor, **values)[1]

        return self.run(label, lambda: Applied(put(new)(), put(old), put(new)), on_error)

    # -- registers -------------------------------------------------------------------

    def add_record(
        self, label: str, key: str, values: dict[str, object], on_error: ErrorHandler | None = None
    ) -> Record | None:
        from qms_desktop.services import registers

        added: list[Record] = []

        removed: list[Record] = []

        def work() -> Applied:
            record, changes = registers.add_record(self._ws, self._actor, key, values)
            added.append(record)

            def undo() -> ChangeSet:
                gone, undone = registers.delete_record(self._ws, self._actor, key, record.id)
                removed[:] = [gone]  # with any files attached meanwhile, to bring them back
                return undone

            return Applied(
                changes, undo, lambda: registers.restore_records(self._ws, self._actor, removed)
            )

        return added[0] if self.run(label, work, on_error) else None

    def delete_record(
        self, label: str, key: str, record_id: int, on_error: ErrorHandler | None = None
    ) -> bool:
        from qms_desktop.services import registers

        removed: list[Record] = []

        def delete() -> ChangeSet:
            record, changes = registers.delete_record(self._ws, self._actor, key, record_id)
            removed[:] = [record]  # its attachments too: the undo puts them back with it
            return changes

        def work() -> Applied:
            return Applied(
                delete(), lambda: registers.restore_records(self._ws, self._actor, removed), delete
            )

        return self.run(label, work, on_error)

    def edit_record(
        self,
        label: str,
        key: str,
        record_id: int,
        old: dict[str, object],
        new: dict[str, object],
        on_error: ErrorHandler | None = None,
    ) -> bool:
        from qms_desktop.services import registers

        def put(values: dict[str, object]) -> Replay:
            return lambda: registers.update_record(self._ws, self._actor, key, record_id, **values)[
                1
            ]

        return self.run(label, lambda: Applied(put(new)(), put(old), put(new)), on_error)

    def delete_records(
        self, label: str, key: str, record_ids: list[int], on_error: ErrorHandler | None = None
    ) -> bool:
        """Delete several records of a register: one transaction, one undo step."""
        from qms_desktop.services import registers

        removed: list[Record] = []

        def delete() -> ChangeSet:
            gone, changes = registers.delete_records(self._ws, self._actor, key, record_ids)
            removed[:] = gone  # with their attachments, which the undo puts back
            return changes

        def work() -> Applied:
            return Applied(
                delete(), lambda: registers.restore_records(self._ws, self._actor, removed), delete
            )

        return self.run(label, work, on_error)

    def edit_records(
        self,
        label: str,
        key: str,
        old: list[tuple[int, dict[str, object]]],
        new: list[tuple[int, dict[str, object]]],
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """Set fields of several records of a register: one transaction, one undo step."""
        from qms_desktop.services import registers

        def work() -> Applied:
            inverse, changes = registers.update_records(self._ws, self._actor, key, new)
            return Applied(
                changes,
                lambda: registers.update_records(self._ws, self._actor, key, inverse)[1],
                lambda: registers.update_records(self._ws, self._actor, key, new)[1],
            )

        return self.run(label, work, on_error)

    # -- files attached to register records ---------------------------------------------

    def attach_files(
        self,
        label: str,
        key: str,
        record_id: int,
        files: list[Path],
        on_error: ErrorHandler | None = None,
    ) -> list[Attachment] | None:
        """Attach files to a record: one transaction, one undo step (however many files)."""
        from qms_desktop.services import attachments

        added: list[list[Attachment]] = []
        removed: list[AttachmentSnapshot] = []

        def work() -> Applied:
            files_added, changes = attachments.attach_files(
                self._ws, self._actor, key, record_id, list(files)
            )
            added.append(files_added)
            ids = [a.id for a in files_added]

            def undo() -> ChangeSet:
                snapshots, undone = attachments.remove_attachments(self._ws, self._actor, ids)
                removed[:] = snapshots
                return undone

            return Applied(
                changes,
                undo,
                lambda: attachments.restore_attachments(self._ws, self._actor, removed),
            )

        return added[0] if self.run(label, work, on_error) else None

    def remove_attachments(
        self, label: str, attachment_ids: list[int], on_error: ErrorHandler | None = None
    ) -> bool:
        """Remove attachments: one transaction, one undo step that puts them back."""
        from qms_desktop.services import attachments

        removed: list[AttachmentSnapshot] = []

        def remove() -> ChangeSet:
            snapshots, changes = attachments.remove_attachments(
                self._ws, self._actor, attachment_ids
            )
            removed[:] = snapshots
            return changes

        def work() -> Applied:
            return Applied(
                remove(),
                lambda: attachments.restore_attachments(self._ws, self._actor, removed),
                remove,
            )

        return self.run(label, work, on_error)

    # -- Allocate and Strengthen ------------------------------------------------------

    def set_responsibilities(
        self,
        label: str,
        cells: list[tuple[int, str, int, str]],
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """Write responsibility-matrix cells (R/A/C/I, "" empties one): one undo step."""
        from qms_desktop.services import allocation

        def work() -> Applied:
            previous, changes = allocation.set_responsibilities(self._ws, self._actor, cells)
            return Applied(
                changes,
                lambda: allocation.set_responsibilities(self._ws, self._actor, previous)[1],
                lambda: allocation.set_responsibilities(self._ws, self._actor, cells)[1],
            )

        return self.run(label, work, on_error)

    def _added_records(
        self,
        label: str,
        add: Callable[[], tuple[list[Record], ChangeSet]],
        key: str,
        on_error: ErrorHandler | None,
    ) -> list[Record] | None:
        """Records a service added in one call; undo deletes them (roles with the matrix
        cells the call gave them), redo puts the same records back."""
        from qms_desktop.services import registers

        added: list[list[Record]] = []
        removed: list[Record] = []

        def work() -> Applied:
            records, changes = add()
            added.append(records)
            if not records:
                return Applied(changes)
            ids = [r.id for r in records]

            def undo() -> ChangeSet:
                gone, undone = registers.delete_records(
                    self._ws, self._actor, key, ids, with_cells=key == "role"
                )
                removed[:] = [
                    *(r for r in gone if r.register == key),
                    *(r for r in gone if r.register != key),
                ]
                return undone

            return Applied(
                changes, undo, lambda: registers.restore_records(self._ws, self._actor, removed)
            )

        return added[0] if self.run(label, work, on_error) else None

    def add_suggested_roles(
        self, label: str, titles: list[str], on_error: ErrorHandler | None = None
    ) -> list[Record] | None:
        """Add roles the Plan step names (accountable for what they own): one undo step."""
        from qms_desktop.services import allocation

        return self._added_records(
            label,
            lambda: allocation.add_suggested_roles(self._ws, self._actor, titles),
            "role",
            on_error,
        )

    def add_starting_areas(
        self, label: str, on_error: ErrorHandler | None = None
    ) -> list[Record] | None:
        """Add the starting list of basic management work, in the interface language."""
        from qms_desktop.services import allocation

        return self._added_records(
            label,
            lambda: allocation.add_starting_areas(self._ws, self._actor, ui_language()),
            "basic_work",
            on_error,
        )

    def match_attendees(self, label: str, on_error: ErrorHandler | None = None) -> int | None:
        """Move attendee names that now name people into the sessions' attendees."""
        from qms_desktop.services import allocation, registers

        matched: list[int] = []
        fields = ("participants", "unmatched_attendees")

        def work() -> Applied:
            before = {
                r.id: {f: r.values[f] for f in fields}
                for r in registers.list_records(self._ws, "training")
            }
            count, changes = allocation.match_attendees(self._ws, self._actor)
            matched.append(count)
            after = {
                r.id: {f: r.values[f] for f in fields}
                for r in registers.list_records(self._ws, "training")
            }
            old = [(i, v) for i, v in before.items() if after.get(i) != v]
            new = [(i, after[i]) for i, _v in old]
            if not old:
                return Applied(changes)
            return Applied(
                changes,
                lambda: registers.update_records(self._ws, self._actor, "training", old)[1],
                lambda: registers.update_records(self._ws, self._actor, "training", new)[1],
            )

        return matched[0] if self.run(label, work, on_error) else None

    # -- the gap checklist -------------------------------------------------------------

    def assess(
        self,
        label: str,
        changes: list[tuple[int, dict[str, object]]],
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """Set fields of one or many checklist items: one transaction, one undo step."""
        from qms_desktop.services import checklist

        def put(values: list[tuple[int, dict[str, object]]]) -> Replay:
            return lambda: checklist.apply_assessments(self._ws, self._actor, values)[1]

        def work() -> Applied:
            inverse, done = checklist.apply_assessments(self._ws, self._actor, changes)
            if not inverse:
                return Applied(done)  # nothing changed: no undo step
            return Applied(done, put(inverse), put(changes))

        return self.run(label, work, on_error)

    def attach_evidence(
        self, label: str, item_id: int, path: Path, on_error: ErrorHandler | None = None
    ) -> bool:
        from qms_desktop.services import checklist

        removed: list[EvidenceSnapshot] = []

        def work() -> Applied:
            evidence, changes = checklist.attach_evidence(self._ws, self._actor, item_id, path)

            def undo() -> ChangeSet:
                snapshot, undone = checklist.remove_evidence(self._ws, self._actor, evidence.id)
                removed[:] = [snapshot]
                return undone

            return Applied(
                changes, undo, lambda: checklist.restore_evidence(self._ws, self._actor, removed[0])
            )

        return self.run(label, work, on_error)

    def remove_evidence(
        self, label: str, evidence_id: int, on_error: ErrorHandler | None = None
    ) -> bool:
        from qms_desktop.services import checklist

        def work() -> Applied:
            snapshot, changes = checklist.remove_evidence(self._ws, self._actor, evidence_id)
            return Applied(
                changes,
                lambda: checklist.restore_evidence(self._ws, self._actor, snapshot),
                lambda: checklist.remove_evidence(self._ws, self._actor, evidence_id)[1],
            )

        return self.run(label, work, on_error)

    def create_assessment(
        self,
        label: str,
        name: str,
        held_on: dt.date,
        library_ids: list[str],
        audit_date: dt.date | None = None,
        copy_from: int | None = None,
        on_error: ErrorHandler | None = None,
    ) -> AssessmentInfo | None:
        """A new assessment; built-in libraries it names are copied in by the same call."""
        from qms_desktop.services import checklist

        created: list[AssessmentInfo] = []
        deleted: list[AssessmentSnapshot] = []

        def work() -> Applied:
            info, changes = checklist.create_assessment(
                self._ws,
                self._actor,
                name,
                held_on,
                library_ids,
                audit_date=audit_date,
                copy_from=copy_from,
                bring_in_builtin=True,
            )
            created.append(info)

            def undo() -> ChangeSet:
                snapshot, undone = checklist.delete_assessment(self._ws, self._actor, info.id)
                deleted[:] = [snapshot]
                return undone

            return Applied(
                changes,
                undo,
                lambda: checklist.restore_assessment(self._ws, self._actor, deleted[0])[1],
            )

        return created[0] if self.run(label, work, on_error) else None

    def update_assessment(
        self,
        label: str,
        assessment_id: int,
        old: dict[str, object],
        new: dict[str, object],
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """Rename an assessment or change its dates or notes."""
        from qms_desktop.services import checklist

        def put(values: dict[str, object]) -> Replay:
            return lambda: checklist.update_assessment(
                self._ws, self._actor, assessment_id, **values
            )[1]

        return self.run(label, lambda: Applied(put(new)(), put(old), put(new)), on_error)

    def delete_assessment(
        self, label: str, assessment_id: int, on_error: ErrorHandler | None = None
    ) -> bool:
        from qms_desktop.services import checklist

        def work() -> Applied:
            snapshot, changes = checklist.delete_assessment(self._ws, self._actor, assessment_id)
            return Applied(
                changes,
                lambda: checklist.restore_assessment(self._ws, self._actor, snapshot)[1],
                lambda: checklist.delete_assessment(self._ws, self._actor, assessment_id)[1],
            )

        return self.run(label, work, on_error)

    def import_checklist(
        self,
        label: str,
        path: Path,
        assessment_id: int,
        on_error: ErrorHandler | None = None,
        mapping: ColumnMap | None = None,
    ) -> ImportReport | None:
        """Apply a filled-in checklist file (a client's own through `mapping`): all rows or
        none; undone as one step."""
        from qms_desktop.services import checklist, exchange

        reports: list[ImportReport] = []

        def work() -> Applied:
            before = {
                r.item_id: checklist.item_values(r.item)
                for r in checklist.checklist_rows(self._ws, assessment_id)
            }
            report, changes = exchange.import_checklist(
                self._ws, self._actor, path, assessment_id=assessment_id, mapping=mapping
            )
            reports.append(report)
            applied = [(c.item_id, dict(c.values)) for c in report.changes]
            inverse = [
                (item_id, {k: before[item_id][k] for k in values})
                for item_id, values in applied
                if item_id in before
            ]
            if not applied:
                return Applied(changes)
            return Applied(
                changes,
                lambda: checklist.apply_assessments(self._ws, self._actor, inverse)[1],
                lambda: checklist.apply_assessments(self._ws, self._actor, applied)[1],
            )

        return reports[0] if self.run(label, work, on_error) else None

    def apply_register_import(
        self, label: str, plan: RegisterImport, on_error: ErrorHandler | None = None
    ) -> RegisterImport | None:
        """Apply an import already read and shown in the preview (the file is not read a
        second time); refused if a record it changes was changed meanwhile. One undo step,
        as `import_register`."""
        from qms_desktop.services import register_exchange as rx

        done: list[RegisterImport] = []

        def work() -> Applied:
            report, changes = rx.apply_register_import(self._ws, self._actor, plan)
            done.append(report)
            return Applied(
                changes,
                lambda: rx.undo_register_import(self._ws, self._actor, report),
                lambda: rx.apply_register_import(self._ws, self._actor, report, keep_ids=True)[1],
            )

        return done[0] if self.run(label, work, on_error) else None

    def add_library_file(
        self, label: str, path: Path, on_error: ErrorHandler | None = None
    ) -> LibraryCopy | None:
        """Read a library file and copy it into the workspace, as `library add` does: the
        same file again changes nothing, another edition under an id already held is refused
        (never replaced silently); undo takes the new library out again."""
        from qms_desktop.services import libraries

        added: list[LibraryCopy] = []

        def work() -> Applied:
            library, _, changes = libraries.add_library_file(self._ws, self._actor, path)
            added.append(library)
            if not changes.libraries:  # the same text again: nothing to undo
                return Applied(changes)
            return Applied(
                changes,
                lambda: libraries.replace_library(self._ws, self._actor, library.id, None)[1],
                lambda: libraries.replace_library(self._ws, self._actor, library.id, library)[1],
            )

        return added[0] if self.run(label, work, on_error) else None

    # -- Operate: the customer's voice (issue 10) ------------------------------------------

    def lesson_from_complaint(
        self, label: str, complaint_id: int, on_error: ErrorHandler | None = None
    ) -> Record | None:
        """Turn a complaint's cause into a lesson of the Summarise register, linked to the
        complaint; undo deletes the lesson."""
        from qms_desktop.services import operate, registers

        added: list[Record] = []

        def work() -> Applied:
            record, changes = operate.lesson_from_complaint(
                self._ws, self._actor, complaint_id, ui_language()
            )
            added.append(record)
            return Applied(
                changes,
                lambda: (
                    registers.delete_record(self._ws, self._actor, "lesson", record.id)[1] | changes
                ),
                lambda: registers.restore_records(self._ws, self._actor, [record]) | changes,
            )

        return added[0] if self.run(label, work, on_error) else None

    # -- Operate: nonconformities and corrective actions (issue 11) ---------------------------

    def raise_nonconformity(
        self,
        label: str,
        source: str,
        source_id: int | None,
        values: dict[str, object],
        on_error: ErrorHandler | None = None,
    ) -> Record | None:
        """Raise a nonconformity from a checklist item or audit finding ("item"), a complaint,
        a management review ("review") or nothing ("other"); undo deletes it."""
        from qms_desktop.services import actions, registers

        added: list[Record] = []
        removed: list[Record] = []

        def work() -> Applied:
            if source == "item":
                record, changes = actions.raise_from_item(
                    self._ws, self._actor, int(source_id or 0), values, ui_language()
                )
            elif source == "complaint":
                record, changes = actions.raise_from_complaint(
                    self._ws, self._actor, int(source_id or 0), values
                )
            elif source == "review":
                record, changes = actions.raise_from_review(
                    self._ws, self._actor, int(source_id or 0), values
                )
            else:
                record, changes = actions.raise_nonconformity(self._ws, self._actor, values)
            added.append(record)

            def undo() -> ChangeSet:
                gone, undone = registers.delete_record(
                    self._ws, self._actor, "nonconformity", record.id
                )
                removed[:] = [gone]
                return undone | changes

            return Applied(
                changes,
                undo,
                lambda: registers.restore_records(self._ws, self._actor, removed) | changes,
            )

        return added[0] if self.run(label, work, on_error) else None

    def verify_nonconformity(
        self,
        label: str,
        nc_id: int,
        verified_by: int | None,
        verified_on: dt.date,
        evidence: str,
        effective: bool,
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """Record a verification of effectiveness (a "no" reopens the action); undo puts
        the fields back as they were."""
        from qms_desktop.services import actions, registers

        def put(values: dict[str, object]) -> Replay:
            return lambda: registers.update_record(
                self._ws, self._actor, "nonconformity", nc_id, **values
            )[1]

        def work() -> Applied:
            before, changes = actions.verify_nonconformity(
                self._ws, self._actor, nc_id, verified_by, verified_on, evidence, effective,
                ui_language(),
            )  # fmt: skip
            after = {
                k: v
                for r in registers.list_records(self._ws, "nonconformity")
                if r.id == nc_id
                for k, v in r.values.items()
                if k in before
            }
            return Applied(changes, put(before), put(after))

        return self.run(label, work, on_error)

    def lesson_from_nonconformity(
        self, label: str, nc_id: int, on_error: ErrorHandler | None = None
    ) -> Record | None:
        """Turn a nonconformity into a lesson of step 1, linked from it; undo withdraws it."""
        from qms_desktop.services import actions

        added: list[Record] = []

        def work() -> Applied:
            record, changes = actions.lesson_from_nonconformity(
                self._ws, self._actor, nc_id, ui_language()
            )
            added.append(record)
            return Applied(
                changes,
                lambda: actions.withdraw_lesson(self._ws, self._actor, nc_id),
                lambda: actions.put_back_lesson(self._ws, self._actor, nc_id, record),
            )

        return added[0] if self.run(label, work, on_error) else None

    def import_survey_responses(
        self, label: str, survey_id: int, path: Path, on_error: ErrorHandler | None = None
    ) -> int | None:
        """Survey responses from a file, all rows or none; one undo step."""
        from qms_desktop.services import operate

        done: list[operate.ResponseImport] = []

        def work() -> Applied:
            report, changes = operate.import_survey_responses(
                self._ws, self._actor, survey_id, path, lang=ui_language()
            )
            done[:] = [report]

            def redo() -> ChangeSet:
                again, undone = operate.import_survey_responses(
                    self._ws, self._actor, survey_id, path
                )
                done[:] = [again]
                return undone

            return Applied(
                changes, lambda: operate.undo_response_import(self._ws, self._actor, done[0]), redo
            )

        return len(done[0].ids) if self.run(label, work, on_error) else None

    # -- Operate: quality cost (issue 11) -----------------------------------------------------

    def set_currency(self, label: str, code: str, on_error: ErrorHandler | None = None) -> bool:
        """Choose the workspace's one currency (refused once amounts are held in another)."""
        from qms_desktop.services import quality_cost

        def put(value: str) -> Replay:
            return lambda: quality_cost.set_currency(self._ws, self._actor, value)[1]

        def work() -> Applied:
            before, changes = quality_cost.set_currency(self._ws, self._actor, code)
            return Applied(changes, put(before), put(code))

        return self.run(label, work, on_error)

    # -- document control (the Refine step) ------------------------------------------------
    # Generating, uploading, review, approval and issue are records of what happened to a
    # document: they are not undone (an approved revision can never change); a new revision
    # or a withdrawal is the way back. Control data and a draft's people are undoable.

    def set_document_control(
        self,
        label: str,
        planned_id: int,
        old: dict[str, str],
        new: dict[str, str],
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """A planned document's template, owner or distribution."""
        from qms_desktop.services import document_control as dc

        def put(values: dict[str, str]) -> Replay:
            return lambda: dc.set_control(self._ws, self._actor, planned_id, **values)[1]

        return self.run(label, lambda: Applied(put(new)(), put(old), put(new)), on_error)

    def set_revision_scheme(
        self, label: str, old: str, new: str, on_error: ErrorHandler | None = None
    ) -> bool:
        from qms_desktop.services import document_control as dc

        def put(scheme: str) -> Replay:
            return lambda: dc.set_revision_scheme(self._ws, self._actor, scheme)

        return self.run(label, lambda: Applied(put(new)(), put(old), put(new)), on_error)

    def update_revision(
        self,
        label: str,
        revision_id: int,
        old: dict[str, str],
        new: dict[str, str],
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """A draft's (or a revision in review's) author, reviewer, approver or change."""
        from qms_desktop.services import document_control as dc

        def put(values: dict[str, str]) -> Replay:
            return lambda: dc.update_revision(self._ws, self._actor, revision_id, **values)[1]

        return self.run(label, lambda: Applied(put(new)(), put(old), put(new)), on_error)

    def record_draft(
        self, label: str, rendered: Rendered, on_error: ErrorHandler | None = None
    ) -> bool:
        """Files rendered off the UI thread become the document's current draft."""
        from qms_desktop.services import document_control as dc

        return self.run(
            label, lambda: Applied(dc.record_draft(self._ws, self._actor, rendered)[1]), on_error
        )

    def upload_draft(
        self,
        label: str,
        planned_id: int,
        path: Path,
        lang: str,
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """A file written elsewhere becomes the document's current draft."""
        from qms_desktop.services import document_control as dc

        return self.run(
            label,
            lambda: Applied(dc.upload_draft(self._ws, self._actor, planned_id, path, lang=lang)[1]),
            on_error,
        )

    def move_revision(
        self,
        label: str,
        revision_id: int,
        status: RevisionStatus,
        reviewer: str | None = None,
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """Send for review, return to draft, issue or withdraw."""
        from qms_desktop.services import document_control as dc

        return self.run(
            label,
            lambda: Applied(
                dc.move_revision(self._ws, self._actor, revision_id, status, reviewer=reviewer)[1]
            ),
            on_error,
        )

    def approve_revision(
        self, label: str, rendered: Rendered, on_error: ErrorHandler | None = None
    ) -> bool:
        """Approve with the files rendered off the UI thread: they are frozen."""
        from qms_desktop.services import document_control as dc

        return self.run(
            label,
            lambda: Applied(dc.approve_revision(self._ws, self._actor, rendered)[1]),
            on_error,
        )

    def delete_draft(
        self, label: str, revision_id: int, on_error: ErrorHandler | None = None
    ) -> bool:
        from qms_desktop.services import document_control as dc

        return self.run(
            label, lambda: Applied(dc.delete_draft(self._ws, self._actor, revision_id)), on_error
        )

    # -- Operate: the internal audit programme (issue 11) --------------------------------------

    def start_audit(self, label: str, audit_id: int, on_error: ErrorHandler | None = None) -> bool:
        """Start an audit: its checklist of the requirements in scope is made and linked, the
        audit put in progress (one transaction); undo takes the checklist away again."""
        from qms_desktop.services import audits

        snapshots: list[object] = []

        def work() -> Applied:
            done, changes = audits.start_audit(self._ws, self._actor, audit_id)

            def undo() -> ChangeSet:
                snapshot, undone = audits.undo_start(self._ws, self._actor, done)
                snapshots[:] = [snapshot]
                return undone

            return Applied(
                changes,
                undo,
                lambda: audits.redo_start(self._ws, self._actor, done, snapshots[0]),
            )

        return self.run(label, work, on_error)

    def complete_audit(
        self,
        label: str,
        audit_id: int,
        held_on: dt.date,
        summary: str | None = None,
        on_error: ErrorHandler | None = None,
    ) -> bool:
        """Complete a started audit on the day it was held; undo puts it back in progress."""
        from qms_desktop.services import audits

        def work() -> Applied:
            before, changes = audits.complete_audit(
                self._ws, self._actor, audit_id, held_on, summary
            )
            return Applied(
                changes,
                lambda: audits.reopen_audit(self._ws, self._actor, audit_id, before),
                lambda: audits.redo_complete(self._ws, self._actor, audit_id, held_on, summary),
            )

        return self.run(label, work, on_error)
