"""Read the structure and text of an HTML article, and nothing else.

Scripts, styles, forms and embedded media are skipped; images are never
fetched; links keep only their text.  Footnotes written as plain-text note
lines after the article are recognised as in plain text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from reader.core.document import Block, BlockKind, Document, InlineStyle, base_direction, derive_title
from reader.core.footnotes import link_notes, split_notes

_SKIP = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "form", "nav", "button", "select", "textarea"}
_BLOCKS = {
    "p": BlockKind.PARAGRAPH,
    "blockquote": BlockKind.QUOTE,
    "li": BlockKind.LIST_ITEM,
    "div": BlockKind.PARAGRAPH,
    "section": BlockKind.PARAGRAPH,
    "article": BlockKind.PARAGRAPH,
    "td": BlockKind.PARAGRAPH,
    "dd": BlockKind.PARAGRAPH,
    "figcaption": BlockKind.PARAGRAPH,
    "pre": BlockKind.PARAGRAPH,
}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_EMPHASIS = {"em": "em", "i": "em", "strong": "strong", "b": "strong"}
#: Elements that never have content or an end tag: they must not open anything.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
#: A decimal character reference: ``html.unescape`` converts its digits with ``int``,
#: which refuses more than 4,300 digits (a ValueError, not a character).
_DECIMAL_REF = re.compile(r"&#([0-9]+)(;?)")


def _tame_decimal_ref(match: re.Match[str]) -> str:
    """``&#`` + digits as ``html.unescape`` reads it, without the digit limit: leading zeros
    dropped, and a number past U+10FFFF is U+FFFD as the HTML standard says."""
    digits = match.group(1).lstrip("0") or "0"
    return "\ufffd" if len(digits) > 7 else f"&#{digits}{match.group(2)}"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[BlockKind, int, str, list[InlineStyle]]] = []
        self.title = ""
        self._skip = 0
        self._in_title = False
        self._kind: tuple[BlockKind, int] = (BlockKind.PARAGRAPH, 0)
        self._buf: list[str] = []
        self._len = 0
        # Per emphasis tag, where each open one started: an end tag closes the latest of its name.
        self._open_styles: dict[str, list[int]] = {}
        self._styles: list[InlineStyle] = []

    def _flush(self) -> None:
        raw = "".join(self._buf)
        # Collapse white space, keeping a map from raw offsets to collapsed ones for the styles.
        out: list[str] = []
        new_index = []
        for ch in raw:
            new_index.append(len(out))
            if ch.isspace():
                if out and out[-1] != " ":
                    out.append(" ")
            else:
                out.append(ch)
        new_index.append(len(out))
        text = "".join(out)
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        if stripped:
            styles = []
            for s in self._styles:
                a = max(0, min(new_index[s.start] - lead, len(stripped)))
                b = max(0, min(new_index[s.end] - lead, len(stripped)))
                if b > a:
                    styles.append(InlineStyle(a, b, s.kind))
            self.blocks.append((self._kind[0], self._kind[1], stripped, styles))
        self._buf, self._len, self._styles = [], 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:  # never has content, so it can neither be skipped into nor swallow the rest
            if tag == "br":
                self.handle_data(" ")
        elif tag in _SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in _HEADINGS or tag in _BLOCKS:
            self._flush()
            self._kind = (BlockKind.HEADING, _HEADINGS[tag]) if tag in _HEADINGS else (_BLOCKS[tag], 0)
        elif tag in _EMPHASIS:
            self._open_styles.setdefault(tag, []).append(self._len)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in _HEADINGS or tag in _BLOCKS:
            self._flush()
            self._kind = (BlockKind.PARAGRAPH, 0)
        elif tag in _EMPHASIS and (starts := self._open_styles.get(tag)):
            self._styles.append(InlineStyle(starts.pop(), self._len, _EMPHASIS[tag]))

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title += data
            return
        self._buf.append(data)
        self._len += len(data)

    def close(self) -> None:
        super().close()
        self._flush()


def parse(text: str) -> Document:
    """Parse an HTML article into a :class:`Document`."""
    collector = _Collector()
    collector.feed(_DECIMAL_REF.sub(_tame_decimal_ref, text))
    collector.close()
    raw = collector.blocks
    title = re.sub(r"\s+", " ", collector.title).strip()
    if raw and raw[0][0] is BlockKind.HEADING and raw[0][1] == 1:
        heading = raw.pop(0)[2]
        title = title or heading
    body, notes = split_notes([b[2] for b in raw])
    blocks = [Block(k, t, lvl, base_direction(t), styles) for (k, lvl, t, styles) in raw[: len(body)]]
    footnotes = link_notes(blocks, notes)
    body_text = "\n".join(b.text for b in blocks)
    return Document(title or derive_title(body_text), blocks, footnotes, fmt="html", title_is_derived=not title)
