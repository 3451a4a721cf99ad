"""`qms-desktop package` and `qms-desktop verify`: what a script and an auditor see."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest


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


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def packed(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-package")
    source = folder / "demo.qms"
    shutil.copyfile(demo_template, source)
    result = run("package", str(source), str(folder / "demo.zip"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {folder / 'demo.zip'}")
    return folder / "demo.zip"


def _rewrite(src: Path, dst: Path, member: str) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == member:
                data = data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
            zout.writestr(info.filename, data)
    return dst


@pytest.mark.parametrize("command", ["package", "verify"])
def test_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout
    assert "not yet available" not in result.stdout


def test_package_then_verify_says_sound(packed: Path) -> None:
    result = run("verify", str(packed))
    assert result.returncode == 0, result.stderr
    assert "sound" in result.stdout and "Harbour Light Hotels" in result.stdout


def test_package_never_replaces_a_file_without_force(packed: Path) -> None:
    before = hashlib.sha256(packed.read_bytes()).hexdigest()
    result = run("package", str(packed.with_name("demo.qms")), str(packed))
    assert result.returncode == 2
    assert "--force" in one_line_error(result)
    assert hashlib.sha256(packed.read_bytes()).hexdigest() == before


def test_force_replaces_it_in_chinese(packed: Path, tmp_path: Path) -> None:
    target = tmp_path / "p.zip"
    shutil.copyfile(packed, target)
    result = run(
        "package", str(packed.with_name("demo.qms")), str(target), "--lang", "zh_CN", "--force"
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(target) as zf:
        assert json.loads(zf.read("manifest.json"))["language"] == "zh_CN"
    assert run("verify", str(target)).returncode == 0


def test_a_changed_member_fails_verify_and_is_named(packed: Path, tmp_path: Path) -> None:
    changed = _rewrite(packed, tmp_path / "changed.zip", "documents/gap-report.pdf")
    result = run("verify", str(changed))
    assert result.returncode == 1
    assert "1 problem(s) found" in result.stderr
    assert "documents/gap-report.pdf: its content differs from the manifest" in result.stderr
    assert "Traceback" not in result.stderr
    chinese = run("verify", str(changed), "--lang", "zh_CN")
    assert chinese.returncode == 1 and "内容与清单不符" in chinese.stderr


def test_a_removed_member_fails_verify(packed: Path, tmp_path: Path) -> None:
    less = tmp_path / "less.zip"
    with zipfile.ZipFile(packed) as zin, zipfile.ZipFile(less, "w") as zout:
        for info in zin.infolist():
            if info.filename != "registers.xlsx":
                zout.writestr(info.filename, zin.read(info))
    result = run("verify", str(less))
    assert result.returncode == 1
    assert "registers.xlsx: listed in the manifest but missing" in result.stderr


def test_hostile_or_foreign_files_give_one_line(packed: Path, tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    shutil.copyfile(packed, evil)
    with zipfile.ZipFile(evil, "a") as zf:
        zf.writestr("../../outside.txt", b"x")
    result = run("verify", str(evil))
    assert result.returncode == 1
    assert "outside.txt" in one_line_error(result) and "refused" in result.stderr

    result = run("verify", str(packed.with_name("demo.qms")))
    assert result.returncode == 1 and "not a zip file" in one_line_error(result)

    result = run("package", str(tmp_path / "missing.qms"), str(tmp_path / "x.zip"))
    assert result.returncode == 1 and "no such file" in one_line_error(result)
    assert not (tmp_path / "x.zip").exists()

    result = run("package", str(packed.with_name("demo.qms")), str(tmp_path / "x.tar"))
    assert result.returncode == 1 and ".zip" in one_line_error(result)

    result = run("package", str(packed.with_name("demo.qms")))
    assert result.returncode == 2


def test_sha256sum_accepts_what_package_wrote(packed: Path, tmp_path: Path) -> None:
    if shutil.which("sha256sum") is None:
        pytest.skip("coreutils' sha256sum is not installed")
    with zipfile.ZipFile(packed) as zf:
        zf.extractall(tmp_path)
    result = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
