"""The entity pipeline's outline: its passes, in order, each seen doing its part.

A stand-in model gives fixed tags, so what each later pass adds or changes is
the pass's own doing, not the CRF's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import reader.core.entities as entities
from reader.core.entities.gazetteer import SentenceSpans
from reader.core.entities.lexicon import Lexicon
from reader.core.entities.pipeline import PASSES, Analysis, recognise, run, tag_sentences
from reader.core.entities.sentence import from_bio, to_bio
from reader.core.entities.types import EntityType

ROOT = Path(__file__).resolve().parents[3]

SENTENCES = [
    ("قال الرئيس بيدرو كاستيلو في ليما .", "O B-PERS I-PERS I-PERS O B-LOC O"),
    ("ثم زار كاستيلو مجلس الأمن .", "O O O O O O"),
    ("وقدم برنامج « حوار من القلب » في 28 من شهر يوليو .", "O O O O O O O O O O O O O"),
    ("البيعة لابنه الحسن بن علي .", "O O B-PERS I-PERS O O"),
    ("اجتمعت مجموعة ليما أمس .", "O O B-LOC O O"),
]
TEXT = " ".join(s for s, _ in SENTENCES)


class Stub:
    """A model that tags each known sentence as told, and nothing else."""

    def __init__(self) -> None:
        self.tags = {tuple(s.split()): t.split() for s, t in SENTENCES}

    @property
    def lexicon(self) -> Lexicon:
        return Lexicon()

    def tag(self, words: list[str], gazetteers: SentenceSpans | None = None) -> list[str]:
        return list(self.tags.get(tuple(words), ["O"] * len(words)))


def _names_after(last: str) -> list[set[tuple[EntityType, str]]]:
    doc = run(Analysis(TEXT, Stub()), last)
    return [{(n.type, " ".join(s.words[n.start : n.end])) for n in s.names} for s in doc.sentences]


def test_the_passes_run_in_the_declared_order() -> None:
    assert [name for name, _ in PASSES] == ["tokenise", "model", "consistency", "names", "titles", "gazetteers", "dates", "group"]
    with pytest.raises(ValueError, match="no pass named"):
        run(Analysis(TEXT, Stub()), "spelling")


def test_each_pass_does_its_part() -> None:
    person, place, org, misc = EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANIZATION, EntityType.MISC
    tokenised = run(Analysis(TEXT, Stub()), "tokenise")
    assert [" ".join(s.words) for s in tokenised.sentences] == [s for s, _ in SENTENCES]
    assert all(TEXT[a:b] == w for s in tokenised.sentences for w, a, b in zip(s.words, s.starts, s.ends, strict=True))
    model = _names_after("model")
    assert model == [{(person, "الرئيس بيدرو كاستيلو"), (place, "ليما")}, set(), set(), {(person, "الحسن بن")}, {(place, "ليما")}]
    # The family name the model found in full is found alone in another sentence.
    consistency = _names_after("consistency")
    assert consistency[1] - model[1] == {(person, "كاستيلو")}
    assert [c for i, c in enumerate(consistency) if i != 1] == [m for i, m in enumerate(model) if i != 1]
    # A name does not end on بن, nor start with a title.
    names = _names_after("names")
    assert names[3] == {(person, "الحسن بن علي")}
    assert (person, "بيدرو كاستيلو") in names[0]
    # A quoted title after برنامج.
    assert _names_after("titles")[2] == {(misc, "حوار من القلب")}
    # A known organisation, and a place after a word that opens organisation names, are organisations.
    known = _names_after("gazetteers")
    assert (org, "مجلس الأمن") in known[1] and (org, "مجلس الأمن") not in names[1]
    assert known[4] == {(org, "مجموعة ليما")}
    mentions = run(Analysis(TEXT, Stub()), "dates").mentions
    assert [(m.type, m.text) for m in mentions if m.type is EntityType.DATE] == [(EntityType.DATE, "28 من شهر يوليو")]
    assert all(TEXT[m.start : m.end] == m.text for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    grouped = run(Analysis(TEXT, Stub())).entities
    castillo = next(e for e in grouped if e.type is person and e.name == "بيدرو كاستيلو")
    assert len(castillo.mentions) == 1


def test_the_wrappers_are_the_pipeline() -> None:
    stub = Stub()
    doc = run(Analysis(TEXT, stub), "gazetteers")
    assert recognise(TEXT, stub) == run(Analysis(TEXT, stub), "dates").mentions
    # Pre-tokenised sentences go through the same passes (no dates: ANERcorp has none) and come back as BIO.
    tags = tag_sentences([s.split() for s, _ in SENTENCES], stub)
    assert tags == [to_bio(s.names, len(s.words)) for s in doc.sentences]
    assert [from_bio(t) for t in tags] == [sorted(s.names, key=lambda n: n.start) for s in doc.sentences]


def test_the_package_api_is_the_pipelines() -> None:
    from reader.core.entities import grouping, pipeline

    assert entities.analyse is pipeline.analyse and entities.tag_tokens is pipeline.tag_tokens
    assert entities.group is grouping.group and entities.entity_key is grouping.entity_key
    with pytest.raises(AttributeError):
        _ = entities.no_such_name  # type: ignore[attr-defined]


def test_the_types_load_no_model() -> None:
    code = "import reader.core.entities.types, sys; print('pycrfsuite' in sys.modules, 'reader.core.entities.model' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"]
    # Nor the gazetteers or the features, from the package itself either; a mention's key loads the gazetteer code only.
    heavy = ("pycrfsuite", "reader.core.entities.model", "reader.core.entities.features", "reader.core.entities.gazetteer")
    code = (
        "import sys; from reader.core.entities import Entity, EntityType, Mention;"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules));"
        "assert Mention(0, 7, EntityType.LOCATION, 'الأمريكا').key == 'امريكا';"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.splitlines() == ["[]", "['reader.core.entities.gazetteer']"]
