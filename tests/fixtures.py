"""Fixture articles for golden tests: the seed with entities read from a file, not found by the model.

The layout and PDF goldens check how Qari renders entities, not which entities
the model finds (model quality is what ``qari evaluate``-style commands measure).
So they take the seed's entities from ``tests/golden/seed_entities.json``,
captured once from the model by ``tests/golden/make_fixture.py``; retraining the
model leaves these goldens alone.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from reader.core.article import Article, ArticleOptions, open_article
from reader.core.entities.types import Entity, EntityType, Mention
from tests.conftest import ROOT, SEED

SEED_ENTITIES = ROOT / "tests" / "golden" / "seed_entities.json"


def text_digest(text: str) -> str:
    """The SHA-256 of ``text`` (UTF-8): ties a fixture's offsets to the text they index."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entities_to_json(text: str, entities: list[Entity]) -> str:
    """``entities`` over ``text`` as the fixture file's JSON: one entity per line, offsets into ``text``."""
    rows = [
        json.dumps({"type": e.type.value, "key": e.key, "name": e.name, "mentions": [[m.start, m.end] for m in e.mentions]}, ensure_ascii=False)
        for e in entities
    ]
    head = json.dumps({"text_sha256": text_digest(text), "length": len(text)})[:-1]
    return head + ', "entities": [\n' + ",\n".join(rows) + "\n]}\n"


def entities_from_json(text: str, data: str) -> list[Entity]:
    """The entities a fixture file holds, as :class:`Entity` objects over ``text``.

    Raises ValueError when the fixture was captured from another text (its offsets would be wrong).
    """
    raw: dict[str, Any] = json.loads(data)
    if raw["text_sha256"] != text_digest(text):
        raise ValueError("the seed's text changed since the fixture was made: run `python -m tests.golden.make_fixture` and review the goldens")
    return [
        Entity(e["key"], EntityType(e["type"]), e["name"], [Mention(s, end, EntityType(e["type"]), text[s:end]) for s, end in e["mentions"]])
        for e in raw["entities"]
    ]


def seed_article_with_fixed_entities() -> Article:
    """The seed article with the fixture's entities, built through the public API; the model never runs."""
    read = open_article(SEED, ArticleOptions(analyse=False))
    entities = entities_from_json(read.text, SEED_ENTITIES.read_text(encoding="utf-8"))
    return Article(read.document, read.provenance, entities=entities)
