"""Files built to hurt, on both exchange paths (checklist and register): each is refused, or
read within bounded time, with one sentence in each language, and the workspace file is
left byte for byte as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from qms_desktop.services import checklist as cl
from qms_desktop.services.exchange import ExchangeError, export_checklist, import_checklist
from qms_desktop.services.register_exchange import export_register, import_register
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    add_test_library(workspace)
    cl.create_assessment(workspace, "t", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    return workspace


def import_both(ws: Workspace) -> dict[str, Callable[[Path], object]]:
    return {
        "checklist": lambda path: import_checklist(ws, "x", path),
        "register": lambda path: import_register(ws, "x", "person", path),
    }


def refused(ws: Workspace, path: Path, words: str, seconds: float = 10.0) -> None:
    digest = hashlib.sha256(ws.path.read_bytes()).hexdigest()
    for name, do in import_both(ws).items():
        t = time.perf_counter()
        with pytest.raises(ExchangeError) as exc:
            do(path)
        elapsed = time.perf_counter() - t
        assert words in str(exc.value), (name, str(exc.value))
        assert "\n" not in str(exc.value)
        chinese = exc.value.text("zh_CN")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), chinese
        assert elapsed < seconds, (name, elapsed)
    assert hashlib.sha256(ws.path.read_bytes()).hexdigest() == digest


def _book(tmp_path: Path, name: str, fill: Callable[[object], None]) -> Path:
    wb = Workbook()
    sheet = wb.active
    sheet.append(["Library", "Ref", "Name", "Role", "Status"])
    sheet.append(["test-iso", "4.1", "Li", "Cook", "Conforming"])
    fill(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def test_formulas(ws: Workspace, tmp_path: Path):
    path = _book(tmp_path, "f.xlsx", lambda wb: wb.active.append(["test-iso", "4.2", "=A1", "x"]))
    refused(ws, path, "cell C3: a formula is not an answer")


def test_merged_cells(ws: Workspace, tmp_path: Path):
    path = _book(tmp_path, "m.xlsx", lambda wb: wb.active.merge_cells("C2:D2"))
    refused(ws, path, "merged cells (C2:D2)")


def test_hidden_sheets(ws: Workspace, tmp_path: Path):
    def hide(wb) -> None:  # noqa: ANN001
        wb.active.title = "Checklist"
        wb.active.sheet_state = "hidden"
        wb.create_sheet("People").sheet_state = "hidden"
        wb.create_sheet("Visible")
        wb.active = 2

    path = _book(tmp_path, "h.xlsx", hide)
    with pytest.raises(ExchangeError, match="sheet Checklist is hidden"):
        import_checklist(ws, "x", path)
    with pytest.raises(ExchangeError, match="sheet People is hidden"):
        import_register(ws, "x", "person", path)


def test_a_hundred_thousand_rows(ws: Workspace, tmp_path: Path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("Library,Ref,Name,Role,Status\n")
        for i in range(100_000):
            f.write(f"test-iso,9.{i},Person {i},Role,Conforming\n")
    digest = hashlib.sha256(ws.path.read_bytes()).hexdigest()
    t = time.perf_counter()
    with pytest.raises(ExchangeError, match="row 2: the assessment has no requirement '9.0'"):
        import_checklist(ws, "x", path)
    with pytest.raises(ExchangeError, match="more than 20,000 rows"):
        import_register(ws, "x", "person", path)
    assert time.perf_counter() - t < 20
    assert hashlib.sha256(ws.path.read_bytes()).hexdigest() == digest


def test_a_hundred_thousand_rows_in_a_workbook(ws: Workspace, tmp_path: Path):
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("People")
    sheet.append(["Name", "Role"])
    for i in range(100_000):
        sheet.append([f"Person {i}", "Role"])
    path = tmp_path / "big.xlsx"
    wb.save(path)
    digest = hashlib.sha256(ws.path.read_bytes()).hexdigest()
    t = time.perf_counter()
    with pytest.raises(ExchangeError, match="more than 20,000 rows"):
        import_register(ws, "x", "person", path)
    assert time.perf_counter() - t < 20
    assert hashlib.sha256(ws.path.read_bytes()).hexdigest() == digest


def test_a_zip_bomb_named_xlsx(ws: Workspace, tmp_path: Path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (150 * 1024 * 1024))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 1024 * 1024
    refused(ws, path, "unpacks to", seconds=5)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + os.urandom(4000),
        bytes(range(256)) * 50,
        b"\x00\x01" * 3000,
        b"MZ\x90\x00" + b"\x00" * 2000,
    ],
    ids=["png", "bytes", "zeros-and-ones", "exe"],
)
def test_a_csv_that_is_really_binary(ws: Workspace, tmp_path: Path, data: bytes):
    path = tmp_path / "data.csv"
    path.write_bytes(data)
    refused(ws, path, "data.csv")


def test_exports_of_hostile_text_stay_text(ws: Workspace, tmp_path: Path):
    from openpyxl import load_workbook

    from qms_desktop.services import registers

    registers.add_record(ws, "x", "person", {"name": "=cmd|' /C calc'!A0", "role": "@SUM(1)"})
    out = tmp_path / "p.xlsx"
    export_register(ws, "person", out, lang="en")
    sheet = load_workbook(out).active
    cells = [c for c in sheet[2]]
    assert cells[1].value == "=cmd|' /C calc'!A0" and cells[1].data_type == "s"
    assert cells[1].quotePrefix
    csv_out = tmp_path / "p.csv"
    export_register(ws, "person", csv_out, lang="en")
    assert "'=cmd|' /C calc'!A0" in csv_out.read_text(encoding="utf-8-sig")
    export_checklist(ws, tmp_path / "c.csv", lang="en")
