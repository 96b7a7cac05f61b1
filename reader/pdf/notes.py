"""Footnotes in the PDF: Typst footnotes, or past :data:`MAX_FOOTNOTES` a plain list at the end.

Thousands of Typst footnotes anchored on one page (10,000 author notes on the
title) take Typst gigabytes and minutes to place, and fill a page with one link
per marker.  Past the limit each marker is plain superscript text and the
notes are listed after the article, in the order they are first referred to.
"""

from __future__ import annotations

from reader.core.document import Document
from reader.pdf.safe_text import lit, markup

#: More footnotes than this are typeset as endnotes without links.
MAX_FOOTNOTES = 1000


def uses_endnotes(doc: Document) -> bool:
    """Whether ``doc``'s notes go at the end of the PDF instead of at the foot of their pages."""
    return len(doc.footnotes) > MAX_FOOTNOTES


class Notes:
    """Turns note references into markup, remembering what an endnote list must print."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self.endnotes = uses_endnotes(doc)
        self._labels: dict[str, str] = {}
        self._listed: list[tuple[str, str]] = []
        self._numbered = 0

    def ref(self, note_id: str) -> str:
        """The markup where the article refers to ``note_id`` (nothing for a note that does not exist)."""
        note = self._doc.footnote(note_id)
        if note is None:
            return ""
        if not self.endnotes:
            numbering = lit(note.marker if note.marker.startswith("*") else "1")
            return f"#footnote(numbering: {numbering})[{markup(note.text)}]"
        label = self._labels.get(note_id)
        if label is None:
            if note.marker.startswith("*"):
                label = note.marker
            else:
                self._numbered += 1
                label = str(self._numbered)
            self._labels[note_id] = label
            self._listed.append((label, note.text))
        return f"#super[#{lit(label)}]"

    def end(self, size: float) -> list[str]:
        """The endnote list to close the document with (none when notes sit at the foot of their pages)."""
        if not self._listed:
            return []
        lines = ["#line(length: 30%, stroke: 0.5pt)", f"#block(width: 100%)[#set align(right); #set text(dir: rtl, size: {size * 0.85}pt)"]
        for label, text in self._listed:
            lines += [f"#super[#{lit(label)}] {markup(text)}", ""]
        lines.append("]")
        return lines
