"""Every generated document carries the audit chain's head at issue in its control block, so a
copy of the head lives outside the workspace (a rewritten trail no longer matches it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest

from qms_desktop.services.documents import render_workspace_document
from qms_desktop.services.workspaces import open_workspace
from qms_desktop.storage.audit import read_head


@pytest.mark.parametrize(
    ("fmt", "lang", "label"),
    [("pdf", "zh_CN", "发布时的审计追踪"), ("docx", "en", "Audit trail at issue")],
)
def test_the_control_block_names_the_chain_head(
    demo_file: Path, tmp_path: Path, fmt: str, lang: str, label: str
):
    out = tmp_path / f"manual.{fmt}"
    with open_workspace(demo_file, read_only=True) as ws:
        with ws.reading() as s:
            count, head = read_head(s)
        render_workspace_document(ws, "quality-manual", lang=lang, fmt=fmt, out_path=out)
    if fmt == "pdf":
        text = subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True
        ).stdout
        flat = "".join(text.split())
    else:
        cells = [
            c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells
        ]
        text = "\n".join(cells)
        flat = "".join(text.split())
    assert label.replace(" ", "") in flat
    assert head in flat and str(count) in text


@pytest.mark.parametrize(("lang", "label"), [("en", "Reviewed by"), ("zh_CN", "审核")])
def test_the_control_block_names_the_reviewer(
    demo_file: Path, tmp_path: Path, lang: str, label: str
):
    """ISO 10013 asks who reviewed a document as well as who prepared and approved it."""
    from qms_desktop.documents.engine import _control_block

    block = _control_block({"author": "Ann", "reviewer": "Rui Li", "approver": "Bo"}, lang)
    labels = [name for name, _value in block.fields]
    assert labels.index(label) == labels.index("Prepared by" if lang == "en" else "编制") + 1
    assert dict(block.fields)[label] == "Rui Li"
