"""Read an article from disk into a :class:`~reader.core.document.Document`.

Three formats: plain text, Markdown and HTML.  Nothing a document points at is
ever fetched: images, scripts, styles and links are dropped or kept as text.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core import arabic, html_loader, markdown_loader
from reader.core.document import Block, BlockKind, Document, base_direction, derive_title
from reader.core.encoding import decode
from reader.core.errors import LoadError
from reader.core.footnotes import is_note_line, link_notes, split_notes

#: Larger files are refused with a message: an article is not a 50 MB dump.  At this size
#: (about 400,000 words, a long book) opening takes about 8 s, in the background.
MAX_BYTES = 8 * 1024 * 1024
_MARKDOWN = {".md", ".markdown", ".mdown"}
_HTML = {".html", ".htm", ".xhtml"}
_SENTENCE_END = (*'.!?:…"”»)', arabic.QUESTION_MARK, arabic.SEMICOLON)


def read_file(path: str | Path) -> bytes:
    """The bytes of ``path``, or :class:`LoadError` with a one-line reason (missing, folder, too large…)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise LoadError(f"{path}: is a folder, not a file")
        if size > MAX_BYTES:
            raise LoadError(f"{path}: too large ({size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise LoadError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise LoadError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise LoadError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def load(path: str | Path) -> Document:
    """Load ``path``, choosing the format by extension; raise :class:`LoadError` on failure.

    Only the document: callers that show or export an article use
    :func:`reader.core.article.open_article`, which keeps the bytes' hash too.
    """
    path = Path(path)
    return load_bytes(read_file(path), path)


def load_bytes(data: bytes, path: Path) -> Document:
    """Parse ``data`` as the file ``path`` (used by :func:`load` and tests)."""
    text, encoding = decode(data, path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise LoadError(f"{path.name}: the file is empty")
    suffix = path.suffix.lower()
    if suffix in _MARKDOWN:
        doc = markdown_loader.parse(text)
    elif suffix in _HTML or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        doc = html_loader.parse(text)
    else:
        doc = parse_text(text)
    if not doc.blocks:
        raise LoadError(f"{path.name}: no readable text in the file")
    doc.source = path
    doc.encoding = encoding
    return doc


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


def parse_text(text: str) -> Document:
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
