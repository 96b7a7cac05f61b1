"""Read the text and structure of a Word (.docx) article, straight from its XML.

Paragraphs, headings (by style, localized style ids resolved through ``styles.xml``),
lists with their markers, bold and italic, right-to-left paragraphs, tables (a row
per block), and Word's real footnotes and endnotes.  Images, fields' codes, deleted
text and anything the file points at outside itself are left alone.  The body is
read as a stream, a top-level paragraph or table at a time.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from reader.core.document import LINE_BREAK, Block, BlockKind, Direction, Document, Footnote, FootnoteRef, InlineStyle, base_direction, derive_title
from reader.core.docx_parts import (
    OLE_MAGIC,
    Numbering,
    Package,
    PartError,
    Style,
    W,
    core_properties,
    iter_xml,
    num_pr,
    number,
    on,
    parse_xml,
    read_styles,
    relationships,
    roman,
    unreadable,
    val,
)

#: File names read as Word files; an old binary ``.doc`` gets the clear "old format" message.
SUFFIXES = {".docx", ".docm", ".dotx", ".dotm", ".doc", ".dot"}
_OLD = {".doc", ".dot"}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: What is never text: deletions, properties, field codes, and the Fallback copy of an AlternateContent.
_SKIP_INLINE = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "instrText", W + "delText", _MC + "Fallback"}
#: Containers whose content is read as if it stood in their place.
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"}


def claims(data: bytes, suffix: str) -> bool:
    """Whether :func:`parse` is the reader for ``data``: a Word name, or a zip with a Word document inside.

    A ``.doc`` that is neither an OLE file nor a zip (web apps save HTML as ``.doc``) is left to the text loaders.
    """
    if suffix in _OLD:
        return data.startswith((OLE_MAGIC, b"PK\x03\x04"))
    return suffix in SUFFIXES or (data.startswith(b"PK\x03\x04") and b"word/document.xml" in data)


def parse(data: bytes, name: str) -> Document:
    """Read a .docx; :class:`LoadError` with one line when it is not a Word file we can read."""
    pkg = Package(data, name)
    try:
        return _read(pkg)
    except PartError as exc:
        raise unreadable(name, str(exc)) from exc
    finally:
        pkg.close()


def _read(pkg: Package) -> Document:
    name = pkg.name
    package = relationships(pkg, "")
    main = package.get("officeDocument", "word/document.xml")
    body = pkg.read(main)
    if body is None:
        main, body = "word/document.xml", pkg.read("word/document.xml")
    if body is None:
        raise unreadable(name, "no word/document.xml inside")
    rels = relationships(pkg, main)

    def part(kind: str, default: str) -> tuple[bytes | None, str]:
        path = rels.get(kind, default)
        return pkg.read(path), path

    reader = _Reader(read_styles(*part("styles", "word/styles.xml")), Numbering(*part("numbering", "word/numbering.xml")))
    stack: list[ET.Element] = []
    for event, el in iter_xml(body, main):
        if event == "start":
            stack.append(el)
            continue
        stack.pop()
        if stack and stack[-1].tag == W + "body":  # a whole top-level paragraph or table: read it, then drop it
            reader.body_item(el)
            stack[-1].clear()
    bodies = reader.note_bodies(*part("footnotes", "word/footnotes.xml"), "fn") | reader.note_bodies(*part("endnotes", "word/endnotes.xml"), "en")
    core = package.get("core-properties", "docProps/core.xml")
    meta = core_properties(pkg.read(core), core)
    blocks = reader.blocks
    title = meta.get("title", "")
    first = reader.title_candidates[0] if reader.title_candidates else None
    if title:
        if first and first[0] == 0 and _plain(blocks[0]) == title and len(blocks) > 1:
            blocks.pop(0)  # the Title paragraph says what the properties say: not twice
    else:
        pick = next((i for i, is_title in reader.title_candidates if is_title), first[0] if first and first[0] == 0 else None)
        if pick is not None and len(blocks) > 1:
            title = _plain(blocks.pop(pick))
    ref_block: dict[str, int] = {}
    for i, block in enumerate(blocks):
        for ref in block.refs:
            ref_block.setdefault(ref.note_id, i)
    notes = []
    for note_id in sorted(reader.note_order, key=lambda n: n.startswith("en")):
        marker, text = reader.markers.get(note_id, "*"), bodies.get(note_id)
        if text is None:
            continue
        if note_id in reader.custom and text.startswith(marker):
            text = text[len(marker) :].lstrip()
        notes.append(Footnote(note_id, marker, text, ref_block.get(note_id)))
    body_text = "\n".join(b.text for b in blocks)
    return Document(title or derive_title(body_text), blocks, notes, fmt="docx", title_is_derived=not title, meta=meta)


def _plain(block: Block) -> str:
    """A block's text as a title: without its note markers, on one line."""
    text = block.text
    for ref in sorted(block.refs, key=lambda r: r.start, reverse=True):
        text = text[: ref.start] + text[ref.end :]
    return " ".join(text.replace(LINE_BREAK, " ").split())


def _toggle(rpr: ET.Element | None, name: str, inherited: bool) -> bool:
    """Bold or italic for a run: ``w:b`` (Latin) or ``w:bCs`` (Arabic) when given, else the character style's."""
    given = [el for el in (rpr.find(W + name), rpr.find(W + name + "Cs")) if el is not None] if rpr is not None else []
    return any(on(el) for el in given) if given else inherited


def _children(el: ET.Element, tag: str) -> list[ET.Element]:
    """``el``'s children named ``tag``, looking through content controls and tracked insertions."""
    found = []
    for child in el:
        if child.tag == tag:
            found.append(child)
        elif child.tag in _WRAPPERS:
            found += _children(child, tag)
    return found


@dataclass
class _Text:
    """A block's text under construction, with its emphasis spans and note markers."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    styles: list[InlineStyle] = field(default_factory=list)
    refs: list[FootnoteRef] = field(default_factory=list)

    # kind → index in ``styles`` of the latest span of that kind, to extend it when the next run goes on
    _latest: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def add(self, text: str, strong: bool = False, em: bool = False) -> None:
        for kind, wanted in (("strong", strong), ("em", em)):
            if wanted and text:
                at = self._latest.get(kind)
                if at is not None and self.styles[at].end == self.length:  # the run goes on: one span, not two
                    self.styles[at] = InlineStyle(self.styles[at].start, self.length + len(text), kind)
                else:
                    self._latest[kind] = len(self.styles)
                    self.styles.append(InlineStyle(self.length, self.length + len(text), kind))
        self.parts.append(text)
        self.length += len(text)

    def extend(self, other: _Text, sep: str) -> None:
        """Append ``other`` after ``sep`` (cells of a row, paragraphs of a cell or a note)."""
        if self.length and other.length:
            self.add(sep)
        at = self.length
        self.styles += [InlineStyle(s.start + at, s.end + at, s.kind) for s in other.styles]
        self.refs += [FootnoteRef(r.start + at, r.end + at, r.note_id) for r in other.refs]
        self.parts += other.parts
        self.length += other.length

    def stripped(self) -> tuple[str, list[InlineStyle], list[FootnoteRef]]:
        """Text without surrounding white space, spans moved and clipped to it."""
        raw = "".join(self.parts)
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        n = len(text)

        def clip(start: int, end: int) -> tuple[int, int]:
            return max(0, min(n, start - lead)), max(0, min(n, end - lead))

        styles = [InlineStyle(*clip(s.start, s.end), s.kind) for s in self.styles]
        refs = [FootnoteRef(*clip(r.start, r.end), r.note_id) for r in self.refs]
        return text, [s for s in styles if s.end > s.start], refs


class _Reader:
    """Walks the body, and the note parts, turning Word XML into blocks."""

    def __init__(self, styles: dict[str, Style], numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.title_candidates: list[tuple[int, bool]] = []  # (block index, is a Title-style paragraph)
        self.note_order: list[str] = []  # note ids in order of first reference
        self.markers: dict[str, str] = {}
        self.custom: set[str] = set()  # notes marked with the author's own mark, which their body repeats
        self._counts = {"fn": 0, "en": 0}
        self._custom: str | None = None  # a note whose own mark is the next text (customMarkFollows)
        self.in_note = False

    # --- inline content -------------------------------------------------------------------

    def inline(self, elem: ET.Element, out: _Text, deferred: list[ET.Element]) -> None:
        """The text inside a paragraph (runs, links, insertions, fields' results…); text boxes deferred."""
        for child in elem:
            tag = child.tag
            if tag == W + "r":
                self.run(child, out, deferred)
            elif tag == W + "txbxContent":
                deferred.append(child)
            elif tag == _MC + "AlternateContent":
                first = child.find(_MC + "Choice")  # the Choice and the Fallback say the same: read one
                self.inline(first if first is not None else child, out, deferred)
            elif tag not in _SKIP_INLINE:
                self.inline(child, out, deferred)

    def run(self, r: ET.Element, out: _Text, deferred: list[ET.Element]) -> None:
        rpr = r.find(W + "rPr")
        char = self.styles.get(val(rpr, "rStyle") or "", Style())
        if rpr is not None and on(rpr.find(W + "vanish")):
            return  # hidden text
        strong, em = _toggle(rpr, "b", char.strong), _toggle(rpr, "i", char.em)
        for child in r:
            tag = child.tag
            if tag == W + "t":
                text = child.text or ""
                if self._custom is not None and text:
                    note_id, self._custom = self._custom, None
                    self.markers.setdefault(note_id, text.strip() or text)
                    out.refs.append(FootnoteRef(out.length, out.length + len(text), note_id))
                out.add(text, strong, em)
            elif tag in (W + "tab", W + "ptab"):
                out.add(" ")
            elif tag in (W + "br", W + "cr"):  # a page break too: text either side must not be glued
                out.add(LINE_BREAK)
            elif tag == W + "noBreakHyphen":
                out.add("-", strong, em)
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                self.reference(child, "fn" if tag == W + "footnoteReference" else "en", out)
            elif tag not in (W + "rPr", W + "sym", W + "instrText", W + "delText", W + "footnoteRef", W + "endnoteRef"):
                self.inline(child, out, deferred)  # drawings, pictures: their text boxes

    def reference(self, el: ET.Element, kind: str, out: _Text) -> None:
        """A note reference: the running number (``i``, ``ii`` for endnotes), or the author's own mark."""
        if self.in_note:
            return
        note_id = f"{kind}{el.get(W + 'id', '')}"
        if note_id not in self.markers and note_id not in self.note_order:
            self.note_order.append(note_id)
        if el.get(W + "customMarkFollows") in ("1", "true", "on"):
            self.custom.add(note_id)
            self._custom = note_id
            return
        if note_id not in self.markers:
            self._counts[kind] += 1
            self.markers[note_id] = str(self._counts[kind]) if kind == "fn" else roman(self._counts[kind])
        marker = self.markers[note_id]
        out.refs.append(FootnoteRef(out.length, out.length + len(marker), note_id))
        out.add(marker)

    # --- blocks ---------------------------------------------------------------------------

    def body_item(self, el: ET.Element) -> None:
        """One top-level element of the body (or of a content control inside it)."""
        if el.tag == W + "p":
            self.paragraph(el)
        elif el.tag == W + "tbl":
            self.table(el)
        elif el.tag in _WRAPPERS or el.tag == W + "txbxContent":
            for child in el:
                self.body_item(child)

    def paragraph(self, p: ET.Element) -> None:
        ppr = p.find(W + "pPr")
        style = self.styles.get(val(ppr, "pStyle") or "", Style())
        out, deferred = _Text(), list[ET.Element]()
        self.inline(p, out, deferred)
        self._custom = None  # a custom mark never found stays within its paragraph
        heading = style.heading
        if (level := number(val(ppr, "outlineLvl"))) is not None:
            heading = level + 1 if level < 9 else 0
        num = num_pr(ppr) or style.num
        marker = self.numbering.marker(*num) if num and not heading else ""
        text, styles, refs = out.stripped()
        if text or refs:
            bidi = on(ppr.find(W + "bidi")) if ppr is not None and ppr.find(W + "bidi") is not None else style.bidi
            direction = Direction.RTL if bidi else base_direction(text)
            if heading:
                if style.title or heading == 1:
                    self.title_candidates.append((len(self.blocks), style.title))
                block = Block(BlockKind.HEADING, text, min(heading, 6), direction, styles, refs)
            elif num:
                block = Block(BlockKind.LIST_ITEM, text, num[1] + 1, direction, styles, refs, marker)
            else:
                block = Block(BlockKind.QUOTE if style.quote else BlockKind.PARAGRAPH, text, 0, direction, styles, refs)
            self.blocks.append(block)
        for box in deferred:
            self.body_item(box)

    def flat(self, el: ET.Element, out: _Text, sep: str) -> None:
        """Every paragraph under ``el`` (a cell, a note) into one text, never glued together."""
        for child in el:
            if child.tag == W + "p":
                part: _Text = _Text()
                deferred: list[ET.Element] = []
                self.inline(child, part, deferred)
                self._custom = None
                out.extend(part, sep)
                for box in deferred:
                    self.flat(box, out, sep)
            elif child.tag == W + "tbl":
                self.flat(child, out, " | ")
            elif child.tag not in (W + "tblPr", W + "tcPr", W + "trPr", W + "tblGrid", W + "del"):
                self.flat(child, out, sep)

    def table(self, tbl: ET.Element) -> None:
        """Each row one block, its cells separated by `` | ``."""
        rtl = on(tbl.find(f"{W}tblPr/{W}bidiVisual"))
        for tr in _children(tbl, W + "tr"):
            row = _Text()
            for tc in _children(tr, W + "tc"):
                cell = _Text()
                self.flat(tc, cell, " ")
                text, _, _ = cell.stripped()
                if text:
                    row.extend(cell, " | ")
            text, styles, refs = row.stripped()
            if text:
                self.blocks.append(Block(BlockKind.PARAGRAPH, text, 0, Direction.RTL if rtl else base_direction(text), styles, refs))

    def note_bodies(self, data: bytes | None, where: str, kind: str) -> dict[str, str]:
        """Note id → text of ``footnotes.xml`` or ``endnotes.xml``, the separator notes left out."""
        bodies: dict[str, str] = {}
        if data is None:
            return bodies
        self.in_note = True
        for note in parse_xml(data, where):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            out = _Text()
            self.flat(note, out, " ")
            bodies[f"{kind}{note.get(W + 'id', '')}"] = " ".join(out.stripped()[0].replace(LINE_BREAK, " ").split())
        self.in_note = False
        return bodies
