"""One Qari at a time, end to end: real ``python -m reader`` processes on one config folder.

The first process opens its window and listens; a second launch on the same ``--config-dir``
hands its file over and exits 0 at once; the first then shows that file (its state file lists it
as the most recent). Needs the wiring in ``reader/ui/start.py`` (hand_over before the window,
InstanceServer after it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from reader.ui.single_instance import hand_over, server_key

ROOT = Path(__file__).resolve().parents[2]
START_S = 60  # a cold start on a loaded 2-core machine; a warm one takes about a second
EXIT_S = 60


def qari(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "reader", *map(os.fspath, args)]


@dataclass
class Running:
    """A first Qari, listening on ``key``, keeping settings in ``config`` and state in ``data``."""

    process: subprocess.Popen[bytes]
    key: str
    config: Path
    data: Path

    def recent(self) -> list[str]:
        """The first Qari's recent files, read from its state file (it saves one on every open)."""
        try:
            state = json.loads((self.data / "state.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):  # not written yet
            return []
        return list(state.get("recent_files", []))

    def wait_for_recent(self, path: Path) -> None:
        deadline = time.monotonic() + EXIT_S
        while time.monotonic() < deadline:
            if self.recent()[:1] == [str(path)]:
                return
            assert self.process.poll() is None, "the first Qari quit"
            time.sleep(0.1)
        pytest.fail(f"the first Qari never showed {path!r}; its recent files: {self.recent()!r}")


def start(config: Path, data: Path, file: Path) -> Running:
    """Start a Qari and wait until it answers on its socket (``hand_over(key, None)`` is its ping)."""
    key = server_key(config)
    log = config.parent / f"{config.name}.log"  # a file, not a pipe nobody drains while the window runs
    with log.open("wb") as sink:
        process = subprocess.Popen(qari("--config-dir", config, "--data-dir", data, file), cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the first Qari exited with {process.returncode}: {log.read_bytes()!r}")
        if hand_over(key, None, timeout_ms=2000):
            return Running(process, key, config, data)
        time.sleep(0.2)
    stop(process, key)
    pytest.fail("the first Qari never listened: is reader/ui/start.py wired to reader.ui.single_instance?")


def stop(process: subprocess.Popen[bytes], key: str) -> None:
    process.kill()
    process.wait(timeout=30)
    QLocalServer.removeServer(key)  # killed: its socket file stays behind


@pytest.fixture
def first(tmp_path: Path, seed_path: Path) -> Iterator[Running]:
    running = start(tmp_path / "config", tmp_path / "data", seed_path)
    try:
        running.wait_for_recent(seed_path)
        yield running
    finally:
        stop(running.process, running.key)


def second(running: Running, *args: str | Path) -> subprocess.CompletedProcess[bytes]:
    """A second launch on the first one's folders; it must finish by itself (a window would not)."""
    command = qari("--config-dir", running.config, "--data-dir", running.data, *args)
    return subprocess.run(command, cwd=ROOT, capture_output=True, timeout=EXIT_S)


def copy_named(seed: Path, folder: Path, name: bytes) -> Path:
    target = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
    shutil.copyfile(seed, target)
    return target


def test_a_second_launch_hands_its_file_to_the_first(first: Running, tmp_path: Path, seed_path: Path) -> None:
    article = copy_named(seed_path, tmp_path, os.fsencode("مقالة ثانية.txt"))
    done = second(first, article)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.decode().strip().splitlines()) == 1  # a one-line note
    first.wait_for_recent(article)
    assert first.process.poll() is None


def test_a_file_name_that_is_not_utf8_arrives_intact(first: Running, tmp_path: Path, seed_path: Path) -> None:
    raw = b"maq\xe1la-\xff.txt" if os.name == "posix" else os.fsencode("مقالة-ç.txt")
    article = copy_named(seed_path, tmp_path, raw)
    done = second(first, article)
    assert done.returncode == 0, done.stderr
    first.wait_for_recent(article)


def test_a_second_launch_without_a_file_only_brings_the_first_forward(first: Running, seed_path: Path) -> None:
    done = second(first)
    assert done.returncode == 0, done.stderr
    assert first.recent()[:1] == [str(seed_path)]
    assert first.process.poll() is None


def test_a_bad_file_is_still_a_one_line_error_on_the_command_line(first: Running, tmp_path: Path, seed_path: Path) -> None:
    done = second(first, tmp_path / "missing.txt")
    assert done.returncode == 2
    assert done.stderr.decode().startswith("qari: error:") and len(done.stderr.decode().strip().splitlines()) == 1
    assert first.recent()[:1] == [str(seed_path)]


def test_another_config_folder_gets_its_own_window(first: Running, tmp_path: Path, seed_path: Path) -> None:
    other = start(tmp_path / "other-config", tmp_path / "other-data", seed_path)  # fails unless it starts and listens itself
    try:
        assert other.key != first.key
        assert other.process.poll() is None and first.process.poll() is None
    finally:
        stop(other.process, other.key)


def test_launches_at_the_same_moment_end_in_one_window(tmp_path: Path, seed_path: Path) -> None:
    """What a desktop does with "Open with" on several files (Exec=qari %f): one process per file, at once."""
    config, data = tmp_path / "config", tmp_path / "data"
    articles = [copy_named(seed_path, tmp_path, os.fsencode(f"مقالة-{i}.txt")) for i in range(4)]
    logs = [(tmp_path / f"launch-{i}.log").open("wb") for i in range(len(articles))]
    key = server_key(config)
    command = qari("--config-dir", config, "--data-dir", data)
    processes = [subprocess.Popen([*command, os.fspath(a)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT) for a, log in zip(articles, logs, strict=True)]
    try:
        deadline = time.monotonic() + START_S + EXIT_S
        while sum(p.poll() is None for p in processes) > 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        alive = [p for p in processes if p.poll() is None]
        assert len(alive) == 1, [p.returncode for p in processes]
        assert all(p.returncode == 0 for p in processes if p is not alive[0])
        survivor = Running(alive[0], key, config, data)
        deadline = time.monotonic() + EXIT_S
        while sorted(survivor.recent()) != sorted(map(str, articles)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert sorted(survivor.recent()) == sorted(map(str, articles))  # every file reached the one window
    finally:
        for process in processes:
            if process.poll() is None:
                stop(process, key)
        for log in logs:
            log.close()
