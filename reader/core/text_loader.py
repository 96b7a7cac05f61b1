"""Plain-text articles: paragraphs, poems' stanzas, headings only with evidence, notes at the end.

A plain-text file says little about its structure, so every guess needs evidence.
A short line is a heading only when it stands alone between prose paragraphs;
a run of short lines is verse (a poem, a sura, one sentence per line), never a
stack of headings.  Everything here is one pass over the lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core import arabic
from reader.core.document import LINE_BREAK, Block, BlockKind, Document, base_direction, derive_title
from reader.core.footnotes import is_note_line, link_notes, split_notes

_SENTENCE_END = (*'.!?:…"”»)', arabic.QUESTION_MARK, arabic.SEMICOLON)
#: A line ending a prose sentence; a closing bracket alone is a verse number or a note marker.
_PROSE_END = (*'.!?:…"”»', arabic.QUESTION_MARK, arabic.SEMICOLON)
#: A trailing verse number or note marker: ``(3)``, ``[٣]``, ``¹``.
_TRAILING_MARKER = re.compile(rf"\s*(?:[(\[]\s*[0-9{arabic.DIGIT_CLASS}]{{1,4}}\s*[)\]]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*$")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S*$", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n\s*\n")
#: A heading has at most this many words and letters; longer lines are paragraphs.
_HEADING_WORDS = 12
_HEADING_CHARS = 160
#: Lines of a stanza are at most this long (hard-wrapped prose wraps at 60–80 columns).
_VERSE_CHARS = 45
#: A run of this many short lines is verse, not headings.
_VERSE_RUN = 3


@dataclass
class _Unit:
    """One paragraph-to-be: its text (lines of a stanza joined by LINE_BREAK) and whether it had several lines."""

    text: str
    lines: int = 1


def _chunk_text(lines: list[str]) -> str:
    """A blank-line-separated chunk as one paragraph: a stanza keeps its lines, hard-wrapped prose is joined."""
    if len(lines) == 1:
        return lines[0]
    body = lines[:-1]
    short = sorted(len(line) for line in body)[len(body) // 2] <= _VERSE_CHARS
    sentences = all(line.endswith(_SENTENCE_END) for line in lines)
    return LINE_BREAK.join(lines) if short or sentences else " ".join(lines)


def _units(text: str) -> list[_Unit]:
    """Paragraphs of a plain-text article.

    With blank lines in the file, they separate paragraphs: hard-wrapped lines are
    joined, a stanza's short lines kept as lines; without, every line is a paragraph
    (the common Arabic export, and a verse or a sentence per line).
    """
    if not _BLANK_LINE.search(text.strip()):
        return [_Unit(line.strip()) for line in text.splitlines() if line.strip()]
    out: list[_Unit] = []
    for chunk in _BLANK_LINE.split(text):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines and all(is_note_line(line) for line in lines):
            out += [_Unit(line) for line in lines]  # a block of notes: one per line
        elif lines:
            out.append(_Unit(_chunk_text(lines), len(lines)))
    return out


def _is_short(unit: _Unit) -> bool:
    """A single short line without a sentence end: a heading or title if the context agrees."""
    line = unit.text
    return (
        unit.lines == 1
        and len(line) <= _HEADING_CHARS
        and len(line.split()) <= _HEADING_WORDS
        and not line.endswith(_SENTENCE_END)
        and not line.startswith(("-", "•"))
        and not _URL.match(line)
    )


def _is_prose(unit: _Unit) -> bool:
    """A paragraph of prose: its last sentence ends (after any trailing verse number or note marker)."""
    if unit.lines > 1:
        return True  # a stanza or a wrapped paragraph: either may follow a heading
    return _TRAILING_MARKER.sub("", unit.text[-24:]).endswith(_PROSE_END)  # the tail: no scan of a long line


def _runs(short: list[bool]) -> list[int]:
    """For each unit, the length of the run of short units it belongs to (0 for others)."""
    runs = [0] * len(short)
    i = 0
    while i < len(short):
        if not short[i]:
            i += 1
            continue
        j = i
        while j < len(short) and short[j]:
            j += 1
        runs[i:j] = [j - i] * (j - i)
        i = j
    return runs


def _headings(units: list[_Unit]) -> list[bool]:
    """Which units are headings: short lines in a run of at most two, followed by prose."""
    short = [_is_short(u) for u in units]
    runs = _runs(short)
    heading = [False] * len(units)
    for i in range(len(units) - 1, -1, -1):
        if short[i] and runs[i] < _VERSE_RUN and i + 1 < len(units):
            follower = units[i + 1]
            heading[i] = heading[i + 1] if short[i + 1] else _is_prose(follower)
    return heading


def parse(text: str) -> Document:
    """Parse a plain-text article: title, paragraphs and stanzas, headings with evidence, footnotes."""
    units = _units(text)
    paragraphs, notes = split_notes([u.text for u in units])
    units = units[: len(paragraphs)]
    short = [_is_short(u) for u in units]
    runs = _runs(short)
    title = ""
    if len(units) > 1 and short[0] and runs[0] < _VERSE_RUN:
        title = units.pop(0).text
    heading = _headings(units)
    blocks = []
    for unit, is_heading in zip(units, heading, strict=True):
        kind = BlockKind.HEADING if is_heading else BlockKind.PARAGRAPH
        blocks.append(Block(kind, unit.text, level=2 if is_heading else 0, direction=base_direction(unit.text)))
    footnotes = link_notes(blocks, notes)
    derived = not title
    if derived:
        title = derive_title(blocks[0].text.replace(LINE_BREAK, "\n") if blocks else text)
    return Document(title=title, blocks=blocks, footnotes=footnotes, fmt="text", title_is_derived=derived)
