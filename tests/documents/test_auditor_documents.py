"""Documents an auditor accepts (issue 12): PDF navigation lands on its headings, Chinese
line breaking keeps the kinsoku rules, tables keep whole words, metadata and permissions;
DOCX core properties, A4, a filled-in contents field, Word numbering, rows that never split,
settings in schema order; reference documents of every kind people have."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from pypdf import PdfReader

from qms_desktop.documents import DocumentError
from qms_desktop.documents.docx_writer import write_docx
from qms_desktop.documents.model import (
    Document,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TableOfContents,
)
from qms_desktop.documents.pdf_writer import write_pdf
from qms_desktop.documents.text import CANNOT_END, CANNOT_START, can_break
from qms_desktop.services.demo import write_demo
from qms_desktop.services.documents import render_workspace_document
from qms_desktop.storage.workspace import Workspace

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
FORBIDDEN_START = "。，、；：？！）」』】〕》"
FORBIDDEN_END = "（「『【〔《"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """The quality manual and the gap report, both languages, both formats."""
    folder = tmp_path_factory.mktemp("auditor")
    out: dict[tuple[str, str, str], Path] = {}
    for lang in ("en", "zh_CN"):
        demo = write_demo(folder / f"{lang}.qms", lang)
        with Workspace.open(demo, read_only=True) as ws:
            for template in ("quality-manual", "gap-report"):
                for fmt in ("pdf", "docx"):
                    out[(template, lang, fmt)] = render_workspace_document(
                        ws,
                        template,
                        lang=lang,
                        fmt=fmt,
                        out_path=folder / f"{template}-{lang}.{fmt}",
                    )
    return out


def page_texts(pdf: Path, layout: bool = True) -> list[str]:
    pages = len(PdfReader(str(pdf)).pages)
    flags = ["-layout"] if layout else []
    return [
        subprocess.run(
            ["pdftotext", *flags, "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def outline_entries(reader: PdfReader) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found


def link_targets(reader: PdfReader) -> list[tuple[int, int, float]]:
    """(page of the link, page it goes to, height it goes to) for every internal link."""
    page_of = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    named = reader.named_destinations
    links = []
    for n, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            dest = annotation.get("/Dest")
            if dest is None and annotation.get("/A") is not None:
                dest = annotation["/A"].get("/D")
            if dest is None:
                continue
            if not isinstance(dest, list):
                target = named[str(dest)]
                links.append((n, reader.get_destination_page_number(target), float(target.top)))
            else:
                links.append((n, page_of[dest[0].idnum], float(dest[3])))
    return links


# -- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("template", ["quality-manual", "gap-report"])
def test_outline_and_contents_links_land_on_the_heading_page(rendered, template, lang):
    pdf = rendered[(template, lang, "pdf")]
    reader = PdfReader(str(pdf))
    texts = [squeeze(t) for t in page_texts(pdf, layout=False)]
    entries = outline_entries(reader)
    assert len(entries) >= 5
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"  # outline shown on opening
    for title, page in entries:
        assert squeeze(title)[:40] in texts[page], (title, page + 1)
        assert page > 1  # never the cover or the contents
    contents_page = next(n for n, t in enumerate(texts) if squeeze(entries[0][0]) in t)
    assert contents_page >= 1
    links = link_targets(reader)
    contents_links = [(src, dst) for src, dst, _ in links if src == 1]
    # every entry has a link, and each link goes to the page its entry's heading is on
    assert {dst for _, dst in contents_links} == {page for _, page in entries}
    targets = sorted({dst for _, dst in contents_links})
    assert targets[0] >= 2 and len(targets) > 1  # not all to page 1


def test_printed_contents_page_numbers_match_the_outline(rendered):
    pdf = rendered[("quality-manual", "en", "pdf")]
    reader = PdfReader(str(pdf))
    contents = page_texts(pdf)[1]
    for title, page in outline_entries(reader):
        line = next(line for line in contents.splitlines() if title in line)
        assert line.rstrip().endswith(str(page + 1)), (line, page + 1)


@pytest.mark.parametrize("template", ["quality-manual", "gap-report"])
def test_no_chinese_line_starts_or_ends_with_forbidden_punctuation(rendered, template):
    pdf = rendered[(template, "zh_CN", "pdf")]
    for text in page_texts(pdf):
        for line in text.splitlines():
            for column in re.split(r"\s{2,}", line.strip()):  # table columns side by side
                if column:
                    assert column[0] not in FORBIDDEN_START, line
                    assert column[-1] not in FORBIDDEN_END, line


def test_kinsoku_at_every_width(tmp_path: Path):
    # the same punctuation-dense sentence in columns of many widths: whatever lands at a
    # line's edge, no line starts with a closing mark or ends with an opening one
    sentence = "质量方针（第5.2条）规定：顾客满意、持续改进；“服务承诺”见《服务手册》。问题？是！"
    rows = tuple(((Run(sentence * 2),), (Run("短"),)) for _ in range(3))
    blocks = []
    for width in range(6, 40, 3):
        blocks.append(Paragraph((Run("宽" * width),)))
        blocks.append(Table((), rows[:1]))
        blocks.append(Paragraph((Run(sentence * 3),)))
    document = Document("T", "N", "A", "Org", "zh_CN", tuple(blocks))
    write_pdf(document, tmp_path / "k.pdf")
    lines = [
        column
        for text in page_texts(tmp_path / "k.pdf")
        for line in text.splitlines()
        for column in re.split(r"\s{2,}", line.strip())
        if column
    ]
    assert len(lines) > 40
    assert all(c[0] not in CANNOT_START for c in lines), [c for c in lines if c[0] in CANNOT_START]
    assert all(c[-1] not in CANNOT_END for c in lines), [c for c in lines if c[-1] in CANNOT_END]


def test_line_break_rules():
    assert not can_break("量", "，") and not can_break("（", "第")
    assert not can_break("—", "—") and not can_break("a", "b") and not can_break("1", "2")
    assert can_break("量", "手") and can_break("word", " "[0]) and can_break("中", "A")


def test_tables_keep_whole_words(tmp_path: Path):
    words = ["complaints", "requirements", "accommodation", "responsibilities", "Linked"]
    header = tuple((Run(w.title()),) for w in ("process", "owner", "linked requirements", "x"))
    rows = tuple(
        tuple((Run(" ".join(words[(i + c) % 5] for i in range(3))),) for c in range(4))
        for _ in range(5)
    )
    document = Document("T", "N", "A", "Org", "en", (Table(header, rows),))
    write_pdf(document, tmp_path / "t.pdf")
    tokens = set(re.findall(r"[A-Za-z]+", "\n".join(page_texts(tmp_path / "t.pdf"))))
    assert set(words) | {"Linked", "Requirements"} <= tokens
    broken = {t for t in tokens if any(w.startswith(t) and w != t for w in words)}
    assert not broken, broken


def test_metadata_language_bold_face_cover_and_permissions(rendered):
    pdf = rendered[("quality-manual", "zh_CN", "pdf")]
    reader = PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "质量手册" in xmp and "dc:language" in xmp and "zh-CN" in xmp
    info = reader.metadata
    assert info.title == "质量手册" and info.author and "质量总监" in info.author
    assert "海港之光" in info.subject and "HLH-QM-01" in info["/Keywords"]  # the register's
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansCJKsc-Bold" in fonts and "WenQuanYiMicroHei" in fonts  # a real bold face
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
    cover = page_texts(pdf)[0]
    # the running header (number and the revision being drafted: the demo's manual is at B)
    assert "HLH-QM-01 C" in page_texts(pdf)[1]
    assert "页" not in cover and "HLH-QM-01 C" not in cover  # no running header/footer
    assert "第2页共" in squeeze(page_texts(pdf)[1])
    umask = os.umask(0)
    os.umask(umask)
    if os.name != "nt":
        assert pdf.stat().st_mode & 0o777 == 0o666 & ~umask


def test_logo_is_never_blown_up(tmp_path: Path):
    import io

    from PIL import Image as PILImage

    picture = io.BytesIO()
    PILImage.new("RGB", (96, 48), (20, 40, 80)).save(picture, "PNG", dpi=(96, 96))
    document = Document("T", "N", "A", "Org", "en", (Paragraph((Run("x"),)),), picture.getvalue())
    write_pdf(document, tmp_path / "l.pdf")
    out = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "l.pdf")], capture_output=True, text=True
    ).stdout.splitlines()[2]
    x_ppi = float(out.split()[12])
    assert x_ppi >= 95  # 96 px at 96 dpi: 1 inch wide, not stretched to 3.2 cm


# -- DOCX -------------------------------------------------------------------------------------


def w(tag: str) -> str:
    return qn(f"w:{tag}")


# CT_Settings children in schema order (ECMA-376 part 1, 17.15.1.78), the part we write near
SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate linkStyles "
    "stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView "
    "trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace "
    "updateFields hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr "
    "attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
).split()


def settings_in_schema_order(settings) -> bool:  # type: ignore[no-untyped-def]
    ranks = [
        SETTINGS_ORDER.index(child.tag.rsplit("}", 1)[-1])
        for child in settings
        if child.tag.startswith("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}")
    ]
    return ranks == sorted(ranks)


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_docx_properties_page_contents_numbering_rows(rendered, lang):
    path = rendered[("quality-manual", lang, "docx")]
    doc = open_docx(str(path))
    core = doc.core_properties
    assert core.title == ("质量手册" if lang == "zh_CN" else "Quality manual")
    assert core.author and core.author != "python-docx" and core.created.year >= 2026
    assert core.language == ("zh-CN" if lang == "zh_CN" else "en-US")
    assert core.subject and "HLH-QM-01" in core.keywords
    with zipfile.ZipFile(path) as zf:
        app = zf.read("docProps/app.xml").decode()
    assert "QMS Desktop" in app and "Macintosh" not in app
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.left_margin - Cm(2)) < Mm(1)
    assert section.different_first_page_header_footer  # the cover has no running header
    # the contents field: its result already holds the entries with page numbers
    body = doc.element.body
    instr = [t for t in body.iter(w("instrText")) if "TOC" in (t.text or "")]
    assert len(instr) == 1
    toc_paragraphs = [
        p for p in doc.paragraphs if p.style.name.lower().startswith("toc") and p.text.strip()
    ]
    entries = [p for p in toc_paragraphs if re.search(r"\t\d+$", p.text)]
    assert len(entries) >= 10
    assert not any(
        p.style.name.startswith("Heading") for p in doc.paragraphs if p.text in ("Contents", "目录")
    )
    # headings numbered by Word list numbering (styles carry numPr), not typed
    headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings and not any(re.match(r"\d+(\.\d+)* ", p.text) for p in headings)
    numbering = doc.part.numbering_part.element
    level_texts = [lvl.get(w("val")) for lvl in numbering.iter(w("lvlText"))]
    assert "%1.%2" in level_texts and "%1.%2.%3" in level_texts
    for level in (1, 2):
        assert doc.styles[f"Heading {level}"].element.pPr.find(w("numPr")) is not None
    # rows never split, header rows repeat
    for table in doc.tables:
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(w("cantSplit")) is not None
    assert any(t.rows[0]._tr.trPr.find(w("tblHeader")) is not None for t in doc.tables)
    # table text at the PDF's 9 pt (a wide matrix keeps whole words in its header cells), the
    # run properties in schema order (w:color before w:sz)
    rpr_order = ["rFonts", "b", "i", "color", "sz", "szCs"]
    for table in doc.tables:
        for rpr in table._tbl.iter(w("rPr")):
            assert rpr.find(w("sz")).get(w("val")) == "18"
            ranks = [rpr_order.index(child.tag.rsplit("}", 1)[-1]) for child in rpr]
            assert ranks == sorted(ranks)
    # settings: updateFields present and every element where the schema orders it
    settings = doc.settings.element
    assert settings.find(w("updateFields")) is not None
    assert settings_in_schema_order(settings)
    # language tags
    lang_tag = doc.styles.element.find(w("docDefaults")).find(".//" + w("lang"))
    assert lang_tag.get(w("eastAsia")) == "zh-CN"
    assert settings.find(w("themeFontLang")).get(w("eastAsia")) == "zh-CN"


@needs_soffice
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_libreoffice_converts_it_and_shows_the_contents(rendered, tmp_path: Path, lang):
    docx = rendered[("quality-manual", lang, "docx")]
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    pdf = tmp_path / docx.with_suffix(".pdf").name
    texts = page_texts(pdf)
    contents = next(t for t in texts if ("Contents" in t or "目录" in t))
    entries = [line for line in contents.splitlines() if re.search(r"\.{3,}\s*\d+\s*$", line)]
    assert len(entries) >= 10, contents
    assert "1 Contents" not in contents and "1 目录" not in contents
    assert "页" not in texts[0] and "Page 1 of" not in texts[0]  # the cover


def hard_docx(path: Path, drop: tuple[str, ...] = (), header: bool = False) -> Path:
    """A client's document: some styles missing, maybe its own header table and footer."""
    brand = open_docx()
    for style in list(brand.styles.element.iterchildren(w("style"))):
        if style.get(w("styleId")) in drop:
            brand.styles.element.remove(style)
    section = brand.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)  # US Letter
    fonts = brand.styles.element.find(w("docDefaults")).find(".//" + w("rFonts"))
    fonts.set(w("eastAsia"), "SimSun")
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    if header:
        table = section.header.add_table(1, 2, Cm(16))
        table.cell(0, 0).text = "CLIENT LOGO HEADER"
        section.footer.paragraphs[0].text = "Client footer page x of y"
    brand.add_paragraph("this body text must not survive")
    brand.save(str(path))
    return path


def sample_document() -> Document:
    blocks = (
        TableOfContents(),
        PageBreak(),
        Heading(1, (Run("Scope"),), "1"),
        Paragraph((Run("Lead-in:"),)),
        ListBlock(False, ((Run("one"),), (Run("two"),))),
        ListBlock(True, ((Run("first"),), (Run("second"),))),
        Heading(2, (Run("Detail"),), "1.1"),
        Table(((Run("A"),), (Run("B"),)), (((Run("a"),), (Run("b"),)),)),
    )
    return Document("Manual", "QM-01", "A", "Org", "zh_CN", blocks, author="Lin Wei")


@pytest.mark.parametrize(
    "drop",
    [
        ("Title",),
        ("ListBullet",),
        ("TableGrid",),
        ("Title", "ListBullet", "ListNumber", "TableGrid", "TOCHeading"),
    ],
)
def test_reference_missing_styles_are_created_from_ours(tmp_path: Path, drop):
    reference = hard_docx(tmp_path / "brand.docx", drop)
    write_docx(sample_document(), tmp_path / "out.docx", reference)
    doc = open_docx(str(tmp_path / "out.docx"))
    names = {p.style.name for p in doc.paragraphs}
    assert {"Title", "List Bullet", "List Number", "Heading 1"} <= names
    assert doc.tables[0].style.name == "Table Grid"
    assert "this body text must not survive" not in "\n".join(p.text for p in doc.paragraphs)
    # its page size and East Asian font are kept; runs do not override them
    assert abs(doc.sections[0].page_width - Mm(215.9)) < Mm(1)
    defaults = doc.styles.element.find(w("docDefaults")).find(".//" + w("rFonts"))
    assert defaults.get(w("eastAsia")) == "SimSun"
    assert not any(
        r._r.rPr is not None and r._r.rPr.find(w("rFonts")) is not None
        for p in doc.paragraphs
        for r in p.runs
    )


def test_reference_header_and_footer_are_replaced_by_ours(tmp_path: Path):
    reference = hard_docx(tmp_path / "brand.docx", header=True)
    write_docx(sample_document(), tmp_path / "out.docx", reference)
    doc = open_docx(str(tmp_path / "out.docx"))
    header = doc.sections[0].header
    assert not header.tables and "CLIENT LOGO HEADER" not in header._element.xml
    assert "QM-01" in header.paragraphs[0].text
    footer = doc.sections[0].footer._element.xml
    assert "Client footer" not in footer and footer.count("NUMPAGES") == 1


def test_reference_found_by_libreoffice_names(tmp_path: Path):
    # LibreOffice writes built-in styles with their ids and its own names ("heading 1",
    # "List Bullet" may be "List_20_Bullet"...): a style is found by id as well as by name
    brand = open_docx()
    for style in brand.styles.element.iterchildren(w("style")):
        if style.get(w("styleId")) in ("Heading1", "ListBullet", "Title"):
            style.find(w("name")).set(w("val"), "LO " + style.get(w("styleId")))
    brand.save(str(tmp_path / "lo.docx"))
    write_docx(sample_document(), tmp_path / "out.docx", tmp_path / "lo.docx")
    doc = open_docx(str(tmp_path / "out.docx"))
    ids = [p.style.style_id for p in doc.paragraphs]
    assert "Heading1" in ids and "ListBullet" in ids and "Title" in ids
    assert (
        sum(
            1
            for s in doc.styles.element.iterchildren(w("style"))
            if s.get(w("styleId")) == "Heading1"
        )
        == 1
    )


@needs_soffice
def test_reference_saved_by_libreoffice(tmp_path: Path):
    source = hard_docx(tmp_path / "source.docx", ("TableGrid", "ListBullet"), header=True)
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path / "odt"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "lo"),
            str(tmp_path / "odt" / "source.odt"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=dict(os.environ, HOME=str(tmp_path)),
    )
    reference = tmp_path / "lo" / "source.docx"
    write_docx(sample_document(), tmp_path / "out.docx", reference)
    doc = open_docx(str(tmp_path / "out.docx"))
    assert "CLIENT LOGO HEADER" not in doc.sections[0].header._element.xml
    assert doc.tables[0].style is not None and doc.tables[0].style.name == "Table Grid"
    assert all(p.style is not None for p in doc.paragraphs)  # a default paragraph style
    assert any(p.style.name.startswith("Heading") for p in doc.paragraphs)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("brand.dotx", "documents.reference_is_template"),
        ("brand.doc", "documents.reference_is_old_word"),
        ("brand.odt", "documents.reference_is_odt"),
        ("brand.pdf", "documents.reference_not_docx"),
    ],
)
def test_other_kinds_of_reference_are_refused_with_a_sentence(tmp_path: Path, name, code):
    reference = tmp_path / name
    reference.write_bytes(b"whatever")
    with pytest.raises(DocumentError) as exc:
        write_docx(sample_document(), tmp_path / "out.docx", reference)
    assert exc.value.code == code
    assert ".docx" in exc.value.message.text("en") and ".docx" in exc.value.message.text("zh_CN")
    assert not (tmp_path / "out.docx").exists()


def test_a_word_template_saved_as_docx_is_used(tmp_path: Path):
    reference = hard_docx(tmp_path / "brand.docx")
    data = zipfile.ZipFile(reference)
    out = tmp_path / "template-named.docx"
    with zipfile.ZipFile(out, "w") as zf:
        for info in data.infolist():
            content = data.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
            zf.writestr(info, content)
    write_docx(sample_document(), tmp_path / "out.docx", out)
    assert open_docx(str(tmp_path / "out.docx")).paragraphs


def test_docx_without_reference_uses_our_fonts_and_size(tmp_path: Path):
    write_docx(sample_document(), tmp_path / "out.docx")
    doc = open_docx(str(tmp_path / "out.docx"))
    fonts = doc.styles.element.find(w("docDefaults")).find(".//" + w("rFonts"))
    assert fonts.get(w("eastAsia")) == "Microsoft YaHei" and fonts.get(w("eastAsiaTheme")) is None
    assert doc.styles["Normal"].font.size == Pt(10.5)
    lang = doc.styles.element.find(w("docDefaults")).find(".//" + w("lang"))
    assert lang.get(w("val")) == "zh-CN"
    # each numbered list starts again at 1: its own numbering instance with a start override
    two = Document(
        "T",
        "N",
        "A",
        "Org",
        "en",
        (
            ListBlock(True, ((Run("a"),), (Run("b"),))),
            Paragraph((Run("x"),)),
            ListBlock(True, ((Run("c"),),)),
        ),
    )
    write_docx(two, tmp_path / "two.docx")
    doc = open_docx(str(tmp_path / "two.docx"))
    nums = [p._p.pPr.numPr.numId.val for p in doc.paragraphs if p.style.name == "List Number"]
    assert len(nums) == 3 and nums[0] == nums[1] != nums[2]
    numbering = doc.part.numbering_part.element
    for num in numbering.iterchildren(w("num")):
        if int(num.get(w("numId"))) in nums:
            assert num.find(".//" + w("startOverride")).get(w("val")) == "1"


# -- the sandbox's time limit without a line tracer (issue 17, item 4) -------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
        "{% macro m() %}{{ caller() }}{% endmacro %}"
        "{% for i in range(100000) %}{% call m() %}{% for j in range(100000) %}{% endfor %}"
        "{% endcall %}{% endfor %}",
    ],
)
def test_endless_templates_stop_at_the_time_limit(tmp_path: Path, source: str):
    import sys
    import time

    from qms_desktop.documents import TemplateError, sandbox

    (tmp_path / "t.md.j2").write_text(source, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(TemplateError) as exc:
        sandbox.render(tmp_path, "t.md.j2", "t", {}, time_limit=0.5)
    assert exc.value.code == "documents.template_timeout"
    assert time.monotonic() - started < 2.5
    assert sys.gettrace() is None or "coverage" in type(sys.gettrace()).__module__


def test_loops_macros_and_call_blocks_render_as_before(tmp_path: Path):
    from qms_desktop.documents import DocumentError, sandbox

    source = (
        "{% for i in range(3) %}{{ i }}{% else %}none{% endfor %}|"
        "{% for i in [] %}x{% else %}empty{% endfor %}|"
        "{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(1) }}|"
        "{% macro w() %}[{{ caller() }}]{% endmacro %}{% call w() %}c{% endcall %}|"
        "{% for row in [[1, 2], [3]] %}{% for c in row %}{{ loop.index }}{% endfor %};{% endfor %}"
    )
    (tmp_path / "t.md.j2").write_text(source, encoding="utf-8")
    out = sandbox.render(tmp_path, "t.md.j2", "t", {}, time_limit=5)
    assert out == "012|empty|\\<1\\>|[c]|12;1;"
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    (tmp_path / "long.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(DocumentError) as exc:
        sandbox.render(tmp_path, "long.md.j2", "t", {}, time_limit=60, cancel=cancel)
    assert exc.value.code == "documents.cancelled"


def test_charts_are_drawn_only_for_templates_that_place_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from qms_desktop.documents import charts, find_template
    from qms_desktop.documents.engine import template_pictures

    assert "chart" in template_pictures(find_template("gap-report"), "en")
    assert "chart" not in template_pictures(find_template("service-commitment"), "zh_CN")
    drawn: list[str] = []
    real = charts.conformity_chart

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append("chart")
        return real(*args, **kwargs)

    monkeypatch.setattr(charts, "conformity_chart", counting)
    demo = write_demo(tmp_path / "d.qms", "en")
    with Workspace.open(demo, read_only=True) as ws:
        render_workspace_document(
            ws, "service-commitment", lang="en", fmt="pdf", out_path=tmp_path / "sc.pdf"
        )
        assert drawn == []
        render_workspace_document(
            ws, "gap-report", lang="en", fmt="pdf", out_path=tmp_path / "gr.pdf"
        )
        assert drawn == ["chart"]


@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA", "P"])
def test_pictures_keep_their_pixels(tmp_path: Path, mode: str):
    # RGB and grey PNGs go into the PDF with their compressed pixels as they are; others
    # through reportlab's own path: both show the same colours
    import io

    from PIL import Image as PILImage

    from qms_desktop.documents.model import Image

    picture = PILImage.new("RGB", (200, 100), (255, 255, 255))
    for x in range(100):
        for y in range(100):
            picture.putpixel((x, y), (200, 30, 30))
    picture = picture.convert(mode)
    data = io.BytesIO()
    picture.save(data, "PNG", dpi=(100, 100))
    document = Document("T", "N", "A", "Org", "en", (Image(data.getvalue(), 5.08),))
    write_pdf(document, tmp_path / "p.pdf")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "100",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "p.pdf"),
            str(tmp_path / "r"),
        ],
        check=True,
    )
    page = PILImage.open(next(tmp_path.glob("r*.png"))).convert("RGB")
    pixels = page.load()
    every = [pixels[x, y] for x in range(page.width) for y in range(page.height // 3)]
    red = sum(1 for p in every if p[0] > 150 and p[1] < 80 and p[2] < 80)
    grey = sum(1 for p in every if abs(p[0] - p[1]) < 10 and 60 < p[0] < 100)
    assert (grey if mode == "L" else red) > 8000  # the 100 x 100 px block, at 100 dpi


@pytest.mark.parametrize(
    ("source", "bold", "plain"),
    [
        ("**顾客与服务水平。**工作日以商务旅客为主", "顾客与服务水平。", "工作日以商务旅客为主"),
        ("差距评估**复评**。已评估", "复评", "差距评估。已评估"),
        (
            "**1 道歉**——真诚地承认失误；**2 紧急复原**——消除",
            "1 道歉2 紧急复原",
            "——真诚地承认失误；——消除",
        ),
        ("与**基线评估**（2026-10-15）相比：", "基线评估", "与（2026-10-15）相比："),
        ("a **b** c", "b", "a  c"),
        ("**服务提供规范。**Check-in at 14:00", "服务提供规范。", "Check-in at 14:00"),
        ("**质量控制点。**（见附表）", "质量控制点。", "（见附表）"),
        ("x**y**z and *a*", "y", "xz and a"),
    ],
)
def test_emphasis_next_to_chinese_needs_no_spaces(source: str, bold: str, plain: str):
    from qms_desktop.documents.markup import parse

    runs = parse(source)[0].runs  # type: ignore[union-attr]
    assert "".join(r.text for r in runs if r.bold) == bold
    assert "".join(r.text for r in runs if not r.bold) == plain


def test_docx_contents_without_page_numbers_when_the_layout_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from qms_desktop.documents import pdf_writer, render_document

    def failing(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise DocumentError("documents.pdf_layout", detail="too tall")

    monkeypatch.setattr(pdf_writer, "heading_pages", failing)
    context = {"organisation": {"name": "Org"}, "document": {"number": "N-1", "revision": "A"}}
    (tmp_path / "user" / "mine").mkdir(parents=True)
    (tmp_path / "user" / "mine" / "en.md.j2").write_text("@@toc\n\n# Scope\n\nText\n")
    out = render_document(
        "mine",
        context,
        lang="en",
        fmt="docx",
        out_path=tmp_path / "m.docx",
        user_dir=tmp_path / "user",
    )
    doc = open_docx(str(out))
    entries = [p.text for p in doc.paragraphs if p.style.name.lower().startswith("toc")]
    assert "1 Scope\t" in entries  # the entry, its page number left for Word to fill in


def test_reference_header_and_footer_kept_on_request(tmp_path: Path):
    reference = hard_docx(tmp_path / "brand.docx", header=True)
    write_docx(sample_document(), tmp_path / "out.docx", reference, keep_reference_headers=True)
    doc = open_docx(str(tmp_path / "out.docx"))
    assert "CLIENT LOGO HEADER" in doc.sections[0].header._element.xml
    assert "Client footer" in doc.sections[0].footer._element.xml


def test_charts_are_drawn_once_per_content():
    import time

    from qms_desktop.documents.charts import conformity_chart

    bars = [("4", 0.5), ("5", 1.0), ("6", None), ("x", time.time() % 1)]
    first = conformity_chart(bars, "Conformity")
    started = time.perf_counter()
    again = conformity_chart(list(bars), "Conformity")
    assert again is first and time.perf_counter() - started < 0.005
    assert conformity_chart(bars, "Other title") != first
