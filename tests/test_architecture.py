"""The core never imports Qt, and the layers import only downwards."""

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
    result = subprocess.run([sys.executable, "-c", CORE_IMPORTS], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_import_contracts():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is part of the test extras"
    result = subprocess.run([lint], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken" in result.stdout
