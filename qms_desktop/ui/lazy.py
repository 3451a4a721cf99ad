"""The service modules the GUI reads through, imported on first use, not at start-up.

The services pull in SQLAlchemy (~0.2 s to import); deferring them lets the main window
appear before any workspace is opened. For the type checker each name *is* the service
module, so every call made through it is checked (`from qms_desktop.ui.lazy import
checklist_service`). Writes go through `ui/operations.py`, never through these.
"""

from __future__ import annotations

import builtins
import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any


def import_without_pyside_hook(name: str) -> ModuleType:
    """Import `name` through Python's own `__import__`, not PySide6's.

    Once imported, PySide6 replaces `builtins.__import__` with a hook for its `__feature__`
    switches (snake_case, true_property; this app uses none): every import statement runs
    through it, and each new module's source is read (`inspect.getsource`) to see whether it
    names PySide6. The services import only libraries without Qt (SQLAlchemy, Jinja2,
    reportlab, …), some 200 modules on opening the first workspace: through the hook that
    took 0.05–0.15 s more (bench_start.py, issue 17). A module the hook never saw counts as
    using no feature, which is what it would have been recorded as."""
    hooked = builtins.__import__
    plain = getattr(builtins, "__orig_import__", hooked)
    if plain is hooked:
        return importlib.import_module(name)
    builtins.__import__ = plain
    try:
        return importlib.import_module(name)
    finally:
        builtins.__import__ = hooked


class LazyModule:
    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = import_without_pyside_hook(self._name)
        return getattr(self._module, attr)


if TYPE_CHECKING:
    from qms_desktop.services import audit as audit_service
    from qms_desktop.services import checklist as checklist_service
    from qms_desktop.services import documents as documents_service
    from qms_desktop.services import profile as profile_service
    from qms_desktop.services import registers as register_service
    from qms_desktop.services import steps as step_service
    from qms_desktop.services import workspaces as workspaces_service
else:
    audit_service = LazyModule("qms_desktop.services.audit")
    checklist_service = LazyModule("qms_desktop.services.checklist")
    documents_service = LazyModule("qms_desktop.services.documents")
    profile_service = LazyModule("qms_desktop.services.profile")
    register_service = LazyModule("qms_desktop.services.registers")
    step_service = LazyModule("qms_desktop.services.steps")
    workspaces_service = LazyModule("qms_desktop.services.workspaces")

__all__ = [
    "LazyModule",
    "audit_service",
    "checklist_service",
    "documents_service",
    "profile_service",
    "register_service",
    "step_service",
    "workspaces_service",
]
