"""A small Markdown reader for articles: headings, paragraphs, quotes, lists,
emphasis and ``[^1]`` footnotes.  Images are dropped and links keep their text:
nothing is fetched."""

from __future__ import annotations

import re

from reader.core.document import Block, BlockKind, Document, Footnote, FootnoteRef, InlineStyle, base_direction, derive_title

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_NOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
_INLINE = re.compile(
    r"(?P<img>!\[[^\]]*\]\([^)]*\))"
    r"|(?P<link>\[(?P<ltext>[^\]^][^\]]*)\]\([^)]*\))"
    r"|(?P<ref>\[\^(?P<rid>[^\]]+)\])"
    r"|(?P<strong>\*\*(?P<stext>.+?)\*\*|__(?P<stext2>.+?)__)"
    r"|(?P<em>(?<!\*)\*(?P<etext>[^*\s][^*]*?)\*(?!\*)|(?<!\w)_(?P<etext2>[^_\s][^_]*?)_(?!\w))"
    r"|(?P<code>`(?P<ctext>[^`]+)`)"
)


def parse_inline(src: str, note_ids: dict[str, str]) -> tuple[str, list[InlineStyle], list[FootnoteRef]]:
    """Strip inline Markdown from ``src``; return plain text, emphasis spans and note refs."""
    out: list[str] = []
    styles: list[InlineStyle] = []
    refs: list[FootnoteRef] = []
    pos = 0
    length = 0
    for m in _INLINE.finditer(src):
        chunk = src[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group("img"):
            continue
        if m.group("ref"):
            label = m.group("rid")
            note_id = note_ids.setdefault(label, f"n{len(note_ids) + 1}")
            marker = label
            refs.append(FootnoteRef(length, length + len(marker), note_id))
            out.append(marker)
            length += len(marker)
            continue
        if m.group("strong"):
            inner, kind = m.group("stext") or m.group("stext2"), "strong"
        elif m.group("em"):
            inner, kind = m.group("etext") or m.group("etext2"), "em"
        elif m.group("link"):
            inner, kind = m.group("ltext"), ""
        else:
            inner, kind = m.group("ctext"), ""
        text, inner_styles, inner_refs = parse_inline(inner, note_ids)
        styles += [InlineStyle(s.start + length, s.end + length, s.kind) for s in inner_styles]
        refs += [FootnoteRef(r.start + length, r.end + length, r.note_id) for r in inner_refs]
        if kind:
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
