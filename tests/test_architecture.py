"""The core never imports Qt, and the layers import only downwards."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CORE_IMPORTS = """
import sys, importlib, pkgutil
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("Qt is not allowed in the core: " + name)
        return None
sys.meta_path.insert(0, BlockQt())
import qms_desktop
for pkg in ("domain", "storage", "libraries", "documents", "services"):
    module = importlib.import_module("qms_desktop." + pkg)
    for info in pkgutil.walk_packages(module.__path__, module.__name__ + "."):
        if ".migrations" in info.name:
            continue
        importlib.import_module(info.name)
import qms_desktop.cli
print("ok")
"""


def test_core_runs_without_qt():
    result = subprocess.run(
        [sys.executable, "-c", CORE_IMPORTS], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def _lint(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is part of the test extras"
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [lint, "--config", str(cwd / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )


def test_import_contracts():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken" in result.stdout


def test_every_ui_module_is_seen_by_the_contracts():
    missing = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "qms_desktop").rglob("*")
        if p.is_dir()
        and p.name != "__pycache__"
        and any(p.glob("*.py"))
        and not (p / "__init__.py").exists()
        and "versions" not in p.parts
    ]
    assert missing == []


def test_the_gui_contract_fails_when_a_page_imports_storage(tmp_path: Path):
    """Break the rule on purpose in a copy of the package: the contract must say so."""
    shutil.copytree(
        ROOT / "qms_desktop", tmp_path / "qms_desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "qms_desktop" / "ui" / "steps" / "sneaky_page.py").write_text(
        "from qms_desktop.storage.models import LessonRecord\n", encoding="utf-8"
    )
    result = _lint(tmp_path, pythonpath=tmp_path)
    assert result.returncode != 0
    assert "The GUI reaches the core only through services and domain BROKEN" in result.stdout
    assert "qms_desktop.ui.steps.sneaky_page -> qms_desktop.storage.models" in result.stdout
