"""Start-up does each thing once (issue 17): opening a workspace loads the dashboard once,
and the services are imported past PySide6's import hook, which is put back afterwards."""

import builtins
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from qms_desktop.services.profile import get_profile
from qms_desktop.ui.lazy import LazyModule, import_without_pyside_hook
from qms_desktop.ui.main_window import MainWindow
from qms_desktop.ui.pages.dashboard import DashboardPage


@pytest.fixture
def reloads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The organisation name each dashboard load showed, one entry per load."""
    loads: list[str] = []
    original = DashboardPage.reload

    def counted(page: DashboardPage) -> None:
        original(page)
        loads.append(page._org.text())

    monkeypatch.setattr(DashboardPage, "reload", counted)
    return loads


def test_opening_a_workspace_loads_the_dashboard_once(
    window: MainWindow, demo_file: Path, reloads: list[str]
):
    assert window.open_path(demo_file)
    name = get_profile(window.controller.ws()).name
    assert reloads == [name]
    assert window.current_page_key() == "dashboard"
    assert window.dashboard._org.text() == name


def test_switching_workspaces_loads_the_new_dashboard_once(
    window: MainWindow, demo_file: Path, tmp_path: Path, reloads: list[str]
):
    assert window.open_path(demo_file)
    other = tmp_path / "harbour.qms"
    assert window.create_workspace(other, "Harbour Light", "en")
    reloads.clear()
    assert window.open_path(demo_file)
    assert reloads == [get_profile(window.controller.ws()).name]


def test_an_edit_while_on_the_dashboard_still_reloads_it(
    window: MainWindow, demo_file: Path, reloads: list[str]
):
    assert window.open_path(demo_file)
    old = get_profile(window.controller.ws()).name
    reloads.clear()
    assert window.controller.ops.set_profile("name", {"name": old}, {"name": "Harbour Light"})
    assert reloads == ["Harbour Light"]


def _write_probe(folder: Path, name: str) -> None:
    """A module that records, while it is imported, whether an import statement in it
    goes through PySide6's hook."""
    (folder / f"{name}.py").write_text(
        "import builtins\n"
        "import json  # an import statement, as in any service\n"
        "HOOKED = builtins.__import__ is not getattr(builtins, '__orig_import__', None)\n",
        encoding="utf-8",
    )


def test_services_are_imported_past_the_pyside_hook_and_the_hook_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import PySide6.QtCore  # noqa: F401 - installs the hook

    QThreadPool.globalInstance().waitForDone()  # no import of an earlier test still running
    hooked = builtins.__import__
    assert hooked is not builtins.__orig_import__  # type: ignore[attr-defined]
    _write_probe(tmp_path, "qms_probe_plain")
    _write_probe(tmp_path, "qms_probe_lazy")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert import_without_pyside_hook("qms_probe_plain").HOOKED is False
        assert LazyModule("qms_probe_lazy").HOOKED is False
        assert builtins.__import__ is hooked
        with pytest.raises(ModuleNotFoundError):
            import_without_pyside_hook("qms_probe_missing")
        assert builtins.__import__ is hooked  # put back after a failed import too
    finally:
        for name in ("qms_probe_plain", "qms_probe_lazy"):
            sys.modules.pop(name, None)
