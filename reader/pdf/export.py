"""An article to a PDF file (or page images), atomically, with the bundled font only.

Everything is handed in — the article as it was read, the print options, the
entity types to leave plain — so an export never re-reads the file or the
settings behind its caller's back.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.article import Article
from reader.core.atomic import write_file
from reader.core.entities.types import EntityType
from reader.core.settings import PrintOptions
from reader.pdf.source import pdf_notices, typst_source
from reader.pdf.typeset import compile_source, page_count, page_name

__all__ = ["export_pages", "export_pdf", "page_count", "pdf_notices", "render_pages", "render_pdf", "write_file"]


def render_pdf(article: Article, options: PrintOptions, hidden: frozenset[EntityType] = frozenset()) -> bytes:
    """The PDF for ``article`` as bytes."""
    return compile_source(typst_source(article, options, hidden), "pdf")[0]


def render_pages(article: Article, options: PrintOptions, hidden: frozenset[EntityType] = frozenset(), ppi: int = 200) -> list[bytes]:
    """The same pages as PNG images, for printing and preview (paper matches the PDF)."""
    return compile_source(typst_source(article, options, hidden), "png", ppi)


def export_pdf(article: Article, out: Path, options: PrintOptions, hidden: frozenset[EntityType] = frozenset()) -> int:
    """Write ``article`` to ``out`` as PDF; return the page count.

    Where the PDF must leave something of the article out or typeset it
    differently, :func:`pdf_notices` says what, for the caller to show.

    The file appears complete or not at all: it is written beside the target
    and renamed into place, so a full disk or a cancelled export leaves nothing
    under the target name.
    """
    pdf = render_pdf(article, options, hidden)
    write_file(out, pdf)
    return page_count(pdf)


def export_pages(article: Article, folder: Path, options: PrintOptions, hidden: frozenset[EntityType] = frozenset(), ppi: int = 200) -> int:
    """Write the pages as ``page-0001.png``… into ``folder``; return the count."""
    pages = render_pages(article, options, hidden, ppi)
    for i, png in enumerate(pages, start=1):
        write_file(folder / page_name(i), png)
    return len(pages)
