"""The one structure every pass of the entity pipeline reads and writes: a sentence and its names.

A name is a token span with a type.  The model's BIO tags become names once,
as the model's pass ends (:func:`from_bio`); the names become BIO tags again
only for ANERcorp's format (:func:`to_bio`).  Every pass between works on names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from reader.core.entities.conll import mark, spans
from reader.core.entities.gazetteer import SentenceSpans
from reader.core.entities.types import FROM_BIO, TO_BIO, EntityType


class Name(NamedTuple):
    """A name over tokens ``[start, end)`` of one sentence."""

    type: EntityType
    start: int
    end: int


@dataclass(slots=True, eq=False)
class Sentence:
    """One sentence as the passes see it.

    Its columns are tuples: a document keeps them all until its analysis ends,
    and the cycle collector stops scanning tuples of strings and numbers.

    Attributes:
        words: its tokens' text.
        starts: where each token starts in the analysed text.
        ends: where each token ends.
        folded: each word folded (:func:`reader.core.normalize.fold`).
        stems: each folded word's light stem (:func:`reader.core.entities.gazetteer.light_stem`).
        gazetteers: its spans in each gazetteer.
        names: the names found so far, in order of position (the last pass may add
            known names after the others).
    """

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    folded: tuple[str, ...]
    stems: tuple[str, ...]
    gazetteers: SentenceSpans
    names: list[Name] = field(default_factory=list)

    def char_span(self, name: Name) -> tuple[int, int]:
        """``[start, end)`` of ``name`` in the analysed text."""
        return self.starts[name.start], self.ends[name.end - 1]


def from_bio(tags: list[str]) -> list[Name]:
    """The names a BIO sequence in ANERcorp's labels marks, in order (seqeval's reading: a stray ``I-`` opens a name)."""
    return [Name(FROM_BIO[kind], i, j) for kind, i, j in sorted(spans(tags), key=lambda s: s[1]) if kind in FROM_BIO]


def to_bio(names: list[Name], length: int) -> list[str]:
    """BIO tags in ANERcorp's labels for ``length`` tokens; a later name is written over an earlier one it overlaps."""
    tags = ["O"] * length
    for name in names:
        mark(tags, TO_BIO[name.type], name.start, name.end)
    return tags


def taken(names: list[Name], length: int) -> list[bool]:
    """Per token of a sentence of ``length`` tokens: is it inside one of ``names``?"""
    out = [False] * length
    for name in names:
        for k in range(name.start, name.end):
            out[k] = True
    return out
