"""One pass over an HTML page with the standard library's parser, which never fetches anything.

The collector records raw blocks with what they were inside (the article, the notes, a list),
where each ``id`` starts and ends, and which links look like note markers; the loader decides
afterwards what is the body, the title and the notes.  Every piece of state is a counter or a
stack changed in O(1) per tag, so tag soup thousands of levels deep loads in linear time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader.core import html_rules as rules
from reader.core.document import LINE_BREAK, BlockKind, InlineStyle


@dataclass
class RawBlock:
    """A block as collected, before the loader picks the body.

    ``refs`` are ``(start, end, target id, marker as displayed)``; ``number`` and ``style`` are a
    list item's number (None for a bullet) and list style; ``article`` is the outermost
    ``<article>``'s index or -1.
    """

    kind: BlockKind
    level: int
    text: str
    styles: list[InlineStyle] = field(default_factory=list)
    refs: list[tuple[int, int, str, str]] = field(default_factory=list)
    item: tuple[int | None, str] | None = None
    in_main: bool = False
    article: int = -1
    in_notes: bool = False


class _Region:
    """An element whose inside matters (skipped, the article, the notes), followed by counting
    nested elements of the same name, so its own end tag is the one that closes it."""

    def __init__(self) -> None:
        self.tag: str | None = None
        self.depth = 0

    def open(self, tag: str) -> None:
        self.tag, self.depth = tag, 1

    def start(self, tag: str) -> None:
        if tag == self.tag:
            self.depth += 1

    def end(self, tag: str) -> bool:
        """Count an end tag; True if it closed the region."""
        if tag == self.tag:
            self.depth -= 1
            if not self.depth:
                self.tag = None
                return True
        return False


@dataclass
class _List:
    tag: str
    next: int
    step: int
    style: str
    item_open: bool = False


@dataclass
class _Anchor:
    href: str
    classed: bool
    backlink: bool
    sup_at_start: bool
    piece: int
    offset: int
    generation: int
    sup_inside: bool = False


class Collector(HTMLParser):
    """Raw blocks, the page title, ``<meta>`` values and where each ``id`` is."""

    def __init__(self, keep_chrome: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_chrome = keep_chrome
        self.blocks: list[RawBlock] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        #: id → [first block, end block]; the end is -1 until the element closes.
        self.ids: dict[str, list[int]] = {}
        self._title_state = 0  # 0 none yet, 1 inside, 2 done
        self._skip, self._main, self._article, self._notes = _Region(), _Region(), _Region(), _Region()
        self._articles = -1
        self._skip_is_chrome = False
        self._quote = self._pre = self._sup = self._heading = 0
        self._lists: list[_List] = []
        self._bare_item = False
        self._pending_item: tuple[int | None, str] | None = None
        self._open_ids: list[tuple[str, str]] = []
        self._anchor: _Anchor | None = None
        self._buf: list[str] = []
        self._len = 0
        self._has_text = self._cell_gap = False
        self._generation = 0
        self._open_styles: dict[str, list[tuple[int, int]]] = {}
        self._styles: list[InlineStyle] = []
        self._refs: list[tuple[int, int, str, str]] = []

    # -- blocks ---------------------------------------------------------------------------
    def _flush(self) -> None:
        """End the block being written, if it has any text."""
        if self._has_text:
            raw = "".join(self._buf)
            spans = [(a, b) for a, b, _, _ in self._refs]
            shape = rules.keep_preformatted if self._pre else rules.collapse
            text, styles, moved = shape(raw, self._styles, spans)
            if text.strip():
                kind, level = rules.block_kind(self._heading, self._pre > 0, self._in_item(), self._quote > 0)
                item = None
                if kind is BlockKind.LIST_ITEM:
                    level = min(max(len(self._lists), 1), rules.MAX_LEVEL)
                    item, self._pending_item = self._pending_item, None
                if kind is BlockKind.CODE:
                    styles = [s for s in styles if s.kind != "code"]
                refs = [(a, b, r[2], r[3]) for (a, b), r in zip(moved, self._refs, strict=True) if b > a]
                self.blocks.append(RawBlock(kind, level, text, styles, refs, item, *self._where()))
        self._buf, self._len, self._styles, self._refs = [], 0, [], []
        self._has_text = self._cell_gap = False
        self._generation += 1

    def _where(self) -> tuple[bool, int, bool]:
        """Inside ``<main>``; which ``<article>`` (-1 none); inside the notes."""
        return self._main.tag is not None, self._articles if self._article.tag else -1, self._notes.tag is not None

    def _in_item(self) -> bool:
        return self._bare_item or bool(self._lists and self._lists[-1].item_open)

    def _append(self, text: str) -> None:
        self._buf.append(text)
        self._len += len(text)

    # -- tags -----------------------------------------------------------------------------
    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<br/>`` is one break, ``<div/>`` an element that opens and closes."""
        self.handle_starttag(tag, attrs)
        if tag not in rules.VOID:
            self.handle_endtag(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a block, a region (skipped, the article, the notes), a list, a style or a link."""
        if self._title_state == 1:  # an unclosed <title> ends at the next tag
            self._title_state = 2
        if self._skip.tag and not (self._skip_is_chrome and tag in ("main", "article")):
            self._skip.start(tag)
            return
        # An unclosed <nav> or <header> ends where the article starts: it never holds one.
        self._skip.tag = None
        a = {k: v or "" for k, v in attrs}
        if tag in rules.VOID:
            self._void(tag, a)
            return
        for region in (self._main, self._article, self._notes):
            region.start(tag)
        in_article = self._main.tag is not None or self._article.tag is not None
        chrome = not self.keep_chrome and rules.is_chrome(tag, a, in_article)
        if chrome or tag in rules.SKIP or ("class" in a and tag != "a" and rules.classes(a) & rules.BACKLINK_CLASSES):
            self._skip.open(tag)
            self._skip_is_chrome = chrome
            return
        if tag == "title":
            if self._title_state:  # only the first title is the page's; another is not text
                self._skip.open(tag)
            else:
                self._title_state = 1
            return
        if tag in rules.BOUNDARIES:
            self._flush()
            self._open_block(tag, a)
        if tag == "main" and self._main.tag is None:
            self._main.open(tag)
        elif tag == "article" and self._article.tag is None:
            self._article.open(tag)
            self._articles += 1
        if self._notes.tag is None and rules.is_notes_container(a):
            self._notes.open(tag)
        self._inline_start(tag, a)
        element_id = a.get("id") or (a.get("name", "") if tag == "a" else "")
        if element_id:
            self.ids.setdefault(element_id, [len(self.blocks), -1])
            self._open_ids.append((tag, element_id))

    def _void(self, tag: str, a: dict[str, str]) -> None:
        if tag == "br":
            self._append(LINE_BREAK)
        elif tag == "hr":
            self._flush()
            self.blocks.append(RawBlock(BlockKind.RULE, 0, "", [], [], None, *self._where()))
        elif tag == "meta":
            key = rules.META_KEYS.get((a.get("name") or a.get("property", "")).lower())
            content = " ".join(a.get("content", "").split())
            if key and content and key not in self.meta:
                self.meta[key] = content

    def _open_block(self, tag: str, a: dict[str, str]) -> None:
        if tag in rules.HEADINGS:
            self._heading = rules.HEADINGS[tag]
        elif tag == "p":
            self._heading = 0  # a paragraph never belongs to an unclosed heading
        elif tag == "blockquote":
            self._quote += 1
        elif tag in ("pre", "listing", "xmp"):
            self._pre += 1
        elif tag in rules.LISTS:
            reverse = "reversed" in a
            number = rules.int_attr(a.get("start"), 1)
            self._lists.append(_List(tag, number, -1 if reverse else 1, rules.list_style(a)))
        elif tag == "li":
            self._open_item(a)

    def _open_item(self, a: dict[str, str]) -> None:
        if not self._lists:
            self._bare_item = True
            self._pending_item = (None, "auto")
            return
        top = self._lists[-1]
        top.item_open = True
        if top.tag == "ol":
            number = rules.int_attr(a.get("value"), top.next)
            top.next = number + top.step
            self._pending_item = (number, top.style)
        else:
            self._pending_item = (None, top.style)

    def _inline_start(self, tag: str, a: dict[str, str]) -> None:
        if tag in rules.INLINE_STYLES:
            self._open_styles.setdefault(tag, []).append((self._generation, self._len))
        elif tag == "sup":
            self._sup += 1
            if self._anchor:
                self._anchor.sup_inside = True
        elif tag == "a":
            href = a.get("href", "")
            cls = rules.classes(a)
            kinds = {a.get("role", "").lower(), a.get("epub:type", "").lower()}
            classed = bool(cls & rules.NOTE_REF_CLASSES) or bool(kinds & {"doc-noteref", "noteref"})
            backlink = bool(cls & rules.BACKLINK_CLASSES) or "doc-backlink" in kinds
            self._anchor = _Anchor(href, classed, backlink, self._sup > 0, len(self._buf), self._len, self._generation)
        elif tag == "td" or tag == "th":
            self._cell_gap = self._has_text  # the separator goes in when the next cell has text

    def handle_endtag(self, tag: str) -> None:
        """Close what the start tag opened; a stray end tag changes nothing."""
        if self._title_state == 1:
            self._title_state = 2
        if self._skip.tag:
            self._skip.end(tag)
            return
        if tag in rules.BOUNDARIES:
            self._flush()
            self._close_block(tag)
        elif tag in rules.INLINE_STYLES and (starts := self._open_styles.get(tag)):
            generation, start = starts.pop()
            # A style left open across a block boundary covers the new block from its start.
            self._styles.append(InlineStyle(start if generation == self._generation else 0, self._len, rules.INLINE_STYLES[tag]))
        elif tag == "sup":
            self._sup = max(0, self._sup - 1)
        elif tag == "a":
            self._close_anchor()
        self._close_id(tag)
        self._main.end(tag)
        self._article.end(tag)
        self._notes.end(tag)

    def _close_block(self, tag: str) -> None:
        if tag in rules.HEADINGS:
            self._heading = 0
        elif tag == "blockquote":
            self._quote = max(0, self._quote - 1)
        elif tag in ("pre", "listing", "xmp"):
            self._pre = max(0, self._pre - 1)
        elif tag in rules.LISTS:
            # Close the latest list of that name, looking only a few levels down in tag soup.
            for depth in range(len(self._lists) - 1, max(-1, len(self._lists) - 5), -1):
                if self._lists[depth].tag == tag:
                    del self._lists[depth:]
                    break
            self._pending_item = None
        elif tag == "li":
            if self._lists and self._lists[-1].item_open:
                self._lists[-1].item_open = False
            self._bare_item = False
            self._pending_item = None

    def _close_anchor(self) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is None or anchor.generation != self._generation:
            return
        shown = "".join(self._buf[anchor.piece :])
        marker = shown.strip()
        if anchor.backlink or (marker in rules.BACKLINK_TEXTS and anchor.href.startswith("#")):
            del self._buf[anchor.piece :]
            self._len = anchor.offset
            return
        is_note = anchor.classed or anchor.sup_at_start or anchor.sup_inside
        if is_note and anchor.href.startswith("#") and len(anchor.href) > 1 and 0 < len(marker) <= rules.MAX_MARKER:
            start = anchor.offset + len(shown) - len(shown.lstrip())
            self._refs.append((start, start + len(marker), anchor.href[1:], marker))

    def _close_id(self, tag: str) -> None:
        """Note where an element with an id ends; look only a few levels down in tag soup."""
        stack = self._open_ids
        for depth in range(len(stack) - 1, max(-1, len(stack) - 4), -1):
            if stack[depth][0] == tag:
                end = len(self.blocks)
                for _, element_id in stack[depth:]:
                    span = self.ids[element_id]
                    if span[1] < 0:
                        span[1] = max(end, span[0] + 1)
                del stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        """Text goes to the title or the block being written; a row's next cell gets its separator."""
        if self._skip.tag:
            return
        if self._title_state == 1:
            self.title += data
            return
        if data.strip():
            if self._cell_gap:
                self._append(rules.CELL_SEPARATOR)
                self._cell_gap = False
            self._has_text = True
        self._append(data)

    def close(self) -> None:
        """Finish the page: the last block is written even if nothing closed it."""
        super().close()
        self._flush()
