"""Arabic-aware find.

By default a search ignores diacritics (harakat, tanwin, shadda, sukun, dagger
alef, Quranic marks), tatweel, the hamza forms of alef (أ إ آ ٱ → ا), the
hamza's seat (ؤ ئ ء: مسؤول is مسئول), ى/ي and ة/ه.  It never tells apart what
only the spelling of another language or a font makes different: Persian and
Urdu letters (ی ک ہ ۀ), presentation forms and ligatures (ﷲ is الله), a hamza
typed as a separate mark.  Three toggles restore distinctions, as classic
Arabic find dialogs do: match diacritics, match hamza (alef forms and seats),
match kashida (tatweel).  Whole-word matching still finds a word behind the
proclitics و ف ب ك ل and the article.
Every match is returned as a span of the *original* text, covering the
letters' own marks, never shifted by what folding removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.arabic import LAM_ARTICLE_PREFIXES, WHOLE_WORD_PREFIXES, WORD_MARKS
from reader.core.normalize import Folding, fold_with_map, original_span

#: What may stand before a word inside the same written word, for whole-word search (see :mod:`reader.core.arabic`).
PROCLITICS = WHOLE_WORD_PREFIXES


@dataclass(frozen=True)
class SearchOptions:
    """The find toggles; all off means "ignore every distinction readers do not type"."""

    match_diacritics: bool = False
    match_hamza: bool = False
    match_kashida: bool = False
    whole_word: bool = False

    def folding(self) -> Folding:
        """The normalisation that implements these options."""
        return Folding(diacritics=not self.match_diacritics, hamza=not self.match_hamza, kashida=not self.match_kashida, hamza_seats=not self.match_hamza)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in WORD_MARKS


def _word_start(folded: str, pos: int) -> int:
    while pos > 0 and _is_word_char(folded[pos - 1]):
        pos -= 1
    return pos


@dataclass(frozen=True)
class FoldedIndex:
    """An article's text folded once for one set of toggles, with the map back to the original.

    Built once per article and :class:`~reader.core.normalize.Folding` (see
    :meth:`reader.core.article.Article.index`), so a keystroke in the find box
    folds only the pattern, never the whole text again.
    """

    text: str
    folding: Folding
    folded: str
    index: list[int]

    @classmethod
    def build(cls, text: str, folding: Folding) -> FoldedIndex:
        """Fold ``text`` under ``folding``."""
        folded, index = fold_with_map(text, folding)
        return cls(text, folding, folded, index)

    def find(self, pattern: str, whole_word: bool = False) -> list[tuple[int, int]]:
        """Non-overlapping matches of ``pattern`` as original ``[start, end)`` spans."""
        folding = self.folding
        needle = fold_with_map(pattern.strip(), folding)[0]
        if not needle:
            return []
        hay = self.folded
        forms = [(needle, PROCLITICS)]
        if whole_word and needle.startswith("ال") and len(needle) > 3:
            # لل + اسم: the article's alef is dropped after the preposition lam.
            forms.append((needle[2:], LAM_ARTICLE_PREFIXES))
        found: list[tuple[int, int]] = []
        for form, allowed in forms:
            pos = hay.find(form)
            while pos != -1:
                end = pos + len(form)
                ok = True
                if whole_word:
                    ok = (end == len(hay) or not _is_word_char(hay[end])) and hay[_word_start(hay, pos) : pos] in allowed
                if ok:
                    found.append(original_span(self.index, self.text, pos, end, folding))
                    pos = hay.find(form, end)
                else:
                    pos = hay.find(form, pos + 1)
        found.sort()
        merged: list[tuple[int, int]] = []
        for span in found:
            if not merged or span[0] >= merged[-1][1]:
                merged.append(span)
        return merged


def find_all(pattern: str, text: str, options: SearchOptions = SearchOptions()) -> list[tuple[int, int]]:
    """Non-overlapping matches of ``pattern`` in ``text`` (folds ``text``; an article keeps its :class:`FoldedIndex`)."""
    return FoldedIndex.build(text, options.folding()).find(pattern, options.whole_word)
