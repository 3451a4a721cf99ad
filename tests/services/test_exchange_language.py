"""Checklist spreadsheets as clients really use them: in the user's language, labels typed
in either language, values a spreadsheet would retype, legacy encodings, and files re-saved
by LibreOffice (xlsx -> xlsx, xlsx -> ods -> xlsx, csv -> csv, csv -> xlsx)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qms_desktop.domain.assessment import Status
from qms_desktop.domain.requirements import LibraryCopy, LibraryRow
from qms_desktop.services import checklist as cl
from qms_desktop.services.exchange import (
    ExchangeError,
    export_checklist,
    import_checklist,
    plan_import,
)
from qms_desktop.services.sheet_text import (
    decode_csv,
    guard_csv,
    guard_xlsx,
    needs_guard,
    read_date,
    unguard,
)
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library

# Text a spreadsheet would act on or retype, and text that merely looks close to it.
AWKWARD = [
    "=SUM(A1:A3)",
    "'=SUM(A1:A3)",
    "''=x",
    "+1 555 0100",
    "-5",
    "@user",
    "\tindented",
    "  two leading spaces",
    "007",
    "'007",
    "1.10",
    "TRUE",
    "True",
    "false",
    "2026-12-01",
    "1/2",
    "12:30",
    "3-Mar",
    "1e5",
    "50%",
    "$12",
    "'plain",
    "plain 'quoted'",
    "ISO 9001:2015",
    "供应商未列出",
    "",
]

TRICKY = LibraryCopy(
    "tricky",
    "Tricky",
    "棘手",
    "1",
    "yaml",
    "id: tricky\n",
    (
        LibraryRow("1", "", 0, True, "One", "一"),
        LibraryRow("1.1", "1", 1, False, "First", "第一", "Look at one.", "看一。"),
        LibraryRow("1.10", "1", 1, False, "Tenth", "第十", "=HYPERLINK(evil)", "指南"),
        LibraryRow("007", "1", 1, False, "Bond", "邦德"),
        LibraryRow("TRUE", "1", 1, False, "Truth", "真"),
    ),
)


def test_the_guard_is_undone_exactly_on_every_path():
    for text in AWKWARD:
        assert unguard(guard_csv(text)) == text, text
        value, _prefix = guard_xlsx(text)
        assert unguard(value) == text, text
        # a guarded CSV cell never begins with a formula character
        assert not guard_csv(text).startswith(("=", "+", "-", "@", "\t", "\r")), text
    assert needs_guard("1.10") and needs_guard("007") and needs_guard("TRUE")
    assert not needs_guard("ISO 9001:2015") and not needs_guard("plain")
    assert guard_xlsx("=SUM(A1)") == ("=SUM(A1)", True)  # a text cell with Excel's quote prefix
    assert guard_xlsx("'007") == ("''007", True)


def test_dates_as_people_type_them():
    d = dt.date(2026, 12, 1)
    for text in ("2026-12-01", "2026/12/01", "2026年12月1日", "01.12.2026", "2026-12-01 00:00:00"):
        assert read_date(text) == d, text
    assert read_date("15/1/2027") == dt.date(2027, 1, 15)
    assert read_date("1/15/2027") == dt.date(2027, 1, 15)
    assert read_date(dt.datetime(2026, 12, 1, 0, 0)) == d
    assert read_date(" ") is None
    for bad in ("1/2/2027", "soon", "2026-13-01"):
        with pytest.raises(ValueError):
            read_date(bad)


@pytest.fixture
def tricky(workspace: Workspace):
    add_test_library(workspace)
    add_test_library(workspace, TRICKY)
    info, _ = cl.create_assessment(
        workspace, "t", "Baseline", dt.date(2026, 10, 1), ["test-iso", "tricky"]
    )
    rows = cl.checklist_rows(workspace, info.id)
    changes = []
    for i, row in enumerate(rows):
        text = AWKWARD[i % len(AWKWARD)]
        values: dict[str, object] = {
            "current_practice": text,
            "evidence_notes": AWKWARD[(i + 7) % len(AWKWARD)],
            "action_owner": AWKWARD[(i + 3) % len(AWKWARD)],
            "gap": 'line one\nline two, "quoted"; semicolon',
        }
        if i % 3 == 0:
            values.update(status="nonconforming", grade="minor", action_due=dt.date(2026, 12, 1))
            values.update(action_priority="high", action_state="in_progress")
        elif i % 3 == 1:
            values.update(status="partial", grade="ofi")
        changes.append((row.item_id, values))
    cl.apply_assessments(workspace, "t", changes)
    return workspace, info


def findings(ws: Workspace, info) -> dict[tuple[str, str], dict[str, object]]:
    return {(r.library_id, r.ref): cl.item_values(r.item) for r in cl.checklist_rows(ws, info.id)}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_changes_nothing(tricky, tmp_path: Path, lang: str, suffix: str):
    ws, info = tricky
    before = findings(ws, info)
    out = tmp_path / f"c{suffix}"
    assert export_checklist(ws, out, lang=lang) == len(before)
    report = plan_import(ws, out)
    assert report.changes == [] and report.unchanged == len(before)


def test_the_workbook_speaks_the_users_language(tricky, tmp_path: Path):
    ws, info = tricky
    out = tmp_path / "zh.xlsx"
    export_checklist(ws, out, lang="zh_CN")
    wb = load_workbook(out)
    assert wb.sheetnames == ["检查表", "汇总"]
    sheet = wb["检查表"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["要求库", "条款", "要求", "指南", "状态"]
    assert header[-1] == "行键（请勿修改）"
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists["E"] == '"未评估,符合,部分符合,不符合,不适用"'
    rows = {sheet.cell(r, 2).value: [c for c in sheet[r]] for r in range(2, sheet.max_row + 1)}
    status, due = header.index("状态"), header.index("截止日期")
    assert rows["4.1"][status].value == "不符合"
    assert rows["4.1"][due].value == dt.datetime(2026, 12, 1)  # a real date cell
    assert rows["4.1"][due].number_format == "yyyy-mm-dd"
    ref_cell = rows["1.10"][1]
    assert ref_cell.value == "1.10" and ref_cell.data_type == "s" and ref_cell.quotePrefix
    assert rows["1.10"][header.index("指南")].data_type == "s"  # "=HYPERLINK(…)" stays text
    assert sheet.print_title_rows == "$1:$1"
    # printed: every column a reader needs, up to the statement; not who changed a row, nor its key
    assert sheet.print_area == f"'检查表'!$A$1:$Q${sheet.max_row}"
    assert header[16] == "条文" and header[17] == "修改人"
    assert sheet.column_dimensions["C"].width == 42
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    summary = [[c.value for c in r] for r in wb["汇总"].iter_rows()]
    assert summary[0][0] == "评估" and ["条款", "符合度", "已评估", "适用", "合计"] in summary
    english = tmp_path / "en.xlsx"
    export_checklist(ws, english, lang="en")
    assert load_workbook(english).sheetnames == ["Checklist", "Summary"]


def test_the_workspace_language_is_the_default(tricky, tmp_path: Path):
    from qms_desktop.services.profile import get_profile, update_profile

    ws, _ = tricky
    if get_profile(ws).default_language != "zh_CN":
        update_profile(ws, "t", default_language="zh_CN")
    out = tmp_path / "c.csv"
    export_checklist(ws, out)
    assert out.read_text(encoding="utf-8-sig").startswith("要求库,条款,要求,指南,状态")


def _rewrite_csv(path: Path, edit, encoding: str = "utf-8", delimiter: str = ",") -> None:
    with path.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    edit(table)
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(table)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Conforming", "conforming"),
        ("符合", "conforming"),
        ("conforming", "conforming"),
        ("  PARTIALLY   conforming ", "partial"),
        ("partially-conforming", "partial"),
        ("Ｎｏｎｃｏｎｆｏｒｍｉｎｇ", "nonconforming"),  # full-width
        ("部分 符合", "partial"),
        ("not_applicable", "not_applicable"),
        ("Not Applicable", "not_applicable"),
    ],
)
def test_labels_in_either_language_and_their_variants_are_read(tricky, tmp_path, typed, code):
    ws, info = tricky
    out = tmp_path / "c.csv"
    export_checklist(ws, out, lang="en")

    def edit(table):
        status = table[0].index("Status")
        for row in table[1:]:
            if row[-1] == "tricky|007":
                row[status] = typed
                row[table[0].index("Not applicable because")] = "Out of scope"
                row[table[0].index("Finding grade")] = ""

    _rewrite_csv(out, edit)
    report = plan_import(ws, out)
    assert [(c.ref, c.values["status"]) for c in report.changes] == [("007", code)]


def test_a_refused_value_names_what_is_accepted(tricky, tmp_path):
    ws, info = tricky
    out = tmp_path / "c.csv"
    export_checklist(ws, out, lang="zh_CN")
    _rewrite_csv(out, lambda t: t[1].__setitem__(4, "很好"))
    with pytest.raises(ExchangeError) as exc:
        plan_import(ws, out)
    english, chinese = exc.value.text("en"), exc.value.text("zh_CN")
    assert "c.csv, row 2: '很好' is not a valid status" in english
    assert "Conforming / 符合 (code conforming)" in english
    assert "符合 / Conforming（代码 conforming）" in chinese


def test_a_cp1252_csv_reads_correctly(tricky, tmp_path):
    ws, info = tricky
    out = tmp_path / "c.csv"
    export_checklist(ws, out, lang="en")

    def edit(table):
        for row in table[1:]:
            row[2:4] = ["", ""]  # titles and guidance hold Chinese a legacy file cannot
            row[table[0].index("Gap")] = "Qualitätsmanagement für Größe"
            row[table[0].index("Current practice")] = "Procédure écrite à réviser"
            row[table[0].index("Evidence notes")] = ""
            row[table[0].index("Owner")] = "Müller"

    _rewrite_csv(out, edit, encoding="cp1252", delimiter=";")  # a German Excel's CSV
    import_checklist(ws, "client", out)
    item = {r.ref: r.item for r in cl.checklist_rows(ws, info.id)}["4.2"]
    assert item.gap == "Qualitätsmanagement für Größe"
    assert item.current_practice == "Procédure écrite à réviser"
    assert item.action.owner == "Müller"


@pytest.mark.parametrize(
    "text",
    [
        "Qualitätsmanagement,Größe,Müller\n",
        "Procédure écrite à réviser;Ça va\n",
        "Señor año,niño\n",
    ],
)
def test_western_legacy_text_is_not_taken_for_chinese(text):
    assert decode_csv(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize(
    "text", ["质量管理体系,供应商未列出\n", "a,b\n1,供应商\n", "ISO 9001质量手册,符合\n"]
)
def test_chinese_legacy_text_is_not_taken_for_western(text):
    assert decode_csv(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_csv_in_every_form(encoding):
    text = "Library,Ref\ntest-iso,4.1 供应商 Größe\n"
    assert decode_csv(text.encode(encoding))[0] == text


def test_a_csv_in_an_encoding_that_cannot_be_told_is_refused_with_advice(tricky, tmp_path):
    ws, info = tricky
    path = tmp_path / "odd.csv"
    path.write_bytes("Library,Ref,Gap\ntest-iso,4.1,\u00a4\u00a6\u00a8\u00b4\n".encode("cp1252"))
    with pytest.raises(ExchangeError, match="--encoding"):
        plan_import(ws, path)
    report = plan_import(ws, path, encoding="cp1252")
    assert report.changes[0].values == {"gap": "¤¦¨´"}


def test_hidden_sheets_are_not_read_unseen(tricky, tmp_path):
    ws, info = tricky
    out = tmp_path / "c.xlsx"
    export_checklist(ws, out, lang="en")
    wb = load_workbook(out)
    wb["Checklist"].sheet_state = "hidden"
    wb.active = 1
    wb.save(out)
    with pytest.raises(ExchangeError, match="sheet Checklist is hidden"):
        plan_import(ws, out)


def test_the_row_key_wins_over_a_retyped_ref(tricky, tmp_path):
    ws, info = tricky
    out = tmp_path / "c.csv"
    export_checklist(ws, out, lang="en")

    def edit(table):  # what a spreadsheet does to the reference column when it retypes it
        ref, status = table[0].index("Ref"), table[0].index("Status")
        for row in table[1:]:
            row[ref] = row[ref].lstrip("'").rstrip("0") if "." in row[ref] else row[ref]
            if row[-1] == "tricky|1.10":
                row[status] = "Not assessed"
                row[table[0].index("Finding grade")] = ""

    _rewrite_csv(out, edit)
    assert [c.ref for c in plan_import(ws, out).changes] == ["1.10"]
    _rewrite_csv(out, lambda t: t[2].__setitem__(len(t[0]) - 1, "tricky 1.1"))
    with pytest.raises(ExchangeError, match="row key 'tricky 1.1' was changed"):
        plan_import(ws, out)


def test_library_export_works_for_any_library(tricky, tmp_path):
    ws, info = tricky
    from qms_desktop.services.libraries import add_builtin_library

    add_builtin_library(ws, "t", "iso9001-2015")
    out = tmp_path / "iso.csv"
    count = export_checklist(ws, out, library_id="iso9001-2015", lang="en")
    assert count == 57
    text = out.read_text(encoding="utf-8-sig")
    assert "iso9001-2015|4.1" in text and "Not assessed" in text
    assert export_checklist(ws, tmp_path / "t.csv", library_id="tricky") == 4
    with pytest.raises(ExchangeError, match="no library nope"):
        export_checklist(ws, tmp_path / "x.csv", library_id="nope")


# -- LibreOffice re-saves the files (skipped only where LibreOffice Calc is not installed) ----

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _calc_works(tmp: Path) -> bool:
    if SOFFICE is None:
        return False
    probe = tmp / "probe.csv"
    probe.write_text("a\n1\n")
    _soffice(probe, "xlsx", tmp / "probe_out", tmp)
    return (tmp / "probe_out" / "probe.xlsx").exists()


def _soffice(source: Path, target: str, outdir: Path, profile: Path) -> Path:
    outdir.mkdir(exist_ok=True)
    command = [
        str(SOFFICE),
        "--headless",
        f"-env:UserInstallation={(profile / 'lo-profile').as_uri()}",
    ]
    if source.suffix == ".csv":  # UTF-8, comma, double quote, from line 1
        command.append("--infilter=CSV:44,34,76,1")
    if target == "csv":
        target = "csv:Text - txt - csv (StarCalc):44,34,76,1"
    command += ["--convert-to", target, "--outdir", str(outdir), str(source)]
    subprocess.run(command, capture_output=True, timeout=180, check=False)
    return outdir / (source.stem + "." + target.split(":")[0])


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("libreoffice")
    if not _calc_works(tmp):
        pytest.skip("LibreOffice Calc (soffice) is not installed")
    return tmp


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize(
    ("exported", "route"),
    [
        (".xlsx", ["xlsx"]),
        (".xlsx", ["ods", "xlsx"]),
        (".csv", ["csv"]),
        (".csv", ["xlsx"]),
    ],
)
def test_a_file_resaved_by_libreoffice_imports_losslessly(
    tricky, tmp_path, libreoffice: Path, lang: str, exported: str, route: list[str]
):
    ws, info = tricky
    before = findings(ws, info)
    source = tmp_path / f"checklist{exported}"
    export_checklist(ws, source, lang=lang)
    for i, target in enumerate(route):
        source = _soffice(source, target, tmp_path / f"step{i}", libreoffice)
        assert source.exists(), f"LibreOffice wrote no {target}"
    report = plan_import(ws, source)
    if "ods" in route:
        # LibreOffice itself drops every tab from text going through .ods (its own loss,
        # seen with a plain "a\tb" too); nothing else may change
        for change in report.changes:
            old = before[(change.library_id, change.ref)]
            assert {k: str(old[k]).replace("\t", "") for k in change.values} == change.values
        return
    assert report.changes == [], [(c.ref, c.values) for c in report.changes]
    assert report.unchanged == len(before)
    import_checklist(ws, "client", source)
    assert findings(ws, info) == before


def test_a_client_edit_survives_libreoffice(tricky, tmp_path, libreoffice: Path):
    ws, info = tricky
    source = tmp_path / "c.xlsx"
    export_checklist(ws, source, lang="zh_CN")
    wb = load_workbook(source)
    sheet = wb["检查表"]
    header = [c.value for c in sheet[1]]
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, 2).value == "007":
            sheet.cell(r, header.index("状态") + 1).value = "符合"
            sheet.cell(r, header.index("发现等级") + 1).value = "良好实践"
            sheet.cell(r, header.index("截止日期") + 1).value = dt.datetime(2027, 3, 1)
    wb.save(source)
    again = _soffice(source, "xlsx", tmp_path / "out", libreoffice)
    report, _ = import_checklist(ws, "client", again)
    assert [(c.ref, sorted(c.values)) for c in report.changes] == [
        ("007", ["action_due", "grade", "status"])
    ]
    item = {r.ref: r.item for r in cl.checklist_rows(ws, info.id)}["007"]
    assert item.status is Status.CONFORMING and item.action.due == dt.date(2027, 3, 1)


def test_plain_cells_wrap_at_the_top_without_a_style_each(tricky, tmp_path: Path):
    ws, info = tricky
    out = tmp_path / "c.xlsx"
    export_checklist(ws, out, lang="en")
    sheet = load_workbook(out)["Checklist"]
    title = sheet.cell(2, 3)
    assert title.value and title.style_id == 0  # the workbook's default format
    assert title.alignment.wrap_text and title.alignment.vertical == "top"
    assert sheet.cell(1, 1).font.bold  # the header keeps its own


def test_a_controls_statement_is_exported_beside_its_guidance(tmp_path: Path):
    """An OSCAL control's statement has its own column, read-only like the guidance: the
    import neither needs it nor lets it change anything."""
    from qms_desktop.services.checklist import create_assessment
    from qms_desktop.services.exchange import export_checklist, import_checklist
    from qms_desktop.services.libraries import add_library_file
    from qms_desktop.services.workspaces import create_workspace
    from tests.libraries.test_oscal import XML

    ws = create_workspace(tmp_path / "s.qms", "Statement Org", actor="t")
    try:
        catalog = tmp_path / "catalog.xml"
        catalog.write_text(XML, encoding="utf-8")
        library, _, _ = add_library_file(ws, "t", catalog)
        create_assessment(ws, "t", "Controls", dt.date(2026, 11, 1), [library.id])
        out = tmp_path / "controls.xlsx"
        export_checklist(ws, out, lang="en")
        sheet = load_workbook(out)["Checklist"]
        header = [c.value for c in sheet[1]]
        rows = {sheet.cell(r, 2).value: [c.value for c in sheet[r]] for r in range(2, 40)}
        statement = rows["AC-2"][header.index("Statement")]
        assert statement.startswith("a. Define and document")
        assert statement != rows["AC-2"][header.index("Guidance")]
        sheet.cell(list(rows).index("AC-2") + 2, header.index("Statement") + 1).value = "edited"
        sheet.parent.save(out)
        report, _ = import_checklist(ws, "t", out)
        assert report.changes == []
    finally:
        ws.close()
