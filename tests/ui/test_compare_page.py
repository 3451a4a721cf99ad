"""The Compare page driven as a user would: filter, keyboard status entry, detail edits,
undo, evidence by drag and drop."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from qms_desktop.domain.assessment import Status
from qms_desktop.services import checklist as cl
from qms_desktop.ui.main_window import MainWindow
from tests.checklist_data import add_test_library


@pytest.fixture
def page(window: MainWindow, workspace_file: Path):
    assert window.open_path(workspace_file)
    add_test_library(window.controller.ws())
    assert window.create_assessment(
        "Baseline", dt.date(2026, 10, 1), ["test-iso"], dt.date(2027, 1, 15), None
    )
    window.go_to("compare")
    panel = window.compare_page.checklist
    assert panel.model.rowCount() == 6
    return panel


def stored(window: MainWindow) -> dict[str, cl.ChecklistRow]:
    info = window.controller.assessments()[0]
    return {r.ref: r for r in cl.checklist_rows(window.controller.ws(), info.id)}


def select_refs(panel, *refs: str) -> None:
    sel = panel.table.selectionModel()
    sel.clearSelection()
    first = True
    for row in range(panel.proxy.rowCount()):
        index = panel.proxy.index(row, 0)
        if index.data() in refs:
            flags = (
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            if first:
                sel.setCurrentIndex(index, flags)
                first = False
            else:
                sel.select(index, flags)


def visible_refs(panel) -> list[str]:
    return [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]


def test_keyboard_status_entry_and_undo(qtbot, window: MainWindow, page):
    select_refs(page, "4.2")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    assert stored(window)["4.2"].item.status is Status.NONCONFORMING
    assert page.model.rows()[1].item.status is Status.NONCONFORMING
    assert "Conformity 0%" in page.summary.text()
    window.controller.undo_stack.undo()
    assert stored(window)["4.2"].item.status is Status.NOT_ASSESSED
    assert page.model.rows()[1].item.status is Status.NOT_ASSESSED


def test_several_rows_at_once_is_one_undo_step(qtbot, window: MainWindow, page):
    steps_before = window.controller.undo_stack.count()
    select_refs(page, "4.1", "4.2", "8.5.1")
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    assert [stored(window)[r].item.status for r in ("4.1", "4.2", "8.5.1")] == [
        Status.CONFORMING
    ] * 3
    assert window.controller.undo_stack.count() == steps_before + 1
    window.controller.undo_stack.undo()
    assert all(r.item.status is Status.NOT_ASSESSED for r in stored(window).values())
    bars = dict((label, conf) for label, conf, _p in page.chart.bars())
    assert bars["4"] is None


def test_not_applicable_needs_a_justification(qtbot, window: MainWindow, page):
    select_refs(page, "4.3")
    qtbot.keyClick(page.table, Qt.Key.Key_4)
    assert stored(window)["4.3"].item.status is Status.NOT_ASSESSED
    assert "justification" in page.detail_error.text()
    page.detail.f_na.setFocus()
    qtbot.keyClicks(page.detail.f_na, "One site only")
    qtbot.keyClick(page.detail.f_na, Qt.Key.Key_Return)
    qtbot.keyClick(page.table, Qt.Key.Key_4)
    assert stored(window)["4.3"].item.status is Status.NOT_APPLICABLE


def test_detail_panel_edits_are_stored(qtbot, window: MainWindow, page):
    select_refs(page, "8.5.1")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.detail.f_practice
    qtbot.keyClicks(page.detail.f_practice, "Room inspection every morning")
    page.detail.f_owner.setFocus()  # leaving the field stores it
    assert stored(window)["8.5.1"].item.current_practice == "Room inspection every morning"
    qtbot.keyClicks(page.detail.f_owner, "Zhang Min")
    qtbot.keyClick(page.detail.f_owner, Qt.Key.Key_Return)
    page.detail.f_due.setFocus()
    qtbot.keyClicks(page.detail.f_due, "tomorrow")
    qtbot.keyClick(page.detail.f_due, Qt.Key.Key_Return)
    assert "YYYY-MM-DD" in page.detail_error.text()
    page.detail.f_due.setText("2026-12-31")
    page.detail.f_due.editingFinished.emit()
    item = stored(window)["8.5.1"].item
    assert item.action.owner == "Zhang Min" and item.action.due == dt.date(2026, 12, 31)
    # owner filter offers the owner now
    assert page.owner_filter.findData("Zhang Min") > 0


def test_filters(qtbot, window: MainWindow, page):
    qtbot.keyClicks(page.search, "room inspection")
    assert visible_refs(page) == ["8.5.1"]
    page.search.clear()
    page.search.setText("投诉")  # typed through an input method; Chinese guidance is searched too
    assert visible_refs(page) == ["10.2"]
    page.search.clear()
    select_refs(page, "4.1")
    qtbot.keyClick(page.table, Qt.Key.Key_2)
    page.status_filter.setCurrentIndex(page.status_filter.findData("open"))
    assert visible_refs(page) == ["4.1"]
    page.status_filter.setCurrentIndex(0)
    section = page.tree_model.item(0).child(1)  # 8 Operation
    page.tree.setCurrentIndex(section.index())
    assert visible_refs(page) == ["8.5.1", "8.5.2"]


def test_rows_in_library_order_and_sorting_by_reference_is_numeric(page):
    assert visible_refs(page) == ["4.1", "4.2", "4.3", "8.5.1", "8.5.2", "10.2"]
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert visible_refs(page) == ["10.2", "8.5.2", "8.5.1", "4.3", "4.2", "4.1"]


def test_files_dropped_on_a_row_become_evidence(qtbot, window: MainWindow, page, tmp_path: Path):
    f = tmp_path / "inspection-log.xlsx"
    f.write_bytes(b"PK\x03\x04 fake workbook")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    rect = page.table.visualRect(page.proxy.index(3, 1))
    event = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.table.dropEvent(event)
    ref = page.proxy.index(3, 0).data()
    assert stored(window)[ref].evidence_files == ("inspection-log.xlsx",)
    assert page.proxy.index(3, 7).data() == "1"


def test_checklist_model_passes_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    page.search.setText("organization")  # the filtered proxy is a valid model too
    shown = [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]
    assert 0 < len(shown) < page.model.rowCount()
    assert all("organization" in title.lower() for title in shown)
    qtmodeltester.check(page.proxy)


def test_chinese_titles(qtbot, window: MainWindow, page):
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.model.index(0, 1).data() == "理解组织及其环境")
    assert page.tree_model.item(0).text() == "测试标准"
    window.set_language("en")


def test_dashboard_shows_conformity_by_clause(qtbot, window: MainWindow, page):
    select_refs(page, "4.1", "4.2")
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    select_refs(page, "8.5.1")
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    window.go_to("dashboard")
    bars = {label: conf for label, conf, _p in window.dashboard.gap_chart.bars()}
    assert bars["4"] == 1.0 and bars["8"] == 0.0 and bars["10"] is None
    assert "conformity 67%" in window.dashboard._gap_summary.text()
    assert "1 open actions" not in window.dashboard._gap_summary.text()
    assert "Next audit 2027-01-15" in window.dashboard._gap_summary.text()


def test_export_the_filtered_rows_and_import_them_back(
    qtbot, window: MainWindow, page, tmp_path: Path
):
    from PySide6.QtWidgets import QMessageBox

    select_refs(page, "8.5.1")
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    page.status_filter.setCurrentIndex(page.status_filter.findData("open"))
    out = tmp_path / "open-findings.csv"
    assert page.export_to(out) == 1
    text = out.read_text(encoding="utf-8-sig")
    assert "8.5.1" in text and "4.1" not in text
    out.write_text(text.replace("Nonconforming", "Partially conforming"), encoding="utf-8")
    assert page.import_from(out)
    assert stored(window)["8.5.1"].item.status is Status.PARTIAL
    assert page.model.rows()[3].item.status is Status.PARTIAL
    bad = tmp_path / "bad.csv"
    bad.write_text("Library,Ref,Status\ntest-iso,4.1,maybe\n", encoding="utf-8")
    assert not page.import_from(bad)
    box = window.findChild(QMessageBox, "error_box")
    assert "row 2" in box.text()


def test_new_assessment_from_a_builtin_library_and_a_users_library(
    qtbot, window: MainWindow, workspace_file: Path, tmp_path: Path
):
    from qms_desktop.ui.dialogs import NewAssessmentDialog

    assert window.open_path(workspace_file)
    dialog = NewAssessmentDialog(window.controller, "en", window)
    qtbot.addWidget(dialog)
    ids = [
        dialog.libraries.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(dialog.libraries.count())
    ]
    assert "iso9001-2015" in ids  # built-ins are offered before they are in the workspace
    dialog.buttons.accepted.emit()
    name, held_on, libs, audit, copy_from = dialog.values
    assert window.create_assessment(name, held_on, libs, audit, copy_from)
    window.go_to("compare")
    panel = window.compare_page.checklist
    assert panel.model.rowCount() == 57
    assert panel.tree_model.item(0).text().startswith("ISO 9001")
    user_lib = tmp_path / "mine.yaml"
    user_lib.write_text(
        "id: house-rules\nname: House rules\nsections:\n  - ref: H\n    title: House\n"
        "    requirements:\n      - {ref: H.1, title: Quiet hours respected}\n",
        encoding="utf-8",
    )
    assert window.add_library_file(user_lib)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nname: X\nsections: 5\n")
    assert not window.add_library_file(broken)


def test_compare_with_the_earlier_assessment(qtbot, window: MainWindow, demo_file: Path):
    assert window.open_path(demo_file)
    window.go_to("compare")
    panel = window.compare_page.checklist
    assert panel.compare_button.isEnabled()
    dialog = panel.show_comparison()
    qtbot.addWidget(dialog)
    improved = [dialog.improved.item(i).text() for i in range(dialog.improved.count())]
    regressed = [dialog.regressed.item(i).text() for i in range(dialog.regressed.count())]
    assert any(t.startswith("4.3:") and t.endswith("Conforming") for t in improved)
    assert regressed == ["4.1:  Conforming → Partially conforming"]
    assert "1 regressed" in dialog.summary.text()
    dialog.close()


def test_rename_and_delete_the_assessment_from_the_page(qtbot, window: MainWindow, page):
    assert page.rename_assessment("First look")
    assert page.assessment.currentText().startswith("First look")
    assert not page.rename_assessment("   ")  # refused: the name is required
    assert "name" in window.statusBar().currentMessage()
    assert window.controller.assessments()[0].name == "First look"
    assert page.delete_assessment()
    assert window.controller.assessments() == []
    assert page.empty.isVisible() and not page.rename_button.isEnabled()
    window.controller.undo_stack.undo()
    assert [a.name for a in window.controller.assessments()] == ["First look"]
    assert page.model.rowCount() == 6
    window.controller.undo_stack.undo()
    assert page.assessment.currentText().startswith("Baseline")


def test_evidence_is_listed_saved_as_a_copy_and_removed(
    qtbot, window: MainWindow, page, tmp_path: Path
):
    select_refs(page, "8.5.1")
    f = tmp_path / "inspection-log.csv"
    f.write_bytes(b"room,ok\n101,yes\n")
    page.evidence.filesDropped.emit([f])  # dropped on the evidence list: the requirement shown
    assert stored(window)["8.5.1"].evidence_files == ("inspection-log.csv",)
    assert page.evidence.count() == 1 and page.evidence.item(0).text().startswith(
        "inspection-log.csv"
    )
    page.evidence.setCurrentRow(0)
    evidence_id = page.evidence.item(0).data(Qt.ItemDataRole.UserRole)
    copy = tmp_path / "copy.csv"
    assert page.save_evidence_copy(evidence_id, copy)
    assert copy.read_bytes() == f.read_bytes()
    assert "copy.csv" in window.statusBar().currentMessage()
    assert not page.save_evidence_copy(evidence_id, tmp_path / "no such folder" / "copy.csv")
    assert "Cannot use the file" in page.detail_error.text()
    qtbot.mouseClick(page.detail.evidence_box.remove_button, Qt.MouseButton.LeftButton)
    assert stored(window)["8.5.1"].evidence_files == ()
    assert page.evidence.count() == 0
    assert window.controller.undo_stack.undoText() == "Remove inspection-log.csv"
    window.controller.undo_stack.undo()
    assert stored(window)["8.5.1"].evidence_files == ("inspection-log.csv",)
    assert page.evidence.count() == 1


def test_read_only_shows_everything_and_changes_nothing(qtbot, window: MainWindow, demo_file: Path):
    assert window.open_path(demo_file, read_only=True)
    window.go_to("compare")
    panel = window.compare_page.checklist
    assert panel.model.rowCount() == 57 and panel.current_row() is not None
    assert not panel.rename_button.isEnabled() and not panel.delete_button.isEnabled()
    assert not panel.exchange.import_button.isEnabled() and panel.exchange.export_button.isEnabled()
    assert (
        not panel.detail.f_status.isEnabled()
        and not panel.detail.evidence_box.add_button.isEnabled()
    )
    assert panel.detail.evidence_box.save_button.isEnabled()  # a copy can still be saved
    before = [r.item.status for r in panel.model.rows()]
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_3)
    assert [r.item.status for r in panel.model.rows()] == before
    assert window.controller.undo_stack.count() == 0


def test_the_summary_kept_up_to_date_equals_a_full_recount(qtbot, window: MainWindow, page):
    from qms_desktop.domain.assessment import score, score_by_clause

    select_refs(page, "4.1", "4.2", "8.5.1")
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    select_refs(page, "4.2")
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    window.controller.undo_stack.undo()
    overall, by_clause = page.model.scores()
    items = [r.item for r in page.model.rows()]
    assert overall == score(items) and by_clause == score_by_clause(items)


# -- 10 000 rows: loaded once, changed in place, filtered from an index ---------------------


def test_rows_are_read_once_and_changed_in_place(
    qtbot, window: MainWindow, page, monkeypatch: pytest.MonkeyPatch
):
    """A revisit reads no rows; an edit updates its row from the change notification; only
    a change of assessments or libraries, or another workspace, reads them all again."""
    reads: list[int] = []
    original = window.controller.checklist
    monkeypatch.setattr(window.controller, "checklist", lambda i: reads.append(i) or original(i))
    window.go_to("dashboard")
    window.go_to("compare")
    assert reads == []
    select_refs(page, "4.2")
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    assert reads == []
    assert page.model.rows()[1].item.status is Status.CONFORMING
    window.controller.undo_stack.undo()
    assert page.model.rows()[1].item.status is Status.NOT_ASSESSED
    assert reads == []
    path = window.controller.ws().path
    window.controller.close()
    assert window.open_path(path)
    window.go_to("compare")
    assert len(reads) == 1


def test_the_tree_holds_the_sections_only(page):
    top = page.tree_model.item(0)
    shown = []

    def walk(item, depth=0):
        for r in range(item.rowCount()):
            child = item.child(r)
            shown.append(child.text())
            walk(child, depth + 1)

    walk(top)
    assert shown == ["4 Context of the organization", "8 Operation",
                     "8.5 Production and service provision", "10 Improvement"]  # fmt: skip


def test_the_filter_index_agrees_with_each_row_judged_alone(qtbot, window: MainWindow, page):
    """Every combination of the filters shows the rows the per-row rule accepts, and a row
    whose finding changes under an active filter appears or goes at once."""
    from qms_desktop.domain.assessment import Priority

    select_refs(page, "4.1", "8.5.1")
    qtbot.keyClick(page.table, Qt.Key.Key_3)
    proxy, model = page.proxy, page.model
    cases = [
        ("", None, None, None),
        ("scope", None, None, None),
        ("", {Status.NONCONFORMING}, None, None),
        ("", None, None, ("test-iso", "8")),
        ("", {Status.NOT_ASSESSED}, None, ("test-iso", "4")),
        ("记录", None, None, None),
        ("", None, Priority.HIGH, None),
    ]
    for text, statuses, priority, section in cases:
        proxy.set_text(text)
        proxy.set_statuses(statuses)
        proxy.set_priority(priority)
        proxy.set_section(*(section or (None, None)))
        expected = [
            model.rows()[r].ref for r in range(model.rowCount()) if proxy._row_passes(model, r)
        ]
        assert visible_refs(page) == expected, (text, statuses, priority, section)
    proxy.set_priority(None)
    proxy.set_section(None, None)
    proxy.set_text("")
    proxy.set_statuses({Status.NONCONFORMING})
    assert visible_refs(page) == ["4.1", "8.5.1"]
    select_refs(page, "4.1")
    qtbot.keyClick(page.table, Qt.Key.Key_1)
    assert visible_refs(page) == ["8.5.1"]
    window.controller.undo_stack.undo()
    assert visible_refs(page) == ["4.1", "8.5.1"]


def test_a_controls_statement_is_shown_apart_from_its_guidance_as_text(
    qtbot, window: MainWindow, workspace_file: Path, tmp_path: Path
):
    from tests.libraries.test_oscal import XML

    assert window.open_path(workspace_file)
    catalog = tmp_path / "catalog.xml"
    catalog.write_text(XML, encoding="utf-8")
    assert window.add_library_file(catalog)
    library = next(
        lib.id for lib in cl.workspace_libraries(window.controller.ws()) if "oscal" in lib.id
    )
    assert window.create_assessment("Controls", dt.date(2026, 11, 1), [library], None, None)
    window.go_to("compare")
    panel = window.compare_page.checklist
    select_refs(panel, "AC-2")
    detail = panel.detail
    assert detail.statement.isVisible()
    assert detail.statement.text().startswith("a. Define and document")
    assert detail.statement.text() not in detail.guidance.text()
    assert detail.statement.textFormat() == Qt.TextFormat.PlainText
    assert detail.guidance.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_at_1280x720_titles_read_and_the_detail_fits(
    qtbot, window: MainWindow, demo_file: Path, lang: str
):
    """A newcomer's screen: requirement titles wide enough to tell 8.3.2 from 8.3.4, the
    detail panel without a sideways scroll bar (labels go above their fields), and a refused
    status (4 without a justification) shows its message in view — with the History open too."""
    from qms_desktop.ui.models.checklist import COL_TITLE
    from qms_desktop.ui.steps.compare.table import TITLE_MIN

    window.languages.apply(lang)
    window.resize(1280, 720)
    assert window.open_path(demo_file)
    window.go_to("compare")
    panel = window.compare_page.checklist
    qtbot.waitUntil(lambda: panel.table.isVisible() and panel.model.rowCount() > 0)
    for history_open in (False, True):
        if history_open:
            window.history_dock.show()
            qtbot.waitUntil(lambda: window.history_dock.isVisible())
        qtbot.wait(10)
        assert panel.table.columnWidth(COL_TITLE) >= TITLE_MIN
        detail = panel.detail
        assert detail.title.wordWrap()
        assert not detail.horizontalScrollBar().isVisible()
        assert detail.widget().width() <= detail.viewport().width()
    select_refs(panel, "4.3")
    qtbot.keyClick(panel.table, Qt.Key.Key_4)
    assert ("justification" if lang == "en" else "理由") in panel.detail_error.text()
    qtbot.waitUntil(lambda: not panel.detail_error.visibleRegion().isEmpty())


def test_the_detail_says_who_verified_the_action_and_what_was_found(
    qtbot, window: MainWindow, demo_file: Path
):
    assert window.open_path(demo_file)
    window.go_to("compare")
    panel = window.compare_page.checklist
    baseline = window.controller.assessments()[0]
    panel.show_assessment(baseline.id)
    rows = {r.ref: r for r in cl.checklist_rows(window.controller.ws(), baseline.id)}
    verified = cl.action_verifications(window.controller.ws(), baseline.id)
    ref = next(r.ref for r in rows.values() if r.item_id in verified)
    v = verified[rows[ref].item_id]
    assert v.effective and v.by
    select_refs(panel, ref)
    label = panel.detail.f_verified
    assert label.text() == f"Verified effective by {v.by} on {v.on.isoformat()}."
    unverified = next(
        r.ref for r in rows.values() if r.item.action.text.strip() and r.item_id not in verified
    )
    select_refs(panel, unverified)
    assert label.text() == "Not verified yet (Operate step, corrective actions)."
    without = next(r.ref for r in rows.values() if not r.item.action.text.strip())
    select_refs(panel, without)
    assert label.text() == ""
