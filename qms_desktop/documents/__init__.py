"""Documents from templates: a sandboxed Jinja template renders a small Markdown-based
markup, parsed into one document model that a DOCX and a PDF writer both draw."""

from qms_desktop.documents.engine import (
    DocumentError,
    TemplateError,
    TemplateInfo,
    Trusted,
    build_document,
    find_template,
    list_templates,
    render_document,
)

__all__ = [
    "DocumentError",
    "TemplateError",
    "TemplateInfo",
    "Trusted",
    "build_document",
    "find_template",
    "list_templates",
    "render_document",
]
