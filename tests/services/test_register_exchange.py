"""Registers in and out: every declared register to XLSX/CSV and back, matched by record
ID, all or nothing; lists from elsewhere (an HR list) come in as new records."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qms_desktop.domain.registers import REGISTERS
from qms_desktop.services import registers
from qms_desktop.services.exchange import ExchangeError
from qms_desktop.services.register_exchange import (
    apply_register_import,
    export_register,
    import_register,
    plan_register_import,
    undo_register_import,
)
from qms_desktop.storage.workspace import Workspace
from tests.services.test_exchange_language import SOFFICE, _soffice, libreoffice  # noqa: F401


@pytest.fixture
def demo(demo_file: Path):
    with Workspace.open(demo_file) as ws:
        yield ws


def everything(ws: Workspace) -> dict[str, list[tuple[int, dict[str, object]]]]:
    return {k: [(r.id, r.values) for r in registers.list_records(ws, k)] for k in REGISTERS}


@pytest.mark.parametrize("key", sorted(REGISTERS))
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_every_register_goes_out_and_comes_back_unchanged(
    demo: Workspace, tmp_path: Path, key: str, lang: str, suffix: str
):
    records = registers.list_records(demo, key)
    out = tmp_path / f"{key}{suffix}"
    assert export_register(demo, key, out, lang=lang) == len(records)
    plan = plan_register_import(demo, key, out)
    assert plan.updated == () and plan.added == ()
    assert plan.unchanged == len(records)


def test_the_file_speaks_the_users_language(demo: Workspace, tmp_path: Path):
    out = tmp_path / "people.xlsx"
    export_register(demo, "person", out, lang="zh_CN")
    wb = load_workbook(out)
    assert wb.sheetnames == ["人员"]
    sheet = wb["人员"]
    assert [c.value for c in sheet[1]] == ["记录号", "姓名", "岗位", "部门", "状态"]
    assert {sheet.cell(r, 5).value for r in range(2, sheet.max_row + 1)} <= {
        "在册",
        "已离开本组织",
        None,
    }
    assert sheet.cell(2, 1).data_type == "n"
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
    lists = [dv.formula1 for dv in sheet.data_validations.dataValidation]
    assert '"在册,已离开本组织"' in lists
    out = tmp_path / "training.csv"
    export_register(demo, "training", out, lang="en")
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    attendees = rows[0].index("Attendees")
    assert any("[#" in r[attendees] for r in rows[1:])  # names with their IDs
    dates = rows[0].index("Date")
    assert all(r[dates].startswith("'20") for r in rows[1:])  # a date a spreadsheet keeps


def _table(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, table: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(table)
    return path


def test_edit_and_add_then_undo_and_redo(demo: Workspace, tmp_path: Path):
    before = everything(demo)
    out = tmp_path / "people.csv"
    export_register(demo, "person", out, lang="en")
    table = _table(out)
    table[1][table[0].index("Department")] = "Front office 前台"
    table.append(["", "Wang Fang", "Receptionist", "Front office", "Active"])
    table.append(["", "赵六", "厨师", "", ""])
    _write(out, table)
    plan = plan_register_import(demo, "person", out)
    assert len(plan.updated) == 1 and len(plan.added) == 2
    done, changes = import_register(demo, "tester", "person", out)
    assert "person" in changes.registers
    people = {r.values["name"]: r for r in registers.list_records(demo, "person")}
    assert people["Wang Fang"].values["state"] == "active"
    assert people["赵六"].values["state"] == ""  # as the file has it ("" reads as active)
    assert [r.id for r in done.added] == [people["Wang Fang"].id, people["赵六"].id]
    undo_register_import(demo, "tester", done)
    assert everything(demo) == before
    apply_register_import(demo, "tester", done, keep_ids=True)
    again = {r.values["name"]: r.id for r in registers.list_records(demo, "person")}
    assert again["Wang Fang"] == people["Wang Fang"].id
    # the same file again: the new rows have no ID, so they would be added again; the
    # edited row is unchanged
    assert len(plan_register_import(demo, "person", out).updated) == 0


def test_an_hr_list_in_chinese_comes_in_as_new_people(demo: Workspace, tmp_path: Path):
    path = _write(
        tmp_path / "hr.csv",
        [
            ["姓名", "岗位", "部门", "备注"],
            ["钱七", "会计", "财务部", "x"],
            ["孙八", "出纳", "财务部", ""],
        ],
        encoding="gb18030",
    )
    done, _ = import_register(demo, "tester", "人员", path)
    assert [r.values["name"] for r in done.added] == ["钱七", "孙八"]
    assert {r.values["state"] for r in done.added} == {"active"}  # no column: the default


def test_references_by_name_or_id(demo: Workspace, tmp_path: Path):
    people = registers.list_records(demo, "person")
    active = [p for p in people if p.values["state"] != "left"]
    first, second = active[0], active[1]
    path = _write(
        tmp_path / "t.csv",
        [
            ["Topic", "Date", "Attendees", "Hours"],
            ["Complaint handling", "2026-11-02", f"{first.values['name']}\n[#{second.id}]", "1,5"],
        ],
    )
    done, _ = import_register(demo, "tester", "training", path)
    record = done.added[0]
    assert record.values["participants"] == (first.id, second.id)
    assert record.values["hours"] == 1.5
    bad = _write(
        tmp_path / "b.csv", [["Topic", "Date", "Attendees"], ["X", "2026-11-02", "Nobody"]]
    )
    with pytest.raises(ExchangeError, match=r"b\.csv, row 2, column Attendees: no record is named"):
        plan_register_import(demo, "training", bad)


def test_the_same_name_twice_asks_for_the_id(demo: Workspace, tmp_path: Path):
    registers.add_record(demo, "t", "person", {"name": "Li Lei", "role": "A"})
    registers.add_record(demo, "t", "person", {"name": "li  lei", "role": "B"})
    bad = _write(
        tmp_path / "b.csv", [["Topic", "Date", "Attendees"], ["X", "2026-11-02", "Li Lei"]]
    )
    with pytest.raises(ExchangeError, match=r"2 records are named 'Li Lei'.*\[#"):
        plan_register_import(demo, "training", bad)


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (
            [["Record ID", "Name"], ["9999", "X"]],
            "row 2: the register People has no record with ID 9999",
        ),
        (
            [["Record ID", "Name"], ["1", "X"], ["1", "Y"]],
            "row 3: record ID 1 already appeared in row 2",
        ),
        ([["Record ID", "Name"], ["one", "X"]], "row 2: 'one' is not a record ID"),
        (
            [["Name", "Role", "State"], ["X", "Y", "gone"]],
            "row 2, column State: 'gone' is not one of the values accepted: Active / 在册 (code active), Left the organisation / 已离开本组织 (code left)",
        ),
        ([["Name", "Role"], ["X", "Y"], ["", "Z"]], "row 3, column Name:"),
        ([["Nom", "Rôle"], ["X", "Y"]], "lacks the column(s)"),
    ],
)
def test_bad_rows_are_refused_naming_row_and_column(demo, tmp_path, rows, words):
    digest = hashlib.sha256(demo.path.read_bytes()).hexdigest()
    before = everything(demo)
    with pytest.raises(ExchangeError) as exc:
        import_register(demo, "tester", "person", _write(tmp_path / "in.csv", rows))
    assert words in str(exc.value)
    assert exc.value.text("zh_CN") != str(exc.value)
    assert everything(demo) == before
    assert hashlib.sha256(demo.path.read_bytes()).hexdigest() == digest


def test_a_rule_of_the_register_names_the_row(demo: Workspace, tmp_path: Path):
    path = _write(
        tmp_path / "o.csv",
        [
            ["Objective", "Metric", "Target", "Unit", "Measured"],
            ["On time", "share", "95", "", "Monthly"],
        ],
    )
    with pytest.raises(ExchangeError, match="o.csv, row 2"):
        import_register(demo, "tester", "objective", path)


def test_an_unknown_register_names_the_registers(demo: Workspace, tmp_path: Path):
    with pytest.raises(ExchangeError, match="no register 'staff'.*person"):
        export_register(demo, "staff", tmp_path / "x.csv")


def test_refused_files(demo: Workspace, tmp_path: Path):
    (tmp_path / "bin.csv").write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ExchangeError, match="not a text CSV"):
        plan_register_import(demo, "person", tmp_path / "bin.csv")
    (tmp_path / "bomb.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(ExchangeError, match="not a readable Excel workbook"):
        plan_register_import(demo, "person", tmp_path / "bomb.xlsx")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_registers_resaved_by_libreoffice_come_back_unchanged(
    demo: Workspace,
    tmp_path: Path,
    libreoffice: Path,  # noqa: F811
    suffix: str,
):
    for key in ("person", "training", "facility", "objective", "role"):
        out = tmp_path / f"{key}{suffix}"
        export_register(demo, key, out, lang="zh_CN")
        again = _soffice(out, suffix.lstrip("."), tmp_path / f"lo-{key}", libreoffice)
        plan = plan_register_import(demo, key, again)
        assert (plan.updated, plan.added) == ((), ()), (key, plan.updated[:2])


def test_undo_of_an_import_refuses_when_a_new_record_is_pointed_at(demo: Workspace, tmp_path):
    from qms_desktop.domain.errors import WorkspaceError

    path = _write(tmp_path / "p.csv", [["Name", "Role"], ["Wang Fang", "Receptionist"]])
    done, _ = import_register(demo, "tester", "person", path)
    new_id = done.added[0].id
    registers.add_record(
        demo,
        "t",
        "training",
        {"topic": "Welcome", "held_on": "2026-11-02", "participants": [new_id]},
    )
    before = everything(demo)
    with pytest.raises(WorkspaceError, match="Wang Fang"):
        undo_register_import(demo, "tester", done)
    assert everything(demo) == before
