"""Typst markup for an article, built from :mod:`reader.core.layout` runs.

Every piece of article text goes in as a Typst string literal (``#"…"``), so
nothing in an article can be read as markup or code.  The markup is built from
the :class:`~reader.core.article.Article` the caller holds (its text and its
entities as they are now), never from the file again.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

from reader.core.article import Article
from reader.core.document import LINE_BREAK, BlockKind, Direction
from reader.core.entities.types import EntityType
from reader.core.entity_style import HIGHLIGHTS, TYPE_LABELS
from reader.core.errors import QariError
from reader.core.layout import LaidBlock, lay_out
from reader.core.settings import PrintOptions
from reader.pdf.notes import MAX_FOOTNOTES, Notes, uses_endnotes
from reader.pdf.safe_text import MAX_MARKS, cap_marks, dropped_marks, lit, markup

__all__ = ["default_paper", "lit", "pdf_notices", "typst_source"]

#: The PDF is printed on white: it takes the light theme's colours.
HIGHLIGHT = {kind: colours[0] for kind, colours in HIGHLIGHTS["light"].items()}
LEGEND = {kind: labels[1] for kind, labels in TYPE_LABELS.items()}
FONT = "Amiri"
#: Longest title the page header repeats whole (characters).
RUNNING_TITLE = 120
#: Countries whose default paper is US Letter.
_LETTER_TERRITORIES = {"US", "CA", "MX", "CL", "CO", "VE", "PH", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "BO"}


def default_paper(environ: Mapping[str, str] | None = None) -> str:
    """``"us-letter"`` when the user's locale is in a Letter country, else ``"a4"``.

    The paper locale is ``LC_ALL``, then ``LC_PAPER``, then ``LANG`` (the POSIX
    order; the named locale need not be installed), else the C library's
    current ``LC_CTYPE``.  ``C`` and ``C.UTF-8`` name no country: A4.  Not
    ``locale.getlocale()``: it reads ``C.UTF-8`` as ``en_US``, i.e. Letter.
    """
    env = os.environ if environ is None else environ
    name = next((env[var] for var in ("LC_ALL", "LC_PAPER", "LANG") if env.get(var)), "") or locale.setlocale(locale.LC_CTYPE)
    base = name.split(".")[0].split("@")[0]
    territory = base.split("_", 1)[1][:2].upper() if "_" in base else ""
    return "us-letter" if territory in _LETTER_TERRITORIES else "a4"


def _running_title(title: str) -> str:
    """The title for the page header: cut at a word when longer than a line, so a huge title cannot fill every page."""
    title = cap_marks(title)
    if len(title) <= RUNNING_TITLE:
        return title
    cut = title[:RUNNING_TITLE]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def pdf_notices(article: Article) -> list[str]:
    """What the PDF of ``article`` leaves out of the file, one line each (empty for ordinary articles).

    The command line prints them as ``qari: note: …`` so a PDF that differs
    from its file never does so silently.
    """
    doc = article.document
    # A derived title repeats the opening words: its marks are the text's, counted once.
    title = 0 if doc.title_is_derived else dropped_marks(doc.title)
    dropped = title + dropped_marks(doc.text) + sum(dropped_marks(n.text) for n in doc.footnotes)
    notices = []
    if dropped:
        notices.append(f"the PDF leaves out {dropped:,} combining marks stacked more than {MAX_MARKS} on one letter (the file and the screen keep them)")
    if uses_endnotes(doc):
        notices.append(f"the PDF lists its {len(doc.footnotes):,} footnotes after the article, without links (more than {MAX_FOOTNOTES:,})")
    return notices


#: Heading size by level (× the body size), as on screen; level 0 (unknown) is typeset as level 2.
HEADING_SCALE = {1: 1.6, 2: 1.4, 3: 1.25, 4: 1.1, 5: 1.0, 6: 1.0}
#: Background of code, as on screen (light theme).
CODE_FILL = 'rgb("#efeee9")'


def _code(text: str, block: bool) -> str:
    """``text`` as a Typst ``raw`` element with no language: monospace, left to right, never markup."""
    body = lit(cap_marks(text).replace(LINE_BREAK, "\n"))
    if block:
        return f"#block(width: 100%, fill: {CODE_FILL}, inset: 6pt, radius: 2pt)[#set align(left); #set text(dir: ltr); #raw(block: true, lang: none, {body})]"
    return f"#highlight(fill: {CODE_FILL}, extent: 1pt)[#raw(lang: none, {body})]"


def _block(notes: Notes, block: LaidBlock, highlights: bool, size: float) -> str:
    if block.kind is BlockKind.RULE:
        return "#align(center)[#line(length: 30%, stroke: 0.5pt)]"
    if block.kind is BlockKind.CODE:
        return _code(block.text, block=True)
    parts = []
    for run in block.runs:
        if run.note_id:
            parts.append(notes.ref(run.note_id))
            continue
        body = _code(run.text, block=False) if run.code else markup(run.text)
        if run.strong:
            body = f"#strong[{body}]"
        if run.em:
            body = f"#emph[{body}]"
        if highlights and run.entity is not None:
            body = f'#highlight(fill: rgb("{HIGHLIGHT[run.entity]}"), extent: 1pt)[{body}]'
        parts.append(body)
    inner = "".join(parts)
    direction = "rtl" if block.direction is Direction.RTL else "ltr"
    align = "right" if block.direction is Direction.RTL else "left"
    if block.kind is BlockKind.HEADING:
        level = min(block.level, 6) or 2
        return f"#heading(level: {level})[#align({align})[#text(dir: {direction}, size: {size * HEADING_SCALE[level]:g}pt)[{inner}]]]"
    if block.kind is BlockKind.QUOTE:
        return f"#quote(block: true)[#text(dir: {direction})[{inner}]]"
    if block.kind is BlockKind.LIST_ITEM:
        # The marker as the document wrote it (• 3. ٣)), on the item's reading side, indented by depth.
        mark = f"marker: [#{lit(block.marker)}], " if block.marker else ""
        indent = f"{1.2 * (max(1, block.level) - 1):g}em"
        return f"#block(width: 100%)[#set align({align}); #set text(dir: {direction}); #list({mark}indent: {indent})[{inner}]]"
    return f"#block(width: 100%)[#set align({align}); #set text(dir: {direction}); #par[{inner}]]"


#: Typst holds the whole document while it typesets it: about 160 MB per million letters with
#: highlights, and far more for many short paragraphs (100,000 lines, 6 MB: 2.5 GB and 40 s).
#: Past these, export is refused in one line rather than exhausting the machine's memory.
MAX_PDF_CHARS = 2_000_000
MAX_PDF_BLOCKS = 30_000


def check_typesettable(article: Article) -> None:
    """Raise :class:`QariError` if ``article`` is too long to typeset as one PDF (before analysing it for one)."""
    doc = article.document
    chars = len(article.text) + sum(len(note.text) for note in doc.footnotes)
    chars += sum(len(b.text) for b in doc.blocks if b.kind is BlockKind.CODE)  # raw blocks cost Typst twice (2 MB of code: 57 s)
    blocks = len(doc.blocks) + len(doc.footnotes)
    if chars > MAX_PDF_CHARS or blocks > MAX_PDF_BLOCKS:
        name = article.path.name if article.path else article.title[:40]
        raise QariError(
            f"{name}: too long for one PDF ({chars:,} letters in {blocks:,} paragraphs and notes; "
            f"Qari typesets up to {MAX_PDF_CHARS:,} letters and {MAX_PDF_BLOCKS:,} paragraphs, about 600 pages)"
        )


def typst_source(article: Article, options: PrintOptions, hidden: frozenset[EntityType] = frozenset()) -> str:
    """The whole Typst document for ``article``; its entities as far as they are known (none before analysis).

    Raises :class:`QariError` for an article too long to typeset (:func:`check_typesettable`).
    """
    check_typesettable(article)
    doc = article.document
    entities = article.entities_or_empty()
    paper = options.paper or default_paper()
    digits = "١" if options.arabic_digits else "1"
    size = options.font_size
    running = lit(_running_title(doc.title))
    lines = [
        f"#set document(title: {lit(cap_marks(doc.title))})",
        f"#set page(paper: {lit(paper)}, margin: {options.margin_mm}mm,",
        f"  header: context {{ if counter(page).get().first() > 1 [#set text(size: {size * 0.7}pt, fill: luma(90)); #align(center)[#{running}]] }},",
        f"  footer: context [#set text(size: {size * 0.75}pt); #align(center)[#counter(page).display({lit(digits)})]])",
        f'#set text(font: {lit(FONT)}, lang: "ar", dir: rtl, size: {size}pt)',
        # Amiri's kerning opens gaps that pdftotext reads as spaces inside words (طو يلا); without it
        # copied text keeps its words whole (measured on the seed: 52 split words → 0).
        "#set text(kerning: false)",
        "#set par(leading: 0.9em, spacing: 1.1em)",
        '#show heading: set text(weight: "bold")',
        "#set footnote.entry(separator: line(length: 30%, stroke: 0.5pt))",
    ]
    notes = Notes(doc)
    title_notes = "".join(notes.ref(n.note_id) for n in doc.footnotes if n.ref_block is None)
    lines.append(f'#align(right)[#text(size: {size * 1.6}pt, weight: "bold")[{markup(doc.title)}{title_notes}]]')
    present = [t for t in EntityType if t not in hidden and any(e.type is t for e in entities)]
    if options.highlights and present:
        keys = "#h(1em)".join(f'#box(fill: rgb("{HIGHLIGHT[t]}"), inset: 2pt, outset: 1pt)[#{lit(LEGEND[t])}]' for t in present)
        lines.append(f"#align(right)[#text(size: {size * 0.75}pt)[{keys}]]")
    lines.append("#v(0.6em)")
    for block in lay_out(doc, entities, hidden):
        lines.append(_block(notes, block, options.highlights, size))
        lines.append("")
    lines += notes.end(size)
    return "\n".join(lines) + "\n"
