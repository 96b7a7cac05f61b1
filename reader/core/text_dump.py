"""An article as plain text or as a JSON-able dict: what ``qari text`` prints.

Shows exactly what Qari read (the blocks, their kinds, the notes, the encoding),
so a wrong guess can be seen and reported without opening the window, and so the
hostile-input runner can check that every word of a file came through.

The JSON shape is stable (``DUMP_VERSION`` changes when it does)::

    {"version": 1, "title": str, "title_is_derived": bool, "format": str,
     "encoding": str, "sha256": str, "meta": {str: str},
     "blocks": [{"kind": "heading|paragraph|quote|list_item|code|rule",
                 "level": int, "marker": str, "direction": "rtl|ltr", "text": str,
                 "styles": [{"start": int, "end": int, "kind": "em|strong|code"}],
                 "refs": [{"start": int, "end": int, "note_id": str}]}],
     "footnotes": [{"id": str, "marker": str, "text": str, "ref_block": int | null}]}

Offsets are into each block's ``text``, in which a line break inside a block is
U+2028 (as in the document model), so they hold as given.
"""

from __future__ import annotations

from typing import Any

from reader.core.article import Article
from reader.core.document import LINE_BREAK, Block, BlockKind, Document

#: Bumped when the JSON shape changes.
DUMP_VERSION = 1
#: Between the body and the notes in the plain output.
NOTES_SEPARATOR = "----------"
RULE = "* * *"


def _lines(text: str) -> str:
    """Block text with its in-block line breaks as newlines, for a terminal."""
    return text.replace(LINE_BREAK, "\n")


def block_text(block: Block) -> str:
    """One block as plain text: Markdown-like prefixes say what it is."""
    text = _lines(block.text)
    if block.kind is BlockKind.HEADING:
        return "#" * max(1, min(block.level, 6)) + " " + text
    if block.kind is BlockKind.LIST_ITEM:
        indent = "  " * max(0, block.level - 1)
        return indent + (f"{block.marker} {text}" if block.marker else text)
    if block.kind is BlockKind.QUOTE:
        return "\n".join("> " + line for line in text.split("\n"))
    if block.kind is BlockKind.RULE:
        return RULE
    return text  # paragraph, code block: as is


def to_text(document: Document) -> str:
    """The title, the blocks separated by blank lines, then the notes under a separator."""
    parts = [_lines(document.title).replace("\n", " ")]
    parts += [block_text(b) for b in document.blocks]
    if document.footnotes:
        notes = "\n".join(f"{n.marker} {_lines(n.text)}" for n in document.footnotes)
        parts.append(NOTES_SEPARATOR + "\n" + notes)
    return "\n\n".join(parts)


def _block_dict(block: Block) -> dict[str, Any]:
    return {
        "kind": block.kind.value,
        "level": block.level,
        "marker": block.marker,
        "direction": block.direction.value,
        "text": block.text,
        "styles": [{"start": s.start, "end": s.end, "kind": s.kind} for s in block.styles],
        "refs": [{"start": r.start, "end": r.end, "note_id": r.note_id} for r in block.refs],
    }


def to_dict(article: Article) -> dict[str, Any]:
    """The article as plain JSON-able data, in the documented shape."""
    doc = article.document
    return {
        "version": DUMP_VERSION,
        "title": doc.title,
        "title_is_derived": doc.title_is_derived,
        "format": article.provenance.fmt,
        "encoding": article.provenance.encoding,
        "sha256": article.provenance.sha256,
        "meta": dict(doc.meta),
        "blocks": [_block_dict(b) for b in doc.blocks],
        "footnotes": [{"id": n.note_id, "marker": n.marker, "text": n.text, "ref_block": n.ref_block} for n in doc.footnotes],
    }


def notices(article: Article) -> list[str]:
    """What the reader should know about how the file was read: never said silently."""
    encoding = article.provenance.encoding
    if encoding == "utf-8":
        return []
    name = article.path.name if article.path is not None else "the text"
    return [f"{name}: read as {encoding}"]
