"""Shared by the fault tests: run ``python -m reader`` as a child, mount small filesystems when we may."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = next((ROOT / "seeds").glob("*.txt"))
PREFIX = "qari: error: "


def child_env(tmp: Path | None = None) -> dict[str, str]:
    """The test's environment (its HOME and XDG folders, set by the autouse fixture) with this tree importable.

    ``tmp`` becomes the child's temporary folder (created here), so what a killed child leaves stays in the test's folder.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    if tmp is not None:
        tmp.mkdir(parents=True, exist_ok=True)
        env["TMPDIR"] = str(tmp)
    return env


def qari(*args: str, inject: str = "", tmp: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m reader ARGS``; ``inject`` is Python run first in the child (a simulated fault), ``tmp`` its TMPDIR."""
    code = f"{inject}\nimport sys\nfrom reader.cli import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=child_env(tmp), capture_output=True, text=True, timeout=timeout)


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    """The single ``qari: error:`` line of a failed run (asserts there is exactly one and exit status 2)."""
    lines = done.stderr.splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith(PREFIX), done.stderr
    return lines[0]


def mount(folder: Path, *options: str) -> bool:
    """Mount a tmpfs at ``folder`` (root only, where the sandbox allows it); True if it worked."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options or ("size=1m",)), "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


def remount_read_only(folder: Path) -> bool:
    """Make the tmpfs at ``folder`` read-only; True if it worked."""
    return subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True).returncode == 0


def unmount(folder: Path) -> None:
    """Undo :func:`mount` (lazily, so a test that failed half-way still cleans up)."""
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)
