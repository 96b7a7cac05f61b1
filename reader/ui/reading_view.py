"""The reading view: a QTextBrowser whose document is built run by run from
:mod:`reader.core.layout`, so every offset in ``Document.text`` has a known
position on screen (entity jumps and find highlights land on exact letters)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.core.document import Document
from reader.core.entities import EntityType
from reader.core.entity_style import HIGHLIGHTS, PAGE
from reader.core.layout import EntitySpan, LaidBlock
from reader.core.navigation import Place, Region
from reader.ui.page_builder import CODE_BACKGROUND as CODE_BACKGROUND
from reader.ui.page_builder import HEADING_SCALE as HEADING_SCALE
from reader.ui.page_builder import NOTES_HEADING as NOTES_HEADING
from reader.ui.page_builder import Fonts, build_page, entity_format

#: Longest comfortable line, in average characters of the body font.
MEASURE_CHARS = 70
#: Faces tried, in order, for a character the article's font lacks (✓ ★ emoji): installed ones only.
SYMBOL_FALLBACKS = ("Noto Sans Symbols 2", "Noto Sans Symbols", "Noto Color Emoji", "Noto Emoji", "Symbola", "DejaVu Sans")
#: Monospace faces for code, before the system's fixed font; the article's font follows for Arabic.
CODE_FAMILIES = ("DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono")


#: Up to this many find matches are all highlighted; past it, those within MATCH_MARGIN letters of the screen.
MATCHES_ALWAYS_SHOWN = 500
MATCH_MARGIN = 20_000
#: Mentions highlighted per turn of the event loop (about 20 ms here), and the rest of the last one's paragraph.
HIGHLIGHT_SLICE = 400


def installed(families: list[str]) -> list[str]:
    """The installed ones of ``families``, once each: Qt warns (and spends time on aliases) for a missing family."""
    return list(dict.fromkeys(f for f in families if f and QFontDatabase.hasFamily(f)))


class ReadingView(QTextBrowser):
    """Shows one document.

    Signals:
        noteRequested(str): a footnote marker was clicked (note id).
        refRequested(str): a note's back link was clicked (note id).
    """

    noteRequested = Signal(str)
    refRequested = Signal(str)

    def __init__(self, font_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.anchorClicked.connect(self._on_anchor)
        self._match_starts: list[int] = []
        self._rehighlight = QTimer(self)  # find highlights follow the scrolling, once it pauses
        self._rehighlight.setSingleShot(True)
        self._rehighlight.timeout.connect(self._refresh_selections)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._rehighlight.start(30) if len(self._matches) > MATCHES_ALWAYS_SHOWN else None)
        self._family = font_family
        #: The article's face first, then faces for symbols it lacks (set on every run, so Qt never draws a box).
        self.families = [font_family, *installed(list(SYMBOL_FALLBACKS))]
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        self.code_families = [*installed([*CODE_FAMILIES, fixed]), *self.families]
        self.fonts = Fonts(font_family, self.families, self.code_families)
        self._highlighting = QTimer(self)  # entities arriving after the first paint, a slice per turn of the loop
        self._highlighting.timeout.connect(self._highlight_slice)
        self._pending: list[EntitySpan] = []
        self._break_offsets: list[int] = []  # breaks shown inside over-long words (page_builder.insert_text)
        self._break_pos: list[int] = []
        self._body_qt_start = 0
        self._blocks: list[LaidBlock] = []
        self._block_starts: list[int] = []
        self._block_pos: list[int] = []
        self._note_pos: dict[str, int] = {}
        self._note_starts: list[int] = []  # the notes heading, then each note's line, in order
        self._ref_pos: dict[str, int] = {}
        self._mark: tuple[int, int] | None = None
        self._matches: list[tuple[int, int]] = []
        self._current_match = -1
        self._theme = "light"

    # -- building -----------------------------------------------------------------
    def show_document(self, doc: Document, blocks: list[LaidBlock], theme: str, font_size: float, spacing: float, justify: bool) -> None:
        """Rebuild the view for ``doc`` laid out as ``blocks``."""
        self._blocks = blocks
        self._block_starts = [b.start for b in blocks]
        self._theme = theme
        self._highlighting.stop()
        self._pending = []
        page = build_page(self, doc, blocks, self.fonts, theme, font_size, spacing, justify)
        self._body_qt_start, self._block_pos, self._note_pos = page.body_start, page.block_pos, page.note_pos
        self._note_starts, self._ref_pos = page.note_starts, page.ref_pos
        self._break_offsets = [offset for offset, _ in page.breaks]
        self._break_pos = [pos for _, pos in page.breaks]
        self.setDocument(page.document)
        bg, fg = PAGE[theme][:2]
        self.setStyleSheet(f"QTextBrowser#readingView {{ background: {bg}; color: {fg}; border: none; }}")
        self._update_margins()
        self._refresh_selections()

    def apply_entities(self, spans: list[EntitySpan]) -> None:
        """Highlight the entities' ``spans`` (:func:`~reader.core.layout.entity_spans`) in the text already shown.

        No rebuild: each mention's letters get the entity's colours, from the top of
        the screen on first, then the rest, a slice per turn of the event loop, so a
        long article never freezes while its highlights arrive.
        """
        spans = sorted(spans)
        top = self.place_at(self.top_position()).offset if self._block_pos else 0
        after = [s for s in spans if s[1] > top]
        self._pending = [*reversed([s for s in spans if s[1] <= top]), *reversed(after)]  # popped from the end
        self._highlighting.start(0)

    def highlighting(self) -> bool:
        """True while entity highlights are still being applied."""
        return bool(self._pending)

    def pending_highlights(self) -> list[int]:
        """``Document.text`` offsets of the mentions still to highlight, in the order they will be."""
        return [start for start, *_ in reversed(self._pending)]

    def _highlight_slice(self) -> None:
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        applied, last_block = 0, -1
        while self._pending:
            # A paragraph is never split over two slices: each slice lays its paragraphs out again,
            # and a one-line 5 MB article would be laid out once per slice.
            block = bisect_right(self._block_starts, self._pending[-1][0]) - 1
            if applied >= HIGHLIGHT_SLICE and block != last_block:
                break
            start, end, kind, key = self._pending.pop()
            cursor.setPosition(self.position_of(start))
            cursor.setPosition(self.position_of(end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(entity_format(self._theme, kind, key))
            applied, last_block = applied + 1, block
        cursor.endEditBlock()
        if not self._pending:
            self._highlighting.stop()

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt override
        """Tab leaves the text for the next pane (QTextBrowser would walk its links; ] and [ do that)."""
        return QWidget.focusNextPrevChild(self, next_)

    # -- geometry -----------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the text to a readable measure, centred."""
        super().resizeEvent(event)
        self._update_margins()

    def _update_margins(self) -> None:
        measure = self.fontMetrics().averageCharWidth() * MEASURE_CHARS * (self.document().defaultFont().pointSizeF() / max(1.0, self.font().pointSizeF()))
        side = max(0, int((self.width() - measure) / 2))
        self.setViewportMargins(side, 0, side, 0)

    # -- positions ----------------------------------------------------------------
    def position_of(self, offset: int) -> int:
        """Position in the Qt document of ``offset`` in ``Document.text``."""
        i = max(0, bisect_right(self._block_starts, offset) - 1)
        shown = bisect_right(self._break_offsets, offset) - bisect_left(self._break_offsets, self._block_starts[i]) if self._break_offsets else 0
        return self._block_pos[i] + (offset - self._block_starts[i]) + shown

    def offset_at_cursor(self) -> int:
        """``Document.text`` offset nearest the text cursor (for "from here" navigation)."""
        return self._body_offset(self.textCursor().position()) if self._block_pos else 0

    def _body_offset(self, pos: int) -> int:
        """``Document.text`` offset at Qt position ``pos`` in the body; a list marker's letters give its item's start."""
        i = max(0, bisect_right(self._block_pos, pos) - 1)
        into = pos - self._block_pos[i]
        if self._break_pos:  # the breaks shown before pos in this block are not in the text
            into -= bisect_left(self._break_pos, pos) - bisect_left(self._break_pos, self._block_pos[i])
        size = len(self._blocks[i].text)
        if into > size:  # past this block's end: in the marker that opens the next block
            return self._block_starts[i] + size + 1
        return self._block_starts[i] + max(0, into)

    def block_count(self) -> int:
        """Number of body blocks."""
        return len(self._blocks)

    def block_span(self, index: int) -> tuple[int, int]:
        """``Document.text`` span of body block ``index``."""
        block = self._blocks[index]
        return block.start, block.start + len(block.text)

    def note_position(self, note_id: str) -> int | None:
        """Qt position of a note body."""
        return self._note_pos.get(note_id)

    def ref_position(self, note_id: str) -> int | None:
        """Qt position of a note's marker (in the body or the title)."""
        return self._ref_pos.get(note_id)

    def position_at(self, place: Place) -> int:
        """Qt position of ``place`` (the mapping :class:`~reader.core.navigation.Navigator` relies on)."""
        if place.region is Region.TITLE or not self._block_pos:
            return place.offset
        if place.region is Region.BODY:
            return self.position_of(place.offset)
        return self._note_starts[place.note + 1] + place.offset if place.note + 1 < len(self._note_starts) else self.end_position()

    def place_at(self, pos: int) -> Place:
        """The :class:`~reader.core.navigation.Place` shown at Qt position ``pos``."""
        if not self._block_pos or pos < min(self._body_qt_start, self._block_pos[0]):
            return Place.in_title(pos)
        if self._note_starts and pos >= self._note_starts[0]:
            i = bisect_right(self._note_starts, pos) - 1
            return Place.in_note(i - 1, pos - self._note_starts[i])
        return Place.in_body(self._body_offset(pos))

    def cursor_place(self) -> Place:
        """Where the reader is: the start of the cursor's selection."""
        return self.place_at(self.textCursor().selectionStart())

    def end_position(self) -> int:
        """Qt position of the end of the last line."""
        return self.document().characterCount() - 1

    def top_position(self) -> int:
        """Qt position of the text at the top of the viewport (to reopen the article there)."""
        return self.cursorForPosition(QPoint(self.viewport().width() // 2, 4)).position()

    def scroll_to_top(self, pos: int) -> None:
        """Put the cursor at Qt position ``pos`` and scroll its line to the top; ignore a position past the end."""
        if pos >= self.document().characterCount():
            return
        cursor = self.textCursor()
        cursor.setPosition(pos)
        self.setTextCursor(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())

    def page_down(self) -> None:
        """One screen on."""
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + bar.pageStep())

    def page_up(self) -> None:
        """One screen back."""
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() - bar.pageStep())

    # -- marking ------------------------------------------------------------------
    def go_to_position(self, pos: int, length: int = 0) -> None:
        """Put the cursor at Qt position ``pos`` (selecting ``length`` characters) and scroll it into view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(pos + length, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(pos)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def go_to(self, place: Place, length: int = 0) -> None:
        """Put the cursor at ``place`` (see :meth:`go_to_position`)."""
        self.go_to_position(self.position_at(place), length)

    def mark(self, start: int, end: int) -> None:
        """Outline ``Document.text[start:end]`` as the current target and bring it into view."""
        self._mark = (start, end)
        self.go_to_position(self.position_of(start), end - start)
        self._refresh_selections()

    def clear_marks(self) -> None:
        """No current target and no find matches (before showing a new article)."""
        self._mark, self._matches, self._current_match = None, [], -1
        self._refresh_selections()

    def set_matches(self, spans: list[tuple[int, int]], current: int = -1) -> None:
        """Highlight find matches (``Document.text`` spans); ``current`` is shown strongest.

        Only the matches on and near the screen get a highlight (again as it scrolls):
        one per match of a letter in an 8 MB article was a million selections and 33 s.
        """
        self._matches, self._current_match = spans, current
        self._match_starts = [start for start, _ in spans]
        self._refresh_selections()

    def _near_screen(self) -> tuple[int, int]:
        """The ``Document.text`` span shown, widened by :data:`MATCH_MARGIN` each way."""
        corner = QPoint(self.viewport().width() - 1, self.viewport().height() - 1)
        ends = [self.place_at(self.cursorForPosition(point).position()) for point in (QPoint(0, 0), corner)]
        size = self._block_starts[-1] + len(self._blocks[-1].text)
        lo, hi = ((p.offset if p.region is Region.BODY else (0 if p.region is Region.TITLE else size)) for p in ends)
        return min(lo, hi) - MATCH_MARGIN, max(lo, hi) + MATCH_MARGIN

    def _selection(self, start: int, end: int, colour: str, underline: bool = False) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.document())
        cur.setPosition(self.position_of(start))
        cur.setPosition(self.position_of(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        fmt = QTextCharFormat()
        if underline:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(colour))
            fmt.setFontUnderline(True)
            fmt.setFontWeight(QFont.Weight.Bold)
        else:
            fmt.setBackground(QBrush(QColor(colour)))
            fmt.setForeground(QBrush(QColor("#000000")))
        sel.format = fmt
        return sel

    def _refresh_selections(self) -> None:
        if not self._blocks:
            self.setExtraSelections([])
            return
        outline = PAGE[self._theme][4]
        first, last = 0, len(self._matches)
        if last > MATCHES_ALWAYS_SHOWN:
            lo, hi = self._near_screen()
            first, last = bisect_left(self._match_starts, lo), bisect_right(self._match_starts, hi)
        shown = range(first, last)
        sels = [self._selection(*self._matches[i], "#ffe066" if i != self._current_match else "#ff922b") for i in shown]
        if self._mark:
            sels.append(self._selection(*self._mark, outline, underline=True))
        self.setExtraSelections(sels)

    def current_mark(self) -> tuple[int, int] | None:
        """The span last marked, if any."""
        return self._mark

    def extra_selection_spans(self) -> list[tuple[int, int]]:
        """Qt positions of the highlights now shown (for tests)."""
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self.extraSelections()]

    # -- links --------------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        scheme, _, note_id = url.toString().partition(":")
        if scheme == "note":
            self.noteRequested.emit(note_id)
        elif scheme == "ref":
            self.refRequested.emit(note_id)
        # Anything else (an http link in an article) is never opened.

    def entity_key_at(self, pos: int) -> str | None:
        """Entity key of the run at Qt position ``pos``, if highlighted."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(pos + 1)
        value = cursor.charFormat().property(QTextFormat.Property.UserProperty)
        return value if isinstance(value, str) else None

    def entity_background(self, entity_type: EntityType) -> str:
        """The highlight colour used now for ``entity_type``."""
        return HIGHLIGHTS[self._theme][entity_type][0]
