"""The documents area's errors: a template that cannot be used, a document that cannot be written."""

from __future__ import annotations

from qms_desktop.domain.errors import QmsError


class TemplateError(QmsError):
    """A template cannot be used; the message names the template, the line and the cause."""


class DocumentError(QmsError):
    """A document cannot be written (or its writing was cancelled or took too long)."""
