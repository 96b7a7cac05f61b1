"""The CRF recogniser: load the shipped model once, tag token sequences."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pycrfsuite

from reader.core.entities.features import FEATURES_VERSION, sentence_features
from reader.core.entities.lexicon import Lexicon
from reader.core.errors import QariError
from reader.core.resources import resource

MODEL_FILE = "anercorp-crf.crfsuite"
META_FILE = "anercorp-crf.json"


class Tagger:
    """A loaded CRF model.  ``tag(words)`` returns BIO tags in ANERcorp's labels."""

    def __init__(self, path: Path, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon
        meta_path = path.with_suffix(".json")
        if meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("features_version") != FEATURES_VERSION:
                raise QariError(f"{path.name}: trained with features v{meta.get('features_version')}, this Qari uses v{FEATURES_VERSION}; retrain it")
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(path))
        except (OSError, ValueError) as exc:
            raise QariError(f"{path}: not a usable entity model") from exc

    def tag(self, words: list[str]) -> list[str]:
        """BIO tags for one sentence."""
        if not words:
            return []
        return self._tagger.tag(sentence_features(words, self._lexicon))


@cache
def default_tagger() -> Tagger:
    """The model shipped in ``resources/ner``, loaded on first use."""
    return Tagger(resource("ner", MODEL_FILE))
