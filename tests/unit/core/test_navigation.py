"""Navigation without a window: mentions, markers and notes, paragraphs, Back and Forward."""

from __future__ import annotations

import pytest

from reader.core.document import Block, BlockKind, Document, Footnote, FootnoteRef
from reader.core.entities.types import Entity, EntityType, Mention
from reader.core.navigation import History, Navigator, Place, Region, title_refs, wrapped_step

PARAGRAPHS = ["زار مادورو كاراكاس (1) أمس.", "ثم عاد مادورو إلى ليما.", "وفي ليما التقى غوايدو (2)."]


def _doc() -> Document:
    blocks = []
    for text in PARAGRAPHS:
        refs = [FootnoteRef(text.index(m), text.index(m) + len(m), f"n{m[1]}") for m in ("(1)", "(2)") if m in text]
        blocks.append(Block(BlockKind.PARAGRAPH, text, refs=refs))
    notes = [Footnote("star", "*", "عن الكاتب"), Footnote("n1", "(1)", "العاصمة", 0), Footnote("n2", "(2)", "المعارض", 2)]
    return Document("عنوان المقال", blocks, notes)


def _entity(doc: Document, name: str, kind: EntityType) -> Entity:
    mentions, pos = [], 0
    while (pos := doc.text.find(name, pos)) != -1:
        mentions.append(Mention(pos, pos + len(name), kind, name))
        pos += len(name)
    assert mentions, name
    return Entity(name, kind, name, mentions)


@pytest.fixture
def doc() -> Document:
    return _doc()


@pytest.fixture
def entities(doc: Document) -> list[Entity]:
    return [
        _entity(doc, "مادورو", EntityType.PERSON),
        _entity(doc, "ليما", EntityType.LOCATION),
        _entity(doc, "كاراكاس", EntityType.LOCATION),
        _entity(doc, "غوايدو", EntityType.PERSON),
    ]


def _all_mentions(entities: list[Entity], hidden: frozenset[EntityType] = frozenset()) -> list[tuple[int, int]]:
    return sorted((m.start, m.end) for e in entities if e.type not in hidden for m in e.mentions)


def test_wrapped_step_wraps_both_ways() -> None:
    positions = [3, 8, 20]
    assert [positions[wrapped_step(positions, here, 1)] for here in (0, 3, 10, 20, 99)] == [3, 8, 20, 3, 3]
    assert [positions[wrapped_step(positions, here, -1)] for here in (0, 3, 10, 20, 99)] == [20, 20, 8, 8, 20]


def test_places_sort_in_reading_order() -> None:
    places = [Place.in_note(0, 2), Place.in_body(500), Place.in_title(40), Place.in_note(-1), Place.in_body(0), Place.in_note(1)]
    assert [p.region for p in sorted(places)] == [Region.TITLE, Region.BODY, Region.BODY, Region.NOTES, Region.NOTES, Region.NOTES]
    assert sorted(places)[3:] == [Place.in_note(-1), Place.in_note(0, 2), Place.in_note(1)]


def test_title_refs_follow_the_title(doc: Document) -> None:
    (ref,) = title_refs(doc)
    assert (ref.start, ref.end, ref.note_id) == (len(doc.title), len(doc.title) + 1, "star")


def test_next_mention_walks_every_shown_mention_and_wraps(doc: Document, entities: list[Entity]) -> None:
    nav = Navigator(doc, entities)
    spans = _all_mentions(entities)
    here = Place.in_title()
    seen = [nav.next_mention(here, 1) for _ in range(len(spans) + 1)]
    assert [(m.start, m.end) for m in seen if m] == [*spans, spans[0]]
    back = nav.next_mention(here, -1)
    assert back is not None and (back.start, back.end) == spans[-1]
    assert nav.current is not None and back in nav.current.mentions


def test_from_the_cursor_a_mention_at_the_cursor_is_next(doc: Document, entities: list[Entity]) -> None:
    spans = _all_mentions(entities)
    nav = Navigator(doc, entities)
    found = nav.next_mention(Place.in_body(spans[2][0]), 1)
    assert found is not None and (found.start, found.end) == spans[2]
    nav = Navigator(doc, entities)
    found = nav.next_mention(Place.in_body(spans[2][0]), -1)
    assert found is not None and (found.start, found.end) == spans[1]
    # From the notes, forward wraps to the first and backward finds the last.
    nav = Navigator(doc, entities)
    first, last = nav.next_mention(Place.in_note(1), 1), Navigator(doc, entities).next_mention(Place.in_note(1), -1)
    assert first is not None and last is not None and ((first.start, first.end), (last.start, last.end)) == (spans[0], spans[-1])


def test_hidden_types_are_skipped(doc: Document, entities: list[Entity]) -> None:
    hidden = frozenset({EntityType.LOCATION})
    nav = Navigator(doc, entities, hidden)
    spans = _all_mentions(entities, hidden)
    assert spans != _all_mentions(entities)
    walked = [nav.next_mention(Place.in_title(), 1) for _ in spans]
    assert [(m.start, m.end) for m in walked if m] == spans
    lima = next(e for e in entities if e.name == "ليما")
    assert nav.entity_at(lima.mentions[0].start) is None
    nav.hidden = frozenset()
    assert nav.entity_at(lima.mentions[0].start) is lima


def test_everything_hidden_or_nothing_found_gives_none(doc: Document, entities: list[Entity]) -> None:
    assert Navigator(doc, entities, frozenset(EntityType)).next_mention(Place.in_title(), 1) is None
    empty = Navigator()
    for step in (1, -1):
        assert empty.next_mention(Place.in_title(), step) is None
        assert empty.next_footnote(Place.in_title(), step) is None
        assert empty.next_paragraph(Place.in_title(), step) is None
        assert empty.next_of_entity(None, Place.in_title(), step) is None
    assert empty.follow(Place.in_note(0)) is None
    assert empty.back(Place.in_title()) is None and empty.forward(Place.in_title()) is None


def test_mentions_of_one_entity(doc: Document, entities: list[Entity]) -> None:
    nav = Navigator(doc, entities)
    maduro = next(e for e in entities if e.name == "مادورو")
    here = Place.in_title()
    first = nav.choose(maduro, here)
    assert first is maduro.mentions[0] and nav.current is maduro and nav.mark == (first.start, first.end)
    assert nav.back(Place.in_body(first.start)) == here, "choosing from the sidebar is a jump"
    second = nav.choose(maduro, here)
    assert second is maduro.mentions[1], "choosing the current entity again walks on"
    assert nav.next_of_entity(maduro, here, 1) is maduro.mentions[0], "wraps"
    assert nav.next_of_entity(maduro, here, -1) is maduro.mentions[1]


def test_the_mark_is_where_a_step_starts(doc: Document, entities: list[Entity]) -> None:
    nav = Navigator(doc, entities)
    spans = _all_mentions(entities)
    nav.next_mention(Place.in_title(), 1)
    # The cursor moved elsewhere, but the next step starts from the mark.
    found = nav.next_mention(Place.in_body(spans[-1][0]), 1)
    assert found is not None and (found.start, found.end) == spans[1]


def test_footnote_markers_in_title_and_body(doc: Document) -> None:
    nav = Navigator(doc)
    offsets = doc.block_offsets()
    body = [Place.in_body(offsets[i] + r.start) for i, b in enumerate(doc.blocks) for r in b.refs]
    title = Place.in_title(len(doc.title))
    assert nav.next_footnote(Place.in_title(), 1) == title
    assert nav.next_footnote(title, 1) == body[0]
    assert nav.next_footnote(body[0], 1) == body[1]
    assert nav.next_footnote(body[1], 1) == title, "wraps"
    assert nav.next_footnote(title, -1) == body[1]
    assert nav.ref_place("n2") == body[1] and nav.ref_place("nope") is None


def test_follow_marker_to_note_and_back(doc: Document) -> None:
    nav = Navigator(doc)
    for index, note in enumerate(doc.footnotes):
        ref = nav.ref_place(note.note_id)
        assert ref is not None
        assert nav.follow(ref) == nav.note_place(note.note_id) == Place.in_note(index)
        assert nav.follow(Place.in_note(index, 4)) == ref
    assert nav.follow(Place.in_note(-1)) is None, "the notes heading is no note"
    assert nav.follow(Place.in_body(0)) is None
    assert nav.note_place("missing") is None


def test_paragraphs_stop_at_the_ends_and_the_title_is_before_the_first(doc: Document) -> None:
    nav = Navigator(doc)
    offsets = doc.block_offsets()
    spans = [(o, o + len(b.text)) for o, b in zip(offsets, doc.blocks, strict=True)]
    assert nav.next_paragraph(Place.in_title(), 1) == spans[0], "from the title the first paragraph is next"
    assert nav.next_paragraph(Place.in_title(), 1) == spans[1]
    assert nav.next_paragraph(Place.in_title(), 1) == spans[2]
    assert nav.next_paragraph(Place.in_title(), 1) == spans[2], "stops at the last"
    nav = Navigator(doc)
    assert nav.next_paragraph(Place.in_title(), -1) == spans[0], "stops at the first"
    nav = Navigator(doc)
    assert nav.next_paragraph(Place.in_body(spans[1][0] + 3), 1) == spans[2]
    nav = Navigator(doc)
    assert nav.next_paragraph(Place.in_note(0), -1) == spans[1], "the notes are after the last paragraph"
    assert nav.paragraph_count() == len(PARAGRAPHS)


def test_history_back_and_forward() -> None:
    history = History()
    a, b, c, d = Place.in_title(), Place.in_body(5), Place.in_note(0), Place.in_body(9)
    assert not history.can_go_back and history.back(a) is None
    assert history.jump(a, b) == b
    assert history.jump(b, c) == c
    assert history.back(c) == b
    assert history.back(b) == a
    assert history.back(a) is None and history.can_go_forward
    assert history.forward(a) == b
    assert history.forward(b) == c
    assert history.forward(c) is None
    history.back(c)
    history.jump(b, d)
    assert not history.can_go_forward, "a new jump forgets Forward"
    assert history.back(d) == b


def test_navigator_jump_back_forward(doc: Document) -> None:
    nav = Navigator(doc)
    ref = nav.ref_place("n1")
    assert ref is not None
    note = nav.follow(ref)
    assert note is not None
    assert nav.jump(ref, note) == note
    assert nav.back(note) == ref
    assert nav.forward(ref) == note
