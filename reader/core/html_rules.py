"""What HTML elements mean to a reader: the tables and small rules the HTML loader follows.

Kept apart from the parser so the rules can be read (and argued with) in one place.
"""

from __future__ import annotations

import re

from reader.core import arabic
from reader.core.document import LINE_BREAK, BlockKind, InlineStyle

#: Every flow and sectioning element: text on either side of one never runs together.
#: Table cells are not here: a row is one block, its cells separated by :data:`CELL_SEPARATOR`.
BOUNDARIES = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr legend li listing main menu nav ol p pre search section summary "
    "table tbody thead tfoot tr caption ul xmp".split()
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
LISTS = frozenset({"ol", "ul", "menu", "dir"})
#: Content that is never text to read: code, styling, embedded media and form controls.
SKIP = frozenset("script style noscript template svg math iframe object button select textarea datalist".split())
#: Page chrome: dropped unless inside the article (``<header>`` and ``<footer>`` only then).
CHROME = frozenset({"nav"})
PAGE_FURNITURE = frozenset({"header", "footer"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
INLINE_STYLES = {"em": "em", "i": "em", "cite": "em", "strong": "strong", "b": "strong", "code": "code", "kbd": "code", "samp": "code", "tt": "code"}
#: Elements that never have content or an end tag: they must not open anything.
VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
#: Separates a table row's cells in the row's block: visible, neutral in direction, and not a
#: letter, so names in two cells never join into one entity and a search never spans two cells.
CELL_SEPARATOR = " | "
#: Class names, ``role`` and ``epub:type`` values of a list or section of notes.
NOTES_CLASSES = frozenset({"footnote", "footnotes", "endnotes", "references", "reflist", "mw-references-wrap"})
NOTES_ROLES = frozenset({"doc-endnotes", "doc-footnotes", "doc-footnote", "doc-endnote", "footnote", "footnotes", "endnote", "endnotes", "rearnotes"})
NOTE_REF_CLASSES = frozenset({"footnote-ref", "footnoteref", "noteref", "fnref"})
BACKLINK_CLASSES = frozenset({"footnote-back", "footnote-backref", "mw-cite-backlink", "reversefootnote", "backlink"})
#: What a back link from a note to its marker shows: dropped from the note.
BACKLINK_TEXTS = frozenset({"↩", "↩\ufe0e", "↩\ufe0f", "^", "↑", "⤴"})
#: A reference's text is a marker, not a link, only when it is this short.
MAX_MARKER = 12
#: List nesting deeper than this is drawn at this depth.
MAX_LEVEL = 10
#: How many blocks a note may span; an id on a large container is not a note.
MAX_NOTE_BLOCKS = 20
#: Between a page title's article part and the site's name: "X | Site", "Site - X"…
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•«»/]{1,2}\s+")
META_KEYS = {
    "author": "author",
    "description": "description",
    "keywords": "keywords",
    "og:site_name": "site",
    "article:published_time": "date",
    "date": "date",
    "dc.date": "date",
    "article:author": "author",
}
BULLET = "•"
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
_TO_ARABIC = str.maketrans("0123456789", arabic.DIGITS)
#: A block's text with its styles and spans moved onto it.
Shaped = tuple[str, list[InlineStyle], list[tuple[int, int]]]


def classes(attrs: dict[str, str]) -> set[str]:
    """The element's class names, lower-cased."""
    return set(attrs.get("class", "").lower().split())


def is_notes_container(attrs: dict[str, str]) -> bool:
    """True for the section, list or div that holds an article's notes."""
    if not attrs:
        return False
    kinds = {attrs.get("role", "").lower(), *attrs.get("epub:type", "").lower().split()}
    return bool(classes(attrs) & NOTES_CLASSES or kinds & NOTES_ROLES)


def is_chrome(tag: str, attrs: dict[str, str], in_article: bool) -> bool:
    """True for a saved page's navigation, banner and site footer: not the article's text."""
    if tag in CHROME or attrs.get("role", "").lower() in CHROME_ROLES:
        return True
    return tag in PAGE_FURNITURE and not in_article


def list_style(attrs: dict[str, str]) -> str:
    """``"arabic"``, ``"latin"``, ``"none"`` or ``"auto"`` (decided later by the document's digits)."""
    match = _LIST_STYLE.search(attrs.get("style", ""))
    value = match.group(1).lower() if match else ""
    if value == "arabic-indic":
        return "arabic"
    if value == "none":
        return "none"
    return "latin" if value in ("decimal", "decimal-leading-zero") else "auto"


def int_attr(value: str | None, default: int) -> int:
    """An integer attribute (``start``, ``value``); a missing, bad or absurd one is ``default``."""
    text = (value or "").strip()
    if not re.fullmatch(r"-?[0-9]{1,7}", text):
        return default
    return int(text)


def format_marker(number: int | None, style: str, arabic_digits: bool) -> str:
    """A list item's marker as drawn: a bullet, or the number in the list's digits."""
    if number is None:
        return BULLET
    if style == "none":
        return ""
    text = f"{number}."
    return text.translate(_TO_ARABIC) if style == "arabic" or (style == "auto" and arabic_digits) else text


def mostly_arabic_digits(text: str) -> bool:
    """True when the text writes more Arabic-Indic digits than Latin ones."""
    native = sum(text.count(d) for d in arabic.DIGITS)
    return native > 0 and native > sum(text.count(d) for d in "0123456789")


def collapse(raw: str, styles: list[InlineStyle], spans: list[tuple[int, int]]) -> Shaped:
    """White space collapsed as a browser does, keeping line breaks (at most two in a row).

    ``styles`` and ``spans`` (offsets in ``raw``) are moved to the collapsed text; empty ones go.
    """
    out: list[str] = []
    index: list[int] = []
    pending = False
    breaks = 0
    for ch in raw:
        index.append(len(out) + (1 if pending and ch != LINE_BREAK and not ch.isspace() else 0))
        if ch == LINE_BREAK:
            pending = False
            if out and breaks < 2:
                out.append(ch)
                breaks += 1
        elif ch.isspace():
            pending = bool(out) and out[-1] != LINE_BREAK
        else:
            if pending:
                out.append(" ")
                pending = False
            out.append(ch)
            breaks = 0
    index.append(len(out))
    while out and out[-1] == LINE_BREAK:
        out.pop()
    return _moved("".join(out), 0, index, styles, spans)


def keep_preformatted(raw: str, styles: list[InlineStyle], spans: list[tuple[int, int]]) -> Shaped:
    """A ``<pre>`` block's text as written: its first newline and trailing blank dropped."""
    lead = 1 if raw.startswith("\n") else 0
    text = raw[lead:].rstrip()
    index = list(range(len(raw) + 1))
    return _moved(text, lead, index, styles, spans)


def _moved(text: str, lead: int, index: list[int], styles: list[InlineStyle], spans: list[tuple[int, int]]) -> Shaped:
    """Map offsets through ``index`` and ``lead``, clipped to ``text``."""
    n = len(text)

    def at(offset: int) -> int:
        return max(0, min(index[min(offset, len(index) - 1)] - lead, n))

    moved = [InlineStyle(at(s.start), at(s.end), s.kind) for s in styles]
    return text, [s for s in moved if s.end > s.start], [(at(a), at(b)) for a, b in spans]


def block_kind(heading: int, code: bool, list_item: bool, quote: bool) -> tuple[BlockKind, int]:
    """The kind of a block from what it is inside; a heading wins, then code, a list item, a quote."""
    if heading:
        return BlockKind.HEADING, heading
    if code:
        return BlockKind.CODE, 0
    if list_item:
        return BlockKind.LIST_ITEM, 0
    return (BlockKind.QUOTE if quote else BlockKind.PARAGRAPH), 0
