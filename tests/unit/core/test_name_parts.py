"""Person-name edges mended by the words that join Arabic names."""

from __future__ import annotations

from reader.core.entities.features import word_info
from reader.core.entities.name_parts import mend, trim
from reader.core.entities.sentence import from_bio, to_bio


def _mend(words: list[str], tags: list[str]) -> list[str]:
    return to_bio(mend(words, [word_info(w).folded for w in words], from_bio(tags)), len(words))


def _trim(words: list[str], tags: list[str]) -> list[str]:
    return to_bio(trim([word_info(w).folded for w in words], from_bio(tags)), len(words))


def test_a_name_does_not_end_on_a_joining_word() -> None:
    words = ["البيعة", "لابنه", "الحسن", "بن", "علي", "ثم", "خرج"]
    assert _mend(words, ["O", "O", "B-PERS", "I-PERS", "O", "O", "O"]) == ["O", "O", "B-PERS", "I-PERS", "I-PERS", "O", "O"]
    # Several joiners in a row: حمد بن عيسى آل | خليفة.
    words = ["الملك", "حمد", "بن", "عيسى", "آل", "خليفة", "عاهل"]
    assert _mend(words, ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS", "O", "O"])[5] == "I-PERS"


def test_the_given_name_before_bin_and_the_kunya_belong_to_the_name() -> None:
    words = ["على", "المدينة", "سهل", "بن", "حنيف", "الأنصاري"]
    assert _mend(words, ["O", "O", "O", "B-PERS", "I-PERS", "I-PERS"]) == ["O", "O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"]
    assert _mend(["واستخلف", "أبا", "هريرة"], ["O", "O", "B-PERS"]) == ["O", "B-PERS", "I-PERS"]
    # A title before بن is not a given name: الرئيس | بن علي.
    assert _mend(["الرئيس", "بن", "علي"], ["O", "B-PERS", "I-PERS"]) == ["O", "B-PERS", "I-PERS"]


def test_two_people_joined_by_wa_are_two_names() -> None:
    words = ["ووالد", "الحسن", "والحسين"]
    assert _mend(words, ["O", "B-PERS", "I-PERS"]) == ["O", "B-PERS", "B-PERS"]
    # وليد is a name of its own, not و + ليد.
    assert _mend(["حازم", "وليد"], ["B-PERS", "I-PERS"]) == ["B-PERS", "I-PERS"]


def test_other_names_and_taken_words_are_left_alone() -> None:
    tags = ["B-ORG", "I-ORG", "B-PERS", "I-PERS", "B-LOC"]
    assert _mend(["مجلس", "الأمن", "أبو", "مازن", "غزة"], tags) == tags
    # The joiner's next word already belongs to another name.
    assert _mend(["ابن", "بطوطة"], ["B-PERS", "B-LOC"]) == ["B-PERS", "B-LOC"]


def test_titles_nisbas_and_participles_are_trimmed_from_people() -> None:
    words = ["قال", "الرئيس", "اليساري", "بيدرو", "كاستيلو", "أمس"]
    assert _trim(words, ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS", "O"]) == ["O", "O", "O", "B-PERS", "I-PERS", "O"]
    assert _trim(["دعم", "غوايدو", "المدعوم"], ["O", "B-PERS", "I-PERS"]) == ["O", "B-PERS", "O"]
    # Other names keep their words, and a name is never trimmed to nothing.
    assert _trim(["الرئيس", "الأمريكي"], ["B-ORG", "I-ORG"]) == ["B-ORG", "I-ORG"]
    assert _trim(["الرئيس"], ["B-PERS"]) == ["B-PERS"]
