"""Capture the seed's entities from the model once, into ``seed_entities.json``.

Run from the repository root: ``.venv/bin/python -m tests.golden.make_fixture``.
Only when the seed article changes (the golden tests then say so); a new model
does not call for it.  Review the goldens after: ``QARI_REGEN_GOLDEN=1`` rewrites them.
"""

from __future__ import annotations

from reader.core.article import open_article
from tests.fixtures import SEED, SEED_ENTITIES, entities_to_json


def main() -> None:
    """Run the model over the seed and write what it found."""
    article = open_article(SEED)
    SEED_ENTITIES.write_text(entities_to_json(article.text, article.entities_or_empty()), encoding="utf-8")
    print(f"{SEED_ENTITIES}: {len(article.entities_or_empty())} entities")


if __name__ == "__main__":
    main()
