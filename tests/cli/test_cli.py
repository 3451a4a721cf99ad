"""The command-line contract that scripts rely on."""

import contextlib
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = [
    "open",
    "new",
    "demo",
    "check",
    "library",
    "checklist",
    "assessment",
    "register",
    "templates",
    "render",
    "package",
    "verify",
    "backup",
]
SUBCOMMANDS = [
    ["checklist", "export"],
    ["checklist", "import"],
    ["library", "list"],
    ["library", "add"],
    ["templates", "list"],
]


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A real `qms-desktop` process: for the GUI and for what a shell script sees."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "qms_desktop", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`cli.main(argv)` in this process, its output and exit code as a process would give them."""
    from qms_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return subprocess.CompletedProcess(["qms-desktop", *args], code, out.getvalue(), err.getvalue())


def test_help_lists_every_command():
    result = run("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(command: str):
    result = run(command, "--help")
    assert result.returncode == 0
    assert "usage:" in result.stdout


def test_demo_then_check_then_smoke_test(tmp_path: Path):
    target = tmp_path / "x.qms"
    assert run("demo", str(target)).returncode == 0
    check = run("check", str(target))
    assert check.returncode == 0, check.stderr
    assert "sound" in check.stdout
    smoke = run_process("open", str(target), "--smoke-test")
    assert smoke.returncode == 0, smoke.stderr
    assert "smoke test passed" in smoke.stdout
    assert "Dashboard" in smoke.stdout


def test_demo_smoke_test_in_chinese():
    smoke = run_process("open", "--demo", "--lang", "zh_CN", "--smoke-test")
    assert smoke.returncode == 0, smoke.stderr
    assert "总览" in smoke.stdout and "3. 对照" in smoke.stdout and "Dashboard" not in smoke.stdout


def test_new_workspace(tmp_path: Path):
    target = tmp_path / "acme.qms"
    result = run("new", str(target), "--org", "Acme Services", "--lang", "zh_CN")
    assert result.returncode == 0, result.stderr
    assert run("check", str(target)).returncode == 0
    again = run("new", str(target), "--org", "Acme Services")
    assert again.returncode == 1
    assert "already exists" in again.stderr


def _one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"garbage" * 100, "not a QMS Desktop workspace"),
        (b"", "empty"),
    ],
)
def test_bad_files_give_one_line_and_stay_unchanged(tmp_path: Path, content: bytes, words: str):
    target = tmp_path / "bad.qms"
    target.write_bytes(content)
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    for args in (["check", str(target)], ["open", str(target), "--smoke-test"]):
        assert words in _one_clear_line(run(*args))
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_foreign_truncated_newer_files(tmp_path: Path, workspace_file: Path):
    foreign = tmp_path / "foreign.qms"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    assert "another program" in _one_clear_line(run("check", str(foreign)))
    truncated = tmp_path / "truncated.qms"
    truncated.write_bytes(workspace_file.read_bytes()[:6000])
    assert "truncated" in _one_clear_line(run("check", str(truncated)))
    newer = tmp_path / "newer.qms"
    newer.write_bytes(workspace_file.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version=99")
    conn.commit()
    conn.close()
    before = newer.read_bytes()
    assert "newer version" in _one_clear_line(run_process("open", str(newer), "--smoke-test"))
    assert newer.read_bytes() == before


def test_check_reports_tampering(tmp_path: Path):
    target = tmp_path / "t.qms"
    run("demo", str(target))
    conn = sqlite3.connect(target)
    conn.execute("UPDATE audit_entry SET actor='mallory' WHERE seq=5")
    conn.commit()
    conn.close()
    result = run("check", str(target))
    assert result.returncode == 1
    assert "audit entry 5 was altered" in result.stderr


def test_usage_errors_are_one_line(tmp_path: Path):
    assert "required" in _one_clear_line(run("new", str(tmp_path / "y.qms")))
    assert "invalid choice" in _one_clear_line(run("demo", str(tmp_path / "z.qms"), "--lang", "fr"))
    assert "no such file" in _one_clear_line(run("check", str(tmp_path / "missing.qms")))


def test_checklist_export_and_import(tmp_path: Path, workspace_file: Path):
    import datetime as dt

    from qms_desktop.services import checklist as cl
    from qms_desktop.storage.workspace import Workspace
    from tests.checklist_data import add_test_library

    with Workspace.open(workspace_file) as ws:
        add_test_library(ws)
        cl.create_assessment(ws, "t", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    out = tmp_path / "c.csv"
    result = run("checklist", "export", str(workspace_file), str(out))
    assert result.returncode == 0, result.stderr
    assert "exported 6 requirement(s)" in result.stdout
    text = out.read_text(encoding="utf-8-sig").replace(
        "test-iso,'4.2,Interested parties,A list of interested parties.,Not assessed",
        "test-iso,'4.2,Interested parties,A list of interested parties.,Conforming",
    )
    out.write_text(text, encoding="utf-8")
    dry = run("checklist", "import", str(workspace_file), str(out), "--dry-run")
    assert dry.returncode == 0 and "would apply: 1 requirement(s) changed" in dry.stdout
    done = run("checklist", "import", str(workspace_file), str(out), "--user", "client")
    assert done.returncode == 0 and "row 3: test-iso 4.2: status" in done.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("Library,Ref,Status\ntest-iso,4.2,splendid\n", encoding="utf-8")
    line = _one_clear_line(run("checklist", "import", str(workspace_file), str(bad)))
    assert "bad.csv, row 2: 'splendid' is not a valid status" in line
    assert "no such file" in _one_clear_line(
        run("checklist", "export", str(tmp_path / "none.qms"), str(out))
    )


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_each_subcommand_has_help(command: list[str]):
    result = run(*command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


def test_library_list_and_add(tmp_path: Path, workspace_file: Path):
    listed = run("library", "list")
    assert (
        listed.returncode == 0
        and "iso9001-2015" in listed.stdout
        and "57 requirements" in listed.stdout
    )
    added = run("library", "add", str(workspace_file), "iso9001-2015")
    assert added.returncode == 0 and added.stdout.strip() == "iso9001-2015: 57 requirements"
    catalog = tmp_path / "cat.json"
    catalog.write_text(
        '{"catalog": {"uuid": "u", "metadata": {"title": "Mini Catalog"}, '
        '"groups": [{"id": "g", "title": "G", "controls": [{"id": "c-1", "title": "C"}]}]}}'
    )
    oscal = run("library", "add", str(workspace_file), str(catalog))
    assert oscal.returncode == 0 and oscal.stdout.strip() == "oscal-mini-catalog: 1 requirements"
    held = run("library", "list", str(workspace_file))
    assert "oscal-mini-catalog" in held.stdout and "(oscal)" in held.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: X\nsections:\n  - ref: '1'\n    titel: T\n")
    assert "bad.yaml, line 5" in _one_clear_line(
        run("library", "add", str(workspace_file), str(bad))
    )
    assert "no built-in library" in _one_clear_line(
        run("library", "add", str(workspace_file), "nonsense")
    )


def test_templates_and_render(tmp_path: Path, demo_file: Path):
    listed = run("templates", "list")
    assert (
        listed.returncode == 0 and "quality-manual" in listed.stdout and "en,zh_CN" in listed.stdout
    )
    out = tmp_path / "manual.pdf"
    done = run("render", str(demo_file), "quality-manual", "-o", str(out), "--lang", "zh_CN")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "already exists" in _one_clear_line(
        run("render", str(demo_file), "quality-manual", "-o", str(out))
    )
    assert (
        run(
            "render", str(demo_file), "gap-report", "--format", "docx", "-o", str(out), "--force"
        ).returncode
        == 0
    )
    assert "no template 'nope'" in _one_clear_line(
        run("render", str(demo_file), "nope", "-o", str(tmp_path / "x.pdf"))
    )


def test_the_process_entry_freezes_the_heap_before_the_interpreter_ends() -> None:
    """`run` (python -m qms_desktop, the console script, the bundle) returns main's exit code
    with the heap frozen, so the teardown's collection skips it (issue 17)."""
    script = (
        "import gc, sys\n"
        "from qms_desktop import cli\n"
        "sys.argv = ['qms-desktop', 'templates', 'list']\n"
        "gc.unfreeze()\n"
        "code = cli.run()\n"
        "print(code, gc.get_freeze_count() > 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 True"
    assert run_process("templates", "list").returncode == 0  # python -m qms_desktop
