"""Markdown by a real parser: markdown-it-py's CommonMark with GFM tables and strikethrough,
footnotes and front matter (mdit-py-plugins), turned into the document model in one flat
pass (no recursion here: no nesting depth exhausts Python's stack).  Nothing is fetched:
links keep their text, images and their alt text go, raw HTML keeps only its text, and
front matter is metadata, never body text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from reader.core.document import LINE_BREAK, Block, BlockKind, Direction, Document, Footnote, FootnoteRef, InlineStyle, base_direction, derive_title

#: markdown-it's recursion guard (blocks, inline links).  Past it markdown-it drops the rest
#: of the container *and of the document*, so :func:`_flatten_deep` takes over before it.
_MAX_NESTING = 40
#: Block nesting (token levels: a list level counts two) from which lines are read flat.
_DEEP = 30
#: Table cells are joined with this: a row stays one block that reads as a row, and the
#: words of neighbouring cells never glue together (for search and entities alike).
CELL_SEPARATOR = " | "
#: What opens a container at the start of a line: read flat past ``_DEEP``.
_CONTAINER_MARKS = re.compile(r"^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+[ \t]*")
_FRONT_KEY = re.compile(r"^([A-Za-z0-9_][\w.-]*)[ \t]*[:=][ \t]*(.*)$")
_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_LABEL_END = re.compile(r"[\]\s]")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_BREAK_SPACES = re.compile(f" ?{LINE_BREAK} ?")


def _footnote_ref(state: StateInline, silent: bool) -> bool:
    """``[^label]``, defined or not, found in linear time.

    The plugin's own rule scans to the label's end from every ``[^``: 50,000 unclosed
    ``[^`` took minutes.  Here the end of the last scan is remembered while it is ahead.
    """
    src, start = state.src, state.pos
    if not src.startswith("[^", start) or start + 3 > state.posMax:
        return False
    memo = state.env.get("qari_label_end")
    if memo is not None and memo[0] is src and memo[1] <= start + 2 and (memo[2] == -1 or memo[2] >= start + 2):
        end = memo[2]
    else:
        found = _LABEL_END.search(src, start + 2)
        end = found.start() if found else -1
        state.env["qari_label_end"] = (src, start + 2, end)
    if end == -1 or end >= state.posMax or src[end] != "]" or end == start + 2:
        return False
    if not silent:
        token = state.push("footnote_ref", "", 0)
        token.meta = {"label": src[start + 2 : end]}
    state.pos = end + 1
    return True


def _flatten_deep(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Past ``_DEEP`` levels, each line is a paragraph of its own, its container marks dropped.

    Keeps the text of absurdly deep quotes and lists (and everything after them) that
    markdown-it would otherwise skip, without nesting any further.
    """
    if state.level < _DEEP:
        return False
    if silent:
        return True
    line = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
    for ttype, nesting in (("paragraph_open", 1), ("inline", 0), ("paragraph_close", -1)):
        token = state.push(ttype, "p" if nesting else "", nesting)  # type: ignore[arg-type]
        token.map = [start_line, start_line + 1]
        if ttype == "inline":
            token.content = _CONTAINER_MARKS.sub("", line, count=1)
            token.children = []
    state.line = start_line + 1
    return True


def _parser() -> MarkdownIt:
    """CommonMark with tables, strikethrough, footnotes and front matter; built once."""
    md = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).enable(["table", "strikethrough"])
    md.block.ruler.before("table", "qari_flatten_deep", _flatten_deep)
    md.use(front_matter_plugin)
    md.use(footnote_plugin, inline=False, move_to_end=False)
    md.inline.ruler.at("footnote_ref", _footnote_ref)
    return md


_MD = _parser()


class _HtmlText(HTMLParser):
    """The text of a raw HTML block: tags and comments dropped, block tags split paragraphs.

    Local, small and independent of the HTML loader: a Markdown file's HTML is a few
    ``<div dir="rtl">``, ``<br>``, ``<details>`` and badges, never a page.
    """

    _BLOCKS = frozenset(
        "p div section article header footer aside nav ul ol li dl dt dd table thead tbody tr blockquote pre"
        " h1 h2 h3 h4 h5 h6 hr details summary figure figcaption center".split()
    )
    _SKIP = frozenset(("script", "style", "template", "title", "head", "svg", "math"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._parts: list[str] = []
        self._skip = 0

    def _flush(self) -> None:
        text = _BREAK_SPACES.sub(LINE_BREAK, _SPACES.sub(" ", "".join(self._parts))).strip(LINE_BREAK + " ")
        if text:
            self.pieces.append(text)
        self._parts.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag == "br":
            self._parts.append(LINE_BREAK)
        elif tag in ("td", "th"):
            self._parts.append(" ")
        elif tag in self._BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._parts.append(data)


def html_text(html: str) -> list[str]:
    """The paragraphs of text in a raw HTML block (tags, comments and images gone)."""
    reader = _HtmlText()
    reader.feed(html)
    reader.close()
    reader._flush()
    return reader.pieces


def _unquote(value: str, flow: bool = True) -> str:
    """A YAML scalar without its quotes; a flow list ``[a, b]`` as ``a, b`` (one level only)."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    if flow and value.startswith("[") and value.endswith("]"):
        return ", ".join(_unquote(v, flow=False) for v in value[1:-1].split(",") if v.strip())
    return value


def front_matter(src: str) -> dict[str, str]:
    """Simple ``key: value`` (YAML) or ``key = value`` (TOML) lines; ``- item`` lists joined by commas.

    Not a YAML parser (no PyYAML): nested mappings and block scalars are skipped, which
    is all an article's title, author, date and tags need.
    """
    meta: dict[str, str] = {}
    key = ""
    for raw in src.splitlines():
        line = raw.strip()
        if key and line.startswith("- ") and raw[:1] in " \t-":  # an item of the list under ``key:``
            item = _unquote(line[2:])
            meta[key] = f"{meta[key]}, {item}" if meta[key] else item
        elif raw[:1] not in " \t#" and (m := _FRONT_KEY.match(line)):
            key, value = m.group(1), _unquote(m.group(2))
            meta[key] = "" if value in (">", "|", ">-", "|-") else value
        elif raw[:1] not in " \t":
            key = ""
    return {k: v for k, v in meta.items() if v}


def _toml_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Hugo's ``+++`` front matter (the plugin reads only ``---``): split off and read."""
    if not text.startswith("+++\n"):
        return text, {}
    end = text.find("\n+++", 3)
    if end == -1 or text[end + 4 : end + 5] not in ("", "\n"):
        return text, {}
    return text[end + 5 :], front_matter(text[4:end])


#: A footnote label → the marker text to show and the note id (``None``: no ref).
_OnRef = Callable[[str], tuple[str, str | None]]


def _inline(children: Sequence[Token], on_ref: _OnRef) -> tuple[str, list[InlineStyle], list[FootnoteRef]]:
    """Plain text, styles and note refs of one inline token's children, in one pass.

    ``on_ref(label)`` gives a ref's ``(marker text, note id)``; a ``None`` id shows the
    text without a ref.
    """
    out: list[str] = []
    length = 0
    styles: list[InlineStyle] = []
    refs: list[FootnoteRef] = []
    opened: dict[str, list[int]] = {"em": [], "strong": []}
    for tok in children:
        ttype = tok.type
        piece = ""
        if ttype == "text":
            piece = tok.content
        elif ttype == "softbreak":
            piece = " "
        elif ttype == "hardbreak" or ttype == "html_inline" and _BR.match(tok.content):
            piece = LINE_BREAK
        elif ttype == "code_inline":
            piece = tok.content
            if piece:
                styles.append(InlineStyle(length, length + len(piece), "code"))
        elif ttype in ("em_open", "strong_open"):
            opened[ttype[:-5]].append(length)
        elif ttype in ("em_close", "strong_close"):
            if opened[kind := ttype[:-6]] and (start := opened[kind].pop()) < length:
                styles.append(InlineStyle(start, length, kind))
        elif ttype == "footnote_ref":
            piece, note_id = on_ref(tok.meta["label"])
            if note_id is not None and piece:
                refs.append(FootnoteRef(length, length + len(piece), note_id))
        # images, links, inline HTML tags and strikethrough marks leave nothing
        if piece:
            out.append(piece)
            length += len(piece)
    return _trim("".join(out), styles, refs)


def _trim(text: str, styles: list[InlineStyle], refs: list[FootnoteRef]) -> tuple[str, list[InlineStyle], list[FootnoteRef]]:
    """Strip spaces left at the edges (by a dropped image or tag), shifting the offsets."""
    stripped = text.strip(" " + LINE_BREAK)
    if len(stripped) == len(text):
        return text, styles, refs
    lead, size = len(text) - len(text.lstrip(" " + LINE_BREAK)), len(stripped)

    def at(i: int) -> int:
        return min(max(i - lead, 0), size)

    kept_styles = [InlineStyle(at(m.start), at(m.end), m.kind) for m in styles]
    kept_refs = [FootnoteRef(at(r.start), at(r.end), r.note_id) for r in refs]
    return stripped, [m for m in kept_styles if m.end > m.start], [r for r in kept_refs if r.end > r.start]


def _note_id(ids: dict[str, str], label: str) -> str:
    """The id of the note ``label``: ``n1``, ``n2``… in the order labels are first seen."""
    return ids.setdefault(label, f"n{len(ids) + 1}")


def _label_only(label: str) -> tuple[str, str | None]:
    """A ref inside a note body: its label as text, no ref (notes do not point at notes)."""
    return label, None


def parse_inline(src: str, note_ids: dict[str, str]) -> tuple[str, list[InlineStyle], list[FootnoteRef]]:
    """Inline Markdown of ``src`` as plain text, emphasis spans and note refs.

    ``note_ids`` maps labels to note ids and grows with new labels (``n1``, ``n2``…).
    """

    tokens = _MD.parseInline(src, {})
    return _inline(tokens[0].children or [] if tokens else [], lambda label: (label, _note_id(note_ids, label)))


class _Builder:
    """Walks markdown-it's flat token stream once, keeping a stack of open containers."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.note_ids: dict[str, str] = {}
        self.notes: list[tuple[str, list[str]]] = []
        # Open containers: ("quote"|"list"|"item"|"note", marker-or-label); an item's
        # marker is cleared once drawn, so later paragraphs of the item have none.
        self.stack: list[list[str]] = []
        self.lists = 0
        self.note_depth = 0
        self.heading = 0
        self.row: list[tuple[str, list[InlineStyle], list[FootnoteRef]]] | None = None
        self.header_row = False

    def body_ref(self, label: str) -> tuple[str, str | None]:
        return label, _note_id(self.note_ids, label)

    def emit(self, kind: BlockKind, text: str, styles: list[InlineStyle] | None = None, refs: list[FootnoteRef] | None = None, level: int = 0) -> None:
        """Add a block, to the note being read if inside a footnote definition."""
        if not text and kind is not BlockKind.RULE:
            return
        if self.note_depth:
            self.notes[-1][1].append(text)
            return
        marker = ""
        if kind is BlockKind.PARAGRAPH:
            for container in reversed(self.stack):
                if container[0] == "item":
                    kind, level, marker, container[1] = BlockKind.LIST_ITEM, self.lists, container[1], ""
                    break
                if container[0] == "quote":
                    kind = BlockKind.QUOTE
                    break
        direction = Direction.LTR if kind is BlockKind.CODE else base_direction(text)
        self.blocks.append(Block(kind, text, level, direction, styles or [], refs or [], marker))

    def inline(self, tok: Token) -> None:
        children, on_ref = tok.children or [], _label_only if self.note_depth else self.body_ref
        if self.row is not None:
            self.row.append(_inline(children, on_ref))
            return
        if self.heading == 1 and not self.blocks and not self.title and not self.stack and "title" not in self.meta:
            self.title = _inline(children, lambda label: ("", None))[0].replace(LINE_BREAK, " ")
            return
        text, styles, refs = _inline(children, on_ref)
        if self.heading:
            if self.heading == 1 and not self.blocks and not self.stack and text == self.meta.get("title"):
                return  # the front matter's title, repeated
            self.emit(BlockKind.HEADING, text, styles, refs, self.heading)
        else:
            self.emit(BlockKind.PARAGRAPH, text, styles, refs)

    def end_row(self) -> None:
        """A table row as one block, its non-empty cells joined by :data:`CELL_SEPARATOR`."""
        cells, self.row = [c for c in self.row or [] if c[0]], None
        styles: list[InlineStyle] = []
        refs: list[FootnoteRef] = []
        pos = 0
        for cell_text, cell_styles, cell_refs in cells:
            styles += [InlineStyle(s.start + pos, s.end + pos, s.kind) for s in cell_styles]
            styles += [InlineStyle(pos, pos + len(cell_text), "strong")] if self.header_row else []
            refs += [FootnoteRef(r.start + pos, r.end + pos, r.note_id) for r in cell_refs]
            pos += len(cell_text) + len(CELL_SEPARATOR)
        self.emit(BlockKind.PARAGRAPH, CELL_SEPARATOR.join(c[0] for c in cells), styles, refs)

    def walk(self, tokens: Sequence[Token]) -> None:
        for tok in tokens:
            ttype = tok.type
            if ttype == "inline":
                self.inline(tok)
            elif ttype in ("heading_open", "heading_close"):
                self.heading = int(tok.tag[1:]) if tok.nesting == 1 else 0
            elif ttype in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
                self.stack.append(["quote" if ttype == "blockquote_open" else "list", ""])
                self.lists += ttype != "blockquote_open"
            elif ttype == "list_item_open":
                self.stack.append(["item", f"{tok.info}{tok.markup}" if tok.info else "•"])
            elif ttype == "footnote_reference_open":
                self.stack.append(["note", tok.meta["label"]])
                self.notes.append((tok.meta["label"], []))
                self.note_depth += 1
            elif ttype in ("blockquote_close", "bullet_list_close", "ordered_list_close", "list_item_close", "footnote_reference_close"):
                closed = self.stack.pop()[0]
                self.lists -= closed == "list"
                self.note_depth -= closed == "note"
            elif ttype in ("fence", "code_block"):
                self.emit(BlockKind.CODE, tok.content.rstrip("\n").replace("\n", LINE_BREAK))
            elif ttype == "hr":
                self.emit(BlockKind.RULE, "")
            elif ttype == "html_block":
                for text in html_text(tok.content):
                    self.emit(BlockKind.PARAGRAPH, text)
            elif ttype == "front_matter":
                self.meta.update(front_matter(tok.content))
            elif ttype == "tr_open":
                self.row = []
            elif ttype == "tr_close":
                self.end_row()
            elif ttype in ("thead_open", "thead_close"):
                self.header_row = ttype == "thead_open"


def parse(text: str) -> Document:
    """Parse a Markdown article into a :class:`Document`.

    The title is the front matter's ``title``, else a level-1 heading that opens the
    article, else derived from the opening words.  Notes are numbered ``n1``, ``n2``… in
    the order the body first refers to them; a note's marker is its label as written.
    """
    text, meta = _toml_front_matter(text)
    builder = _Builder()
    builder.meta.update(meta)
    builder.walk(_MD.parse(text, {}))
    title = builder.meta.get("title") or builder.title
    first_ref: dict[str, int] = {}
    for i, block in enumerate(builder.blocks):
        for ref in block.refs:
            first_ref.setdefault(ref.note_id, i)
    footnotes = []
    for label, parts in builder.notes:
        note_id = _note_id(builder.note_ids, label)
        footnotes.append(Footnote(note_id, label, " ".join(parts), first_ref.get(note_id)))
    body_text = "\n".join(b.text for b in builder.blocks)
    return Document(title or derive_title(body_text), builder.blocks, footnotes, fmt="markdown", title_is_derived=not title, meta=builder.meta)
