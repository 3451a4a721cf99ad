"""Resources are found through paths.py alone, from a source checkout and from a frozen
bundle (PyInstaller's sys._MEIPASS) alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from qms_desktop import paths

ROOT = Path(__file__).resolve().parents[2]


def test_source_checkout_finds_its_resources() -> None:
    assert paths.ROOT == ROOT
    for path in (paths.CJK_FONT, paths.TRANSLATIONS / "qms_desktop_zh_CN.qm", paths.TEMPLATES):
        assert path.exists(), path
    assert (paths.ICONS / "qms-desktop-256.png").is_file()


def test_a_frozen_bundle_looks_inside_itself(tmp_path: Path) -> None:
    code = (
        "import sys; sys._MEIPASS = sys.argv[1]; sys.frozen = True\n"
        "from qms_desktop import paths\n"
        "print(paths.ROOT); print(paths.CJK_FONT); print(paths.TEMPLATES); print(paths.ICONS)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert [Path(p) for p in out] == [
        tmp_path,
        tmp_path / "resources" / "fonts" / "wqy-microhei.ttc",
        tmp_path / "templates",
        tmp_path / "resources" / "icons",
    ]


def test_no_module_builds_resource_paths_from_its_own_file() -> None:
    """Only paths.py (and the migrations beside storage) may start from __file__."""
    allowed = {"qms_desktop/paths.py", "qms_desktop/storage/workspace.py"}
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "qms_desktop").rglob("*.py")
        if "__file__" in p.read_text(encoding="utf-8")
        and str(p.relative_to(ROOT)) not in allowed
        and "migrations" not in p.parts
    ]
    assert offenders == []
