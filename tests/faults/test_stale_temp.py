"""Temporary folders a killed Qari left behind are removed; folders Qari did not make, or whose owner runs, never are."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from reader.core.scratch import OWNER_FILE, clean_stale_temp_dirs, make_temp_dir, owner_alive, process_start
from tests.faults.helpers import ROOT, child_env

MAKE_AND_WAIT = """
import sys, time
from reader.core.scratch import make_temp_dir
for prefix in ("qari-", "qari-print-", "qari-pages-"):
    (make_temp_dir(prefix) / "article.pdf").write_bytes(b"%PDF-")
print("made", flush=True)
time.sleep(600)
"""


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder, for this test only."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _age(folder: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(folder / OWNER_FILE, (then, then))


def _fake(scratch: Path, name: str, pid: int, start: object) -> Path:
    folder = scratch / name
    folder.mkdir()
    (folder / OWNER_FILE).write_text(json.dumps({"pid": pid, "start": start}))
    _age(folder, 3600)
    return folder


@pytest.mark.timeout(120)
def test_folders_of_a_killed_qari_go_once_a_minute_old(scratch: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", MAKE_AND_WAIT], cwd=ROOT, env=child_env(scratch), stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"made\n"
    made = sorted(scratch.iterdir())
    assert sorted(p.name.rsplit("-", 1)[0] for p in made) == ["qari", "qari-pages", "qari-print"]
    assert clean_stale_temp_dirs(older_than=0) == [], "the owner still runs"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert clean_stale_temp_dirs() == [], "younger than a minute: left alone"
    for folder in made:
        _age(folder, 61)
    assert sorted(clean_stale_temp_dirs()) == made
    assert list(scratch.iterdir()) == []


def test_a_reused_pid_does_not_keep_a_folder(scratch: Path) -> None:
    """Our own pid with another start time: the process that made the folder is gone, and its pid was reused."""
    mine = process_start(os.getpid())
    assert mine is not None, "Linux has /proc"
    reused = _fake(scratch, "qari-reused", os.getpid(), str(int(mine) + 1))
    ours = _fake(scratch, "qari-ours", os.getpid(), mine)
    unknown_start = _fake(scratch, "qari-nostart", os.getpid(), None)
    assert clean_stale_temp_dirs() == [reused]
    assert ours.exists() and unknown_start.exists()
    assert owner_alive(os.getpid(), mine) and not owner_alive(os.getpid(), str(int(mine) + 1))


def test_folders_it_did_not_make_are_never_touched(scratch: Path) -> None:
    dead = 2**22 + 7  # above pid_max's default: no such process
    assert not owner_alive(dead, None)
    gone = _fake(scratch, "qari-gone", dead, None)
    kept = [scratch / "qari-no-owner", scratch / "qari-hostile-x", scratch / "other-dir"]
    for folder in kept:
        folder.mkdir()
        (folder / "data").write_text("x")
    (scratch / "other-dir" / OWNER_FILE).write_text(json.dumps({"pid": dead, "start": None}))  # no qari- prefix
    bad_owner = scratch / "qari-bad-owner"
    bad_owner.mkdir()
    (bad_owner / OWNER_FILE).write_text('{"pid": "12"}')
    huge = _fake(scratch, "qari-huge-pid", 10**30, None)
    link = scratch / "qari-link"
    link.symlink_to(gone, target_is_directory=True)
    plain = scratch / "qari-file"
    plain.write_text("x")
    kept += [bad_owner, link, plain]
    if os.geteuid() == 0:
        theirs = _fake(scratch, "qari-theirs", dead, None)
        os.chown(theirs, 4242, 4242)
        kept.append(theirs)
    assert sorted(clean_stale_temp_dirs()) == sorted([gone, huge])
    assert all(os.path.lexists(k) for k in kept)
    assert link.is_symlink() and not gone.exists()


def test_make_temp_dir_names_its_owner(scratch: Path) -> None:
    folder = make_temp_dir("qari-print-")
    assert folder.parent == scratch and folder.name.startswith("qari-print-")
    owner = json.loads((folder / OWNER_FILE).read_text())
    assert owner == {"pid": os.getpid(), "start": process_start(os.getpid())}
    assert folder.stat().st_mode & 0o777 == 0o700
    with pytest.raises(ValueError, match="qari-"):
        make_temp_dir("tmp-")


def test_a_missing_temporary_folder_is_nothing_to_clean(tmp_path: Path) -> None:
    assert clean_stale_temp_dirs(base=tmp_path / "missing") == []
