"""Printing the exported PDF through CUPS (``lp``) on Linux and macOS.

The printer gets the vector PDF — sharp text at the printer's own resolution —
instead of page images painted through Qt.  Windows has no ``lp``: the window
paints page images there, as it does wherever ``lp`` is missing.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

#: CUPS media names for the papers Qari typesets.
MEDIA = {"a4": "A4", "us-letter": "Letter"}


@dataclass(frozen=True)
class PrintRequest:
    """What the print dialog asked for, as plain data.

    Attributes:
        printer: the CUPS queue name ("" → the system's default printer).
        copies: how many copies (at least 1).
        paper: Qari's paper name (``"a4"`` or ``"us-letter"``), the size the PDF was typeset on.
        first_page, last_page: a page range, 1-based and inclusive (0 → the whole document).
        title: the job's name in the printer queue.
    """

    printer: str = ""
    copies: int = 1
    paper: str = "a4"
    first_page: int = 0
    last_page: int = 0
    title: str = ""


def lp_program() -> str | None:
    """The ``lp`` to print with, or None where there is none (always None on Windows)."""
    if sys.platform == "win32":
        return None
    return shutil.which("lp")


def lp_command(request: PrintRequest, pdf: Path, program: str = "lp") -> list[str]:
    """The ``lp`` argv that prints ``pdf`` as ``request`` asks."""
    argv = [program]
    if request.printer:
        argv += ["-d", request.printer]
    if request.copies > 1:
        argv += ["-n", str(request.copies)]
    media = MEDIA.get(request.paper)
    if media:
        argv += ["-o", f"media={media}"]
    if request.first_page > 0:
        last = max(request.first_page, request.last_page)
        argv += ["-P", f"{request.first_page}-{last}"]
    if request.title:
        argv += ["-t", request.title]
    return [*argv, "--", str(pdf)]
