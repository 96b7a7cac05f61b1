"""Qari's temporary folders, and clearing away those a killed Qari left behind.

``--temp-basedir`` runs, printing and print previews each work in a folder
under the system's temporary folder and remove it when they end; a SIGKILL, a
crash or a power cut skips that.  :func:`make_temp_dir` writes an owner file
(process id and start time) into each folder it makes, and
:func:`clean_stale_temp_dirs`, called at start, removes the folders whose owner
is gone.  A folder without a readable owner file was not made here and is
never touched; nor is one another user owns.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

#: Every folder made here starts with this, so the clean-up looks at nothing else.
PREFIX = "qari-"
OWNER_FILE = ".qari-owner"
#: Younger folders are left alone: their owner may have only just started.
STALE_AFTER = 60.0
_MAX_OWNER_BYTES = 4096


def process_start(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, from ``/proc``), or None where there is no ``/proc``.

    A pid is reused once its process is gone; the start time tells the two apart.
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # Field 22 of proc(5), starttime; the fields after the command name start at field 3.
    return fields[19].decode("ascii", "replace") if len(fields) > 19 else None


def make_temp_dir(prefix: str) -> Path:
    """A new private folder under the temporary folder, named ``prefix…``, with an owner file naming this process.

    ``prefix`` must start with ``qari-`` (what :func:`clean_stale_temp_dirs` looks at).
    """
    if not prefix.startswith(PREFIX):
        raise ValueError(f"a Qari temporary folder's prefix starts with {PREFIX!r}, not {prefix!r}")
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    owner = {"pid": os.getpid(), "start": process_start(os.getpid())}
    try:
        (folder / OWNER_FILE).write_text(json.dumps(owner), encoding="ascii")
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _owner(folder: Path) -> tuple[int, object] | None:
    """The owner (pid, start) recorded in ``folder``, or None when there is no readable owner file (not ours: leave it)."""
    path = folder / OWNER_FILE
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_OWNER_BYTES:
            return None
        raw = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    pid = raw.get("pid") if isinstance(raw, dict) else None
    if not isinstance(pid, int) or isinstance(pid, bool):
        return None
    return pid, raw.get("start")


def owner_alive(pid: int, start: object) -> bool:
    """Whether the process that wrote an owner file still runs: ``pid`` exists and, where known, started at ``start``."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        pass
    except (OSError, OverflowError):
        return False
    now = process_start(pid)
    return start is None or now is None or now == start


def clean_stale_temp_dirs(older_than: float = STALE_AFTER, base: Path | None = None) -> list[Path]:
    """Remove Qari's temporary folders whose owner process is gone and that are older than ``older_than`` seconds; return them.

    Looks only at ``qari-*`` folders directly under ``base`` (the temporary
    folder), owned by this user, with an owner file :func:`make_temp_dir` wrote.
    Never raises: a folder that cannot be removed is left for the next time.
    """
    root = Path(tempfile.gettempdir()) if base is None else base
    removed: list[Path] = []
    now = time.time()
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        candidates = [p for p in root.iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return removed
    for folder in candidates:
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid != uid):
            continue
        owner = _owner(folder)
        if owner is None or owner_alive(*owner):
            continue
        try:
            age = now - (folder / OWNER_FILE).lstat().st_mtime
        except OSError:
            continue
        if age < older_than:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.lexists(folder):
            removed.append(folder)
    return removed
