"""A reference .docx (the user's styles) is read from a file that can be damaged or hostile:
mutated files (hypothesis) and a zip bomb give one DocumentError and write nothing."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from qms_desktop.documents.docx_writer import write_docx
from qms_desktop.documents.errors import DocumentError
from qms_desktop.documents.model import Document, Heading, Paragraph, Run

EXAMPLES = int(os.environ.get("QMS_FUZZ_EXAMPLES", "60"))
DOC = Document(
    "Manual", "QM-01", "A", "Org", "en", (Heading(1, (Run("Scope"),)), Paragraph((Run("Text"),)))
)


def _reference_bytes() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


REFERENCE = _reference_bytes()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    changes=st.lists(
        st.tuples(st.integers(0, len(REFERENCE) - 1), st.integers(0, 255)), min_size=1, max_size=16
    )
)
@example(changes=[(36414, 64)])  # found in CI: a 'zip version 6.4' header (NotImplementedError)
def test_a_mutated_reference_docx_is_used_or_refused_clearly(tmp_path_factory, changes):
    folder = tmp_path_factory.mktemp("ref")
    data = bytearray(REFERENCE)
    for offset, value in changes:
        data[offset] = value
    reference = folder / "styles.docx"
    reference.write_bytes(bytes(data))
    out = folder / "out.docx"
    try:
        write_docx(DOC, out, reference)
    except DocumentError as exc:
        assert exc.text("zh_CN") and exc.text("en")
        assert not out.exists()


def test_a_reference_docx_that_is_a_zip_bomb_is_refused_before_it_is_read(tmp_path: Path):
    reference = tmp_path / "bomb.docx"
    with zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as zf:
        with zipfile.ZipFile(io.BytesIO(REFERENCE)) as good:
            for info in good.infolist():
                zf.writestr(info, good.read(info))
        zf.writestr("word/padding.xml", b"<a/>" + b" " * (80 * 1024 * 1024))
    assert reference.stat().st_size < 1_000_000
    try:
        write_docx(DOC, tmp_path / "out.docx", reference)
    except DocumentError as exc:
        assert exc.code == "documents.reference_too_large"
    else:
        raise AssertionError("the bomb was read")
    assert not (tmp_path / "out.docx").exists()
