"""Errors a user can cause, each carrying a message fit to show."""


class QmsError(Exception):
    """Base for every error whose message is meant for the user."""


class WorkspaceError(QmsError):
    """A workspace file cannot be created, opened, read or written."""


class WorkspaceReadOnlyError(WorkspaceError):
    """The workspace is open read-only (another process is editing it)."""


class ValidationError(QmsError):
    """A value given for a field is not acceptable."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotAvailableError(QmsError):
    """A feature that is not yet available in this version."""
