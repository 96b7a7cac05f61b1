"""One Qari at a time: a second launch hands its file to the running window over a local socket.

Two windows on one config folder would race on the settings and state files (each saves its
own copy), so ``qari FILE`` first offers FILE to a running Qari (:func:`hand_over`) and only opens
a window when nobody answers; that window then listens (:class:`InstanceServer`). The model is
Anki's ``AnkiApp.secondInstance`` / ``sendMsg``, with four changes: the name is keyed by the
config folder too (so ``--temp-basedir`` and ``--config-dir`` runs never meet the user's
instance); the path travels as bytes (a file name need not be UTF-8); the server answers, so the
launcher knows its file arrived; and a crashed instance's socket is removed only when nobody
answers on it, under a lock, so Qaris started at the same moment end up with one listener.

The wire format is one line of JSON per connection, each way::

    launcher → {"qari": 1, "open": "<base64 of os.fsencode(absolute path)>"}\\n   or   {"qari": 1, "activate": true}\\n
    window   → ok\\n   (or  no\\n  for a message it could not read)
"""

from __future__ import annotations

import base64
import binascii
import getpass
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QDir, QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

PROTOCOL = 1
#: The longest message a launcher may send (a path of a few KiB, base64'd, fits many times over).
MAX_MESSAGE = 64 * 1024
#: How long the window waits for a launcher that connected to finish its line.
CLIENT_TIMEOUT_MS = 5000
#: The longest Unix socket path every platform accepts (``sun_path`` is 104 bytes on macOS).
_MAX_SOCKET_PATH = 100
#: How long :meth:`InstanceServer.listen` waits for another starting Qari to finish listening.
_LOCK_WAIT_MS = 3000
#: How often :func:`hand_over` looks for the answer.
_POLL_S = 0.005
_OK = b"ok\n"
_NO = b"no\n"


def _user() -> str:
    """Who runs Qari: the uid on Unix, the account name elsewhere (safe for a pipe name)."""
    if hasattr(os, "getuid"):
        return str(os.getuid())
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no USERNAME in the environment and no password database
        name = "user"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:32] or "user"


def server_key(config_dir: Path) -> str:
    """The local-socket name for one user and one config folder.

    On Linux the socket goes in ``$XDG_RUNTIME_DIR`` (private to the user, emptied at logout)
    when there is one; otherwise Qt puts the bare name in the temp folder.
    """
    folder = hashlib.sha1(os.fsencode(config_dir.expanduser().resolve()), usedforsecurity=False).hexdigest()[:12]
    name = f"qari-{_user()}-{folder}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform.startswith("linux") and runtime and Path(runtime).is_dir():
        full = os.path.join(runtime, name)
        if len(os.fsencode(full)) <= _MAX_SOCKET_PATH:
            return full
    return name


def encode_request(path: Path | str | None) -> bytes:
    """The launcher's message: open ``path`` (made absolute), or just come forward when None."""
    if path is None:
        body: dict[str, object] = {"qari": PROTOCOL, "activate": True}
    else:
        raw = os.fsencode(os.path.abspath(path))
        body = {"qari": PROTOCOL, "open": base64.b64encode(raw).decode("ascii")}
    return json.dumps(body).encode("utf-8") + b"\n"


def decode_request(line: bytes) -> str | None:
    """The path a message asks to open, ``""`` for "activate", None for anything else.

    The path comes back through :func:`os.fsdecode`, so a non-UTF-8 name survives as
    surrogate escapes and ``Path(result)`` names the very same file.
    """
    try:
        body = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(body, dict) or body.get("qari") != PROTOCOL:
        return None
    if body.get("activate") is True:
        return ""
    encoded = body.get("open")
    if not isinstance(encoded, str):
        return None
    try:
        raw = base64.b64decode(encoded.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    if not raw or b"\x00" in raw:
        return None
    return os.fsdecode(raw)


def _read_all(socket: QLocalSocket) -> bytes:
    """What ``socket`` has buffered, without Qt's "device not open" warning once a write to a gone peer closed it."""
    return bytes(socket.readAll().data()) if socket.bytesAvailable() > 0 else b""


def hand_over(key: str, path: Path | str | None, timeout_ms: int = 5000) -> bool:
    """Give ``path`` (or an "activate" request) to the Qari listening on ``key``.

    True once that Qari has acknowledged it. False at once when nobody listens (no socket, or a
    stale one left by a crash), and False after ``timeout_ms`` when something connected but never
    answered. Needs no QApplication, so a second launch can hand over before starting Qt's GUI.
    """
    socket = QLocalSocket()
    try:
        socket.connectToServer(key)
        deadline = QDeadlineTimer(max(0, timeout_ms))
        if not socket.waitForConnected(max(0, deadline.remainingTime())):
            return False
        socket.write(encode_request(path))
        socket.flush()
        reply = b""
        while True:
            # Poll, and wait in Python: PySide holds the GIL inside waitFor…(), and a caller on a
            # thread must not starve a server running Python in the same process (the tests do that).
            connected = socket.state() == QLocalSocket.LocalSocketState.ConnectedState
            if connected:
                socket.waitForReadyRead(0)
            reply += _read_all(socket)
            if b"\n" in reply or len(reply) >= len(_OK) or not connected or deadline.hasExpired():
                break
            time.sleep(_POLL_S)
        return reply.startswith(_OK)
    finally:
        socket.abort()


def _lock_path(key: str) -> str:
    """The lock file beside the socket (Qt puts a bare name in the temp folder)."""
    return (key if os.path.isabs(key) else os.path.join(QDir.tempPath(), key)) + ".lock"


def _someone_listening(key: str) -> bool:
    """Whether a live server answers on ``key`` (a stale socket file refuses the connection)."""
    probe = QLocalSocket()
    try:
        probe.connectToServer(key)
        return probe.waitForConnected(1000)
    finally:
        probe.abort()


class _Client:
    """One launcher's connection: gathers its line across partial reads, or gives up on it.

    Hands the bytes before the first newline to the server once; a client that sends too much,
    or nothing within :data:`CLIENT_TIMEOUT_MS`, is dropped without a word to the server.
    A plain object, not a QObject: PySide crashes when a parent is deleted while a Python
    QObject child awaits ``deleteLater``, and a window may close at any moment. The socket
    (a child of the QLocalServer) and its timer are Qt's; the server's set keeps this alive.
    """

    def __init__(self, socket: QLocalSocket, server: InstanceServer) -> None:
        self._server = server
        self._socket = socket
        self._buffer = bytearray()
        self._answered = False
        self._dropped = False
        self._timer = QTimer(socket)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expire)
        self._timer.start(CLIENT_TIMEOUT_MS)
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._hung_up)
        self._read()  # bytes may have arrived before the signals were connected

    def _read(self) -> None:
        if self._answered or self._dropped:
            return
        self._buffer += _read_all(self._socket)
        newline = self._buffer.find(b"\n")
        if newline >= 0:
            self._server._take(self, bytes(self._buffer[:newline]))
        elif len(self._buffer) > MAX_MESSAGE:
            self.answer(_NO)

    def _expire(self) -> None:
        """Time is up: a line that is already here still counts (the window may have been busy)."""
        self._read()
        self.drop()

    def _hung_up(self) -> None:
        """The launcher went away: take what it sent last, then let go."""
        self._read()
        self.drop()

    def answer(self, reply: bytes) -> None:
        """Send ``reply`` and hang up once it is written (the timer still drops a stuck client)."""
        if self._answered or self._dropped:
            return
        self._answered = True
        if self._socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self._socket.write(reply)
            self._socket.flush()
            self._socket.disconnectFromServer()  # closes after the pending bytes are written
        if self._socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
            self.drop()

    def drop(self) -> None:
        """Let the connection go (also when it stays silent until the timer runs out)."""
        if self._dropped:
            return
        self._dropped = True
        self._server._clients.discard(self)
        self._timer.stop()
        if self._socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            self._socket.abort()
        self._socket.deleteLater()


class InstanceServer(QObject):
    """The running window's ear: turns launchers' messages into signals.

    Signals:
        fileRequested(str): a launcher asks to open this absolute path. Declared as ``object``
            because a QString cannot hold the surrogate escapes of a non-UTF-8 file name.
        activateRequested(): a launcher without a file asks the window to come forward.
    """

    fileRequested = Signal(object)
    activateRequested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        if sys.platform == "win32":
            # Named pipes are machine-wide: only this user may connect. (On Unix the socket lives in
            # the user's runtime folder or is created with the umask, and the rename-over-the-name
            # that this option implies there would hide a live instance's socket.)
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._clients: set[_Client] = set()

    def listen(self, key: str) -> bool:
        """Start listening on ``key``; False if another live Qari already does (or the OS refuses).

        Qaris starting at the same moment (a desktop opening several files at once starts one
        per file) take turns here under a lock file, so that one clearing a crashed instance's
        socket file never removes the socket another has just made.
        """
        if self._server.isListening():
            self._server.close()
        lock = QLockFile(_lock_path(key))
        lock.setStaleLockTime(10_000)
        if not lock.tryLock(_LOCK_WAIT_MS):
            return False  # another Qari is starting right now; the caller hands over to it
        try:
            if _someone_listening(key):  # before listening: a Windows pipe name can be taken twice
                return False
            if self._server.listen(key):
                return True
            if self._server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                return False
            QLocalServer.removeServer(key)  # nobody answered: the socket file of an instance that crashed
            return self._server.listen(key)
        finally:
            lock.unlock()

    def is_listening(self) -> bool:
        """Whether launchers can reach this server."""
        return self._server.isListening()

    def full_name(self) -> str:
        """Where the socket is (a path on Unix, a pipe name on Windows); empty when not listening."""
        return self._server.fullServerName()

    def close(self) -> None:
        """Stop listening (the socket file is removed)."""
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is not None:
                client = _Client(socket, self)
                if not client._dropped:
                    self._clients.add(client)

    def _take(self, client: _Client, line: bytes) -> None:
        """Acknowledge a good message first (the launcher may exit), then act on it."""
        request = decode_request(line)
        client.answer(_NO if request is None else _OK)
        if request == "":
            self.activateRequested.emit()
        elif request is not None:
            self.fileRequested.emit(request)


def bring_to_front(window: QWidget) -> None:
    """Un-minimise ``window`` (keeping it maximised if it was), raise it and ask for focus.

    Window managers may refuse focus to a window that did not get user input (X11 focus-stealing
    prevention, Wayland without an activation token); the window then asks for attention
    (:meth:`QApplication.alert`: a flashing task-bar entry), which is the most an application can do.
    """
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState((state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    if not window.isVisible():
        window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)  # nothing happens if the window did become active
