"""Import a service module on first use, not at start-up.

The services pull in SQLAlchemy (~0.2 s to import); deferring them lets the main window
appear before any workspace is opened. Used only for the GUI's service modules.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


def lazy(name: str) -> Any:
    return LazyModule(name)
