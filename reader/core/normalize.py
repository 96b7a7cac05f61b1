"""Arabic normalisation for matching, with a map back to the original text.

Matching folds what readers do not distinguish when they search (diacritics,
tatweel, hamza forms of alef, alef maqsura, teh marbuta).  Highlights must land
on the original letters, so every folding returns, beside the folded string, the
index in the original text of each folded character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# The letter tables live in reader.core.arabic; these names stay importable from here.
from reader.core.arabic import ALEF_MAQSURA as ALEF_MAQSURA
from reader.core.arabic import DIACRITICS as DIACRITICS
from reader.core.arabic import HAMZA_ALEFS as HAMZA_ALEFS
from reader.core.arabic import INVISIBLES as INVISIBLES
from reader.core.arabic import PRESENTATION_FORMS
from reader.core.arabic import QURANIC_MARKS as QURANIC_MARKS
from reader.core.arabic import TATWEEL as TATWEEL
from reader.core.arabic import TEH_MARBUTA as TEH_MARBUTA


@dataclass(frozen=True)
class Folding:
    """Which distinctions a match ignores.  The defaults ignore all of them."""

    diacritics: bool = True
    hamza: bool = True
    kashida: bool = True
    yeh: bool = True
    teh_marbuta: bool = True
    case: bool = True

    def drops(self, ch: str) -> bool:
        """True if ``ch`` vanishes from the folded text."""
        if ch in INVISIBLES:
            return True
        if self.diacritics and (ch in DIACRITICS or ch in QURANIC_MARKS):
            return True
        return self.kashida and ch == TATWEEL

    def fold_char(self, ch: str) -> str:
        """The folded form of one kept character."""
        if self.hamza:
            ch = HAMZA_ALEFS.get(ch, ch)
        if self.yeh:
            ch = ALEF_MAQSURA.get(ch, ch)
        if self.teh_marbuta:
            ch = TEH_MARBUTA.get(ch, ch)
        if self.case:
            ch = ch.lower() if len(ch.lower()) == 1 else ch
        return ch


DEFAULT = Folding()


@lru_cache(maxsize=64)
def _table(folding: Folding) -> tuple[dict[int, int | None], frozenset[str]]:
    """A ``str.translate`` table for ``folding`` and the set of characters it drops."""
    candidates = set(INVISIBLES) | DIACRITICS | QURANIC_MARKS | {TATWEEL} | set(HAMZA_ALEFS) | set(ALEF_MAQSURA) | set(TEH_MARBUTA)
    table: dict[int, int | None] = {}
    dropped = set()
    for ch in candidates:
        if folding.drops(ch):
            table[ord(ch)] = None
            dropped.add(ch)
        elif folding.fold_char(ch) != ch:
            table[ord(ch)] = ord(folding.fold_char(ch))
    return table, frozenset(dropped)


@lru_cache(maxsize=64)
def _dropped_runs(folding: Folding) -> re.Pattern[str]:
    """Runs of the characters ``folding`` drops."""
    return re.compile("[" + "".join(sorted(re.escape(ch) for ch in _table(folding)[1])) + "]+")


def fold_with_map(text: str, folding: Folding = DEFAULT) -> tuple[str, list[int]]:
    """Fold ``text``; return the folded string and, per folded char, its original index."""
    table, _ = _table(folding)
    folded = text.translate(table)
    if folding.case:
        lowered = folded.lower()
        if len(lowered) == len(folded):
            folded = lowered
        else:  # a rare letter whose lower case is longer: fold it alone
            folded = "".join(folding.fold_char(c) if len(c.lower()) == 1 else c for c in folded)
    if len(folded) == len(text):
        return folded, list(range(len(text)))
    # The kept stretches between runs of dropped marks: a step per run, not per character.
    index: list[int] = []
    kept_from = 0
    for run in _dropped_runs(folding).finditer(text):
        index.extend(range(kept_from, run.start()))
        kept_from = run.end()
    index.extend(range(kept_from, len(text)))
    return folded, index


def fold(text: str, folding: Folding = DEFAULT) -> str:
    """Fold ``text`` for comparison (no index map)."""
    table, _ = _table(folding)
    folded = text.translate(table)
    return folded.lower() if folding.case else folded


def original_span(index: list[int], text: str, start: int, end: int, folding: Folding = DEFAULT) -> tuple[int, int]:
    """Map a folded span ``[start, end)`` back to the original text.

    The end is stretched over marks that were dropped after the last letter, so a
    highlight covers a letter together with its harakat and any tatweel.
    """
    if start >= end:
        raise ValueError("empty span")
    o_start = index[start]
    o_end = index[end - 1] + 1
    while o_end < len(text) and folding.drops(text[o_end]) and text[o_end] not in INVISIBLES:
        o_end += 1
    return o_start, o_end


def has_presentation_forms(text: str) -> bool:
    """True if ``text`` holds Arabic presentation forms (pre-shaped glyph code points)."""
    return any(low <= ch <= high for ch in text for low, high in PRESENTATION_FORMS)
