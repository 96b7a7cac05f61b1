"""The trimmed ICU data library of the Linux bundle: the package format round-trips, the
right items stay, and Qt collates Arabic with the trimmed copy exactly as with the full one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
from icu_data import keep, read_package, symbol_span, trim_library, write_package  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ld") is None, reason="the trimmed library is made on Linux with binutils")

FULL = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.[0-9]*"), None)


def _package(path: Path) -> tuple[bytes, list[tuple[str, bytes]]]:
    elf = path.read_bytes()
    at, size = symbol_span(elf, b"icudt" + path.name.rsplit(".", 1)[1].encode() + b"_dat")
    return read_package(elf[at : at + size])


def test_what_stays() -> None:
    assert keep("icudt73l/uprops.icu") and keep("icudt73l/nfkc.nrm") and keep("icudt73l/root.res") and keep("icudt73l/pool.res")
    assert keep("icudt73l/coll/ar.res") and keep("icudt73l/coll/ar_SA.res") and keep("icudt73l/coll/root.res") and keep("icudt73l/coll/ucadata.icu")
    assert keep("icudt73l/supplementalData.res") and keep("icudt73l/brkitr/line.brk") and keep("icudt73l/lang/en.res")
    assert not keep("icudt73l/coll/zh.res") and not keep("icudt73l/de.res") and not keep("icudt73l/zone/ja.res")
    assert not keep("icudt73l/brkitr/cjdict.dict") and not keep("icudt73l/gb18030.cnv") and not keep("icudt73l/translit/root.res")


def test_package_round_trips() -> None:
    header, items = _package(FULL)
    assert len(items) > 3000
    again = read_package(write_package(header, items))
    assert again[0] == header and [n for n, _ in again[1]] == [n for n, _ in items]
    assert all(a.rstrip(b"\0") == b.rstrip(b"\0") for (_, a), (_, b) in zip(again[1], items, strict=True))


def test_trimmed_library(tmp_path: Path) -> None:
    out = tmp_path / FULL.name
    before, after = trim_library(FULL, out)
    assert after < before / 4
    names = [n for n, _ in _package(out)[1]]
    assert names == sorted(names) and any(n.endswith("/coll/ar.res") for n in names) and not any(n.endswith("/coll/zh.res") for n in names)
    probe = (
        "from reader.ui.sidebar import arabic_order; print('|'.join(arabic_order(['زيد', 'أمريكا', 'بيروت', 'ابراهيم', 'إيران', 'آمال'])));"
        "print(next(line.split()[-1] for line in open('/proc/self/maps') if 'libicudata' in line))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    full = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    trimmed = subprocess.run([sys.executable, "-c", probe], env={**env, "LD_LIBRARY_PATH": str(tmp_path)}, capture_output=True, text=True, check=True, cwd=ROOT)
    assert trimmed.stdout.splitlines()[1] == str(out), "the probe must run on the trimmed copy"
    assert trimmed.stdout.splitlines()[0] == full.stdout.splitlines()[0]
    assert trimmed.stdout.startswith("آمال|ابراهيم|أمريكا|إيران"), trimmed.stdout
