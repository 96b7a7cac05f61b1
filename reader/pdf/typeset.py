"""Typst markup in, PDF or page images out: the compile step alone.

Kept apart from :mod:`reader.pdf.source` so the window's typesetting child
(:mod:`reader.pdf.compile_child`) imports Typst and nothing of the article
pipeline: it is handed finished markup and never reads a file or a setting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import typst

from reader.core.errors import QariError
from reader.core.resources import font_dir

Format = Literal["pdf", "png"]
FORMATS: tuple[Format, ...] = ("pdf", "png")


def compile_source(source: str, fmt: Format = "pdf", ppi: int = 144) -> list[bytes]:
    """Typeset ``source``: ``[pdf]`` for ``"pdf"``, one PNG per page for ``"png"``.

    Only the bundled font is used (system fonts are ignored), so a PDF looks
    the same on every machine.
    """
    if fmt not in FORMATS:
        raise QariError(f"unknown output format {fmt!r} (expected pdf or png)")
    # ``typst.compile`` untyped: its stubs tie the font paths' type to the input's and say a
    # multi-page PNG export returns bytes (it returns a list of them).  Looked up per call.
    typeset: Callable[..., object] = typst.compile
    try:
        result = typeset(source.encode("utf-8"), format=fmt, ppi=ppi, font_paths=[str(font_dir())], ignore_system_fonts=True)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # typst raises its own error type, not exported stably across versions
        raise QariError(f"the PDF could not be typeset: {first_line(exc)}") from exc
    except BaseException as exc:  # a Rust panic in Typst: pyo3's PanicException derives from BaseException
        raise QariError(panic_message(exc)) from exc
    files = result if isinstance(result, list) else [result]
    return [f for f in files if isinstance(f, bytes)]


def first_line(exc: BaseException) -> str:
    """The first line of ``exc``'s message, or its type's name when it has none."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def panic_message(exc: BaseException) -> str:
    """The one-line message for a crash inside the typesetter (a panic: Typst's fault, shown as the article's)."""
    return f"the typesetter failed on this article: {first_line(exc)}"


def page_count(pdf: bytes) -> int:
    """Number of pages in a PDF Typst wrote."""
    match = re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf, re.S)
    return int(match.group(1)) if match else len(re.findall(rb"/Type\s*/Page\b", pdf))


def page_name(number: int) -> str:
    """The file name of page ``number`` (1-based) in an images folder."""
    return f"page-{number:04d}.png"


def page_files(folder: Path) -> list[Path]:
    """The page images in ``folder``, in page order (by number: page-10000 comes after page-9999)."""
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.removeprefix("page-")) if p.stem[5:].isdigit() else -1)
