"""Start the window from the command line: parse the GUI options, open the article, run Qt.

Kept apart from :mod:`reader.cli` so the command-line subcommands never import Qt.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.errors import QariError
from reader.core.settings import Paths

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

#: How long ``--screenshot`` waits for the entities before it takes the picture anyway (an 8 MiB
#: article's take half a minute; the picture then shows the text, and the progress in the status bar).
SCREENSHOT_WAIT_S = 20


def gui_parser(parent: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``qari [FILE]``; ``parent`` brings the global folder options."""
    from reader.cli import Parser

    parser = Parser(
        prog="qari",
        description="Qari (قارئ): a reader for Arabic articles.",
        epilog="Subcommands: qari entities …, qari find …, qari export-pdf …, qari text … (each has --help).",
        parents=[parent],
    )
    parser.add_argument("file", nargs="?", type=Path, help="article to open (.txt, .md, .html, .docx); the sample article if omitted")
    parser.add_argument("--version", action="version", version=f"Qari {__version__}")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png", help="render the window offscreen to a PNG and exit")
    parser.add_argument("--size", default="1280x820", help="window size for --screenshot, WIDTHxHEIGHT")
    parser.add_argument("--theme", choices=("auto", "light", "dark"), help="theme for this run (not saved)")
    parser.add_argument("--list-actions", action="store_true", help="print the action table as TSV and exit")
    parser.add_argument("--self-test", action="store_true", help="check the installation end to end and exit")
    parser.add_argument("--quit-after-paint", action="store_true", help=argparse.SUPPRESS)  # for benchmarks/startup.py
    return parser


def run_gui(argv: list[str], paths: Paths, parent: argparse.ArgumentParser) -> int:
    """``qari [FILE] [options]``: the window, a screenshot, the action table or the self-test."""
    args = gui_parser(parent).parse_args(argv)
    if args.list_actions:
        return _list_actions()
    if args.self_test:
        from reader.selftest import run_self_test

        return run_self_test()
    return _run_window(args, paths)


def _list_actions() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QKeySequence

    from reader.ui.actions import ACTIONS
    from reader.ui.app import make_app
    from reader.ui.shortcuts import key_sequences

    make_app()
    print("id\tshortcut\tlabel\tlabel_ar")
    for spec in ACTIONS:
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.PortableText) for k in key_sequences(spec.shortcuts))
        print(f"{spec.id}\t{keys}\t{spec.label}\t{spec.label_ar}")
    return 0


def _run_window(args: argparse.Namespace, paths: Paths) -> int:
    from reader.core.article import ArticleOptions, open_article
    from reader.core.resources import seed_article
    from reader.core.settings import load_settings
    from reader.ui.single_instance import InstanceServer, bring_to_front, hand_over, server_key

    # One Qari per config folder: a second launch hands its file to the running window and exits,
    # so two windows never race on the settings and state files. Screenshots and the start-up
    # benchmark always run on their own.
    single = not (args.screenshot or args.quit_after_paint)
    key = server_key(paths.config)
    if single and args.file is None and hand_over(key, None):
        print("qari: already running; its window was brought forward")
        return 0
    # Open before any window exists, so a bad file is a one-line error on the command line;
    # the entities are found in the background once the window shows the text.
    article = open_article(args.file or seed_article(), ArticleOptions(analyse=False))
    if single and args.file is not None and hand_over(key, args.file):
        print("qari: handed the file to the Qari already running")  # no name: it need not be printable
        return 0
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.ui.app import make_app, make_window

    app = make_app()
    settings, warning = load_settings(paths)
    if args.theme:
        settings.theme = args.theme
    window = make_window(settings, paths, app)
    if single:
        # Listen before showing the article (which saves the state file): a Qari that started at
        # the same moment (a desktop's "Open with" on several files starts one per file) and won
        # gets this file instead, and this process leaves without writing anything.
        server = InstanceServer(window)  # parented: it stops listening when the window goes
        if not server.listen(key) and hand_over(key, args.file):
            print("qari: handed over to the Qari already running")
            return 0

        def open_handed_over(path: str) -> None:
            window.open_path(path)
            bring_to_front(window)

        server.fileRequested.connect(open_handed_over)
        server.activateRequested.connect(lambda: bring_to_front(window))
    if warning:
        window.statusBar().showMessage(warning, 10000)
    window.show_article(article)
    if args.screenshot:
        return _screenshot(window, args.screenshot, args.size)
    if args.quit_after_paint:
        _quit_after_first_paint(window)
    window.show()
    return app.exec()


def _quit_after_first_paint(window: MainWindow) -> None:
    """Print PAINTED when the reading view first paints, then quit (start-up benchmark)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Watch(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                print("PAINTED", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    # Parented to the window, so it lives as long as the window does.
    window.view.viewport().installEventFilter(Watch(window))


def _screenshot(window: MainWindow, out: Path, size: str) -> int:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    try:
        width, height = (int(v) for v in size.lower().split("x"))
    except ValueError as exc:
        raise QariError(f"--size {size!r}: expected WIDTHxHEIGHT, e.g. 1280x820") from exc
    window.resize(width, height)
    window.show()
    # The picture is of the article as the reader sees it once settled: with its entities.
    deadline = time.monotonic() + SCREENSHOT_WAIT_S
    while window.is_analysing and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _ in range(5):
        QApplication.processEvents()
    image = window.grab()
    if not image.save(str(out), "PNG"):
        raise QariError(f"{out}: the screenshot could not be written")
    window.close()
    return 0
