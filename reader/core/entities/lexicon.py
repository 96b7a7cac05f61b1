"""How often each word was part of a name in the training data.

A name the model has never seen is still likely a name if it is a word that
never occurs as an ordinary word.  The lexicon (folded word → counts of
ordinary and name uses, and the commonest name type) turns that into features.
It is built from ANERcorp's training split (so it ships under CC BY-SA 4.0 with
the model); during training it is built jack-knife style, each fold's features
coming from the other folds, so the model learns how much to trust it on
unseen text.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reader.core.entities.gazetteer import light_stem
from reader.core.normalize import fold
from reader.core.resources import resource

if TYPE_CHECKING:
    from reader.core.entities.features import Entry as WordFeatures

LEXICON_FILE = "anercorp-lexicon.tsv"


class Entry(NamedTuple):
    """Uses of one folded word: as an ordinary word, as (part of) a name, commonest name type."""

    plain: int
    named: int
    kind: str


class Lexicon:
    """Uses of each folded word (and of each light stem, keyed ``s:`` + stem).

    The counts are kept as plain tuples, which the cycle collector stops
    scanning (a lexicon lives as long as its model).  It also keeps the features
    computed with it for each word (``word_features``, unfiltered: training's),
    so they are computed once per word and lexicon.
    """

    __slots__ = ("_counts", "word_features")

    def __init__(self, counts: dict[str, tuple[int, int, str]] | None = None) -> None:
        self._counts = {} if counts is None else counts
        self.word_features: dict[str, WordFeatures] = {}

    def get(self, key: str) -> Entry | None:
        """The entry of a folded word or ``s:`` stem, if seen."""
        counts = self._counts.get(key)
        return None if counts is None else Entry(*counts)

    def items(self) -> list[tuple[str, Entry]]:
        """Every key and its entry, sorted by key."""
        return [(k, Entry(*c)) for k, c in sorted(self._counts.items())]

    def __len__(self) -> int:
        return len(self._counts)


def build(sentences: list[list[tuple[str, str]]]) -> Lexicon:
    """A lexicon from tagged sentences, keyed by folded word and by light stem (``s:`` prefix)."""
    plain: Counter[str] = Counter()
    named: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    for sent in sentences:
        for word, tag in sent:
            n = fold(word)
            for key in (n, "s:" + light_stem(n)):
                if tag == "O":
                    plain[key] += 1
                else:
                    named[key] += 1
                    kinds.setdefault(key, Counter())[tag[2:]] += 1
    return Lexicon({k: (plain[k], named[k], kinds[k].most_common(1)[0][0] if k in kinds else "") for k in set(plain) | set(named)})


def features(lexicon: Lexicon, folded: str, stem: str) -> list[str]:
    """Lexicon features of one word."""
    out = []
    for prefix, key in (("lx", folded), ("slx", "s:" + stem)):
        entry = lexicon.get(key)
        if entry is None:
            out.append(prefix + "=unk")
            continue
        total = entry.plain + entry.named
        ratio = entry.named / total
        bucket = "0" if entry.named == 0 else "1" if ratio < 0.3 else "2" if ratio < 0.7 else "3"
        out.append(f"{prefix}={bucket}{'f' if total < 3 else ''}")
        if entry.named >= 2 and ratio >= 0.3:
            out.append(f"{prefix}T={entry.kind}")
    return out


def save(lexicon: Lexicon, path: Path) -> None:
    """Write ``lexicon`` as TSV (sorted, so the file is reproducible)."""
    rows = [f"{k}\t{e.plain}\t{e.named}\t{e.kind}" for k, e in lexicon.items()]
    path.write_text("# word\tplain\tnamed\tkind — from ANERcorp (CAMeL Lab train split), CC BY-SA 4.0\n" + "\n".join(rows) + "\n", encoding="utf-8")


def load(path: Path) -> Lexicon:
    """Read a lexicon written by :func:`save`."""
    out: dict[str, tuple[int, int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, plain, named, kind = line.split("\t")
        out[key] = (int(plain), int(named), kind)
    return Lexicon(out)


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped beside the model (empty if absent)."""
    path = resource("ner", LEXICON_FILE)
    return load(path) if path.exists() else Lexicon()
