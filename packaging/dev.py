"""Set up and use a development environment with one command (any OS, Python >= 3.11).

    python3 packaging/dev.py run     # make .venv, install, open the GUI on the demo organisation
    python3 packaging/dev.py test    # make .venv, install, run the whole test suite
    python3 packaging/dev.py bench   # run the benchmarks in tests/benchmarks
    python3 packaging/dev.py lint    # ruff check, ruff format --check, mypy, lint-imports

Extra arguments are passed on (to pytest for `test`, to `qms-desktop open` for `run`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("QMS_DESKTOP_VENV", ROOT / ".venv"))


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(extras: str) -> Path:
    """Create .venv and install the project with `extras`, again only when pyproject changes."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be run by an older python3
        raise SystemExit(
            f"QMS Desktop needs Python 3.11 or newer; this is {sys.version.split()[0]}"
        )
    python = venv_python()
    if not python.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras}"
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"installing QMS Desktop [{extras}] into {VENV}", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{extras}]"], check=True
        )
        stamp.write_text(digest)
    return python


def lint(python: Path) -> int:
    """The guard rails CI runs before the tests; every failing check is reported."""
    bin_dir = python.parent
    checks = [
        [str(python), "-m", "ruff", "check", "qms_desktop", "tests", "packaging"],
        [str(python), "-m", "ruff", "format", "--check", "qms_desktop", "tests", "packaging"],
        [str(python), "-m", "mypy", "qms_desktop"],
        [str(bin_dir / ("lint-imports.exe" if os.name == "nt" else "lint-imports"))],
    ]
    failed = 0
    for check in checks:
        print(
            "$",
            " ".join(Path(check[0]).name if i == 0 else a for i, a in enumerate(check)),
            flush=True,
        )
        failed |= subprocess.call(check, cwd=ROOT) != 0
    return int(failed)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "bench", "lint"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        python = ensure_venv("test")
        return subprocess.call(
            [str(python), "-m", "qms_desktop", "open", *(rest or ["--demo"])], cwd=ROOT
        )
    python = ensure_venv("test")
    if command == "test":
        return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)
    if command == "lint":
        return lint(python)
    code = 0
    for bench in sorted((ROOT / "tests" / "benchmarks").glob("bench_*.py")):
        print(f"== {bench.name}", flush=True)
        code |= subprocess.call([str(python), str(bench), *rest], cwd=ROOT)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
