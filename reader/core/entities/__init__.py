"""The entity API the rest of Qari uses: text in, typed mentions with offsets out.

:func:`recognise` runs the CRF model (people, places, organisations, other
names) and the date rules; :func:`group` folds mentions that name the same
thing (``أمريكا``, ``امريكا``, ``بأمريكا``) into one :class:`Entity`.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum

from reader.core.entities import name_parts, titles
from reader.core.entities.conll import mark
from reader.core.entities.conll import spans as bio_spans
from reader.core.entities.consistency import propagate
from reader.core.entities.dates import find_dates
from reader.core.entities.features import word_info
from reader.core.entities.gazetteer import SentenceSpans, org_cues, peel_candidates, person_cues, places, sentence_spans, strip_article
from reader.core.entities.model import Tagger, default_tagger
from reader.core.entities.tokens import Token, sentences
from reader.core.normalize import fold


class EntityType(StrEnum):
    """Entity types, in the order the sidebar lists them."""

    PERSON = "PERSON"
    LOCATION = "LOCATION"
    ORGANIZATION = "ORGANIZATION"
    DATE = "DATE"
    MISC = "MISC"


#: ANERcorp's labels → Qari's types.
_FROM_BIO = {"PERS": EntityType.PERSON, "LOC": EntityType.LOCATION, "ORG": EntityType.ORGANIZATION, "MISC": EntityType.MISC}
TO_BIO = {v: k for k, v in _FROM_BIO.items()}


@dataclass(frozen=True)
class Mention:
    """One occurrence: ``text[start:end]`` in the analysed text, of a given type."""

    start: int
    end: int
    type: EntityType
    text: str

    @property
    def key(self) -> str:
        """Normalised name: folded, clitics and article peeled."""
        return entity_key(self.text)


@dataclass
class Entity:
    """Mentions that name one thing; ``name`` is its most frequent spelling, clitics peeled."""

    key: str
    type: EntityType
    name: str
    mentions: list[Mention] = field(default_factory=list)


_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


def peel(word: str, known: frozenset[str] | set[str] = frozenset()) -> str:
    """Strip proclitics from the first word of a name, only where the rest is surely a word.

    ``والبيرو`` → ``البيرو``; ``للامبريالية`` → ``الامبريالية``; ``بأمريكا`` → ``أمريكا``
    only because ``أمريكا`` is known (a gazetteer place or a bare mention elsewhere);
    ``بيدرو`` stays whole.
    """
    candidates = []
    rest = word
    if rest[:1] in _CONJ and len(rest) > 3:
        rest = rest[1:]
        candidates.append(rest)
    if rest.startswith("لل") and len(rest) > 4:
        return "ال" + rest[2:]
    if rest[:1] in _PREP and len(rest) > 3:
        candidates.append(rest[1:])
    for cand in reversed(candidates):
        if cand.startswith("ال") and len(cand) > 3:
            return cand
        stripped = strip_article(fold(cand))
        if stripped in known or (stripped,) in places():
            return cand
    return word


def entity_key(text: str) -> str:
    """The grouping key of a (peeled) name: folded, article dropped from the first word."""
    words = fold(text).split()
    if not words:
        return ""
    return " ".join([strip_article(words[0]), *words[1:]])


def _spans(tokens: list[Token], tags: list[str]) -> list[tuple[int, int, EntityType]]:
    """Character spans of the names a BIO sequence marks over ``tokens`` (seqeval's reading of BIO)."""
    return [(tokens[s].start, tokens[e - 1].end, _FROM_BIO[k]) for k, s, e in sorted(bio_spans(tags), key=lambda x: x[1]) if k in _FROM_BIO]


_PARTICIPLE = re.compile(r"^ال(?:م..و.|مت...|من...)$")


def _trim_person(tokens: list[Token], start: int, end: int, kind: EntityType) -> tuple[int, int, EntityType]:
    """Drop a leading title (الرئيس) or nisba adjective (اليساري) the model took into a name."""
    if kind is not EntityType.PERSON:
        return start, end, kind
    inside = [t for t in tokens if start <= t.start and t.end <= end]
    while len(inside) > 1:
        first = fold(inside[0].text)
        if strip_article(first) in person_cues() or (first.startswith("ال") and first.endswith("ي")):
            inside = inside[1:]
        else:
            break
    # A trailing passive participle (غوايدو المدعوم: "the backed") describes the person.
    while len(inside) > 1 and _PARTICIPLE.match(fold(inside[-1].text)):
        inside = inside[:-1]
    return inside[0].start, inside[-1].end, kind


def _sentence_spans(sent: list[Token], tags: list[str], folded: list[str], gazetteers: SentenceSpans) -> list[tuple[int, int, EntityType]]:
    """Model spans of one sentence (from its ``tags``), trimmed, with known organisations laid over them.

    ``folded`` are the sentence's words folded and ``gazetteers`` its gazetteer spans.
    """
    model = [_trim_person(sent, s, e, k) for s, e, k in _spans(sent, tags)]
    known = [(sent[i].start, sent[j - 1].end, EntityType.ORGANIZATION) for i, j in gazetteers.organizations]
    # An organisation cue word before a place names an organisation: مجموعة ليما, جامعة القاهرة.
    known += [
        (sent[i - 1].start, sent[j - 1].end, EntityType.ORGANIZATION)
        for i, j in gazetteers.places
        if i > 0 and any(c in org_cues() for c in peel_candidates(folded[i - 1]))
    ]
    # A known organisation replaces the model's pieces of it.
    model = [m for m in model if not any(k[0] < m[1] and m[0] < k[1] and k[1] - k[0] >= m[1] - m[0] for k in known)]
    return model + [k for k in known if not any(k[0] < m[1] and m[0] < k[1] for m in model)]


def _tag_document(sentences_words: list[list[str]], tagger: Tagger) -> tuple[list[list[str]], list[list[str]], list[SentenceSpans]]:
    """Model tags (consistency pass, name mending and quoted titles applied), folded words and gazetteer spans of each sentence of one document."""
    folded = [[word_info(w).folded for w in words] for words in sentences_words]
    gazetteers = [sentence_spans(f) for f in folded]
    tags = propagate(sentences_words, [tagger.tag(words, g) for words, g in zip(sentences_words, gazetteers, strict=True)], tagger.lexicon)
    tags = [titles.tag_titles(words, name_parts.mend(words, f, seq)) for words, f, seq in zip(sentences_words, folded, tags, strict=True)]
    return tags, folded, gazetteers


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a document is analysed.

    Tagging makes hundreds of thousands of small acyclic lists and tuples; the
    collector finds no cycles among them but took a fifth of the time
    (measured on ANERcorp's text: 2.6 s → 2.1 s).  Reference counting still
    frees everything; the collector resumes, as it was, afterwards.

    What outlives an analysis is mostly the word caches, kept for the life of
    the process.  They are filed with the oldest generation (freeze, unfreeze)
    rather than scanned once per generation on their way there: 0.1 s after
    ANERcorp's text.  Any cycle among them is still found by the next full
    collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def recognise(text: str, tagger: Tagger | None = None) -> list[Mention]:
    """All mentions in ``text``, sorted by position, not overlapping."""
    with _collector_paused():
        return _recognise(text, tagger or default_tagger())


def _recognise(text: str, tagger: Tagger) -> list[Mention]:
    sents = sentences(text)
    tags, folded, gazetteers = _tag_document([[t.text for t in s] for s in sents], tagger)
    found: list[tuple[int, int, EntityType]] = []
    for sent, seq, f, g in zip(sents, tags, folded, gazetteers, strict=True):
        found += _sentence_spans(sent, seq, f, g)
    # Dates win over the model's MISC; the model's names win over dates.
    found.sort()
    starts = [f[0] for f in found]
    dropped: set[int] = set()
    dates = []
    for ds, de in find_dates(text):
        k = bisect_left(starts, de) - 1
        clash = []
        while k >= 0 and found[k][1] > ds:
            clash.append(k)
            k -= 1
        if all(found[c][2] is EntityType.MISC for c in clash):
            dropped.update(clash)
            dates.append((ds, de, EntityType.DATE))
    kept = [f for i, f in enumerate(found) if i not in dropped]
    return [Mention(s, e, k, text[s:e]) for s, e, k in sorted(kept + dates)]


def tag_sentences(sentences_words: list[list[str]], tagger: Tagger | None = None) -> list[list[str]]:
    """BIO tags in ANERcorp's labels for tokenised sentences of one document (dates left ``O``)."""
    with _collector_paused():
        model_tags, folded, gazetteers = _tag_document(sentences_words, tagger or default_tagger())
    out = []
    for words, seq, f, g in zip(sentences_words, model_tags, folded, gazetteers, strict=True):
        tokens, pos = [], 0
        for w in words:
            tokens.append(Token(w, pos, pos + len(w)))
            pos += len(w) + 1
        tags = ["O"] * len(words)
        starts = {t.start: i for i, t in enumerate(tokens)}
        ends = {t.end: i for i, t in enumerate(tokens)}
        for s, e, kind in _sentence_spans(tokens, seq, f, g):
            mark(tags, TO_BIO[kind], starts[s], ends[e] + 1)
        out.append(tags)
    return out


def tag_tokens(words: list[str], tagger: Tagger | None = None) -> list[str]:
    """BIO tags for one tokenised sentence."""
    return tag_sentences([words], tagger)[0]


def group(mentions: list[Mention]) -> list[Entity]:
    """Group mentions by type and normalised name; entities in order of first mention."""
    bare = {strip_article(fold(m.text.split()[0])) for m in mentions if m.text.split()}
    entities: dict[tuple[EntityType, str], Entity] = {}
    spellings: dict[tuple[EntityType, str], Counter[str]] = {}
    for m in mentions:
        words = m.text.split()
        name = " ".join([peel(words[0], bare), *words[1:]]) if m.type is not EntityType.DATE else m.text
        key = (m.type, entity_key(name))
        entities.setdefault(key, Entity(key[1], m.type, name)).mentions.append(m)
        spellings.setdefault(key, Counter())[name] += 1
    for key, entity in entities.items():
        # The commonest spelling; among equals, the plainest (fewest harakat and tatweel).
        entity.name = min(spellings[key].items(), key=lambda item: (-item[1], len(item[0]) - len(fold(item[0]))))[0]
    return list(entities.values())


def analyse(text: str, tagger: Tagger | None = None) -> list[Entity]:
    """Recognise and group in one call."""
    with _collector_paused():
        return group(recognise(text, tagger))
