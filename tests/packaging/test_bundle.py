"""Build the standalone app with PyInstaller and run its self-test, with no Python on PATH.

This is the slowest test (a couple of minutes); CI runs it like every other.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def built_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(base / "dist"), "--work", str(base / "build")],
        check=True,
        cwd=ROOT,
        timeout=1200,
        capture_output=True,
    )
    return base / "dist" / "qari"


def test_frozen_self_test_without_python(built_app: Path, tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    out = subprocess.run([str(built_app / "qari"), "--self-test"], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "self-test passed" in out.stdout
    version = subprocess.run([str(built_app / "qari"), "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"Qari {__import__('reader').__version__}"


def test_frozen_app_command_line(built_app: Path, tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    seed = next((ROOT / "seeds").glob("*.txt"))
    out = subprocess.run([str(built_app / "qari"), "find", "امريكا", str(seed), "--json"], env=env, capture_output=True, text=True, timeout=60)
    assert '"count": 5' in out.stdout
    missing = subprocess.run([str(built_app / "qari"), "entities", str(tmp_path / "nope.txt")], env=env, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and missing.stderr.startswith("qari: error:")


def test_bundle_is_trimmed(built_app: Path) -> None:
    files = [p for p in built_app.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    assert size < 180e6, f"{size / 1e6:.1f} MB, over the 180 MB budget"
    if sys.platform.startswith("linux"):
        icu = next(built_app.rglob("libicudata.so.*"))
        assert icu.stat().st_size < 8e6, "ICU's data should be the trimmed copy"
        desktop = [*built_app.glob("_internal/libcups.so*"), *built_app.glob("_internal/libglib-2.0.so*")]
        assert not desktop, "desktop libraries come from the system"
    assert not list(built_app.rglob("qtbase_*.qm")), "Qt translations should be dropped"
    assert not list(built_app.rglob("*Qt6Quick*"))


def test_icons_in_platform_sizes(built_app: Path) -> None:
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (built_app / "icons" / f"qari-{size}.png").exists()
    assert (built_app / "icons" / "qari.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (built_app / "icons" / "qari.icns").read_bytes()[:4] == b"icns"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason=".ci/run installs desktop-file-utils")
def test_desktop_entry_validates() -> None:
    out = subprocess.run(["desktop-file-validate", str(ROOT / "packaging" / "linux" / "io.github.qari.Qari.desktop")], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "", out.stdout
    assert "text/markdown" in (ROOT / "packaging" / "linux" / "io.github.qari.Qari.desktop").read_text()


def test_install_script_points_desktop_entry_at_the_app(built_app: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    subprocess.run(["bash", str(ROOT / "packaging" / "linux" / "install-desktop-entry.sh"), str(built_app / "qari")], env=env, check=True, capture_output=True)
    entry = (tmp_path / "share" / "applications" / "io.github.qari.Qari.desktop").read_text()
    assert f"Exec={built_app / 'qari'} %f" in entry
    assert (tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / "io.github.qari.Qari.png").exists()


def test_every_resource_is_listed_in_the_spec() -> None:
    # The spec lists its data explicitly; a new resource file left out would be missing from the app.
    spec = (ROOT / "packaging" / "qari.spec").read_text(encoding="utf-8")
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file():
            parts = path.relative_to(ROOT).parts
            assert " / ".join(f'"{p}"' for p in parts) in spec, f"{path.relative_to(ROOT)} is not in packaging/qari.spec"


def test_frozen_entity_child_and_readers(built_app: Path, tmp_path: Path, seed_text: str) -> None:
    """The window's entity child and the Markdown and Word readers are in the bundle, not only in the tree."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    child = subprocess.run([str(built_app / "qari"), "__entities-child"], input=seed_text.encode("utf-8"), env=env, capture_output=True, timeout=120)
    assert child.returncode == 0, child.stderr
    last = child.stdout.decode("utf-8").strip().splitlines()[-1]
    assert last.startswith("E ") and int(last[2:]) > 5
    md = tmp_path / "a.md"
    md.write_text("---\ntitle: عنوان\n---\n\n# عنوان\n\nنص **مهم**[^1].\n\n[^1]: حاشية.\n", encoding="utf-8")
    out = subprocess.run([str(built_app / "qari"), "text", "--json", str(md)], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    dumped = json.loads(out.stdout)
    assert dumped["title"] == "عنوان" and dumped["footnotes"][0]["text"] == "حاشية."
