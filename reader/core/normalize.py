"""Arabic normalisation for matching, with a map back to the original text.

Matching folds what readers do not distinguish when they search (diacritics,
tatweel, hamza forms of alef, alef maqsura, teh marbuta).  Highlights must land
on the original letters, so every folding returns, beside the folded string, the
index in the original text of each folded character.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

#: Harakat, tanwin, shadda, sukun (U+064B–U+0652) and the dagger alef (U+0670).
DIACRITICS = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"}
#: Quranic annotation marks that readers never type either.
QURANIC_MARKS = frozenset(chr(c) for c in range(0x06D6, 0x06EE)) - {"\u06e5", "\u06e6"}
TATWEEL = "\u0640"
HAMZA_ALEFS = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627"}
ALEF_MAQSURA = {"\u0649": "\u064a"}
TEH_MARBUTA = {"\u0629": "\u0647"}
#: Zero-width and directional controls that never change what a word is.
INVISIBLES = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff")


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


def fold_with_map(text: str, folding: Folding = DEFAULT) -> tuple[str, list[int]]:
    """Fold ``text``; return the folded string and, per folded char, its original index."""
    table, dropped = _table(folding)
    folded = text.translate(table)
    if folding.case:
        lowered = folded.lower()
        if len(lowered) == len(folded):
            folded = lowered
        else:  # a rare letter whose lower case is longer: fold it alone
            folded = "".join(folding.fold_char(c) if len(c.lower()) == 1 else c for c in folded)
    if len(folded) == len(text):
        return folded, list(range(len(text)))
    return folded, [i for i, ch in enumerate(text) if ch not in dropped]


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
    return any("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" and ch != "\ufeff" for ch in text)
