"""One running app per user: a second launch hands its workspace to the running one
(QLocalServer/QLocalSocket), so a double-clicked file never opens in a second editor.

macOS sends a double-clicked file as a `QFileOpenEvent` to the running app instead;
`FileOpenEvents` turns those into the same request.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from qms_desktop.identity import EXECUTABLE
from qms_desktop.paths import user_data_dir

log = logging.getLogger("qms_desktop.single_instance")

TIMEOUT_MS = 2000
MAX_MESSAGE = 64 * 1024


def server_name() -> str:
    """Per user and per user-data folder (a portable copy or a test sandbox is its own app).
    Short, because Unix socket paths are limited to ~100 bytes."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = ""
    digest = hashlib.sha256(f"{user}\0{user_data_dir().resolve()}".encode()).hexdigest()
    return f"{EXECUTABLE}-{digest[:16]}"


def _message(path: Path | None, read_only: bool, demo: bool) -> bytes:
    if path is not None:
        request = {"open": str(Path(path).resolve()), "read_only": read_only}
    elif demo:
        request = {"demo": True}
    else:
        request = {"activate": True}
    return json.dumps(request).encode() + b"\n"


class SingleInstance(QObject):
    """`hand_over()` in a new process; `listen()` in the one that keeps running."""

    openRequested = Signal(Path, bool)  # workspace, read-only
    demoRequested = Signal()
    activateRequested = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server: QLocalServer | None = None

    def hand_over(self, path: Path | None, read_only: bool = False, demo: bool = False) -> bool:
        """Give the request to a running instance; True when it took it (this launch is done)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        socket.write(_message(path, read_only, demo))
        # (waitForBytesWritten() is false when flush() already wrote everything: not a test.)
        socket.flush()
        while socket.bytesToWrite() and socket.waitForBytesWritten(TIMEOUT_MS):
            pass
        while socket.bytesAvailable() < 3 and socket.waitForReadyRead(TIMEOUT_MS):
            pass
        taken = bytes(socket.readAll().data()).startswith(b"ok")
        socket.disconnectFromServer()
        log.info("handed over to the running instance: %s", taken)
        return taken

    def listen(self) -> bool:
        """Become the instance later launches hand their files to."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        if not server.listen(self.name):
            # A socket file left by a crashed instance (Unix): nobody answered hand_over(),
            # so it is stale.
            if server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
                QLocalServer.removeServer(self.name)
                if not server.listen(self.name):
                    log.warning("single-instance server not started: %s", server.errorString())
                    return False
            else:
                log.warning("single-instance server not started: %s", server.errorString())
                return False
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.abort()
            return
        line = bytes(socket.readLine(MAX_MESSAGE).data())
        try:
            request = json.loads(line)
        except ValueError:
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        if not isinstance(request, dict):
            return
        if isinstance(request.get("open"), str):
            log.info("a second launch handed over %s", request["open"])
            self.openRequested.emit(Path(request["open"]), bool(request.get("read_only")))
        elif request.get("demo"):
            self.demoRequested.emit()
        else:
            self.activateRequested.emit()


class FileOpenEvents(QObject):
    """Install on the QApplication: macOS's "open this document" events become requests."""

    openRequested = Signal(Path, bool)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                self.openRequested.emit(Path(event.file()), False)
                return True
        return super().eventFilter(watched, event)
