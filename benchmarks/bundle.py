"""The standalone app's budgets: build time, size (with the largest parts), frozen start-up.

python benchmarks/bundle.py            # builds dist/qari first
python benchmarks/bundle.py --no-build # measures an existing dist/qari
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path) -> ModuleType:
    """Import a script beside the project by path (they are not packages)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


folder_size = _load(ROOT / "packaging" / "build.py").folder_size
once = _load(ROOT / "benchmarks" / "startup.py").once


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = ROOT / "dist" / "qari"
    if not args.no_build:
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], check=True, capture_output=True)
        print(f"build: {time.perf_counter() - start:.0f} s")
    internal = app / "_internal"
    parts = {
        "typst (PDF engine)": internal / "typst",
        "Qt libraries": internal / "PySide6" / "Qt" / "lib",
        "  of which ICU": None,
        "PySide6 bindings": internal / "PySide6",
        "Qari data (model, gazetteers)": internal / "reader",
    }
    total = folder_size(app)
    print(f"one-folder size: {total / 1e6:.1f} MB (budget 180 MB)")
    for name, path in parts.items():
        if path is None:
            icu = sum(p.stat().st_size for p in (internal / "PySide6" / "Qt" / "lib").glob("libicu*"))
            print(f"  {name:32} {icu / 1e6:6.1f} MB")
        elif path.exists():
            size = folder_size(path)
            if name == "PySide6 bindings":
                size -= folder_size(internal / "PySide6" / "Qt")
            print(f"  {name:32} {size / 1e6:6.1f} MB")
    once([str(app / "qari")], real=False)
    times = [once([str(app / "qari")], real=False) for _ in range(args.runs)]
    print(f"frozen start-up to painted window: median {statistics.median(times):.3f} s ({args.runs} runs, offscreen)")


if __name__ == "__main__":
    main()
