"""Start-up to a painted window with the sample article, from a warm source install.

Runs Qari's window in a fresh process N times (offscreen unless DISPLAY is set and
--real is given) and reports the wall-clock time from process spawn to the first
paint of the reading view.  Usage: python benchmarks/startup.py [--runs 7] [--real]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
import tempfile, pathlib
from reader.core.settings import Paths, Settings
from reader.core.loaders import load
from reader.core.entities import analyse
from reader.core.resources import seed_article
from reader.ui.app import make_app, make_window

app = make_app()
doc = load(seed_article())
window = make_window(Settings(theme="light"), Paths.under(pathlib.Path(tempfile.mkdtemp())), app)
window.show_document(doc, analyse(doc.text))

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("PAINTED", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

watch = Painted()
window.view.viewport().installEventFilter(watch)
window.show()
app.exec()
"""


def once(real: bool) -> float:
    env = {**os.environ}
    if not real:
        env["QT_QPA_PLATFORM"] = "offscreen"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    for line in proc.stdout:
        if line.startswith("PAINTED"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise SystemExit("the window never painted")
    proc.wait()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--real", action="store_true", help="use the real display (e.g. under xvfb-run)")
    args = parser.parse_args()
    once(args.real)  # warm the file cache
    times = [once(args.real) for _ in range(args.runs)]
    print(f"start-up to painted window: median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s ({args.runs} runs, {'xcb' if args.real else 'offscreen'})")


if __name__ == "__main__":
    main()
