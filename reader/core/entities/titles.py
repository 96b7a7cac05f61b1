"""Quoted titles of works: برنامج « حوار من القلب »، رواية " اللص والكلاب ".

The model sees the quotation marks and the word that introduces them (features
``qc1``/``qcin``), but a title is rarely seen twice, so it misses most titles of
more than one word.  In ANERcorp's training split the quoted words after these
introducing words are one MISC name 39 times in 52; this pass tags them so when
the model left them all untagged.  (After مسلسل and عملية they are 1 time in 9,
so those words do not count here.)
"""

from __future__ import annotations

from functools import cache

from reader.core.entities.conll import mark
from reader.core.entities.features import quotations, word_info
from reader.core.entities.gazetteer import light_stem, misc_cues
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


def tag_titles(words: list[str], tags: list[str]) -> list[str]:
    """``tags`` (BIO) with untagged quoted titles after an introducing word tagged MISC."""
    out = tags
    for i, j in quotations(words):
        if i == 0 or j - i - 1 > MAX_WORDS or word_info(words[i - 1]).stem not in _introducers():
            continue
        if any(t != "O" for t in tags[i + 1 : j]):
            continue
        if out is tags:
            out = list(tags)
        mark(out, "MISC", i + 1, j)
    return out
