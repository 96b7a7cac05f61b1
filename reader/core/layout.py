"""What the reading view and the PDF are both built from: each block cut into
runs that share one set of attributes (entity type, footnote marker, emphasis).

Plain data, so it is golden-file tested and both renderers stay in step.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from dataclasses import dataclass
from typing import TypedDict

from reader.core.document import Block, BlockKind, Direction, Document
from reader.core.entities.types import Entity, EntityType


@dataclass(frozen=True)
class Run:
    """A stretch of a block's text with uniform attributes; ``start`` is its offset in ``Document.text``."""

    text: str
    start: int
    entity: EntityType | None = None
    entity_key: str | None = None
    note_id: str | None = None
    em: bool = False
    strong: bool = False
    #: Monospace, left to right: inline code, and every run of a code block.
    code: bool = False


@dataclass(frozen=True)
class LaidBlock:
    """A block ready to render: its kind, direction, offset in ``Document.text`` and runs.

    ``marker`` is a list item's bullet or number as written: the renderers draw it
    before the item; it is not in ``Document.text``, so no run holds it.
    """

    index: int
    kind: BlockKind
    level: int
    direction: Direction
    start: int
    runs: tuple[Run, ...]
    marker: str = ""

    @property
    def text(self) -> str:
        """The block's text (runs joined)."""
        return "".join(r.text for r in self.runs)


class _Attrs(TypedDict, total=False):
    """The attributes a mark gives the runs it covers (the keyword arguments of :class:`Run`)."""

    entity: EntityType
    entity_key: str
    note_id: str
    em: bool
    strong: bool
    code: bool


#: The inline style kinds that become run attributes.
_STYLE_ATTRS: dict[str, _Attrs] = {"em": {"em": True}, "strong": {"strong": True}, "code": {"code": True}}


def _cut(block: Block, start: int, marks: list[tuple[int, int, _Attrs]]) -> tuple[Run, ...]:
    """Split ``block`` at every boundary in ``marks`` (block-relative spans with attributes).

    A run takes each attribute from the last mark in ``marks`` that covers it.  One sweep
    over the sorted boundaries with a heap per attribute, so a long paragraph with many
    marks is n log n, not a scan of every mark for every run.
    """
    size = len(block.text)
    if not marks:  # most blocks: one run, or none for an empty block
        return (Run(block.text, start),) if size else ()
    bounds = sorted({0, size, *(p for s, e, _ in marks for p in (s, e) if 0 <= p <= size)})
    order = sorted(range(len(marks)), key=lambda i: marks[i][0])
    # Per attribute, the marks that have opened: (-index, end), the latest mark on top.
    heaps: dict[str, list[tuple[int, int]]] = {}
    runs = []
    opened = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        while opened < len(order) and marks[order[opened]][0] <= a:
            i = order[opened]
            for key in marks[i][2]:
                heapq.heappush(heaps.setdefault(key, []), (-i, marks[i][1]))
            opened += 1
        for heap in heaps.values():
            while heap and heap[0][1] <= a:  # ended before this run (every end in range is a boundary)
                heapq.heappop(heap)
        # Each attribute's latest covering mark, applied oldest first as a scan of all marks would.
        attrs: _Attrs = {}
        for i in sorted({-heap[0][0] for heap in heaps.values() if heap}):
            attrs.update(marks[i][2])
        runs.append(Run(block.text[a:b], start + a, **attrs))
    return tuple(runs)


def lay_out(doc: Document, entities: list[Entity], hidden: frozenset[EntityType] = frozenset()) -> list[LaidBlock]:
    """Blocks of ``doc`` as runs, with ``entities`` (except ``hidden`` types) marked."""
    offsets = doc.block_offsets()
    per_block: list[list[tuple[int, int, _Attrs]]] = [[] for _ in doc.blocks]
    for entity in entities:
        if entity.type in hidden:
            continue
        for m in entity.mentions:
            i = bisect_right(offsets, m.start) - 1
            per_block[i].append((m.start - offsets[i], m.end - offsets[i], {"entity": entity.type, "entity_key": entity.key}))
    laid = []
    for i, block in enumerate(doc.blocks):
        marks = per_block[i]
        marks += [(r.start, r.end, {"note_id": r.note_id}) for r in block.refs]
        marks += [(s.start, s.end, _STYLE_ATTRS[s.kind]) for s in block.styles if s.kind in _STYLE_ATTRS]
        if block.kind is BlockKind.CODE:
            marks.append((0, len(block.text), {"code": True}))
        laid.append(LaidBlock(i, block.kind, block.level, block.direction, offsets[i], _cut(block, offsets[i], marks), block.marker))
    return laid


#: A stretch of ``Document.text`` an entity colours: start, end, type, key.
EntitySpan = tuple[int, int, EntityType, str]


def entity_spans(doc: Document, entities: list[Entity], hidden: frozenset[EntityType] = frozenset()) -> list[EntitySpan]:
    """What :func:`lay_out`'s entity runs colour (mentions minus footnote markers), without cutting every block into runs.

    The window needs only this when the entities arrive after the text is shown:
    laying an 8 MB article out again for it took most of a second on the UI thread.
    """
    offsets = doc.block_offsets()
    refs = sorted((offsets[i] + r.start, offsets[i] + r.end) for i, block in enumerate(doc.blocks) for r in block.refs)
    ref_starts = [a for a, _ in refs]
    out: list[EntitySpan] = []
    for entity in entities:
        if entity.type in hidden:
            continue
        for m in entity.mentions:
            start = m.start
            k = max(0, bisect_right(ref_starts, m.start) - 1)
            while k < len(refs) and refs[k][0] < m.end:
                a, b = refs[k]
                if b > start:
                    if a > start:
                        out.append((start, a, entity.type, entity.key))
                    start = max(start, b)
                k += 1
            if start < m.end:
                out.append((start, m.end, entity.type, entity.key))
    return out


def describe(blocks: list[LaidBlock]) -> str:
    """A readable dump of ``blocks`` for golden-file tests."""
    lines = []
    for b in blocks:
        marker = f" marker=«{b.marker}»" if b.marker else ""  # absent when empty: older goldens stay as they were
        lines.append(f"[{b.index}] {b.kind.value} level={b.level} dir={b.direction.value} start={b.start}{marker}")
        for r in b.runs:
            entity = r.entity and f"entity={r.entity.value}:{r.entity_key}"
            tags = [t for t in (entity, r.note_id and f"note={r.note_id}", r.em and "em", r.strong and "strong", r.code and "code") if t]
            if tags:
                lines.append(f"    {r.start}:{r.start + len(r.text)} {' '.join(tags)} «{r.text}»")
    return "\n".join(lines) + "\n"
