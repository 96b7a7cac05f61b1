"""Quoted titles after a word that introduces them."""

from __future__ import annotations

from reader.core.entities.sentence import from_bio, to_bio
from reader.core.entities.titles import tag_titles


def _tag(words: list[str], tags: list[str]) -> list[str]:
    return to_bio(tag_titles(words, from_bio(tags)), len(words))


def test_an_untagged_quoted_title_after_its_introducer_is_misc() -> None:
    words = ["برنامج", "«", "حوار", "من", "القلب", "»", "الذي", "يذاع"]
    assert _tag(words, ["O"] * 8) == ["O", "O", "B-MISC", "I-MISC", "I-MISC", "O", "O", "O"]
    words = ["بعنوان", '"', "هرم", "الاحلام", '"', "."]
    assert _tag(words, ["O"] * 6) == ["O", "O", "B-MISC", "I-MISC", "O", "O"]


def test_titles_the_model_tagged_and_other_quotations_are_left_alone() -> None:
    # The model's own reading wins, even in part.
    words = ["كتاب", "«", "روسيا", "بوتين", "»"]
    tags = ["O", "O", "B-LOC", "B-PERS", "O"]
    assert _tag(words, tags) == tags
    # No introducing word (a quoted statement), a series (مسلسل: mostly not tagged), or too long.
    assert _tag(["قال", "«", "لن", "نتراجع", "»"], ["O"] * 5) == ["O"] * 5
    assert _tag(["مسلسل", '"', "قلب", "حبيبة", '"'], ["O"] * 5) == ["O"] * 5
    long = ["بعنوان", '"', *["كلمة"] * 7, '"']
    assert _tag(long, ["O"] * len(long)) == ["O"] * len(long)
    # An unclosed quotation.
    assert _tag(["فيلم", "«", "الطريق", "إلى", "البيت"], ["O"] * 5) == ["O"] * 5
