"""Quoted titles of works: برنامج « حوار من القلب »، رواية " اللص والكلاب ".

The model sees the quotation marks and the word that introduces them (features
``qc1``/``qcin``), but a title is rarely seen twice, so it misses most titles of
more than one word.  In ANERcorp's training split the quoted words after these
introducing words are one MISC name 39 times in 52; this pass tags them so when
the model left them all untagged.  (After مسلسل and عملية they are 1 time in 9,
so those words do not count here.)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from reader.core.entities.features import quotations, word_forms
from reader.core.entities.gazetteer import light_stem, misc_cues
from reader.core.entities.sentence import Name, taken
from reader.core.entities.types import EntityType
from reader.core.normalize import fold

#: Words of ``misc_cues.txt`` after which a quotation is mostly not a name in ANERcorp
#: (a series, an operation) or was never seen quoted (a prize, a festival).
NOT_TITLES = ("مسلسل", "عملية", "جائزة", "مهرجان")
#: Longer quotations are sentences, not titles.
MAX_WORDS = 6


@cache
def _introducers() -> frozenset[str]:
    """Light stems of the words after which a quotation is a title: the MISC cue words but ``NOT_TITLES``."""
    return misc_cues() - {light_stem(fold(w)) for w in NOT_TITLES}


def _start(name: Name) -> int:
    return name.start


def tag_titles(words: Sequence[str], names: list[Name]) -> list[Name]:
    """The names of one sentence, with each untagged quoted title after an introducing word added as MISC."""
    quoted = quotations(words)
    if not quoted:
        return names
    used = taken(names, len(words))
    added = []
    for i, j in quoted:
        if i == 0 or j - i - 1 > MAX_WORDS or word_forms(words[i - 1])[1] not in _introducers():
            continue
        if any(used[i + 1 : j]):
            continue
        added.append(Name(EntityType.MISC, i + 1, j))
    return sorted(names + added, key=_start) if added else names
