"""Who is making changes: the default user name for the audit trail."""

from __future__ import annotations

import getpass


def default_actor() -> str:
    """The user name recorded in the audit trail unless preferences say otherwise."""
    try:
        return getpass.getuser() or "unknown user"
    except Exception:  # noqa: BLE001 - some platforms have no account name
        return "unknown user"
