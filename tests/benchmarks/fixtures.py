"""Workspaces the benchmarks measure: 10², 10³, 10⁴ requirements, and 10⁴, 10⁵, 10⁶ audit
entries, built through the services as a user would make them and cached in the temp dir.

A cached file is used only when it was built by the same code (its name carries a hash of
the models, migrations, audit trail, checklist service and this file), so a schema change
rebuilds it. Benchmarks that write copy the file first (`working_copy`).

    python tests/benchmarks/fixtures.py [--requirements 100 1000 10000] [--entries 10000 ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REQUIREMENT_SIZES = (100, 1_000, 10_000)
ENTRY_SIZES = (10_000, 100_000, 1_000_000)
LIBRARIES = 4
ACTOR = "bench"
AUDITORS = [f"auditor{i}" for i in range(5)]

WORDS = (
    "customer complaint record review supplier service delivery training inspection calibration "
    "hygiene reservation housekeeping kitchen audit objective risk opportunity monitoring"
).split()

_SOURCES = (
    "qms_desktop/storage/models.py",
    "qms_desktop/domain/audit.py",
    "tests/benchmarks/fixtures.py",
)


def _code_hash() -> str:
    h = hashlib.sha256()
    for rel in _SOURCES:
        h.update((ROOT / rel).read_bytes())
    for path in sorted((ROOT / "qms_desktop/storage/migrations/versions").glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


PREFIX = "qms-bench-fixtures-"
STALE_AFTER = 3600  # seconds: caches of other code versions unused this long are removed


def cache_dir() -> Path:
    """Where built workspaces are kept (and the signing keys they were written with). Caches
    built by other versions of the code and unused for an hour are removed (the largest
    workspace is ~450 MB)."""
    temp = Path(tempfile.gettempdir())
    folder = temp / f"{PREFIX}{_code_hash()}"
    folder.mkdir(parents=True, exist_ok=True)
    for other in temp.glob(f"{PREFIX}*"):
        if other != folder and time.time() - other.stat().st_mtime > STALE_AFTER:
            shutil.rmtree(other, ignore_errors=True)
    return folder


def use_cached_keys() -> None:
    """Point the user-data folder at the fixtures' own, before the app is imported."""
    folder = cache_dir()
    os.environ.setdefault("QMS_DESKTOP_DATA", str(folder / "data"))
    os.environ.setdefault("QMS_DESKTOP_SETTINGS", str(folder / "settings.ini"))


def library(index: int, n: int) -> object:
    """A synthetic library of `n` requirements in sections of at most 50, with text in both
    languages (a LibraryCopy read back from its YAML, as `library add` stores one)."""
    from qms_desktop.domain.requirements import LibraryCopy, LibraryRow

    rows: list[LibraryRow] = []
    per_section = min(50, max(1, n))
    for s in range(max(1, n // per_section)):
        sec = f"S{s + 1}"
        rows.append(LibraryRow(sec, "", 0, True, f"Section {s + 1}", f"第{s + 1}节"))
        for r in range(per_section):
            words = " ".join(WORDS[(s * 7 + r * 3 + k) % len(WORDS)] for k in range(12))
            rows.append(
                LibraryRow(
                    f"{sec}.{r + 1}",
                    sec,
                    1,
                    False,
                    f"Requirement {s + 1}.{r + 1} {words[:40]}",
                    f"要求 {s + 1}.{r + 1}",
                    f"Look for {words}.",
                    f"查看{words}。",
                )
            )
    return LibraryCopy(f"lib{index}", f"Large library {index}", "", "1", "yaml", "", tuple(rows))


def stored_library(index: int, n: int) -> object:
    """`library` as the app stores it: its rows read back from the YAML text kept with them."""
    from qms_desktop.libraries import library_to_yaml, load_library_text

    return load_library_text(library_to_yaml(library(index, n)))  # type: ignore[arg-type]


def _build_requirements(path: Path, n: int) -> None:
    from qms_desktop.services import checklist as cl
    from qms_desktop.services.libraries import store_library
    from qms_desktop.services.workspaces import create_workspace

    ws = create_workspace(path, "Benchmark Org", actor=ACTOR)
    try:
        for i in range(LIBRARIES):
            store_library(ws, ACTOR, stored_library(i, n // LIBRARIES))  # type: ignore[arg-type]
    finally:
        ws.close()
    del cl


def _build_entries(path: Path, entries: int) -> None:
    """10 000 requirements, an assessment over them, then edits of 1 000 rows × 4 fields by
    five auditors until the trail holds `entries` entries."""
    from qms_desktop.services import checklist as cl
    from qms_desktop.storage.workspace import Workspace

    shutil.copyfile(requirements_workspace(10_000), path)
    rng = random.Random(1)
    ws = Workspace.open(path)
    try:
        info, _ = cl.create_assessment(
            ws, ACTOR, "Baseline", dt.date(2026, 1, 1), [f"lib{i}" for i in range(LIBRARIES)]
        )
        ids = [r.item_id for r in cl.checklist_rows(ws, info.id)]
        for n in range(3):
            cl.attach_evidence(
                ws, ACTOR, ids[n], name=f"record-{n}.pdf", data=rng.randbytes(50_000)
            )
        statuses = ["conforming", "partial", "nonconforming", "not_assessed"]
        done = ws.audit_head()[0]
        while done < entries:
            batch = rng.sample(ids, min(1000, len(ids), max(1, (entries - done) // 4)))
            changes: list[tuple[int, dict[str, object]]] = [
                (
                    i,
                    {
                        "status": rng.choice(statuses),
                        "current_practice": f"seen {rng.random():.6f}",
                        "evidence_notes": f"sampled {rng.random():.6f}",
                        "gap": f"gap {rng.random():.6f}",
                    },
                )
                for i in batch
            ]
            cl.apply_assessments(ws, rng.choice(AUDITORS), changes)
            done = ws.audit_head()[0]
    finally:
        ws.close()


def _cached(name: str, build: object) -> Path:
    path = cache_dir() / name
    if not path.exists():
        use_cached_keys()
        building = path.parent / f"building-{os.getpid()}-{path.stem}"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir()
        try:
            t = time.perf_counter()
            build(building / name)  # type: ignore[operator]
            os.replace(building / name, path)
        finally:
            shutil.rmtree(building, ignore_errors=True)  # the lock file left beside it
        print(f"(built {name} in {time.perf_counter() - t:.0f} s)", flush=True)
    return path


def requirements_workspace(n: int) -> Path:
    """A workspace holding `n` requirements in four libraries (no assessment yet)."""
    return _cached(f"requirements-{n}.qms", lambda p: _build_requirements(p, n))


def entries_workspace(entries: int) -> Path:
    """A workspace with a 10 000-requirement assessment and about `entries` audit entries."""
    return _cached(f"entries-{entries}.qms", lambda p: _build_entries(p, entries))


def working_copy(source: Path, folder: Path, name: str | None = None) -> Path:
    """A copy of a cached workspace that a benchmark may change."""
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requirements", type=int, nargs="*", default=list(REQUIREMENT_SIZES))
    parser.add_argument("--entries", type=int, nargs="*", default=list(ENTRY_SIZES))
    args = parser.parse_args()
    use_cached_keys()
    for n in args.requirements:
        print(requirements_workspace(n))
    for n in args.entries:
        print(entries_workspace(n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
