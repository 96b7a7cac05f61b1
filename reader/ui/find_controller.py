"""Find: the find bar's intent turned into matches on the article, a current match, and a count.

The bar only says what the reader asked for (query changed, step ±1, closed);
this controller searches the article (which keeps a folded index per set of
toggles), decides which match is current, and tells the view what to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer

from reader.core.article import Article
from reader.core.navigation import Span
from reader.ui.find_bar import FindBar
from reader.ui.reading_view import ReadingView

NO_MATCHES = "لا نتائج"
#: Articles larger than this (bytes) are searched once typing pauses, not on every key.
DEBOUNCE_FROM_BYTES = 256 * 1024
DEBOUNCE_MS = 150


def first_match_from(matches: Sequence[Span], offset: int) -> int:
    """Index of the first match starting at or after ``offset``, wrapping to the first (-1 if none)."""
    if not matches:
        return -1
    return next((i for i, (start, _) in enumerate(matches) if start >= offset), 0)


def count_text(current: int, total: int, query: str) -> str:
    """"2/5"; "لا نتائج" when a query found nothing; empty for an empty query."""
    if total:
        return f"{current + 1}/{total}"
    return NO_MATCHES if query.strip() else ""


class FindController:
    """Owns the matches of the find bar's query.

    Attributes:
        matches: ``Document.text`` spans of the matches, in order.
        current: index of the current match (-1: none).
    """

    def __init__(self, bar: FindBar, view: ReadingView, on_close: Callable[[], None]) -> None:
        self.matches: list[Span] = []
        self.current = -1
        self._article: Article | None = None
        self._bar = bar
        self._view = view
        self._on_close = on_close
        self._pending = QTimer()
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self.search)
        bar.searchChanged.connect(self._changed)
        bar.stepRequested.connect(self.step)
        bar.closed.connect(self._closed)

    def set_article(self, article: Article) -> None:
        """Search ``article`` from now on (again at once if the bar is open)."""
        self._article = article
        if self._bar.isVisible():
            self.search()

    def open(self) -> None:
        """Open the find bar and focus it."""
        self._bar.open_bar()

    def next_match(self) -> None:
        """Next match (opens the bar if closed)."""
        if not self._bar.isVisible():
            self.open()
        self.step(1)

    def previous_match(self) -> None:
        """Previous match (opens the bar if closed)."""
        if not self._bar.isVisible():
            self.open()
        self.step(-1)

    def _changed(self) -> None:
        """The query or a toggle changed: search now, or once typing pauses in a large article."""
        if self._article is not None and self._article.provenance.size > DEBOUNCE_FROM_BYTES:
            self._pending.start(DEBOUNCE_MS)
        else:
            self.search()

    def search(self) -> None:
        """Find the query again; the current match is the first at or after the cursor."""
        self._pending.stop()
        if self._article is None:
            return
        query = self._bar.query_text()
        self.matches = self._article.find(query, self._bar.options()) if query.strip() else []
        self.current = first_match_from(self.matches, self._view.offset_at_cursor())
        if self.matches:
            self._view.go_to_position(self._view.position_of(self.matches[self.current][0]))
        self._show()

    def step(self, step: int) -> None:
        """Move ``step`` matches on, wrapping (a search still waiting for typing to pause runs first)."""
        if self._pending.isActive():
            self.search()
        if not self.matches:
            return
        self.current = (self.current + step) % len(self.matches)
        self._view.go_to_position(self._view.position_of(self.matches[self.current][0]))
        self._show()

    def _show(self) -> None:
        self._view.set_matches(self.matches, self.current)
        self._bar.set_count(count_text(self.current, len(self.matches), self._bar.query_text()))

    def _closed(self) -> None:
        self._pending.stop()
        self.matches, self.current = [], -1
        self._view.set_matches([], -1)
        self._on_close()
