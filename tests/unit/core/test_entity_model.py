"""The CRF model: its attribute dictionary, the filtering that relies on it, training, scoring."""

from __future__ import annotations

import gc
from pathlib import Path

import pycrfsuite
import pytest

from reader.core.entities import analyse, tag_sentences
from reader.core.entities.conll import read_conll, score
from reader.core.entities.features import sentence_features
from reader.core.entities.lexicon import default_lexicon
from reader.core.entities.model import MODEL_FILE, Tagger, default_tagger, model_attributes
from reader.core.entities.tokens import sentences
from reader.core.entities.train import fit
from reader.core.errors import QariError
from reader.core.resources import resource


def test_attribute_dictionary_read_from_the_model_file() -> None:
    path = resource("ner", MODEL_FILE)
    raw = pycrfsuite.Tagger()
    raw.open(str(path))
    assert model_attributes(path) == {attr for attr, _ in raw.info().state_features}


def test_not_a_model(tmp_path: Path) -> None:
    bogus = tmp_path / "model.crfsuite"
    bogus.write_bytes(b"lCRF" + b"\xff" * 60)
    with pytest.raises(QariError, match="not a usable entity model"):
        Tagger(bogus)
    text = tmp_path / "words.txt"
    text.write_text("not a model at all", encoding="utf-8")
    assert model_attributes(text) is None


def test_leaving_out_unknown_attributes_changes_no_tag(seed_text: str) -> None:
    raw = pycrfsuite.Tagger()
    raw.open(str(resource("ner", MODEL_FILE)))
    tagger = default_tagger()
    for sent in sentences(seed_text):
        words = [t.text for t in sent]
        full = sentence_features(words, default_lexicon())
        filtered = sentence_features(words, default_lexicon(), model_attributes(resource("ner", MODEL_FILE)), {})
        assert sum(map(len, filtered)) < sum(map(len, full))
        assert tagger.tag(words) == raw.tag(full)


def test_filtered_features_need_their_own_cache() -> None:
    with pytest.raises(ValueError, match="own cache"):
        sentence_features(["كلمة"], default_lexicon(), frozenset({"bias"}))


def test_analysis_leaves_the_cycle_collector_alone(seed_text: str) -> None:
    # The window analyses from a loader thread: switching the process-wide collector there would reach every other thread.
    seen = []

    class Spy(Tagger):
        def tag(self, words, places=None):  # noqa: ANN001, ANN202 - test double
            seen.append((gc.isenabled(), gc.get_freeze_count()))
            return super().tag(words, places)

    spy = Spy(resource("ner", MODEL_FILE))
    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    analyse(seed_text, spy)
    assert seen and set(seen) == {(True, frozen)}
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        analyse(seed_text, spy)
        assert not gc.isenabled(), "a caller's own setting is left as it was"
    finally:
        gc.enable()


CONLL = """\
زار O
محمد B-PERS
علي I-PERS
مدينة O
دمشق B-LOC
امس O

وقال O
محمد B-PERS
علي I-PERS
ان O
شركة O
سامسونغ B-ORG
تعمل O
في O
دمشق B-LOC

"""


def test_train_and_score_a_small_corpus(tmp_path: Path) -> None:
    data = tmp_path / "tiny.conll"
    data.write_text(CONLL * 10, encoding="utf-8")
    sents = read_conll(data)
    assert len(sents) == 20
    model = tmp_path / "tiny.crfsuite"
    fit(sents, model, {"max_iterations": 50})
    tagger = Tagger(model)
    predicted = tag_sentences([[w for w, _ in s] for s in sents[:2]], tagger)
    assert predicted[0] == ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"]
    scores = score([[t for _, t in s] for s in sents[:2]], predicted)
    assert scores.per_type["LOC"][2] == pytest.approx(100.0) and scores.micro[2] > 80


def test_a_truncated_model_is_refused_before_crfsuite_sees_it(tmp_path: Path) -> None:
    cut = tmp_path / "cut.crfsuite"
    cut.write_bytes(resource("ner", MODEL_FILE).read_bytes()[:100_000])
    with pytest.raises(QariError, match="not a usable entity model"):
        Tagger(cut)


def test_cross_check_scores_each_held_out_fifth(tmp_path: Path) -> None:
    from reader.core.entities.train import cross_check

    data = tmp_path / "tiny.conll"
    data.write_text(CONLL * 10, encoding="utf-8")
    results = cross_check(read_conll(data), [0, 4])
    assert len(results) == 2
    assert all(r.per_type["LOC"][3] == 4 and r.micro[2] > 80 for r in results)  # 4 gold places in each held-out fifth
