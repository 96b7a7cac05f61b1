"""Open and analyse articles off the UI thread, so the window never freezes.

Reading and parsing a large file run in a worker thread (:class:`BackgroundLoad`);
entity recognition always does (:class:`BackgroundAnalysis`): the text is painted
first and the highlights follow.  Results come back through queued signals.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core.article import Article, ArticleOptions, open_article
from reader.core.errors import QariError

#: Files up to this size are read on the UI thread (a few milliseconds); larger ones in the background.
SYNC_LIMIT = 256 * 1024


class Cancelled(Exception):
    """Raised inside the worker when the window no longer wants the result."""


class _Worker(QObject):
    """One daemon thread running ``_work``; :meth:`cancel` makes its result be dropped."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        """Begin; the signals arrive on the receiver's thread."""
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the worker is done (tests, shutdown)."""
        self._thread.join(timeout)

    def cancel(self) -> None:
        """Stop as soon as the worker checks, and emit nothing more."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._cancel.is_set()

    def _run(self) -> None:
        raise NotImplementedError


class BackgroundLoad(_Worker):
    """Reads and parses one file in a thread (no entities: they come after the first paint).

    Signals:
        loaded(object): the :class:`~reader.core.article.Article`, not yet analysed.
        failed(str): a one-line reason.
    """

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__("qari-load", parent)
        self.path = path

    def _run(self) -> None:
        try:
            article = open_article(self.path, ArticleOptions(analyse=False))
        except QariError as exc:
            message = str(exc)
        except Exception as exc:  # a bug must still reach the user as a message, not a dead thread
            message = f"{self.path}: could not be opened ({type(exc).__name__}: {exc})"
        else:
            if not self.cancelled:
                self.loaded.emit(article)
            return
        if not self.cancelled:
            self.failed.emit(message)


class BackgroundAnalysis(_Worker):
    """Finds an article's entities in a thread, telling its progress; cancellable between sentences.

    Signals:
        progressed(int): percent of the sentences tagged.
        done(object): the article, now analysed.
        failed(str): a one-line reason (the text stays readable without entities).
    """

    progressed = Signal(int)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, article: Article, parent: QObject | None = None) -> None:
        super().__init__("qari-entities", parent)
        self.article = article
        self._percent = -1

    def _progress(self, tagged: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled
        percent = 100 * tagged // max(1, total)
        if percent != self._percent:
            self._percent = percent
            self.progressed.emit(percent)

    def _run(self) -> None:
        try:
            self.article.analyse(progress=self._progress)
        except Cancelled:
            return
        except Exception as exc:  # the model failing must not take the article away
            if not self.cancelled:
                self.failed.emit(f"entities could not be found ({type(exc).__name__}: {exc})")
            return
        if not self.cancelled:
            self.done.emit(self.article)
