"""Templates to documents: discovery (built-in and user folders), the Jinja sandbox, and the
pipeline template → markup → document model → DOCX or PDF, written atomically."""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jinja2 import FunctionLoader, StrictUndefined, TemplateSyntaxError
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from qms_desktop import fileio
from qms_desktop.documents.markup import escape, parse
from qms_desktop.documents.model import Block, ControlBlock, Document, Heading, Image, Run
from qms_desktop.domain.errors import QmsError
from qms_desktop.paths import TEMPLATES

MAX_MARKUP = 20 * 1024 * 1024
TIME_LIMIT = 20.0  # seconds a template may run
LANGS = ("en", "zh_CN")


class TemplateError(QmsError):
    """A template cannot be used; the message names the template, the line and the cause."""


class DocumentError(QmsError):
    """A document cannot be written."""


class Trusted(str):
    """Markup built by the application itself (never user text): passes the escaping."""


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    title_en: str
    title_zh: str
    languages: tuple[str, ...]
    source: str  # built-in / user
    folder: Path

    def title(self, lang: str) -> str:
        return (self.title_zh or self.title_en) if lang == "zh_CN" else self.title_en

    def file(self, lang: str) -> Path:
        return self.folder / f"{lang}.md.j2"


def _read_meta(folder: Path) -> dict[str, Any]:
    meta_file = folder / "template.yaml"
    if not meta_file.exists():
        return {}
    try:
        data = yaml.safe_load(meta_file.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise TemplateError(f"{meta_file}: cannot be read ({exc}).") from exc
    return data if isinstance(data, dict) else {}


def list_templates(user_dir: Path | None = None) -> list[TemplateInfo]:
    """Built-in templates, overridden or added to by the user's template folder."""
    found: dict[str, TemplateInfo] = {}
    for root, source in ((TEMPLATES, "built-in"), (user_dir, "user")):
        if root is None or not Path(root).is_dir():
            continue
        for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
            langs = tuple(lang for lang in LANGS if (folder / f"{lang}.md.j2").exists())
            if not langs:
                continue
            meta = _read_meta(folder)
            title_value = meta.get("title")
            title: dict[str, Any] = title_value if isinstance(title_value, dict) else {}
            found[folder.name] = TemplateInfo(folder.name, str(title.get("en") or folder.name),
                                              str(title.get("zh_CN") or ""), langs, source, folder)
    return sorted(found.values(), key=lambda t: t.id)


def find_template(template_id: str, user_dir: Path | None = None) -> TemplateInfo:
    for info in list_templates(user_dir):
        if info.id == template_id:
            return info
    known = ", ".join(t.id for t in list_templates(user_dir))
    raise TemplateError(f"There is no template {template_id!r} (available: {known}).")


# -- the sandbox -----------------------------------------------------------------------------


def _finalize(value: Any) -> str:
    if isinstance(value, Trusted):
        return str(value)
    if value is None:
        return ""
    return escape(str(value))


def _pct(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}%"


def make_environment(path_of: Callable[[str], Path]) -> ImmutableSandboxedEnvironment:
    def load(name: str) -> tuple[str, str, Callable[[], bool]]:
        path = path_of(name)
        try:
            return path.read_text(encoding="utf-8"), str(path), lambda: True
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"{path}: cannot be read ({exc}).") from exc

    env = ImmutableSandboxedEnvironment(loader=FunctionLoader(load), undefined=StrictUndefined, autoescape=False,
                                        finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
                                        keep_trailing_newline=True)
    env.filters["pct"] = _pct
    return env


def _template_line(exc: BaseException, filename: str) -> int | None:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def render_markup(info: TemplateInfo, lang: str, context: dict[str, Any]) -> str:
    """Run the template in the sandbox, with a time limit and a size cap."""
    if lang not in info.languages:
        raise TemplateError(f"Template {info.id} has no {lang} version (it has {', '.join(info.languages)}).")
    path = info.file(lang)
    env = make_environment(lambda _name: path)
    label = f"template {info.id} ({path.name})"
    try:
        template = env.get_template(path.name)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"{label}, line {exc.lineno}: {exc.message}") from None
    deadline = time.monotonic() + TIME_LIMIT

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        if time.monotonic() > deadline:
            raise TimeoutError
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        text = template.render(**context)
    except TimeoutError:
        raise TemplateError(f"{label}: stopped after {TIME_LIMIT:.0f} s; the template loops too long.") from None
    except JinjaTemplateError as exc:
        line = _template_line(exc, str(path))
        where = f", line {line}" if line else ""
        kind = "not allowed in a template" if "unsafe" in str(exc) or "security" in type(exc).__name__.lower() \
            else type(exc).__name__
        raise TemplateError(f"{label}{where}: {exc} ({kind})") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, OverflowError,
            MemoryError) as exc:
        line = _template_line(exc, str(path))
        where = f", line {line}" if line else ""
        raise TemplateError(f"{label}{where}: {type(exc).__name__}: {exc}") from None
    finally:
        sys.settrace(previous)
    if len(text) > MAX_MARKUP:
        raise TemplateError(f"{label}: produced more than {MAX_MARKUP // 1048576} MB of text.")
    return text


# -- the pipeline ----------------------------------------------------------------------------

CONTROL_LABELS = {
    "en": {"number": "Document number", "revision": "Revision", "status": "Status", "author": "Prepared by",
           "approver": "Approved by", "issued": "Issued", "effective": "Effective",
           "history": ("Revision", "Date", "By", "Change")},
    "zh_CN": {"number": "文件编号", "revision": "版次", "status": "状态", "author": "编制", "approver": "批准",
              "issued": "发布日期", "effective": "实施日期", "history": ("版次", "日期", "修订人", "修订内容")},
}
PAGE_LABELS = {"en": "Page {page} of {pages}", "zh_CN": "第 {page} 页 共 {pages} 页"}
TOC_TITLES = {"en": "Contents", "zh_CN": "目录"}


def _control_block(document: dict[str, Any], lang: str) -> ControlBlock:
    labels: dict[str, Any] = CONTROL_LABELS[lang]
    fields = tuple((labels[k], str(document.get(k) or "—")) for k in
                   ("number", "revision", "status", "author", "approver", "issued", "effective"))
    history = tuple(tuple(str(h.get(k) or "") for k in ("revision", "date", "author", "change"))
                    for h in document.get("history") or [] if isinstance(h, dict))
    return ControlBlock(fields, tuple(labels["history"]), history)


def build_document(info: TemplateInfo, lang: str, context: dict[str, Any],
                   images: dict[str, bytes] | None = None) -> Document:
    markup = render_markup(info, lang, context)
    pictures = images or {}
    org = context.get("organisation") or {}
    doc_meta = context.get("document") or {}
    if org.get("logo"):
        pictures.setdefault("logo", org["logo"])

    def image(name: str) -> Image | None:
        data = pictures.get(name)
        if not data:
            return None
        return Image(data, 3.2 if name == "logo" else 15.0)

    blocks: list[Block] = _number_headings(parse(markup, images=image,
                                                 control=lambda: _control_block(doc_meta, lang)))
    return Document(title=info.title(lang), number=str(doc_meta.get("number") or ""),
                    revision=str(doc_meta.get("revision") or ""), organisation=str(org.get("name") or ""),
                    lang=lang, blocks=tuple(blocks), logo=org.get("logo"), page_label=PAGE_LABELS[lang],
                    toc_title=TOC_TITLES[lang])


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
            first = block.runs[0] if block.runs else Run("")
            runs = (Run(f"{number} {first.text}", first.bold, first.italic), *block.runs[1:])
            block = Heading(level, runs)
        out.append(block)
    return out


def write_atomically(out_path: Path, write: Callable[[Path], None]) -> Path:
    out_path = Path(out_path)
    if not out_path.parent.is_dir():
        raise DocumentError(f"The folder {out_path.parent} does not exist.")
    try:
        return fileio.write_atomically(out_path, write)
    except OSError as exc:
        raise DocumentError(f"Cannot write {out_path}: {exc.strerror or exc}.") from exc


def render_document(template_id: str, context: dict[str, Any], *, lang: str, fmt: str, out_path: Path,
                    reference_docx: Path | None = None, user_dir: Path | None = None,
                    images: dict[str, bytes] | None = None,
                    progress: Callable[[float, str], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> Path:
    """Render a template to DOCX or PDF at `out_path` (temporary file, then rename)."""
    if fmt not in ("docx", "pdf"):
        raise DocumentError(f"Unknown format {fmt!r}; use docx or pdf.")
    report = progress or (lambda _f, _m: None)
    info = find_template(template_id, user_dir)
    report(0.1, "template")
    document = build_document(info, lang, context, images)
    if cancel and cancel():
        raise DocumentError("Cancelled.")
    report(0.4, "layout")
    if fmt == "docx":
        from qms_desktop.documents.docx_writer import write_docx

        path = write_atomically(out_path, lambda p: write_docx(document, p, reference_docx))
    else:
        from qms_desktop.documents.pdf_writer import write_pdf

        path = write_atomically(out_path, lambda p: write_pdf(document, p))
    report(1.0, "done")
    return path
