"""Templates to documents: discovery (built-in and user folders), the Jinja sandbox, and the
pipeline template → markup → document model → DOCX or PDF, written atomically."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from qms_desktop import fileio
from qms_desktop.documents import sandbox
from qms_desktop.documents.errors import DocumentError, TemplateError
from qms_desktop.documents.limits import Deadline, heap_frozen
from qms_desktop.documents.markup import parse
from qms_desktop.documents.model import (
    PAGE_SIZES,
    Block,
    ControlBlock,
    Document,
    Heading,
    Image,
    Picture,
)
from qms_desktop.documents.sandbox import MAX_MARKUP, Trusted
from qms_desktop.documents.sketch import Sketch
from qms_desktop.domain.messages import Message
from qms_desktop.paths import TEMPLATES

TIME_LIMIT = 20.0  # seconds a template may run, and again seconds a writer may lay a document out
MAX_META = 64 * 1024  # bytes of a template.yaml
PAGES_TIME_LIMIT = 5.0  # seconds the DOCX's contents may take to find its page numbers
PAGES_MAX_BLOCKS = 20_000  # blocks beyond which a DOCX's contents are left without them
LANGS = ("en", "zh_CN")

__all__ = [
    "LANGS",
    "MAX_MARKUP",
    "TIME_LIMIT",
    "DocumentError",
    "TemplateError",
    "TemplateInfo",
    "Trusted",
    "build_document",
    "find_template",
    "list_templates",
    "render_document",
    "render_markup",
    "template_pictures",
]


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    title_en: str
    title_zh: str
    languages: tuple[str, ...]
    source: str  # built-in / user
    folder: Path
    error: Message | None = None  # why this template cannot be used (its template.yaml is broken)
    landscape: bool = False  # template.yaml says `orientation: landscape` (wide tables)

    def title(self, lang: str) -> str:
        return (self.title_zh or self.title_en) if lang == "zh_CN" else self.title_en

    def file(self, lang: str) -> Path:
        return self.folder / f"{lang}.md.j2"


class _MetaLoader(yaml.SafeLoader):
    """YAML without anchors and aliases: a few lines of aliases can expand to gigabytes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _AliasFound(event.start_mark.line + 1)
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


_META_PARSED: dict[str, Any] = {}  # template.yaml text -> its data (a render reads it 3 times)


def _parsed_meta(text: str) -> Any:
    """The YAML of a template.yaml, parsed once per text (a copy: callers may keep it)."""
    import copy

    if text not in _META_PARSED:
        if len(_META_PARSED) >= 64:
            _META_PARSED.clear()
        _META_PARSED[text] = yaml.load(text, Loader=_MetaLoader)  # noqa: S506 - SafeLoader, no aliases
    return copy.deepcopy(_META_PARSED[text])


def _read_meta(folder: Path) -> dict[str, Any]:
    meta_file = folder / "template.yaml"
    if not meta_file.exists():
        return {}
    if not meta_file.is_file():  # a pipe or a device would never end
        raise TemplateError("documents.not_a_file", path=meta_file)
    try:
        if meta_file.stat().st_size > MAX_META:
            raise TemplateError(
                "documents.meta_too_large", path=meta_file, limit_kb=MAX_META // 1024
            )
        text = meta_file.read_text(encoding="utf-8")
        data = _parsed_meta(text)
    except _AliasFound as exc:
        raise TemplateError("documents.meta_alias", path=meta_file, line=exc.line) from None
    except RecursionError:
        raise TemplateError("documents.meta_too_deep", path=meta_file) from None
    except yaml.YAMLError as exc:
        raise TemplateError("documents.meta_invalid", path=meta_file, reason=str(exc)) from None
    except (UnicodeDecodeError, OSError) as exc:
        raise TemplateError("documents.meta_unreadable", path=meta_file, reason=str(exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TemplateError("documents.meta_not_mapping", path=meta_file)
    return data


def _folders(root: Path) -> list[Path]:
    try:
        return sorted(p for p in Path(root).iterdir() if p.is_dir())
    except OSError:
        return []  # an unreadable user folder adds nothing; the built-in templates still work


def _template_info(folder: Path, source: str) -> TemplateInfo | None:
    """The template in `folder` (None: it has no language file, so it is no template)."""
    langs = tuple(lang for lang in LANGS if (folder / f"{lang}.md.j2").exists())
    if not langs:
        return None
    error: Message | None = None
    try:
        meta = _read_meta(folder)
    except TemplateError as exc:
        meta, error = {}, exc.message
    title_value = meta.get("title")
    title: dict[str, Any] = title_value if isinstance(title_value, dict) else {}
    return TemplateInfo(
        folder.name,
        str(title.get("en") or folder.name)[:200],
        str(title.get("zh_CN") or "")[:200],
        langs,
        source,
        folder,
        error,
        meta.get("orientation") == "landscape",
    )


def _roots(user_dir: Path | None) -> list[tuple[Path, str]]:
    return [
        (Path(root), source)
        for root, source in ((TEMPLATES, "built-in"), (user_dir, "user"))
        if root is not None and Path(root).is_dir()
    ]


def list_templates(user_dir: Path | None = None) -> list[TemplateInfo]:
    """Built-in templates, overridden or added to by the user's template folder. A template
    whose template.yaml is broken is listed with its `error`; it never hides the others."""
    found: dict[str, TemplateInfo] = {}
    for root, source in _roots(user_dir):
        for folder in _folders(root):
            info = _template_info(folder, source)
            if info is not None:
                found[folder.name] = info
    return sorted(found.values(), key=lambda t: t.id)


def find_template(template_id: str, user_dir: Path | None = None) -> TemplateInfo:
    """The template as list_templates lists it, reading only its own template.yaml (the
    user's folder first, as it overrides the built-in one)."""
    for root, source in reversed(_roots(user_dir)):
        # only a folder the listing holds: an id is never joined to a path as it is
        folder = next((f for f in _folders(root) if f.name == template_id), None)
        info = _template_info(folder, source) if folder is not None else None
        if info is not None:
            return info
    raise TemplateError(
        "documents.no_such_template",
        template=template_id,
        known=[t.id for t in list_templates(user_dir)],
    )


def render_markup(
    info: TemplateInfo, lang: str, context: dict[str, Any], cancel: Callable[[], bool] | None = None
) -> str:
    """Run the template in the sandbox, with a time limit, the user's cancel and a size cap."""
    if info.error is not None:
        raise TemplateError("documents.template_broken", template=info.id, reason=info.error)
    if lang not in info.languages:
        raise TemplateError(
            "documents.no_language", template=info.id, lang=lang, available=list(info.languages)
        )
    return sandbox.render(
        info.folder, info.file(lang).name, info.id, context, time_limit=TIME_LIMIT, cancel=cancel
    )


_PICTURE = re.compile(r"^@@image\s+(\w+)\s*$", re.MULTILINE)


def template_pictures(info: TemplateInfo, lang: str) -> set[str]:
    """The pictures (`@@image NAME`) the template's files can place in `lang`, so the app
    draws only the charts a document uses. Read from the sources of the template's folder
    (its includes among them); a file that cannot be read names none."""
    names: set[str] = set()
    files = [info.file(lang), *sorted(info.folder.glob("*.j2"))]
    for path in dict.fromkeys(files):
        try:
            if path.is_file() and path.stat().st_size <= sandbox.MAX_SOURCE:
                names.update(_PICTURE.findall(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return names


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def template_words(info: TemplateInfo) -> set[str] | None:
    """Every name-like word in the sources of the template's folder (every language, its
    includes among them), so the app reads only the parts of the context a template can
    name; None when a source cannot be read (then everything is read)."""
    words: set[str] = set()
    for path in sorted(info.folder.glob("*.j2")):
        try:
            if path.stat().st_size > sandbox.MAX_SOURCE:
                return None
            words.update(_WORD.findall(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            return None
    return words


# -- the pipeline ----------------------------------------------------------------------------

CONTROL_LABELS = {
    "en": {
        "number": "Document number",
        "revision": "Revision",
        "status": "Status",
        "author": "Prepared by",
        "reviewer": "Reviewed by",
        "approver": "Approved by",
        "issued": "Issued",
        "effective": "Effective",
        "trail": "Audit trail at issue",
        "history": ("Revision", "Date", "By", "Change"),
    },
    "zh_CN": {
        "number": "文件编号",
        "revision": "版次",
        "status": "状态",
        "author": "编制",
        "reviewer": "审核",
        "approver": "批准",
        "issued": "发布日期",
        "effective": "实施日期",
        "trail": "发布时的审计追踪",
        "history": ("版次", "日期", "修订人", "修订内容"),
    },
}
PAGE_LABELS = {"en": "Page {page} of {pages}", "zh_CN": "第 {page} 页 共 {pages} 页"}
TOC_TITLES = {"en": "Contents", "zh_CN": "目录"}


def _control_block(document: dict[str, Any], lang: str) -> ControlBlock:
    labels: dict[str, Any] = CONTROL_LABELS[lang]
    fields = tuple(
        (labels[k], str(document.get(k) or "—"))
        for k in (
            "number",
            "revision",
            "status",
            "author",
            "reviewer",
            "approver",
            "issued",
            "effective",
            "trail",
        )
        if k != "trail" or document.get(k)
    )
    history = tuple(
        tuple(str(h.get(k) or "") for k in ("revision", "date", "author", "change"))
        for h in document.get("history") or []
        if isinstance(h, dict)
    )
    return ControlBlock(fields, tuple(labels["history"]), history)


def build_document(
    info: TemplateInfo,
    lang: str,
    context: dict[str, Any],
    images: dict[str, Picture] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Document:
    """Template → markup → document model. Pictures come only as bytes (the workspace's logo,
    the app's charts): a name in the markup picks one, never a file."""
    markup = render_markup(info, lang, context, cancel)
    pictures = {
        name: data
        for name, data in (images or {}).items()
        if isinstance(data, (bytes, Sketch)) and data
    }
    org = context.get("organisation") or {}
    doc_meta = context.get("document") or {}
    logo = org.get("logo") if isinstance(org.get("logo"), bytes) and org.get("logo") else None
    if logo is not None:
        pictures.setdefault("logo", logo)

    def image(name: str) -> Image | None:
        data = pictures.get(name)
        if not data:
            return None
        return Image(data, 3.2 if name == "logo" else 15.0)

    deadline = Deadline(TIME_LIMIT, cancel)  # reading the markup gets its own TIME_LIMIT
    blocks: list[Block] = _number_headings(
        parse(
            markup,
            images=image,
            control=lambda: _control_block(doc_meta, lang),
            check=deadline.check,
        )
    )
    title = info.title(lang)
    number = str(doc_meta.get("number") or "")
    organisation = str(org.get("name") or "")
    author = str(doc_meta.get("author") or "")
    paper = str(org.get("paper") or "A4")
    return Document(
        title=title,
        number=number,
        revision=str(doc_meta.get("revision") or ""),
        organisation=organisation,
        lang=lang,
        blocks=tuple(blocks),
        logo=logo,
        page_label=PAGE_LABELS[lang],
        toc_title=TOC_TITLES[lang],
        author="" if author in ("—", "-") else author,
        subject=f"{organisation} — {title}" if organisation else title,
        keywords=tuple(k for k in (number, "ISO 9001:2015", str(org.get("short_name") or "")) if k),
        page_size=paper if paper in PAGE_SIZES else "A4",
        landscape=info.landscape,
    )


def _number_headings(blocks: list[Block]) -> list[Block]:
    """Number headings 1, 1.1, 1.1.1 — the same in both formats."""
    counters = [0, 0, 0]
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = block.level
            counters[level - 1] += 1
            for deeper in range(level, 3):
                counters[deeper] = 0
            number = ".".join(str(c) for c in counters[:level])
            block = Heading(level, block.runs, number)
        out.append(block)
    return out


def write_atomically(out_path: Path, write: Callable[[Path], None]) -> Path:
    out_path = Path(out_path)
    if not out_path.parent.is_dir():
        raise DocumentError("documents.no_folder", folder=out_path.parent)
    try:
        return fileio.write_atomically(out_path, write)
    except OSError as exc:
        raise DocumentError(
            "documents.cannot_write", path=out_path, reason=exc.strerror or str(exc)
        ) from exc


def render_document(
    template_id: str,
    context: dict[str, Any],
    *,
    lang: str,
    fmt: str,
    out_path: Path,
    reference_docx: Path | None = None,
    user_dir: Path | None = None,
    images: dict[str, Picture] | None = None,
    progress: Callable[[float, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    keep_reference_headers: bool = False,
) -> Path:
    """Render a template to DOCX or PDF at `out_path` (temporary file, then rename). Running
    the template, reading its markup and writing the file each get TIME_LIMIT seconds;
    `cancel()` stops any of them. A reference DOCX's headers and footers are replaced by
    ours unless `keep_reference_headers`."""
    if fmt not in ("docx", "pdf"):
        raise DocumentError("documents.unknown_format", format=fmt)
    with heap_frozen():
        return _render(
            template_id,
            context,
            lang=lang,
            fmt=fmt,
            out_path=out_path,
            reference_docx=reference_docx,
            user_dir=user_dir,
            images=images,
            progress=progress,
            cancel=cancel,
            keep_reference_headers=keep_reference_headers,
        )


def _render(
    template_id: str,
    context: dict[str, Any],
    *,
    lang: str,
    fmt: str,
    out_path: Path,
    reference_docx: Path | None,
    user_dir: Path | None,
    images: dict[str, Picture] | None,
    progress: Callable[[float, str], None] | None,
    cancel: Callable[[], bool] | None,
    keep_reference_headers: bool,
) -> Path:
    report = progress or (lambda _f, _m: None)
    info = find_template(template_id, user_dir)
    report(0.1, "template")
    document = build_document(info, lang, context, images, cancel)
    deadline = Deadline(TIME_LIMIT, cancel)
    deadline.check()
    report(0.4, "layout")
    if fmt == "docx":
        from qms_desktop.documents.docx_writer import write_docx
        from qms_desktop.documents.model import TableOfContents
        from qms_desktop.documents.pdf_writer import heading_pages

        # the contents field is written filled in, with the page numbers of the PDF layout
        # (a few seconds at most; without them Word fills the numbers in when it opens it)
        pages = None
        if (
            any(isinstance(b, TableOfContents) for b in document.blocks)
            and len(document.blocks) <= PAGES_MAX_BLOCKS
        ):
            laid_out = document
            if reference_docx is not None:  # counted on the reference's pages
                from dataclasses import replace

                from qms_desktop.documents.docx_writer import reference_page

                page = reference_page(Path(reference_docx))
                if page is not None:
                    laid_out = replace(document, page_size=page[0], margin_cm=page[1])
            try:
                pages = heading_pages(laid_out, Deadline(PAGES_TIME_LIMIT, cancel))
            except DocumentError as exc:
                if exc.code == "documents.cancelled":
                    raise
                pages = None
        path = write_atomically(
            out_path,
            lambda p: write_docx(
                document,
                p,
                reference_docx,
                deadline=deadline,
                heading_pages=pages,
                keep_reference_headers=keep_reference_headers,
            ),
        )
    else:
        from qms_desktop.documents.pdf_writer import write_pdf

        path = write_atomically(out_path, lambda p: write_pdf(document, p, deadline=deadline))
    report(1.0, "done")
    return path
