"""Read an article from disk into a :class:`~reader.core.document.Document`.

Four formats: plain text, Markdown, HTML and Word (.docx).  Nothing a document points at is
ever fetched: images, scripts, styles and links are dropped or kept as text.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.core import docx_loader, html_loader, markdown_loader, text_loader
from reader.core.atomic import file_kind
from reader.core.document import Block, BlockKind, Document, base_direction, derive_title
from reader.core.encoding import decode
from reader.core.errors import LoadError

#: Larger files are refused with a message: an article is not a 50 MB dump.  At this size
#: (about 400,000 words, a long book) opening takes about 8 s, in the background.
MAX_BYTES = 8 * 1024 * 1024
#: Opening must not block (a pipe swapped in after the check) nor take a terminal as ours.
_OPEN_FLAGS = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_MARKDOWN = {".md", ".markdown", ".mdown"}
_HTML = {".html", ".htm", ".xhtml"}


def _refuse_unless_regular(path: Path, st: os.stat_result) -> None:
    """Refuse folders, pipes, sockets and devices: a pipe blocks for ever, ``/dev/zero`` never ends."""
    if stat.S_ISDIR(st.st_mode):
        raise LoadError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise LoadError(f"{path}: is not a regular file ({file_kind(st.st_mode)})")
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
    """Parse ``data`` as the file ``path`` (used by :func:`load` and tests).

    Word files are zips: they go to their reader before any text decoding, which would refuse them as binary.
    """
    suffix = path.suffix.lower()
    if docx_loader.claims(data, suffix):
        doc = docx_loader.parse(data, path.name)
        if not doc.blocks:
            raise LoadError(f"{path.name}: no readable text in the file")
        doc.source = path
        return _sane_title(doc)
    text, encoding = decode(data, path.name)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise LoadError(f"{path.name}: the file is empty")
    if suffix in _MARKDOWN:
        _refuse_note_storm(text, path)
        doc = markdown_loader.parse(text)
    elif suffix in _HTML or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        doc = html_loader.parse(text)
    else:
        doc = text_loader.parse(text)
    if not doc.blocks:
        raise LoadError(f"{path.name}: no readable text in the file")
    doc.source = path
    doc.encoding = encoding
    return _sane_title(doc)


#: More Markdown footnotes than this are refused: markdown-it's footnote rule needs about
#: 16 s for 100,000 of them, before the window has shown anything.
MAX_MARKDOWN_NOTES = 20_000


def _refuse_note_storm(text: str, path: Path) -> None:
    """Refuse a Markdown file with more footnote labels than :data:`MAX_MARKDOWN_NOTES` (counted in one pass)."""
    labels = text.count("[^")
    if labels > 2 * MAX_MARKDOWN_NOTES:
        raise LoadError(f"{path.name}: {labels:,} footnote labels ([^…]); Qari reads Markdown with up to {MAX_MARKDOWN_NOTES:,} notes")


#: A title longer than this is not a title: it is read as the first paragraph.
MAX_TITLE = 500


def _sane_title(doc: Document) -> Document:
    """A title of a megabyte (an unclosed ``<title>``, a first line with no end) becomes the first paragraph.

    Nothing is lost: the text moves into the body, where it is searched and
    shown like any paragraph, and a short title is derived from it.
    """
    if len(doc.title) <= MAX_TITLE:
        return doc
    text = doc.title
    doc.blocks.insert(0, Block(BlockKind.PARAGRAPH, text, direction=base_direction(text)))
    for note in doc.footnotes:
        if note.ref_block is not None:
            note.ref_block += 1
    doc.title, doc.title_is_derived = derive_title(text), True
    return doc
