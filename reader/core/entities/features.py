"""Token features for the CRF recogniser.

Word-level features are computed once per distinct word and cached; only the
neighbour features are assembled per sentence, which keeps tagging fast.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from reader.core.entities.gazetteer import light_stem, org_cues, person_cues, person_names, place_spans
from reader.core.entities.lexicon import Lexicon, default_lexicon
from reader.core.entities.lexicon import features as lexicon_features
from reader.core.normalize import fold

#: Bump when features change: a model trained on other features must be retrained.
FEATURES_VERSION = 7


class _Word(NamedTuple):
    """Everything about one word that does not depend on its neighbours."""

    folded: str
    stem: str
    own: tuple[str, ...]
    as_prev: tuple[str, ...]  # what the next word sees of it ("-1:…")
    as_next: tuple[str, ...]  # what the previous word sees of it ("+1:…")
    as_prev2: tuple[str, ...]  # "-2:…"
    as_next2: tuple[str, ...]  # "+2:…"


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
        "sx2=" + stem[-2:],
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
    names = person_names()
    if n in names or stem in names:
        own.append("gPER")
        seen.append("gPER")
    return _Word(
        n, stem, tuple(own), tuple("-1:" + f for f in seen), tuple("+1:" + f for f in seen), ("-2:s=" + stem, "-2:w=" + n), ("+2:s=" + stem, "+2:w=" + n)
    )


#: Per lexicon, per word: the word's features and its lexicon features as itself and as
#: a neighbour sees them (own, "-1:" first, "+1:" first, "+2:" first).  One dict lookup a token.
_CACHE: dict[int, dict[str, tuple[_Word, list[str], tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {}


def _entry(cache: dict, lexicon: Lexicon, word: str) -> tuple[_Word, list[str], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    info = word_info(word)
    own = lexicon_features(lexicon, info.folded, info.stem)
    first = own[:1]
    entry = cache[word] = (info, own, tuple("-1:" + f for f in first), tuple("+1:" + f for f in first), tuple("+2:" + f for f in first))
    return entry


_OPEN = {"«": "»", "“": "”", '"': '"', "'": "'"}


def _inside_quotes(words: list[str]) -> list[str]:
    """Per word: "q1" for the first word inside quotation marks, "qin" for the others, "" outside.

    Titles of works, programmes and slogans (MISC) and many organisation names are quoted.
    """
    marks = [""] * len(words)
    i = 0
    while i < len(words):
        close = _OPEN.get(words[i])
        if close is not None:
            j = next((k for k in range(i + 1, min(len(words), i + 12)) if words[k] == close), None)
            if j is not None and j > i + 1:
                marks[i + 1] = "q1"
                for k in range(i + 2, j):
                    marks[k] = "qin"
                i = j + 1
                continue
        i += 1
    return marks


def sentence_features(words: list[str], lexicon: Lexicon | None = None) -> list[list[str]]:
    """CRF features for each word of one sentence (``lexicon``: the shipped one if None)."""
    lexicon = default_lexicon() if lexicon is None else lexicon
    cache = _CACHE.setdefault(id(lexicon), {})
    entries = [cache.get(w) or _entry(cache, lexicon, w) for w in words]
    info = [e[0] for e in entries]
    lex = [e[1:] for e in entries]
    gaz = [""] * len(words)
    for start, end in place_spans([i.folded for i in info]):
        gaz[start] = "gB"
        for k in range(start + 1, end):
            gaz[k] = "gI"
    quoted = _inside_quotes(words)
    last = len(words) - 1
    out = []
    for i, word in enumerate(info):
        feats = ["bias", *word.own, *lex[i][0]]
        if quoted[i]:
            feats.append(quoted[i])
        if gaz[i]:
            feats.append("gaz=" + gaz[i])
        if i == 0:
            feats.append("BOS")
        else:
            prev = info[i - 1]
            feats.extend(prev.as_prev)
            feats.append("b-1=" + prev.folded + "|" + word.folded)
            feats.extend(lex[i - 1][1])
            if gaz[i - 1]:
                feats.append("-1:gaz=" + gaz[i - 1])
            if i > 1:
                feats.extend(info[i - 2].as_prev2)
        if i == last:
            feats.append("EOS")
        else:
            feats.extend(info[i + 1].as_next)
            feats.extend(lex[i + 1][2])
            if gaz[i + 1]:
                feats.append("+1:gaz=" + gaz[i + 1])
            if i + 1 < last:
                feats.extend(info[i + 2].as_next2)
                feats.extend(lex[i + 2][3])
        out.append(feats)
    return out
