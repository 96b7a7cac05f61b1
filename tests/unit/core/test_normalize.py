"""Folding for matching keeps a map back to the original letters."""

from __future__ import annotations

from reader.core.normalize import Folding, fold, fold_with_map, has_presentation_forms, original_span


def test_fold_rules() -> None:
    assert fold("أَحْمَـــدُ") == "احمد"
    assert fold("إسلام آمن ٱلله") == "اسلام امن الله"
    assert fold("مستشفى مدرسة") == "مستشفي مدرسه"
    assert fold("هٰذا") == "هذا"
    assert fold("أحمد", Folding(hamza=False)) == "أحمد"
    assert fold("كتـاب", Folding(kashida=False)) == "كتـاب"


def test_map_points_at_original_letters() -> None:
    text = "قالَ مُحَمَّـدٌ"
    folded, index = fold_with_map(text)
    start = folded.index("محمد")
    s, e = original_span(index, text, start, start + 4)
    assert text[s:e] == "مُحَمَّـدٌ"


def test_presentation_forms_detected() -> None:
    assert has_presentation_forms("\ufe8d\ufedf")
    assert not has_presentation_forms("\ufeffالعربية")
