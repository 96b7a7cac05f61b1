"""A small Markdown reader for articles: headings, paragraphs, quotes, lists,
emphasis and ``[^1]`` footnotes.  Images are dropped and links keep their text:
nothing is fetched."""

from __future__ import annotations

import re

from reader.core.document import Block, BlockKind, Document, Footnote, FootnoteRef, InlineStyle, base_direction, derive_title

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_NOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
_WORD = re.compile(r"\w")
_SPACE = re.compile(r"\s")
# Where an inline construct can open: ``![``, ``[``, ``*``, ``_`` or a backtick.
_OPENER = re.compile(r"[!\[*_`]")


class _Finder:
    """``src.find(needle, pos)`` for positions that only move forward: each needle's
    last answer is reused while it is still ahead, so a scan is linear, not quadratic
    (50,000 unclosed ``[`` each searched to the end of the line took 17 s)."""

    def __init__(self, src: str) -> None:
        self.src = src
        self._memo: dict[str, tuple[int, int]] = {}

    def __call__(self, needle: str, pos: int) -> int:
        memo = self._memo.get(needle)
        if memo is not None and memo[0] <= pos and (memo[1] == -1 or memo[1] >= pos):
            return memo[1]
        found = self.src.find(needle, pos)
        self._memo[needle] = (pos, found)
        return found


def _closed(find: _Finder, inner_from: int) -> int:
    """End of ``…]( … )`` whose ``]`` is the first at or after ``inner_from``, or -1."""
    j = find("]", inner_from)
    if j == -1 or find.src[j + 1 : j + 2] != "(":
        return -1
    k = find(")", j + 2)
    return -1 if k == -1 else k + 1


def _match_at(find: _Finder, i: int) -> tuple[int, str, str] | None:
    r"""The inline construct opening at ``i``: ``(end, kind, inner)``; kind is ``img``,
    ``link``, ``ref``, ``strong``, ``em`` or ``code``.

    Tries, in order, what the former single regular expression tried::

        !\[[^\]]*\]\([^)]*\)  |  \[([^\]^][^\]]*)\]\([^)]*\)  |  \[\^([^\]]+)\]
        \*\*(.+?)\*\*  |  __(.+?)__  |  (?<!\*)\*([^*\s][^*]*?)\*(?!\*)
        (?<!\w)_([^_\s][^_]*?)_(?!\w)  |  `([^`]+)`

    Every one of them ends at the first closer after the opener, so each is a
    forward search, and matches are exactly the regular expression's.
    """
    src = find.src
    ch = src[i]
    nxt = src[i + 1 : i + 2]
    if ch == "!":
        if nxt == "[" and (end := _closed(find, i + 2)) != -1:
            return end, "img", ""
        return None
    if ch == "[":
        if nxt and nxt not in "]^":
            if (end := _closed(find, i + 1)) != -1:
                return end, "link", src[i + 1 : find("]", i + 1)]
            return None
        if nxt == "^":
            j = find("]", i + 2)
            if j > i + 2:
                return j + 1, "ref", src[i + 2 : j]
        return None
    if ch == "`":
        k = find("`", i + 1)
        return (k + 1, "code", src[i + 1 : k]) if k > i + 1 else None
    # ``*`` or ``_``: strong first, then emphasis.
    if nxt == ch:
        k = find(ch * 2, i + 3)
        newline = find("\n", i + 2)
        if k != -1 and (newline == -1 or newline >= k):
            return k + 2, "strong", src[i + 2 : k]
    if not nxt or nxt == ch or _SPACE.match(nxt):
        return None
    before = src[i - 1 : i] if i else ""
    if ch == "*" and before == "*" or ch == "_" and before and _WORD.match(before):
        return None
    k = find(ch, i + 2)
    if k == -1:
        return None
    after = src[k + 1 : k + 2]
    if ch == "*" and after == "*" or ch == "_" and after and _WORD.match(after):
        return None
    return k + 1, "em", src[i + 1 : k]


def parse_inline(src: str, note_ids: dict[str, str]) -> tuple[str, list[InlineStyle], list[FootnoteRef]]:
    """Strip inline Markdown from ``src``; return plain text, emphasis spans and note refs."""
    out: list[str] = []
    styles: list[InlineStyle] = []
    refs: list[FootnoteRef] = []
    pos = 0
    length = 0
    find = _Finder(src)
    scan = 0
    while opener := _OPENER.search(src, scan):
        found = _match_at(find, opener.start())
        if found is None:
            scan = opener.start() + 1
            continue
        end, kind, inner = found
        chunk = src[pos : opener.start()]
        out.append(chunk)
        length += len(chunk)
        pos = scan = end
        if kind == "img":
            continue
        if kind == "ref":
            label = inner
            note_id = note_ids.setdefault(label, f"n{len(note_ids) + 1}")
            marker = label
            refs.append(FootnoteRef(length, length + len(marker), note_id))
            out.append(marker)
            length += len(marker)
            continue
        text, inner_styles, inner_refs = parse_inline(inner, note_ids)
        styles += [InlineStyle(s.start + length, s.end + length, s.kind) for s in inner_styles]
        refs += [FootnoteRef(r.start + length, r.end + length, r.note_id) for r in inner_refs]
        if kind in ("strong", "em"):
            styles.append(InlineStyle(length, length + len(text), kind))
        out.append(text)
        length += len(text)
    out.append(src[pos:])
    return "".join(out), styles, refs


def parse(text: str) -> Document:
    """Parse a Markdown article into a :class:`Document`."""
    raw_blocks: list[tuple[BlockKind, int, str]] = []
    definitions: list[tuple[str, str]] = []
    para: list[str] = []
    quote: list[str] = []

    def flush() -> None:
        if para:
            raw_blocks.append((BlockKind.PARAGRAPH, 0, " ".join(para)))
            para.clear()
        if quote:
            raw_blocks.append((BlockKind.QUOTE, 0, " ".join(quote)))
            quote.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if definitions and line.startswith(("    ", "\t")) and not para:
            label, body = definitions[-1]
            definitions[-1] = (label, f"{body} {stripped}")
            continue
        if m := _NOTE_DEF.match(stripped):
            flush()
            definitions.append((m.group(1), m.group(2).strip()))
        elif m := _HEADING.match(stripped):
            flush()
            raw_blocks.append((BlockKind.HEADING, len(m.group(1)), m.group(2)))
        elif stripped.startswith(">"):
            if para:
                flush()
            quote.append(stripped.lstrip(">").strip())
        elif m := _LIST.match(line):
            flush()
            raw_blocks.append((BlockKind.LIST_ITEM, 0, m.group(1).strip()))
        elif re.fullmatch(r"[-*_]{3,}", stripped):
            flush()
        else:
            if quote:
                flush()
            para.append(stripped)
    flush()

    title = ""
    if raw_blocks and raw_blocks[0][0] is BlockKind.HEADING and raw_blocks[0][1] == 1:
        title = parse_inline(raw_blocks.pop(0)[2], {})[0]
    note_ids: dict[str, str] = {}
    blocks = []
    for kind, level, src in raw_blocks:
        plain, styles, refs = parse_inline(src, note_ids)
        blocks.append(Block(kind, plain, level, base_direction(plain), styles, refs))
    for label, _ in definitions:
        note_ids.setdefault(label, f"n{len(note_ids) + 1}")
    ref_block = {r.note_id: i for i, b in enumerate(blocks) for r in b.refs}
    footnotes = []
    for label, body in definitions:
        note_id = note_ids[label]
        footnotes.append(Footnote(note_id, label, parse_inline(body, {})[0], ref_block.get(note_id)))
    body_text = "\n".join(b.text for b in blocks)
    return Document(title or derive_title(body_text), blocks, footnotes, fmt="markdown", title_is_derived=not title)
