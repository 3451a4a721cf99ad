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
