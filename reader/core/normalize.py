"""Arabic normalisation for matching, with a map back to the original text.

Matching folds what readers do not distinguish when they search (diacritics and
Quranic marks, tatweel, hamza forms of alef, alef maqsura, teh marbuta, the
Persian and Urdu spellings of Arabic letters, presentation forms, a hamza typed
as a separate mark).  Highlights must land on the original letters, so every
folding returns, beside the folded string, the index in the original text of
each folded character: a ligature's letters all point at the ligature, a letter
composed with its combining hamza points at the letter.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import not_

# The letter tables live in reader.core.arabic; these names stay importable from here.
from reader.core.arabic import ALEF_MAQSURA as ALEF_MAQSURA
from reader.core.arabic import DIACRITICS as DIACRITICS
from reader.core.arabic import HAMZA_ALEFS as HAMZA_ALEFS
from reader.core.arabic import HAMZA_COMPOSITIONS, HAMZA_MARKS, HAMZA_SEATS, MADDA_MARK, PRESENTATION_FORMS, SCRIPT_VARIANTS, UNSHAPED
from reader.core.arabic import INVISIBLES as INVISIBLES
from reader.core.arabic import QURANIC_MARKS as QURANIC_MARKS
from reader.core.arabic import TATWEEL as TATWEEL
from reader.core.arabic import TEH_MARBUTA as TEH_MARBUTA


@dataclass(frozen=True)
class Folding:
    """Which distinctions a match ignores.

    The defaults ignore all of them but the hamza's seat: ``hamza_seats`` (ؤ ئ → ء,
    with ``hamza``) is for search, where مسؤول and مسئول are one word; the entity
    model's features were learnt without it, so plain :func:`fold` keeps the seats.
    """

    diacritics: bool = True
    hamza: bool = True
    kashida: bool = True
    yeh: bool = True
    teh_marbuta: bool = True
    case: bool = True
    hamza_seats: bool = False

    def drops(self, ch: str) -> bool:
        """True if ``ch`` vanishes from the folded text."""
        return self.fold_char(ch) == ""

    def fold_char(self, ch: str) -> str:
        """The folded form of one character: empty when it is dropped, a ligature's letters."""
        if ch in UNSHAPED:
            return "".join(self.fold_char(c) for c in UNSHAPED[ch])
        if ch in INVISIBLES:
            return ""
        if ch in DIACRITICS or ch in QURANIC_MARKS or ch == MADDA_MARK:
            return "" if self.diacritics else ch
        if ch == TATWEEL or ch in HAMZA_MARKS:
            return "" if (self.kashida if ch == TATWEEL else self.hamza) else ch
        ch = SCRIPT_VARIANTS.get(ch, ch)
        if self.hamza:
            ch = HAMZA_ALEFS.get(ch, ch)
            if self.hamza_seats:
                ch = HAMZA_SEATS.get(ch, ch)
        if self.yeh:
            ch = ALEF_MAQSURA.get(ch, ch)
        if self.teh_marbuta:
            ch = TEH_MARBUTA.get(ch, ch)
        if self.case:
            ch = ch.lower() if len(ch.lower()) == 1 else ch
        return ch


DEFAULT = Folding()
#: How much of a text :func:`fold_with_map` looks at to see whether it is vocalised.
_SAMPLE = 1 << 16


def _composable() -> re.Pattern[str]:
    """A letter, the harakat typed between (NFD puts them first), and a combining madda or hamza that makes one letter with it."""
    marks = sorted({pair[1] for pair in HAMZA_COMPOSITIONS})
    harakat = "".join(sorted(DIACRITICS))
    bases = {mark: "".join(sorted(pair[0] for pair in HAMZA_COMPOSITIONS if pair[1] == mark)) for mark in marks}
    return re.compile("|".join(f"[{bases[mark]}][{harakat}]*{mark}" for mark in marks))


_COMPOSABLE = _composable()
_COMBINING_HAMZA = re.compile("[{}]".format("".join(sorted({pair[1] for pair in HAMZA_COMPOSITIONS}))))


def _composed_letter(m: re.Match[str]) -> str:
    """One match of ``_COMPOSABLE`` as its letter, then the harakat typed between."""
    written = m[0]
    return HAMZA_COMPOSITIONS[written[0] + written[-1]] + written[1:-1]


def _compose(text: str) -> str:
    """``text`` with each letter and its combining hamza or madda made one letter (أ for ا + ٔ), as NFC does.

    The composed letter keeps the harakat typed between the two after it; what is
    composed away is the mark, so the original index of each composed character is that
    of the same character of ``text`` with the marks of :func:`_composed_marks` left out.
    """
    if _COMBINING_HAMZA.search(text) is None:
        return text
    for pair, letter in HAMZA_COMPOSITIONS.items():  # the usual case, at the speed of str.replace
        if pair in text:
            text = text.replace(pair, letter)
    return _COMPOSABLE.sub(_composed_letter, text) if _COMBINING_HAMZA.search(text) else text


def _composed_marks(text: str) -> list[int]:
    """Where in ``text`` the marks are that :func:`_compose` composes away."""
    return [m.end() - 1 for m in _COMPOSABLE.finditer(text)] if _COMBINING_HAMZA.search(text) else []


@dataclass(frozen=True)
class _Table:
    """What :func:`fold_with_map` needs for one folding, built once.

    Attributes:
        translate: the ``str.translate`` table (a code point for one letter, a string for a ligature's).
        dropped: the characters the folding drops.
        dropped_runs: runs of them.
        wide: a character that folds to several (a ligature).
        widths: how many characters each ligature folds to.
    """

    translate: dict[int, int | str | None]
    dropped: frozenset[str]
    dropped_runs: re.Pattern[str]
    wide: re.Pattern[str]
    widths: dict[str, int]


@lru_cache(maxsize=64)
def _table(folding: Folding) -> _Table:
    """The tables of ``folding``."""
    candidates = (
        (set(INVISIBLES) | DIACRITICS | QURANIC_MARKS | HAMZA_MARKS | {MADDA_MARK, TATWEEL} | set(UNSHAPED) | set(SCRIPT_VARIANTS))
        | set(HAMZA_ALEFS)
        | set(HAMZA_SEATS)
        | set(ALEF_MAQSURA)
        | set(TEH_MARBUTA)
    )
    table: dict[int, int | str | None] = {}
    widths: dict[str, int] = {}
    for ch in candidates:
        folded = folding.fold_char(ch)
        if folded != ch:
            # A code point, not a one-letter string: str.translate is a third faster so.
            table[ord(ch)] = ord(folded) if len(folded) == 1 else folded or None
        if len(folded) > 1:
            widths[ch] = len(folded)
    dropped = frozenset(ch for ch in candidates if not folding.fold_char(ch))
    runs = re.compile("[{}]+".format("".join(sorted(map(re.escape, dropped)))))
    return _Table(table, dropped, runs, re.compile("[{}]".format("".join(sorted(map(re.escape, widths))))), widths)


def _fold_composed(composed: str, folding: Folding) -> str:
    """Fold text already composed by :func:`_compose`."""
    folded = composed.translate(_table(folding).translate)
    if folding.case:
        lowered = folded.lower()
        # A rare letter whose lower case is longer keeps its case, so the map stays one to one.
        folded = lowered if len(lowered) == len(folded) else "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return folded


def fold_with_map(text: str, folding: Folding = DEFAULT) -> tuple[str, list[int]]:
    """Fold ``text``; return the folded string and, per folded char, its original index.

    Each character of ``text`` gives none (dropped), one or, a ligature, several folded
    characters, and a composed hamza mark gives none; the map is built in that order,
    each step linear and at C speed for the usual text.
    """
    folded = _fold_composed(_compose(text), folding)
    tables = _table(folding)
    index = _kept(text, tables)
    if tables.wide.search(text):
        index = _widened(index, text, tables)
    if len(index) != len(folded):
        # A composed mark this folding keeps (ا + ٔ is one letter, أ, when hamza is matched): it gives nothing.
        index = _without(index, _composed_marks(text))
    return folded, index


def _without(index: list[int], gone: list[int]) -> list[int]:
    """``index`` without the (sorted) positions ``gone``."""
    if len(gone) * 8 > len(index):
        dropped = set(gone)
        return [i for i in index if i not in dropped]
    out: list[int] = []
    done = 0
    for position in gone:
        at = bisect_left(index, position, done)
        if at < len(index) and index[at] == position:
            out += index[done:at]
            done = at + 1
    out += index[done:]
    return out


def _kept(text: str, tables: _Table) -> list[int]:
    """The indexes of the characters of ``text`` that folding keeps."""
    sample = text[:_SAMPLE]
    if sum(map(tables.dropped.__contains__, sample)) * 4 > len(sample):
        # Vocalised text, a mark every other letter: test each character, in C.
        return list(compress(range(len(text)), map(not_, map(tables.dropped.__contains__, text))))
    # The kept stretches between runs of dropped marks: a step per run.
    index: list[int] = []
    kept_from = 0
    for start, end in map(re.Match.span, tables.dropped_runs.finditer(text)):
        index.extend(range(kept_from, start))
        kept_from = end
    index.extend(range(kept_from, len(text)))
    return index


def _widened(index: list[int], text: str, tables: _Table) -> list[int]:
    """``index`` with each ligature's index repeated once per letter it folds to."""
    ligatures = tables.wide.findall(text)
    if len(ligatures) * 8 > len(index):
        # Text of ligatures: every kept index repeated by its width, in C.
        widths = map(tables.widths.get, map(text.__getitem__, index), repeat(1))
        return list(chain.from_iterable(map(repeat, index, widths)))
    # A ligature here and there: copy the stretches between them.
    out: list[int] = []
    done = 0
    for m in tables.wide.finditer(text):
        at = bisect_left(index, m.start(), done)
        out += index[done:at]
        out += [m.start()] * tables.widths[m[0]]
        done = at + 1
    out += index[done:]
    return out


def fold(text: str, folding: Folding = DEFAULT) -> str:
    """Fold ``text`` for comparison (no index map)."""
    return _fold_composed(_compose(text), folding)


def original_span(index: list[int], text: str, start: int, end: int, folding: Folding = DEFAULT) -> tuple[int, int]:
    """Map a folded span ``[start, end)`` back to the original text.

    The end is stretched over what folding removed after the last letter (its
    harakat, tatweel, a hamza typed as a mark), so a highlight covers a letter with
    its marks, up to the next folded letter and never over an invisible control.
    ``folding`` is the one the index was made with (kept for callers; the index says it all).
    """
    if start >= end:
        raise ValueError("empty span")
    o_start = index[start]
    o_end = index[end - 1] + 1
    limit = index[end] if end < len(index) else len(text)
    while o_end < limit and text[o_end] not in INVISIBLES:
        o_end += 1
    return o_start, o_end


def decoration(text: str) -> int:
    """How many characters of ``text`` its plainest Arabic spelling would not have.

    Marks and tatweel (what folding drops), presentation forms and Persian or Urdu
    letters: among spellings of one name, the least decorated is the one to show.
    """
    return sum(1 for ch in text if ch in SCRIPT_VARIANTS or ch in UNSHAPED or DEFAULT.drops(ch))


def has_presentation_forms(text: str) -> bool:
    """True if ``text`` holds Arabic presentation forms (pre-shaped glyph code points)."""
    return any(low <= ch <= high for ch in text for low, high in PRESENTATION_FORMS)
