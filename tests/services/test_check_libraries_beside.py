"""The libraries' texts read back by a second process while `check` reads the trail
(services.workspaces._LibrariesBeside): the findings are those of reading them in the
checking process, whatever the second process does."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from qms_desktop.services import workspaces
from qms_desktop.services.workspaces import check_workspace


def _findings(path: Path) -> list[tuple[str, str]]:
    report = check_workspace(path)
    return [(m.code, m.text("en")) for m in report.findings] + [
        ("note", m.text("en")) for m in report.notes
    ]


@pytest.fixture
def beside(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The second process used for every trail; counts the texts read here."""
    monkeypatch.setattr(workspaces, "_BESIDE_FROM", 0)
    read_here: list[int] = []
    original = workspaces._library_rows

    def counted(content: str) -> tuple[object, ...]:
        read_here.append(len(content))
        return original(content)

    monkeypatch.setattr(workspaces, "_library_rows", counted)
    return read_here


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    with_beside = _findings(path)
    monkeypatch.setattr(workspaces, "_BESIDE", False)
    alone = _findings(path)
    monkeypatch.setattr(workspaces, "_BESIDE", True)
    assert with_beside == alone
    return with_beside


def _sql(path: Path, statement: str, *params: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(statement, params)
    conn.commit()
    conn.close()


def test_the_demo_is_sound_with_its_libraries_read_beside(demo_file: Path, beside: list[int]):
    report = check_workspace(demo_file)
    assert report.sound, report.problems
    assert beside == []  # every library text was read by the second process


def test_a_short_trail_reads_its_libraries_here(
    demo_file: Path, beside: list[int], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(workspaces, "_BESIDE_FROM", 10**9)
    assert check_workspace(demo_file).sound
    assert beside  # read here: no second process for a short trail


def test_an_edited_requirement_is_found_the_same(
    demo_file: Path, beside: list[int], monkeypatch: pytest.MonkeyPatch
):
    _sql(demo_file, "UPDATE requirement SET title_en = 'Optional resources' WHERE ref = '7.1.5'")
    found = _both_ways(demo_file, monkeypatch)
    assert any(
        code == "storage.check_requirement_differs" and "7.1.5" in text for code, text in found
    )


def test_a_rewritten_library_text_is_read_here_from_the_trail(
    demo_file: Path, beside: list[int], monkeypatch: pytest.MonkeyPatch
):
    """The stored text differs from the one the trail recorded, which the requirements
    are checked against: the second process read only the stored one, so the trail's is
    read here."""
    conn = sqlite3.connect(demo_file)
    (content,) = conn.execute("SELECT content FROM library").fetchone()
    conn.close()
    forged = content.replace("Monitoring and measuring resources", "Optional resources")
    _sql(demo_file, "UPDATE library SET content = ?", forged)
    beside.clear()
    found = _both_ways(demo_file, monkeypatch)
    assert any(code == "storage.check_value_differs" for code, _ in found)
    assert len(content) in beside


def test_a_text_that_is_not_a_library_is_noted_the_same(
    workspace_file: Path, beside: list[int], monkeypatch: pytest.MonkeyPatch
):
    from qms_desktop.storage.workspace import Workspace
    from tests.checklist_data import add_test_library

    with Workspace.open(workspace_file) as ws:
        add_test_library(ws)  # its text is "id: test-iso": not a library
    found = _both_ways(workspace_file, monkeypatch)
    assert [code for code, _ in found] == ["note"]
    assert "cannot be read as a library" in found[0][1]


@pytest.mark.parametrize(
    "script",
    [
        "raise SystemExit(2)",
        "import sys; sys.stdout.buffer.write(b'not marshal')",
        "import marshal, sys; sys.stdout.buffer.write(marshal.dumps({'x': [(1,)]}))",
        "import time; time.sleep(60)",
    ],
)
def test_a_second_process_that_fails_changes_nothing(
    demo_file: Path, beside: list[int], monkeypatch: pytest.MonkeyPatch, script: str
):
    _sql(demo_file, "UPDATE requirement SET title_en = 'Optional resources' WHERE ref = '7.1.5'")
    monkeypatch.setattr(workspaces, "_BESIDE", False)
    expected = _findings(demo_file)
    monkeypatch.setattr(workspaces, "_BESIDE", True)
    monkeypatch.setattr(workspaces, "_LIBRARIES_SCRIPT", script)
    monkeypatch.setattr(workspaces, "_BESIDE_WAIT", 0.5)  # one that hangs is not waited for
    assert _findings(demo_file) == expected


def test_the_second_process_is_stopped_when_the_check_fails(
    demo_file: Path, beside: list[int], monkeypatch: pytest.MonkeyPatch
):
    started: list[workspaces._LibrariesBeside] = []
    original = workspaces._LibrariesBeside.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type[workspaces._LibrariesBeside], ws: object) -> object:
        started.append(original(cls, ws))
        return started[-1]

    def fail(*args: object) -> None:
        raise RuntimeError("stop")

    monkeypatch.setattr(workspaces._LibrariesBeside, "start", classmethod(spy))
    monkeypatch.setattr(workspaces, "_LIBRARIES_SCRIPT", "import time; time.sleep(60)")
    monkeypatch.setattr(workspaces, "check_contents", fail)
    with pytest.raises(RuntimeError):
        check_workspace(demo_file)
    assert started and started[0] is not None and started[0]._proc is None  # killed, waited for


def test_a_file_whose_name_needs_quoting_has_its_libraries_read_beside(
    demo_file: Path, beside: list[int]
):
    odd = demo_file.with_name("a b#c?d%20 工作区.qms")
    shutil.copyfile(demo_file, odd)
    assert check_workspace(odd).sound
    assert beside == []
