"""Loaders, note linking and layout stay near-linear on their worst inputs (issue 13).

Each input here took well over 10 s before (most of them minutes); the timeout is a
generous ceiling for a slow 2-core machine, and every test also checks the output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import html_loader, markdown_loader
from reader.core.document import Block, BlockKind, Document, Footnote, FootnoteRef, InlineStyle
from reader.core.layout import lay_out
from reader.core.loaders import load_bytes

SENTENCE = "أعلنت بلدية المدينة عن افتتاح المكتبة العامة"


@pytest.mark.timeout(120)  # markdown-it: 2–6 s each here, several times that under coverage
@pytest.mark.parametrize("opener", ["[", "[^", "![", "[a](", "[^a"])
def test_markdown_unclosed_openers(opener: str) -> None:
    """50,000 unclosed ``[`` took 17 s: each one searched to the end of the paragraph."""
    src = f"{SENTENCE} {opener * 50_000} {SENTENCE}"
    text, styles, refs = markdown_loader.parse_inline(src, {})
    assert text == src  # nothing closes, so nothing is stripped
    assert styles == [] and refs == []


@pytest.mark.timeout(120)
def test_markdown_many_closed_constructs_keep_their_text() -> None:
    """Many constructs that do close: each is stripped and styled, the text in between kept."""
    src = " ".join(f"**قوي{i}** و*مائل* و[رابط](http://x/{i}) و[^{i % 7}]" for i in range(20_000))
    doc = markdown_loader.parse(f"# عنوان\n\n{src}\n")
    (block,) = doc.blocks
    assert "**" not in block.text and "](" not in block.text
    assert block.text.startswith("قوي0 ومائل ورابط و0 ")
    assert sum(s.kind == "strong" for s in block.styles) == 20_000
    assert sum(s.kind == "em" for s in block.styles) == 20_000
    assert len(block.refs) == 20_000
    assert block.text[block.styles[0].start : block.styles[0].end] in ("قوي0", "مائل")


@pytest.mark.timeout(30)
def test_unmatched_notes_are_linked_in_one_pass() -> None:
    """5,000 lines and 5,000 ``(1)`` notes no marker points at took 132 s."""
    body = "\n\n".join(f"{SENTENCE} {i}." for i in range(5_000))
    notes = "\n".join(f"(1) حاشية {i}" for i in range(5_000))
    doc = load_bytes(f"{body}\n\n{notes}\n".encode(), Path("notes.txt"))
    assert len(doc.blocks) == 5_000
    assert len(doc.footnotes) == 5_000
    assert all(n.ref_block is None for n in doc.footnotes)
    assert doc.footnotes[-1].text == "حاشية 4999"


@pytest.mark.timeout(30)
def test_matched_notes_link_in_order() -> None:
    """Each note takes the first unused marker after the previous one, block by block."""
    body = "\n\n".join(f"{SENTENCE} ({i % 3 + 1})." for i in range(6_000))
    notes = "\n".join(f"({i % 3 + 1}) حاشية {i}" for i in range(6_000))
    doc = load_bytes(f"{body}\n\n{notes}\n".encode(), Path("notes.txt"))
    assert [n.ref_block for n in doc.footnotes] == list(range(6_000))
    assert all(len(b.refs) == 1 and b.text[b.refs[0].start : b.refs[0].end] == f"({i % 3 + 1})" for i, b in enumerate(doc.blocks))


@pytest.mark.timeout(30)
def test_layout_of_a_long_paragraph_with_many_marks() -> None:
    """A paragraph with 20,000 emphasis spans and 20,000 note markers: every run scanned every mark."""
    n = 20_000
    text = "كلمة (1) " * n
    styles = [InlineStyle(9 * i, 9 * i + 4, "em" if i % 2 else "strong") for i in range(n)]
    refs = [FootnoteRef(9 * i + 5, 9 * i + 8, f"n{i}") for i in range(n)]
    doc = Document("عنوان", [Block(BlockKind.PARAGRAPH, text, styles=styles, refs=refs)])
    (laid,) = lay_out(doc, [])
    assert laid.text == text
    assert sum(r.strong for r in laid.runs) == n // 2 and sum(r.em for r in laid.runs) == n // 2
    assert [r.note_id for r in laid.runs if r.note_id] == [f"n{i}" for i in range(n)]
    assert all(r.text == "(1)" for r in laid.runs if r.note_id)


def test_layout_overlapping_marks_take_the_latest() -> None:
    """Where marks overlap, each attribute comes from the last mark that covers the run."""
    refs = [FootnoteRef(0, 6, "a"), FootnoteRef(2, 4, "b")]
    doc = Document("t", [Block(BlockKind.PARAGRAPH, "abcdef", styles=[InlineStyle(1, 3, "em")], refs=refs)])
    (laid,) = lay_out(doc, [])
    assert [(r.text, r.note_id, r.em) for r in laid.runs] == [
        ("a", "a", False),
        ("b", "a", True),
        ("c", "b", True),
        ("d", "b", False),
        ("ef", "a", False),
    ]


@pytest.mark.timeout(30)
def test_footnote_lookup_by_id_is_not_a_scan() -> None:
    """Asking for each of 100,000 notes by id scanned the list each time (the PDF export hung)."""
    notes = [Footnote(f"n{i}", str(i), f"حاشية {i}") for i in range(100_000)]
    doc = Document("t", [Block(BlockKind.PARAGRAPH, SENTENCE)], notes)
    assert all(doc.footnote(f"n{i}") is notes[i] for i in range(100_000))
    assert doc.footnote("missing") is None
    doc.footnotes.append(Footnote("late", "*", "أضيفت"))
    assert doc.footnote("late") is doc.footnotes[-1]
    doc.footnotes = [Footnote("n1", "*", "جديدة")]
    assert doc.footnote("n1") is doc.footnotes[0] and doc.footnote("n2") is None


@pytest.mark.timeout(30)
def test_html_emphasis_soup() -> None:
    """20,000 ``<b><i>`` closed only by ``</b>``: each end tag scanned the open ``<i>`` tags."""
    n = 20_000
    doc = html_loader.parse("<p>" + "<b><i>" * n + "نص" + "</b>" * n + "</p><p>بعد</p>")
    assert [b.text for b in doc.blocks] == ["نص", "بعد"]
    assert len(doc.blocks[0].styles) == n and all(s.kind == "strong" for s in doc.blocks[0].styles)


@pytest.mark.timeout(30)
def test_html_deep_nesting() -> None:
    """10,000 levels of nested blocks and inline tags load, and keep their text."""
    n = 10_000
    doc = html_loader.parse("<div><b><i><span><section><em>" * n + "نص عميق" + "</em></section></span></i></b></div>" * n + "<p>بعد</p>")
    assert [b.text for b in doc.blocks] == ["نص عميق", "بعد"]


@pytest.mark.timeout(300)
def test_a_line_of_a_million_tokens_is_tagged_in_bounded_sentences() -> None:
    from reader.core.entities import analyse
    from reader.core.entities.tokens import MAX_SENTENCE_TOKENS, sentence_columns

    text = "& " * 1_000_000
    columns = sentence_columns(text)
    assert max(len(words) for words, _, _ in columns) == MAX_SENTENCE_TOKENS
    assert sum(len(words) for words, _, _ in columns) == 1_000_000
    assert analyse(text) == []
