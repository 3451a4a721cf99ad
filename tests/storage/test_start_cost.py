"""What opening a workspace costs a fresh process (issue 17): nothing is imported or done on
the way to the first query that only some paths need, and nothing that saves time changes
what is stored or checked. Each test runs a new Python process, as a start does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from qms_desktop.storage import models
from qms_desktop.storage.models import Base
from qms_desktop.storage.workspace import model_shape

ROOT = Path(__file__).resolve().parents[2]


def run(code: str, *args: str) -> dict[str, object]:
    """Run `code` in a fresh interpreter; it prints one JSON object."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


OPEN_AND_READ = r"""
import json, sys
from pathlib import Path
from sqlalchemy import select
from qms_desktop.storage.workspace import Workspace
from qms_desktop.storage.models import Organisation
ws = Workspace.open(Path(sys.argv[1]))
with ws.reading() as s:
    name = s.scalars(select(Organisation.name)).one()
editable = not ws.read_only
ws.close()
print(json.dumps({
    "name": name,
    "editable": editable,
    "crypto": sorted(m for m in sys.modules if m.split(".")[0] == "cryptography"),
}))
"""


def test_opening_and_reading_a_workspace_imports_no_cryptography(workspace_file: Path):
    """The signing library (~25 ms to import) is needed to write or check signatures, not to
    open a workspace for editing and read it."""
    seen = run(OPEN_AND_READ, str(workspace_file))
    assert seen["editable"] is True
    assert seen["name"]
    assert seen["crypto"] == []


EDIT_THEN_CHECK = r"""
import json, sys
from pathlib import Path
from qms_desktop.services.profile import update_profile
from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage.workspace import Workspace
with Workspace.open(Path(sys.argv[1])) as ws:
    update_profile(ws, "Wang Fang", address="1 Harbour Road")
report = check_workspace(Path(sys.argv[1]))
import sqlite3
conn = sqlite3.connect(sys.argv[1])
signed = conn.execute(
    "SELECT count(*) FROM audit_entry WHERE actor = 'Wang Fang' AND signature IS NOT NULL"
).fetchone()[0]
print(json.dumps({"signed": signed, "problems": list(report.problems)}))
"""


def test_the_first_edit_of_a_fresh_process_is_signed_and_checks_clean(workspace_file: Path):
    """With the signing library imported on first use, an edit made first thing in a new
    process is still signed, and `check` (a process that imported it only to verify) finds
    the signature good."""
    seen = run(EDIT_THEN_CHECK, str(workspace_file))
    assert seen["signed"] == 1
    assert seen["problems"] == []


FROZEN = r"""
import gc, json
from qms_desktop.storage.models import Organisation
print(json.dumps({
    "enabled": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
    # what the import made stays out of later collections (it made ~90 000 objects)
    "models_frozen": gc.is_tracked(Organisation) and gc.get_freeze_count() > 50_000,
}))
"""


def test_importing_storage_freezes_what_it_made_and_leaves_the_collector_on():
    """SQLAlchemy and the models are imported with the collector paused; what they made is
    frozen (never walked again), and the collector runs again afterwards."""
    seen = run(FROZEN)
    assert seen["enabled"] is True
    assert seen["models_frozen"] is True


COLLECTOR_OFF = r"""
import gc, json
gc.disable()
import qms_desktop.storage.workspace
print(json.dumps({"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}))
"""


def test_a_process_that_turned_the_collector_off_is_left_to_manage_it():
    assert run(COLLECTOR_OFF) == {"enabled": False, "frozen": 0}


def test_model_annotations_are_evaluated_objects_not_strings():
    """SQLAlchemy evaluates string annotations again for every column at import (~10 ms);
    the models hand it the objects. A `from __future__ import annotations` put back in
    models.py fails here."""
    for mapper in Base.registry.mappers:
        for klass in mapper.class_.__mro__:
            if klass.__module__ != models.__name__:
                continue
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                assert not isinstance(annotation, str), (klass.__name__, name)


def test_the_models_still_describe_the_same_tables():
    """Evaluated annotations give the same columns (type, NOT NULL, key) as before: the
    demo's schema and the models' agree (the migrations test compares them in full)."""
    organisation = model_shape(Base.metadata)["organisation"][0]
    assert ("logo", "BLOB", False, False) in organisation
    assert ("name", "TEXT", True, False) in organisation
    assert ("id", "INTEGER", True, True) in organisation
