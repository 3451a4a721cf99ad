"""Test setup: headless Qt, private user-data and settings folders, workspace fixtures."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt or the app: no screen, no real user folders.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = Path(tempfile.mkdtemp(prefix="qms-tests-"))
os.environ["QMS_DESKTOP_DATA"] = str(_SANDBOX / "data")
os.environ["QMS_DESKTOP_SETTINGS"] = str(_SANDBOX / "settings.ini")

# Fuzz tests are reproducible in CI (the same examples every run, so a red build is a real
# change); QMS_HYPOTHESIS_PROFILE=explore draws new examples each run to look for bugs.
from hypothesis import settings as hypothesis_settings  # noqa: E402

hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, database=None)
hypothesis_settings.register_profile("explore", derandomize=False, deadline=None)
hypothesis_settings.load_profile(os.environ.get("QMS_HYPOTHESIS_PROFILE", "ci"))

from qms_desktop.services.demo import write_demo  # noqa: E402
from qms_desktop.services.workspaces import create_workspace  # noqa: E402
from qms_desktop.storage.workspace import Workspace  # noqa: E402


@pytest.fixture(scope="session")
def template_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated workspace, made once; tests get copies of it."""
    path = tmp_path_factory.mktemp("template") / "template.qms"
    create_workspace(path, "Template Org", actor="tester").close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.qms"
    write_demo(path, "en")
    return path


@pytest.fixture
def workspace_file(template_workspace: Path, tmp_path: Path) -> Path:
    target = tmp_path / "org.qms"
    shutil.copyfile(template_workspace, target)
    return target


@pytest.fixture
def demo_file(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.qms"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def workspace(workspace_file: Path) -> Iterator[Workspace]:
    ws = Workspace.open(workspace_file)
    yield ws
    ws.close()


@pytest.fixture(autouse=True)
def _no_leftover_threads() -> Iterator[None]:
    """Fail a test that leaves a Python thread running (napari's rule)."""
    before = set(threading.enumerate())
    yield
    leftover = [
        t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon
    ]
    for t in leftover:
        t.join(timeout=5)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"test left threads running: {still}"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)
    _EXIT["status"] = int(exitstatus)


_EXIT: dict[str, int] = {}


def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without interpreter finalization once everything is reported.

    PySide6 6.12 can over-release Python's True/False while Qt objects die during the
    final garbage collection (a refcount bug in the binding, seen as "bool_dealloc"
    after every test passed); exiting here keeps pytest's own exit status.
    """
    import sys

    if "PySide6.QtWidgets" in sys.modules and "status" in _EXIT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT["status"])
