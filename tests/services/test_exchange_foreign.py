"""A client's own checklist (their columns, a merged title, their words for a status)
imported through a column mapping: previewed, all or nothing, blank cells left alone."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from qms_desktop.domain.assessment import Status
from qms_desktop.services import checklist as cl
from qms_desktop.services.exchange import (
    ColumnMap,
    ExchangeError,
    import_checklist,
    parse_column_map,
    plan_import,
)
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library
from tests.cli.test_cli import _one_clear_line, run


@pytest.fixture
def assessed(workspace: Workspace):
    add_test_library(workspace)
    info, _ = cl.create_assessment(workspace, "t", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    rows = {r.ref: r for r in cl.checklist_rows(workspace, info.id)}
    cl.assess_requirement(workspace, "t", rows["4.3"].item_id, gap="Kept as it is")
    return workspace, info


def client_book(tmp_path: Path, extra=None) -> Path:  # noqa: ANN001
    wb = Workbook()
    sheet = wb.active
    sheet.title = "ISO 9001 audit"
    sheet.append(["Hotel Jade — internal audit checklist 2026"])
    sheet.merge_cells("A1:F1")
    sheet.append(["No.", "Clause", "Question", "Compliant?", "Findings", "Responsible"])
    sheet.append([1, "4", "Context", None, None, None])  # a section of the library
    sheet.append([2, "4.1", "Issues known?", "Yes", "SWOT done", "GM"])
    sheet.append([3, "4.2", "Parties listed?", "Partly", "No supplier list", "Ms Li"])
    sheet.append([4, "4.3", "Scope written?", "N/A", None, None])
    sheet.append([None, None, "Notes: reviewed on site", None, None, None])
    sheet.append([5, "8.5.1", "Check-in controlled?", "否", "Night shift unaware", "王经理"])
    sheet.append([6, "10.2", "Complaints handled?", None, None, None])
    if extra:
        extra(sheet)
    path = tmp_path / "client.xlsx"
    wb.save(path)
    return path


MAP = ColumnMap(
    parse_column_map("ref=B,status=Compliant?,gap=E,owner=F"), header_rows=2, library_id=None
)


def test_a_clients_checklist_through_a_mapping(assessed, tmp_path: Path):
    ws, info = assessed
    digest = hashlib.sha256(ws.path.read_bytes()).hexdigest()
    # 4.3 is not applicable without a reason: the whole file is refused, naming the row
    with pytest.raises(ExchangeError, match=r"client.xlsx, sheet ISO 9001 audit, row 6"):
        import_checklist(ws, "client", client_book(tmp_path), mapping=MAP)
    assert hashlib.sha256(ws.path.read_bytes()).hexdigest() == digest
    path = client_book(tmp_path, lambda s: s.cell(6, 4, "Compliant"))
    report = plan_import(ws, path, mapping=MAP)
    changed = {c.ref: c.values for c in report.changes}
    assert changed["4.1"] == {"status": "conforming", "gap": "SWOT done", "action_owner": "GM"}
    assert changed["4.2"]["status"] == "partial"
    assert changed["4.3"] == {"status": "conforming"}
    assert changed["8.5.1"]["status"] == "nonconforming"
    assert "10.2" not in changed  # blank cells say nothing
    assert [c.row_number for c in report.changes] == [4, 5, 6, 8]
    import_checklist(ws, "client", path, mapping=MAP)
    items = {r.ref: r.item for r in cl.checklist_rows(ws, info.id)}
    assert items["4.2"].status is Status.PARTIAL and items["4.2"].action.owner == "Ms Li"
    assert items["4.3"].gap == "Kept as it is"  # the blank finding left it alone


def test_merged_cells_in_the_data_are_still_refused(assessed, tmp_path: Path):
    ws, _ = assessed
    path = client_book(tmp_path, lambda s: s.merge_cells("E4:F4"))
    with pytest.raises(ExchangeError, match="merged cells"):
        plan_import(ws, path, mapping=MAP)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ref=B,colour=C", "'colour=C' is not a column mapping"),
        ("status=D", "which column holds the reference"),
        ("ref=B,gap=Nowhere", "there is no column 'Nowhere'"),
    ],
)
def test_a_wrong_mapping_says_why(assessed, tmp_path: Path, text: str, words: str):
    ws, _ = assessed
    path = client_book(tmp_path)
    with pytest.raises(ExchangeError, match=words):
        plan_import(ws, path, mapping=ColumnMap(parse_column_map(text), header_rows=2))


def test_several_libraries_need_one_named(assessed, tmp_path: Path):
    ws, _ = assessed
    from qms_desktop.services.libraries import add_builtin_library

    add_builtin_library(ws, "t", "iso9001-2015")
    cl.create_assessment(ws, "t", "Both", dt.date(2026, 11, 1), ["test-iso", "iso9001-2015"])
    path = client_book(tmp_path, lambda s: s.cell(6, 4, "Compliant"))
    with pytest.raises(ExchangeError, match="several libraries"):
        plan_import(ws, path, mapping=MAP)
    named = ColumnMap(MAP.columns, 2, "test-iso")
    assert len(plan_import(ws, path, mapping=named).changes) == 4


def test_the_cli_maps_columns(assessed, tmp_path: Path):
    ws, info = assessed
    path = client_book(tmp_path, lambda s: s.cell(6, 4, "Compliant"))
    ws.close()
    target = str(ws.path)
    dry = run(
        "checklist",
        "import",
        target,
        str(path),
        "--map",
        "ref=B,status=D,gap=E",
        "--header-rows",
        "2",
        "--dry-run",
    )
    assert dry.returncode == 0, dry.stderr
    assert "would apply: 4 requirement(s) changed" in dry.stdout
    digest = hashlib.sha256(Path(target).read_bytes()).hexdigest()
    line = _one_clear_line(
        run("checklist", "import", target, str(path), "--map", "status=D", "--lang", "zh_CN")
    )
    assert "条款号" in line
    assert hashlib.sha256(Path(target).read_bytes()).hexdigest() == digest
