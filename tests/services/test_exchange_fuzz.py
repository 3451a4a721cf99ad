"""Fuzzing the checklist import: random bytes and mutations of real exported files, read with
a dry run. Whatever comes in, only an ExchangeError (or a plan) comes out, and the workspace
is untouched.

The default run is small and repeatable (the same examples each time). For a longer random
campaign: QMS_FUZZ_EXAMPLES=5000 pytest tests/services/test_exchange_fuzz.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qms_desktop.services import checklist as cl
from qms_desktop.services.exchange import ExchangeError, ImportReport, export_checklist, plan_import
from qms_desktop.storage.workspace import Workspace
from tests.checklist_data import add_test_library

EXAMPLES = int(os.environ.get("QMS_FUZZ_EXAMPLES", "150"))

# Byte strings that tend to reach unusual paths in zip, XML and CSV readers.
TOKENS = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x81",
    b'"',
    b"'",
    b",",
    b"\r",
    b"\n",
    b"\t",
    b"=",
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#0;",
    b"&#xD800;",
    b"<!DOCTYPE x>",
    b"<![CDATA[",
    b"]]>",
    b"<?xml",
    b"</row>",
    b"<row>",
    b"<c>",
    b"</c>",
    b"<c/>",
    b'<f t="array">1</f>',
    b"<f/>",
    b"<v>1e999</v>",
    b"<v>nan</v>",
    b'r="XFD1048576"',
    b'r="A0"',
    b'r="-1"',
    b'r="99999999999"',
    b't="d"',
    b't="e"',
    b't="b"',
    b't="s"',
    b't="n"',
    b's="9999"',
    b'ref="A1:XFD1048576"',
    b'<mergeCell ref="A1:B2"/>',
    b"99999999999999999999",
    b"-1",
    b"0",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"PK\x01\x02",
    b"\x1a",
    b"conforming",
    b"not_applicable",
    b"2026-13-45",
    b"test-iso",
    b"4.1",
]


@dataclass
class Subject:
    ws: Workspace
    xlsx: bytes
    csv: bytes
    members: dict[str, bytes]
    folder: Path

    def digest(self) -> str:
        return hashlib.sha256(self.ws.path.read_bytes()).hexdigest()

    def statuses(self) -> dict[str, str]:
        info = cl.list_assessments(self.ws)[-1]
        return {r.ref: r.item.status.value for r in cl.checklist_rows(self.ws, info.id)}


@pytest.fixture(scope="module")
def subject(template_workspace: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copyfile(template_workspace, folder / "org.qms")
    ws = Workspace.open(folder / "org.qms")
    add_test_library(ws)
    info, _ = cl.create_assessment(ws, "t", "Baseline", dt.date(2026, 10, 1), ["test-iso"])
    rows = {r.ref: r for r in cl.checklist_rows(ws, info.id)}
    cl.assess_requirement(
        ws,
        "Lin",
        rows["8.5.1"].item_id,
        status="nonconforming",
        grade="major",
        gap="No checklist 没有",
        action_due="2026-12-01",
        action_priority="high",
        action_state="open",
        action_text="Write one",
    )
    export_checklist(ws, folder / "c.xlsx")
    export_checklist(ws, folder / "c.csv", lang="zh_CN")
    xlsx = (folder / "c.xlsx").read_bytes()
    with zipfile.ZipFile(folder / "c.xlsx") as z:
        members = {n: z.read(n) for n in z.namelist()}
    yield Subject(ws, xlsx, (folder / "c.csv").read_bytes(), members, folder)
    ws.close()


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "token", "delete", "truncate", "repeat", "bytes"]))
        if kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[at:]
        elif kind == "repeat":
            piece = bytes(data[at : at + draw(st.integers(1, 64))])
            data[at:at] = piece * draw(st.integers(1, 50))
        else:
            data[at : at + draw(st.integers(0, 8))] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


@st.composite
def rezipped(draw: st.DrawFn, members: dict[str, bytes]) -> bytes:
    """A well-formed zip whose parts (XML mostly) are mutated: reaches openpyxl's parsers."""
    names = sorted(members)
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    dropped = draw(st.sets(st.sampled_from(names), max_size=1))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name in names:
            if name in dropped and name not in chosen:
                continue
            z.writestr(name, draw(mutated(members[name])) if name in chosen else members[name])
    return out.getvalue()


def inputs(subject: Subject) -> st.SearchStrategy[tuple[str, bytes]]:
    return st.one_of(
        st.tuples(st.sampled_from([".xlsx", ".csv"]), st.binary(max_size=4096)),
        st.tuples(st.just(".xlsx"), mutated(subject.xlsx)),
        st.tuples(st.just(".xlsx"), rezipped(subject.members)),
        st.tuples(st.just(".xlsx"), rezipped(subject.members)),
        st.tuples(st.just(".csv"), mutated(subject.csv)),
    )


def test_hostile_files_give_one_clear_error_and_change_nothing(subject: Subject) -> None:
    before = (subject.digest(), subject.statuses())
    seen: dict[str, int] = {}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=EXAMPLES <= 150,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def run(data: st.DataObject) -> None:
        suffix, content = data.draw(inputs(subject))
        path = subject.folder / f"in{suffix}"
        path.write_bytes(content)
        try:
            result = plan_import(subject.ws, path)
        except ExchangeError as exc:
            assert exc.code.startswith("exchange."), exc.code
            assert path.name in str(exc) or exc.code == "exchange.invalid_value", str(exc)
            assert exc.text("zh_CN") and not exc.text("zh_CN").startswith("exchange.")
            seen[exc.code] = seen.get(exc.code, 0) + 1
        else:
            assert isinstance(result, ImportReport)
            seen["ok"] = seen.get("ok", 0) + 1

    run()
    assert (subject.digest(), subject.statuses()) == before
    # the run reached past the zip layer into the sheet (not only "not a workbook")
    assert len(seen) >= 4, seen
