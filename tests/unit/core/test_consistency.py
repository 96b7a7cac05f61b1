"""The lexicon and the document-level consistency pass."""

from __future__ import annotations

from reader.core.entities import lexicon
from reader.core.entities.consistency import propagate


def test_propagate_tags_missed_occurrences() -> None:
    sents = [["زار", "بيدرو", "كاستيلو", "ليما"], ["وقال", "كاستيلو", "إن"], ["ثم", "عاد", "بيدرو", "كاستيلو"]]
    tags = [["O", "B-PERS", "I-PERS", "B-LOC"], ["O", "B-PERS", "O"], ["O", "O", "O", "O"]]
    out = propagate(sents, tags)
    assert out[2] == ["O", "O", "B-PERS", "I-PERS"]
    assert out[0] == tags[0] and out[1] == tags[1]


def test_propagate_leaves_rarely_tagged_words() -> None:
    sents = [["في", "الصباح"]] + [["الصباح", "جميل"]] * 9
    tags = [["O", "B-MISC"]] + [["O", "O"]] * 9
    assert propagate(sents, tags)[1] == ["O", "O"]


def test_lexicon_features() -> None:
    lex = lexicon.build([[("قال", "O"), ("أوباما", "B-PERS")], [("قال", "O"), ("أوباما", "B-PERS")], [("قال", "O")]])
    assert lexicon.features(lex, "قال", "قال") == ["lx=0", "slx=0"]
    assert "lxT=PERS" in lexicon.features(lex, "اوباما", "اوباما")
    assert lexicon.features(lex, "جديد", "جديد") == ["lx=unk", "slx=unk"]


def test_quoted_words_are_marked() -> None:
    from reader.core.entities.features import _inside_quotes

    words = ["برنامج", "«", "حوار", "من", "القلب", "»", "على", '"', "القناة", '"', "أمس"]
    assert _inside_quotes(words) == ["", "", "q1", "qin", "qin", "", "", "", "q1", "", ""]
    assert _inside_quotes(["«", "بلا", "إغلاق"]) == ["", "", ""]
