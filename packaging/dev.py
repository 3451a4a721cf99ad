"""Set up and use a development environment with one command (any OS, Python >= 3.11).

    python3 packaging/dev.py run     # make .venv, install, open the GUI on the demo organisation
    python3 packaging/dev.py test    # make .venv, install, run the whole test suite
    python3 packaging/dev.py bench   # run the benchmarks in tests/benchmarks
    python3 packaging/dev.py lint    # ruff check, ruff format --check, mypy, lint-imports
    python3 packaging/dev.py bundle  # build the desktop bundle for this platform, smoke-test it

Extra arguments are passed on (to pytest for `test`, to `qms-desktop open` for `run`).
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("QMS_DESKTOP_VENV", ROOT / ".venv"))
APP_ID = "org.qmsdesktop.QmsDesktop"  # as qms_desktop/identity.py (a test keeps them equal)


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


SPEC = ROOT / "packaging" / "pyinstaller" / "qms-desktop.spec"
GOAL_MB = 150  # unpacked, Linux


def bundle_executable(folder: Path) -> Path:
    """The command-line executable inside a built bundle folder (or .app)."""
    if folder.suffix == ".app":
        return folder / "Contents" / "MacOS" / "qms-desktop"
    return folder / ("qms-desktop.exe" if os.name == "nt" else "qms-desktop")


def build_bundle(python: Path, dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; the one-folder bundle (the .app on macOS)."""
    subprocess.run(
        [
            str(python),
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ],
        check=True,
        cwd=ROOT,
    )
    app = dist / "QMS Desktop.app"
    if sys.platform == "darwin" and app.exists():
        return app
    folder = dist / "qms-desktop"
    if sys.platform.startswith("linux"):
        add_linux_desktop_files(folder)
    return folder


def add_linux_desktop_files(folder: Path) -> None:
    """share/ (menu entry, .qms MIME type, AppStream data, icons) and the script that
    registers them for the user, beside the executable; the AppImage recipe uses share/."""
    linux, icons, app_id = ROOT / "packaging" / "linux", ROOT / "resources" / "icons", APP_ID
    share = folder / "share"
    shutil.rmtree(share, ignore_errors=True)
    (share / "applications").mkdir(parents=True)
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(linux / f"{app_id}.desktop", share / "applications")
    shutil.copy2(linux / f"{app_id}.xml", share / "mime" / "packages")
    shutil.copy2(linux / f"{app_id}.metainfo.xml", share)
    for png in sorted(icons.glob("*-*.png")):
        name, size = png.stem.rsplit("-", 1)
        kind, target = (
            ("apps", f"{app_id}.png")
            if name == "qms-desktop"
            else ("mimetypes", "application-x-qms-workspace.png")
        )
        place = share / "icons" / "hicolor" / f"{size}x{size}" / kind
        place.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, place / target)
    shutil.copy2(linux / "install-desktop-integration.sh", folder)


def smoke_test_bundle(folder: Path) -> int:
    """The bundle's own smoke test, offscreen, in a private user-data folder: the GUI visits
    every page, and the document path (charts, PDF, DOCX, XLSX, the signed audit trail)
    runs once, so a library the GUI alone does not load cannot be missing."""
    exe = bundle_executable(folder)
    with tempfile.TemporaryDirectory(prefix="qms-bundle-smoke-") as tmp:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            QMS_DESKTOP_DATA=str(Path(tmp) / "data"),
            QMS_DESKTOP_SETTINGS=str(Path(tmp) / "settings.ini"),
        )
        env.pop("PYTHONPATH", None)
        demo = str(Path(tmp) / "demo.qms")
        commands = [
            ["--version"],
            ["open", "--demo", "--smoke-test"],
            ["demo", demo, "--lang", "zh_CN"],
            ["render", demo, "gap-report", "-o", str(Path(tmp) / "gap.pdf")],
            ["render", demo, "quality-manual", "-o", str(Path(tmp) / "manual.docx")],
            ["checklist", "export", demo, str(Path(tmp) / "checklist.xlsx")],
            ["check", demo],
        ]
        for args in commands:
            print("$", exe.name, *args, flush=True)
            code = subprocess.call([str(exe), *args], env=env, cwd=tmp)
            if code != 0:
                return code
    return 0


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def size_report(folder: Path, top: int = 10) -> str:
    """Total unpacked size and the biggest parts (files and folders one level inside)."""
    inner = folder / "_internal"
    if not inner.is_dir():
        inner = folder / "Contents" / "Frameworks"
    parts = [folder / "qms-desktop", *(inner.iterdir() if inner.is_dir() else [])]
    sizes = sorted(
        (
            (folder_size(p) if p.is_dir() else p.stat().st_size, p.name)
            for p in parts
            if p.exists() and not p.is_symlink()
        ),
        reverse=True,
    )
    lines = [f"bundle {folder}: {folder_size(folder) / 1e6:.0f} MB unpacked; largest parts:"]
    lines += [f"  {size / 1e6:6.1f} MB  {name}" for size, name in sizes[:top]]
    return "\n".join(lines)


def archive_bundle(folder: Path, version: str) -> Path:
    """The artefact to publish: a .tar.gz on Linux, a .zip elsewhere (the Windows installer
    and the macOS .dmg are made from the folder by packaging/windows and packaging/macos)."""
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform, "other")
    base = folder.parent / f"qms-desktop-{version}-{system}-{platform.machine().lower()}"
    if system == "macos":  # ditto keeps the .app's symlinks and signatures; zip would not
        target = base.with_name(base.name + ".zip")
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(folder), str(target)], check=True)
        return target
    fmt = "gztar" if system == "linux" else "zip"
    return Path(shutil.make_archive(str(base), fmt, folder.parent, folder.name))


def bundle(python: Path, rest: list[str]) -> int:
    dist = Path(rest[rest.index("--dist") + 1]) if "--dist" in rest else ROOT / "dist"
    folder = build_bundle(python, dist.resolve(), ROOT / "build" / "pyinstaller")
    print(size_report(folder), flush=True)
    if folder_size(folder) > GOAL_MB * 1e6:
        print(f"warning: the bundle is over the {GOAL_MB} MB goal; see what grew above")
    code = smoke_test_bundle(folder)
    if code != 0:
        print("bundle smoke test FAILED", file=sys.stderr)
        return code
    version = subprocess.run(
        [str(python), "-c", "from qms_desktop.identity import app_version; print(app_version())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"wrote {archive_bundle(folder, version)}")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "bench", "lint", "bundle"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        python = ensure_venv("test")
        return subprocess.call(
            [str(python), "-m", "qms_desktop", "open", *(rest or ["--demo"])], cwd=ROOT
        )
    if command == "bundle":
        return bundle(ensure_venv("bundle"), rest)
    python = ensure_venv("test")
    if command == "test":
        return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)
    if command == "lint":
        return lint(python)
    code = 0
    for bench in [ROOT / "tests" / "benchmarks" / "run_all.py"]:  # runs them all, one table
        print(f"== {bench.name}", flush=True)
        code |= subprocess.call([str(python), str(bench), *rest], cwd=ROOT)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
