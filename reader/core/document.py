"""The document model every loader produces and every view consumes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class BlockKind(StrEnum):
    """What a block is; decides its style on screen and on paper."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    #: Preformatted code: shown monospace, left to right, never searched for entities.
    CODE = "code"
    #: A thematic break (``* * *``, ``<hr>``); its text is empty.
    RULE = "rule"


#: A hard line break inside a block (poems, ``<br>``, Markdown's two trailing spaces).
#: Not ``\n``: that separates blocks in ``Document.text``.  Qt and Typst both break a line at it.
LINE_BREAK = "\u2028"


class Direction(StrEnum):
    """Base direction of a block, from its first strong character (Unicode P2)."""

    RTL = "rtl"
    LTR = "ltr"


@dataclass(frozen=True)
class InlineStyle:
    """Styling inside a block, offsets in block text.

    ``kind`` is ``"em"``, ``"strong"`` or ``"code"`` (inline code: monospace, left to
    right, no entities).
    """

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker inside a block's text, ``[start, end)``, pointing at a note id."""

    start: int
    end: int
    note_id: str


@dataclass
class Block:
    """One heading, paragraph, quote, list item, code block or rule, in logical order.

    ``level`` is the heading level (1–6) or a list item's nesting depth (1 = top).
    ``marker`` is a list item's bullet or number as the document gives it (``•``,
    ``3.``, ``٣)``); it is drawn, never part of ``text``.
    """

    kind: BlockKind
    text: str
    level: int = 0
    direction: Direction = Direction.RTL
    styles: list[InlineStyle] = field(default_factory=list)
    refs: list[FootnoteRef] = field(default_factory=list)
    marker: str = ""

    def __post_init__(self) -> None:
        # "\n" separates blocks in Document.text and paragraphs on screen: a line
        # break inside a block (a code block's lines, a poem's) is LINE_BREAK, same length.
        if "\n" in self.text:
            self.text = self.text.replace("\n", LINE_BREAK)


@dataclass
class Footnote:
    """A note body.  ``marker`` is what the article printed (``*``, ``(1)``, ``¹``…).

    ``ref_block`` is None for a note no body marker points at — in Arabic
    articles usually the ``*`` author note that belongs to the title.
    """

    note_id: str
    marker: str
    text: str
    ref_block: int | None = None


@dataclass
class Document:
    """A loaded article.

    Attributes:
        title: explicit title, or one derived from the opening words.
        title_is_derived: True when the source had no title of its own.
        blocks: body blocks in reading order.
        footnotes: note bodies, in the order they were written.
        source: the file it came from, if any.
        encoding: the encoding the bytes were decoded with, as detected.
        fmt: ``"text"``, ``"markdown"``, ``"html"`` or ``"docx"``.
        meta: the document's own metadata (Markdown front matter, DOCX core
            properties): shown as metadata, never body text, never entities.
    """

    title: str
    blocks: list[Block]
    footnotes: list[Footnote] = field(default_factory=list)
    source: Path | None = None
    encoding: str = "utf-8"
    fmt: str = "text"
    title_is_derived: bool = False
    meta: dict[str, str] = field(default_factory=dict)
    # note id → note, built on first use; rebuilt when ``footnotes`` is replaced or grows.
    _note_index: tuple[list[Footnote], int, dict[str, Footnote]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The body text that entity and search offsets refer to: blocks joined by newlines."""
        return "\n".join(b.text for b in self.blocks)

    def block_offsets(self) -> list[int]:
        """Start offset of each block within :attr:`text`."""
        offsets, pos = [], 0
        for block in self.blocks:
            offsets.append(pos)
            pos += len(block.text) + 1
        return offsets

    def footnote(self, note_id: str) -> Footnote | None:
        """The note with ``note_id``, if there is one.

        From an index, not a scan: the views ask once per marker, and a scan per marker
        was quadratic (100,000 notes hung the PDF export).
        """
        index = self._note_index
        if index is None or index[0] is not self.footnotes or index[1] != len(self.footnotes):
            notes: dict[str, Footnote] = {}
            for n in self.footnotes:
                notes.setdefault(n.note_id, n)  # the first, as the scan returned
            self._note_index = index = (self.footnotes, len(self.footnotes), notes)
        note = index[2].get(note_id)
        if note is not None and note.note_id != note_id:  # a note was edited in place: rebuild
            self._note_index = None
            return self.footnote(note_id)
        return note


def base_direction(text: str, default: Direction = Direction.RTL) -> Direction:
    """Direction of the first strong character of ``text`` (Unicode rule P2)."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ("R", "AL"):
            return Direction.RTL
        if bidi == "L":
            return Direction.LTR
    return default


#: A derived title is cut after this many characters.
TITLE_CHARS = 120


def derive_title(text: str, words: int = 8) -> str:
    """A title from the opening words of an article that has none."""
    first = text.strip().replace(LINE_BREAK, "\n").split("\n", 1)[0]
    tokens = first.split()
    title = first.strip().rstrip(".:،") if len(tokens) <= words else " ".join(tokens[:words]) + "…"
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS].rstrip() + "…"  # a word of a million letters
