"""Benchmark: a fresh process, from nothing imported to a workspace open for editing and its
first query answered (the organisation's name), whole process, against two floors run
interleaved in the same run:

- raw: Python's sqlite3 opening the same file and doing the same checks and query (the
  header read, SQLite's quick check, the schema objects listed, the name read);
- SQLAlchemy: SQLAlchemy's ORM imported, one mapped class, an engine and the same query —
  what any SQLAlchemy app pays before its own models, so ours/this is what is ours.

    python tests/benchmarks/bench_storage_open.py [--runs 10] [--workspace FILE]

Without --workspace the demo organisation is written to a temporary folder first.
Byte-code is compiled first, as an installed app has it. Goal (issue 17, helper brief):
none fixed; the ratio to the SQLAlchemy floor shows what the models and the open path add.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.common import (  # noqa: E402
    app_env,
    compile_app,
    demo_workspace,
    python,
    row,
    run_measured,
    workspace_runs,
)

OURS = r"""
import sys
from pathlib import Path
from sqlalchemy import select
from qms_desktop.storage.models import Organisation
from qms_desktop.storage.workspace import Workspace
ws = Workspace.open(Path(sys.argv[1]))
with ws.reading() as s:
    name = s.scalars(select(Organisation.name)).one()
assert name and not ws.read_only
ws.close()
"""

RAW = r"""
import sqlite3, sys
path = sys.argv[1]
with open(path, "rb") as f:
    assert f.read(16) == b"SQLite format 3\x00"
conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
assert conn.execute("PRAGMA quick_check(20)").fetchall() == [("ok",)]
conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
conn.close()
conn = sqlite3.connect(path)
conn.execute("PRAGMA foreign_keys=ON")
name = conn.execute("SELECT name FROM organisation").fetchone()[0]
assert name
conn.close()
"""

SQLALCHEMY = r"""
import sys
from sqlalchemy import Integer, Text, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
class Base(DeclarativeBase):
    pass
class Organisation(Base):
    __tablename__ = "organisation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
engine = create_engine("sqlite:///" + sys.argv[1])
with Session(engine) as s:
    name = s.scalars(select(Organisation.name)).one()
assert name
engine.dispose()
"""


def main() -> int:
    runs, workspace = workspace_runs()
    compile_app()
    tmp = Path(tempfile.mkdtemp(prefix="qms-storage-open-"))
    env = app_env(tmp)
    path = workspace or demo_workspace(tmp, env)
    size = path.stat().st_size / 1e6

    def proc(code: str) -> float:
        return run_measured([python(), "-c", code, str(path)], env=env)[0]

    ours: list[float] = []
    raw: list[float] = []
    alchemy: list[float] = []
    for i in range(runs + 1):  # interleaved, so machine noise hits all alike; one warm-up
        times = proc(RAW), proc(SQLALCHEMY), proc(OURS)
        if i:
            for runs_of, t in zip((raw, alchemy, ours), times, strict=True):
                runs_of.append(t)
    where = f"{path.name}, {size:.1f} MB"
    row(
        f"workspace open and first query, whole process ({where})",
        ours,
        raw,
        "",
        None,
        note="floor: sqlite3 opening the file, quick check, schema listed, the same query",
    )
    row(
        f"workspace open and first query, against SQLAlchemy alone ({where})",
        ours,
        alchemy,
        "",
        None,
        note="floor: SQLAlchemy ORM imported, one mapped class, an engine, the same query",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
