"""Token features for the CRF recogniser.

Word-level features are computed once per distinct word and cached; only the
neighbour features are assembled per sentence, which keeps tagging fast.

The caches outlive an analysis, so they hold plain tuples of strings: the
cycle collector stops scanning those (it scans named tuples, and the nodes of
an ``lru_cache``, on every full collection for as long as they live).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reader.core.arabic import ALEF, ARTICLE, DIGITS
from reader.core.entities.gazetteer import SentenceSpans, currencies, light_stem, misc_cues, org_cues, person_cues, person_names, sentence_spans, sport_cues
from reader.core.entities.lexicon import Lexicon, default_lexicon
from reader.core.entities.lexicon import features as lexicon_features
from reader.core.normalize import fold

#: Bump when features change: a model trained on other features must be retrained.
FEATURES_VERSION = 11


class _Word(NamedTuple):
    """Everything about one word that does not depend on its neighbours."""

    folded: str
    stem: str
    own: tuple[str, ...]
    seen: tuple[str, ...]  # what its neighbours see of it (prefixed "-1:", "+1:" there)


#: Per-word cache limit: a cache is cleared when this full.
CACHE_LIMIT = 200_000

_FORMS: dict[str, tuple[str, str]] = {}


def word_forms(word: str) -> tuple[str, str]:
    """Folded form and light stem of one word, computed once per distinct word.

    The recogniser, the consistency pass and the rules all read them from here,
    so each word is folded and stemmed once.
    """
    forms = _FORMS.get(word)
    if forms is None:
        if len(_FORMS) >= CACHE_LIMIT:
            _FORMS.clear()
        folded = fold(word)
        forms = _FORMS[word] = (folded, light_stem(folded))
    return forms


def clear_word_cache() -> None:
    """Forget every word's forms (for a benchmark that wants cold caches)."""
    _FORMS.clear()


def word_info(word: str) -> _Word:
    """Folded form, light stem and features of one word.

    Not cached: each tagger (and each lexicon, in training) caches what it
    makes of the word, once.
    """
    n, stem = word_forms(word)
    if word.isdigit() or all(c in DIGITS for c in word):
        shape = "num"
    elif word.isascii() and word.isalpha():
        shape = "lat" + ("C" if word[:1].isupper() else "l")
    elif not any(c.isalnum() for c in word):
        shape = "pun"
    else:
        shape = "ar"
    own = [
        "w=" + n,
        "s=" + stem,
        "p1=" + n[:1],
        "p2=" + n[:2],
        "p3=" + n[:3],
        "x1=" + n[-1:],
        "x2=" + n[-2:],
        "x3=" + n[-3:],
        "x4=" + n[-4:],
        "p4=" + n[:4],
        "sp2=" + stem[:2],
        "sh=" + shape,
        "len=" + str(min(len(stem), 8)),
    ]
    seen = ["w=" + n, "s=" + stem, "sh=" + shape]
    if n.startswith(ARTICLE):
        own.append("al")
    if stem in org_cues():
        own.append("cueORG")
        seen.append("cueORG")
    if stem in person_cues():
        own.append("cuePER")
        seen.append("cuePER")
    if stem in misc_cues():
        own.append("cueMISC")
        seen.append("cueMISC")
    # A currency after an amount (٥٠ دولارا، 3 ملايين درهماً) is MISC in ANERcorp.
    if stem in currencies() or (stem[-1:] == ALEF and stem[:-1] in currencies()):
        own.append("cur")
        seen.append("cur")
    names = person_names()
    if n in names or stem in names:
        own.append("gPER")
        seen.append("gPER")
    return _Word(n, stem, tuple(own), tuple(seen))


#: One word's features as the CRF sees them, lexicon included, in each position of a window:
#: folded form, stem, its own features, and what the word before (``as_prev``), after, two
#: before, two after see of it, and its name-type features as a sports report qualifies them
#: (``in_sport``: "spt:lxT=ORG").  A plain tuple, not a named one: caches keep one per word.
#:
#: With ``known`` given, attributes the model has no weight for are left out here,
#: once per word: they cannot change the tags, and handing them to crfsuite is
#: a third of its time.
Entry = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _entry(cache: dict[str, Entry], lexicon: Lexicon, known: frozenset[str] | None, word: str) -> Entry:
    info = word_info(word)
    lex = lexicon_features(lexicon, info.folded, info.stem)
    seen = (*info.seen, *lex[:1])
    n, stem = info.folded, info.stem
    parts: list[tuple[str, ...]] = [
        ("bias", *info.own, *lex),
        tuple(["-1:" + f for f in seen]),
        tuple(["+1:" + f for f in seen]),
        ("-2:s=" + stem, "-2:w=" + n),
        ("+2:s=" + stem, "+2:w=" + n, *["+2:" + f for f in lex[:1]]),
        tuple(["spt:" + f for f in lex if f.startswith(("lxT=", "slxT="))]),
    ]
    if known is not None:
        parts = [tuple(filter(known.__contains__, part)) for part in parts]
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    own, as_prev, as_next, as_prev2, as_next2, in_sport = parts
    entry = cache[word] = (n, stem, own, as_prev, as_next, as_prev2, as_next2, in_sport)
    return entry


#: Gazetteer marks that a sports report qualifies (with the words' name types, an entry's ``in_sport``).
_SPORT_MARKED = ("gW=", "gC=")

#: Opening quotation marks and the marks that close them.
QUOTES = {"«": "»", "“": "”", '"': '"', "'": "'"}
#: A quotation longer than this is not a name (nor is a mark without its pair this near).
_QUOTED_WORDS = 10


def quotations(words: Sequence[str]) -> list[tuple[int, int]]:
    """Indices of the opening and closing marks of each non-empty quotation in a sentence."""
    out: list[tuple[int, int]] = []
    if QUOTES.keys().isdisjoint(words):
        return out
    i = 0
    while i < len(words):
        close = QUOTES.get(words[i])
        if close is not None:
            j = next((k for k in range(i + 1, min(len(words), i + _QUOTED_WORDS + 2)) if words[k] == close), None)
            if j is not None and j > i + 1:
                out.append((i, j))
                i = j + 1
                continue
        i += 1
    return out


def inside_quotes(words: Sequence[str], stems: Sequence[str]) -> list[str]:
    """Per word: "q1" for the first word inside quotation marks, "qin" for the others, "" outside.

    Titles of works, programmes and slogans (MISC) and many organisation names are
    quoted; after a word that introduces a title (بعنوان، برنامج، ملعب) the marks
    are "qc1" and "qcin".
    """
    marks = [""] * len(words)
    for i, j in quotations(words):
        kind = "qc" if i > 0 and stems[i - 1] in misc_cues() else "q"
        marks[i + 1] = kind + "1"
        for k in range(i + 2, j):
            marks[k] = kind + "in"
    return marks


def sentence_features(
    words: Sequence[str],
    lexicon: Lexicon | None = None,
    known: frozenset[str] | None = None,
    cache: dict[str, Entry] | None = None,
    gazetteers: SentenceSpans | None = None,
) -> list[list[str]]:
    """CRF features for each word of one sentence.

    ``lexicon``: the shipped one if None.  ``known``: the model's attributes, to
    leave out the others.  ``cache``: the caller's per-word cache (it must be
    used with one lexicon and one ``known`` only; else the lexicon's own,
    unfiltered).  ``gazetteers``: the
    sentence's :func:`sentence_spans`, if the caller has them already.
    """
    lexicon = default_lexicon() if lexicon is None else lexicon
    if cache is None:
        if known is not None:
            raise ValueError("filtered features need the caller's own cache")
        cache = lexicon.word_features
    if not words:
        return []
    # The words' entries as columns: folded[i], own[i], as_prev[i]...
    folded, stems, own, as_prev, as_next, as_prev2, as_next2, in_sport = zip(*[cache.get(w) or _entry(cache, lexicon, known, w) for w in words], strict=True)
    gaz = [""] * len(words)
    extra: dict[int, list[str]] = {}  # per word with any: its world, club and people marks
    if gazetteers is None:
        gazetteers = sentence_spans(list(folded))
    for start, end in gazetteers.places:
        gaz[start] = "gB"
        for k in range(start + 1, end):
            gaz[k] = "gI"
    # World cities, sports clubs and well-known people: separate features ("gW=B", "-1:gC=I"…), as the lists overlap.
    for spans, name in ((gazetteers.world, "gW="), (gazetteers.clubs, "gC="), (gazetteers.people, "gP=")):
        for start, end in spans:
            for k in range(start, end):
                mark = name + ("B" if k == start else "I")
                extra.setdefault(k, []).append(mark)
                if k > 0:
                    extra.setdefault(k - 1, []).append("+1:" + mark)
                if k < len(words) - 1:
                    extra.setdefault(k + 1, []).append("-1:" + mark)
    quoted = inside_quotes(words, stems)
    # In a sports report a city's name is usually its club (بنفيكا، ليون): the sentence is marked,
    # and so are its place and club features.  Dev micro-F1 +1.2 (ORG +3), the fold mean unchanged.
    sport = not sport_cues().isdisjoint(stems)
    last = len(words) - 1
    out = []
    for i in range(len(words)):
        marks = extra.get(i, ())
        feats = [*own[i], *marks]
        if quoted[i]:
            feats.append(quoted[i])
        if gaz[i]:
            feats.append("gaz=" + gaz[i])
        if i == 0:
            feats.append("BOS")
        else:
            feats += as_prev[i - 1]
            bigram = "b-1=" + folded[i - 1] + "|" + folded[i]
            if known is None or bigram in known:
                feats.append(bigram)
            if gaz[i - 1]:
                feats.append("-1:gaz=" + gaz[i - 1])
            if i > 1:
                feats += as_prev2[i - 2]
        if i == last:
            feats.append("EOS")
        else:
            feats += as_next[i + 1]
            if gaz[i + 1]:
                feats.append("+1:gaz=" + gaz[i + 1])
            if i + 1 < last:
                feats += as_next2[i + 2]
        if sport:
            marked = ["spt:" + m for m in marks if m[:3] in _SPORT_MARKED]
            if gaz[i]:
                marked.append("spt:gaz=" + gaz[i])
            feats.append("spt")
            feats += in_sport[i]
            feats += marked if known is None else [f for f in marked if f in known]
        out.append(feats)
    return out
