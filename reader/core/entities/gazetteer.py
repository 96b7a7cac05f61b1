"""Gazetteers and clitic peeling shared by the model's features and mention grouping."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import NamedTuple

from reader.core.arabic import ARTICLE, LAM_ARTICLE, PROCLITICS, strip_article
from reader.core.normalize import fold
from reader.core.resources import read_list

#: Names of more words than this are not looked for in a text.
MAX_WORDS = 4


def light_stem(folded: str) -> str:
    """Strip proclitics and the article from a folded word, keeping at least three letters.

    Approximate on purpose: it is a feature for the model, not a morphological analysis.
    """
    for clitic in PROCLITICS:
        if folded.startswith(clitic) and len(folded) - len(clitic) >= 3:
            rest = folded[len(clitic) :]
            if clitic.endswith(LAM_ARTICLE):
                return rest
            return rest[2:] if rest.startswith(ARTICLE) and len(rest) >= 5 else rest
    return strip_article(folded)


class Table:
    """One gazetteer: names as folded word tuples (article stripped from the first word).

    It keeps its own index of first words (with the lengths of the names each
    opens, longest first, up to ``MAX_WORDS``), built once when the table is.
    """

    __slots__ = ("firsts", "names")

    def __init__(self, names: Iterable[tuple[str, ...]]) -> None:
        self.names = frozenset(names)
        lengths: dict[str, set[int]] = {}
        for key in self.names:
            if len(key) <= MAX_WORDS:
                lengths.setdefault(key[0], set()).add(len(key))
        self.firsts = {first: tuple(sorted(n, reverse=True)) for first, n in lengths.items()}

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __len__(self) -> int:
        return len(self.names)


def _table(*files: str) -> Table:
    """Names from gazetteer files as a :class:`Table`."""
    keys = []
    # Folded in one call per file, not per name: the world list is 16,000 names and this runs at start-up.
    for name in (n for f in files for n in fold("\n".join(read_list("gazetteers", f))).split("\n")):
        words = name.split()
        if words:
            keys.append((strip_article(words[0]), *words[1:]))
    return Table(keys)


@cache
def places() -> Table:
    """Place names as folded token tuples (article stripped from the first word) → length."""
    return _table("cldr_places.txt", "places_extra.txt")


@cache
def world_places() -> Table:
    """Cities and regions of the world (GeoNames, Arabic Wikipedia): a feature for the model only."""
    return _table("world_places.txt")


@cache
def people() -> Table:
    """Full names of well-known people (Arabic Wikipedia): a feature for the model only."""
    return _table("people.txt")


@cache
def clubs() -> Table:
    """Sports clubs (Arabic Wikipedia): a feature for the model only."""
    return _table("clubs.txt")


@cache
def organizations() -> Table:
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


def peel_candidates(folded: str) -> tuple[str, ...]:
    """Every reading of a folded word with some proclitics peeled, article stripped.

    Not cached: a :class:`Lookup` keeps what it needs of it per word.
    """
    out = [strip_article(folded)]
    for clitic in PROCLITICS:
        if folded.startswith(clitic) and len(folded) - len(clitic) >= 3:
            rest = folded[len(clitic) :]
            out.append(rest if clitic.endswith(LAM_ARTICLE) else strip_article(rest))
    return tuple(dict.fromkeys(out))


#: Words a :class:`Lookup` remembers before it starts afresh.
_OPENERS_LIMIT = 200_000


class Lookup:
    """Several tables looked up in one pass over a sentence.

    It remembers, per word met so far, the entries of each table the word can
    open (table index, reading, lengths): most words open none, and are looked
    up once.
    """

    __slots__ = ("_openers", "tables")

    def __init__(self, tables: tuple[Table, ...]) -> None:
        self.tables = tables
        self._openers: dict[str, tuple[tuple[int, str, tuple[int, ...]], ...]] = {}

    def spans(self, folded: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Per table, the token spans ``[i, j)`` of the sentence's names in it.

        At each word, each table takes its longest entry (clitics peeled) and its next
        span starts after it.
        """
        tables = self.tables
        openers = self._openers
        out: list[list[tuple[int, int]]] = [[] for _ in tables]
        free = [0] * len(tables)  # per table, the first word not inside a span found already
        count = len(folded)
        for i, word in enumerate(folded):
            readings = openers.get(word)
            if readings is None:
                if len(openers) >= _OPENERS_LIMIT:
                    openers.clear()
                candidates = peel_candidates(word)
                readings = openers[word] = tuple((t, c, table.firsts[c]) for t, table in enumerate(tables) for c in candidates if c in table.firsts)
            if not readings:
                continue
            best: dict[int, int] = {}
            for t, first, lengths in readings:
                if i < free[t]:
                    continue
                for n in lengths:
                    if n <= best.get(t, 0) or i + n > count:
                        continue
                    if n == 1 or (first, *folded[i + 1 : i + n]) in tables[t].names:
                        best[t] = n
                        break
            for t, n in best.items():
                out[t].append((i, i + n))
                free[t] = i + n
        return out


def place_spans(folded: Sequence[str], table: Table | None = None) -> list[tuple[int, int]]:
    """Token spans ``[i, j)`` of a sentence that name a known place (or a ``table`` entry), longest first."""
    return spans_in_tables(folded, (places() if table is None else table,))[0]


def spans_in_tables(folded: Sequence[str], tables: tuple[Table, ...]) -> list[list[tuple[int, int]]]:
    """:func:`place_spans` of one sentence for each of several tables, in one pass over its words."""
    return Lookup(tables).spans(folded)


class SentenceSpans(NamedTuple):
    """A sentence's spans in each gazetteer: the rules read places and organisations, the model all but organisations.

    Tuples, not lists: a document keeps one per sentence until its analysis ends,
    and tuples of numbers are not scanned by the cycle collector.
    """

    places: tuple[tuple[int, int], ...]
    organizations: tuple[tuple[int, int], ...]
    world: tuple[tuple[int, int], ...]
    clubs: tuple[tuple[int, int], ...]
    people: tuple[tuple[int, int], ...]


@cache
def default_lookup() -> Lookup:
    """The gazetteers every sentence is looked up in, in :class:`SentenceSpans` order (loaded on first use)."""
    return Lookup((places(), organizations(), world_places(), clubs(), people()))


def sentence_spans(folded: Sequence[str]) -> SentenceSpans:
    """Every gazetteer's spans in one sentence of folded words, in one pass."""
    return SentenceSpans(*map(tuple, default_lookup().spans(folded)))
