"""Golden file: the runs both the reading view and the PDF are built from.

The seed's entities come from a fixture (``tests/golden/seed_entities.json``), not
the model, so the golden changes only when the layout does.
"""

from __future__ import annotations

import os

import pytest

from reader.core.article import Article
from reader.core.entities.types import EntityType
from reader.core.layout import describe, lay_out
from tests.conftest import ROOT
from tests.fixtures import SEED_ENTITIES, entities_from_json

GOLDEN = ROOT / "tests" / "golden" / "seed_layout.txt"


def test_seed_layout_matches_golden(seed_article: Article) -> None:
    got = describe(lay_out(seed_article.document, seed_article.entities_or_empty()))
    if os.environ.get("QARI_REGEN_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_runs_cover_the_text_exactly(seed_article: Article) -> None:
    doc = seed_article.document
    blocks = lay_out(doc, seed_article.entities_or_empty())
    assert "\n".join(b.text for b in blocks) == doc.text
    for b in blocks:
        for r in b.runs:
            assert doc.text[r.start : r.start + len(r.text)] == r.text


def test_every_mention_is_marked_on_its_letters(seed_article: Article) -> None:
    entities = seed_article.entities_or_empty()
    assert entities
    marked = {
        (r.start, r.start + len(r.text), r.entity, r.entity_key)
        for b in lay_out(seed_article.document, entities)
        for r in b.runs
        if r.entity is not None
    }
    # The seed's mentions lie inside one paragraph each and do not touch notes or emphasis,
    # so each is exactly one run.
    assert marked == {(m.start, m.end, e.type, e.key) for e in entities for m in e.mentions}


def test_hidden_types_are_not_marked(seed_article: Article) -> None:
    blocks = lay_out(seed_article.document, seed_article.entities_or_empty(), frozenset({EntityType.DATE}))
    assert all(r.entity is not EntityType.DATE for b in blocks for r in b.runs)
    assert any(r.entity is EntityType.PERSON for b in blocks for r in b.runs)


def test_fixture_entities_index_the_seed_text(seed_article: Article) -> None:
    # The fixture's offsets were taken from this text: every span is a whole name, not a shifted slice.
    spans = [seed_article.text[m.start : m.end] for e in seed_article.entities_or_empty() for m in e.mentions]
    assert spans
    assert all(s and s == s.strip() and "\n" not in s for s in spans)


def test_fixture_refuses_a_changed_text(seed_article: Article) -> None:
    # Offsets captured from another text would mark the wrong letters: the fixture says so instead.
    with pytest.raises(ValueError, match="changed"):
        entities_from_json("«" + seed_article.text, SEED_ENTITIES.read_text(encoding="utf-8"))


def test_code_and_markers_reach_the_runs() -> None:
    from reader.core.document import LINE_BREAK, Block, BlockKind, Direction, Document, InlineStyle

    para = "نص فيه f(x) هنا"
    at = para.index("f(x)")
    doc = Document(
        title="t",
        blocks=[
            Block(BlockKind.PARAGRAPH, para, styles=[InlineStyle(at, at + 4, "code"), InlineStyle(0, 2, "em")]),
            Block(BlockKind.LIST_ITEM, "بند", level=2, marker="٣)"),
            Block(BlockKind.RULE, ""),
            Block(BlockKind.CODE, "a = 1" + LINE_BREAK + "b = 2", direction=Direction.LTR),
        ],
    )
    blocks = lay_out(doc, [])
    assert [(r.text, r.code, r.em) for r in blocks[0].runs] == [("نص", False, True), (" فيه ", False, False), ("f(x)", True, False), (" هنا", False, False)]
    assert (blocks[1].marker, blocks[1].level, blocks[1].text) == ("٣)", 2, "بند")
    assert blocks[2].runs == () and blocks[2].start == doc.block_offsets()[2]
    assert all(r.code for r in blocks[3].runs) and blocks[3].text == doc.blocks[3].text
    assert "\n".join(b.text for b in blocks) == doc.text, "the marker is never in the text"
    dump = describe(blocks)
    assert "[1] list_item level=2 dir=rtl start=16 marker=«٣)»" in dump
    assert "code «f(x)»" in dump


def _coloured(spans) -> dict[int, tuple[EntityType, str]]:
    return {i: (kind, key) for start, end, kind, key in spans for i in range(start, end)}


def test_entity_spans_colour_what_the_runs_colour(seed_article: Article) -> None:
    from reader.core.document import Block, BlockKind, Document, FootnoteRef
    from reader.core.entities.types import Entity, Mention
    from reader.core.layout import entity_spans

    text = "زار محمد بن سلمان القاهرة(1) أمس"
    noted = Document(title="ع", blocks=[Block(BlockKind.PARAGRAPH, text, refs=[FootnoteRef(text.index("(1)"), text.index("(1)") + 3, "n1")])])
    wide = Mention(text.index("القاهرة"), text.index(" أمس"), EntityType.LOCATION, "القاهرة(1)")  # a mention across a marker
    cases = [
        (seed_article.document, seed_article.entities_or_empty(), frozenset()),
        (seed_article.document, seed_article.entities_or_empty(), frozenset({EntityType.PERSON})),
        (noted, [Entity("القاهرة", EntityType.LOCATION, "القاهرة", [wide])], frozenset()),
    ]
    for doc, entities, hidden in cases:
        runs = [(r.start, r.start + len(r.text), r.entity, r.entity_key) for b in lay_out(doc, entities, hidden) for r in b.runs if r.entity and not r.note_id]
        assert runs, "the case colours nothing"
        assert _coloured(entity_spans(doc, entities, hidden)) == _coloured(runs)
