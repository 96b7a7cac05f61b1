"""The entity API the rest of Qari uses: text in, typed mentions with offsets out.

:func:`recognise` runs the entity pipeline (:mod:`.pipeline`: the CRF model,
then rules for consistency, names, titles, known organisations and dates);
:func:`group` folds mentions that name the same thing (``أمريكا``, ``امريكا``,
``بأمريكا``) into one :class:`Entity`.

Importing this package loads only the types: views, exporters and tests use
them without the model.  The functions are loaded on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from reader.core.entities.types import FROM_BIO, TO_BIO, Entity, EntityType, Mention

if TYPE_CHECKING:
    from reader.core.entities.grouping import entity_key, group, peel
    from reader.core.entities.pipeline import analyse, recognise, tag_sentences, tag_tokens

__all__ = [
    "FROM_BIO",
    "TO_BIO",
    "Entity",
    "EntityType",
    "Mention",
    "analyse",
    "entity_key",
    "group",
    "peel",
    "recognise",
    "tag_sentences",
    "tag_tokens",
]

#: The functions loaded on first use, by the module that defines them.
_LAZY = {
    "analyse": "pipeline",
    "recognise": "pipeline",
    "tag_sentences": "pipeline",
    "tag_tokens": "pipeline",
    "group": "grouping",
    "peel": "grouping",
    "entity_key": "grouping",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - the attribute's own type, as declared above for type checkers
    """Load a function of the API (and the model code it needs) when it is first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
