"""Footnotes as Arabic articles write them in plain text.

The note bodies follow the article, each opening with its marker: ``*``,
``**``, ``(1)``, ``[1]``, ``¹`` or ``1-``.  The same marker in the body is the
reference.  A ``*`` note with no marker in the body is the author note that
belongs to the title; it is kept with ``ref_block=None``.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from reader.core import arabic
from reader.core.document import Block, Footnote, FootnoteRef

_DIGITS = "0-9" + arabic.DIGIT_CLASS
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_NOTE_LINE = re.compile(
    rf"""^\s*(?P<marker>
        \*{{1,4}}
      | \(\s*[{_DIGITS}]{{1,3}}\s*\)
      | \[\s*[{_DIGITS}]{{1,3}}\s*\]
      | [{_SUPERSCRIPTS}]{{1,3}}
      | [{_DIGITS}]{{1,3}}\s*[-–.)]
    )\s*(?P<body>\S.*)$""",
    re.VERBOSE,
)
_SEPARATOR = re.compile(r"^\s*[-_=─—*]{3,}\s*$")
_TO_ASCII = str.maketrans(arabic.DIGITS + _SUPERSCRIPTS, "0123456789" + "1234567890")


def _key(marker: str) -> str:
    """A marker's identity: ``(١)``, ``[1]``, ``¹`` and ``1-`` are all note 1."""
    stripped = marker.strip()
    if stripped.startswith("*"):
        return stripped
    return re.sub(r"\D", "", stripped.translate(_TO_ASCII))


# Every way a marker can appear in the body, found in one pass: a run of stars, a number
# in parentheses or brackets, or a run of superscripts.  A note's marker matches a run
# of exactly its own stars, ``(1)``/``(١)``/``[1]``/``[١]`` and ``¹`` (a whole run).
_CANDIDATE = re.compile(rf"(?P<stars>\*+)|\(\s*(?P<paren>[{_DIGITS}]+)\s*\)|\[\s*(?P<bracket>[{_DIGITS}]+)\s*\]|(?P<sup>[{_SUPERSCRIPTS}]+)")
_BARE_NUMBER = re.compile(rf"[{_DIGITS}]+\s*[-–.)]")


def _candidate_key(match: re.Match[str]) -> str | None:
    """The note key a body candidate refers to; None for a mix of Latin and Arabic digits."""
    if stars := match.group("stars"):
        return stars
    if sup := match.group("sup"):
        return sup.translate(_TO_ASCII)
    digits: str = match.group("paren") or match.group("bracket")
    if digits.isascii():
        return digits
    return None if any(c.isascii() for c in digits) else digits.translate(_TO_ASCII)


def _occurrences(texts: list[str]) -> dict[str, list[tuple[int, int, int]]]:
    """Per note key, its ``(text index, start, end)`` in order: one pass over all texts,
    so linking n notes is not n passes (5,000 unmatched notes took 132 s)."""
    index: dict[str, list[tuple[int, int, int]]] = {}
    for ti, text in enumerate(texts):
        for match in _CANDIDATE.finditer(text):
            key = _candidate_key(match)
            if key is not None:
                index.setdefault(key, []).append((ti, match.start(), match.end()))
    return index


def is_note_line(line: str) -> bool:
    """True if ``line`` opens with a footnote marker (it is kept as its own paragraph)."""
    return bool(_NOTE_LINE.match(line))


def split_notes(paragraphs: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Split trailing note lines off ``paragraphs``: ``(body, [(marker, text), …])``."""
    notes: list[tuple[str, str]] = []
    end = len(paragraphs)
    while end > 1:
        line = paragraphs[end - 1]
        if _SEPARATOR.match(line):
            end -= 1
            continue
        match = _NOTE_LINE.match(line)
        if not match:
            break
        notes.append((match.group("marker").strip(), match.group("body").strip()))
        end -= 1
    notes.reverse()
    body = paragraphs[:end]
    # Bare "1-" style markers are only notes if the body refers to them.
    bare = [m for m, _ in notes if _BARE_NUMBER.fullmatch(m)]
    if bare:
        referred = _occurrences(["\n".join(body)])
        if any(_key(m) not in referred for m in bare):
            return paragraphs, []
    return body, notes


def link_notes(blocks: list[Block], notes: list[tuple[str, str]]) -> list[Footnote]:
    """Find each note's marker in ``blocks`` (in order), record refs, return the notes."""
    footnotes: list[Footnote] = []
    index = _occurrences([b.text for b in blocks])
    cursor = (0, 0)  # search resumes after the previous note's marker
    for n, (marker, text) in enumerate(notes, start=1):
        note_id = f"n{n}"
        hits = index.get(_key(marker), [])
        at = bisect_left(hits, cursor)  # the first hit at or after the cursor
        ref_block = None
        if at < len(hits):
            ref_block, start, end = hits[at]
            blocks[ref_block].refs.append(FootnoteRef(start, end, note_id))
            cursor = (ref_block, end)
        footnotes.append(Footnote(note_id, marker, text, ref_block))
    return footnotes
