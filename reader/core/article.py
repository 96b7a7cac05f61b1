"""The article: one file read once, and everything Qari computes about it.

Every caller — the window, the command line, the self-test, the PDF export —
opens a file with :func:`open_article` and hands the :class:`Article` on; nothing
downstream re-reads the file or re-analyses the text.  What an article computes
(its entities, its folded search indexes) lives on the article, so it is freed
with it, never in a process-wide cache keyed by ``id()``.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core import loaders
from reader.core.document import BlockKind, Document, Footnote
from reader.core.entities.types import Entity
from reader.core.normalize import Folding
from reader.core.search import FoldedIndex, SearchOptions

if TYPE_CHECKING:
    from reader.core.entities.model import Tagger
    from reader.core.entities.pipeline import Progress


@dataclass(frozen=True)
class Provenance:
    """Where an article came from, so it can be recognised again after a rename or a move.

    Attributes:
        path: the file it was read from (None for text handed in directly).
        encoding: the encoding its bytes were decoded with, as detected.
        sha256: hex digest of the file's bytes: the article's identity.
        size: the file's size in bytes.
        fmt: ``"text"``, ``"markdown"``, ``"html"`` or ``"docx"``.
    """

    path: Path | None
    encoding: str
    sha256: str
    size: int
    fmt: str


@dataclass(frozen=True)
class ArticleOptions:
    """How :func:`open_article` builds an article.

    Attributes:
        analyse: find the entities at once (False: leave them for :meth:`Article.analyse`,
            e.g. on a worker thread after the first paint).
        tagger: the entity tagger; None means the shipped model.
    """

    analyse: bool = True
    tagger: Tagger | None = None


@dataclass(eq=False)
class Article:
    """A document with its entities, footnotes, search indexes and provenance.

    Attributes:
        document: the blocks, footnotes and title the loaders produced.
        provenance: path, encoding, content hash, size and format.
        entities: the grouped entities, or None until :meth:`analyse` has run.
    """

    document: Document
    provenance: Provenance
    entities: list[Entity] | None = None
    _indexes: dict[Folding, FoldedIndex] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def text(self) -> str:
        """The body text every offset (entities, search, positions) refers to."""
        return self.document.text

    @property
    def title(self) -> str:
        """The article's title."""
        return self.document.title

    @property
    def footnotes(self) -> list[Footnote]:
        """The note bodies, in the order they were written."""
        return self.document.footnotes

    @property
    def path(self) -> Path | None:
        """The file the article was read from."""
        return self.provenance.path

    @property
    def analysed(self) -> bool:
        """True once the entities are known."""
        return self.entities is not None

    def analyse(self, tagger: Tagger | None = None, progress: Progress | None = None) -> list[Entity]:
        """Find and group the entities (once; later calls return the same list).

        Safe to call from a worker thread: the result is stored only once, whole.
        ``progress(done, total)`` is told as the model runs; if it raises (the
        reader opened another file), nothing is stored and the exception propagates.
        """
        if self.entities is not None:
            return self.entities
        from reader.core.entities import analyse

        found = analyse(entity_text(self.document), tagger, progress)
        with self._lock:
            if self.entities is None:
                self.entities = found
            return self.entities

    def adopt_entities(self, entities: list[Entity]) -> list[Entity]:
        """Take entities found elsewhere (the window's analysis child) for :meth:`analyse`'s text; kept once, whole."""
        with self._lock:
            if self.entities is None:
                self.entities = entities
            return self.entities

    def entities_or_empty(self) -> list[Entity]:
        """The entities if analysed, else an empty list (for views drawn before analysis ends)."""
        return self.entities or []

    def index(self, folding: Folding) -> FoldedIndex:
        """The text folded under ``folding``, built on first use and kept for the article's life."""
        with self._lock:
            found = self._indexes.get(folding)
            if found is None:
                found = self._indexes[folding] = FoldedIndex.build(self.text, folding)
            return found

    def find(self, pattern: str, options: SearchOptions | None = None) -> list[tuple[int, int]]:
        """Arabic-aware matches of ``pattern`` as ``[start, end)`` spans of :attr:`text` (default toggles: all off)."""
        options = options or SearchOptions()
        return self.index(options.folding()).find(pattern, options.whole_word)


def entity_text(document: Document) -> str:
    """:attr:`Document.text` with code blanked out (same length, so offsets hold): code is never an entity.

    Code words (``offset``, ``self``) were tagged as people; a space per letter
    also ends any sentence the model would otherwise run across the code.
    """
    text = document.text
    spans: list[tuple[int, int]] = []
    for start, block in zip(document.block_offsets(), document.blocks, strict=True):
        if block.kind is BlockKind.CODE:
            spans.append((start, start + len(block.text)))
        else:
            spans += [(start + s.start, start + s.end) for s in block.styles if s.kind == "code"]
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a:b] = [" "] * (b - a)
    return "".join(chars)


def article_from_document(document: Document, data: bytes | None = None, options: ArticleOptions = ArticleOptions()) -> Article:
    """An article for an already parsed ``document`` (``data``: the bytes it came from, for the hash)."""
    raw = data if data is not None else document.text.encode("utf-8")
    provenance = Provenance(document.source, document.encoding, hashlib.sha256(raw).hexdigest(), len(raw), document.fmt)
    article = Article(document, provenance)
    if options.analyse:
        article.analyse(options.tagger)
    return article


def open_article(path: str | Path, options: ArticleOptions = ArticleOptions()) -> Article:
    """Read ``path`` once and build its article; raise :class:`~reader.core.errors.LoadError` with a one-line reason."""
    path = Path(path)
    data = loaders.read_file(path)
    document = loaders.load_bytes(data, path)
    return article_from_document(document, data, options)
