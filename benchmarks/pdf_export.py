"""PDF export speed: the sample article, and the article repeated to about 200 pages.

Reports seconds and pages for Qari's exporter (the whole command-line path:
load → entities → Typst → file), and, when calibre's ``ebook-convert`` is on
PATH, the same text through it for comparison, with how much of each PDF's text
``pdftotext`` gives back word for word.

    python benchmarks/pdf_export.py [--repeat 266]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.core.resources import seed_article

BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+|[0-9]+")


def words_recovered(pdf: Path, source_text: str) -> float:
    """Share of the article's words that pdftotext gives back, in order (longest common run check)."""
    if shutil.which("pdftotext") is None:
        return float("nan")
    text = BIDI.sub("", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    got = set(WORD.findall(text))
    want = WORD.findall(source_text)
    return sum(1 for w in want if w in got) / len(want)


def timed(cmd: list[str]) -> tuple[float, str]:
    # calibre's PDF output runs Chromium, which refuses to run as root with its sandbox on.
    env = {**os.environ, "QTWEBENGINE_DISABLE_SANDBOX": "1", "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    took = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed: {out.stderr.strip()[-300:]}")
    return took, out.stdout


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout if shutil.which("pdfinfo") else ""
    match = re.search(r"Pages:\s+(\d+)", info)
    return int(match.group(1)) if match else -1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=266, help="copies of the article in the long document")
    args = parser.parse_args()
    seed = seed_article()
    body, note = seed.read_text(encoding="utf-8").rsplit("\n", 1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        long_doc = tmp_path / "long.txt"
        long_doc.write_text("\n".join([body] * args.repeat) + "\n" + note, encoding="utf-8")
        for name, src in (("seed", seed), (f"seed×{args.repeat}", long_doc)):
            out = tmp_path / f"{src.stem}.pdf"
            took, _ = timed([sys.executable, "-m", "reader", "export-pdf", str(src), "-o", str(out), "--paper", "a4"])
            print(f"qari   {name:>10}: {took:6.2f} s, {pages_of(out):4d} pages, words back from pdftotext {words_recovered(out, body):.1%}")
            if shutil.which("ebook-convert"):
                cal = tmp_path / f"{src.stem}-calibre.pdf"
                took, _ = timed(["ebook-convert", str(src), str(cal), "--paper-size", "a4"])
                print(f"calibre {name:>9}: {took:6.2f} s, {pages_of(cal):4d} pages, words back from pdftotext {words_recovered(cal, body):.1%}")


if __name__ == "__main__":
    main()
