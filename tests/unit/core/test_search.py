"""Arabic-aware find: a table of cases built from known insert positions.

Each case puts a decorated spelling of a word at a known place in a sentence;
the expected span is where it was put, so the table never asks the engine for
its own answer.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from reader.core.article import ArticleOptions, open_article
from reader.core.search import SearchOptions, find_all

WORDS = ["محمد", "امريكا", "مدرسة", "مستشفى", "الاستقلال", "قرأ"]
HARAKAT = {"محمد": "مُحَمَّدٌ", "امريكا": "امْرِيكَا", "مدرسة": "مَدْرَسَةٌ", "مستشفى": "مُسْتَشْفَى", "الاستقلال": "الاِسْتِقْلَالُ", "قرأ": "قَرَأَ"}
HAMZA = {"محمد": "محمد", "امريكا": "أمريكا", "مدرسة": "مدرسة", "مستشفى": "مستشفى", "الاستقلال": "الإستقلال", "قرأ": "قرأ"}
KASHIDA = {"محمد": "محمـــد", "امريكا": "امريـكا", "مدرسة": "مدرســة", "مستشفى": "مستـشفى", "الاستقلال": "الاستقـلال", "قرأ": "قـرأ"}
LETTERS = {"محمد": "محمد", "امريكا": "امريكا", "مدرسة": "مدرسه", "مستشفى": "مستشفي", "الاستقلال": "الاستقلال", "قرأ": "قرأ"}
FORMS = {"plain": lambda w: w, "harakat": HARAKAT.get, "hamza": HAMZA.get, "kashida": KASHIDA.get, "letters": LETTERS.get}
PREFIXES = ["", "و", "ب", "ل", "ك", "ف", "وب"]
BEFORE, AFTER = "قال الكاتب إن ", " كان حاضرا."


def _should_match(form: str, opts: SearchOptions, word: str) -> bool:
    decorated = FORMS[form](word)
    if form == "harakat" and opts.match_diacritics:
        return False
    if form == "hamza" and opts.match_hamza and decorated != word:
        return False
    return not (form == "kashida" and opts.match_kashida)


def _cases():
    options = [
        SearchOptions(),
        SearchOptions(match_diacritics=True),
        SearchOptions(match_hamza=True),
        SearchOptions(match_kashida=True),
        SearchOptions(whole_word=True),
    ]
    for word, form, opts, prefix in itertools.product(WORDS, FORMS, options, PREFIXES):
        if prefix not in ("", "و", "ب") and form != "plain":
            continue
        decorated = prefix + FORMS[form](word)
        text = BEFORE + decorated + AFTER
        start = len(BEFORE) + len(prefix)
        expected = [(start, len(BEFORE) + len(decorated))] if _should_match(form, opts, word) else []
        yield pytest.param(word, text, opts, expected, id=f"{word}-{form}-{prefix or 'none'}-{_name(opts)}")


def _name(opts: SearchOptions) -> str:
    return "+".join(k for k, v in vars(opts).items() if v) or "default"


CASES = list(_cases())


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 200


@pytest.mark.parametrize(("query", "text", "options", "expected"), CASES)
def test_find_table(query: str, text: str, options: SearchOptions, expected: list[tuple[int, int]]) -> None:
    assert find_all(query, text, options) == expected


def test_whole_word_rejects_inside_words() -> None:
    assert find_all("علم", "المعلمون يعلمون العلم", SearchOptions(whole_word=True)) == [(18, 21)]
    assert find_all("علم", "المعلمون يعلمون العلم") == [(3, 6), (10, 13), (18, 21)]


def test_whole_word_after_lil() -> None:
    text = "ذهب للبيرو"
    assert find_all("البيرو", text, SearchOptions(whole_word=True)) == [(6, 10)]


def test_query_with_diacritics_matches_bare_text() -> None:
    assert find_all("مُحَمَّد", "جاء محمد") == [(4, 8)]


def test_seed_every_spelling_of_america(seed_text: str) -> None:
    spans = find_all("امريكا", seed_text)
    assert {seed_text[s:e] for s, e in spans} == {"أمريكا", "امريكا"}
    assert len(spans) == 5
    assert any(seed_text[s - 1] == "ب" for s, _ in spans)


# --- Persian, Urdu and Quranic spelling ----------------------------------------------

FATIHA = Path(__file__).resolve().parents[2] / "data" / "folding" / "fatiha_persian.txt"


def _occurrences(text: str, *written: str) -> list[tuple[int, int]]:
    """Where each written form stands in ``text``, found by plain string search."""
    spans = []
    for form in written:
        at = text.find(form)
        while at != -1:
            spans.append((at, at + len(form)))
            at = text.find(form, at + 1)
    return sorted(spans)


def test_fatiha_in_persian_spelling_finds_every_rahim() -> None:
    text = FATIHA.read_text(encoding="utf-8")
    # Uthmani (alef wasla, harakat, Persian yeh) in the verses, plain Persian spelling in the last line.
    expected = _occurrences(text, "ٱلرَّحِیمِ", "الرحیم")
    assert len(expected) == 3
    for opts in (SearchOptions(), SearchOptions(whole_word=True), SearchOptions(match_kashida=True)):
        assert find_all("الرحيم", text, opts) == expected
    assert find_all("الرَّحِيمِ", text) == expected
    assert find_all("ملك يوم الدين", text) == _occurrences(text, "مَٰلِکِ یَوْمِ ٱلدِّینِ")
    # The dagger alef is a diacritic: Uthmani العٰلمين is searched as العلمين, not as the ordinary العالمين.
    assert find_all("العلمين", text) == _occurrences(text, "ٱلْعَٰلَمِینَ")
    assert find_all("اياك", text, SearchOptions(whole_word=True)) == _occurrences(text, "إِیَّاکَ")
    assert find_all("الضالين", text) == _occurrences(text, "ٱلضَّآلِّینَ")


def test_article_find_on_a_persian_spelled_file() -> None:
    """The command line's path: the file opened as an article, its folded index searched."""
    article = open_article(FATIHA, ArticleOptions(analyse=False))
    expected = _occurrences(article.text, "ٱلرَّحِیمِ", "الرحیم")
    assert len(expected) == 3
    assert article.find("الرحيم", SearchOptions()) == expected
    assert article.find("كتابي", SearchOptions(whole_word=True)) == _occurrences(article.text, "کتابی")


def test_arabic_spelled_text_is_found_from_a_persian_pattern() -> None:
    text = "قال الرحيم وكتب كتابا في المدرسة العليا على"
    assert find_all("الرحیم", text) == _occurrences(text, "الرحيم")
    assert find_all("کتاب", text) == _occurrences(text, "كتاب")
    assert find_all("مدرسۀ", text) == _occurrences(text, "مدرسة")
    assert find_all("علی", text) == _occurrences(text, "علي", "على")


def test_hamza_seat_ignored_unless_hamza_is_matched() -> None:
    text = "قال المسؤول إن مسئولا وثالثا مسءولا"
    every = find_all("مسئول", text)
    assert [text[s:e] for s, e in every] == ["مسؤول", "مسئول", "مسءول"]
    assert [text[s:e] for s, e in find_all("مسئول", text, SearchOptions(match_hamza=True))] == ["مسئول"]
    assert [text[s:e] for s, e in find_all("المسئول", text, SearchOptions(whole_word=True))] == ["المسؤول"]


def test_decomposed_hamza_matches_the_composed_letter() -> None:
    text = "قال ا\u0654حمد وسو\u0654ال"
    assert find_all("أحمد", text, SearchOptions(match_hamza=True)) == [(4, 9)]  # the alef and its hamza mark
    assert find_all("احمد", text, SearchOptions(match_hamza=True)) == []
    assert find_all("أحمد", text) == [(4, 9)]
    assert find_all("سؤال", text, SearchOptions(match_hamza=True)) == [(11, 16)]


def test_allah_ligature_found_and_highlighted_whole() -> None:
    text = "قال \ufdf2 وقال الله"
    assert find_all("الله", text) == [(4, 5), (11, 15)]
    assert find_all("الله", text, SearchOptions(whole_word=True)) == [(4, 5), (11, 15)]
    assert find_all("لا", "\ufefb \ufef7") == [(0, 1), (2, 3)]  # لا and لأ drawn as one glyph each
    assert find_all("لأ", "\ufefb \ufef7", SearchOptions(match_hamza=True)) == [(2, 3)]


def test_quranic_marks_inside_a_word_with_diacritics_matched() -> None:
    text = "ذلك ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ"
    assert find_all("الكتاب", text) == []  # the Uthmani spelling has no alef: only the dagger alef
    assert find_all("الكتب", text, SearchOptions(whole_word=True)) == [(4, 14)]
    assert find_all("ريب", text, SearchOptions(whole_word=True)) == _occurrences(text, "رَيْبَ")
    assert find_all("رَيْبَ", text, SearchOptions(match_diacritics=True, whole_word=True)) == _occurrences(text, "رَيْبَ")
    assert find_all("فيه", text, SearchOptions(match_diacritics=True)) == []
    assert find_all("فِيهِ", text, SearchOptions(match_diacritics=True, whole_word=True)) == _occurrences(text, "فِيهِ")
