"""SIGKILL in the middle of a save: the file on disk is always the old or the new content, never half.

A child process saves in a loop (settings) or exports a PDF over an existing
one, and is killed with SIGKILL at a random moment (fixed seed, printed on
failure); after each kill the file must be complete.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.settings import Paths, load_settings
from tests.faults.helpers import ROOT, SEED, child_env

SETTINGS_ROUNDS = 30
EXPORT_ROUNDS = 10
#: Big enough that a good part of every save is spent writing (so kills land mid-write).
SHORTCUTS = {f"action.{i:04d}": f"Ctrl+Shift+F{i % 12 + 1}" for i in range(2000)}
SAVE_LOOP = """
import sys
from pathlib import Path
from reader.core.settings import Paths, Settings, save_settings
paths = Paths.under(Path(sys.argv[1]))
shortcuts = {f"action.{i:04d}": f"Ctrl+Shift+F{i % 12 + 1}" for i in range(2000)}
i = 0
while True:
    save_settings(Settings(font_size=10.0 + (i % 380) / 10, shortcuts=shortcuts), paths)
    if i == 0:
        print("saving", flush=True)
    i += 1
"""


def _kill(proc: subprocess.Popen[bytes]) -> int:
    """SIGKILL the child's whole session; its exit status (negative when it was killed)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return proc.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_settings_survive_sigkill_during_saves(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    paths = Paths.under(tmp_path / "qari")
    sizes: set[float] = set()
    for round_ in range(SETTINGS_ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVE_LOOP, str(tmp_path / "qari")], cwd=ROOT, env=child_env(tmp_path / "tmp"),
            stdout=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        assert proc.stdout is not None and proc.stdout.readline() == b"saving\n"
        time.sleep(rng.uniform(0, 0.08))
        assert _kill(proc) == -signal.SIGKILL
        proc.stdout.close()
        where = f"round {round_}, seed {seed}"
        raw = json.loads(paths.settings_file.read_bytes())  # parses: never half a file
        assert raw["shortcuts"] == SHORTCUTS, where
        settings, warning = load_settings(paths)
        assert warning is None, where
        assert settings.shortcuts == SHORTCUTS and settings.font_size == raw["font_size"], where
        sizes.add(raw["font_size"])
        leftovers = [p.name for p in paths.config.iterdir() if p.name != "settings.json"]
        assert all(n.startswith(".settings.json.") and n.endswith(".tmp") for n in leftovers), (where, leftovers)
    assert len(sizes) > 1, "every kill found the same save: the loop did not run between kills"
    # What kills leave behind goes at the next start (once old enough; here at once).
    from reader.core.settings import clean_stale_temp_files

    clean_stale_temp_files(paths, older_than=0)
    assert [p.name for p in paths.config.iterdir()] == ["settings.json"]


def _complete_pdf(path: Path) -> bytes:
    """The bytes of ``path``, checked to be a whole PDF (and readable by pdftotext when it is installed)."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), f"{len(data)} bytes, ends {data[-20:]!r}"
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, timeout=60)
        assert done.returncode == 0 and done.stdout.strip(), done.stderr
    return data


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_export_pdf_survives_sigkill_over_an_existing_pdf(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    out = tmp_path / "out.pdf"
    scratch = tmp_path / "tmp"  # the children's temporary folder: what their --temp-basedir leaves when killed
    papers = ("a4", "us-letter")

    def export(paper: str) -> subprocess.Popen[bytes]:
        argv = [sys.executable, "-m", "reader", "--temp-basedir", "export-pdf", str(SEED), "-o", str(out), "--paper", paper]
        with open(tmp_path / "stderr", "wb") as err:
            return subprocess.Popen(argv, cwd=ROOT, env=child_env(scratch), stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)

    started = time.monotonic()
    assert export("a4").wait(timeout=120) == 0, (tmp_path / "stderr").read_text()
    full_run = time.monotonic() - started
    previous = _complete_pdf(out)
    killed = 0
    for round_ in range(EXPORT_ROUNDS):
        proc = export(papers[(round_ + 1) % 2])
        time.sleep(rng.uniform(0.2, 1.1) * full_run)  # before, during and (sometimes) after the write
        status = _kill(proc)
        killed += status == -signal.SIGKILL
        now = _complete_pdf(out)
        assert status in (0, -signal.SIGKILL), (round_, seed, status)
        if status == 0:
            assert now != previous or papers[(round_ + 1) % 2] == "a4", "a finished export replaced the file"
        previous = now
        leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("home", "out.pdf", "stderr", "tmp")]
        assert all(n.startswith(".out.pdf.") and n.endswith(".tmp") for n in leftovers), (round_, seed, leftovers)
    assert killed >= EXPORT_ROUNDS // 2, f"only {killed} of {EXPORT_ROUNDS} exports were killed while running (seed {seed})"
