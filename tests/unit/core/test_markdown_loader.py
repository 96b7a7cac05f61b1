"""Markdown through markdown-it-py (issue 14, item 1): every construct the hand-written
reader got wrong, front matter as metadata, raw HTML as text, and worst-case inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core import markdown_loader
from reader.core.document import LINE_BREAK, BlockKind, Direction, Document
from reader.core.loaders import load

DATA = Path(__file__).resolve().parents[2] / "data" / "markdown"
SENTENCE = "أعلنت بلدية المدينة عن افتتاح المكتبة العامة"
#: Markup that must never reach the reader's text.
MARKUP = re.compile(r"\*|#|\[|\]\(|<|>|`|!\[|~~|\\")


def kinds(doc: Document) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def test_hash_in_a_code_fence_is_code_not_a_heading() -> None:
    doc = markdown_loader.parse("نص\n\n```python\n# تعليق\nx = 1\n\n\ty = 2\n```\n\n    # indented code\n")
    assert kinds(doc) == [
        (BlockKind.PARAGRAPH, "نص"),
        (BlockKind.CODE, f"# تعليق{LINE_BREAK}x = 1{LINE_BREAK}{LINE_BREAK}\ty = 2"),
        (BlockKind.CODE, "# indented code"),
    ]
    assert [b.direction for b in doc.blocks[1:]] == [Direction.LTR, Direction.LTR]
    assert "\n" not in doc.blocks[1].text  # newlines separate blocks in Document.text


def test_setext_headings() -> None:
    doc = markdown_loader.parse("العنوان\n===\n\nقسم\n---\n\nنص.")
    assert doc.title == "العنوان" and not doc.title_is_derived
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [(BlockKind.HEADING, 2, "قسم"), (BlockKind.PARAGRAPH, 0, "نص.")]


def test_first_h1_is_the_title_only_when_it_opens_the_article() -> None:
    assert markdown_loader.parse("# عنوان\n\nنص").title == "عنوان"
    doc = markdown_loader.parse("مقدمة أولى\n\n# عنوان لاحق\n\nنص")
    assert doc.title_is_derived and doc.title == "مقدمة أولى"
    assert (BlockKind.HEADING, "عنوان لاحق") in kinds(doc)
    doc = markdown_loader.parse("## قسم\n\nنص")
    assert doc.title_is_derived and doc.blocks[0].kind is BlockKind.HEADING


@pytest.mark.parametrize("rule", ["* * *", "---", "___", "- - -", "*****"])
def test_thematic_breaks_are_rules(rule: str) -> None:
    doc = markdown_loader.parse(f"قبل\n\n{rule}\n\nبعد")
    assert kinds(doc) == [(BlockKind.PARAGRAPH, "قبل"), (BlockKind.RULE, ""), (BlockKind.PARAGRAPH, "بعد")]


def test_escapes_give_the_literal_character() -> None:
    doc = markdown_loader.parse(r"\*ليس مائلاً\* و\# و\[ و\_ و\\ و\`")
    (block,) = doc.blocks
    assert block.text == "*ليس مائلاً* و# و[ و_ و\\ و`"
    assert block.styles == []


def test_reference_links_keep_their_text_and_drop_the_url() -> None:
    doc = markdown_loader.parse('انظر [الدليل][g] و[الموقع] و<https://example.invalid/a>.\n\n[g]: https://example.invalid/g "عنوان"\n[الموقع]: /x\n')
    assert kinds(doc) == [(BlockKind.PARAGRAPH, "انظر الدليل والموقع وhttps://example.invalid/a.")]
    assert "example.invalid/g" not in doc.text and "/x" not in doc.text


def test_list_items_continuation_markers_and_depth() -> None:
    doc = markdown_loader.parse(
        "- بند أول\n  يكمل هنا\n- بند ثان\n  - داخلي\n    - أعمق\n\n1) أول\n2) ثان\n\n3. ثالث\n\n"
        "+ فقرة أولى\n\n  فقرة ثانية في البند نفسه\n"
    )
    got = [(b.kind, b.level, b.marker, b.text) for b in doc.blocks]
    item = BlockKind.LIST_ITEM
    assert got == [
        (item, 1, "•", "بند أول يكمل هنا"),
        (item, 1, "•", "بند ثان"),
        (item, 2, "•", "داخلي"),
        (item, 3, "•", "أعمق"),
        (item, 1, "1)", "أول"),
        (item, 1, "2)", "ثان"),
        (item, 1, "3.", "ثالث"),
        (item, 1, "•", "فقرة أولى"),
        (item, 1, "", "فقرة ثانية في البند نفسه"),  # the item's second paragraph: no second bullet
    ]


def test_table_rows_are_blocks_with_cells_kept_apart() -> None:
    doc = markdown_loader.parse("| الاسم | المدينة |\n|---|:---:|\n| علي | القاهرة |\n| **سارة** | |\n")
    assert [b.text for b in doc.blocks] == ["الاسم | المدينة", "علي | القاهرة", "سارة"]
    header, row, last = doc.blocks
    assert [header.text[s.start : s.end] for s in header.styles] == ["الاسم", "المدينة"]
    assert {s.kind for s in header.styles} == {"strong"} and row.styles == []
    assert [(last.text[s.start : s.end], s.kind) for s in last.styles] == [("سارة", "strong")]
    assert "علي" in row.text.split() and "القاهرة" in row.text.split()  # no glued words


def test_inline_html_keeps_text_and_breaks() -> None:
    doc = markdown_loader.parse('نص <span dir="ltr">GPS</span> و<b>مهم</b><br>سطر <!-- ملاحظة --> أخير <kbd>Ctrl</kbd>')
    assert kinds(doc) == [(BlockKind.PARAGRAPH, f"نص GPS ومهم{LINE_BREAK}سطر  أخير Ctrl")]


def test_html_blocks_are_read_as_html() -> None:
    src = (
        '<div dir="rtl">\nوصلنا <b>صباحاً</b>.<br>ثم عدنا.\n<p>فقرة &amp; أخرى</p>\n</div>\n\n'
        "<!-- تعليق\nعلى سطرين -->\n\n"
        '<p align="center"><img src="https://example.invalid/logo.png" alt="الشعار"></p>\n\n'
        "<script>alert(1)</script>\n\n"
        "[![البناء](https://example.invalid/b.svg)](https://example.invalid/ci)\n\nنص"
    )
    doc = markdown_loader.parse(src)
    assert kinds(doc) == [(BlockKind.PARAGRAPH, f"وصلنا صباحاً.{LINE_BREAK}ثم عدنا."), (BlockKind.PARAGRAPH, "فقرة & أخرى"), (BlockKind.PARAGRAPH, "نص")]
    assert markdown_loader.html_text("<details><summary>ملخص</summary>\nالتفاصيل</details>") == ["ملخص", "التفاصيل"]


def test_markdown_between_html_tags_is_still_markdown() -> None:
    doc = markdown_loader.parse('<div dir="rtl">\n\n# عنوان\n\nنص **عريض**\n\n</div>\n')
    assert doc.title == "عنوان"
    assert kinds(doc) == [(BlockKind.PARAGRAPH, "نص عريض")]
    assert doc.blocks[0].styles[0].kind == "strong"


def test_yaml_front_matter_is_metadata() -> None:
    src = '---\ntitle: "عنوان من الترويسة"\nauthor: كاتب\ntags:\n  - سفر\n  - تاريخ\nempty:\nsummary: >\n  نص مطوي\n---\n\nنص المقال.'
    doc = markdown_loader.parse(src)
    assert doc.title == "عنوان من الترويسة" and not doc.title_is_derived
    assert doc.meta == {"title": "عنوان من الترويسة", "author": "كاتب", "tags": "سفر, تاريخ"}
    assert kinds(doc) == [(BlockKind.PARAGRAPH, "نص المقال.")]


def test_front_matter_title_and_the_h1() -> None:
    same = markdown_loader.parse("---\ntitle: عنوان\n---\n# عنوان\n\nنص")
    assert same.title == "عنوان" and kinds(same) == [(BlockKind.PARAGRAPH, "نص")]
    other = markdown_loader.parse("---\ntitle: عنوان\n---\n# عنوان آخر\n\nنص")
    assert other.title == "عنوان" and other.blocks[0].kind is BlockKind.HEADING
    no_title = markdown_loader.parse("---\nauthor: كاتب\n---\n# العنوان\n\nنص")
    assert no_title.title == "العنوان" and no_title.meta == {"author": "كاتب"}


def test_toml_front_matter_and_unclosed_dashes() -> None:
    doc = load(DATA / "plain_title.md")
    assert doc.title == "مقال بترويسة هيوغو" and doc.meta == {"title": "مقال بترويسة هيوغو", "draft": "false"}
    assert kinds(doc) == [(BlockKind.PARAGRAPH, "نص المقال بعد الترويسة.")]
    doc = markdown_loader.parse("---\nنص بعد خط فاصل")  # never closed: a rule, not front matter
    assert kinds(doc) == [(BlockKind.RULE, ""), (BlockKind.PARAGRAPH, "نص بعد خط فاصل")] and doc.meta == {}


def test_inline_code_is_styled_code() -> None:
    (block,) = markdown_loader.parse("استعمل `ls -la` ثم ``a`b``").blocks
    assert block.text == "استعمل ls -la ثم a`b"
    assert [(block.text[s.start : s.end], s.kind) for s in block.styles] == [("ls -la", "code"), ("a`b", "code")]


def test_footnotes_refs_ids_and_notes() -> None:
    src = (
        "# العنوان[^author]\n\nأول[^b] وثان[^a] ومكرر[^b].\n\nفقرة[^a] وبلا تعريف[^x].\n\n"
        "[^a]: الحاشية أ\n    تكملتها\n[^b]: الحاشية **ب**\n[^author]: كاتب المقال\n[^unused]: لم يشر إليها أحد\n"
    )
    doc = markdown_loader.parse(src)
    assert doc.title == "العنوان"  # the author note's marker is not part of the title
    first, second = doc.blocks
    assert first.text == "أولb وثانa ومكررb."
    assert [(first.text[r.start : r.end], r.note_id) for r in first.refs] == [("b", "n1"), ("a", "n2"), ("b", "n1")]
    assert [(second.text[r.start : r.end], r.note_id) for r in second.refs] == [("a", "n2"), ("x", "n3")]
    notes = [(n.note_id, n.marker, n.text, n.ref_block) for n in doc.footnotes]
    assert notes == [
        ("n2", "a", "الحاشية أ تكملتها", 0),
        ("n1", "b", "الحاشية ب", 0),
        ("n4", "author", "كاتب المقال", None),  # belongs to the title
        ("n5", "unused", "لم يشر إليها أحد", None),
    ]
    assert doc.footnote("n3") is None  # referred to, never defined
    assert "الحاشية" not in doc.text


def test_breaks_links_and_images() -> None:
    src = "سطر أول  \nسطر ثان\\\nسطر ثالث\nيكمل [رابط](https://example.invalid/a) و![صورة](https://example.invalid/i.png) و[![شارة](b.svg)](c)."
    (block,) = markdown_loader.parse(src).blocks
    assert block.text == f"سطر أول{LINE_BREAK}سطر ثان{LINE_BREAK}سطر ثالث يكمل رابط و و."
    assert "example" not in block.text and "صورة" not in block.text and "شارة" not in block.text


def test_each_block_takes_its_own_direction() -> None:
    doc = markdown_loader.parse("نص عربي\n\nEnglish text\n\n> 2024: English quote\n\n- ١٢ بند")
    assert [b.direction for b in doc.blocks] == [Direction.RTL, Direction.LTR, Direction.LTR, Direction.RTL]


def test_no_markup_reaches_the_text() -> None:
    """A Jekyll-style article with every construct: only its words remain."""
    doc = load(DATA / "kitchen_sink.md")
    assert doc.title == "رحلة إلى البتراء" and doc.meta["author"] == "سلمى الخطيب" and doc.meta["tags"] == "سفر, تاريخ"
    prose = [b for b in doc.blocks if b.kind is not BlockKind.CODE and not b.text.startswith("* ليست")]
    for text in [doc.title, *(b.text for b in prose), *(n.text for n in doc.footnotes)]:
        assert not MARKUP.search(text), text
    assert "example.invalid" not in "\n".join(b.text for b in prose)
    assert "draft" not in doc.text and "build" not in doc.text and "logo" not in doc.text
    assert doc.blocks[0].text == f"وصلنا إلى البتراء صباحاً.{LINE_BREAK}كان الجو بارداً."
    assert [b.kind for b in doc.blocks].count(BlockKind.RULE) == 1
    assert [b.marker for b in doc.blocks if b.kind is BlockKind.LIST_ITEM] == ["1)", "2)", "•"]
    assert any(b.kind is BlockKind.CODE and b.text.startswith("# install") for b in doc.blocks)
    assert [(n.marker, n.ref_block is not None) for n in doc.footnotes] == [("1", True), ("note", True)]


def test_parse_inline_keeps_its_contract() -> None:
    ids: dict[str, str] = {"z": "n1"}
    text, styles, refs = markdown_loader.parse_inline("**أ** و[^q] و[^z] و[ب](http://x)", ids)
    assert text == "أ وq وz وب"
    assert [(text[s.start : s.end], s.kind) for s in styles] == [("أ", "strong")]
    assert [(r.note_id, text[r.start : r.end]) for r in refs] == [("n2", "q"), ("n1", "z")]
    assert ids == {"z": "n1", "q": "n2"}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("opener", ["[^", "[a][", "<", "**a", "`a"])
def test_unclosed_openers_are_linear(opener: str) -> None:
    """The footnote plugin's own ``[^`` rule scanned to the end from every opener (minutes).

    (``[``, ``![``, ``[a](`` and ``[^a`` are covered through ``parse_inline`` in test_linear.)
    """
    src = f"{SENTENCE} {opener * 50_000} {SENTENCE}\n\nبعد"
    doc = markdown_loader.parse(src)
    assert doc.blocks[0].text.startswith(SENTENCE) and doc.blocks[0].text.endswith(SENTENCE)
    assert doc.blocks[-1].text == "بعد"


@pytest.mark.timeout(180)
def test_a_hundred_thousand_footnotes() -> None:
    n = 100_000
    body = "\n\n".join(f"نص {i}[^{i}]" for i in range(n))
    notes = "\n".join(f"[^{i}]: حاشية {i}" for i in range(n))
    doc = markdown_loader.parse(f"{body}\n\n{notes}\n")
    assert len(doc.blocks) == n and len(doc.footnotes) == n
    assert [n.ref_block for n in doc.footnotes[:3]] == [0, 1, 2]
    assert doc.footnotes[-1].text == f"حاشية {n - 1}" and doc.footnotes[-1].ref_block == n - 1


@pytest.mark.timeout(60)
@pytest.mark.parametrize("quote", [">" * 10_000 + " ", "> " * 10_000])
def test_ten_thousand_nested_quotes_keep_their_text_and_what_follows(quote: str) -> None:
    doc = markdown_loader.parse(f"{quote}نص عميق\n\nبعد\n\n> ثم اقتباس\n")
    assert kinds(doc) == [(BlockKind.QUOTE, "نص عميق"), (BlockKind.PARAGRAPH, "بعد"), (BlockKind.QUOTE, "ثم اقتباس")]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("marker", ["- ", "1. ", "* "])
def test_five_thousand_deep_list_keeps_its_text_and_what_follows(marker: str) -> None:
    """markdown-it skips the rest of the *document* past its nesting limit; read flat instead."""
    doc = markdown_loader.parse(f"{marker * 5_000}بند عميق\n\nبعد\n")
    assert kinds(doc) == [(BlockKind.LIST_ITEM, "بند عميق"), (BlockKind.PARAGRAPH, "بعد")]


@pytest.mark.timeout(60)
def test_deeply_indented_list_lines() -> None:
    depth = 1_000
    src = "\n".join("  " * i + f"- بند {i}" for i in range(depth)) + "\n\nبعد\n"
    doc = markdown_loader.parse(src)
    assert [b.text for b in doc.blocks] == [f"بند {i}" for i in range(depth)] + ["بعد"]
    levels = [b.level for b in doc.blocks[:-1]]
    assert levels[:3] == [1, 2, 3] and levels == sorted(levels)


def test_front_matter_values_never_recurse() -> None:
    deep = "[" * 10_000 + "أ" + "]" * 10_000
    assert markdown_loader.front_matter(f"tags: {deep}\nkeywords: [أ, 'ب', \"ج\"]") == {"tags": deep[1:-1], "keywords": "أ, ب, ج"}
