"""Start-up to a painted window with the sample article, from a warm install.

Runs ``qari --quit-after-paint`` in a fresh process N times (offscreen, or the
real display with --real, e.g. under xvfb-run) and reports the wall-clock time
from process spawn to the first paint of the reading view.

    python benchmarks/startup.py [--runs 7] [--real] [--frozen dist/qari/qari]
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


def once(command: list[str], real: bool) -> float:
    env = {**os.environ}
    if not real:
        env["QT_QPA_PLATFORM"] = "offscreen"
    start = time.perf_counter()
    proc = subprocess.Popen([*command, "--temp-basedir", "--quit-after-paint"], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
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
    parser.add_argument("--frozen", type=Path, help="time this built app (e.g. dist/qari/qari) instead of the source")
    args = parser.parse_args()
    command = [str(args.frozen)] if args.frozen else [sys.executable, "-m", "reader"]
    once(command, args.real)  # warm the file cache
    times = [once(command, args.real) for _ in range(args.runs)]
    kind = "frozen" if args.frozen else "source"
    platform = "xcb" if args.real else "offscreen"
    spread = f"min {min(times):.3f} s, max {max(times):.3f} s"
    print(f"{kind} start-up to painted window: median {statistics.median(times):.3f} s, {spread} ({args.runs} runs, {platform})")


if __name__ == "__main__":
    main()
