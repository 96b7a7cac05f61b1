"""CoNLL files (token and tag per line, blank line between sentences) and
entity-level scoring with exact span match, as seqeval and conlleval do."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

Sentence = list[tuple[str, str]]


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of ``path``; a line's first field is the token, its last the tag (or ``O``).

    Read like an article (same size limit, refusal of pipes and devices, same encodings),
    so a hostile ``--conll`` argument gets the same one-line :class:`LoadError`.
    """
    from reader.core.encoding import decode  # here: the tagger imports this module, not the loaders
    from reader.core.loaders import read_file

    path = Path(path)
    text, _ = decode(read_file(path), path.name)
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in text.lstrip("\ufeff").splitlines():
        fields = line.split()
        if not fields:
            if current:
                sentences.append(current)
                current = []
            continue
        tag = fields[-1] if len(fields) > 1 else "O"
        current.append((fields[0], tag))
    if current:
        sentences.append(current)
    return sentences


def spans(tags: list[str]) -> set[tuple[str, int, int]]:
    """Entity spans ``(type, start, end)`` of a BIO sequence; a stray I- opens a span (seqeval)."""
    out = set()
    kind, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if kind is not None and (prefix != "I" or label != kind):
            out.add((kind, start, i))
            kind = None
        if prefix == "B" or (prefix == "I" and kind is None):
            kind, start = label, i
    return out


def mark(tags: list[str], kind: str, start: int, end: int) -> None:
    """Write one name of type ``kind`` over ``tags[start:end]`` in BIO, in place."""
    tags[start] = "B-" + kind
    for i in range(start + 1, end):
        tags[i] = "I-" + kind


@dataclass
class Scores:
    """Precision, recall and F1 per type and micro-averaged, in percent."""

    per_type: dict[str, tuple[float, float, float, int]]
    micro: tuple[float, float, float]

    def table(self) -> str:
        """A printable table."""
        rows = [f"{'type':6} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>6}"]
        for kind, (p, r, f, n) in sorted(self.per_type.items()):
            rows.append(f"{kind:6} {p:6.2f} {r:6.2f} {f:6.2f} {n:6d}")
        p, r, f = self.micro
        rows.append(f"{'micro':6} {p:6.2f} {r:6.2f} {f:6.2f}")
        return "\n".join(rows)


def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = 100 * tp / pred if pred else 0.0
    r = 100 * tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: list[list[str]], pred: list[list[str]]) -> Scores:
    """Entity-level scores of ``pred`` against ``gold`` (lists of tag sequences)."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g, p = spans(g_tags), spans(p_tags)
        for kind, *_ in g:
            n_gold[kind] += 1
        for kind, *_ in p:
            n_pred[kind] += 1
        for kind, *_ in g & p:
            tp[kind] += 1
    per_type = {k: (*_prf(tp[k], n_pred[k], n_gold[k]), n_gold[k]) for k in sorted(set(n_gold) | set(n_pred))}
    micro = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return Scores(per_type, micro)
