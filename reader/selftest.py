"""``qari --self-test``: the installation checked end to end, for the frozen app.

Loads the sample article, finds its entities, lays out the window offscreen,
checks Arabic collation (ICU's data, which the Linux bundle trims) and exports
a PDF to a temporary folder.  Exit 0, or non-zero with the reason on one line.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def run_self_test() -> int:
    """Run every check; print one line per step."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    try:
        from reader.core.article import open_article
        from reader.core.entities.types import EntityType
        from reader.core.resources import seed_article
        from reader.core.settings import Paths, PrintOptions, Settings
        from reader.pdf.export import export_pdf

        article = open_article(seed_article())
        doc = article.document
        print(f"sample article: {len(doc.blocks)} paragraphs, {len(doc.footnotes)} notes, {doc.encoding}")
        entities = article.entities_or_empty()
        kinds = {e.type for e in entities}
        missing = {EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANIZATION, EntityType.DATE} - kinds
        if missing:
            raise RuntimeError(f"entity recognition found no {', '.join(sorted(k.value for k in missing))}")
        print(f"entities: {len(entities)} ({sum(len(e.mentions) for e in entities)} mentions)")

        from reader.ui.app import make_app, make_window

        app = make_app()
        with tempfile.TemporaryDirectory(prefix="qari-selftest-") as tmp:
            window = make_window(Settings(theme="light"), Paths.under(Path(tmp)), app)
            window.show_article(article)
            window.resize(1000, 700)
            window.show()
            app.processEvents()
            image = window.grab()
            if image.isNull() or window.view.document().characterCount() < len(doc.text):
                raise RuntimeError("the reading window did not lay out the article")
            print(f"window: {image.width()}x{image.height()}, font {window.view.document().defaultFont().family()}")
            window.close()
            from reader.ui.sidebar import arabic_order

            if arabic_order(["أمريكا", "ابراهيم"]) != ["ابراهيم", "أمريكا"]:
                raise RuntimeError("Arabic collation is missing from ICU's data")
            print("collation: Arabic order (ICU)")
            pdf = Path(tmp) / "selftest.pdf"
            pages = export_pdf(article, pdf, PrintOptions(paper="a4"))
            if pdf.read_bytes()[:5] != b"%PDF-":
                raise RuntimeError("the exported file is not a PDF")
            print(f"pdf: {pages} page(s), {pdf.stat().st_size:,} bytes")
            # The window typesets in a child process (the frozen app's hidden subcommand): check that path too.
            import subprocess

            from reader.pdf.compile_child import child_command
            from reader.pdf.source import typst_source

            source = typst_source(article, PrintOptions(paper="a4")).encode("utf-8")
            done = subprocess.run(child_command("pdf"), input=source, capture_output=True, timeout=120, check=False)
            if done.returncode != 0 or not done.stdout.startswith(b"%PDF-"):
                raise RuntimeError(f"the typesetting child failed: {done.stderr.decode(errors='replace').strip()[-200:]}")
            print(f"typesetting child: {len(done.stdout):,} bytes")
    except Exception as exc:  # the self-test reports any failure as one line
        print(f"qari: self-test failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"self-test passed in {time.perf_counter() - started:.2f} s")
    return 0
