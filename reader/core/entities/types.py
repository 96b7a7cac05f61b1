"""The entity types every part of Qari shares; imports no model, so views and tests can use them freely."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """Entity types, in the order the sidebar lists them."""

    PERSON = "PERSON"
    LOCATION = "LOCATION"
    ORGANIZATION = "ORGANIZATION"
    DATE = "DATE"
    MISC = "MISC"


#: ANERcorp's labels → Qari's types.
FROM_BIO = {"PERS": EntityType.PERSON, "LOC": EntityType.LOCATION, "ORG": EntityType.ORGANIZATION, "MISC": EntityType.MISC}
TO_BIO = {v: k for k, v in FROM_BIO.items()}


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
        # Imported here: grouping imports these types (it loads no model, only the gazetteer code).
        from reader.core.entities.grouping import entity_key

        return entity_key(self.text)


@dataclass
class Entity:
    """Mentions that name one thing; ``name`` is its most frequent spelling, clitics peeled."""

    key: str
    type: EntityType
    name: str
    mentions: list[Mention] = field(default_factory=list)
