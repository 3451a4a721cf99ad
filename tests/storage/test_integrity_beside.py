"""The hash chain checked by a second process beside the replay (integrity._ChainBeside):
the findings are those of the check in one process, whatever the second process does."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from qms_desktop.services.workspaces import check_workspace
from qms_desktop.storage import integrity
from qms_desktop.storage.workspace import Workspace
from tests.storage.test_integrity import _sql
from tests.storage.test_integrity import long_trail as _long_trail


@pytest.fixture
def long_trail(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Path:
    """test_integrity's trail of ~60 entries by three writers, read in chunks of 7."""
    return _long_trail.__wrapped__(workspace, monkeypatch)  # type: ignore[attr-defined]


def _findings(path: Path) -> list[tuple[str, str]]:
    """The findings and notes of `check`, in order."""
    report = check_workspace(path)
    return [(m.code, m.text("en")) for m in report.findings] + [
        ("note", m.text("en")) for m in report.notes
    ]


def _problems(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [f for f in found if f[0] != "note"]  # the test library's text is only noted


def _both_ways(
    path: Path, monkeypatch: pytest.MonkeyPatch, *, first_chunk_sound: bool = True
) -> list[tuple[str, str]]:
    """The findings with the chain checked beside, after checking they are those of the
    check in one process, and that the second process was asked (and vouched for the
    first chunk when it is sound)."""
    vouched: list[bool] = []
    original = integrity._ChainBeside.vouches

    def spy(self: integrity._ChainBeside, digests: list[object]) -> bool:
        vouched.append(original(self, digests))
        return vouched[-1]

    monkeypatch.setattr(integrity._ChainBeside, "vouches", spy)
    beside = _findings(path)
    assert vouched and vouched[0] == first_chunk_sound
    monkeypatch.setattr(integrity, "_BESIDE", False)
    alone = _findings(path)
    monkeypatch.setattr(integrity, "_BESIDE", True)
    assert beside == alone
    return beside


def _swap_ids(path: Path, seq_a: int, seq_b: int) -> None:
    conn = sqlite3.connect(path)
    (a,) = conn.execute("SELECT id FROM audit_entry WHERE seq = ?", (seq_a,)).fetchone()
    (b,) = conn.execute("SELECT id FROM audit_entry WHERE seq = ?", (seq_b,)).fetchone()
    conn.execute("UPDATE audit_entry SET id = -1 WHERE id = ?", (a,))
    conn.execute("UPDATE audit_entry SET id = ? WHERE id = ?", (a, b))
    conn.execute("UPDATE audit_entry SET id = ? WHERE id = -1", (b,))
    conn.commit()
    conn.close()


TAMPERING: dict[str, Callable[[Path], None]] = {
    "edited": lambda p: _sql(p, "UPDATE audit_entry SET new_value = 'forged' WHERE seq = 40"),
    "edited time": lambda p: _sql(p, "UPDATE audit_entry SET at_utc = 'x' WHERE seq = 12"),
    "deleted": lambda p: _sql(p, "DELETE FROM audit_entry WHERE seq = 33"),
    "last deleted": lambda p: _sql(
        p, "DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)"
    ),
    "link broken": lambda p: _sql(p, "UPDATE audit_entry SET prev_hash = 'ab' WHERE seq = 22"),
    "hash as bytes": lambda p: _sql(
        p, "UPDATE audit_entry SET hash = CAST(hash AS BLOB) WHERE seq = 8"
    ),
    "reordered": lambda p: _swap_ids(p, 45, 46),
    "first edited": lambda p: _sql(p, "UPDATE audit_entry SET actor = 'eve' WHERE seq = 1"),
}


def test_a_sound_trail_is_sound_both_ways(long_trail: Path, monkeypatch: pytest.MonkeyPatch):
    vouched: list[bool] = []
    original = integrity._ChainBeside.vouches
    monkeypatch.setattr(
        integrity._ChainBeside,
        "vouches",
        lambda self, digests: vouched.append(original(self, digests)) or vouched[-1],
    )
    assert _problems(_findings(long_trail)) == []
    assert len(vouched) > 8 and all(vouched)  # every chunk of 7 vouched for by the other process
    monkeypatch.setattr(integrity._ChainBeside, "vouches", original)
    assert _problems(_both_ways(long_trail, monkeypatch)) == []


@pytest.mark.parametrize("how", list(TAMPERING))
def test_the_first_break_is_reported_as_in_one_process(
    long_trail: Path, monkeypatch: pytest.MonkeyPatch, how: str
):
    TAMPERING[how](long_trail)
    found = _both_ways(long_trail, monkeypatch, first_chunk_sound=how != "first edited")
    chain = [f for f in found if f[0].startswith("storage.check_chain_")]
    assert len(chain) == 1, found  # the first break, named once


def test_a_second_process_reading_other_entries_is_not_believed(
    long_trail: Path, monkeypatch: pytest.MonkeyPatch
):
    """A second process that saw another trail (here: read backwards, so its chain does
    not run on) vouches for nothing; the check in this process decides."""
    expected = _findings(long_trail)
    monkeypatch.setattr(integrity, "_CHAIN_QUERY", integrity._CHAIN_QUERY + " DESC")
    assert _findings(long_trail) == expected and _problems(expected) == []
    _sql(long_trail, "UPDATE audit_entry SET new_value = 'forged' WHERE seq = 40")
    monkeypatch.setattr(integrity, "_BESIDE", False)
    expected = _findings(long_trail)
    monkeypatch.setattr(integrity, "_BESIDE", True)
    assert _findings(long_trail) == expected
    assert ("storage.check_chain_altered") in {code for code, _ in expected}


def test_a_second_process_vouching_for_other_hashes_is_not_believed(
    long_trail: Path, monkeypatch: pytest.MonkeyPatch
):
    """It says "ok" for every chunk of 7, ending with a hash that is not the one read
    here: the chain is checked here and the edit found."""
    script = "import sys\nfor _ in range(1000): sys.stdout.write('ok 7 ' + '0' * 64 + '\\n')\n"
    monkeypatch.setattr(integrity, "_CHAIN_SCRIPT", script)
    _sql(long_trail, "UPDATE audit_entry SET new_value = 'forged' WHERE seq = 40")
    found = _findings(long_trail)
    monkeypatch.setattr(integrity, "_BESIDE", False)
    assert found == _findings(long_trail)
    assert "storage.check_chain_altered" in {code for code, _ in found}


@pytest.mark.parametrize("problem", ["cannot start", "dies", "says nothing"])
def test_without_a_working_second_process_the_check_is_made_here(
    long_trail: Path, monkeypatch: pytest.MonkeyPatch, problem: str
):
    if problem == "cannot start":

        def refuse(*args: object, **kwargs: object) -> None:
            raise OSError("no")

        monkeypatch.setattr(integrity.subprocess, "Popen", refuse)
    else:
        script = (
            "raise SystemExit(3)" if problem == "dies" else "import sys; sys.stdout.write('\\n')"
        )
        monkeypatch.setattr(integrity, "_CHAIN_SCRIPT", script)
    assert _problems(_findings(long_trail)) == []
    _sql(long_trail, "DELETE FROM audit_entry WHERE seq = 33")
    found = _findings(long_trail)
    assert found[0][0] == "storage.check_chain_order" and "34" in found[0][1]


def test_no_second_process_for_a_database_in_memory():
    conn = sqlite3.connect(":memory:")
    assert integrity._ChainBeside.start(conn) is None


def test_the_second_process_is_gone_after_the_check(
    long_trail: Path, monkeypatch: pytest.MonkeyPatch
):
    started: list[integrity._ChainBeside] = []
    original = integrity._ChainBeside.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type[integrity._ChainBeside], conn: sqlite3.Connection):
        beside = original(cls, conn)
        started.append(beside)
        return beside

    monkeypatch.setattr(integrity._ChainBeside, "start", classmethod(spy))
    _sql(long_trail, "UPDATE audit_entry SET new_value = 'forged' WHERE seq = 9")
    check_workspace(long_trail)
    assert started and started[0] is not None
    assert started[0]._proc is None  # closed: killed (it stopped at the break) and waited for


def test_a_file_whose_name_needs_quoting_is_checked_beside(
    long_trail: Path, monkeypatch: pytest.MonkeyPatch
):
    odd = long_trail.with_name("a b#c?d%20 工作区.qms")
    shutil.copyfile(long_trail, odd)
    vouched: list[bool] = []
    original = integrity._ChainBeside.vouches
    monkeypatch.setattr(
        integrity._ChainBeside,
        "vouches",
        lambda self, digests: vouched.append(original(self, digests)) or vouched[-1],
    )
    assert _problems(_findings(odd)) == []
    assert vouched and all(vouched)
