"""One Qari at a time: a launcher hands its file to the running window over a local socket.

The launcher side (:func:`hand_over`) blocks, as it does in a second ``qari`` process, so here it
runs on a plain thread while the test's event loop serves the window side.
"""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QWidget

from reader.ui import single_instance
from reader.ui.single_instance import InstanceServer, bring_to_front, decode_request, encode_request, hand_over, server_key

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def off_thread(qtbot, fn: Callable[[], T], timeout_ms: int = 15000) -> T:
    """Run blocking ``fn`` on a thread while the event loop turns; its result or its exception."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the test below
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=timeout_ms)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def read_all(sock: QLocalSocket) -> bytes:
    return bytes(sock.readAll().data()) if sock.bytesAvailable() > 0 else b""  # no warning once a failed write closed it


def raw_client(key: str, chunks: list[bytes], pause_s: float = 0.0, read_ms: int = 8000) -> tuple[bytes, bool]:
    """Connect, send ``chunks`` one by one (pausing between), and read until the server hangs up.

    Returns what the server said and whether it hung up (False: ``read_ms`` ran out first).
    """
    sock = QLocalSocket()
    try:
        sock.connectToServer(key)
        assert sock.waitForConnected(3000)
        for chunk in chunks:
            if sock.state() != QLocalSocket.LocalSocketState.ConnectedState:
                break  # the server cut us off
            sock.write(chunk)
            sock.flush()
            time.sleep(pause_s)
        reply = b""
        deadline = time.monotonic() + read_ms / 1000
        while sock.state() == QLocalSocket.LocalSocketState.ConnectedState and time.monotonic() < deadline:
            sock.waitForReadyRead(0)  # poll: PySide would hold the GIL for the whole wait
            reply += read_all(sock)
            time.sleep(0.005)
        hung_up = sock.state() != QLocalSocket.LocalSocketState.ConnectedState
        return reply + read_all(sock), hung_up
    finally:
        sock.abort()


@pytest.fixture
def key(tmp_path: Path) -> str:
    return server_key(tmp_path / "config")


@pytest.fixture
def server(qapp, key: str):
    srv = InstanceServer()
    assert srv.listen(key)
    yield srv
    srv.close()
    srv.deleteLater()


@pytest.fixture
def received(server: InstanceServer) -> list[object]:
    """Everything the server emitted, in order: paths, and "ACTIVATE" for the activate signal."""
    seen: list[object] = []
    server.fileRequested.connect(seen.append)
    server.activateRequested.connect(lambda: seen.append("ACTIVATE"))
    return seen


NAMES = {
    "ascii": os.fsencode("article.txt"),
    "arabic": os.fsencode("مقالة عن القاهرة.txt"),
    "not-utf8": b"maq\xe1la-\xff.txt",  # Windows-1256 bytes: no UTF-8 decoding of them exists
}


@pytest.mark.parametrize("name", list(NAMES), ids=list(NAMES))
def test_a_launcher_hands_its_file_to_the_window(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: str, received: list[object], name: str
) -> None:
    if sys.platform == "win32" and name == "not-utf8":
        pytest.skip("Windows file names are UTF-16; there are no undecodable bytes to carry")
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + NAMES[name]))
    content = f"{name} · نص".encode()
    path.write_bytes(content)
    monkeypatch.chdir(tmp_path)  # a relative name is made absolute by the launcher, against its own folder
    assert off_thread(qtbot, lambda: hand_over(key, Path(path.name)))
    qtbot.waitUntil(lambda: len(received) == 1)
    got = received[0]
    assert isinstance(got, str) and Path(got).is_absolute()
    assert os.fsencode(got) == os.fsencode(path)
    assert Path(got).read_bytes() == content  # the window can open exactly that file


def test_without_a_file_the_window_is_asked_to_come_forward(qtbot, key: str, received: list[object]) -> None:
    assert off_thread(qtbot, lambda: hand_over(key, None))
    qtbot.waitUntil(lambda: received == ["ACTIVATE"])
    assert off_thread(qtbot, lambda: hand_over(key, None))
    qtbot.waitUntil(lambda: received == ["ACTIVATE", "ACTIVATE"])


def test_hand_over_gives_up_at_once_when_nobody_listens(qtbot, tmp_path: Path, key: str) -> None:
    # A timeout far beyond the test's own: only an immediate "nobody there" lets this test finish.
    assert off_thread(qtbot, lambda: hand_over(key, tmp_path / "a.txt", timeout_ms=10 * 60 * 1000)) is False


@pytest.mark.skipif(sys.platform == "win32", reason="stale socket files are a Unix thing; named pipes vanish with their process")
def test_a_stale_socket_left_by_a_crash_neither_answers_nor_blocks_a_new_start(qtbot, qapp, tmp_path: Path, key: str) -> None:
    import socket as pysocket

    probe = InstanceServer()
    assert probe.listen(key)
    full = probe.full_name()
    probe.close()
    probe.deleteLater()
    stale = pysocket.socket(pysocket.AF_UNIX)
    stale.bind(full)  # bound and closed without unlinking: what a killed Qari leaves behind
    stale.close()
    assert Path(full).exists()
    assert off_thread(qtbot, lambda: hand_over(key, tmp_path / "a.txt", timeout_ms=10 * 60 * 1000)) is False
    fresh = InstanceServer()
    try:
        assert fresh.listen(key)
        seen: list[object] = []
        fresh.fileRequested.connect(seen.append)
        assert off_thread(qtbot, lambda: hand_over(key, tmp_path / "a.txt"))
        qtbot.waitUntil(lambda: seen == [str(tmp_path / "a.txt")])
    finally:
        fresh.close()
    assert not Path(full).exists()  # closing removes the socket file


def test_a_second_server_does_not_take_over_a_live_one(qtbot, qapp, tmp_path: Path, key: str, server: InstanceServer, received: list[object]) -> None:
    intruder = InstanceServer()
    try:
        assert not intruder.listen(key)
        assert server.is_listening()
        assert off_thread(qtbot, lambda: hand_over(key, tmp_path / "b.txt"))
        qtbot.waitUntil(lambda: received == [str(tmp_path / "b.txt")])
    finally:
        intruder.deleteLater()


def test_a_message_in_pieces_is_put_together(qtbot, tmp_path: Path, key: str, received: list[object]) -> None:
    message = encode_request(tmp_path / "مقالة.txt")
    pieces = [message[i : i + 7] for i in range(0, len(message), 7)]
    assert off_thread(qtbot, lambda: raw_client(key, pieces, pause_s=0.02)) == (b"ok\n", True)
    qtbot.waitUntil(lambda: received == [str(tmp_path / "مقالة.txt")])


@pytest.mark.parametrize(
    "garbage",
    [
        b"\xff\xfe not json at all\n",
        b'{"qari": 1, "open": "%%% not base64"}\n',
        b'{"qari": 99, "activate": true}\n',
        b'["qari", 1]\n',
        b'{"qari": 1, "open": ""}\n',
        b'{"qari": 1, "open": "YQBi"}\n',  # a\0b: no file has that name
    ],
    ids=["bytes", "bad-base64", "other-version", "not-an-object", "empty-path", "nul-in-path"],
)
def test_garbage_is_refused_and_the_server_keeps_serving(qtbot, tmp_path: Path, key: str, received: list[object], garbage: bytes) -> None:
    assert off_thread(qtbot, lambda: raw_client(key, [garbage])) == (b"no\n", True)
    assert received == []
    assert off_thread(qtbot, lambda: hand_over(key, tmp_path / "c.txt"))
    qtbot.waitUntil(lambda: received == [str(tmp_path / "c.txt")])


def test_an_endless_line_is_cut_off(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: str, received: list[object]) -> None:
    monkeypatch.setattr(single_instance, "CLIENT_TIMEOUT_MS", 10 * 60 * 1000)  # only the size limit can end it in time
    blob = [b"x" * 16384] * (single_instance.MAX_MESSAGE // 16384 + 2)
    reply, hung_up = off_thread(qtbot, lambda: raw_client(key, blob))
    assert hung_up  # cut off, not kept waiting for a newline that never comes
    assert reply in (b"no\n", b"")  # the "no" is lost when the cut comes while the client still writes
    assert received == []
    assert off_thread(qtbot, lambda: hand_over(key, tmp_path / "d.txt"))
    qtbot.waitUntil(lambda: received == [str(tmp_path / "d.txt")])


def test_a_silent_client_neither_blocks_others_nor_stays_forever(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: str, received: list[object]
) -> None:
    monkeypatch.setattr(single_instance, "CLIENT_TIMEOUT_MS", 300)
    silent: dict[str, tuple[bytes, bool]] = {}
    thread = threading.Thread(target=lambda: silent.setdefault("reply", raw_client(key, [b'{"qari": 1'], read_ms=8000)), daemon=True)
    thread.start()  # connects, sends half a line, then says nothing more
    assert off_thread(qtbot, lambda: hand_over(key, tmp_path / "e.txt"))  # served while the silent one hangs on
    qtbot.waitUntil(lambda: received == [str(tmp_path / "e.txt")])
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)  # the server hung up on it: well before read_ms
    assert silent["reply"] == (b"", True)


def test_messages_round_trip_and_strangers_are_refused(tmp_path: Path) -> None:
    odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xe1\xff.txt"))
    assert decode_request(encode_request(odd).rstrip(b"\n")) == str(odd)
    assert decode_request(encode_request(None).rstrip(b"\n")) == ""
    assert decode_request(b"GET / HTTP/1.1") is None


def test_the_key_belongs_to_one_user_and_one_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    a, b = tmp_path / "a", tmp_path / "b"
    assert server_key(a) != server_key(b)
    monkeypatch.chdir(tmp_path)
    assert server_key(Path("a")) == server_key(a) == server_key(b / ".." / "a")
    assert "/" not in server_key(a) and "\\" not in server_key(a)
    assert server_key(a).startswith("qari-")
    if hasattr(os, "getuid"):
        assert f"-{os.getuid()}-" in server_key(a)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_RUNTIME_DIR is a Linux session folder")
def test_on_linux_the_socket_lives_in_the_users_runtime_folder(qtbot, qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    key = server_key(tmp_path / "config")
    assert Path(key).parent == runtime
    srv = InstanceServer()
    try:
        assert srv.listen(key)
        assert Path(srv.full_name()).parent == runtime
        assert off_thread(qtbot, lambda: hand_over(key, None))
    finally:
        srv.close()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    assert "/" not in server_key(tmp_path / "config")  # no such folder: fall back to the temp folder


class Window(QWidget):
    """A widget that notes the window-manager requests made of it."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []

    def raise_(self) -> None:
        self.requests.append("raise")
        super().raise_()

    def activateWindow(self) -> None:  # noqa: N802 - Qt name
        self.requests.append("activate")
        super().activateWindow()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking order
def test_bring_to_front_restores_a_minimised_window_keeping_it_maximised(qtbot) -> None:
    window = Window()
    qtbot.addWidget(window)
    window.showMaximized()
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMinimized)
    assert window.isMinimized()
    bring_to_front(window)
    assert not window.isMinimized() and window.isMaximized() and window.isVisible()
    assert window.requests == ["raise", "activate"]
    window.hide()
    bring_to_front(window)
    assert window.isVisible()


def test_the_app_id_is_the_desktop_entry_id() -> None:
    """Wayland names the window by the app id; X11 matches StartupWMClass against WM_CLASS (instance, then class)."""
    entry_path = ROOT / "packaging" / "linux" / "io.github.qari.Qari.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(entry_path, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    code = "from reader.ui.app import make_app; a = make_app(); print(a.desktopFileName()); print(a.applicationName())"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True)
    desktop_file_name, application_name = out.stdout.split()
    assert desktop_file_name == entry_path.name.removesuffix(".desktop")
    assert desktop["Icon"] == desktop_file_name
    assert desktop["StartupWMClass"] == application_name  # the class part of Qt's WM_CLASS
