"""Token features for the CRF recogniser.

Word-level features are computed once per distinct word and cached; only the
neighbour features are assembled per sentence, which keeps tagging fast.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

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


@lru_cache(maxsize=200_000)
def word_info(word: str) -> _Word:
    """Folded form, light stem and features of one word, computed once per distinct word.

    The recogniser and the consistency pass read ``folded`` and ``stem`` from here too,
    so each word is folded and stemmed once.
    """
    n = fold(word)
    stem = light_stem(n)
    if word.isdigit() or all("\u0660" <= c <= "\u0669" for c in word):
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
    if n.startswith("ال"):
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
    if stem in currencies() or (stem[-1:] == "ا" and stem[:-1] in currencies()):
        own.append("cur")
        seen.append("cur")
    names = person_names()
    if n in names or stem in names:
        own.append("gPER")
        seen.append("gPER")
    return _Word(n, stem, tuple(own), tuple(seen))


class Entry(NamedTuple):
    """One word's features as the CRF sees them, lexicon included, in each position of a window.

    With ``known`` given, attributes the model has no weight for are left out here,
    once per word: they cannot change the tags, and handing them to crfsuite is
    a third of its time.
    """

    folded: str
    stem: str
    own: tuple[str, ...]
    as_prev: tuple[str, ...]
    as_next: tuple[str, ...]
    as_prev2: tuple[str, ...]
    as_next2: tuple[str, ...]
    in_sport: tuple[str, ...]  # its name-type features as a sports report qualifies them ("spt:lxT=ORG")


#: Entries of a cache kept by its owner (a tagger, or training for one lexicon); cleared when this full.
CACHE_LIMIT = 200_000


def _entry(cache: dict[str, Entry], lexicon: Lexicon, known: frozenset[str] | None, word: str) -> Entry:
    info = word_info(word)
    lex = lexicon_features(lexicon, info.folded, info.stem)
    seen = (*info.seen, *lex[:1])
    n, stem = info.folded, info.stem
    parts = (
        ("bias", *info.own, *lex),
        tuple(["-1:" + f for f in seen]),
        tuple(["+1:" + f for f in seen]),
        ("-2:s=" + stem, "-2:w=" + n),
        ("+2:s=" + stem, "+2:w=" + n, *["+2:" + f for f in lex[:1]]),
    )
    parts += (tuple(["spt:" + f for f in lex if f.startswith(("lxT=", "slxT="))]),)
    if known is not None:
        parts = tuple(tuple(filter(known.__contains__, part)) for part in parts)
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    entry = cache[word] = Entry(info.folded, info.stem, *parts)
    return entry


#: Caches for callers that keep none (training): per lexicon, unfiltered.
_CACHE: dict[int, dict[str, Entry]] = {}

#: Gazetteer marks that a sports report qualifies (with the words' name types, ``Entry.in_sport``).
_SPORT_MARKED = ("gW=", "gC=")

#: Opening quotation marks and the marks that close them.
QUOTES = {"«": "»", "“": "”", '"': '"', "'": "'"}
#: A quotation longer than this is not a name (nor is a mark without its pair this near).
_QUOTED_WORDS = 10


def quotations(words: list[str]) -> list[tuple[int, int]]:
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


def _inside_quotes(words: list[str], stems: list[str]) -> list[str]:
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
    words: list[str],
    lexicon: Lexicon | None = None,
    known: frozenset[str] | None = None,
    cache: dict[str, Entry] | None = None,
    gazetteers: SentenceSpans | None = None,
) -> list[list[str]]:
    """CRF features for each word of one sentence.

    ``lexicon``: the shipped one if None.  ``known``: the model's attributes, to
    leave out the others.  ``cache``: the caller's per-word cache (it must be
    used with one lexicon and one ``known`` only).  ``gazetteers``: the
    sentence's :func:`sentence_spans`, if the caller has them already.
    """
    lexicon = default_lexicon() if lexicon is None else lexicon
    if cache is None:
        if known is not None:
            raise ValueError("filtered features need the caller's own cache")
        cache = _CACHE.setdefault(id(lexicon), {})
    entries = [cache.get(w) or _entry(cache, lexicon, known, w) for w in words]
    gaz = [""] * len(words)
    extra: list[list[str]] = [[] for _ in words]
    if gazetteers is None:
        gazetteers = sentence_spans([e.folded for e in entries])
    for start, end in gazetteers.places:
        gaz[start] = "gB"
        for k in range(start + 1, end):
            gaz[k] = "gI"
    # World cities, sports clubs and well-known people: separate features ("gW=B", "-1:gC=I"…), as the lists overlap.
    for spans, name in ((gazetteers.world, "gW="), (gazetteers.clubs, "gC="), (gazetteers.people, "gP=")):
        for start, end in spans:
            for k in range(start, end):
                mark = name + ("B" if k == start else "I")
                extra[k].append(mark)
                if k > 0:
                    extra[k - 1].append("+1:" + mark)
                if k < len(words) - 1:
                    extra[k + 1].append("-1:" + mark)
    stems = [e.stem for e in entries]
    quoted = _inside_quotes(words, stems)
    # In a sports report a city's name is usually its club (بنفيكا، ليون): the sentence is marked,
    # and so are its place and club features.  Dev micro-F1 +1.2 (ORG +3), the fold mean unchanged.
    sport = not sport_cues().isdisjoint(stems)
    last = len(words) - 1
    out = []
    for i, entry in enumerate(entries):
        feats = [*entry.own, *extra[i]]
        if quoted[i]:
            feats.append(quoted[i])
        if gaz[i]:
            feats.append("gaz=" + gaz[i])
        if i == 0:
            feats.append("BOS")
        else:
            prev = entries[i - 1]
            feats += prev.as_prev
            bigram = "b-1=" + prev.folded + "|" + entry.folded
            if known is None or bigram in known:
                feats.append(bigram)
            if gaz[i - 1]:
                feats.append("-1:gaz=" + gaz[i - 1])
            if i > 1:
                feats += entries[i - 2].as_prev2
        if i == last:
            feats.append("EOS")
        else:
            feats += entries[i + 1].as_next
            if gaz[i + 1]:
                feats.append("+1:gaz=" + gaz[i + 1])
            if i + 1 < last:
                feats += entries[i + 2].as_next2
        if sport:
            marked = ["spt:" + m for m in extra[i] if m[:3] in _SPORT_MARKED]
            if gaz[i]:
                marked.append("spt:gaz=" + gaz[i])
            feats.append("spt")
            feats += entry.in_sport
            feats += marked if known is None else [f for f in marked if f in known]
        out.append(feats)
    return out
