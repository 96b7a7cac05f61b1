"""Arabic-aware find.

By default a search ignores diacritics (harakat, tanwin, shadda, sukun, dagger
alef), tatweel, the hamza forms of alef (أ إ آ ٱ → ا), ى/ي and ة/ه.  Three
toggles restore distinctions, as classic Arabic find dialogs do: match
diacritics, match hamza (alef forms), match kashida (tatweel).  Whole-word
matching still finds a word behind the proclitics و ف ب ك ل and the article.
Every match is returned as a span of the *original* text, covering the
letters' own marks, never shifted by what folding removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.normalize import DIACRITICS, TATWEEL, Folding, fold_with_map, original_span

#: What may stand before a word inside the same written word, for whole-word search.
PROCLITICS = frozenset(
    {"", "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "لل", "وب", "فب", "ول", "فل", "وك", "فك", "وبال", "فبال", "وكال", "فكال", "ولل", "فلل"}
)


@dataclass(frozen=True)
class SearchOptions:
    """The find toggles; all off means "ignore every distinction readers do not type"."""

    match_diacritics: bool = False
    match_hamza: bool = False
    match_kashida: bool = False
    whole_word: bool = False

    def folding(self) -> Folding:
        """The normalisation that implements these options."""
        return Folding(diacritics=not self.match_diacritics, hamza=not self.match_hamza, kashida=not self.match_kashida)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in DIACRITICS or ch == TATWEEL or "\u0610" <= ch <= "\u061a" or "\u06d6" <= ch <= "\u06ed"


def _word_start(folded: str, pos: int) -> int:
    while pos > 0 and _is_word_char(folded[pos - 1]):
        pos -= 1
    return pos


def find_all(pattern: str, text: str, options: SearchOptions = SearchOptions()) -> list[tuple[int, int]]:
    """Non-overlapping matches of ``pattern`` in ``text`` as original ``[start, end)`` spans."""
    folding = options.folding()
    needle = fold_with_map(pattern.strip(), folding)[0]
    if not needle:
        return []
    hay, index = fold_with_map(text, folding)
    forms = [(needle, PROCLITICS)]
    if options.whole_word and needle.startswith("ال") and len(needle) > 3:
        # لل + اسم: the article's alef is dropped after the preposition lam.
        forms.append((needle[2:], frozenset({"لل", "ولل", "فلل"})))
    found: list[tuple[int, int]] = []
    for form, allowed in forms:
        pos = hay.find(form)
        while pos != -1:
            end = pos + len(form)
            ok = True
            if options.whole_word:
                ok = (end == len(hay) or not _is_word_char(hay[end])) and hay[_word_start(hay, pos) : pos] in allowed
            if ok:
                found.append(original_span(index, text, pos, end, folding))
                pos = hay.find(form, end)
            else:
                pos = hay.find(form, pos + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for span in found:
        if not merged or span[0] >= merged[-1][1]:
            merged.append(span)
    return merged
