"""Big articles in the window: first paint, the entities after it, find keystrokes, switching away, memory.

Builds an article of SIZE MiB from the sample (normal paragraphs, or --one-paragraph)
and measures, in one offscreen window:

- open → first paint (the text readable; entities not needed),
- the entities arriving (seconds, tokens/s) and the longest event-loop stall meanwhile,
- find: each keystroke of a typed word (the first builds the folded index),
- switching to another article (saving the place in the big one),
- peak resident memory.

    python benchmarks/big_article.py [--mb 8] [--one-paragraph] [--word كلمة]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(out: Path, mb: float, one_paragraph: bool) -> Path:
    """An article of about ``mb`` MiB made of the sample's paragraphs."""
    from reader.core.resources import seed_article

    body = seed_article().read_text(encoding="utf-8").rsplit("\n", 1)[0]
    paragraphs = [p for p in body.split("\n") if len(p.split()) > 12]
    sep = " " if one_paragraph else "\n"
    chunk = sep.join(paragraphs)
    copies = max(1, int(mb * 2**20 / len(chunk.encode("utf-8"))))
    out.write_text("مقالة طويلة\n" + sep.join([chunk] * copies) + "\n", encoding="utf-8")
    return out


def rss_mib() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=8.0)
    parser.add_argument("--one-paragraph", action="store_true")
    parser.add_argument("--word", default="امريكا")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEvent, QObject, QTimer

    from reader.core.settings import Paths, load_settings
    from reader.ui.app import make_app, make_window

    with tempfile.TemporaryDirectory(prefix="qari-bench-") as tmp:
        path = build(Path(tmp) / "big.txt", args.mb, args.one_paragraph)
        small = Path(tmp) / "small.md"
        small.write_text("# قصيرة\n\nنص قصير.\n", encoding="utf-8")
        app = make_app()
        paths = Paths.under(Path(tmp) / "qari")
        settings, _ = load_settings(paths)
        window = make_window(settings, paths, app)
        window.resize(1280, 820)
        window.show()
        app.processEvents()
        base = rss_mib()

        painted: list[float] = []

        class Watch(QObject):
            def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint and window.doc is not None and window.doc.source == path and not painted:
                    painted.append(time.perf_counter())
                return False

        watch = Watch()
        window.view.viewport().installEventFilter(watch)
        ticks: list[float] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start(10)
        start = time.perf_counter()
        window.open_path(path)
        while not painted and time.perf_counter() - start < 600:
            app.processEvents()
        first_paint = painted[0] - start if painted else float("nan")
        paint_rss = rss_mib()
        analysis_from = time.perf_counter()
        while window.is_analysing and time.perf_counter() - start < 1200:
            app.processEvents()
        analysed = time.perf_counter() - analysis_from
        timer.stop()
        stalls = [b - a for a, b in zip(ticks, ticks[1:], strict=False) if a >= analysis_from]
        tokens = len(window.doc.text.split()) if window.doc else 0

        keys: list[float] = []
        window.finder.open()
        for i in range(1, len(args.word) + 1):
            window.find_bar.query.setText(args.word[:i])  # in a big article this only starts the pause timer
            t = time.perf_counter()
            window.finder.search()  # what runs once typing pauses (the first builds the folded index)
            app.processEvents()
            keys.append(time.perf_counter() - t)
        matches = len(window.finder.matches)
        window.find_bar.query.clear()

        t = time.perf_counter()
        window.open_path(small)
        switch = time.perf_counter() - t

        size = path.stat().st_size / 2**20
        print(f"article: {size:.1f} MiB, {tokens:,} words, {'one paragraph' if args.one_paragraph else 'paragraphs'}")
        print(f"open → first paint: {first_paint:.2f} s (peak RSS by then {paint_rss:.0f} MiB)")
        stall = max(stalls, default=0) * 1000
        print(f"entities after the paint: {analysed:.1f} s ({tokens / max(analysed, 1e-9):,.0f} words/s); longest stall meanwhile {stall:.0f} ms")
        print(f"find '{args.word}', the search after each keystroke: " + ", ".join(f"{k * 1000:.0f}" for k in keys) + f" ms ({matches:,} matches)")
        print(f"switch to another article: {switch * 1000:.0f} ms")
        print(f"peak RSS: {rss_mib():.0f} MiB (window alone before opening: {base:.0f} MiB)")
        window.close()


if __name__ == "__main__":
    main()
