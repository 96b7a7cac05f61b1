"""Plain text: verse and a line per sentence are paragraphs and stanzas, headings need evidence (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import loaders, text_loader
from reader.core.document import LINE_BREAK, BlockKind
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "text"
PROSE = "قال رئيس البلدية إن المكتبة القديمة ستفتح أبوابها من جديد بعد سنوات من الترميم."


def _kinds(text: str) -> list[BlockKind]:
    return [b.kind for b in text_loader.parse(text).blocks]


def test_a_verse_per_line_is_paragraphs_not_headings() -> None:
    lines = (DATA / "verses.txt").read_text(encoding="utf-8").splitlines()
    doc = text_loader.parse("\n".join(lines) + "\n")
    assert [b.text for b in doc.blocks] == lines  # every line, in order, none taken as the title
    assert {b.kind for b in doc.blocks} == {BlockKind.PARAGRAPH}
    assert doc.title_is_derived and doc.title == lines[0]


def test_numbered_verses_keep_their_name_as_title_and_have_no_headings() -> None:
    verses = [f"سطر قصير رقم {n} في القصيدة ({n})" for n in range(1, 8)]
    doc = text_loader.parse("النشيد الأول\n" + "\n".join(verses) + "\n")
    assert doc.title == "النشيد الأول" and not doc.title_is_derived
    assert [b.text for b in doc.blocks] == verses
    assert {b.kind for b in doc.blocks} == {BlockKind.PARAGRAPH}


def test_a_poem_in_stanzas_keeps_its_lines() -> None:
    doc = loaders.load(DATA / "poem.txt")
    assert doc.title == "نسيم الصباح" and not doc.title_is_derived
    assert len(doc.blocks) == 2 and {b.kind for b in doc.blocks} == {BlockKind.PARAGRAPH}
    first = doc.blocks[0].text.split(LINE_BREAK)
    assert first == ["نسيم الصباح على التلال", "يحمل عطر البرتقال", "والطير يشدو فوق الغصون", "ويوقظ النهر الطويل"]
    assert doc.blocks[1].text.count(LINE_BREAK) == 3
    assert doc.blocks[0].text.split(LINE_BREAK)[0] != doc.title  # the body does not repeat the title


def test_short_lines_separated_by_blank_lines_are_verse_too() -> None:
    lines = ["سطر أول من القصيدة", "سطر ثان من القصيدة", "سطر ثالث من القصيدة", "سطر رابع من القصيدة"]
    assert _kinds("\n\n".join(lines)) == [BlockKind.PARAGRAPH] * 4


def test_a_sentence_per_line_in_a_paragraph_keeps_its_lines() -> None:
    sentences = ["هذه جملة أولى طويلة بعض الشيء عن المدينة القديمة وأسواقها.", "وهذه جملة ثانية عن المكتبة وروادها من الطلاب والباحثين.", "وهذه ثالثة."]
    doc = text_loader.parse(PROSE + "\n\n" + "\n".join(sentences) + "\n")
    assert doc.blocks[-1].text == LINE_BREAK.join(sentences)


def test_hard_wrapped_prose_is_still_joined() -> None:
    wrapped = ["قال رئيس البلدية في مؤتمر صحفي عقد صباح اليوم إن المكتبة", "القديمة ستفتح أبوابها للطلاب والقراء طيلة أيام الأسبوع بعد", "سنوات من الترميم."]
    doc = text_loader.parse("عنوان الخبر\n\n" + "\n".join(wrapped) + "\n")
    assert doc.title == "عنوان الخبر"
    assert [b.text for b in doc.blocks] == [" ".join(wrapped)]


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_headings_between_prose_paragraphs_stay_headings(sep: str) -> None:
    text = sep.join(["عنوان المقال", PROSE, "القسم الأول", PROSE, "القسم الثاني", PROSE])
    doc = text_loader.parse(text)
    assert doc.title == "عنوان المقال"
    kinds = [BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH]
    assert [b.kind for b in doc.blocks] == kinds
    assert [b.level for b in doc.blocks if b.kind is BlockKind.HEADING] == [2, 2]


def test_a_short_line_needs_prose_after_it_to_be_a_heading() -> None:
    verse = "بيت من الشعر بلا نقطة في آخره ويطول قليلا عن العناوين المعتادة هنا"
    assert _kinds("\n".join([PROSE, "سطر قصير", verse, PROSE])) == [BlockKind.PARAGRAPH] * 4
    assert _kinds("\n".join([PROSE, "سطر قصير", PROSE])) == [BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH]
    # a paragraph ending in a note marker is still prose
    assert _kinds("\n".join([PROSE, "سطر قصير", PROSE + "(1)"]))[1] is BlockKind.HEADING


def test_title_then_heading_then_prose() -> None:
    doc = text_loader.parse("عنوان المقال\nمقدمة\n" + PROSE)
    assert doc.title == "عنوان المقال"
    assert [b.kind for b in doc.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]


def test_a_url_is_not_a_title() -> None:
    doc = text_loader.parse("https://example.invalid/article/42\n" + PROSE)
    assert doc.title_is_derived
    assert [b.text for b in doc.blocks] == ["https://example.invalid/article/42", PROSE]


def test_the_title_is_not_repeated_as_the_first_block() -> None:
    doc = text_loader.parse("عنوان المقال\n\n" + PROSE)
    assert doc.title == "عنوان المقال" and [b.text for b in doc.blocks] == [PROSE]


def test_the_seed_is_five_paragraphs_and_a_note(seed_path: Path) -> None:
    doc = loaders.load(seed_path)
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH] * 5
    assert LINE_BREAK not in doc.text


@pytest.mark.timeout(60)
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_100000_short_lines_are_linear(sep: str) -> None:
    lines = [f"سطر قصير رقم {i}" for i in range(100_000)]
    doc = text_loader.parse(sep.join(lines))
    assert len(doc.blocks) == 100_000
    assert not any(b.kind is BlockKind.HEADING for b in doc.blocks)


@pytest.mark.timeout(60)
def test_alternating_headings_and_prose_and_a_long_spaced_line_are_linear() -> None:
    text = "\n".join(f"قسم {i}\n{PROSE}" for i in range(50_000))
    doc = text_loader.parse(text + "\nكلمة" + " " * 200_000 + "أخرى")
    assert sum(b.kind is BlockKind.HEADING for b in doc.blocks) == 49_999  # the first is the title


def test_an_endless_first_line_is_neither_title_nor_heading() -> None:
    from reader.core.document import TITLE_CHARS
    from reader.core.text_loader import parse

    word = "ب" + "ـ" * 100_000
    doc = parse(word + "\nنص المقالة الأول هنا.\nوفقرة ثانية بعده.\n")
    assert doc.title_is_derived and len(doc.title) <= TITLE_CHARS + 1 and doc.title.endswith("…")
    assert doc.blocks[0].text == word and doc.blocks[0].kind.value == "paragraph"
