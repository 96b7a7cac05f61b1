"""Footnotes as Arabic articles write them in plain text.

The note bodies follow the article, each opening with its marker: ``*``,
``**``, ``(1)``, ``[1]``, ``¹`` or ``1-``.  The same marker in the body is the
reference.  A ``*`` note with no marker in the body is the author note that
belongs to the title; it is kept with ``ref_block=None``.
"""

from __future__ import annotations

import re

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


def _body_patterns(marker: str) -> list[re.Pattern[str]]:
    """How a note's marker may appear inside the body text."""
    key = _key(marker)
    if key.startswith("*"):
        # A run of exactly this many stars, not part of a longer run.
        return [re.compile(rf"(?<!\*){re.escape(key)}(?!\*)")]
    arabic = key.translate(str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"))
    sup = key.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    pats = [rf"\(\s*(?:{key}|{arabic})\s*\)", rf"\[\s*(?:{key}|{arabic})\s*\]", rf"(?<![{_SUPERSCRIPTS}]){sup}(?![{_SUPERSCRIPTS}])"]
    return [re.compile(p) for p in pats]


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
    joined = "\n".join(body)
    kept = [(m, t) for m, t in notes if not re.fullmatch(rf"[{_DIGITS}]+\s*[-–.)]", m) or any(p.search(joined) for p in _body_patterns(m))]
    if len(kept) != len(notes):
        return paragraphs, []
    return body, notes


def link_notes(blocks: list[Block], notes: list[tuple[str, str]]) -> list[Footnote]:
    """Find each note's marker in ``blocks`` (in order), record refs, return the notes."""
    footnotes: list[Footnote] = []
    cursor = (0, 0)  # search resumes after the previous note's marker
    for n, (marker, text) in enumerate(notes, start=1):
        note_id = f"n{n}"
        found: tuple[int, int, int] | None = None
        for bi in range(cursor[0], len(blocks)):
            from_pos = cursor[1] if bi == cursor[0] else 0
            hits = [m for p in _body_patterns(marker) if (m := p.search(blocks[bi].text, from_pos))]
            if hits:
                first = min(hits, key=lambda m: m.start())
                found = (bi, first.start(), first.end())
                break
        if found is not None:
            bi, start, end = found
            blocks[bi].refs.append(FootnoteRef(start, end, note_id))
            cursor = (bi, end)
        footnotes.append(Footnote(note_id, marker, text, found[0] if found else None))
    return footnotes
