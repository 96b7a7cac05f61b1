"""The reading view's page: a QTextDocument built run by run from :mod:`reader.core.layout`.

Built apart from the view so the view keeps only what it needs to show and
map positions: the Qt position of every block, note and marker is recorded
here, so every offset in ``Document.text`` has a known place on screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat, QTextLength

from reader.core.document import BlockKind, Direction, Document
from reader.core.entities import EntityType
from reader.core.entity_style import HIGHLIGHTS, PAGE
from reader.core.layout import LaidBlock
from reader.core.navigation import title_refs

NOTES_HEADING = "الحواشي"
#: Heading size by level (× the body size); level 0 (a heading of unknown level) keeps the old 1.35.
HEADING_SCALE = {1: 1.6, 2: 1.4, 3: 1.25, 4: 1.1, 5: 1.0, 6: 1.0}
#: Background of code blocks and inline code: light theme, dark theme.
CODE_BACKGROUND = ("#efeee9", "#2b2d31")


@dataclass(frozen=True)
class Fonts:
    """The faces of a page: the article's, the fallbacks for symbols it lacks, and monospace for code."""

    family: str
    families: list[str]
    code_families: list[str]


@dataclass
class Page:
    """A built page and where things are in it (Qt positions)."""

    document: QTextDocument
    body_start: int = 0
    block_pos: list[int] = field(default_factory=list)
    note_pos: dict[str, int] = field(default_factory=dict)
    note_starts: list[int] = field(default_factory=list)  # the notes heading, then each note's line, in order
    ref_pos: dict[str, int] = field(default_factory=dict)
    #: (``Document.text`` offset, Qt position) of each break put into an over-long body word, in order.
    breaks: list[tuple[int, int]] = field(default_factory=list)


#: A "word" longer than this is shown with a break opportunity every this many letters (see :func:`insert_text`).
LONG_WORD = 200
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")
#: Invisible, and a place a line may break: Qt's line breaker otherwise scans to the end of the word for every line.
BREAK = "\u200b"


def insert_text(cursor: QTextCursor, text: str, fmt: QTextCharFormat, breaks: list[tuple[int, int]] | None = None, base: int = 0) -> None:
    """Insert ``text`` with ``fmt``; in a word over :data:`LONG_WORD` letters, a :data:`BREAK` every ``LONG_WORD``.

    Qt lays out each line of an unbreakable word by scanning the rest of the word:
    a word of a million tatweels took minutes to show, and a 5 MB one never did.
    The breaks are not in ``Document.text``: each is recorded in ``breaks`` as
    (the offset, ``base`` + index in ``text``, of the letter after it; its Qt
    position), so the view maps offsets around them.
    """
    if len(text) <= LONG_WORD or not _LONG_WORD.search(text):
        cursor.insertText(text, fmt)
        return
    done = 0
    for match in _LONG_WORD.finditer(text):
        for at in range(match.start() + LONG_WORD, match.end(), LONG_WORD):
            cursor.insertText(text[done:at], fmt)
            if breaks is not None:
                breaks.append((base + at, cursor.position()))
            cursor.insertText(BREAK, fmt)
            done = at
    cursor.insertText(text[done:], fmt)


#: A string property holding the anchor's name again (see :func:`name_anchor`).
_ANCHOR_KEY = QTextFormat.Property.UserProperty + 2


def name_anchor(fmt: QTextCharFormat, name: str) -> None:
    """Make ``fmt`` the anchor ``name``.

    The name is also set as a plain string property: Qt hashes a format's list
    of anchor names to one value, so formats that differ only by it all land in
    one hash bucket, and 10,000 footnotes took 37 s to insert (0.7 s now).
    """
    fmt.setAnchorNames([name])
    fmt.setProperty(_ANCHOR_KEY, name)


def entity_format(theme: str, entity_type: EntityType, key: str | None) -> QTextCharFormat:
    """What an entity's letters get over their own format: its colours, and its key (to find it under a click)."""
    back, text = HIGHLIGHTS[theme][entity_type]
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(back))
    fmt.setForeground(QColor(text))
    fmt.setProperty(QTextFormat.Property.UserProperty, key)
    return fmt


def build_page(
    parent: QObject, doc: Document, blocks: list[LaidBlock], fonts: Fonts, theme: str, font_size: float, spacing: float, justify: bool
) -> Page:
    """The page for ``doc`` laid out as ``blocks``, in one edit block."""
    bg, fg, muted, link, _ = PAGE[theme]
    qdoc = QTextDocument(parent)
    base = QFont(fonts.family)
    base.setPointSizeF(font_size)
    qdoc.setDefaultFont(base)
    qdoc.setDocumentMargin(24)
    qdoc.setDefaultStyleSheet(f"a {{ color: {link}; }}")
    qdoc.setUndoRedoEnabled(False)
    cursor = QTextCursor(qdoc)
    # One edit block: outside one, every insert lays out its whole paragraph
    # again to place the cursor (a 1 MB paragraph took 110 s; now 0.1 s).
    cursor.beginEditBlock()
    page = Page(qdoc)

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
        fmt.setFontFamilies(fonts.families)
        fmt.setFontPointSize(size)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setForeground(QColor(colour))
        return fmt

    def marker(note_id: str, text: str, size: float, anchor: str, href: str, tip: str) -> None:
        fmt = char_format(size * 0.7, colour=link)
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        fmt.setAnchor(True)
        fmt.setAnchorHref(href)
        name_anchor(fmt, anchor)
        fmt.setToolTip(tip)
        cursor.insertText(text, fmt)

    # Title, with the markers of notes that belong to it (the author's * note).
    cursor.setBlockFormat(block_format(blocks[0].direction if blocks else Direction.RTL, 8, font_size * 1.2, 1.6))
    insert_text(cursor, doc.title, char_format(font_size * 1.6, bold=True))
    for ref in title_refs(doc):
        note = doc.footnote(ref.note_id)
        if note is not None:
            page.ref_pos[note.note_id] = cursor.position()
            marker(note.note_id, note.marker, font_size * 1.6, f"ref-{note.note_id}", f"note:{note.note_id}", note.text)

    code_back = CODE_BACKGROUND[theme == "dark"]
    qdoc.setIndentWidth(font_size * 2)
    page.body_start = cursor.position() + 1
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
        page.block_pos.append(cursor.position())
        for run in block.runs:
            if run.note_id:
                note = doc.footnote(run.note_id)
                page.ref_pos[run.note_id] = cursor.position()
                marker(run.note_id, run.text, size, f"ref-{run.note_id}", f"note:{run.note_id}", note.text if note else "")
                continue
            cf = char_format(size, bold=heading or run.strong, colour=muted if block.kind is BlockKind.QUOTE else fg)
            cf.setFontItalic(run.em)
            if run.code:
                cf.setFontFamilies(fonts.code_families)
                cf.setFontFixedPitch(True)
                cf.setFontPointSize(size * 0.9)
                if not code:
                    cf.setBackground(QColor(code_back))
            if run.entity is not None:
                cf.merge(entity_format(theme, run.entity, run.entity_key))
            insert_text(cursor, run.text, cf, page.breaks, run.start)

    if doc.footnotes:
        cursor.insertBlock(block_format(Direction.RTL, font_size * 1.5, font_size * 0.4))
        page.note_starts.append(cursor.position())
        cursor.insertText(NOTES_HEADING, char_format(font_size * 1.1, bold=True, colour=muted))
        for note in doc.footnotes:
            cursor.insertBlock(block_format(Direction.RTL, 0, font_size * 0.3))
            page.note_pos[note.note_id] = cursor.position()
            page.note_starts.append(cursor.position())
            cf = char_format(font_size * 0.85, bold=True, colour=link)
            name_anchor(cf, f"note-{note.note_id}")
            cursor.insertText(note.marker + " ", cf)
            insert_text(cursor, note.text + " ", char_format(font_size * 0.85, colour=fg))
            back_link = char_format(font_size * 0.85, colour=link)
            back_link.setAnchor(True)
            back_link.setAnchorHref(f"ref:{note.note_id}")
            back_link.setToolTip("عودة إلى موضع الحاشية")
            cursor.insertText("↩", back_link)

    cursor.endEditBlock()
    return page
