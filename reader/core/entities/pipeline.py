"""The entity pipeline, pass by pass: text in, mentions and entities out.

:data:`PASSES` lists the passes once, in the order they run.  Each reads and
writes one :class:`Analysis`: the document's sentences (tokens, folded words,
gazetteer spans and the names found so far, as token spans) and, at the end,
its mentions and entities.  The model's BIO tags become names once, in the
model's pass; names become character offsets once, for the mentions, and BIO
tags once, for :func:`tag_sentences` (ANERcorp's format).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from reader.core.entities import consistency, dates, gazetteer, grouping, name_parts, titles
from reader.core.entities.features import word_forms
from reader.core.entities.gazetteer import SentenceSpans
from reader.core.entities.lexicon import Lexicon
from reader.core.entities.model import default_tagger
from reader.core.entities.sentence import Name, Sentence, from_bio, to_bio
from reader.core.entities.tokens import Columns, sentence_columns
from reader.core.entities.types import Entity, EntityType, Mention

#: ``progress(done, total)``: sentences tagged so far, of all.
Progress = Callable[[int, int], None]
#: Sentences between two progress calls: about 20 ms of tagging.
PROGRESS_EVERY = 64


class Model(Protocol):
    """What the passes need of a model (a :class:`~reader.core.entities.model.Tagger`, or a test's stand-in)."""

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon the model's features read (the consistency pass reads it too)."""
        ...

    def tag(self, words: Sequence[str], gazetteers: SentenceSpans | None = None) -> list[str]:
        """BIO tags in ANERcorp's labels for one sentence."""
        ...


@dataclass(eq=False)
class Analysis:
    """One document on its way through the passes.

    Attributes:
        text: the analysed text.
        tagger: the model (the CRF).
        given: the document's sentences when the caller tokenised it (CoNLL input), else None.
        sentences: its sentences, from the first pass on.
        mentions: every mention, in order, from the dates pass on.
        entities: the mentions grouped, after the last pass.
        progress: told ``(sentences tagged, sentences)`` as the model runs (the
            window's progress); it may raise to stop the analysis (opening another file).
    """

    text: str
    tagger: Model
    given: list[Columns] | None = None
    progress: Progress | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def tokenise(doc: Analysis) -> None:
    """Sentences of tokens; each word folded and stemmed once, the sentence looked up in every gazetteer once."""
    for words, starts, ends in sentence_columns(doc.text) if doc.given is None else doc.given:
        forms = [word_forms(w) for w in words]
        folded = tuple([f for f, _ in forms])
        stems = tuple([s for _, s in forms])
        doc.sentences.append(Sentence(words, starts, ends, folded, stems, gazetteer.sentence_spans(folded)))


def tag_with_model(doc: Analysis) -> None:
    """The CRF's names, each sentence alone (most of the time of a long article: progress is told from here)."""
    total = len(doc.sentences)
    for i, s in enumerate(doc.sentences):
        if doc.progress is not None and i % PROGRESS_EVERY == 0:
            doc.progress(i, total)
        s.names = from_bio(doc.tagger.tag(s.words, s.gazetteers))
    if doc.progress is not None:
        doc.progress(total, total)


def spread_names(doc: Analysis) -> None:
    """A name found once is given to its other, untaken occurrences in the document."""
    spread = consistency.propagate([s.stems for s in doc.sentences], [s.names for s in doc.sentences], doc.tagger.lexicon)
    for s, names in zip(doc.sentences, spread, strict=True):
        s.names = names


def mend_names(doc: Analysis) -> None:
    """Person names' edges set by the words that join Arabic names (بن، أبو، و); titles before them dropped."""
    for s in doc.sentences:
        s.names = name_parts.trim(s.folded, name_parts.mend(s.words, s.folded, s.names))


def tag_titles(doc: Analysis) -> None:
    """Untagged quoted titles after a word that introduces them are MISC."""
    for s in doc.sentences:
        s.names = titles.tag_titles(s.words, s.names)


def add_known_names(doc: Analysis) -> None:
    """Known organisations laid over the names found so far.

    A known organisation is a gazetteer entry, or a place after a word that
    opens organisation names (مجموعة ليما، جامعة القاهرة).  It replaces the
    names it overlaps that are no longer than it, and is dropped where it
    overlaps a longer one.
    """
    for s in doc.sentences:
        model = s.names
        known = [Name(EntityType.ORGANIZATION, i, j) for i, j in s.gazetteers.organizations]
        known += [
            Name(EntityType.ORGANIZATION, i - 1, j)
            for i, j in s.gazetteers.places
            if i > 0 and any(c in gazetteer.org_cues() for c in gazetteer.peel_candidates(s.folded[i - 1]))
        ]
        if known:
            model = [m for m in model if not any(_overlap(s, k, m) and _length(s, k) >= _length(s, m) for k in known)]
            model += [k for k in known if not any(_overlap(s, k, m) for m in model)]
        s.names = model


def _overlap(s: Sentence, a: Name, b: Name) -> bool:
    """Do two names of ``s`` share a character?"""
    (a0, a1), (b0, b1) = s.char_span(a), s.char_span(b)
    return a0 < b1 and b0 < a1


def _length(s: Sentence, name: Name) -> int:
    """A name's length in characters (spaces between its words included)."""
    start, end = s.char_span(name)
    return end - start


def add_dates(doc: Analysis) -> None:
    """The mentions: the names at their offsets, and dates by rule.  Dates win over MISC; other names win over dates."""
    found = sorted((*s.char_span(name), name.type) for s in doc.sentences for name in s.names)
    starts = [f[0] for f in found]
    dropped: set[int] = set()
    kept_dates = []
    for ds, de in dates.find_dates(doc.text):
        k = bisect_left(starts, de) - 1
        clash = []
        while k >= 0 and found[k][1] > ds:
            clash.append(k)
            k -= 1
        if all(found[c][2] is EntityType.MISC for c in clash):
            dropped.update(clash)
            kept_dates.append((ds, de, EntityType.DATE))
    kept = [f for i, f in enumerate(found) if i not in dropped]
    doc.mentions = [Mention(s, e, k, doc.text[s:e]) for s, e, k in sorted(kept + kept_dates)]


def group_mentions(doc: Analysis) -> None:
    """Mentions of one thing grouped into an entity (spellings, clitics and the article folded)."""
    doc.entities = grouping.group(doc.mentions)


Pass = Callable[[Analysis], None]

#: The passes, in the order they run.
PASSES: tuple[tuple[str, Pass], ...] = (
    ("tokenise", tokenise),
    ("model", tag_with_model),
    ("consistency", spread_names),
    ("names", mend_names),
    ("titles", tag_titles),
    ("gazetteers", add_known_names),
    ("dates", add_dates),
    ("group", group_mentions),
)


def run(doc: Analysis, last: str = "group") -> Analysis:
    """Run the passes on ``doc`` up to and including the one named ``last``."""
    if last not in dict(PASSES):
        raise ValueError(f"no pass named {last!r}")
    for name, step in PASSES:
        step(doc)
        if name == last:
            break
    return doc


def recognise(text: str, tagger: Model | None = None) -> list[Mention]:
    """All mentions in ``text``, sorted by position."""
    return run(Analysis(text, tagger or default_tagger()), "dates").mentions


def analyse(text: str, tagger: Model | None = None, progress: Progress | None = None) -> list[Entity]:
    """Recognise and group in one call; ``progress`` as in :class:`Analysis`."""
    return run(Analysis(text, tagger or default_tagger(), progress=progress)).entities


def tag_sentences(sentences_words: list[list[str]], tagger: Model | None = None) -> list[list[str]]:
    """BIO tags in ANERcorp's labels for tokenised sentences of one document (dates left ``O``)."""
    # The text the tokens are offsets into: a line per sentence, a space between words.
    lines = [" ".join(words) for words in sentences_words]
    given: list[Columns] = []
    pos = 0
    for words, line in zip(sentences_words, lines, strict=True):
        starts, ends, at = [], [], pos
        for w in words:
            starts.append(at)
            ends.append(at + len(w))
            at += len(w) + 1
        given.append((tuple(words), tuple(starts), tuple(ends)))
        pos += len(line) + 1
    text = "\n".join(lines)
    doc = run(Analysis(text, tagger or default_tagger(), given), "gazetteers")
    return [to_bio(s.names, len(s.words)) for s in doc.sentences]


def tag_tokens(words: list[str], tagger: Model | None = None) -> list[str]:
    """BIO tags for one tokenised sentence."""
    return tag_sentences([words], tagger)[0]
