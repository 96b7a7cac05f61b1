"""Gazetteers and clitic peeling shared by the model's features and mention grouping."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import NamedTuple

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


def _table(*files: str) -> dict[tuple[str, ...], int]:
    """Names from gazetteer files as folded token tuples (article stripped from the first word) → length."""
    out: dict[tuple[str, ...], int] = {}
    # Folded in one call per file, not per name: the world list is 16,000 names and this runs at start-up.
    for name in (n for f in files for n in fold("\n".join(read_list("gazetteers", f))).split("\n")):
        words = name.split()
        if words:
            key = (strip_article(words[0]), *words[1:])
            out[key] = len(key)
    return _register(out)


@cache
def places() -> dict[tuple[str, ...], int]:
    """Place names as folded token tuples (article stripped from the first word) → length."""
    return _table("cldr_places.txt", "places_extra.txt")


@cache
def world_places() -> dict[tuple[str, ...], int]:
    """Cities and regions of the world (GeoNames, Arabic Wikipedia): a feature for the model only."""
    return _table("world_places.txt")


@cache
def people() -> dict[tuple[str, ...], int]:
    """Full names of well-known people (Arabic Wikipedia): a feature for the model only."""
    return _table("people.txt")


@cache
def clubs() -> dict[tuple[str, ...], int]:
    """Sports clubs (Arabic Wikipedia): a feature for the model only."""
    return _table("clubs.txt")


@cache
def organizations() -> dict[tuple[str, ...], int]:
    """Well-known organisation names as folded token tuples (article stripped from the first word)."""
    return _table("organizations.txt")


@cache
def person_names() -> frozenset[str]:
    """Folded one-word personal names (CC BY 4.0 list from arabnamer; see the file's header)."""
    return frozenset(n for n in fold("\n".join(read_list("gazetteers", "person_names.txt"))).split("\n") if " " not in n)


def _cue_words(file: str, key: Callable[[str], str]) -> frozenset[str]:
    """The words of a cue list, each folded and then keyed (article stripped, or light stem)."""
    return frozenset(key(fold(w)) for w in read_list("gazetteers", file))


@cache
def org_cues() -> frozenset[str]:
    """Folded words that open organisation names (article stripped)."""
    return _cue_words("org_cues.txt", strip_article)


@cache
def person_cues() -> frozenset[str]:
    """Folded words that come before a person's name (article stripped)."""
    return _cue_words("person_cues.txt", strip_article)


@cache
def misc_cues() -> frozenset[str]:
    """Light stems of the words that introduce a title or a named thing (بعنوان، برنامج، ملعب)."""
    return _cue_words("misc_cues.txt", light_stem)


@cache
def sport_cues() -> frozenset[str]:
    """Light stems of the words that make a sentence a sports report (مباراة، الدوري، مضيفه)."""
    return _cue_words("sport_cues.txt", light_stem)


@cache
def currencies() -> frozenset[str]:
    """Light stems of currency names (دولار، دنانير، شيكل)."""
    return _cue_words("currencies.txt", light_stem)


@lru_cache(maxsize=100_000)
def peel_candidates(folded: str) -> tuple[str, ...]:
    """Every reading of a folded word with some proclitics peeled, article stripped."""
    out = [strip_article(folded)]
    for clitic in _PROCLITICS:
        if folded.startswith(clitic) and len(folded) - len(clitic) >= 3:
            rest = folded[len(clitic) :]
            out.append(rest if clitic.endswith("لل") else strip_article(rest))
    return tuple(dict.fromkeys(out))


#: Per registered table (by id: the tables are cached for the process, so ids are stable): its
#: first words with the lengths of their entries, longest first, at most MAX_WORDS.
_FIRSTS: dict[int, dict[str, tuple[int, ...]]] = {}
MAX_WORDS = 4
_OPENERS_LIMIT = 200_000


def _register(table: dict[tuple[str, ...], int]) -> dict[tuple[str, ...], int]:
    lengths: dict[str, set[int]] = {}
    for key in table:
        if len(key) <= MAX_WORDS:
            lengths.setdefault(key[0], set()).add(len(key))
    _FIRSTS[id(table)] = {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}
    return table


def place_spans(folded: list[str], table: dict[tuple[str, ...], int] | None = None) -> list[tuple[int, int]]:
    """Token spans ``[i, j)`` of a sentence that name a known place (or a ``table`` entry), longest first."""
    return spans_in_tables(folded, (places() if table is None else table,))[0]


#: Per tuple of tables, per word met so far: (table index, reading, lengths) for each entry it can open.
_OPENERS: dict[tuple[int, ...], dict[str, tuple[tuple[int, str, tuple[int, ...]], ...]]] = {}


def spans_in_tables(folded: list[str], tables: tuple[dict[tuple[str, ...], int], ...]) -> list[list[tuple[int, int]]]:
    """:func:`place_spans` of one sentence for each of several tables, in one pass over its words.

    At each word, each table takes its longest entry (clitics peeled) and its next
    span starts after it.  One pass looks each word up once, not once per table:
    most words open no entry of any, and remember that.
    """
    firsts = [_FIRSTS[id(t)] for t in tables]
    openers = _OPENERS.setdefault(tuple(id(t) for t in tables), {})
    out: list[list[tuple[int, int]]] = [[] for _ in tables]
    free = [0] * len(tables)  # per table, the first word not inside a span found already
    count = len(folded)
    for i, word in enumerate(folded):
        readings = openers.get(word)
        if readings is None:
            if len(openers) >= _OPENERS_LIMIT:
                openers.clear()
            candidates = peel_candidates(word)
            readings = openers[word] = tuple((t, c, firsts[t][c]) for t in range(len(tables)) for c in candidates if c in firsts[t])
        if not readings:
            continue
        best: dict[int, int] = {}
        for t, first, lengths in readings:
            if i < free[t]:
                continue
            for n in lengths:
                if n <= best.get(t, 0) or i + n > count:
                    continue
                if n == 1 or (first, *folded[i + 1 : i + n]) in tables[t]:
                    best[t] = n
                    break
        for t, n in best.items():
            out[t].append((i, i + n))
            free[t] = i + n
    return out


class SentenceSpans(NamedTuple):
    """A sentence's spans in each gazetteer: the rules read places and organisations, the model all but organisations."""

    places: list[tuple[int, int]]
    organizations: list[tuple[int, int]]
    world: list[tuple[int, int]]
    clubs: list[tuple[int, int]]
    people: list[tuple[int, int]]


def sentence_spans(folded: list[str]) -> SentenceSpans:
    """Every gazetteer's spans in one sentence of folded words, in one pass."""
    return SentenceSpans(*spans_in_tables(folded, (places(), organizations(), world_places(), clubs(), people())))
