"""Fuzzing the readers that meet a file before anything else (hypothesis, bounded): a
workspace file of random or mutated bytes is refused with one WorkspaceError and left
byte-identical; an evidence file name of any text becomes a safe base name."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qms_desktop.domain.errors import WorkspaceError
from qms_desktop.domain.filenames import safe_file_name
from qms_desktop.storage.workspace import Workspace, read_header

EXAMPLES = int(os.environ.get("QMS_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _mutations() -> st.SearchStrategy[list[tuple[int, int]]]:
    return st.lists(st.tuples(st.integers(0, 8191), st.integers(0, 255)), min_size=1, max_size=24)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_are_refused_and_left_alone(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("fz") / "random.qms"
    path.write_bytes(data)
    try:
        read_header(path)
        Workspace.open(path, read_only=True).close()
    except WorkspaceError as exc:
        assert exc.text("zh_CN") and exc.text("en")
    assert path.read_bytes() == data
    assert not path.with_name(path.name + ".lock").exists()


@FUZZ
@given(changes=_mutations(), cut=st.one_of(st.none(), st.integers(0, 65536)))
def test_a_mutated_workspace_is_opened_soundly_or_refused_unchanged(
    tmp_path_factory, template_workspace: Path, changes: list[tuple[int, int]], cut: int | None
):
    path = tmp_path_factory.mktemp("fz") / "mutated.qms"
    shutil.copyfile(template_workspace, path)
    data = bytearray(path.read_bytes())
    for offset, value in changes:
        data[offset % len(data)] = value
    if cut is not None:
        data = data[: max(0, min(cut, len(data)))]
    path.write_bytes(bytes(data))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        ws = Workspace.open(path, read_only=True)
    except WorkspaceError as exc:
        assert exc.text("en")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    else:
        ws.close()


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(name=st.text(max_size=400))
def test_any_evidence_name_becomes_a_safe_base_name(name: str):
    safe = safe_file_name(name)
    assert safe and safe not in (".", "..")
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert not any(ord(ch) < 32 for ch in safe)
    assert len(safe.encode()) <= 220
    assert not safe.startswith(".")
    assert safe.split(".")[0].upper() not in {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
    }
    assert safe_file_name(safe) == safe  # already safe: left as it is
