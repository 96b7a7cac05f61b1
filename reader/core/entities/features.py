"""Token features for the CRF recogniser.

Word-level features are computed once per distinct word and cached; only the
neighbour features are assembled per sentence, which keeps tagging fast.
"""

from __future__ import annotations

from functools import lru_cache

from reader.core.entities.gazetteer import light_stem, org_cues, person_cues, place_spans
from reader.core.entities.lexicon import Lexicon, default_lexicon
from reader.core.entities.lexicon import features as lexicon_features
from reader.core.normalize import fold

#: Bump when features change: a model trained on other features must be retrained.
FEATURES_VERSION = 5


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """(folded, stem, own features, features a neighbour sees) for one word."""
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
    return n, stem, tuple(own), tuple(seen)


def sentence_features(words: list[str], lexicon: Lexicon | None = None) -> list[list[str]]:
    """CRF features for each word of one sentence (``lexicon``: the shipped one if None)."""
    lexicon = default_lexicon() if lexicon is None else lexicon
    info = [_word(w) for w in words]
    lex = [lexicon_features(lexicon, i[0], i[1]) for i in info]
    folded = [i[0] for i in info]
    stems = [i[1] for i in info]
    gaz = [""] * len(words)
    for start, end in place_spans(folded):
        gaz[start] = "gB"
        for k in range(start + 1, end):
            gaz[k] = "gI"
    last = len(words) - 1
    out = []
    for i, (n, stem, own, _) in enumerate(info):
        feats = ["bias", *own, *lex[i]]
        if gaz[i]:
            feats.append("gaz=" + gaz[i])
        if i == 0:
            feats.append("BOS")
        else:
            feats.extend("-1:" + f for f in info[i - 1][3])
            feats.append("b-1=" + info[i - 1][0] + "|" + n)
            feats.extend("-1:" + f for f in lex[i - 1][:1])
            if gaz[i - 1]:
                feats.append("-1:gaz=" + gaz[i - 1])
            if i > 1:
                feats.append("-2:s=" + stems[i - 2])
                feats.append("-2:w=" + folded[i - 2])
        if i == last:
            feats.append("EOS")
        else:
            feats.extend("+1:" + f for f in info[i + 1][3])
            feats.extend("+1:" + f for f in lex[i + 1][:1])
            if gaz[i + 1]:
                feats.append("+1:gaz=" + gaz[i + 1])
            if i + 1 < last:
                feats.append("+2:s=" + stems[i + 2])
                feats.append("+2:w=" + folded[i + 2])
                feats.extend("+2:" + f for f in lex[i + 2][:1])
        out.append(feats)
    return out
