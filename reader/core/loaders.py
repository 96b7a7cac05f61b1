"""Read an article from disk into a :class:`~reader.core.document.Document`.

Three formats: plain text, Markdown and HTML.  Nothing a document points at is
ever fetched: images, scripts, styles and links are dropped or kept as text.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from reader.core import arabic, html_loader, markdown_loader
from reader.core.document import Block, BlockKind, Document, base_direction, derive_title
from reader.core.encoding import decode
from reader.core.errors import LoadError
from reader.core.footnotes import is_note_line, link_notes, split_notes

#: Larger files are refused with a message: an article is not a 50 MB dump.  At this size
#: (about 400,000 words, a long book) opening takes about 8 s, in the background.
MAX_BYTES = 8 * 1024 * 1024
#: Opening must not block (a pipe swapped in after the check) nor take a terminal as ours.
_OPEN_FLAGS = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_MARKDOWN = {".md", ".markdown", ".mdown"}
_HTML = {".html", ".htm", ".xhtml"}
_SENTENCE_END = (*'.!?:…"”»)', arabic.QUESTION_MARK, arabic.SEMICOLON)


def _kind(mode: int) -> str:
    """What a non-regular file is, for the message."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _refuse_unless_regular(path: Path, st: os.stat_result) -> None:
    """Refuse folders, pipes, sockets and devices: a pipe blocks for ever, ``/dev/zero`` never ends."""
    if stat.S_ISDIR(st.st_mode):
        raise LoadError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(f"{path}: is not a regular file ({_kind(st.st_mode)})")
    if st.st_size > MAX_BYTES:
        raise LoadError(_too_large(path, f"{st.st_size:,} bytes"))


def _too_large(path: Path, size: str) -> str:
    return f"{path}: too large ({size}; the limit is {MAX_BYTES // (1024 * 1024)} MiB ({MAX_BYTES:,} bytes))"


def read_file(path: str | Path) -> bytes:
    """The bytes of ``path``, or :class:`LoadError` with a one-line reason (missing, folder, too large…).

    The path is checked before it is opened (following links), and again on the open file
    in case it was swapped in between; the open never blocks and at most ``MAX_BYTES + 1``
    bytes are read, so a file that grows meanwhile is refused rather than read for ever.
    """
    path = Path(path)
    try:
        _refuse_unless_regular(path, os.stat(path))
        fd = os.open(path, os.O_RDONLY | _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as fh:
            _refuse_unless_regular(path, os.fstat(fh.fileno()))
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise LoadError(_too_large(path, f"over {MAX_BYTES:,} bytes"))
        return data
    except FileNotFoundError as exc:
        raise LoadError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise LoadError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise LoadError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except ValueError as exc:  # a NUL in the name
        raise LoadError(f"{path!r}: cannot be read ({exc})") from exc


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
