"""Compile Typst markup to a PDF file, atomically, with the bundled font only."""

from __future__ import annotations

import re
from pathlib import Path

import typst

from reader.core.document import Document
from reader.core.entities import Entity, EntityType
from reader.core.errors import QariError
from reader.core.resources import font_dir
from reader.core.settings import PrintOptions, atomic_write
from reader.pdf.source import typst_source


def render_pdf(doc: Document, entities: list[Entity], options: PrintOptions, hidden: frozenset[EntityType] = frozenset()) -> bytes:
    """The PDF for ``doc`` as bytes."""
    return _compile(typst_source(doc, entities, options, hidden), "pdf")


def render_pages(doc: Document, entities: list[Entity], options: PrintOptions, hidden: frozenset[EntityType] = frozenset(), ppi: int = 200) -> list[bytes]:
    """The same pages as PNG images, for printing and preview (paper matches the PDF)."""
    return _compile(typst_source(doc, entities, options, hidden), "png", ppi)


def _compile(source: str, fmt: str, ppi: int = 144) -> bytes | list[bytes]:
    try:
        result = typst.compile(source.encode("utf-8"), format=fmt, ppi=ppi, font_paths=[str(font_dir())], ignore_system_fonts=True)
        return result if fmt == "pdf" or isinstance(result, list) else [result]
    except Exception as exc:  # typst raises its own error type, not exported stably across versions
        raise QariError(f"the PDF could not be typeset: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc


def page_count(pdf: bytes) -> int:
    """Number of pages in a PDF Typst wrote."""
    match = re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf, re.S)
    return int(match.group(1)) if match else len(re.findall(rb"/Type\s*/Page\b", pdf))


def export_pdf(doc: Document, entities: list[Entity], out: Path, options: PrintOptions, hidden: frozenset[EntityType] = frozenset()) -> int:
    """Write ``doc`` to ``out`` as PDF; return the page count.

    The file appears complete or not at all: it is written beside the target
    and renamed into place, so a full disk or a cancelled export leaves nothing
    under the target name.
    """
    pdf = render_pdf(doc, entities, options, hidden)
    _write(out, pdf)
    return page_count(pdf)


def export_pages(
    doc: Document, entities: list[Entity], folder: Path, options: PrintOptions, hidden: frozenset[EntityType] = frozenset(), ppi: int = 200
) -> int:
    """Write the pages as ``page-0001.png``… into ``folder`` (for printing); return the count."""
    pages = render_pages(doc, entities, options, hidden, ppi)
    for i, png in enumerate(pages, start=1):
        _write(folder / f"page-{i:04d}.png", png)
    return len(pages)


def _write(out: Path, data: bytes) -> None:
    if out.is_dir():
        raise QariError(f"{out}: is a folder")
    try:
        atomic_write(out, data, make_parents=False)
    except OSError as exc:
        raise QariError(f"{out}: cannot be written ({exc.strerror or exc})") from exc
