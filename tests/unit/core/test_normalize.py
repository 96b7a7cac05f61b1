"""Folding for matching keeps a map back to the original letters."""

from __future__ import annotations

import random
import unicodedata

import pytest

from reader.core import arabic
from reader.core.normalize import Folding, decoration, fold, fold_with_map, has_presentation_forms, original_span


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


# --- Persian, Urdu and Quranic spelling, presentation forms, decomposed hamza ---------

SEARCH = Folding(hamza_seats=True)
MATCH_HAMZA = Folding(hamza=False)
MATCH_MARKS = Folding(diacritics=False)


@pytest.mark.parametrize(
    ("written", "arabic_spelling"),
    [
        ("الرحیم", "الرحيم"),  # Persian yeh
        ("علی", "علي"),  # and ى: all three one letter
        ("کتاب", "كتاب"),  # keheh
        ("ہمہ", "همه"),  # Urdu heh goal
        ("ھذا", "هذا"),  # heh doachashmee
        ("ە", "ه"),  # ae
        ("مدرسۀ", "مدرسة"),  # heh with yeh above: an ezafe on teh marbuta
        ("مدرسۂ", "مدرسة"),
        ("مدرسۃ", "مدرسة"),  # teh marbuta goal
    ],
)
def test_persian_and_urdu_letters_are_the_arabic_ones(written: str, arabic_spelling: str) -> None:
    for folding in (Folding(), SEARCH, MATCH_HAMZA, MATCH_MARKS):
        assert fold(written, folding) == fold(arabic_spelling, folding)
    assert len(fold_with_map(written)[1]) == len(fold(written))


def test_teh_marbuta_toggle_keeps_the_ezafe_a_teh_marbuta() -> None:
    assert fold("مدرسۀ", Folding(teh_marbuta=False)) == "مدرسة"


def test_decomposed_hamza_is_the_composed_letter() -> None:
    for letter in "أإآؤئۀ":
        decomposed = unicodedata.normalize("NFD", letter)
        assert len(decomposed) == 2
        for folding in (Folding(), SEARCH, MATCH_HAMZA, MATCH_MARKS):
            assert fold("س" + decomposed + "ل", folding) == fold("س" + letter + "ل", folding)
    # NFD puts the harakat before the hamza: composed all the same.
    vocalised = "أَحْمَد سُؤَال إِسْلَام"
    exact = Folding(hamza=False, diacritics=False)
    assert fold(unicodedata.normalize("NFD", vocalised), exact) == fold(vocalised, exact) == vocalised
    assert fold(unicodedata.normalize("NFD", vocalised)) == "احمد سؤال اسلام"


def test_composed_letter_maps_to_the_first_code_point_and_covers_both() -> None:
    text = "قال ا\u0654حمد"
    folded, index = fold_with_map(text, MATCH_HAMZA)
    assert folded == "قال أحمد"
    assert index == [0, 1, 2, 3, 4, 6, 7, 8]
    assert original_span(index, text, 4, 5) == (4, 6)  # the alef and its hamza
    # Harakat typed between the letter and its hamza (as NFD writes them) stay with the letter.
    text = "ا\u064e\u0654ب"
    folded, index = fold_with_map(text, Folding(hamza=False, diacritics=False))
    assert folded == "\u0623\u064eب"
    assert index == [0, 1, 3]
    assert original_span(index, text, 0, 2) == (0, 3)


def test_a_stray_hamza_mark_goes_with_hamza() -> None:
    assert fold("ب\u0654") == "ب"
    assert fold("ب\u0654", MATCH_HAMZA) == "ب\u0654"


def test_hamza_seats_fold_only_for_search() -> None:
    assert fold("مسؤول", SEARCH) == fold("مسئول", SEARCH) == fold("مسءول", SEARCH)
    assert fold("مسؤول", Folding(hamza=False, hamza_seats=True)) != fold("مسئول", Folding(hamza=False, hamza_seats=True))
    # Plain folding (the entity model's features, entity keys) keeps them.
    assert fold("مسؤول") == "مسؤول"
    assert fold("مسئول") == "مسئول"


def test_allah_ligature_is_four_letters_of_one_offset() -> None:
    text = "قال \ufdf2 تعالى"
    folded, index = fold_with_map(text)
    assert folded == "قال الله تعالي"
    assert index[4:8] == [4, 4, 4, 4]
    assert index[8] == 5
    start = folded.index("الله")
    assert original_span(index, text, start, start + 4) == (4, 5)
    assert original_span(index, text, start + 1, start + 3) == (4, 5)  # part of a ligature: the whole glyph


def test_presentation_forms_fold_to_their_letters() -> None:
    shaped = "\ufe91\ufeb4\ufee2 \ufefb \ufef7\ufea3\ufee4\ufeaa \ufb90\ufe98\ufe8e\ufe8f"  # pre-shaped بسم لا لأحمد کتاب
    assert fold(shaped) == "بسم لا لاحمد كتاب"
    assert fold(shaped, MATCH_HAMZA) == "بسم لا لأحمد كتاب"
    folded, index = fold_with_map(shaped)
    assert len(index) == len(folded)
    assert [shaped[i] for i in index[4:6]] == ["\ufefb", "\ufefb"]
    # A spacing mark's form (tatweel + fatha, isolated shadda) is a mark: no space, no letter.
    assert fold("ب\ufe77\ufe7cت") == "بت"
    assert fold("ب\ufe7cت", MATCH_MARKS) == "ب\u0651ت"


def test_quranic_marks_and_tatweel_are_ignored_like_harakat() -> None:
    marks = "".join(chr(c) for c in [*range(0x06D6, 0x06EE), *range(0x08D3, 0x0900)])
    text = "ل" + marks + "ه" + arabic.TATWEEL + "\u0670"
    assert fold(text) == "له"
    assert fold_with_map(text)[1] == [0, len(marks) + 1]
    assert fold(text, MATCH_MARKS) == "ل" + marks + "ه\u0670"
    assert fold("لَهُۥٓ") == "له"  # small waw and madda of Uthmani text


def test_decoration_prefers_the_plain_arabic_spelling() -> None:
    assert decoration("امريكا") == 0
    assert decoration("أَمْرِيكَا") == 4  # its harakat
    assert decoration("کندا") == 1
    assert decoration("\ufdf2") == 1


ALPHABET = (
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءأإآؤئىة.،")
    + list("یکہھەۀۂۃ")
    + [chr(c) for c in range(0x064B, 0x0656)]
    + ["\u0670", "\u0640", "\u06e5", "\u06da", "\u08f0", "\u200c", "\u200f", "\ufeff"]
    + ["\ufdf2", "\ufdfa", "\ufefb", "\ufef7", "\ufe91", "\ufe77", "\ufc5e"]
    + list("Aİß9")
)
FOLDINGS = [Folding(), SEARCH, MATCH_HAMZA, MATCH_MARKS, Folding(kashida=False), Folding(hamza=False, diacritics=False, yeh=False, teh_marbuta=False)]


@pytest.mark.parametrize("folding", FOLDINGS, ids=repr)
def test_map_holds_for_random_mixes(folding: Folding) -> None:
    rng = random.Random(14)
    for _ in range(400):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 30)))
        folded, index = fold_with_map(text, folding)
        assert folded == fold(text, folding)
        assert len(index) == len(folded)
        assert index == sorted(index) and all(0 <= i < len(text) for i in index)
        # Every folded character comes from the original character it points at, or from the letter it composes
        # with a combining hamza after its harakat (Unicode's compositions, and Persian ی and ى with hamza, ئ).
        for ch, i in zip(folded, index, strict=True):
            j = i + 1
            while j < len(text) and text[j] in arabic.DIACRITICS:
                j += 1
            pair = text[i] + text[j : j + 1]
            unit = "\u0626" if pair in ("\u06cc\u0654", "\u0649\u0654") else unicodedata.normalize("NFC", pair)[:1]
            assert ch in folding.fold_char(text[i]) + folding.fold_char(unit), (text, ch, i)
        if folding.diacritics:
            # Composed or decomposed, Arabic text folds the same (stray hamza marks aside: NFC composes across them).
            plain = "".join(c for c in text if "\u0621" <= c < "\u0653" or c in "یکہھەۀۂۃ")
            assert fold(unicodedata.normalize("NFD", plain), folding) == fold(unicodedata.normalize("NFC", plain), folding)


MIXED = (
    "قال الكاتب إن أمريكا اللاتينية مُحَمَّـــدٌ "  # news, some harakat and tatweel
    "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِیمِ ۝١ مَٰلِکِ یَوْمِ ۚ لَهُۥٓ "  # Uthmani marks, Persian letters
    "\ufdf2 \ufefb\ufe91\ufeb4\ufee2 ا\u0654حمد ا\u064e\u0654 مسؤول \u200c"  # ligatures, decomposed hamza
)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("folding", [SEARCH, MATCH_HAMZA, MATCH_MARKS], ids=repr)
def test_folding_8_mb_of_mixed_text_is_linear(folding: Folding) -> None:
    text = MIXED * (8_000_000 // len(MIXED.encode()) + 1)
    folded, index = fold_with_map(text, folding)
    assert len(index) == len(folded) > len(text) // 2
    unit_folded, unit_index = fold_with_map(MIXED, folding)
    assert folded[: len(unit_folded) * 2] == unit_folded * 2
    assert index[len(unit_index) : len(unit_index) + 5] == [len(MIXED) + i for i in unit_index[:5]]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("unit", ["\ufdf2", "ا\u0654", "ا\u064e\u0654", "بَ"], ids=["ligatures", "hamza marks", "nfd", "harakat"])
def test_folding_8_mb_of_one_hard_case_is_linear(unit: str) -> None:
    text = unit * (8_000_000 // len(unit.encode()) + 1)
    folded, index = fold_with_map(text, MATCH_HAMZA)
    assert len(index) == len(folded)
    assert index[-1] == len(text) - len(unit)
