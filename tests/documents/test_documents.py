"""Documents read back: DOCX through python-docx, PDF text and fonts through pypdf."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from qms_desktop.documents import TemplateError, list_templates, render_document
from qms_desktop.services import audits, registers
from qms_desktop.services.demo import write_demo
from qms_desktop.services.documents import build_context, render_workspace_document
from qms_desktop.services.profile import update_profile
from qms_desktop.storage.workspace import Workspace

TEMPLATES = [
    "complaints-and-recovery-report",
    "gap-report",
    "internal-audit-report",
    "management-review-report",
    "quality-cost-report",
    "quality-manual",
    "responsibility-matrix",
    "satisfaction-survey-report",
    "service-commitment",
    "service-outline",
    "service-recovery-plan",
]
HOSTILE = (
    "<b>bold?</b> & ]]> {{ 7*7 }} {% if x %} # heading? **star** |a|b| \x00\x07\x1b "
    '🙂 مرحبا שלום 中文 </para> R&D <img src="/no/such/file.png"/> <a href="https://x.example">a</a> '
    "vt\x0bff\x0cls\u2028ps\u2029nel\x85fs\x1cgs\x1drs\x1eend" + " long" * 20_000
)


@pytest.fixture(scope="module")
def demo_workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docs")
    return {lang: write_demo(folder / f"{lang}.qms", lang) for lang in ("en", "zh_CN")}


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def pdf_fonts(path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the PDF uses."""
    found = {}
    for page in PdfReader(str(path)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and font.get("/DescendantFonts"):
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font.get("/BaseFont"))] = embedded
    return sorted(found.items())


def test_templates_are_listed_with_both_languages():
    infos = {t.id: t for t in list_templates()}
    assert sorted(infos) == TEMPLATES
    assert all(t.languages == ("en", "zh_CN") and t.source == "built-in" for t in infos.values())
    assert infos["quality-manual"].title("zh_CN") == "质量手册"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_renders_in_both_formats(
    demo_workspaces, tmp_path: Path, template: str, lang: str
):
    with Workspace.open(demo_workspaces[lang], read_only=True) as ws:
        pdf = render_workspace_document(
            ws, template, lang=lang, fmt="pdf", out_path=tmp_path / "d.pdf"
        )
        docx = render_workspace_document(
            ws, template, lang=lang, fmt="docx", out_path=tmp_path / "d.docx"
        )
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert not any("Helvetica" in name for name, _ in fonts)
    text = pdf_text(pdf)
    doc = open_docx(str(docx))
    body = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    if lang == "zh_CN":
        assert "海港之光" in text and "海港之光" in body + cells
    else:
        assert "Harbour Light" in text
    # the document-control block carries the number, in the organisation's one scheme
    assert re.search(r"\bHLH-[A-Z]+-\d\d\b", cells), cells[:200]
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert runs and all(r._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for r in runs)


def test_quality_manual_structure(demo_workspaces, tmp_path: Path):
    with Workspace.open(demo_workspaces["en"], read_only=True) as ws:
        docx = render_workspace_document(
            ws, "quality-manual", lang="en", fmt="docx", out_path=tmp_path / "qm.docx"
        )
        pdf = render_workspace_document(
            ws, "quality-manual", lang="en", fmt="pdf", out_path=tmp_path / "qm.pdf"
        )
    doc = open_docx(str(docx))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "About this manual" in headings and any(
        h.endswith("How the organisation meets ISO 9001") for h in headings
    )  # numbered by Word's list numbering through the heading styles, not typed
    assert doc.styles["Heading 1"].element.pPr.find(qn("w:numPr")) is not None
    assert any("Clause 8: Operation" in h for h in headings)
    xml = doc.element.xml
    assert "TOC \\o" in xml  # a real TOC field
    footer = doc.sections[0].footer._element.xml
    assert "NUMPAGES" in footer and "PAGE" in footer
    assert doc.settings.element.find(qn("w:updateFields")) is not None
    header_row = doc.tables[2].rows[0]._tr
    assert header_row.trPr is not None and header_row.trPr.find(qn("w:tblHeader")) is not None
    text = pdf_text(pdf)
    assert (
        "Page 2 of" in text
        and "Page 1 of" not in text
        and "Contents" in text
        and "Every guest, every time" in text
    )
    reader = PdfReader(str(pdf))
    assert reader.outline  # bookmarks for the headings
    assert len(doc.inline_shapes) >= 2  # the logo and the process network drawn from the Plan step


def test_hostile_text_appears_literally_everywhere(tmp_path: Path):
    path = write_demo(tmp_path / "hostile.qms", "en")
    with Workspace.open(path) as ws:
        update_profile(
            ws,
            "t",
            name="Hostile " + HOSTILE[:60],
            scope=HOSTILE,
            address=HOSTILE[:200],
            management_representative=HOSTILE,
        )  # the control block, history and every header
        registers.update_plan(
            ws, "t", quality_policy=HOSTILE[:300], commitment_promise=HOSTILE[:120]
        )
        registers.add_record(
            ws,
            "t",
            "moment_of_truth",
            {"moment": HOSTILE[:80], "standard": HOSTILE[:90], "recovery": HOSTILE[:2000]},
        )
        # 100 000 characters inside table cells: a row cannot break across pages
        registers.add_record(ws, "t", "process", {"name": "Huge", "inputs": HOSTILE})
        registers.add_record(
            ws,
            "t",
            "service_item",
            {"service": "Rooms", "item": "Huge", "quality_standard": HOSTILE},
        )
        audit = registers.add_record(
            ws,
            "t",
            "internal_audit",
            {"title": HOSTILE[:80], "planned_on": dt.date(2026, 1, 5), "status": "planned",
             "clauses": "8.5.1", "site": HOSTILE[:200], "summary": HOSTILE},
        )[0].id  # fmt: skip
        audits.record_audit(
            ws, "t", audit, {"8.5.1": {"status": "nonconforming", "grade": "minor",
                                       "evidence_notes": HOSTILE}}, dt.date(2026, 1, 6),
        )  # fmt: skip
        for template in TEMPLATES:
            for fmt in ("pdf", "docx"):
                for lang in ("en", "zh_CN"):
                    out = tmp_path / f"{template}-{lang}.{fmt}"
                    render_workspace_document(ws, template, lang=lang, fmt=fmt, out_path=out)
                    assert out.stat().st_size > 1000
    text = pdf_text(tmp_path / "quality-manual-en.pdf")
    assert "<b>bold?</b>" in text and "{{ 7*7 }}" in text and "{% if x %}" in text and "]]>" in text
    assert "**star**" in text and "|a|b|" in text and "49" not in text.split("{{ 7*7 }}")[0][-5:]
    assert "</para> R&D <img" in text and "R&D;" not in text
    assert "vt\nff\nls\nps\nnel\nfs gs rs end" in text  # line separators as line breaks or spaces
    # the scope, the process cell and the representative (prepared by, history) in full after their tables
    assert text.count("long") >= 4 * 20_000
    body = "\n".join(p.text for p in open_docx(str(tmp_path / "quality-manual-en.docx")).paragraphs)
    assert "<b>bold?</b> & ]]> {{ 7*7 }}" in body and "\x00" not in body
    for template in TEMPLATES:
        for lang in ("en", "zh_CN"):
            reader = PdfReader(str(tmp_path / f"{template}-{lang}.pdf"))
            links = [
                a.get_object().get("/A") or {}
                for page in reader.pages
                for a in page.get("/Annots") or []
            ]
            assert not [
                a for a in links if "/URI" in a
            ]  # the TOC links inside; nothing from user text


def write_user_template(folder: Path, body: str) -> Path:
    (folder / "mine").mkdir(parents=True, exist_ok=True)
    (folder / "mine" / "en.md.j2").write_text(body, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("# Title\n\n{{ ''.__class__.__mro__ }}\n", "line 3"),
        ("# Title\n{% if %}\n", "line 2"),
        ("# Title\n\n\n{{ not_there }}\n", "line 4: 'not_there' is undefined"),
        ("{% for i in range(10**9) %}{% endfor %}", "template mine"),
    ],
)
def test_template_errors_name_template_line_and_cause(tmp_path: Path, body: str, words: str):
    user = write_user_template(tmp_path / "templates", body)
    out = tmp_path / "out.pdf"
    with pytest.raises(TemplateError) as exc:
        render_document(
            "mine",
            {"organisation": {}, "document": {}},
            lang="en",
            fmt="pdf",
            out_path=out,
            user_dir=user,
        )
    assert "template mine (en.md.j2)" in str(exc.value) and words in str(exc.value)
    assert not out.exists() and list(tmp_path.glob("*.pdf")) == []


def test_user_templates_override_and_add(tmp_path: Path, demo_workspaces):
    user = tmp_path / "templates"
    shutil.copytree(
        Path(list_templates()[0].folder).parent / "service-commitment", user / "service-commitment"
    )
    (user / "service-commitment" / "en.md.j2").write_text(
        "# Our own commitment page\n\n{{ plan.commitment_promise }}\n"
    )
    write_user_template(user, "# Mine\n")
    infos = {t.id: t for t in list_templates(user)}
    assert infos["service-commitment"].source == "user" and infos["mine"].source == "user"
    with Workspace.open(demo_workspaces["en"], read_only=True) as ws:
        out = render_workspace_document(
            ws,
            "service-commitment",
            lang="en",
            fmt="pdf",
            out_path=tmp_path / "sc.pdf",
            user_dir=user,
        )
    assert "Our own commitment page" in pdf_text(out)


def test_reference_docx_styles(tmp_path: Path, demo_workspaces):
    reference = tmp_path / "brand.docx"
    brand = open_docx()
    from docx.shared import Pt

    brand.styles["Heading 1"].font.size = Pt(31)  # an unmistakable size
    brand.add_paragraph("this body text must not survive")
    brand.save(str(reference))
    with Workspace.open(demo_workspaces["en"], read_only=True) as ws:
        out = render_workspace_document(
            ws,
            "service-outline",
            lang="en",
            fmt="docx",
            out_path=tmp_path / "so.docx",
            reference_docx=reference,
        )
        bad = tmp_path / "brand.dotx"
        bad.write_bytes(reference.read_bytes())
        from qms_desktop.documents import DocumentError

        with pytest.raises(DocumentError, match="must be a .docx"):
            render_workspace_document(
                ws,
                "service-outline",
                lang="en",
                fmt="docx",
                out_path=tmp_path / "x.docx",
                reference_docx=bad,
            )
    doc = open_docx(str(out))
    assert doc.styles["Heading 1"].font.size == Pt(31)
    assert "this body text must not survive" not in "\n".join(p.text for p in doc.paragraphs)


def test_context_is_plain_data(demo_workspaces):
    with Workspace.open(demo_workspaces["zh_CN"], read_only=True) as ws:
        context = build_context(ws, "gap-report", "zh_CN")
    assert context["assessment"]["name"] == "复评" and context["previous"]["name"] == "基线评估"
    assert context["comparison"]["improved"] and context["organisation"]["name"].startswith(
        "海港之光"
    )


def test_very_long_paragraphs_are_laid_out_in_pieces_without_losing_text(tmp_path: Path):
    from qms_desktop.documents.model import Document, Paragraph, Run
    from qms_desktop.documents.pdf_writer import CHUNK, _chunks, write_pdf

    runs = (Run("start "), Run(" word" * 20_000, bold=True), Run("中文" * 5000), Run(" end"))
    pieces = _chunks(runs)
    assert len(pieces) > 10 and all(sum(len(r.text) for r in p) <= CHUNK for p in pieces)
    assert "".join(r.text for p in pieces for r in p) == "".join(r.text for r in runs)
    assert all(r.bold for p in pieces for r in p if r.text.startswith(" word"))
    write_pdf(Document("T", "N", "A", "Org", "en", (Paragraph(runs),)), tmp_path / "long.pdf")
    assert pdf_text(tmp_path / "long.pdf").count("word") == 20_000
