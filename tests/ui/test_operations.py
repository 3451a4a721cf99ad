"""The one edit path: every change is one service call, one transaction, one undo step recorded
only after it succeeded, one change notification; refusals leave the undo stack as it was."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import event

from qms_desktop.domain.assessment import Status
from qms_desktop.services import checklist as cl
from qms_desktop.services import registers as reg
from qms_desktop.ui.main_window import MainWindow
from tests.checklist_data import add_test_library

ROOT = Path(__file__).resolve().parents[2]


def undo_state(window: MainWindow) -> tuple[int, int, str]:
    stack = window.controller.undo_stack
    return stack.count(), stack.index(), stack.undoText()


class Commits:
    """Counts the write transactions committed on the workspace's engine."""

    def __init__(self, engine) -> None:  # noqa: ANN001
        self.count = 0
        self._engine = engine
        event.listen(engine, "commit", self._on_commit)

    def _on_commit(self, _conn) -> None:  # noqa: ANN001
        self.count += 1

    def close(self) -> None:
        event.remove(self._engine, "commit", self._on_commit)


@pytest.fixture
def opened(window: MainWindow, workspace_file: Path) -> MainWindow:
    assert window.open_path(workspace_file)
    add_test_library(window.controller.ws())
    return window


@pytest.fixture
def demo(window: MainWindow, demo_file: Path) -> MainWindow:
    assert window.open_path(demo_file)
    return window


def changes_seen(window: MainWindow) -> list:
    seen: list = []
    window.controller.changed.connect(seen.append)
    return seen


# -- refusals leave the undo stack untouched -------------------------------------------------


def test_a_refused_status_change_leaves_no_undo_step(qtbot, demo: MainWindow):
    demo.go_to("compare")
    page = demo.compare_page.checklist
    page.table.selectRow(0)
    before = undo_state(demo)
    seen = changes_seen(demo)
    qtbot.keyClick(page.table, Qt.Key.Key_4)  # not applicable needs a justification first
    assert undo_state(demo) == before
    assert seen == []
    assert "justification" in page.detail_error.text()
    assert "Python" not in page.detail_error.text()


def test_a_refused_register_add_and_edit_leave_no_undo_step(qtbot, opened: MainWindow):
    ops = opened.controller.ops
    before = undo_state(opened)
    failures: list = []
    ops.failed.connect(failures.append)
    assert ops.add_record("Add", "lesson", {"source": "nowhere"}) is None
    assert undo_state(opened) == before
    assert failures and failures[0].code == "core.not_a_choice"
    record = ops.add_record("Add", "person", {"name": "Ann", "role": "Chef", "department": ""})
    assert record is not None
    after_add = undo_state(opened)
    assert not ops.edit_record("Edit", "person", record.id, {"name": "Ann"}, {"name": "  "})
    assert undo_state(opened) == after_add
    assert reg.list_records(opened.controller.ws(), "person")[0].values["name"] == "Ann"


def test_refused_edit_in_the_register_form_shows_next_to_the_field(qtbot, opened: MainWindow):
    opened.go_to("study")
    page = opened.pages.currentWidget()
    people = page.findChild(object, "register_person")
    people.add_blank()
    before = undo_state(opened)
    editor = people.editors["name"]
    editor.setText("")
    editor.editingFinished.emit()
    assert undo_state(opened) == before
    assert people.errors["name"].text() == "This field is required."


def test_a_chinese_user_reads_the_refusal_in_chinese(qtbot, demo: MainWindow):
    demo.set_language("zh_CN")
    demo.go_to("compare")
    page = demo.compare_page.checklist
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_4)
    text = page.detail_error.text()
    assert "不适用" in text and "justification" not in text


def test_an_error_without_a_field_goes_to_the_status_bar_in_the_users_language(
    qtbot, opened: MainWindow
):
    opened.set_language("zh_CN")
    assert not opened.controller.ops.remove_evidence("Remove", 987654)
    assert "证据文件" in opened.statusBar().currentMessage()
    box = opened.findChild(object, "error_box")
    assert box is not None and "证据文件" in box.text()
    box.close()


# -- many rows: one transaction, one undo step -----------------------------------------------


def test_a_status_key_on_57_rows_is_one_transaction_and_one_undo_step(qtbot, demo: MainWindow):
    demo.go_to("compare")
    page = demo.compare_page.checklist
    sel = page.table.selectionModel()
    assert page.proxy.rowCount() >= 57
    rows = list(range(57))
    item_ids = [
        page.model.rows()[page.proxy.mapToSource(page.proxy.index(r, 0)).row()].item_id
        for r in rows
    ]
    sel.clearSelection()
    for r in rows:
        sel.select(
            page.proxy.index(r, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    sel.setCurrentIndex(page.proxy.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    assert len(sel.selectedRows()) == 57
    before_status = {r.item_id: r.item.status for r in page.model.rows()}
    steps = demo.controller.undo_stack.count()
    commits = Commits(demo.controller.ws().engine)
    seen = changes_seen(demo)
    try:
        qtbot.keyClick(page.table, Qt.Key.Key_3)
    finally:
        commits.close()
    assert commits.count == 1
    changed = {i for i in item_ids if before_status[i] is not Status.NONCONFORMING}
    assert changed and len(seen) == 1 and set(seen[0].items) == changed
    assert demo.controller.undo_stack.count() == steps + 1
    stored = {r.item_id: r.item.status for r in demo.controller.checklist(page._assessment_id)}  # noqa: SLF001
    assert all(stored[i] is Status.NONCONFORMING for i in item_ids)
    shown = {r.item_id: r.item.status for r in page.model.rows()}
    assert all(shown[i] is Status.NONCONFORMING for i in item_ids)
    demo.controller.undo_stack.undo()
    stored = {r.item_id: r.item.status for r in demo.controller.checklist(page._assessment_id)}  # noqa: SLF001
    assert all(stored[i] is before_status[i] for i in item_ids)
    demo.controller.undo_stack.redo()
    stored = {r.item_id: r.item.status for r in demo.controller.checklist(page._assessment_id)}  # noqa: SLF001
    assert all(stored[i] is Status.NONCONFORMING for i in item_ids)


# -- undo and redo of every kind of edit -------------------------------------------------------


def test_new_rename_and_delete_assessment_undo_and_redo(qtbot, opened: MainWindow):
    c = opened.controller
    info = c.ops.create_assessment("New", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    assert info is not None
    item_id = c.checklist(info.id)[0].item_id
    assert c.ops.assess(
        "Assess", [(item_id, {"status": "conforming", "current_practice": "Done daily"})]
    )
    assert c.ops.update_assessment("Rename", info.id, {"name": "Baseline"}, {"name": "First look"})
    assert [a.name for a in c.assessments()] == ["First look"]
    assert c.ops.delete_assessment("Delete", info.id)
    assert c.assessments() == []
    c.undo_stack.undo()  # the delete
    assert [a.name for a in c.assessments()] == ["First look"]
    assert cl.get_item(c.ws(), item_id).current_practice == "Done daily"
    c.undo_stack.undo()  # the rename
    assert [a.name for a in c.assessments()] == ["Baseline"]
    c.undo_stack.undo()  # the finding
    c.undo_stack.undo()  # the creation
    assert c.assessments() == []
    for _ in range(4):
        c.undo_stack.redo()
    assert c.assessments() == []  # redo ends with the delete again
    c.undo_stack.undo()
    assert [a.name for a in c.assessments()] == ["First look"]
    entities = {e.entity for e in cl_history(c)}
    assert {"assessment", "assessment_item"} <= entities


def cl_history(c) -> list:  # noqa: ANN001
    from qms_desktop.storage.audit import all_entries

    with c.ws().reading() as s:
        return all_entries(s)


def test_evidence_attach_and_remove_undo_and_redo(qtbot, opened: MainWindow, tmp_path: Path):
    c = opened.controller
    info = c.ops.create_assessment("New", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    item_id = c.checklist(info.id)[0].item_id
    doc = tmp_path / "procedure.pdf"
    doc.write_bytes(b"%PDF-1.4 evidence")
    assert c.ops.attach_evidence("Attach", item_id, doc)
    [ev] = cl.evidence_files(c.ws(), item_id)
    c.undo_stack.undo()
    assert cl.evidence_files(c.ws(), item_id) == []
    c.undo_stack.redo()
    assert [e.id for e in cl.evidence_files(c.ws(), item_id)] == [ev.id]
    assert c.ops.remove_evidence("Remove", ev.id)
    assert cl.evidence_files(c.ws(), item_id) == []
    c.undo_stack.undo()
    assert cl.evidence_data(c.ws(), ev.id) == b"%PDF-1.4 evidence"
    actions = [(e.entity, e.action) for e in cl_history(c) if e.entity == "evidence_file"]
    assert actions == [
        ("evidence_file", a) for a in ("create", "delete", "create", "delete", "create")
    ]


def test_import_undo_and_redo(qtbot, opened: MainWindow, tmp_path: Path):
    from qms_desktop.services.exchange import export_checklist

    c = opened.controller
    info = c.ops.create_assessment("New", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    out = tmp_path / "checklist.csv"
    export_checklist(c.ws(), out, assessment_id=info.id)
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    status_col = next(i for i, h in enumerate(table[0]) if h.strip().lower() in ("status", "状态"))
    table[1][status_col] = "conforming"
    with out.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(table)
    before = undo_state(opened)
    report = c.ops.import_checklist("Import", out, info.id)
    assert report is not None and len(report.changes) == 1
    assert c.undo_stack.count() == before[0] + 1
    changed = report.changes[0].item_id
    assert cl.get_item(c.ws(), changed).status is Status.CONFORMING
    c.undo_stack.undo()
    assert cl.get_item(c.ws(), changed).status is Status.NOT_ASSESSED
    c.undo_stack.redo()
    assert cl.get_item(c.ws(), changed).status is Status.CONFORMING


def test_library_add_undo_and_redo(qtbot, opened: MainWindow, tmp_path: Path):
    c = opened.controller
    lib = tmp_path / "mine.yaml"
    lib.write_text(
        textwrap.dedent("""\
        format: qms-desktop-library/1
        id: my-rules
        name: {en: My rules}
        version: "1"
        sections:
          - ref: "1"
            title: {en: One}
            requirements:
              - ref: "1.1"
                title: {en: First}
        """),
        encoding="utf-8",
    )
    library = c.ops.add_library_file("Add", lib)
    assert library is not None, opened.statusBar().currentMessage()
    held = lambda: {i.id for i in cl.workspace_libraries(c.ws())}  # noqa: E731
    assert "my-rules" in held()
    c.undo_stack.undo()
    assert "my-rules" not in held()
    c.undo_stack.redo()
    assert "my-rules" in held()
    assert any(e.entity == "library" and e.entity_id == "my-rules" for e in cl_history(c))
    # the same file again changes nothing and adds no undo step
    steps = c.undo_stack.count()
    assert c.ops.add_library_file("Add", lib) is not None
    assert c.undo_stack.count() == steps
    # another edition under the same id is refused, the first kept (never replaced silently)
    lib.write_text(lib.read_text(encoding="utf-8").replace('version: "1"', 'version: "2"'))
    failures: list = []
    c.ops.failed.connect(failures.append)
    assert c.ops.add_library_file("Add", lib) is None
    assert failures and failures[0].code == "libraries.already_held"
    assert [lc.version for lc in cl.workspace_libraries(c.ws()) if lc.id == "my-rules"] == ["1"]


def test_an_undo_that_can_no_longer_be_done_is_dropped_not_faked(qtbot, opened: MainWindow):
    c = opened.controller
    record = c.ops.add_record("Add", "person", {"name": "Ann", "role": "Chef", "department": ""})
    assert record is not None
    reg.delete_record(
        c.ws(), "someone else", "person", record.id
    )  # changed behind the stack's back
    failures: list = []
    c.ops.failed.connect(failures.append)
    count = c.undo_stack.count()
    c.undo_stack.undo()
    assert failures and failures[0].code == "core.record_gone"
    assert c.undo_stack.count() == count - 1


def test_read_only_workspace_refuses_edits_without_an_undo_step(qtbot, opened: MainWindow):
    c = opened.controller
    c.ws().read_only = True
    failures: list = []
    c.ops.failed.connect(failures.append)
    assert (
        c.ops.add_record("Add", "person", {"name": "Ann", "role": "Chef", "department": ""}) is None
    )
    assert c.undo_stack.count() == 0 and failures[0].code == "core.read_only_plain"
    c.ws().read_only = False


# -- the rule: no page writes any other way ------------------------------------------------


LIFECYCLE = {"create_workspace", "write_demo"}


def writing_services() -> set[str]:
    """Service functions that open a write transaction, directly or through another."""
    calls: dict[str, set[str]] = {}
    writers: set[str] = set()
    for path in (ROOT / "qms_desktop" / "services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                names = {
                    n.attr if isinstance(n, ast.Attribute) else n.id
                    for n in ast.walk(node)
                    if isinstance(n, ast.Attribute | ast.Name)
                }
                calls[node.name] = names
                if "editing" in names:
                    writers.add(node.name)
    # Making a new workspace file is the life cycle, not an edit of the open workspace.
    writers -= LIFECYCLE
    changed = True
    while changed:
        changed = False
        for name, names in calls.items():
            if name not in writers and name not in LIFECYCLE and names & writers:
                writers.add(name)
                changed = True
    return writers


def violations(source: str, writers: set[str]) -> list[str]:
    """Calls of a writing service, or emits of `changed`, in one UI module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr = node.func.attr
            owner = node.func.value
            own_method = isinstance(owner, ast.Name) and owner.id == "self"
            through_ops = isinstance(owner, ast.Attribute) and owner.attr == "ops"
            if attr in writers and not own_method and not through_ops:
                found.append(f"line {node.lineno}: {attr}()")
            if attr == "emit" and isinstance(owner, ast.Attribute) and owner.attr == "changed":
                found.append(f"line {node.lineno}: changed.emit()")
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("qms_desktop.services")
        ):
            for alias in node.names:
                if alias.name in writers:
                    found.append(f"line {node.lineno}: imports {alias.name}")
    return found


def test_writing_services_are_found():
    writers = writing_services()
    assert {
        "assess_requirement",
        "apply_assessments",
        "add_record",
        "update_profile",
        "import_checklist",
        "attach_evidence",
        "replace_library",
        "create_assessment",
        "delete_assessment",
    } <= writers
    assert "checklist_rows" not in writers and "list_records" not in writers


def test_no_ui_module_but_operations_writes():
    writers = writing_services()
    bad = {}
    for path in sorted((ROOT / "qms_desktop" / "ui").rglob("*.py")):
        if path.name == "operations.py":
            continue
        found = violations(path.read_text(encoding="utf-8"), writers)
        if found:
            bad[str(path.relative_to(ROOT))] = found
    assert bad == {}


def test_the_rule_catches_a_page_that_writes_on_its_own():
    writers = writing_services()
    page = textwrap.dedent("""\
        from qms_desktop.services.registers import add_record
        class Page:
            def save(self):
                register_service.update_record(self.c.ws(), "me", "lesson", 1, lesson="x")
                self.c.changed.emit(ChangeSet())
                self.c.ops.edit_record("Edit", "lesson", 1, {}, {})
        """)
    found = violations(page, writers)
    assert sorted(found) == [
        "line 1: imports add_record",
        "line 4: update_record()",
        "line 5: changed.emit()",
    ]
