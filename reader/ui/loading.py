"""Open a large article off the UI thread, so the window never freezes.

Reading, decoding and entity recognition run in a worker thread; the result
comes back to the window through a queued signal.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core.article import open_article
from reader.core.errors import QariError

#: Files up to this size open at once; larger ones are analysed in the background.
SYNC_LIMIT = 256 * 1024


class BackgroundLoad(QObject):
    """Loads one file in a thread.

    Signals:
        loaded(object): the :class:`~reader.core.article.Article`, analysed.
        failed(str): a one-line reason.
    """

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._thread = threading.Thread(target=self._run, name="qari-load", daemon=True)

    def start(self) -> None:
        """Begin; the signals arrive on the receiver's thread."""
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the worker is done (tests, shutdown)."""
        self._thread.join(timeout)

    def _run(self) -> None:
        try:
            article = open_article(self.path)
        except QariError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug must still reach the user as a message, not a dead thread
            self.failed.emit(f"{self.path}: could not be opened ({type(exc).__name__}: {exc})")
            return
        self.loaded.emit(article)
