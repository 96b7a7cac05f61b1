"""Mentions that name one thing, grouped: ``أمريكا``, ``امريكا`` and ``بأمريكا`` are one place.

A mention's name is its text with clitics peeled from the first word where the
rest is surely a word; its key folds the name (Persian and Urdu letters and
presentation forms too: ``کندا`` is ``كندا``) and drops the article.
"""

from __future__ import annotations

from collections import Counter

from reader.core.arabic import ARTICLE, ARTICLES, CONJUNCTIONS, LAM_ARTICLE, PREPOSITIONS, strip_article
from reader.core.entities.gazetteer import places
from reader.core.entities.types import Entity, EntityType, Mention
from reader.core.normalize import decoration, fold


def peel(word: str, known: frozenset[str] | set[str] = frozenset()) -> str:
    """Strip proclitics from the first word of a name, only where the rest is surely a word.

    ``والبيرو`` → ``البيرو``; ``للامبريالية`` → ``الامبريالية``; ``بأمريكا`` → ``أمريكا``
    only because ``أمريكا`` is known (a gazetteer place or a bare mention elsewhere);
    ``بيدرو`` stays whole.  A clitic is compared folded (Persian ک is the preposition ك).
    """
    candidates = []
    rest = word
    if fold(rest[:1]) in CONJUNCTIONS and len(rest) > 3:
        rest = rest[1:]
        candidates.append(rest)
    if rest.startswith(LAM_ARTICLE) and len(rest) > 4:
        return ARTICLE + rest[2:]
    if fold(rest[:1]) in PREPOSITIONS and len(rest) > 3:
        candidates.append(rest[1:])
    for cand in reversed(candidates):
        if cand.startswith(ARTICLES) and len(cand) > 3:
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
        # The commonest spelling; among equals, the plainest (fewest harakat and tatweel, Arabic letters, no ligatures).
        entity.name = min(spellings[key].items(), key=lambda item: (-item[1], decoration(item[0])))[0]
    return list(entities.values())
