"""A second launch hands its workspace to the running app (never a second editor on one
file); the running window opens it, or keeps it when it is already open."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket

from qms_desktop.single_instance import SingleInstance, server_name
from qms_desktop.ui.main_window import MainWindow


@pytest.fixture
def running(qtbot) -> Iterator[SingleInstance]:
    """This test process plays the running app, under the name a second launch looks for."""
    instance = SingleInstance()
    assert instance.listen()
    yield instance
    instance.close()


_launched: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _no_leftover_launch() -> Iterator[None]:
    """A launch that failed to hand over would open a window and wait forever."""
    yield
    while _launched:
        process = _launched.pop()
        if process.poll() is None:
            process.kill()
            process.wait()


def _launch(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, "-m", "qms_desktop", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _launched.append(process)
    return process


def test_a_second_launch_with_a_file_hands_it_over_and_ends(
    qtbot, running: SingleInstance, workspace_file: Path
) -> None:
    received: list[tuple[Path, bool]] = []
    running.openRequested.connect(lambda path, ro: received.append((path, ro)))
    second = _launch("open", str(workspace_file), "--read-only")
    qtbot.waitUntil(lambda: bool(received), timeout=30000)
    assert second.wait(timeout=30) == 0, second.stdout.read() if second.stdout else ""
    assert received == [(workspace_file.resolve(), True)]


def test_a_second_launch_without_a_file_raises_the_running_window(
    qtbot, running: SingleInstance
) -> None:
    with qtbot.waitSignal(running.activateRequested, timeout=30000):
        second = _launch()
    assert second.wait(timeout=30) == 0


def test_without_a_running_instance_nothing_is_handed_over(qtbot) -> None:
    assert SingleInstance(name=server_name() + "-nobody").hand_over(Path("x.qms")) is False


def test_garbage_on_the_socket_is_refused(qtbot, running: SingleInstance) -> None:
    signals: list[object] = []
    running.openRequested.connect(lambda *a: signals.append(a))
    running.activateRequested.connect(lambda: signals.append("activate"))
    client = QLocalSocket()
    client.connectToServer(running.name)
    assert client.waitForConnected(2000)
    client.write(b"not json\n")
    client.flush()
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert signals == []


@pytest.mark.skipif(sys.platform == "win32", reason="stale socket files exist on Unix only")
def test_a_socket_left_by_a_crashed_instance_does_not_block_the_next_start(qtbot) -> None:
    name = server_name() + "-stale"
    path = Path(QDir.tempPath()) / name
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))
    stale.close()  # the file stays, nobody listens: what a crash leaves
    instance = SingleInstance(name=name)
    try:
        assert instance.hand_over(None) is False
        assert instance.listen()
    finally:
        instance.close()
        path.unlink(missing_ok=True)


def test_the_window_opens_a_handed_over_file(
    qtbot, window: MainWindow, workspace_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.qms"
    shutil.copyfile(workspace_file, other)
    assert window.open_handed_over(workspace_file)
    first = window.controller.ws()
    # The same file again (even by another spelling of its path): left as it is.
    assert window.open_handed_over(workspace_file.parent / "." / workspace_file.name)
    assert window.controller.ws() is first
    # Another file: opened in this window, the first one closed.
    assert window.open_handed_over(other)
    assert window.controller.ws().path.resolve() == other.resolve()
