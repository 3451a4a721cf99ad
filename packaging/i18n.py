"""Keep the translations in step with the code.

python packaging/i18n.py update    # re-scan the GUI sources into the .ts (keeps translations)
python packaging/i18n.py release   # compile the .ts into the .qm the app loads
python packaging/i18n.py check     # exit 1 if a string lacks a translation or the .qm is stale
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "qms_desktop_zh_CN.ts"
QM = TS.with_suffix(".qm")


def gui_sources() -> list[Path]:
    return sorted((ROOT / "qms_desktop" / "ui").rglob("*.py")) + [ROOT / "qms_desktop" / "app.py"]


def tool(name: str) -> str:
    """Path of pyside6-lupdate / pyside6-lrelease next to the running Python."""
    here = Path(sys.executable).parent
    for candidate in (here / f"pyside6-{name}", here / f"pyside6-{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found; install PySide6")
    return found


def update(ts: Path = TS) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *map(str, gui_sources()),
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )


def release(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → translation, or None when unfinished or empty."""
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            text = tr.text if tr is not None else None
            unfinished = tr is not None and tr.get("type") in ("unfinished", "vanished", "obsolete")
            out[(name, source)] = None if unfinished or not text else text
    return out


def problems() -> list[str]:
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        update(fresh)
        committed = messages(TS)
        for key in messages(fresh):
            if key not in committed:
                found.append(f"not in {TS.name}: [{key[0]}] {key[1]!r}")
            elif committed[key] is None:
                found.append(f"no translation: [{key[0]}] {key[1]!r}")
        qm = Path(tmp) / "fresh.qm"
        release(TS, qm)
        if not QM.exists() or QM.read_bytes() != qm.read_bytes():
            found.append(f"{QM.name} is older than {TS.name}: run python packaging/i18n.py release")
    return found


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "release":
        release()
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
