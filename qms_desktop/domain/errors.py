"""Errors a user can cause. Each carries a message code and parameters, turned into a
sentence in the reader's language by `domain.messages` (English for logs and `str()`)."""

from __future__ import annotations

from qms_desktop.domain.messages import Message


class QmsError(Exception):
    """Base for every error whose message is meant for the user.

    `QmsError("workspace.no_such_file", path=p)`: the code names a sentence in the message
    table (both languages); the keyword arguments fill it in. A parameter may itself be a
    `Message`, rendered in the same language (a location, a reason)."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.message = Message(code, params)
        super().__init__(self.message.text("en"))

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def params(self) -> dict[str, object]:
        return dict(self.message.params)

    def text(self, lang: str = "en") -> str:
        """The sentence in `lang` ("en" or "zh_CN")."""
        return self.message.text(lang)


class WorkspaceError(QmsError):
    """A workspace file cannot be created, opened, read or written."""


class WorkspaceReadOnlyError(WorkspaceError):
    """The workspace is open read-only (another process is editing it)."""


class ValidationError(QmsError):
    """A value given for a field is not acceptable; `field` names the field."""

    def __init__(self, field: str, code: str, /, **params: object) -> None:
        super().__init__(code, **params)
        self.field = field


class UsageError(QmsError):
    """A command was called the wrong way (the CLI exits with 2)."""
