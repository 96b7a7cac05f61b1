"""The reading view: a QTextBrowser whose document is built run by run from
:mod:`reader.core.layout`, so every offset in ``Document.text`` has a known
position on screen (entity jumps and find highlights land on exact letters)."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.core.document import BlockKind, Direction, Document
from reader.core.entities import EntityType
from reader.core.entity_style import HIGHLIGHTS, PAGE
from reader.core.layout import LaidBlock
from reader.core.navigation import Place, Region, title_refs

#: Longest comfortable line, in average characters of the body font.
MEASURE_CHARS = 70
NOTES_HEADING = "الحواشي"
#: Faces tried, in order, for a character the article's font lacks (✓ ★ emoji): installed ones only.
SYMBOL_FALLBACKS = ("Noto Sans Symbols 2", "Noto Sans Symbols", "Noto Color Emoji", "Noto Emoji", "Symbola", "DejaVu Sans")
#: Monospace faces for code, before the system's fixed font; the article's font follows for Arabic.
CODE_FAMILIES = ("DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono")
#: Heading size by level (× the body size); level 0 (a heading of unknown level) keeps the old 1.35.
HEADING_SCALE = {1: 1.6, 2: 1.4, 3: 1.25, 4: 1.1, 5: 1.0, 6: 1.0}
#: Background of code blocks and inline code: light theme, dark theme.
CODE_BACKGROUND = ("#efeee9", "#2b2d31")


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
        self._family = font_family
        #: The article's face first, then faces for symbols it lacks (set on every run, so Qt never draws a box).
        self.families = [font_family, *installed(list(SYMBOL_FALLBACKS))]
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        self.code_families = [*installed([*CODE_FAMILIES, fixed]), *self.families]
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
        bg, fg, muted, link, _ = PAGE[theme]
        qdoc = QTextDocument(self)
        base = QFont(self._family)
        base.setPointSizeF(font_size)
        qdoc.setDefaultFont(base)
        qdoc.setDocumentMargin(24)
        qdoc.setDefaultStyleSheet(f"a {{ color: {link}; }}")
        qdoc.setUndoRedoEnabled(False)
        cursor = QTextCursor(qdoc)
        # One edit block: outside one, every insert lays out its whole paragraph
        # again to place the cursor (a 1 MB paragraph took 110 s; now 0.1 s).
        cursor.beginEditBlock()
        self._block_pos, self._note_pos, self._note_starts, self._ref_pos = [], {}, [], {}
        colours = HIGHLIGHTS[theme]

        def block_format(direction: Direction, top: float, bottom: float, scale: float = 1.0) -> QTextBlockFormat:
            fmt = QTextBlockFormat()
            rtl = direction is Direction.RTL
            fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
            if justify:
                fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
            else:
                fmt.setAlignment((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignAbsolute)
            fmt.setLineHeight(spacing * 100 / scale if scale > 1 else spacing * 100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            fmt.setTopMargin(top)
            fmt.setBottomMargin(bottom)
            return fmt

        def char_format(size: float, bold: bool = False, colour: str = fg) -> QTextCharFormat:
            fmt = QTextCharFormat()
            fmt.setFontFamilies(self.families)
            fmt.setFontPointSize(size)
            fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
            fmt.setForeground(QColor(colour))
            return fmt

        def marker(note_id: str, text: str, size: float, anchor: str, href: str, tip: str) -> None:
            fmt = char_format(size * 0.7, colour=link)
            fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
            fmt.setAnchor(True)
            fmt.setAnchorHref(href)
            fmt.setAnchorNames([anchor])
            fmt.setToolTip(tip)
            cursor.insertText(text, fmt)

        # Title, with the markers of notes that belong to it (the author's * note).
        cursor.setBlockFormat(block_format(blocks[0].direction if blocks else Direction.RTL, 8, font_size * 1.2, 1.6))
        cursor.insertText(doc.title, char_format(font_size * 1.6, bold=True))
        for ref in title_refs(doc):
            note = doc.footnote(ref.note_id)
            if note is not None:
                self._ref_pos[note.note_id] = cursor.position()
                marker(note.note_id, note.marker, font_size * 1.6, f"ref-{note.note_id}", f"note:{note.note_id}", note.text)

        code_back = CODE_BACKGROUND[theme == "dark"]
        qdoc.setIndentWidth(font_size * 2)
        self._body_qt_start = cursor.position() + 1
        for block in blocks:
            heading = block.kind is BlockKind.HEADING
            scale = HEADING_SCALE.get(block.level, 1.35) if heading else 1.0
            size = font_size * scale
            code = block.kind is BlockKind.CODE
            fmt = block_format(Direction.LTR if code else block.direction, font_size * (1.0 if heading else 0.2), font_size * 0.7, scale)
            if block.kind in (BlockKind.QUOTE, BlockKind.LIST_ITEM):
                fmt.setIndent(max(1, block.level) if block.kind is BlockKind.LIST_ITEM else 1)
            elif code:
                fmt.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
                fmt.setBackground(QColor(code_back))
                fmt.setNonBreakableLines(True)
            elif block.kind is BlockKind.RULE:  # Qt's <hr>: a centred line drawn in the empty block, no character added
                fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                fmt.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth, QTextLength(QTextLength.Type.PercentageLength, 30))
            cursor.insertBlock(fmt)
            if block.marker:
                # Drawn as text before the item; _block_pos starts after it, so offsets still map exactly.
                cursor.insertText(block.marker + " ", char_format(size, colour=muted))
            self._block_pos.append(cursor.position())
            for run in block.runs:
                if run.note_id:
                    note = doc.footnote(run.note_id)
                    self._ref_pos[run.note_id] = cursor.position()
                    marker(run.note_id, run.text, size, f"ref-{run.note_id}", f"note:{run.note_id}", note.text if note else "")
                    continue
                cf = char_format(size, bold=heading or run.strong, colour=muted if block.kind is BlockKind.QUOTE else fg)
                cf.setFontItalic(run.em)
                if run.code:
                    cf.setFontFamilies(self.code_families)
                    cf.setFontFixedPitch(True)
                    cf.setFontPointSize(size * 0.9)
                    if not code:
                        cf.setBackground(QColor(code_back))
                if run.entity is not None:
                    back, text = colours[run.entity]
                    cf.setBackground(QColor(back))
                    cf.setForeground(QColor(text))
                    cf.setProperty(QTextFormat.Property.UserProperty, run.entity_key)
                cursor.insertText(run.text, cf)

        if doc.footnotes:
            cursor.insertBlock(block_format(Direction.RTL, font_size * 1.5, font_size * 0.4))
            self._note_starts.append(cursor.position())
            cursor.insertText(NOTES_HEADING, char_format(font_size * 1.1, bold=True, colour=muted))
            for note in doc.footnotes:
                cursor.insertBlock(block_format(Direction.RTL, 0, font_size * 0.3))
                self._note_pos[note.note_id] = cursor.position()
                self._note_starts.append(cursor.position())
                cf = char_format(font_size * 0.85, bold=True, colour=link)
                cf.setAnchorNames([f"note-{note.note_id}"])
                cursor.insertText(note.marker + " ", cf)
                cursor.insertText(note.text + " ", char_format(font_size * 0.85, colour=fg))
                back_link = char_format(font_size * 0.85, colour=link)
                back_link.setAnchor(True)
                back_link.setAnchorHref(f"ref:{note.note_id}")
                back_link.setToolTip("عودة إلى موضع الحاشية")
                cursor.insertText("↩", back_link)

        cursor.endEditBlock()
        self.setDocument(qdoc)
        self.setStyleSheet(f"QTextBrowser#readingView {{ background: {bg}; color: {fg}; border: none; }}")
        self._update_margins()
        self._refresh_selections()

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
        return self._block_pos[i] + (offset - self._block_starts[i])

    def offset_at_cursor(self) -> int:
        """``Document.text`` offset nearest the text cursor (for "from here" navigation)."""
        return self._body_offset(self.textCursor().position()) if self._block_pos else 0

    def _body_offset(self, pos: int) -> int:
        """``Document.text`` offset at Qt position ``pos`` in the body; a list marker's letters give its item's start."""
        i = max(0, bisect_right(self._block_pos, pos) - 1)
        into = pos - self._block_pos[i]
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
        """Highlight find matches (``Document.text`` spans); ``current`` is shown strongest."""
        self._matches, self._current_match = spans, current
        self._refresh_selections()

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
        sels = [self._selection(s, e, "#ffe066" if i != self._current_match else "#ff922b") for i, (s, e) in enumerate(self._matches)]
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
