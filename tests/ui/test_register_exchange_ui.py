"""The Export… and Import… buttons of a register: a file out, a list in with a preview,
one undo step, refusals shown and nothing changed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qms_desktop.services import registers
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.register_exchange import ImportPreview, RegisterExchange


@pytest.fixture
def people(qtbot, window: MainWindow, demo_file: Path) -> RegisterExchange:
    assert window.open_path(demo_file)
    widget = RegisterExchange("person", window.controller)
    qtbot.addWidget(widget)
    widget.confirm = False
    return widget


def names(window: MainWindow) -> list[str]:
    return [str(r.values["name"]) for r in registers.list_records(window.controller.ws(), "person")]


def test_export_writes_the_register(people: RegisterExchange, tmp_path: Path):
    assert people.export_button.isEnabled() and people.import_button.isEnabled()
    assert people.export_button.text() == "Export…"
    out = tmp_path / "people.xlsx"
    assert people.export_to(out) == 12
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]][:3] == ["Record ID", "Name", "Role"]
    assert people.export_to(tmp_path / "missing" / "x.xlsx") is None
    assert "does not exist" in people.last_message[1]


def test_import_is_one_undo_step(people: RegisterExchange, window: MainWindow, tmp_path: Path):
    before = names(window)
    path = tmp_path / "hr.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Name", "Role"], ["Wang Fang", "Receptionist"], ["赵六", "厨师"]])
    done = people.import_from(path)
    assert done is not None and len(done.added) == 2
    assert names(window) == [*before, "Wang Fang", "赵六"]
    assert "2 record(s) added, 0 changed" in people.last_message[1]
    stack = window.controller.undo_stack
    assert stack.undoText() == "Import hr.csv"
    stack.undo()
    assert names(window) == before
    stack.redo()
    assert names(window) == [*before, "Wang Fang", "赵六"]


def test_a_refused_file_changes_nothing(people: RegisterExchange, window: MainWindow, tmp_path):
    before = names(window)
    path = tmp_path / "bad.csv"
    path.write_text("Name,Role,State\nX,Y,gone\n", encoding="utf-8")
    count = window.controller.undo_stack.count()
    assert people.import_from(path) is None
    title, text = people.last_message
    assert title == "Import refused — nothing was changed"
    assert "bad.csv, row 2, column State: 'gone' is not one of the values accepted" in text
    assert names(window) == before and window.controller.undo_stack.count() == count


def test_the_preview_lists_what_will_change(qtbot, people: RegisterExchange, window, tmp_path):
    from qms_desktop.services.register_exchange import plan_register_import

    out = tmp_path / "p.csv"
    people.export_to(out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    table[1][3] = "Housekeeping"
    table.append(["", "Wang Fang", "Receptionist", "", ""])
    with out.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(table)
    plan = plan_register_import(window.controller.ws(), "person", out)
    preview = ImportPreview(people, plan, out.name)
    qtbot.addWidget(preview)
    preview.show()
    assert preview.summary.text() == "1 record(s) added, 1 changed, 11 unchanged."
    rows = [preview.rows.item(i).text() for i in range(preview.rows.count())]
    assert rows == [f"Row 2: record {table[1][0]} — Department", "New: Wang Fang"]
    preview.grab().save(str(tmp_path / "preview.png"))


def test_read_only_workspace_cannot_import(qtbot, window: MainWindow, demo_file: Path):
    widget = RegisterExchange("lesson", window.controller)
    qtbot.addWidget(widget)
    assert not widget.export_button.isEnabled()  # nothing open yet
    assert window.open_path(demo_file, read_only=True)
    assert window.controller.read_only
    assert widget.export_button.isEnabled() and not widget.import_button.isEnabled()


def test_a_csv_of_unsure_encoding_is_asked_about(people: RegisterExchange, window, tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes("Name,Role\nAnne,\u00a4\u00a6\u00a8\u00b4\n".encode("cp1252"))
    asked: list[str] = []

    def cancel(name: str) -> None:
        asked.append(name)

    people.choose_encoding = cancel
    assert people.import_from(path) is None and asked == ["legacy.csv"]
    people.choose_encoding = lambda name: "cp1252"
    done = people.import_from(path)
    assert done is not None and done.added[0].values["role"] == "¤¦¨´"


def test_the_checklist_import_asks_too(qtbot, window: MainWindow, workspace_file: Path, tmp_path):
    import datetime as dt

    from qms_desktop.services import checklist as cl
    from qms_desktop.ui.steps.compare.exchange import ChecklistExchange
    from tests.checklist_data import add_test_library

    assert window.open_path(workspace_file)
    ws = window.controller.ws()
    add_test_library(ws)
    info, _ = cl.create_assessment(ws, "t", "Baseline", dt.date(2026, 10, 1), ["test-iso"])

    class Shown:
        lang = "en"
        assessment_id = info.id

        def shown_rows(self):  # noqa: ANN202
            return []

    widget = ChecklistExchange(window.controller, Shown())
    qtbot.addWidget(widget)
    messages: list[tuple[str, str]] = []
    widget.message.connect(lambda title, text: messages.append((title, text)))
    path = tmp_path / "legacy.csv"
    path.write_bytes("Library,Ref,Gap\ntest-iso,4.1,\u00a4\u00a6\u00a8\u00b4\n".encode("cp1252"))
    widget.choose_encoding = lambda name: None
    assert not widget.import_from(path) and messages == []
    widget.choose_encoding = lambda name: "cp1252"
    assert widget.import_from(path)
    rows = {r.ref: r for r in cl.checklist_rows(ws, info.id)}
    assert rows["4.1"].item.gap == "¤¦¨´"
    widget.choose_encoding = lambda name: "gb18030"
    path.write_bytes(b"Library,Ref,Gap\ntest-iso,4.1,\x81\x20\n")
    assert not widget.import_from(path)
    assert messages and "nothing was changed" in messages[-1][0]


def test_a_clients_checklist_goes_through_the_mapping_dialog(
    qtbot, window: MainWindow, workspace_file: Path, tmp_path: Path
):
    import datetime as dt

    from qms_desktop.services import checklist as cl
    from qms_desktop.ui.steps.compare.column_map import ColumnMapDialog
    from qms_desktop.ui.steps.compare.exchange import ChecklistExchange
    from tests.checklist_data import add_test_library
    from tests.services.test_exchange_foreign import client_book

    assert window.open_path(workspace_file)
    ws = window.controller.ws()
    add_test_library(ws)
    info, _ = cl.create_assessment(ws, "t", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    path = client_book(tmp_path, lambda s: s.cell(6, 4, "Compliant"))

    dialog = ColumnMapDialog(None, ws, path, info.id, ("test-iso",))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.header_rows.value() == 2  # the heading row found under the merged title
    assert dialog.fields["ref"].currentData() == "B"  # "Clause"
    assert dialog.fields["status"].currentData() == "D"  # "Compliant?"
    assert dialog.fields["gap"].currentData() == "E"  # "Findings"
    assert dialog.fields["action_owner"].currentData() == "F"  # "Responsible"
    assert dialog.outcome.text() == "4 requirement(s) will change, 1 stay as they are."
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    assert dialog.preview.rowCount() == 7 and dialog.preview.item(1, 0).text() == "4.1"
    dialog.grab().save(str(tmp_path / "map.png"))
    dialog.fields["ref"].setCurrentIndex(0)
    assert not ok.isEnabled() and "reference" in dialog.outcome.text()

    class Shown:
        lang = "en"
        assessment_id = info.id

        def shown_rows(self):  # noqa: ANN202
            return []

    widget = ChecklistExchange(window.controller, Shown())
    qtbot.addWidget(widget)
    asked: list[Path] = []

    def mapped(p: Path, assessment: int):  # noqa: ANN202
        asked.append(p)
        return ColumnMapDialog(None, ws, p, assessment, ("test-iso",)).mapping()

    widget.map_columns = mapped
    assert widget.import_from(path)
    assert asked == [path]
    rows = {r.ref: r.item for r in cl.checklist_rows(ws, info.id)}
    assert rows["4.2"].gap == "No supplier list"
    assert window.controller.undo_stack.undoText() == "Import client.xlsx"


def test_the_file_is_read_once_and_a_record_changed_meanwhile_refuses_the_import(
    people: RegisterExchange, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The preview's plan is what is written (20 000 rows were read twice: 2.6 s on the
    interface thread); a record someone changed while the preview was open is not
    overwritten: the whole import is refused and nothing changes."""
    from qms_desktop.services import register_exchange as rx
    from qms_desktop.ui import register_exchange as ui_rx

    ws = window.controller.ws()
    first = registers.list_records(ws, "person")[0]
    path = tmp_path / "people.csv"
    rx.export_register(ws, "person", path, lang="en")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    rows[1][1] = "Renamed In File"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    reads: list[str] = []
    real = ui_rx.plan_register_import

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append("read")
        return real(*args, **kwargs)

    monkeypatch.setattr(ui_rx, "plan_register_import", counting)
    done = people.import_from(path)
    assert done is not None and reads == ["read"]
    assert registers.list_records(ws, "person")[0].values["name"] == "Renamed In File"
    window.controller.undo_stack.undo()
    assert registers.list_records(ws, "person")[0].values["name"] == first.values["name"]

    # someone changes the record while the preview is open: refused, nothing written
    plan = rx.plan_register_import(ws, "person", path)
    assert window.controller.ops.edit_record(
        "Rename", "person", first.id, {"name": first.values["name"]}, {"name": "Changed Meanwhile"}
    )
    undo_steps = window.controller.undo_stack.count()
    refused: list[str] = []
    assert (
        window.controller.ops.apply_register_import(
            "Import", plan, on_error=lambda exc: refused.append(exc.code) or True
        )
        is None
    )
    assert refused == ["exchange.changed_meanwhile"]
    assert registers.list_records(ws, "person")[0].values["name"] == "Changed Meanwhile"
    assert window.controller.undo_stack.count() == undo_steps
