"""Checklist exchange with clients: XLSX/CSV export, edit as a client would, import back."""

import csv
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qms_desktop.domain.assessment import Status
from qms_desktop.services import checklist as cl
from qms_desktop.services.exchange import (
    ExchangeError,
    export_checklist,
    import_checklist,
    plan_import,
)
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library


@pytest.fixture
def assessed(workspace: Workspace):
    add_test_library(workspace)
    info, _ = cl.create_assessment(workspace, "t", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    rows = {r.ref: r for r in cl.checklist_rows(workspace, info.id)}
    cl.assess_requirement(
        workspace,
        "Lin",
        rows["4.1"].item_id,
        status="conforming",
        grade="good_practice",
        current_practice="=SUM(A1) is typed text, not a formula",
    )
    cl.assess_requirement(
        workspace,
        "Lin",
        rows["8.5.1"].item_id,
        status="nonconforming",
        grade="major",
        gap="No checklist",
        action_text="Write one",
        action_owner="Zhang",
        action_due="2026-12-01",
        action_priority="high",
        action_state="open",
    )
    cl.attach_evidence(workspace, "Lin", rows["8.5.1"].item_id, name="log.pdf", data=b"%PDF")
    return workspace, info


def statuses(ws, info) -> dict[str, Status]:
    return {r.ref: r.item.status for r in cl.checklist_rows(ws, info.id)}


def test_xlsx_is_a_workbook_a_client_can_use(assessed, tmp_path: Path):
    ws, info = assessed
    out = tmp_path / "checklist.xlsx"
    assert export_checklist(ws, out, lang="en") == 6
    wb = load_workbook(out)
    sheet = wb["Checklist"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Library", "Ref", "Requirement", "Guidance", "Status"]
    assert sheet.freeze_panes == "C2"
    assert any("Conforming" in (dv.formula1 or "") for dv in sheet.data_validations.dataValidation)
    assert sheet.column_dimensions["C"].width > 30
    values = {
        sheet.cell(r, 2).value: [c.value for c in sheet[r]] for r in range(2, sheet.max_row + 1)
    }
    assert values["8.5.1"][header.index("Finding grade")] == "Major nonconformity"
    assert values["8.5.1"][header.index("Guidance")].startswith("Check-in procedure")
    assert values["8.5.1"][header.index("Evidence files")] == "log.pdf"
    assert values["4.1"][header.index("Current practice")].startswith("=SUM")
    assert sheet.cell(2, header.index("Current practice") + 1).data_type == "s"
    assert "Summary" in wb.sheetnames


def test_round_trip_through_excel_edits(assessed, tmp_path: Path):
    ws, info = assessed
    out = tmp_path / "checklist.xlsx"
    export_checklist(ws, out, lang="en")
    # the client edits the workbook
    wb = load_workbook(out)
    sheet = wb["Checklist"]
    header = [c.value for c in sheet[1]]
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, 2).value == "4.2":
            sheet.cell(r, header.index("Status") + 1).value = "partial"
            sheet.cell(r, header.index("Gap") + 1).value = "Suppliers not listed 供应商未列出"
            sheet.cell(r, header.index("Due date") + 1).value = dt.datetime(2027, 1, 10)
            sheet.cell(r, header.index("Action") + 1).value = "List suppliers"
    wb.save(out)
    report = plan_import(ws, out)
    assert [(c.ref, sorted(c.values)) for c in report.changes] == [
        ("4.2", ["action_due", "action_text", "gap", "status"])
    ]
    report, changes = import_checklist(ws, "client", out)
    item = {r.ref: r for r in cl.checklist_rows(ws, info.id)}["4.2"].item
    assert item.status is Status.PARTIAL and item.gap.endswith("供应商未列出")
    assert item.action.due == dt.date(2027, 1, 10) and item.changed_by == "client"
    assert "1 requirement(s) changed" in report.describe()
    # importing the same file again changes nothing
    assert plan_import(ws, out).changes == []


def test_csv_round_trip_in_a_legacy_encoding(assessed, tmp_path: Path):
    ws, info = assessed
    out = tmp_path / "checklist.csv"
    export_checklist(ws, out, lang="zh_CN")
    text = out.read_text(encoding="utf-8-sig")
    assert "理解组织及其环境" in text
    rows = list(csv.reader(text.splitlines()))
    header = rows[0]
    assert rows[1][header.index("现行做法")].startswith("'=SUM")  # no CSV formula injection
    for row in rows[1:]:
        if row[1] == "'10.2":
            row[header.index("状态")] = "符合"
            row[header.index("证据说明")] = "投诉登记表已审阅"
    legacy = tmp_path / "client.csv"
    with legacy.open("w", encoding="gb18030", newline="") as f:
        csv.writer(f).writerows(rows)
    report, _ = import_checklist(ws, "client", legacy)
    changed = {c.ref: c for c in report.changes}
    assert set(changed) == {"10.2"}  # the quote guarding "=SUM" is taken off again
    assert {r.ref: r for r in cl.checklist_rows(ws, info.id)}[
        "10.2"
    ].item.evidence_notes == "投诉登记表已审阅"


def test_filtered_export(assessed, tmp_path: Path):
    ws, info = assessed
    rows = [r for r in cl.checklist_rows(ws, info.id) if r.item.status is Status.NONCONFORMING]
    out = tmp_path / "open.csv"
    assert export_checklist(ws, out, rows=rows) == 1
    with pytest.raises(ExchangeError, match="no requirement of library"):
        export_checklist(ws, tmp_path / "x.csv", assessment_id=info.id, library_id="other")
    with pytest.raises(ExchangeError, match="holds no library other"):
        export_checklist(ws, tmp_path / "x.csv", library_id="other")
    with pytest.raises(ExchangeError, match=".xlsx or .csv"):
        export_checklist(ws, tmp_path / "x.pdf")


def _csv(tmp_path: Path, rows: list[list[str]], name: str = "in.csv") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (
            [
                ["Library", "Ref", "Status"],
                ["test-iso", "4.1", "conforming"],
                ["test-iso", "4.2", "great"],
            ],
            "row 3: 'great' is not a valid status",
        ),
        (
            [["Library", "Ref", "Status"], ["test-iso", "9.9", "conforming"]],
            "row 2: the assessment has no requirement '9.9'",
        ),
        ([["Ref", "Status"], ["4.1", "conforming"]], "lacks the column(s) Library"),
        (
            [["Library", "Ref", "Due date"], ["test-iso", "4.1", "soon"]],
            "row 2: due date 'soon' is not a date",
        ),
        (
            [["Library", "Ref", "Status"], ["test-iso", "4.3", "not_applicable"]],
            "row 2: A requirement marked not applicable",
        ),
        (
            [
                ["Library", "Ref", "Status"],
                ["test-iso", "4.2", "partial"],
                ["test-iso", "4.2", "partial"],
            ],
            "already appeared in row 2",
        ),
        ([], "is empty"),
    ],
)
def test_bad_rows_are_refused_with_the_row_number_and_nothing_changes(
    assessed, tmp_path, rows, words
):
    ws, info = assessed
    before = statuses(ws, info)
    digest = hashlib.sha256(ws.path.read_bytes()).hexdigest()
    with pytest.raises(ExchangeError) as exc:
        import_checklist(ws, "client", _csv(tmp_path, rows))
    assert words in str(exc.value)
    assert "in.csv" in str(exc.value)
    assert statuses(ws, info) == before
    assert hashlib.sha256(ws.path.read_bytes()).hexdigest() == digest


def test_extra_columns_are_ignored(assessed, tmp_path):
    ws, info = assessed
    path = _csv(
        tmp_path,
        [["Library", "Ref", "Status", "Client comment"], ["test-iso", "4.2", "partial", "hi"]],
    )
    report, _ = import_checklist(ws, "client", path)
    assert [c.ref for c in report.changes] == ["4.2"]


def test_merged_cells_formulas_and_garbage_are_refused(assessed, tmp_path: Path):
    ws, info = assessed
    out = tmp_path / "c.xlsx"
    export_checklist(ws, out)
    wb = load_workbook(out)
    wb["Checklist"].merge_cells("D2:E2")
    wb.save(tmp_path / "merged.xlsx")
    with pytest.raises(ExchangeError, match="merged cells"):
        import_checklist(ws, "c", tmp_path / "merged.xlsx")
    wb = load_workbook(out)
    wb["Checklist"]["D3"] = '=IF(1,"conforming")'
    wb.save(tmp_path / "formula.xlsx")
    with pytest.raises(ExchangeError, match="cell D3: a formula"):
        import_checklist(ws, "c", tmp_path / "formula.xlsx")
    (tmp_path / "junk.xlsx").write_bytes(b"not a zip at all")
    with pytest.raises(ExchangeError, match="not a readable Excel workbook"):
        import_checklist(ws, "c", tmp_path / "junk.xlsx")
    (tmp_path / "bin.csv").write_bytes(b"\x00\x01\x02\xff\xfe" * 100)
    with pytest.raises(ExchangeError):
        import_checklist(ws, "c", tmp_path / "bin.csv")
