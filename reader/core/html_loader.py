"""Read the structure and text of an HTML article, and nothing else.

A saved web page is mostly not the article: the loader keeps ``<main>`` or the largest
``<article>`` when there is one and drops navigation, banners and site footers; scripts,
styles and embedded media are skipped; images, stylesheets and scripts are never fetched;
links keep only their text.  Notes linked from the text (Pandoc's, Wikipedia's, or any
``<sup><a href="#x">``) become footnotes; notes written as plain-text lines after the article
are recognised as in plain text.  What each element means is in :mod:`html_rules`.
"""

from __future__ import annotations

import re

from reader.core import html_rules as rules
from reader.core.document import LINE_BREAK, Block, BlockKind, Direction, Document, Footnote, FootnoteRef, base_direction, derive_title
from reader.core.footnotes import link_notes, split_notes
from reader.core.html_collector import Collector, RawBlock

#: A decimal character reference: ``html.unescape`` converts its digits with ``int``,
#: which refuses more than 4,300 digits (a ValueError, not a character).
_DECIMAL_REF = re.compile(r"&#([0-9]+)(;?)")
#: The number a note's text may open with, repeating its marker: ``3.``, ``(3)``, ``[3] -``.
_NOTE_NUMBER = re.compile(r"[\[(]?([^\s\[\]()]{1,12}?)[\])]?\s*[-–.):]?\s+")


def _tame_decimal_ref(match: re.Match[str]) -> str:
    """``&#`` + digits as ``html.unescape`` reads it, without the digit limit: leading zeros
    dropped, and a number past U+10FFFF is U+FFFD as the HTML standard says."""
    digits = match.group(1).lstrip("0") or "0"
    return "\ufffd" if len(digits) > 7 else f"&#{digits}{match.group(2)}"


def _body(raw: list[RawBlock]) -> tuple[list[int], bool]:
    """Indexes of the body's blocks: ``<main>``, else the ``<article>`` with the most text, else
    all; and whether that was a part of the page."""
    candidates = [i for i, b in enumerate(raw) if not b.in_notes]
    if any(raw[i].in_main for i in candidates):
        return [i for i in candidates if raw[i].in_main], True
    sizes: dict[int, int] = {}
    for i in candidates:
        if raw[i].article >= 0:
            sizes[raw[i].article] = sizes.get(raw[i].article, 0) + len(raw[i].text)
    if sizes:
        best = max(sizes, key=lambda k: sizes[k])
        return [i for i in candidates if raw[i].article == best], True
    return candidates, False


def _note_text(raw: list[RawBlock], first: int, end: int, marker: str) -> str:
    """A note's text from its blocks, without the number it repeats at its start."""
    text = " ".join(b.text for b in raw[first:end] if b.text)
    lead = _NOTE_NUMBER.match(text)
    if lead and lead.group(1) == marker.strip("[]()"):
        text = text[lead.end() :]
    return text.strip()


class _Notes:
    """The notes the body's markers point at, numbered in the order they are first referred to."""

    def __init__(self, raw: list[RawBlock], ids: dict[str, list[int]]) -> None:
        self.raw, self.ids = raw, ids
        self.by_target: dict[str, tuple[str, str, int, int]] = {}  # target → (note id, marker, first, end)
        self.claimed: set[int] = set()

    def resolve(self, block: int, target: str, marker: str) -> str | None:
        """The note id for a marker in ``block`` pointing at ``#target``, or None if it is no note."""
        if target in self.by_target:
            return self.by_target[target][0]
        span = self.ids.get(target)
        if span is None or span[0] <= block or span[0] >= len(self.raw):
            return None  # notes follow their markers; a link back up the page is a link
        first = span[0]
        end = min(span[1] if span[1] > first else first + 1, len(self.raw))
        if end - first > rules.MAX_NOTE_BLOCKS or any(self.raw[i].kind is BlockKind.HEADING for i in range(first, end)):
            return None  # an id on a section or a whole page is a link target, not a note
        note_id = f"n{len(self.by_target) + 1}"
        self.by_target[target] = (note_id, marker, first, end)
        self.claimed.update(range(first, end))
        return note_id


def _title(html_title: str, blocks: list[RawBlock], before: RawBlock | None, meta: dict[str, str]) -> tuple[str, int | None]:
    """The title, and the index of the body heading that became it (kept out of the body)."""
    h1s = [i for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING and b.level == 1]
    heading = h1s[0] if h1s and (h1s[0] == 0 or len(h1s) == 1) else None
    h1 = blocks[heading].text if heading is not None else (before.text if before else "")
    parts = [p.strip() for p in rules.TITLE_SEPARATOR.split(html_title) if p.strip()]
    site = meta.get("site", "")
    if h1 and (h1 == site or (len(parts) > 1 and h1 == parts[-1] and len(h1) < max(len(p) for p in parts))):
        # The h1 is the site's name ("Article | Site"): the title's other part is the article's.
        meta.setdefault("site", h1)
        return " ".join(p for p in parts if p != h1) or html_title or h1, heading
    if h1:
        if html_title and html_title != h1:
            meta.setdefault("page_title", html_title)
        return h1, heading
    if site and len(parts) > 1 and site in (parts[0], parts[-1]):
        return " ".join(p for p in parts if p != site), None
    return html_title, None


def _footnotes(raw: list[RawBlock], notes: _Notes, arabic_digits: bool) -> list[Footnote]:
    """Notes in the order they were written; notes no marker points at keep ``ref_block=None``."""
    footnotes: list[tuple[int, Footnote]] = []
    for note_id, marker, first, end in notes.by_target.values():
        footnotes.append((first, Footnote(note_id, marker, _note_text(raw, first, end, marker))))
    unclaimed = [i for i, b in enumerate(raw) if b.in_notes and b.text and i not in notes.claimed]
    for n, i in enumerate(unclaimed, start=1):
        item = raw[i].item
        marker = rules.format_marker(item[0], item[1], arabic_digits).rstrip(".") if item and item[0] is not None else str(n)
        footnotes.append((i, Footnote(f"u{n}", marker, raw[i].text)))
    footnotes.sort(key=lambda pair: pair[0])
    return [f for _, f in footnotes]


def parse(text: str) -> Document:
    """Parse an HTML article into a :class:`Document`."""
    text = _DECIMAL_REF.sub(_tame_decimal_ref, text)
    collector = Collector()
    collector.feed(text)
    collector.close()
    if not any(b.text for b in collector.blocks):  # a page that is all header or footer is still a page
        collector = Collector(keep_chrome=True)
        collector.feed(text)
        collector.close()
    raw = collector.blocks
    meta = dict(collector.meta)
    body, part = _body(raw)
    notes = _Notes(raw, collector.ids)
    refs: dict[int, list[tuple[int, int, str]]] = {}
    for i in body:
        for start, end, target, marker in raw[i].refs:
            note_id = notes.resolve(i, target, marker)
            if note_id:
                refs.setdefault(i, []).append((start, end, note_id))
    kept = [i for i in body if i not in notes.claimed]
    if notes.by_target:  # a rule or heading left with nothing under it introduced the notes
        while kept and raw[kept[-1]].kind in (BlockKind.RULE, BlockKind.HEADING):
            kept.pop()
    # An article whose h1 stands just outside its <article>: the h1 is still its title.
    before = next((b for b in reversed(raw[: kept[0]]) if b.kind is BlockKind.HEADING and b.level == 1), None) if kept and part else None
    title, heading = _title(" ".join(collector.title.split()), [raw[i] for i in kept], before, meta)
    title = " ".join(title.split())  # a heading's <br> is no line break in a title
    if heading is not None:
        del kept[heading]
    arabic_digits = rules.mostly_arabic_digits("\n".join(raw[i].text for i in kept))
    blocks: list[Block] = []
    ref_block: dict[str, int] = {}
    for i in kept:
        b = raw[i]
        marker = rules.format_marker(b.item[0], b.item[1], arabic_digits) if b.item else ""
        direction = Direction.LTR if b.kind is BlockKind.CODE else base_direction(b.text)
        block_refs = [FootnoteRef(s, e, n) for s, e, n in refs.get(i, [])]
        for ref in block_refs:
            ref_block.setdefault(ref.note_id, len(blocks))
        blocks.append(Block(b.kind, b.text, b.level, direction, b.styles, block_refs, marker))
    footnotes = _footnotes(raw, notes, arabic_digits)
    for note in footnotes:
        note.ref_block = ref_block.get(note.note_id)
    if not footnotes:
        texts, plain = split_notes([b.text for b in blocks])
        del blocks[len(texts) :]
        footnotes = link_notes(blocks, plain)
    body_text = "\n".join(b.text for b in blocks).replace(LINE_BREAK, "\n")  # a title is one line
    return Document(title or derive_title(body_text), blocks, footnotes, fmt="html", title_is_derived=not title, meta=meta)
