"""Opening articles for the window: the text first, the entities after.

A small file is read on the UI thread and a large one in a worker; either way
the article is shown as soon as its text is known, and its entities are found
in another worker, with progress in the status bar.  Opening another file
cancels both.  The window is told through two callbacks: ``show`` (an article
to display) and ``analysed`` (the article on screen now has its entities).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from reader.core.article import Article, ArticleOptions, open_article
from reader.core.errors import QariError
from reader.ui.loading import SYNC_LIMIT, BackgroundAnalysis, BackgroundLoad


class Opener:
    """The loading and analysis jobs of one window.

    Attributes:
        loading: the file being read in the background, if any.
        analysis: the entity analysis running for the article on screen, if any.
    """

    def __init__(self, window: QMainWindow, show: Callable[[Article], None], analysed: Callable[[Article], None]) -> None:
        self._window = window
        self._show = show
        self._analysed = analysed
        self.loading: BackgroundLoad | None = None
        self.analysis: BackgroundAnalysis | None = None

    def open(self, path: Path) -> bool:
        """Open ``path``; on failure say why and keep the current article.

        Returns True when the article is shown, or is being read in the background
        (large files: the window stays usable and the status bar says so).
        """
        try:
            large = path.is_file() and path.stat().st_size > SYNC_LIMIT
        except OSError:
            large = False
        if large:
            return self._open_in_background(path)
        try:
            article = open_article(path, ArticleOptions(analyse=False))
        except QariError as exc:
            QMessageBox.warning(self._window, "Qari", str(exc))
            return False
        self._show(article)
        return True

    def analyse(self, article: Article) -> None:
        """Find ``article``'s entities in the background (the previous article's analysis is cancelled)."""
        self.stop_analysis()
        if article.analysed:
            return
        job = BackgroundAnalysis(article, self._window)
        job.progressed.connect(lambda percent: self._status(f"Finding entities… {percent}% · جارٍ استخراج الكيانات"))
        job.done.connect(self._analysis_done)
        job.failed.connect(self._analysis_failed)
        self.analysis = job
        job.start()

    def stop_analysis(self) -> None:
        """Cancel the running analysis, if any: its result is dropped."""
        if self.analysis is not None:
            self.analysis.cancel()
            self.analysis = None

    def stop(self) -> None:
        """Cancel everything (the window is closing)."""
        self.stop_analysis()
        if self.loading is not None:
            self.loading.cancel()
            self._loading_over()

    def _status(self, message: str) -> None:
        self._window.statusBar().showMessage(message)

    def _open_in_background(self, path: Path) -> bool:
        if self.loading is not None:
            self._window.statusBar().showMessage("Still opening the previous file…", 5000)
            return False
        job = BackgroundLoad(path, self._window)
        job.loaded.connect(self._loaded)
        job.failed.connect(self._load_failed)
        self.loading = job
        self._status(f"Opening {path.name}… · جارٍ الفتح…")
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        job.start()
        return True

    def _loading_over(self) -> None:
        self.loading = None
        QApplication.restoreOverrideCursor()
        self._window.statusBar().clearMessage()

    def _loaded(self, article: Article) -> None:
        self._loading_over()
        self._show(article)

    def _load_failed(self, message: str) -> None:
        self._loading_over()
        QMessageBox.warning(self._window, "Qari", message)

    def _analysis_done(self, article: Article) -> None:
        if self.analysis is None or self.analysis.article is not article:
            return  # a late result for an article no longer on screen
        self.analysis = None
        self._analysed(article)

    def _analysis_failed(self, message: str) -> None:
        self.analysis = None
        self._window.statusBar().showMessage(message, 10000)
