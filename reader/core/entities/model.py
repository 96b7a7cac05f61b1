"""The CRF recogniser: load the shipped model once, tag token sequences."""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pycrfsuite

from reader.core.entities.features import FEATURES_VERSION, Entry, sentence_features
from reader.core.entities.gazetteer import SentenceSpans
from reader.core.entities.lexicon import Lexicon, default_lexicon
from reader.core.errors import QariError
from reader.core.resources import resource

MODEL_FILE = "anercorp-crf.crfsuite"
META_FILE = "anercorp-crf.json"


def model_attributes(path: Path) -> frozenset[str] | None:
    """The attributes a crfsuite model has weights for (None if the file is not one crfsuite wrote).

    A CRF model file starts with a header (magic ``lCRF``, then the file size) whose
    tenth field is the offset of the attribute dictionary, a CQDB whose backward
    array points at each ``(id, size, name)`` record.  Reading it takes ~20 ms;
    pycrfsuite's ``info()`` would take ten times that.  It doubles as the check
    that the file is whole: crfsuite opens a damaged model and crashes on it later.
    """
    data = path.read_bytes()
    if data[:4] != b"lCRF" or len(data) < 48 or struct.unpack_from("<I", data, 4)[0] != len(data):
        return None
    at = struct.unpack_from("<I", data, 36)[0]
    if data[at : at + 4] != b"CQDB":
        return None
    count, table = struct.unpack_from("<II", data, at + 16)
    names = []
    for offset in struct.unpack_from(f"<{count}I", data, at + table):
        size = struct.unpack_from("<I", data, at + offset + 4)[0]
        names.append(data[at + offset + 8 : at + offset + 7 + size].decode("utf-8"))
    return frozenset(names)


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
            self._known = model_attributes(path)
            if self._known is None:
                raise ValueError("not a CRF model written by crfsuite")
            self._tagger.open(str(path))
        except (OSError, ValueError, struct.error, UnicodeDecodeError) as exc:
            raise QariError(f"{path}: not a usable entity model") from exc
        self._cache: dict[str, Entry] = {}

    @property
    def lexicon(self) -> Lexicon:
        """The training lexicon the features read (the shipped one unless another was given)."""
        return default_lexicon() if self._lexicon is None else self._lexicon

    def tag(self, words: Sequence[str], gazetteers: SentenceSpans | None = None) -> list[str]:
        """BIO tags for one sentence (``gazetteers``: its gazetteer spans, if known already)."""
        if not words:
            return []
        tags: list[str] = self._tagger.tag(sentence_features(words, self._lexicon, self._known, self._cache, gazetteers))
        return tags


@cache
def default_tagger() -> Tagger:
    """The model shipped in ``resources/ner``, loaded on first use."""
    return Tagger(resource("ner", MODEL_FILE))
