"""The Arabic tables: defined once, in reader.core.arabic, and read from there."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from reader.core import arabic, normalize, search
from reader.core.entities.gazetteer import light_stem, peel_candidates
from reader.core.search import SearchOptions, find_all

CORE = Path(__file__).resolve().parents[3] / "reader" / "core"
ARABIC_RANGES = (("\u0600", "\u06ff"), ("\u0750", "\u077f"), ("\u08a0", "\u08ff"), ("\ufb50", "\ufdff"), ("\ufe70", "\ufeff"))

#: Module constants with Arabic text that are words, not letter sets: (module, name) → why they stay.
ALLOWED = {
    **{("entities/dates.py", n): "the date rules' words" for n in ("_GREGORIAN", "_LEVANTINE", "_HIJRI", "_AMBIGUOUS", "_DECADES", "_ORDINALS")},
    **{("entities/dates.py", n): "patterns of those words" for n in ("_YEAR", "_PATTERNS")},
    ("entities/titles.py", "NOT_TITLES"): "words measured on ANERcorp",
    ("entity_style.py", "TYPE_LABELS"): "the sidebar's Arabic headings",
}


def _has_arabic(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and any(lo <= ch <= hi for ch in n.value for lo, hi in ARABIC_RANGES)
        for n in ast.walk(node)
    )


def _arabic_constants(path: Path) -> list[str]:
    """Names of the module-level constants of ``path`` whose value spells out Arabic characters."""
    names = []
    for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(stmt, ast.Assign) and _has_arabic(stmt.value):
            names += [t.id for t in stmt.targets if isinstance(t, ast.Name)]
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None and _has_arabic(stmt.value) and isinstance(stmt.target, ast.Name):
            names.append(stmt.target.id)
    return names


def test_no_other_core_module_spells_out_arabic_letters() -> None:
    found = {(p.relative_to(CORE).as_posix(), name) for p in CORE.rglob("*.py") if p.name != "arabic.py" for name in _arabic_constants(p)}
    assert found - ALLOWED.keys() == set()


def test_the_scan_sees_a_letter_set(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('PREFIXES = frozenset({"و", "ف"})\nMARKS = "\\u064b-\\u0652"\nWORD = "x"\n', encoding="utf-8")
    assert _arabic_constants(sample) == ["PREFIXES", "MARKS"]


def test_normalize_keeps_the_old_names() -> None:
    for name in ("DIACRITICS", "QURANIC_MARKS", "TATWEEL", "HAMZA_ALEFS", "ALEF_MAQSURA", "TEH_MARBUTA", "INVISIBLES"):
        assert getattr(normalize, name) is getattr(arabic, name)


def test_one_clitic_table() -> None:
    clitics = arabic.PROCLITICS
    assert len(set(clitics)) == len(clitics)
    assert [len(c) for c in clitics] == sorted((len(c) for c in clitics), reverse=True), "longest first"
    # Built from conjunction + preposition + article, ل + ال written لل.
    for c in clitics:
        rest = c
        if rest[:1] in arabic.CONJUNCTIONS:
            rest = rest[1:]
        if rest.startswith(arabic.LAM_ARTICLE):
            rest = rest[2:]
        elif rest[:1] in arabic.PREPOSITIONS:
            rest = rest[1:]
        assert rest in ("", arabic.ARTICLE), c
    assert search.PROCLITICS == arabic.WHOLE_WORD_PREFIXES == {"", arabic.ARTICLE, *clitics}
    assert arabic.LAM_ARTICLE_PREFIXES == {c for c in clitics if c.endswith(arabic.LAM_ARTICLE)}


@pytest.mark.parametrize("clitic", arabic.PROCLITICS)
def test_every_clitic_is_peeled_and_searched_behind(clitic: str) -> None:
    word = "قاهره"
    written = clitic + word
    assert word in peel_candidates(written)
    assert light_stem(written) == word
    text = f"زار {written} امس"
    assert find_all(word, text, SearchOptions(whole_word=True)) == [(4 + len(clitic), 4 + len(written))]


def test_spelling_tables_agree_with_unicode() -> None:
    import re
    import unicodedata

    # Persian and Urdu letters fold to letters of the Arabic alphabet, never to themselves.
    for letter, arabic_letter in arabic.SCRIPT_VARIANTS.items():
        assert not "\u0621" <= letter <= "\u064a" and "\u0621" <= arabic_letter <= "\u064a", letter
    # Every composition is Unicode's (NFC), but Persian ی and dotless ى with hamza, which are ئ.
    extra = {"\u06cc\u0654", "\u0649\u0654"}
    for pair, letter in arabic.HAMZA_COMPOSITIONS.items():
        assert (unicodedata.normalize("NFC", pair) if pair not in extra else "\u0626") == letter
    assert {"\u0627\u0654", "\u0627\u0655", "\u0627\u0653", "\u0648\u0654", "\u064a\u0654"} <= arabic.HAMZA_COMPOSITIONS.keys()
    # Presentation forms: every one that stands for letters is there, and none is folded to another.
    shaped = [chr(c) for lo, hi in arabic.PRESENTATION_FORMS for c in range(ord(lo), ord(hi) + 1)]
    assert {ch for ch in shaped if unicodedata.normalize("NFKC", ch) != ch} == arabic.UNSHAPED.keys()
    assert not any(lo <= c <= hi for v in arabic.UNSHAPED.values() for c in v for lo, hi in arabic.PRESENTATION_FORMS)
    assert arabic.UNSHAPED["\ufdf2"] == "\u0627\u0644\u0644\u0647"
    # Quranic marks belong to their word, for whole-word search and for tokens.
    assert arabic.QURANIC_MARKS <= arabic.WORD_MARKS
    assert all(re.fullmatch(f"[{arabic.MARK_CLASS}]", m) for m in arabic.QURANIC_MARKS | arabic.HAMZA_MARKS)
