"""Article text as Typst markup that Typst can typeset without panicking.

Typst keeps a glyph's place in its line's text as a 16-bit byte offset, so a
single run of text over 64 KiB on one line (a 100,000-letter "word", or one
letter carrying 100,000 shaddas) makes it panic instead of typesetting.  Two
rewrites keep every line's text far below that:

* a word longer than :data:`LONG_WORD` characters is cut into boxes of
  :data:`BOX_CHARS` characters, which Typst may wrap between.  Boxes, not a
  zero-width space: U+200B between the pieces comes out of the PDF in copied
  text (measured with pdftotext), a box adds nothing to it; and adjacent
  string literals (``#"…"#"…"``) are shaped as one run and still panic.
* more than :data:`MAX_MARKS` combining marks in a row are cut to that many.
  The PDF then differs from the file, so :func:`dropped_marks` counts what
  was left out and the export says so.

Ordinary text (every real word is far shorter) comes out as one string literal,
exactly as before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from reader.core.document import LINE_BREAK

#: Combining marks kept in a row after one letter; the rest are left out of the PDF.
MAX_MARKS = 16
#: Words longer than this are cut into boxes (no real word or URL is this long).
LONG_WORD = 200
#: Characters per box: a fraction of a line at any font size, so the word wraps at the page edge.
BOX_CHARS = 32
_LONG = re.compile(rf"\S{{{LONG_WORD + 1},}}")
_LRM, _RLM = "\u200e", "\u200f"


def lit(text: str) -> str:
    """A Typst string literal for ``text``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return f'"{escaped}"'


@cache
def _mark_storm() -> re.Pattern[str]:
    """Runs of more than MAX_MARKS combining marks (Unicode category M*); built once, on first use (0.1 s)."""
    marks = [c for c in range(0x110000) if unicodedata.category(chr(c))[0] == "M"]
    ranges: list[tuple[int, int]] = []
    for c in marks:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    cls = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{cls}]{{{MAX_MARKS + 1},}}")


def cap_marks(text: str) -> str:
    """``text`` with every run of combining marks cut to :data:`MAX_MARKS`."""
    return _mark_storm().sub(lambda m: m.group()[:MAX_MARKS], text)


def dropped_marks(text: str) -> int:
    """How many combining marks :func:`cap_marks` leaves out of ``text``."""
    return sum(len(m.group()) - MAX_MARKS for m in _mark_storm().finditer(text))


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _chunks(word: str) -> list[str]:
    """``word`` in pieces of about BOX_CHARS characters, never parting a mark from its letter."""
    pieces, start = [], 0
    while start < len(word):
        end = min(start + BOX_CHARS, len(word))
        while end < len(word) and _is_mark(word[end]):
            end += 1
        pieces.append(word[start:end])
        start = end
    return pieces


def _direction_mark(word: str) -> str:
    """LRM for a word that starts left-to-right, else RLM: keeps the boxes in reading order in either paragraph."""
    for char in word:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return _LRM
        if kind in ("R", "AL"):
            return _RLM
    return _RLM


def markup(text: str) -> str:
    """``text`` as Typst markup: ``#"…"``, with storms of marks cut and overlong words boxed.

    A hard line break (:data:`~reader.core.document.LINE_BREAK`) becomes ``#linebreak()``:
    an explicit break, not a character that would come out of the PDF in copied text.
    """
    if LINE_BREAK in text:
        return "#linebreak()".join(_line(piece) for piece in text.split(LINE_BREAK))
    return _line(text)


def _line(text: str) -> str:
    """One line of :func:`markup`."""
    text = cap_marks(text)
    parts: list[str] = []
    at = 0
    for match in _LONG.finditer(text):
        if match.start() > at:
            parts.append(f"#{lit(text[at : match.start()])}")
        word = match.group()
        # A strong direction mark between boxes: boxes are neutral to the bidi algorithm, so a
        # Latin word in an Arabic paragraph would otherwise come out with its pieces reversed.
        parts.append(f"#{lit(_direction_mark(word))}".join(f"#box({lit(piece)})" for piece in _chunks(word)))
        at = match.end()
    if at < len(text) or not parts:
        parts.append(f"#{lit(text[at:])}")
    return "".join(parts)
