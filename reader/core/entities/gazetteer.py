"""Gazetteers and clitic peeling shared by the model's features and mention grouping."""

from __future__ import annotations

from functools import cache, lru_cache

from reader.core.normalize import fold
from reader.core.resources import read_list

#: Proclitic sequences, longest first: conjunction, preposition, article.
_PROCLITICS = ("وبال", "وكال", "ولل", "فبال", "فلل", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ك", "ل")


def light_stem(folded: str) -> str:
    """Strip proclitics and the article from a folded word, keeping at least three letters.

    Approximate on purpose: it is a feature for the model, not a morphological analysis.
    """
    for clitic in _PROCLITICS:
        if folded.startswith(clitic) and len(folded) - len(clitic) >= 3:
            rest = folded[len(clitic) :]
            if clitic.endswith("لل"):
                return rest
            return rest[2:] if rest.startswith("ال") and len(rest) >= 5 else rest
    if folded.startswith("ال") and len(folded) >= 5:
        return folded[2:]
    return folded


def strip_article(folded: str) -> str:
    """``الX`` → ``X`` when X keeps at least three letters."""
    return folded[2:] if folded.startswith("ال") and len(folded) >= 5 else folded


@cache
def places() -> dict[tuple[str, ...], int]:
    """Place names as folded token tuples (article stripped from the first word) → length."""
    names = read_list("gazetteers", "cldr_places.txt") + read_list("gazetteers", "places_extra.txt")
    out: dict[tuple[str, ...], int] = {}
    for name in names:
        words = fold(name).split()
        if words:
            key = (strip_article(words[0]), *words[1:])
            out[key] = len(key)
    return _register(out)


@cache
def organizations() -> dict[tuple[str, ...], int]:
    """Well-known organisation names as folded token tuples (article stripped from the first word)."""
    out: dict[tuple[str, ...], int] = {}
    for name in read_list("gazetteers", "organizations.txt"):
        words = fold(name).split()
        key = (strip_article(words[0]), *words[1:])
        out[key] = len(key)
    return _register(out)


@cache
def person_names() -> frozenset[str]:
    """Folded one-word personal names (CC BY 4.0 list from arabnamer; see the file's header)."""
    return frozenset(fold(n) for n in read_list("gazetteers", "person_names.txt") if " " not in n)


@cache
def org_cues() -> frozenset[str]:
    """Folded words that open organisation names (article stripped)."""
    return frozenset(strip_article(fold(w)) for w in read_list("gazetteers", "org_cues.txt"))


@cache
def person_cues() -> frozenset[str]:
    """Folded words that come before a person's name (article stripped)."""
    return frozenset(strip_article(fold(w)) for w in read_list("gazetteers", "person_cues.txt"))


@lru_cache(maxsize=100_000)
def peel_candidates(folded: str) -> tuple[str, ...]:
    """Every reading of a folded word with some proclitics peeled, article stripped."""
    out = [strip_article(folded)]
    for clitic in _PROCLITICS:
        if folded.startswith(clitic) and len(folded) - len(clitic) >= 3:
            rest = folded[len(clitic) :]
            out.append(rest if clitic.endswith("لل") else strip_article(rest))
    return tuple(dict.fromkeys(out))


#: Gazetteer tables by id, and their first words (the tables are cached for the process, so ids are stable).
_TABLES: dict[int, dict[tuple[str, ...], int]] = {}
_FIRSTS: dict[int, frozenset[str]] = {}


def _register(table: dict[tuple[str, ...], int]) -> dict[tuple[str, ...], int]:
    _TABLES[id(table)] = table
    _FIRSTS[id(table)] = frozenset(key[0] for key in table)
    return table


def place_spans(folded: list[str], table: dict[tuple[str, ...], int] | None = None) -> list[tuple[int, int]]:
    """Token spans ``[i, j)`` of a sentence that name a known place (or a ``table`` entry), longest first."""
    table_id = id(places() if table is None else table)
    table = _TABLES[table_id]
    spans = []
    i = 0
    while i < len(folded):
        starts = _starts(folded[i], table_id)
        if starts:
            for n in (4, 3, 2, 1):
                if i + n <= len(folded):
                    rest = tuple(folded[i + 1 : i + n])
                    if any((first, *rest) in table for first in starts):
                        spans.append((i, i + n))
                        i += n
                        break
            else:
                i += 1
        else:
            i += 1
    return spans


@lru_cache(maxsize=200_000)
def _starts(word: str, table_id: int) -> tuple[str, ...]:
    """Readings of ``word`` (clitics peeled) that open an entry of the table: most words have none."""
    firsts = _FIRSTS[table_id]
    return tuple(c for c in peel_candidates(word) if c in firsts)
