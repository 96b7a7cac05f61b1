"""Open and analyse articles off the UI thread, so the window never freezes.

Reading and parsing a large file run in a worker thread (:class:`BackgroundLoad`);
entity recognition always runs in a child process (:class:`BackgroundAnalysis`):
the text is painted first and the highlights follow.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from reader.core.article import Article, ArticleOptions, entity_text, open_article
from reader.core.entities import child
from reader.core.errors import QariError

#: Files up to this size are read on the UI thread (a few milliseconds); larger ones in the background.
SYNC_LIMIT = 256 * 1024


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


class BackgroundAnalysis(QObject):
    """Finds an article's entities in a child process (:mod:`reader.core.entities.child`), telling its progress.

    A process, not a thread: the analysis holds Python's GIL for seconds at a time
    (the window's event loop waited 100–150 ms per turn) and its memory would stay
    with the window.  Cancelling kills the child at once.

    Signals:
        progressed(int): percent of the sentences tagged.
        done(object): the article, now holding its entities.
        failed(str): a one-line reason (the text stays readable without entities).
    """

    progressed = Signal(int)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, article: Article, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.article = article
        self.cancelled = False
        self._percent = -1
        self._reader = child.Reader(article.text, self._progress)
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)

    def start(self) -> None:
        """Start the child and hand it the text; the signals follow."""
        program, *args = child.child_command()
        self.process.start(program, args)
        self.process.write(entity_text(self.article.document).encode("utf-8"))
        self.process.closeWriteChannel()

    def wait(self, timeout_ms: int = 60000) -> None:
        """Block until the child has ended (tests, shutdown)."""
        self.process.waitForFinished(timeout_ms)

    def cancel(self) -> None:
        """Kill the child; nothing more is emitted."""
        self.cancelled = True
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()
            self.process.waitForFinished(5000)

    def _progress(self, tagged: int, total: int) -> None:
        percent = 100 * tagged // max(1, total)
        if percent != self._percent:
            self._percent = percent
            self.progressed.emit(percent)

    def _read(self) -> None:
        if self.cancelled:
            return
        try:
            self._reader.feed(bytes(self.process.readAllStandardOutput().data()))
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            self._fail(f"entities could not be found ({exc})")

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self.cancelled:
            return
        self._read()
        if self._reader.finished and code == 0 and status == QProcess.ExitStatus.NormalExit:
            self.article.adopt_entities(self._reader.entities)
            self.done.emit(self.article)
            return
        err = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace").strip().splitlines()
        reason = err[-1].removeprefix("qari: error: ") if err else f"the analysis ended with status {code}"
        self._fail(f"entities could not be found: {reason}")

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and not self.cancelled:
            self._fail(f"entities could not be found: {self.process.program()} could not be started")

    def _fail(self, message: str) -> None:
        if not self.cancelled:
            self.cancelled = True
            self.process.kill()
            self.failed.emit(message)
