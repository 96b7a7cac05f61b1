"""The lexicon and the document-level consistency pass."""

from __future__ import annotations

from reader.core.entities import lexicon
from reader.core.entities.consistency import propagate as propagate_names
from reader.core.entities.features import word_forms
from reader.core.entities.sentence import from_bio, to_bio


def propagate(sentences: list[list[str]], tags: list[list[str]], lex: lexicon.Lexicon | None = None) -> list[list[str]]:
    """The pass over names, read and written as BIO tags (the form these cases are easiest to read in)."""
    stems = [tuple(word_forms(w)[1] for w in words) for words in sentences]
    names = propagate_names(stems, [from_bio(t) for t in tags], lex)
    return [to_bio(n, len(words)) for n, words in zip(names, sentences, strict=True)]


def test_propagate_tags_missed_occurrences() -> None:
    sents = [["زار", "بيدرو", "كاستيلو", "ليما"], ["وقال", "كاستيلو", "إن"], ["ثم", "عاد", "بيدرو", "كاستيلو"]]
    tags = [["O", "B-PERS", "I-PERS", "B-LOC"], ["O", "B-PERS", "O"], ["O", "O", "O", "O"]]
    out = propagate(sents, tags)
    assert out[2] == ["O", "O", "B-PERS", "I-PERS"]
    assert out[0] == tags[0] and out[1] == tags[1]


def test_propagate_leaves_rarely_tagged_words() -> None:
    # Tagged once in twelve: under MIN_SHARE, so one reading is not imposed on the other eleven.
    sents = [["في", "الصباح"]] + [["الصباح", "جميل"]] * 11
    tags = [["O", "B-MISC"]] + [["O", "O"]] * 11
    assert propagate(sents, tags)[1] == ["O", "O"]


def test_lexicon_features() -> None:
    lex = lexicon.build([[("قال", "O"), ("أوباما", "B-PERS")], [("قال", "O"), ("أوباما", "B-PERS")], [("قال", "O")]])
    assert lexicon.features(lex, "قال", "قال") == ["lx=0", "slx=0"]
    assert "lxT=PERS" in lexicon.features(lex, "اوباما", "اوباما")
    assert lexicon.features(lex, "جديد", "جديد") == ["lx=unk", "slx=unk"]


def test_quoted_words_are_marked() -> None:
    from reader.core.entities.features import inside_quotes, word_info

    words = ["برنامج", "«", "حوار", "من", "القلب", "»", "على", '"', "القناة", '"', "أمس"]
    stems = [word_info(w).stem for w in words]
    # After a word that introduces a title (برنامج) the marks say so; elsewhere plain quote marks.
    assert inside_quotes(words, stems) == ["", "", "qc1", "qcin", "qcin", "", "", "", "q1", "", ""]
    assert inside_quotes(["«", "بلا", "إغلاق"], ["«", "بلا", "اغلاق"]) == ["", "", ""]


def test_a_person_named_in_full_is_found_by_the_last_name() -> None:
    # نيكولا ساركوزي … ساركوزي: the family name alone names him too.
    sents = [["قال", "نيكولا", "ساركوزي", "إن"], ["وأضاف", "ساركوزي", "أن"], ["في", "الدين", "و"], ["قال", "جمال", "الدين", "ذلك"]]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O"], ["O", "O", "O"], ["O", "B-PERS", "I-PERS", "O"]]
    lex = lexicon.build([[("الدين", "O")]] * 5 + [[("ساركوزي", "I-PERS")]])
    out = propagate(sents, tags, lex)
    assert out[1] == ["O", "B-PERS", "O"]
    assert out[2] == ["O", "O", "O"], "a word mostly used as an ordinary word is not spread"
    assert propagate(sents, tags)[1] == ["O", "O", "O"], "without a lexicon, full names only"


def test_gazetteer_spans_take_the_longest_name_and_peel_clitics() -> None:
    from reader.core.entities.gazetteer import place_spans, world_places

    folded = ["زار", "الولايات", "المتحده", "وبامريكا", "اللاتينيه", "ثم", "سان", "فرانسيسكو"]
    assert place_spans(folded) == [(1, 3), (3, 5)]
    assert (6, 8) in place_spans(folded, world_places())


def test_one_pass_over_several_gazetteers_finds_what_one_pass_each_does() -> None:
    from reader.core.entities.gazetteer import clubs, organizations, place_spans, places, sentence_spans, spans_in_tables, world_places

    folded = ["فاز", "دينامو", "كييف", "في", "كييف", "على", "ريال", "مدريد", "امام", "الامم", "المتحده", "في", "سان", "فرانسيسكو"]
    tables = (places(), organizations(), world_places(), clubs())
    assert spans_in_tables(folded, tables) == [place_spans(folded, t) for t in tables]
    spans = sentence_spans(folded)
    assert (1, 3) in spans.clubs and (4, 5) in spans.places and (9, 11) in spans.organizations


def test_world_places_and_clubs_are_features() -> None:
    from reader.core.entities.features import sentence_features

    feats = sentence_features(["فاز", "دينامو", "كييف", "على", "ضيفه", "في", "سان", "فرانسيسكو"])
    assert "gC=B" in feats[1] and "gC=I" in feats[2] and "-1:gC=B" in feats[2] and "+1:gC=B" in feats[0]
    assert "gW=B" in feats[6] and "gW=I" in feats[7]


def test_currencies_are_a_feature_in_every_spelling() -> None:
    from reader.core.entities.features import word_info

    # After an amount ANERcorp tags a currency MISC; with tanween alef, plural or clitics it is still one.
    for word in ("دولار", "دولارا", "الدولار", "بالدولار", "دنانير", "شيكل", "درهماً"):
        assert "cur" in word_info(word).own, word
    for word in ("ذهب", "مارك", "دوار"):
        assert "cur" not in word_info(word).own, word


def test_a_sports_report_marks_its_places() -> None:
    from reader.core.entities.features import sentence_features

    # بنفيكا and لشبونة as places; in a match report the place features are qualified.
    report = sentence_features(["فاز", "ليون", "على", "مضيفه", "بنفيكا", "في", "لشبونة"])
    news = sentence_features(["زار", "الرئيس", "لشبونة", "أمس"])
    assert all("spt" in f for f in report)
    assert any(f.startswith("spt:") for f in report[6])
    assert not any(f == "spt" or f.startswith("spt:") for feats in news for f in feats)


def test_each_cache_belongs_to_its_owner() -> None:
    import ast
    from pathlib import Path

    import reader.core.entities as package
    from reader.core.entities.features import sentence_features
    from reader.core.entities.gazetteer import Lookup, Table

    # A lexicon keeps the features computed with it; another lexicon, even an equal one, keeps its own.
    sents = [[("قال", "O"), ("أوباما", "B-PERS")]]
    first, second = lexicon.build(sents), lexicon.build(sents)
    sentence_features(["قال", "أوباما"], first)
    assert set(first.word_features) == {"قال", "أوباما"} and second.word_features == {}
    # A table indexes its own first words; a lookup remembers the words it met.
    table = Table([("سان", "فرانسيسكو"), ("ليما",)])
    assert table.firsts == {"سان": (2,), "ليما": (1,)}
    lookup = Lookup((table,))
    assert lookup.spans(["زار", "سان", "فرانسيسكو"]) == [[(1, 3)]]
    assert Lookup((table,)).spans(["ليما"]) == [[(0, 1)]]
    # And nothing is filed by id(), which a new object can reuse once the old one is gone.
    sources = Path(package.__file__).parent.glob("*.py")
    trees = {p.name: ast.parse(p.read_text(encoding="utf-8")) for p in sources}
    calls = [name for name, tree in trees.items() for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "id"]
    assert calls == []
