"""Plain-text articles: paragraphs, headings guessed from short lines, notes at the end."""

from __future__ import annotations

import re

from reader.core import arabic
from reader.core.document import Block, BlockKind, Document, base_direction, derive_title
from reader.core.footnotes import is_note_line, link_notes, split_notes

_SENTENCE_END = (*'.!?:…"”»)', arabic.QUESTION_MARK, arabic.SEMICOLON)


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain-text article.

    With blank lines in the file, they separate paragraphs and hard-wrapped lines
    are joined; without, every line is a paragraph (the common Arabic export).
    """
    if re.search(r"\n\s*\n", text.strip()):
        out: list[str] = []
        for chunk in re.split(r"\n\s*\n", text):
            lines = [line.strip() for line in chunk.splitlines() if line.strip()]
            if lines and all(is_note_line(line) for line in lines):
                out += lines  # a block of notes: one per line
            elif lines:
                out.append(" ".join(lines))
        return out
    return [line.strip() for line in text.splitlines() if line.strip()]


def _is_heading(line: str) -> bool:
    return len(line.split()) <= 12 and not line.endswith(_SENTENCE_END) and not line.startswith(("-", "•"))


def parse(text: str) -> Document:
    """Parse a plain-text article: title, paragraphs, short lines as headings, footnotes."""
    paragraphs, notes = split_notes(_paragraphs(text))
    title = ""
    if len(paragraphs) > 1 and _is_heading(paragraphs[0]):
        title = paragraphs.pop(0)
    blocks = []
    for para in paragraphs:
        kind = BlockKind.HEADING if _is_heading(para) and len(paragraphs) > 1 else BlockKind.PARAGRAPH
        blocks.append(Block(kind, para, level=2 if kind is BlockKind.HEADING else 0, direction=base_direction(para)))
    footnotes = link_notes(blocks, notes)
    derived = not title
    return Document(title=title or derive_title(text), blocks=blocks, footnotes=footnotes, fmt="text", title_is_derived=derived)
