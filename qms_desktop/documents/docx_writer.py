"""The DOCX writer (python-docx): cover without running header, control block, a contents
field already filled in (entries and page numbers), headings numbered by Word's own list
numbering, header with the document number, footer with page X of Y, rows that never split,
repeated header rows, real core properties, A4 (or the document's page size) and zh-CN or
en language tags.

A reference .docx (the organisation's branding) gives its styles, page size and fonts; any
style we use that it lacks is created from ours, and its body, headers and footers are
replaced by ours."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml.etree import SubElement

from qms_desktop.documents.errors import DocumentError
from qms_desktop.documents.limits import Deadline, never
from qms_desktop.documents.model import (
    ControlBlock,
    Document,
    Heading,
    Image,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TableOfContents,
    page_size_cm,
)
from qms_desktop.documents.text import clean, one_line, shorten

LATIN_FONT = "Calibri"
EAST_ASIA_FONT = "Microsoft YaHei"  # present on Chinese Windows; Word substitutes elsewhere
LANG_TAGS = {"en": "en-US", "zh_CN": "zh-CN"}
HEADER_FILL = "1F3A5F"  # table header rows, as in the PDF
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    element = SubElement(parent, _w(tag))
    for key, value in attrs.items():
        element.set(_w(key), value)
    return element


def _field_runs(p: Any, instruction: str, placeholder: str | None) -> None:
    """A complete field (begin, instruction, separate, result, end) at the end of `p`."""
    _sub(_sub(p, "r"), "fldChar", fldCharType="begin")
    instr = _sub(_sub(p, "r"), "instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    _sub(_sub(p, "r"), "fldChar", fldCharType="separate")
    if placeholder is not None:
        _sub(_sub(p, "r"), "t").text = placeholder
    _sub(_sub(p, "r"), "fldChar", fldCharType="end")


_PIECES = re.compile(r"(\n|\t)")


def _add_runs(
    paragraph: Any, runs: tuple[Run, ...], east_asia: str | None = EAST_ASIA_FONT
) -> None:
    """Append `runs` to a paragraph (python-docx's or its `w:p` element), built straight as
    XML: line breaks and tabs as Word's own elements, the East Asian font on every run
    unless a reference document's styles decide."""
    p = getattr(paragraph, "_p", paragraph)
    r_tag, rpr_tag, t_tag = _w("r"), _w("rPr"), _w("t")
    space = "{http://www.w3.org/XML/1998/namespace}space"
    for run in runs:
        r = SubElement(p, r_tag)
        if east_asia or run.bold or run.italic:
            rpr = SubElement(r, rpr_tag)
            if east_asia:
                SubElement(rpr, _w("rFonts")).set(_w("eastAsia"), east_asia)
            if run.bold:
                SubElement(rpr, _w("b"))
            if run.italic:
                SubElement(rpr, _w("i"))
        for piece in _PIECES.split(clean(run.text)):
            if piece == "\n":
                SubElement(r, _w("br"))
            elif piece == "\t":
                SubElement(r, _w("tab"))
            elif piece:
                t = SubElement(r, t_tag)
                t.text = piece
                if piece[0].isspace() or piece[-1].isspace():
                    t.set(space, "preserve")


# -- the reference document ------------------------------------------------------------------

MAX_REFERENCE_UNPACKED = 64 * 1024 * 1024  # a styles document is a few hundred KB
MAX_REFERENCE_PARTS = 2000
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Files people pick as a reference that are not a .docx: what each one is, in the sentence.
_REFUSED = {
    ".dotx": "documents.reference_is_template",
    ".dotm": "documents.reference_is_template",
    ".doc": "documents.reference_is_old_word",
    ".dot": "documents.reference_is_old_word",
    ".rtf": "documents.reference_is_old_word",
    ".odt": "documents.reference_is_odt",
    ".ott": "documents.reference_is_odt",
    ".docm": "documents.reference_has_macros",
}


def _read_reference(reference: Path) -> bytes:
    """The reference's bytes, refused before python-docx reads it when it is not a .docx
    (a sentence saying what it is and what to do) or would unpack to a bomb. A Word template
    saved under a .docx name is read as the document it is."""
    name = Path(reference).name
    suffix = Path(reference).suffix.lower()
    if suffix in _REFUSED:
        raise DocumentError(_REFUSED[suffix], name=name)
    if suffix != ".docx":
        raise DocumentError("documents.reference_not_docx", name=name)
    try:
        data = Path(reference).read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if (
                len(infos) > MAX_REFERENCE_PARTS
                or sum(i.file_size for i in infos) > MAX_REFERENCE_UNPACKED
            ):
                raise DocumentError(
                    "documents.reference_too_large",
                    name=name,
                    limit_mb=MAX_REFERENCE_UNPACKED // 2**20,
                )
            types = zf.read("[Content_Types].xml")
            if _TEMPLATE_TYPE in types:
                out = io.BytesIO()
                with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy_zip:
                    for info in infos:
                        content = zf.read(info)
                        if info.filename == "[Content_Types].xml":
                            content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                        copy_zip.writestr(info, content)
                data = out.getvalue()
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds for a damaged file
        raise DocumentError(
            "documents.reference_unreadable", name=name, kind=type(exc).__name__
        ) from exc
    return data


def _base_document(reference: Path | None) -> Any:
    from docx import Document as new_document

    if reference is None:
        return new_document()
    data = _read_reference(Path(reference))
    try:
        doc = new_document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad file
        raise DocumentError(
            "documents.reference_unreadable", name=Path(reference).name, kind=type(exc).__name__
        ) from exc
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    return doc


def reference_page(reference: Path) -> tuple[str, float] | None:
    """The page size (a name of PAGE_SIZES, either way up) and left margin (cm) of a
    reference document, so the contents' page numbers are counted on its pages; None when it
    cannot be read or its size is none of ours."""
    from qms_desktop.documents.model import PAGE_SIZES

    try:
        section = _base_document(reference).sections[0]
        width, height = section.page_width.cm, section.page_height.cm
        margin = section.left_margin.cm
    except (DocumentError, AttributeError, TypeError, IndexError):
        return None
    for name, (w, h) in PAGE_SIZES.items():
        if abs(min(width, height) - w) < 0.5 and abs(max(width, height) - h) < 0.5:
            return name, max(0.5, min(margin, 5.0))
    return None


# -- styles: found by name or built-in id, created from ours when missing ---------------------

# The styles we use, by name, with the id Word (and LibreOffice) give the built-in ones.
OUR_STYLES = {
    "Normal": "Normal",
    "Title": "Title",
    "Heading 1": "Heading1",
    "Heading 2": "Heading2",
    "Heading 3": "Heading3",
    "List Bullet": "ListBullet",
    "List Number": "ListNumber",
    "Table Grid": "TableGrid",
    "TOC Heading": "TOCHeading",
    "TOC 1": "TOC1",
    "TOC 2": "TOC2",
    "TOC 3": "TOC3",
    "Header": "Header",
    "Footer": "Footer",
}
_OURS: Any = None


def _our_styles() -> Any:
    """The styles part of python-docx's default document (our look), read once."""
    global _OURS
    if _OURS is None:
        from docx import Document as new_document

        _OURS = new_document().styles.element
    return _OURS


class _Styles:
    """Style ids by the names we use. A reference document may name a built-in style as
    LibreOffice does, or lack it (Title, List Bullet, Table Grid...): it is found by its
    built-in id as well, and created from ours before use when it is missing."""

    def __init__(self, doc: Any) -> None:
        self.element = doc.styles.element
        self.ids: dict[str, str] = {}
        self.by_id: dict[str, Any] = {}
        self.by_name: dict[str, Any] = {}
        for style in self.element.iterchildren(_w("style")):
            style_id = style.get(_w("styleId")) or ""
            self.by_id[style_id.lower()] = style
            name = style.find(_w("name"))
            if name is not None and name.get(_w("val")):
                self.by_name.setdefault(name.get(_w("val")).lower(), style)
        paragraph_defaults = [
            s
            for s in self.element.iterchildren(_w("style"))
            if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true", "on")
        ]
        if not paragraph_defaults:  # text without a style needs a default to fall back on
            self.by_id[self.id("Normal").lower()].set(_w("default"), "1")

    def find(self, name: str) -> Any:
        builtin = OUR_STYLES.get(name, name.replace(" ", ""))
        for found in (
            self.by_name.get(name.lower()),
            self.by_id.get(builtin.lower()),
            self.by_id.get(name.replace(" ", "").lower()),
        ):
            if found is not None:
                return found
        return None

    def id(self, name: str) -> str:
        """The id of the style called `name`, created from ours if the document lacks it."""
        if name not in self.ids:
            style = self.find(name)
            if style is None:
                style = self._create(name)
            self.ids[name] = style.get(_w("styleId"))
        return self.ids[name]

    def _create(self, name: str) -> Any:
        builtin = OUR_STYLES.get(name, name.replace(" ", ""))
        ours = None
        for style in _our_styles().iterchildren(_w("style")):
            if style.get(_w("styleId")) == builtin:
                ours = copy.deepcopy(style)
                break
        if ours is None:
            ours = _made_style(name, builtin)
        ppr = ours.find(_w("pPr"))
        if ppr is not None and ppr.find(_w("numPr")) is not None:
            ppr.remove(ppr.find(_w("numPr")))  # lists are numbered paragraph by paragraph
        for link in ("basedOn", "next", "link"):  # never point at a style that is not there
            ref = ours.find(_w(link))
            if ref is None or (ref.get(_w("val")) or "").lower() in self.by_id:
                continue
            if link == "basedOn" and ours.get(_w("type")) == "paragraph" and name != "Normal":
                ref.set(_w("val"), self.id("Normal"))
            else:
                ours.remove(ref)
        self.element.append(ours)
        self.by_id[builtin.lower()] = ours
        self.by_name[name.lower()] = ours
        return ours


def _made_style(name: str, style_id: str) -> Any:
    """A paragraph style our default template does not define (the contents entries)."""
    from lxml.etree import Element

    style = Element(_w("style"))
    style.set(_w("type"), "paragraph")
    style.set(_w("styleId"), style_id)
    _sub(style, "name", val=name.lower() if name.startswith("TOC ") else name)
    _sub(style, "basedOn", val="Normal")
    _sub(style, "next", val="Normal")
    _sub(style, "uiPriority", val="39")
    ppr = _sub(style, "pPr")
    _sub(ppr, "spacing", after="60")
    level = name[-1] if name.startswith("TOC ") and name[-1].isdigit() else "1"
    _sub(ppr, "ind", left=str((int(level) - 1) * 240))
    return style


# -- numbering: headings 1, 1.1, 1.1.1 and lists, as Word's own list numbering ----------------


class _Numbering:
    def __init__(self, doc: Any) -> None:
        self.element = doc.part.numbering_part.element
        abstract = [
            int(a.get(_w("abstractNumId"))) for a in self.element.iterchildren(_w("abstractNum"))
        ]
        nums = [int(n.get(_w("numId"))) for n in self.element.iterchildren(_w("num"))]
        self.next_abstract = max(abstract, default=-1) + 1
        self.next_num = max(nums, default=0) + 1
        self.bullet = self._num(self._abstract([("bullet", "•", 360)]))
        self.ordered = self._abstract([("decimal", "%1.", 360)])

    def _abstract(self, levels: list[tuple[str, str, int]], styles: Sequence[str] = ()) -> int:
        from lxml.etree import Element

        number = self.next_abstract
        self.next_abstract += 1
        abstract = Element(_w("abstractNum"))
        abstract.set(_w("abstractNumId"), str(number))
        _sub(abstract, "multiLevelType", val="multilevel" if len(levels) > 1 else "singleLevel")
        for ilvl, (kind, text, indent) in enumerate(levels):
            lvl = _sub(abstract, "lvl", ilvl=str(ilvl))
            _sub(lvl, "start", val="1")
            _sub(lvl, "numFmt", val=kind)
            if ilvl < len(styles):
                _sub(lvl, "pStyle", val=styles[ilvl])
            if not indent:
                _sub(lvl, "suff", val="space")
            _sub(lvl, "lvlText", val=text)
            _sub(lvl, "lvlJc", val="left")
            ppr = _sub(lvl, "pPr")
            _sub(ppr, "ind", left=str(indent), hanging=str(indent))
        first_num = self.element.find(_w("num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.element.append(abstract)
        return number

    def _num(self, abstract: int, restart: bool = False) -> int:
        number = self.next_num
        self.next_num += 1
        num = _sub(self.element, "num", numId=str(number))
        _sub(num, "abstractNumId", val=str(abstract))
        if restart:
            override = _sub(num, "lvlOverride", ilvl="0")
            _sub(override, "startOverride", val="1")
        return number

    def new_ordered_list(self) -> int:
        """A numbering that starts again at 1 (each numbered list of the document)."""
        return self._num(self.ordered, restart=True)

    def headings(self, styles: _Styles) -> None:
        """Heading 1-3 numbered 1, 1.1, 1.1.1 through their styles."""
        ids = [styles.id(f"Heading {n}") for n in (1, 2, 3)]
        abstract = self._abstract(
            [("decimal", "%1", 0), ("decimal", "%1.%2", 0), ("decimal", "%1.%2.%3", 0)], ids
        )
        num = self._num(abstract)
        for level, style_id in enumerate(ids):
            style = styles.by_id[style_id.lower()]
            ppr = style.find(_w("pPr"))
            if ppr is None:
                ppr = _sub(style, "pPr")
                rpr = style.find(_w("rPr"))
                if rpr is not None:
                    rpr.addprevious(ppr)
            for old in ppr.findall(_w("numPr")) + ppr.findall(_w("outlineLvl")):
                ppr.remove(old)
            num_pr = _sub(ppr, "numPr")
            _sub(num_pr, "ilvl", val=str(level))
            _sub(num_pr, "numId", val=str(num))
            ppr.remove(num_pr)
            _insert_ordered(ppr, num_pr)
            outline = _sub(ppr, "outlineLvl", val=str(level))
            ppr.remove(outline)
            _insert_ordered(ppr, outline)


# pPr children in schema order (ECMA-376 CT_PPrBase), for inserting where Word expects
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()


def _ppr_add(p: Any, tag: str, **attrs: str) -> Any:
    """Add `tag` to a paragraph's pPr at its schema position."""
    from lxml.etree import Element

    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = Element(_w("pPr"))
        p.insert(0, ppr)
    element = Element(_w(tag))
    for key, value in attrs.items():
        element.set(_w(key), value)
    _insert_ordered(ppr, element)
    return element


def _insert_ordered(ppr: Any, element: Any) -> None:
    """Insert a pPr child where the schema orders it (before every later kind)."""
    rank = _PPR_ORDER.index(element.tag.rsplit("}", 1)[-1])
    for n, existing in enumerate(ppr):
        name = existing.tag.rsplit("}", 1)[-1]
        if name in _PPR_ORDER and _PPR_ORDER.index(name) > rank:
            ppr.insert(n, element)
            return
    ppr.append(element)


class _Body:
    """Appends to the document body in constant time. python-docx's own `add_paragraph`
    looks for the closing `w:sectPr` among all the body's children (and looks the style up
    by name) for every paragraph: 100 000 headings took minutes."""

    def __init__(self, doc: Any, styles: _Styles) -> None:
        self.doc = doc
        self.body = doc.element.body
        self.end = self.body.find(_w("sectPr"))
        self.styles = styles

    def style_id(self, name: str) -> str:
        return self.styles.id(name)

    def _append(self, element: Any) -> None:
        if self.end is not None:
            self.end.addprevious(element)
        else:
            self.body.append(element)

    def paragraph(self, style: str | None = None) -> Any:
        """A new `w:p` at the end of the body, in the style called `style`."""
        from docx.oxml import OxmlElement

        p = OxmlElement("w:p")
        if style:
            _sub(_sub(p, "pPr"), "pStyle", val=self.style_id(style))
        self._append(p)
        return p

    def docx_paragraph(self, style: str | None = None) -> Any:
        from docx.text.paragraph import Paragraph as DocxParagraph

        return DocxParagraph(self.paragraph(style), self.doc._body)

    def table(self, columns: int, widths_twips: list[int]) -> Any:
        from docx.oxml.table import CT_Tbl
        from docx.table import Table as DocxTable

        tbl = CT_Tbl.new_tbl(0, columns, self.doc._block_width)
        tbl.tblStyle_val = self.style_id("Table Grid")
        for col, width in zip(tbl.tblGrid.iterchildren(_w("gridCol")), widths_twips, strict=False):
            col.set(_w("w"), str(width))
        tbl_w = tbl.tblPr.find(_w("tblW"))
        if tbl_w is not None:
            tbl_w.set(_w("type"), "dxa")
            tbl_w.set(_w("w"), str(sum(widths_twips)))
        self._append(tbl)
        return DocxTable(tbl, self.doc._body)


HEADER_CHARS = 160  # characters of the page header; a longer organisation name is cut


def _header_text(document: Document) -> str:
    ident = one_line(f"{document.number}  {document.revision}")
    organisation = shorten(one_line(document.organisation), max(20, HEADER_CHARS - len(ident)))
    return shorten(f"{organisation}    {ident}".strip(), HEADER_CHARS)


def _clear(part_element: Any) -> Any:
    """Empty a header or footer and give it one new paragraph."""
    for child in list(part_element):
        part_element.remove(child)
    return _sub(part_element, "p")


# w:settings children that come after w:updateFields in the schema (CT_Settings)
_AFTER_UPDATE_FIELDS = set(
    "hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema "
    "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
    "forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
    "doNotEmbedSmartTags decimalSymbol listSeparator".split()
)


def _settings(doc: Any, document: Document, update_fields: bool, branded: bool) -> None:
    """updateFields where the schema puts it (after alwaysMergeEmptyNamespace, before
    hdrShapeDefaults, footnotePr, compat, rsids...), the theme's font languages, one header
    for odd and even pages."""
    from lxml.etree import Element

    settings = doc.settings.element
    for old in settings.findall(_w("updateFields")) + settings.findall(_w("evenAndOddHeaders")):
        settings.remove(old)
    if update_fields:
        update = Element(_w("updateFields"))
        update.set(_w("val"), "true")
        for n, child in enumerate(settings):
            if child.tag.rsplit("}", 1)[-1] in _AFTER_UPDATE_FIELDS or not child.tag.startswith(
                f"{{{W_NS}}}"
            ):
                settings.insert(n, update)
                break
        else:
            settings.append(update)
    lang = settings.find(_w("themeFontLang"))
    if lang is not None and not branded:
        lang.set(_w("val"), LANG_TAGS.get(document.lang, "en-US"))
        lang.set(_w("eastAsia"), "zh-CN")


def _defaults(doc: Any, document: Document, branded: bool) -> None:
    """Language tags on the document defaults (zh-CN for East Asian text always, and for
    all text in a Chinese document); without a reference, our fonts and size."""
    from docx.shared import Pt

    styles = doc.styles.element
    defaults = styles.find(_w("docDefaults"))
    if defaults is None:
        defaults = _sub(styles, "docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(_w("rPrDefault"))
    if rpr_default is None:
        rpr_default = _sub(defaults, "rPrDefault")
        defaults.remove(rpr_default)
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(_w("rPr"))
    if rpr is None:
        rpr = _sub(rpr_default, "rPr")
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = _sub(rpr, "lang")
    lang.set(_w("val"), LANG_TAGS.get(document.lang, "en-US"))
    lang.set(_w("eastAsia"), "zh-CN")
    if branded:
        return  # the reference's fonts, East Asian too, stay
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        fonts = _sub(rpr, "rFonts")
        rpr.remove(fonts)
        rpr.insert(0, fonts)
    for theme in list(fonts.attrib):
        if theme.endswith("Theme}") or theme.rsplit("}", 1)[-1].endswith("Theme"):
            del fonts.attrib[theme]
    fonts.set(_w("ascii"), LATIN_FONT)
    fonts.set(_w("hAnsi"), LATIN_FONT)
    fonts.set(_w("cs"), LATIN_FONT)
    fonts.set(_w("eastAsia"), EAST_ASIA_FONT)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    for style in doc.styles.element.iterchildren(_w("style")):  # theme fonts would win
        for rfonts in style.iter(_w("rFonts")):
            for attr in list(rfonts.attrib):
                if attr.rsplit("}", 1)[-1] in (
                    "eastAsiaTheme",
                    "asciiTheme",
                    "hAnsiTheme",
                    "cstheme",
                ):
                    del rfonts.attrib[attr]
            if rfonts.get(_w("eastAsia")) is None:
                rfonts.set(_w("eastAsia"), EAST_ASIA_FONT)


def _core_properties(doc: Any, document: Document) -> None:
    """Title, author (who prepared it), subject, keywords, language, dates, revision; and an
    app.xml naming this application rather than python-docx's Word for Mac."""
    core = doc.core_properties
    made = document.created or dt.datetime.now(dt.UTC).replace(microsecond=0)
    core.title = shorten(one_line(document.title), 255)
    core.author = shorten(one_line(document.author), 255)
    core.last_modified_by = shorten(one_line(document.author), 255)
    core.subject = shorten(one_line(document.subject), 255)
    core.keywords = shorten("; ".join(one_line(k) for k in document.keywords), 255)
    core.language = LANG_TAGS.get(document.lang, "en-US")
    core.identifier = shorten(one_line(document.number), 255)
    core.version = shorten(one_line(document.revision), 64)
    core.category = ""
    core.comments = ""
    core.content_status = ""
    if made.tzinfo is not None:
        made = made.astimezone(dt.UTC).replace(tzinfo=None)
    core.created = core.modified = made
    core.revision = 1
    from docx.opc.packuri import PackURI

    for part in doc.part.package.iter_parts():
        if part.partname == PackURI("/docProps/app.xml"):
            part._blob = _APP_XML
            break


_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>QMS Desktop</Application><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"<AppVersion>1.0000</AppVersion></Properties>"
)


def _page_setup(section: Any, document: Document) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    width, height = page_size_cm(document.page_size, document.landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if document.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(width), Cm(height)
    margin = Cm(document.margin_cm)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Cm(min(1.0, document.margin_cm / 2))


def write_docx(
    document: Document,
    path: Path | io.BytesIO,
    reference: Path | None = None,
    deadline: Deadline | None = None,
    heading_pages: Sequence[int] | None = None,
    keep_reference_headers: bool = False,
) -> None:
    """Write the document as DOCX at `path` (styles, page size and fonts from `reference`
    if given; its headers and footers replaced by ours unless `keep_reference_headers`);
    `heading_pages` (from the PDF layout) fill in the contents field's page
    numbers; `deadline` stops it when time is up or the user cancels."""
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    watch = deadline or never()
    branded = reference is not None
    doc = _base_document(reference)
    east_asia = None if branded else EAST_ASIA_FONT
    styles = _Styles(doc)
    _defaults(doc, document, branded)
    has_toc = any(isinstance(b, TableOfContents) for b in document.blocks)
    _settings(doc, document, has_toc, branded)
    _core_properties(doc, document)

    ours = not (branded and keep_reference_headers)
    for n, section in enumerate(doc.sections):
        if n == 0 and not branded:
            _page_setup(section, document)
        if not ours:
            continue
        section.different_first_page_header_footer = n == 0  # the cover has none
        evens = [] if section.even_page_header.is_linked_to_previous else [section.even_page_header]
        for part in (section.header, *evens):
            p = _clear(part._get_or_add_definition()._element)
            _ppr_add(p, "pStyle", val=styles.id("Header"))
            _ppr_add(p, "jc", val="right")
            _add_runs(p, (Run(_header_text(document)),), east_asia)
        evens = [] if section.even_page_footer.is_linked_to_previous else [section.even_page_footer]
        for part in (section.footer, *evens):
            p = _clear(part._get_or_add_definition()._element)
            _ppr_add(p, "pStyle", val=styles.id("Footer"))
            _ppr_add(p, "jc", val="center")
            before, _, rest = document.page_label.partition("{page}")
            middle, _, after = rest.partition("{pages}")
            _add_runs(p, (Run(before),), east_asia)
            _field_runs(p, "PAGE", "1")
            _add_runs(p, (Run(middle),), east_asia)
            _field_runs(p, "NUMPAGES", "1")
            _add_runs(p, (Run(after),), east_asia)
        for part in (section.first_page_header, section.first_page_footer):
            _clear(part._get_or_add_definition()._element)
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    text_twips = int(text_width / 635)  # EMU to twips

    body = _Body(doc, styles)
    numbering = _Numbering(doc)
    if any(isinstance(b, Heading) for b in document.blocks):
        numbering.headings(styles)
    if any(isinstance(b, TableOfContents) for b in document.blocks):
        _plain_contents_heading(styles)

    def picture(data: object, width_cm: float) -> None:
        if not isinstance(data, bytes):
            return  # pictures are bytes from the workspace or the app, never a file name
        try:
            from qms_desktop.documents.pdf_writer import natural_width

            natural = natural_width(data)
            width = Cm(width_cm) if not natural else min(Cm(width_cm), int(natural * 12700))
            body.docx_paragraph().add_run().add_picture(io.BytesIO(data), width=width)
        except Exception:  # noqa: BLE001 - a picture python-docx cannot read is left out, not fatal
            return

    # Cover page
    if document.logo:
        picture(document.logo, 3.2)
    _add_runs(body.paragraph("Title"), (Run(document.title),), east_asia)
    _add_runs(body.paragraph(), (Run(document.organisation, bold=True),), east_asia)

    headings = [b for b in document.blocks if isinstance(b, Heading)]
    heading_number = 0
    for block in document.blocks:
        watch.check()
        if isinstance(block, Heading):
            heading_number += 1
            p = body.paragraph(f"Heading {block.level}")
            _bookmark(p, heading_number, block.runs, east_asia)
        elif isinstance(block, Paragraph):
            p = body.paragraph()
            if _is_lead_in(block.runs):
                _ppr_add(p, "keepNext")
            _add_runs(p, block.runs, east_asia)
        elif isinstance(block, ListBlock):
            style = "List Number" if block.ordered else "List Bullet"
            num = numbering.new_ordered_list() if block.ordered else numbering.bullet
            for item in block.items:
                p = body.paragraph(style)
                num_pr = _ppr_add(p, "numPr")
                _sub(num_pr, "ilvl", val="0")
                _sub(num_pr, "numId", val=str(num))
                _add_runs(p, item, east_asia)
        elif isinstance(block, Table):
            _table(body, block.header, block.rows, watch, text_twips, east_asia)
        elif isinstance(block, ControlBlock):
            fields = tuple(((Run(k, bold=True),), (Run(v),)) for k, v in block.fields)
            _table(body, (), fields, watch, text_twips, east_asia)
            if block.history:
                body.paragraph()
                _table(
                    body,
                    tuple((Run(h),) for h in block.history_header),
                    tuple(tuple((Run(c),) for c in row) for row in block.history),
                    watch,
                    text_twips,
                    east_asia,
                )
        elif isinstance(block, Image):
            picture(block.picture_bytes(), block.width_cm)
        elif isinstance(block, PageBreak):
            body.docx_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, TableOfContents):
            _add_runs(body.paragraph("TOC Heading"), (Run(document.toc_title),), east_asia)
            _contents(body, headings, heading_pages, text_twips, east_asia, watch)
    watch.check()
    doc.save(path if isinstance(path, io.BytesIO) else str(path))


def _plain_contents_heading(styles: _Styles) -> None:
    """The contents' own heading looks like a heading but is neither numbered nor listed in
    the contents (it may be based on Heading 1, which is both)."""
    style = styles.by_id[styles.id("TOC Heading").lower()]
    ppr = style.find(_w("pPr"))
    if ppr is None:
        ppr = _sub(style, "pPr")
        rpr = style.find(_w("rPr"))
        if rpr is not None:
            ppr.getparent().remove(ppr)
            rpr.addprevious(ppr)
    for old in ppr.findall(_w("numPr")) + ppr.findall(_w("outlineLvl")):
        ppr.remove(old)
    num_pr = _sub(ppr, "numPr")
    _sub(num_pr, "numId", val="0")
    ppr.remove(num_pr)
    _insert_ordered(ppr, num_pr)
    outline = _sub(ppr, "outlineLvl", val="9")
    ppr.remove(outline)
    _insert_ordered(ppr, outline)


def _is_lead_in(runs: tuple[Run, ...]) -> bool:
    text = "".join(r.text for r in runs).rstrip()
    return len(text) < 300 and text.endswith((":", "："))


def _bookmark_name(n: int) -> str:
    return f"_Toc_h{n}"


def _bookmark(p: Any, n: int, runs: tuple[Run, ...], east_asia: str | None) -> None:
    """The heading's text inside a bookmark the contents entries link to."""
    _sub(p, "bookmarkStart", id=str(n), name=_bookmark_name(n))
    _add_runs(p, runs, east_asia)
    _sub(p, "bookmarkEnd", id=str(n))


TOC_ENTRIES = 2000  # entries written into the contents field's result (Word adds the rest)


def _contents(
    body: _Body,
    headings: list[Heading],
    pages: Sequence[int] | None,
    text_twips: int,
    east_asia: str | None,
    deadline: Deadline,
) -> None:
    """A TOC field whose result is already there: one paragraph per heading with a link to
    it, dot leader and page number (from the PDF layout), so readers that do not update
    fields (LibreOffice converting, a phone) show the contents; Word updates it on open."""
    shown = headings[:TOC_ENTRIES]
    if not shown:
        p = body.paragraph("TOC 1")
        _field_runs(p, 'TOC \\o "1-3" \\h \\z \\u', "")
        return
    last = len(shown) - 1
    for n, heading in enumerate(shown):
        deadline.check()
        p = body.paragraph(f"TOC {heading.level}")
        tabs = _ppr_add(p, "tabs")
        _sub(tabs, "tab", val="right", leader="dot", pos=str(text_twips))
        if n == 0:
            _sub(_sub(p, "r"), "fldChar", fldCharType="begin")
            instr = _sub(_sub(p, "r"), "instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = ' TOC \\o "1-3" \\h \\z \\u '
            _sub(_sub(p, "r"), "fldChar", fldCharType="separate")
        link = _sub(p, "hyperlink", anchor=_bookmark_name(n + 1), history="1")
        label = one_line(shorten(heading.label, 300))
        page = str(pages[n]) if pages is not None and n < len(pages) else ""
        _add_runs(link, (Run(label), Run("\t"), Run(page)), east_asia)
        if n == last:
            _sub(_sub(p, "r"), "fldChar", fldCharType="end")


def _cell_size(p: Any) -> None:
    """Table text at 9 pt, the PDF's cell size (the body is 10.5 pt)."""
    for r in p.iter(_w("r")):
        rpr = r.find(_w("rPr"))
        if rpr is None:
            rpr = _sub(r, "rPr")
            r.remove(rpr)
            r.insert(0, rpr)
        for tag in ("sz", "szCs"):
            _sub(rpr, tag, val="18")


def _table(
    body: _Body,
    header: tuple[tuple[Run, ...], ...],
    rows: tuple[tuple[tuple[Run, ...], ...], ...],
    deadline: Deadline,
    text_twips: int,
    east_asia: str | None,
) -> None:
    from qms_desktop.documents.pdf_writer import column_widths

    branded = east_asia is None  # a reference document's table style decides

    columns = max([len(header)] + [len(r) for r in rows] + [1])
    # Measured with the PDF's font at 9 pt. Our cells are 9 pt too (as in the PDF: a wide
    # matrix keeps whole words in its headers), in faces up to 20 % wider; a reference
    # document's table text keeps its own size, up to 10.5 pt.
    scale = 1.2 if not branded else 1.4
    widths = [int(w * 20) for w in column_widths(header, rows, text_twips / 20, scale=scale)]
    table = body.table(columns, widths)
    tbl = table._tbl

    def row(cells: Sequence[tuple[Run, ...]], head: bool) -> None:
        tr = _sub(tbl, "tr")
        tr_pr = _sub(tr, "trPr")
        _sub(tr_pr, "cantSplit")  # a row never breaks across pages
        if head:
            _sub(tr_pr, "tblHeader")  # repeated at the top of every page
        for n in range(columns):
            tc = _sub(tr, "tc")
            tc_pr = _sub(tc, "tcPr")
            _sub(tc_pr, "tcW", w=str(widths[n]), type="dxa")
            if head and not branded:  # the PDF's header row: white on navy
                _sub(tc_pr, "shd", val="clear", color="auto", fill=HEADER_FILL)
            p = _sub(tc, "p")
            if n < len(cells):
                runs = cells[n]
                if head:
                    runs = tuple(Run(r.text, True, r.italic) for r in runs)
                _add_runs(p, runs, east_asia)
                if head and not branded:
                    for rpr in p.iter(_w("rPr")):
                        _sub(rpr, "color", val="FFFFFF")
                if not branded:
                    _cell_size(p)  # after the colour: the schema orders w:color before w:sz

    if header:
        row(header, True)
    for cells in rows:
        deadline.check()
        row(cells[:columns], False)
