"""Build Qari as a standalone app with PyInstaller.

    python packaging/build.py             # one-folder app in dist/qari/ (the default)
    python packaging/build.py --onefile   # a single executable in dist/qari
    python packaging/build.py --smoke     # then run the built app's --self-test

Renders the icon (PNG sizes, ICO, ICNS) from resources/icons/qari.svg, trims ICU's
data on Linux (packaging/icu_data.py), runs the spec in packaging/qari.spec,
copies the desktop files beside the app, and prints the size and the build time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render_icons(out: Path) -> None:
    """PNG icons at the sizes desktops use, plus ICO (Windows) and ICNS (macOS)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "qari.svg"))
    out.mkdir(parents=True, exist_ok=True)
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(out / f"qari-{size}.png"))
    try:
        from PIL import Image
    except ImportError:
        print("Pillow is not installed: no .ico/.icns (only needed on Windows and macOS)")
        return
    big = Image.open(out / "qari-512.png")
    big.save(out / "qari.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(out / "qari.icns")


def trimmed_icu(work: Path) -> Path | None:
    """On Linux, ICU's data library trimmed to Qari's languages (see icu_data.py); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    if shutil.which("as") is None or shutil.which("ld") is None:
        print("binutils (as, ld) not found: ICU's data stays whole, the app is 27 MB bigger")
        return None
    import PySide6

    sys.path.insert(0, str(ROOT / "packaging"))
    from icu_data import trim_library

    source = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.[0-9]*"))
    before, after = trim_library(source, work / "icu" / source.name)
    print(f"ICU data trimmed: {before / 1e6:.1f} MB → {after / 1e6:.1f} MB")
    return work / "icu" / source.name


def folder_size(path: Path) -> int:
    """Bytes under ``path`` (a file's own size for a file)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    """Build; return the exit status."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--onefile", action="store_true", help="one executable instead of a folder")
    parser.add_argument("--smoke", action="store_true", help="run the built app's --self-test")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the app lands (default dist/)")
    parser.add_argument("--work", type=Path, default=BUILD, help="PyInstaller's work folder (default build/)")
    args = parser.parse_args()
    started = time.perf_counter()
    icons = args.work / "icons"
    render_icons(icons)
    env = {**os.environ, "QARI_ONEFILE": "1" if args.onefile else "0", "QARI_ICON_DIR": str(icons)}
    icu = trimmed_icu(args.work)
    if icu is not None:
        env["QARI_ICU_DATA"] = str(icu)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(ROOT / "packaging" / "qari.spec"),
            "--noconfirm",
            "--clean",
            "--distpath",
            str(args.dist),
            "--workpath",
            str(args.work / "pyinstaller"),
            "--log-level",
            "WARN",
        ],
        check=True,
        env=env,
        cwd=ROOT,
    )
    target = args.dist / "qari"
    if target.is_dir():
        shutil.copytree(icons, target / "icons", dirs_exist_ok=True)
        for f in (ROOT / "packaging" / "linux").iterdir():
            shutil.copy2(f, target / f.name)
    executable = target / "qari" if target.is_dir() else target
    took = time.perf_counter() - started
    print(f"built {executable} in {took:.0f} s; size {folder_size(target) / 1e6:.1f} MB")
    if args.smoke:
        smoke = subprocess.run([str(executable), "--self-test"], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=False)
        return smoke.returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
