"""One name, one reading throughout a document.

The model decides each sentence alone, so a name it tags in one place can be
missed in another.  This pass takes every name the model found and tags its
other, untagged occurrences in the same document the same way (a
document-level consistency pass, as in two-stage NER systems).
"""

from __future__ import annotations

from collections import Counter

from reader.core.entities.conll import mark, spans
from reader.core.entities.features import word_info
from reader.core.entities.lexicon import Lexicon

#: Shorter names are too often ordinary words.
MIN_CHARS = 3
#: A name is spread only if the model tagged it at least this share of the times it occurs.
#: 0.1 was best of 0.1/0.2/0.3 on the five held-out fifths of the training split (mean
#: micro-F1 +0.16 over 0.2, which the dev split alone had chosen).
MIN_SHARE = 0.1


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(word_info(w).stem for w in words)


def propagate(sentences: list[list[str]], tags: list[list[str]], lexicon: Lexicon | None = None) -> list[list[str]]:
    """Tags with each found name also applied to its untagged occurrences.

    With a ``lexicon``, a person named in full is also found by the last of the
    names alone (نيكولا ساركوزي … ساركوزي), unless that word is mostly an ordinary
    word or shorter than four letters.
    """
    found: dict[tuple[str, ...], Counter[str]] = {}
    for words, seq in zip(sentences, tags, strict=True):
        for kind, i, j in spans(seq):
            key = _key(words[i:j])
            if sum(map(len, key)) >= MIN_CHARS:
                found.setdefault(key, Counter())[kind] += 1
    if not found:
        return tags
    if lexicon is not None:
        for key, kinds in list(found.items()):
            last = key[-1]
            if len(key) > 1 and len(last) >= 4 and (last,) not in found and kinds.most_common(1)[0][0] == "PERS":
                entry = lexicon.get("s:" + last)
                if entry is None or entry.named >= entry.plain:
                    found[(last,)] = Counter({"PERS": sum(kinds.values())})
    stems = [_key(words) for words in sentences]
    # Name lengths to try at a word, longest first, by the word that opens the name.
    firsts: dict[str, set[int]] = {}
    for key in found:
        firsts.setdefault(key[0], set()).add(len(key))
    by_first = {first: sorted(lengths, reverse=True) for first, lengths in firsts.items()}
    occurrences: Counter[tuple[str, ...]] = Counter()
    for st in stems:
        for i, stem in enumerate(st):
            for n in by_first.get(stem, ()):
                if st[i : i + n] in found:
                    occurrences[st[i : i + n]] += 1
    spread = {k: c.most_common(1)[0][0] for k, c in found.items() if sum(c.values()) / occurrences[k] >= MIN_SHARE}
    out = [list(seq) for seq in tags]
    for st, seq in zip(stems, out, strict=True):
        i = 0
        while i < len(st):
            for n in by_first.get(st[i], ()):
                key = st[i : i + n]
                if key in spread and len(key) == n and all(t == "O" for t in seq[i : i + n]):
                    mark(seq, spread[key], i, i + n)
                    i += n
                    break
            else:
                i += 1
    return out
