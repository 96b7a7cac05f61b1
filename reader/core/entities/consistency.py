"""One name, one reading throughout a document.

The model decides each sentence alone, so a name it tags in one place can be
missed in another.  This pass takes every name the model found and gives its
other, untagged occurrences in the same document the same reading (a
document-level consistency pass, as in two-stage NER systems).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reader.core.entities.lexicon import Lexicon
from reader.core.entities.sentence import Name, taken
from reader.core.entities.types import EntityType

#: Shorter names are too often ordinary words.
MIN_CHARS = 3
#: A name is spread only if the model tagged it at least this share of the times it occurs.
#: 0.1 was best of 0.1/0.2/0.3 on the five held-out fifths of the training split (mean
#: micro-F1 +0.16 over 0.2, which the dev split alone had chosen).
MIN_SHARE = 0.1


def _start(name: Name) -> int:
    return name.start


def propagate(sentences: Sequence[tuple[str, ...]], names: list[list[Name]], lexicon: Lexicon | None = None) -> list[list[Name]]:
    """Each sentence's names, with each name found anywhere also given to its untaken occurrences.

    ``sentences`` are the light stems of each sentence's words: a name is its stems.

    With a ``lexicon``, a person named in full is also found by the last of the
    names alone (نيكولا ساركوزي … ساركوزي), unless that word is mostly an ordinary
    word or shorter than four letters.
    """
    found: dict[tuple[str, ...], Counter[EntityType]] = {}
    for stems, sentence_names in zip(sentences, names, strict=True):
        for kind, i, j in sentence_names:
            key = stems[i:j]
            if sum(map(len, key)) >= MIN_CHARS:
                found.setdefault(key, Counter())[kind] += 1
    if not found:
        return names
    if lexicon is not None:
        for key, kinds in list(found.items()):
            last = key[-1]
            if len(key) > 1 and len(last) >= 4 and (last,) not in found and kinds.most_common(1)[0][0] is EntityType.PERSON:
                entry = lexicon.get("s:" + last)
                if entry is None or entry.named >= entry.plain:
                    found[(last,)] = Counter({EntityType.PERSON: sum(kinds.values())})
    # Name lengths to try at a word, longest first, by the word that opens the name.
    firsts: dict[str, set[int]] = {}
    for key in found:
        firsts.setdefault(key[0], set()).add(len(key))
    by_first = {first: sorted(lengths, reverse=True) for first, lengths in firsts.items()}
    occurrences: Counter[tuple[str, ...]] = Counter()
    for st in sentences:
        for i, stem in enumerate(st):
            for n in by_first.get(stem, ()):
                if st[i : i + n] in found:
                    occurrences[st[i : i + n]] += 1
    spread = {k: c.most_common(1)[0][0] for k, c in found.items() if sum(c.values()) / occurrences[k] >= MIN_SHARE}
    out = []
    for st, sentence_names in zip(sentences, names, strict=True):
        used = taken(sentence_names, len(st))
        added = []
        i = 0
        while i < len(st):
            for n in by_first.get(st[i], ()):
                key = st[i : i + n]
                if key in spread and len(key) == n and not any(used[i : i + n]):
                    added.append(Name(spread[key], i, i + n))
                    i += n
                    break
            else:
                i += 1
        out.append(sorted(sentence_names + added, key=_start) if added else sentence_names)
    return out
