"""The ``qari`` command: open the reader, or work from the command line.

    qari [FILE]                          open FILE (the sample article if none)
    qari --screenshot OUT.png [FILE]     render the window offscreen to a PNG
    qari entities FILE [--format json|tsv]
    qari entities --conll IN.txt [-o OUT.txt]
    qari find PATTERN FILE [--match-diacritics] [--match-hamza] [--match-kashida] [--whole-word] [--json]
    qari export-pdf FILE -o OUT.pdf
    qari --list-actions | --version | --self-test

Errors are one line on stderr and a non-zero exit; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.errors import QariError

if TYPE_CHECKING:  # annotations only: the command-line paths must not pay for Qt imports
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from reader.core.settings import Paths, Settings
    from reader.ui.main_window import MainWindow

SUBCOMMANDS = ("entities", "find", "export-pdf")
EXIT_ERROR = 2


def _fail(message: str) -> int:
    print(f"qari: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _entities(argv: list[str]) -> int:
    from reader.core import loaders
    from reader.core.entities import analyse, tag_sentences
    from reader.core.entities.conll import read_conll

    parser = argparse.ArgumentParser(prog="qari entities", description="Print the named entities of an article.")
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--format", choices=("json", "tsv"), default="json")
    parser.add_argument("--conll", type=Path, help="tag a CoNLL file (token per line) and print it with a predicted tag column")
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    args = parser.parse_args(argv)
    if args.conll:
        try:
            sentences = read_conll(args.conll)
        except (OSError, UnicodeDecodeError) as exc:
            raise QariError(f"{args.conll}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from exc
        lines = []
        words_per_sentence = [[w for w, _ in sent] for sent in sentences]
        for words, tags in zip(words_per_sentence, tag_sentences(words_per_sentence), strict=True):
            lines += [f"{w} {t}" for w, t in zip(words, tags, strict=True)]
            lines.append("")
        out = "\n".join(lines)
    else:
        if args.file is None:
            parser.error("give a FILE or --conll IN")
        doc = loaders.load(args.file)
        entities = analyse(doc.text)
        if args.format == "json":
            payload = {
                "file": str(args.file),
                "encoding": doc.encoding,
                "title": doc.title,
                "entities": [
                    {
                        "type": e.type.value,
                        "name": e.name,
                        "normalized": e.key,
                        "count": len(e.mentions),
                        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions],
                    }
                    for e in entities
                ],
            }
            out = json.dumps(payload, ensure_ascii=False, indent=2)
        else:
            rows = ["type\ttext\tnormalized\tstart\tend"]
            rows += [f"{e.type.value}\t{m.text}\t{e.key}\t{m.start}\t{m.end}" for e in entities for m in e.mentions]
            out = "\n".join(rows)
    _emit(out, args.output)
    return 0


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text + "\n")
        return
    from reader.core.settings import atomic_write

    try:
        atomic_write(output, (text + "\n").encode("utf-8"))
    except OSError as exc:
        raise QariError(f"{output}: cannot be written ({exc.strerror or exc})") from exc


def _find(argv: list[str]) -> int:
    from reader.core import loaders
    from reader.core.search import SearchOptions, find_all

    parser = argparse.ArgumentParser(prog="qari find", description="Arabic-aware search; offsets are into the article text.")
    parser.add_argument("pattern")
    parser.add_argument("file", type=Path)
    parser.add_argument("--match-diacritics", action="store_true")
    parser.add_argument("--match-hamza", action="store_true")
    parser.add_argument("--match-kashida", action="store_true")
    parser.add_argument("--whole-word", action="store_true")
    parser.add_argument("--json", action="store_true", help="print JSON (the default prints one match per line)")
    args = parser.parse_args(argv)
    doc = loaders.load(args.file)
    text = doc.text
    options = SearchOptions(args.match_diacritics, args.match_hamza, args.match_kashida, args.whole_word)
    spans = find_all(args.pattern, text, options)
    if args.json:
        print(
            json.dumps(
                {
                    "pattern": args.pattern,
                    "file": str(args.file),
                    "count": len(spans),
                    "matches": [{"start": s, "end": e, "text": text[s:e]} for s, e in spans],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for s, e in spans:
            print(f"{s}\t{e}\t{text[s:e]}")
    return 0 if spans else 1


def _export_pdf(argv: list[str]) -> int:
    from reader.core import loaders
    from reader.core.entities import EntityType, analyse
    from reader.core.settings import Paths, load_settings
    from reader.pdf.export import export_pages, export_pdf

    parser = argparse.ArgumentParser(prog="qari export-pdf", description="Export an article to PDF (no display needed).")
    parser.add_argument("file", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF file (with --png-pages: a folder)")
    parser.add_argument("--png-pages", action="store_true", help="write the pages as PNG images into the -o folder (used for printing)")
    parser.add_argument("--ppi", type=int, default=200, help="resolution of --png-pages")
    parser.add_argument("--paper", choices=("a4", "us-letter"))
    parser.add_argument("--margin-mm", type=float)
    parser.add_argument("--font-size", type=float)
    parser.add_argument("--no-highlights", action="store_true")
    parser.add_argument("--western-digits", action="store_true", help="page numbers 1 2 3 instead of ١ ٢ ٣")
    parser.add_argument("--hide", action="append", default=[], choices=[t.value for t in EntityType], help="entity type not to highlight")
    parser.add_argument("--config-dir", type=Path, help="read print options from settings under this folder")
    args = parser.parse_args(argv)
    doc = loaders.load(args.file)
    paths = Paths.under(args.config_dir) if args.config_dir else Paths.default()
    options = load_settings(paths)[0].print
    if args.paper:
        options.paper = args.paper
    if args.margin_mm is not None:
        options.margin_mm = max(options.MARGIN_RANGE[0], min(options.MARGIN_RANGE[1], args.margin_mm))
    if args.font_size is not None:
        options.font_size = max(options.FONT_RANGE[0], min(options.FONT_RANGE[1], args.font_size))
    if args.no_highlights:
        options.highlights = False
    if args.western_digits:
        options.arabic_digits = False
    hidden = frozenset(EntityType(v) for v in args.hide)
    if args.png_pages:
        pages = export_pages(doc, analyse(doc.text), args.output, options, hidden, max(50, min(600, args.ppi)))
    else:
        pages = export_pdf(doc, analyse(doc.text), args.output, options, hidden)
    print(f"{args.output}: {pages} pages")
    return 0


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qari",
        description="Qari (قارئ): a reader for Arabic articles.",
        epilog="Subcommands: qari entities …, qari find …, qari export-pdf … (each has --help).",
    )
    parser.add_argument("file", nargs="?", type=Path, help="article to open (.txt, .md, .html); the sample article if omitted")
    parser.add_argument("--version", action="version", version=f"Qari {__version__}")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png", help="render the window offscreen to a PNG and exit")
    parser.add_argument("--size", default="1280x820", help="window size for --screenshot, WIDTHxHEIGHT")
    parser.add_argument("--theme", choices=("auto", "light", "dark"), help="theme for this run (not saved)")
    parser.add_argument("--list-actions", action="store_true", help="print the action table as TSV and exit")
    parser.add_argument("--self-test", action="store_true", help="check the installation end to end and exit")
    parser.add_argument("--config-dir", type=Path, help="keep config, data and cache under this folder")
    parser.add_argument("--temp-basedir", action="store_true", help="use a fresh temporary folder for config, data and cache")
    parser.add_argument("--quit-after-paint", action="store_true", help=argparse.SUPPRESS)  # for benchmarks/startup.py
    return parser


def _list_actions() -> int:
    from PySide6.QtGui import QKeySequence

    from reader.ui.actions import ACTIONS
    from reader.ui.main_window import key_sequences

    _ensure_gui_app(offscreen=True)
    print("id\tshortcut\tlabel\tlabel_ar")
    for spec in ACTIONS:
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.PortableText) for k in key_sequences(spec.shortcuts))
        print(f"{spec.id}\t{keys}\t{spec.label}\t{spec.label_ar}")
    return 0


def _ensure_gui_app(offscreen: bool) -> None:
    if offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.ui.app import make_app

    make_app()


def _gui(argv: list[str]) -> int:
    args = _gui_parser().parse_args(argv)
    if args.list_actions:
        return _list_actions()
    if args.self_test:
        from reader.selftest import run_self_test

        return run_self_test()
    temp_base = None
    from reader.core.settings import Paths, load_settings

    if args.temp_basedir:
        temp_base = Path(tempfile.mkdtemp(prefix="qari-"))
        paths = Paths.under(temp_base)
    elif args.config_dir:
        paths = Paths.under(args.config_dir)
    else:
        paths = Paths.default()
    try:
        return _run_window(args, paths, load_settings)
    finally:
        if temp_base:
            shutil.rmtree(temp_base, ignore_errors=True)


def _run_window(args: argparse.Namespace, paths: Paths, load_settings: Callable[[Paths], tuple[Settings, str | None]]) -> int:
    from reader.core import loaders
    from reader.core.entities import analyse
    from reader.core.resources import seed_article

    # Load before any window exists, so a bad file is a one-line error on the command line.
    path = args.file or seed_article()
    doc = loaders.load(path)
    entities = analyse(doc.text)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.ui.app import make_app, make_window

    app = make_app()
    settings, warning = load_settings(paths)
    if args.theme:
        settings.theme = args.theme
    window = make_window(settings, paths, app)
    if warning:
        window.statusBar().showMessage(warning, 10000)
    window.show_document(doc, entities)
    if args.screenshot:
        return _screenshot(window, app, args.screenshot, args.size)
    if args.quit_after_paint:
        _quit_after_first_paint(window, app)
    window.show()
    return app.exec()


def _quit_after_first_paint(window: MainWindow, app: QApplication) -> None:
    """Print PAINTED when the reading view first paints, then quit (start-up benchmark)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Watch(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                print("PAINTED", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    window._paint_watch = Watch(window)
    window.view.viewport().installEventFilter(window._paint_watch)


def _screenshot(window: MainWindow, app: QApplication, out: Path, size: str) -> int:
    try:
        width, height = (int(v) for v in size.lower().split("x"))
    except ValueError as exc:
        raise QariError(f"--size {size!r}: expected WIDTHxHEIGHT, e.g. 1280x820") from exc
    window.resize(width, height)
    window.show()
    for _ in range(5):
        app.processEvents()
    image = window.grab()
    if not image.save(str(out), "PNG"):
        raise QariError(f"{out}: the screenshot could not be written")
    window.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``qari`` and ``python -m reader``."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in SUBCOMMANDS:
            handler = {"entities": _entities, "find": _find, "export-pdf": _export_pdf}[argv[0]]
            return handler(argv[1:])
        return _gui(argv)
    except QariError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
