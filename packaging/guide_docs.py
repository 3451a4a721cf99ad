"""Write the user guide for the web, docs/guide/, from its one source, resources/guide/
(each step's progress rule written in from the app's translations).

Usage: python packaging/guide_docs.py [--check]   (--check: exit 1 if docs/guide is stale)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "guide"


def stale(target: Path = TARGET) -> list[str]:
    """Files of docs/guide/ that differ from what the source gives (or should not be there)."""
    from qms_desktop.ui.help.web import web_pages

    pages = web_pages()
    wrong = [
        str(rel)
        for rel, text in pages.items()
        if not (target / rel).is_file() or (target / rel).read_text(encoding="utf-8") != text
    ]
    present = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    wrong += sorted(present - {str(rel) for rel in pages})
    return wrong


def write(target: Path = TARGET) -> int:
    from qms_desktop.ui.help.web import web_pages

    if target.exists():
        shutil.rmtree(target)
    pages = web_pages()
    for rel, text in pages.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return len(pages)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    if "--check" in sys.argv[1:]:
        wrong = stale()
        for name in wrong:
            print(f"stale: docs/guide/{name}")
        return 1 if wrong else 0
    print(f"wrote {write()} files to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
