"""Arabic-aware find: a table of cases built from known insert positions.

Each case puts a decorated spelling of a word at a known place in a sentence;
the expected span is where it was put, so the table never asks the engine for
its own answer.
"""

from __future__ import annotations

import itertools

import pytest

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
