"""Benchmark: what a workspace's first open reads before its dashboard can be shown — the
eight steps' rules (services.steps.step_summaries) and the dashboard's other reads (the
profile, the latest gap assessment's score and readiness, overdue actions; as
ui/pages/dashboard.py `compute_view` reads them) — in a fresh process with the workspace
already open, against the floor: Python's sqlite3 running the very statements ours ran
(captured with their parameters), on the same file, in a fresh process too.

    python tests/benchmarks/bench_first_open_reads.py [--runs 10] [--workspace FILE]

Two rows: everything ours pays (importing the services, SQLAlchemy setting up the mappers,
compiling each statement the first time, running them, building the results), and the same
once the services are imported and the mappers set up (what the statements themselves
cost). Byte-code is compiled first. Goal: none fixed (issue 17 helper brief: ours, floor,
ratio); without --workspace the demo organisation is written to a temporary folder.
"""

from __future__ import annotations

import json
import subprocess
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
    workspace_runs,
)

# argv: workspace, "cold" | "warm", [file to write the statements to]; prints seconds
OURS = r"""
import json, sys, time
from pathlib import Path
from qms_desktop.storage.workspace import Workspace
ws = Workspace.open(Path(sys.argv[1]))
ws.audit_head()  # the open's own first read, as the app does it before the dashboard
statements = []
if len(sys.argv) > 3:
    from sqlalchemy import event
    event.listen(ws.engine, "before_cursor_execute",
                 lambda c, cur, st, params, *a: statements.append((st, list(params or ()))))
def load():
    from qms_desktop.services import actions, checklist, profile, steps
    return actions, checklist, profile, steps
if sys.argv[2] == "warm":
    import importlib
    for name in ("registers", "allocation", "checklist", "document_control", "operate",
                 "review", "actions", "profile", "steps"):
        importlib.import_module("qms_desktop.services." + name)
    import qms_desktop.domain.policy
    from sqlalchemy.orm import configure_mappers
    configure_mappers()
t = time.perf_counter()
actions, checklist, profile, steps = load()
profile.get_profile(ws)
steps.step_summaries(ws)
latest = checklist.list_assessments(ws)[-1]
checklist.assessment_score(ws, latest.id)
checklist.assessment_readiness(ws, latest.id)
actions.overdue_count(ws)
print(time.perf_counter() - t)
ws.close()
if len(sys.argv) > 3:
    Path(sys.argv[3]).write_text(json.dumps(statements))
"""

FLOOR = r"""
import json, sqlite3, sys, time
from pathlib import Path
statements = json.loads(Path(sys.argv[2]).read_text())
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA foreign_keys=ON")
t = time.perf_counter()
for statement, params in statements:
    conn.execute(statement, params).fetchall()
print(time.perf_counter() - t)
conn.close()
"""


def main() -> int:
    runs, workspace = workspace_runs()
    compile_app()
    tmp = Path(tempfile.mkdtemp(prefix="qms-first-open-"))
    env = app_env(tmp)
    path = workspace or demo_workspace(tmp, env)
    captured = tmp / "statements.json"

    def proc(code: str, *argv: str) -> float:
        out = subprocess.run(
            [python(), "-c", code, *argv],
            check=True,
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        return float(out.stdout.split()[-1])

    proc(OURS, str(path), "cold", str(captured))  # warm-up, and the statements captured
    count = len(json.loads(captured.read_text()))
    cold: list[float] = []
    warm: list[float] = []
    floor: list[float] = []
    for _ in range(runs):  # interleaved, so machine noise hits all alike
        floor.append(proc(FLOOR, str(path), str(captured)))
        cold.append(proc(OURS, str(path), "cold"))
        warm.append(proc(OURS, str(path), "warm"))
    note = f"floor: sqlite3 running the same {count} statements on the same file, fresh process"
    row(
        f"first open's reads (step rules and dashboard), {count} statements, all costs",
        cold,
        floor,
        "",
        None,
        note=note + "; ours: services imported, mappers set up, statements compiled and run",
    )
    row(
        f"first open's reads, {count} statements, services imported and mappers set up",
        warm,
        floor,
        "",
        None,
        note=note + "; ours: statements compiled the first time and run, results built",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
