"""Where the reader can go: mentions, footnote markers and notes, paragraphs, Back and Forward.

Plain data over a document and its entities, in article-text offsets, so every
rule (wrapping, the title line before the first block, hidden types, what Back
returns to) is decided and tested without a window.  The reading view only maps
a :class:`Place` to a position on screen and back.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TypeVar

from reader.core.document import Document, FootnoteRef
from reader.core.entities.types import Entity, EntityType, Mention

#: A ``[start, end)`` span of ``Document.text``.
Span = tuple[int, int]

_T = TypeVar("_T", int, "Place")


class Region(IntEnum):
    """The three parts of the reading view, in reading order."""

    TITLE = 0  # the title line, with the markers of notes that belong to the title
    BODY = 1  # Document.text
    NOTES = 2  # the notes heading and one line per note


@dataclass(frozen=True, order=True)
class Place:
    """A spot in the article, ordered as it is read.

    Attributes:
        region: title line, body or notes.
        note: in the notes, the note's index in ``Document.footnotes`` (-1: the heading); else 0.
        offset: in the title line; in ``Document.text``; or in the note's line.
    """

    region: Region
    note: int
    offset: int

    @classmethod
    def in_title(cls, offset: int = 0) -> Place:
        """``offset`` characters into the title line."""
        return cls(Region.TITLE, 0, offset)

    @classmethod
    def in_body(cls, offset: int) -> Place:
        """Offset ``offset`` of ``Document.text``."""
        return cls(Region.BODY, 0, offset)

    @classmethod
    def in_note(cls, index: int, offset: int = 0) -> Place:
        """``offset`` characters into the line of note ``index`` (-1: the notes heading)."""
        return cls(Region.NOTES, index, offset)


def wrapped_step(positions: Sequence[_T], here: _T, step: int) -> int:
    """Index of the first position after ``here`` (step > 0) or the last before it, wrapping around."""
    i = bisect_right(positions, here) if step > 0 else bisect_left(positions, here) - 1
    return i % len(positions)


def title_refs(doc: Document) -> list[FootnoteRef]:
    """The markers the title line carries after the title: notes no body marker points at (the author's ``*``).

    Spans of the title line, which is the title followed by these markers; the
    reading view draws the line from this, so navigation and screen agree.
    """
    refs, pos = [], len(doc.title)
    for note in doc.footnotes:
        if note.ref_block is None:
            refs.append(FootnoteRef(pos, pos + len(note.marker), note.note_id))
            pos += len(note.marker)
    return refs


class History:
    """Back and Forward, as a browser keeps them: a jump clears Forward."""

    def __init__(self) -> None:
        self._back: list[Place] = []
        self._forward: list[Place] = []

    @property
    def can_go_back(self) -> bool:
        """True if Back has somewhere to go."""
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        """True if Forward has somewhere to go."""
        return bool(self._forward)

    def jump(self, here: Place, to: Place) -> Place:
        """Record leaving ``here`` for ``to``; return ``to``."""
        self._back.append(here)
        self._forward.clear()
        return to

    def back(self, here: Place) -> Place | None:
        """Where the last jump started (``here`` becomes Forward), or None."""
        if not self._back:
            return None
        self._forward.append(here)
        return self._back.pop()

    def forward(self, here: Place) -> Place | None:
        """Redo the jump Back undid (``here`` becomes Back again), or None."""
        if not self._forward:
            return None
        self._back.append(here)
        return self._forward.pop()


class Navigator:
    """Targets for every "go to" of one article.

    Attributes:
        history: Back and Forward.
        current: the entity whose mentions M and Shift+M walk.
        mark: the body span last stepped to (a mention or a paragraph); the next
            step starts from it rather than from the cursor.
        hidden: entity types not highlighted, which N and Shift+N skip.
    """

    def __init__(self, document: Document | None = None, entities: Sequence[Entity] = (), hidden: frozenset[EntityType] = frozenset()) -> None:
        self.history = History()
        self.current: Entity | None = None
        self.mark: Span | None = None
        self.hidden = hidden
        self._entities = list(entities)
        self._mentions = sorted(((m, e) for e in entities for m in e.mentions), key=lambda me: (me[0].start, me[0].end))
        doc = document or Document("", [])
        self._length = len(doc.text)
        offsets = doc.block_offsets()
        self._paragraphs: list[Span] = [(o, o + len(b.text)) for o, b in zip(offsets, doc.blocks, strict=True)]
        markers = [(Place.in_title(r.start), r.note_id) for r in title_refs(doc)]
        markers += [(Place.in_body(o + r.start), r.note_id) for o, b in zip(offsets, doc.blocks, strict=True) for r in b.refs]
        self._markers = sorted(markers)
        self._note_ids = [n.note_id for n in doc.footnotes]

    # -- entities -----------------------------------------------------------------
    def entity(self, kind: str, key: str) -> Entity | None:
        """The entity of type value ``kind`` and key ``key``, if the article has it."""
        return next((e for e in self._entities if e.type.value == kind and e.key == key), None)

    def entity_at(self, offset: int) -> Entity | None:
        """The shown (not hidden) entity with a mention covering ``offset``."""
        return next((e for m, e in self._visible() if m.start <= offset < m.end), None)

    def _visible(self) -> list[tuple[Mention, Entity]]:
        return [(m, e) for m, e in self._mentions if e.type not in self.hidden]

    def _origin(self, here: Place, step: int) -> int:
        """The body offset a step starts from: the mark, else the cursor (a target at the cursor counts as next)."""
        if self.mark is not None:
            return self.mark[0]
        offset = self._offset(here)
        return offset - 1 if step > 0 else offset

    def _offset(self, here: Place) -> int:
        """``here`` as a body offset: the title is before the first, the notes after the last."""
        if here.region is Region.TITLE:
            return -1
        if here.region is Region.NOTES:
            return self._length + 1
        return here.offset

    def _step(self, mentions: Sequence[Mention], here: Place, step: int) -> Mention | None:
        if not mentions:
            return None
        target = mentions[wrapped_step([m.start for m in mentions], self._origin(here, step), step)]
        self.mark = (target.start, target.end)
        return target

    def next_mention(self, here: Place, step: int) -> Mention | None:
        """The next (step > 0) or previous shown mention of any entity, wrapping; it becomes the mark and its entity current."""
        visible = self._visible()
        target = self._step([m for m, _ in visible], here, step)
        if target is not None:
            self.current = next(e for m, e in visible if m is target)
        return target

    def next_of_entity(self, entity: Entity | None, here: Place, step: int) -> Mention | None:
        """The next or previous mention of ``entity``, wrapping.

        The reader chose this entity by name, so it is walked even if its type is hidden.
        """
        if entity is None:
            return None
        return self._step(sorted(entity.mentions, key=lambda m: (m.start, m.end)), here, step)

    def choose(self, entity: Entity, here: Place) -> Mention | None:
        """The sidebar chose ``entity``: its first mention (a jump), or its next one if it is current already."""
        if entity is self.current:
            return self.next_of_entity(entity, here, 1)
        if not entity.mentions:
            return None
        self.current = entity
        first = min(entity.mentions, key=lambda m: (m.start, m.end))
        self.history.jump(here, Place.in_body(first.start))
        self.mark = (first.start, first.end)
        return first

    # -- footnotes ----------------------------------------------------------------
    def next_footnote(self, here: Place, step: int) -> Place | None:
        """The next or previous footnote marker (title line and body), wrapping; None without markers."""
        if not self._markers:
            return None
        places = [p for p, _ in self._markers]
        return places[wrapped_step(places, here, step)]

    def ref_place(self, note_id: str) -> Place | None:
        """Where the (first) marker of note ``note_id`` is."""
        return next((p for p, n in self._markers if n == note_id), None)

    def note_place(self, note_id: str) -> Place | None:
        """The start of note ``note_id``'s line."""
        return Place.in_note(self._note_ids.index(note_id)) if note_id in self._note_ids else None

    def follow(self, here: Place) -> Place | None:
        """On a marker, its note; in a note, its marker; else None.  Not yet recorded: pass it to :meth:`jump`."""
        for place, note_id in self._markers:
            if place == here:
                return self.note_place(note_id)
        if here.region is Region.NOTES and 0 <= here.note < len(self._note_ids):
            return self.ref_place(self._note_ids[here.note])
        return None

    # -- paragraphs ---------------------------------------------------------------
    def next_paragraph(self, here: Place, step: int) -> Span | None:
        """The paragraph ``step`` blocks on from the one at the mark or ``here``, stopping at the first and last."""
        if not self._paragraphs:
            return None
        origin = self.mark[0] if self.mark is not None else self._offset(here)
        current = bisect_right([s for s, _ in self._paragraphs], origin) - 1  # -1 in the title line
        target = self._paragraphs[max(0, min(len(self._paragraphs) - 1, current + step))]
        self.mark = target
        return target

    def paragraph_count(self) -> int:
        """Number of body blocks."""
        return len(self._paragraphs)

    # -- history ------------------------------------------------------------------
    def jump(self, here: Place, to: Place) -> Place:
        """Go from ``here`` to ``to``, remembering ``here`` for Back."""
        return self.history.jump(here, to)

    def back(self, here: Place) -> Place | None:
        """Where Back goes from ``here``, or None."""
        return self.history.back(here)

    def forward(self, here: Place) -> Place | None:
        """Where Forward goes from ``here``, or None."""
        return self.history.forward(here)
