"""Assessments and registers from the command line, and checklists of any library."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from tests.cli.test_cli import _one_clear_line, run


def test_assessments_new_list_rename_delete(workspace_file: Path, tmp_path: Path):
    ws = str(workspace_file)
    empty = run("assessment", "list", ws)
    assert empty.returncode == 0 and "no assessment" in empty.stdout
    made = run(
        "assessment", "new", ws, "Baseline", "--library", "iso9001-2015", "--date", "2026-10-01"
    )
    assert made.returncode == 0, made.stderr
    assert "created assessment #1 'Baseline' over iso9001-2015" in made.stdout
    # a checklist of it, filled in, imported; then a re-assessment carries the results over
    out = tmp_path / "c.csv"
    assert run("checklist", "export", ws, str(out), "--lang", "zh_CN").returncode == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    table[1][table[0].index("状态")] = "符合"
    with out.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(table)
    done = run("checklist", "import", ws, str(out))
    assert done.returncode == 0 and "imported: 1 requirement(s) changed" in done.stdout, done.stderr
    again = run(
        "assessment", "new", ws, "Follow-up", "--library", "iso9001-2015", "--based-on", "1"
    )
    assert again.returncode == 0 and "carried over from #1" in again.stdout
    listed = run("assessment", "list", ws)
    lines = listed.stdout.splitlines()
    assert "Baseline" in lines[1] and "2026-10-01" in lines[1] and "2%" in lines[1]
    assert "Follow-up" in lines[2] and "2%" in lines[2]  # the result came along
    renamed = run("assessment", "rename", ws, "2", "Surveillance 2027")
    assert renamed.returncode == 0 and "is now 'Surveillance 2027'" in renamed.stdout
    deleted = run("assessment", "delete", ws, "1")
    assert deleted.returncode == 0 and "deleted assessment #1 'Baseline'" in deleted.stdout
    listed = run("assessment", "list", ws).stdout
    assert "Baseline" not in listed and "Surveillance 2027" in listed


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["new", "{ws}", "X", "--library", "nope"], "nope"),
        (["new", "{ws}", "X"], "--library"),
        (["new", "{ws}", "X", "--library", "iso9001-2015", "--based-on", "9"], "no assessment 9"),
        (["rename", "{ws}", "9", "Y"], "9"),
        (["rename", "{ws}", "1", " "], "name"),
        (["delete", "{ws}", "9"], "9"),
        (["new", "{ws}", "X", "--library", "iso9001-2015", "--date", "soon"], "not a date"),
    ],
)
def test_bad_assessment_commands_say_why_in_one_line(workspace_file: Path, args, words):
    ws = str(workspace_file)
    assert run("assessment", "new", ws, "Baseline", "--library", "iso9001-2015").returncode == 0
    digest = hashlib.sha256(workspace_file.read_bytes()).hexdigest()
    line = _one_clear_line(run("assessment", *[a.replace("{ws}", ws) for a in args]))
    assert words in line
    assert hashlib.sha256(workspace_file.read_bytes()).hexdigest() == digest


def test_checklist_export_of_any_library(workspace_file: Path, tmp_path: Path):
    ws = str(workspace_file)
    assert run("library", "add", ws, "iso9001-2015").returncode == 0
    out = tmp_path / "blank.xlsx"
    result = run("checklist", "export", ws, str(out), "--library", "iso9001-2015")
    assert result.returncode == 0, result.stderr
    assert "exported 57 requirement(s)" in result.stdout
    assert "no library nope" in _one_clear_line(
        run("checklist", "export", ws, str(out), "--library", "nope")
    )


def test_registers_out_and_in(demo_file: Path, tmp_path: Path):
    ws = str(demo_file)
    listed = run("register", "list", "--lang", "zh_CN")
    assert listed.returncode == 0 and "person" in listed.stdout and "人员" in listed.stdout
    out = tmp_path / "people.csv"
    exported = run("register", "export", ws, "person", str(out), "--lang", "en")
    assert exported.returncode == 0 and "exported 12 record(s)" in exported.stdout
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    table[1][table[0].index("Department")] = "Housekeeping"
    table.append(["", "Wang Fang", "Receptionist", "Front office", "Active"])
    with out.open("w", encoding="cp1252", newline="") as f:
        csv.writer(f, delimiter=";").writerows(table)
    dry = run("register", "import", ws, "person", str(out), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would apply: 1 record(s) added, 1 changed, 11 unchanged" in dry.stdout
    done = run("register", "import", ws, "People", str(out), "--user", "hr")
    assert done.returncode == 0 and "new record as record 13" in done.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Role,State\nX,Y,retired\n", encoding="utf-8")
    line = _one_clear_line(run("register", "import", ws, "person", str(bad), "--lang", "zh_CN"))
    assert "bad.csv，第 2 行，列“State”" in line and "在册" in line
    assert "no register 'staff'" in _one_clear_line(
        run("register", "export", ws, "staff", str(tmp_path / "x.csv"))
    )


@pytest.mark.parametrize(
    "command",
    [
        ["assessment", "list"],
        ["assessment", "new"],
        ["assessment", "rename"],
        ["assessment", "delete"],
        ["register", "list"],
        ["register", "export"],
        ["register", "import"],
    ],
)
def test_each_new_subcommand_has_help(command: list[str]):
    result = run(*command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout
