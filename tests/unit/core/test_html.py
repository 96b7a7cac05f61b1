"""The HTML reader: hostile markup (issue 13) and what each element means (issue 14)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from reader.core import html_loader
from reader.core.document import LINE_BREAK, BlockKind, Direction, Document

DATA = Path(__file__).resolve().parents[2] / "data" / "html"


def texts(html: str) -> list[str]:
    return [b.text for b in html_loader.parse(html).blocks]


def load(name: str) -> Document:
    return html_loader.parse((DATA / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("tag", ["embed", "img", "input", "source", "track", "wbr", "area", "col", "meta", "link", "base"])
def test_void_element_keeps_what_follows(tag: str) -> None:
    """``<embed>`` never closes: it used to hide the rest of the article."""
    assert " ".join(texts(f"<p>قبل <{tag} src='x.swf'> بعد</p><p>ثم</p>")) == "قبل بعد ثم"


def test_br_and_hr_keep_what_follows() -> None:
    assert texts("<p>قبل <br src='x'> بعد</p><p>ثم</p>") == [f"قبل{LINE_BREAK}بعد", "ثم"]
    doc = html_loader.parse("<p>قبل <hr src='x'> بعد</p><p>ثم</p>")
    kinds = [BlockKind.PARAGRAPH, BlockKind.RULE, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]
    assert [(b.kind, b.text) for b in doc.blocks] == list(zip(kinds, ["قبل", "", "بعد", "ثم"], strict=True))


def test_unknown_unclosed_tag_keeps_what_follows() -> None:
    assert texts("<p>قبل <foo> <bar baz> بعد</p><p>ثم</p>") == ["قبل بعد", "ثم"]


def test_skipped_elements_are_still_skipped() -> None:
    assert texts("<p>نص<script>var a;</script><object>كائن</object> باق</p>") == ["نص باق"]


@pytest.mark.timeout(30)
def test_huge_numeric_reference_is_a_replacement_character() -> None:
    """``&#`` + 100,000 digits raised ValueError (int's 4,300-digit limit)."""
    assert texts("<p>أ &#" + "9" * 100_000 + "; ب</p>") == ["أ \ufffd ب"]
    assert texts("<p>أ &#" + "9" * 100_000 + " ب</p>") == ["أ \ufffd ب"]


def test_leading_zeros_do_not_count_as_digits() -> None:
    assert texts("<p>x&#" + "0" * 10_000 + "65;y</p>") == ["xAy"]
    assert texts("<p title='&#" + "1" * 5_000 + ";'>x&#0001633</p>") == ["x\u0661"]


@pytest.mark.parametrize("ref", ["&#xD800;", "&#55296;", "&#x110000;", "&#1114112;", "&#0;", "&#x0;", "&#99999999;"])
def test_invalid_code_points_are_replacement_characters(ref: str) -> None:
    assert texts(f"<p>أ{ref}ب</p>") == ["أ\ufffdب"]


def test_valid_references_still_decode() -> None:
    assert texts("<p>&#1575;&#x644;&amp;&lt;&nbsp;ع</p>") == ["ال&< ع"]


# -- issue 14: block boundaries ---------------------------------------------------------------
FLOW = (
    "address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header li main ol p pre section summary table tbody thead tfoot tr ul caption"
).split()


@pytest.mark.parametrize("tag", FLOW)
def test_flow_elements_are_block_boundaries(tag: str) -> None:
    """Text on either side of a flow element never runs together (``الآن</aside><footer>حقوق``)."""
    box = "main" if tag == "main" else "article"  # a <main> inside an <article> would be the whole body
    html = f"<{box}>صدر<{tag}>أول</{tag}><{tag}>ثان</{tag}>ذيل</{box}>"
    assert texts(html) == ["صدر", "أول", "ثان", "ذيل"]


def test_aside_then_footer_inside_the_article() -> None:
    assert texts("<article><aside>اقرأ الآن</aside><footer>حقوق</footer></article>") == ["اقرأ الآن", "حقوق"]


def test_table_row_is_one_block_with_cells_apart() -> None:
    """A row reads as a row; its cells never glue into one word."""
    doc = html_loader.parse("<table><tr><th>الاسم</th><th>المدينة</th></tr><tr><td>سلمى</td><td></td><td>حلب</td></tr></table><p>بعد</p>")
    assert [b.text for b in doc.blocks] == ["الاسم | المدينة", "سلمى | حلب", "بعد"]


def test_layout_table_keeps_its_paragraphs() -> None:
    """Old sites lay a whole article out in a table: paragraphs in a cell stay paragraphs."""
    html = "<table><tr><td><p>فقرة أولى</p><p>فقرة ثانية</p></td><td><div>جانب</div></td></tr></table>"
    assert texts(html) == ["فقرة أولى", "فقرة ثانية", "جانب"]


# -- issue 14: the title ----------------------------------------------------------------------
def test_h1_wins_over_a_site_name_title() -> None:
    doc = html_loader.parse("<title>موقع الجزيرة</title><body><h1>اجتماع الوزراء</h1><p>نص</p></body>")
    assert (doc.title, texts_of(doc), doc.title_is_derived) == ("اجتماع الوزراء", ["نص"], False)
    assert doc.meta["page_title"] == "موقع الجزيرة"


def test_h1_wins_over_article_and_site_title() -> None:
    doc = html_loader.parse("<title>اجتماع الوزراء | الجزيرة</title><p>مقدمة</p><h1>اجتماع الوزراء</h1><p>نص</p>")
    assert (doc.title, texts_of(doc)) == ("اجتماع الوزراء", ["مقدمة", "نص"])


def test_h1_that_is_the_site_name_gives_way() -> None:
    doc = html_loader.parse("<title>اجتماع الوزراء في الرباط | الجزيرة</title><h1>الجزيرة</h1><p>نص</p>")
    assert (doc.title, texts_of(doc), doc.meta["site"]) == ("اجتماع الوزراء في الرباط", ["نص"], "الجزيرة")


def test_site_name_comes_off_the_title() -> None:
    doc = html_loader.parse("<head><title>اجتماع الوزراء - الجزيرة</title><meta property='og:site_name' content='الجزيرة'></head><p>نص</p>")
    assert doc.title == "اجتماع الوزراء" and doc.meta["site"] == "الجزيرة"


def test_title_without_h1_stays() -> None:
    doc = html_loader.parse("<title>مقال</title><h2>قسم</h2><p>نص</p>")
    assert (doc.title, texts_of(doc)) == ("مقال", ["قسم", "نص"])


def test_unclosed_title_does_not_swallow_the_body() -> None:
    doc = html_loader.parse("<html><head><title>موقع الصباح<body><p>النص كله</p><p>باق</p></body>")
    assert (doc.title, texts_of(doc)) == ("موقع الصباح", ["النص كله", "باق"])


def test_a_second_title_is_not_text() -> None:
    assert texts("<title>أ</title><p>نص</p><title>ب</title>") == ["نص"]


# -- issue 14: line breaks, rules, code, lists ------------------------------------------------
def test_br_keeps_a_poems_lines() -> None:
    doc = load("poem.html")
    poem = doc.blocks[1]
    assert poem.text.split(LINE_BREAK) == ["يا ليل الصب متى غده", "أقيام الساعة موعده", "", "رقد السمار فأرقه", "أسف للبين يردده"]
    assert texts("<p><br><br>بيت<br><br><br><br>بيت<br></p>") == [f"بيت{LINE_BREAK}{LINE_BREAK}بيت"]


def test_pre_is_a_left_to_right_code_block() -> None:
    doc = html_loader.parse("<p>قبل</p><pre><code>def f():\n    return &lt;1&gt;\n</code></pre><p>بعد</p>")
    code = doc.blocks[1]
    assert (code.kind, code.direction, code.styles) == (BlockKind.CODE, Direction.LTR, [])
    assert code.text == f"def f():{LINE_BREAK}    return <1>"


def test_inline_code_is_styled() -> None:
    block = html_loader.parse("<p>اكتب <code>print(1)</code> ثم <kbd>Enter</kbd></p>").blocks[0]
    assert [(block.text[s.start : s.end], s.kind) for s in block.styles] == [("print(1)", "code"), ("Enter", "code")]


def markers(html: str) -> list[tuple[str, int, str]]:
    return [(b.marker, b.level, b.text) for b in html_loader.parse(html).blocks if b.kind is BlockKind.LIST_ITEM]


def test_list_markers_and_depth() -> None:
    html = "<ul><li>أ<ul><li>ب</li></ul></li></ul><ol start='3'><li>ج<ol><li>د<li>هـ</ol><li value='9'>و<li>ز</ol>"
    assert markers(html) == [("•", 1, "أ"), ("•", 2, "ب"), ("3.", 1, "ج"), ("1.", 2, "د"), ("2.", 2, "هـ"), ("9.", 1, "و"), ("10.", 1, "ز")]


def test_reversed_list_counts_down() -> None:
    assert [m for m, _, _ in markers("<ol reversed start='3'><li>أ</li><li>ب</li></ol>")] == ["3.", "2."]


def test_arabic_indic_numbers() -> None:
    styled = "<p>سنة 2024</p><ol style='list-style-type: arabic-indic'><li>أ</li><li>ب</li></ol>"
    assert [m for m, _, _ in markers(styled)] == ["\u0661.", "\u0662."]
    assert [m for m, _, _ in markers("<p>سنة 2024</p><ol><li>أ</li></ol>")] == ["1."]
    # A document that writes its numbers in Arabic-Indic digits numbers its lists so too.
    assert [b.marker for b in load("poem.html").blocks if b.kind is BlockKind.LIST_ITEM] == ["\u0661.", "\u0662."]


def test_paragraphs_in_an_item_are_one_item() -> None:
    assert markers("<ol><li><p>أول</p><p>تتمة</p></li></ol>") == [("1.", 1, "أول"), ("", 1, "تتمة")]


def test_quote_keeps_its_paragraphs_quoted() -> None:
    doc = html_loader.parse("<blockquote><p>أ</p><p>ب</p></blockquote><p>ج</p>")
    assert [b.kind for b in doc.blocks] == [BlockKind.QUOTE, BlockKind.QUOTE, BlockKind.PARAGRAPH]


def texts_of(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


# -- issue 14: notes ----------------------------------------------------------------------------
def refs(doc: Document) -> list[tuple[int, str, str]]:
    return [(i, b.text[r.start : r.end], r.note_id) for i, b in enumerate(doc.blocks) for r in b.refs]


def test_pandoc_notes_are_footnotes() -> None:
    doc = load("pandoc_notes.html")
    assert texts_of(doc) == ["سافرنا عبر الصحراء1 حتى الواحة2.", "وعدنا بعد أسبوع."]
    assert refs(doc) == [(0, "1", "n1"), (0, "2", "n2")]
    assert [(n.note_id, n.marker, n.text, n.ref_block) for n in doc.footnotes] == [("n1", "1", "وهي صحراء واسعة.", 0), ("n2", "2", "واحة سيوة.", 0)]


def test_wikipedia_references_are_footnotes() -> None:
    doc = load("wiki_notes.html")
    assert doc.title == "نهر النيل"
    assert refs(doc) == [(1, "[1]", "n1"), (1, "[2]", "n2"), (3, "[1]", "n1")]
    notes = [(n.marker, n.text, n.ref_block) for n in doc.footnotes]
    # The back links (^ أ ب) are gone; a reference nothing cites is kept, pointing nowhere.
    assert notes == [("[1]", "أطلس الأنهار، ص 12.", 1), ("[2]", "موسوعة البحار.", 1), ("3", "مرجع لم يشر إليه.", None)]
    # The references' heading went with them; a link back up the page is no note.
    assert texts_of(doc)[-1] == "عرفه المصريون القدماء.[1] انظر أعلاه."


def test_generic_superscript_link_is_a_note() -> None:
    doc = html_loader.parse("<p>قال<sup><a href='#n7'>7</a></sup> ذلك.</p><hr><p id='n7'>7. في مقابلة <a href='#r'>^</a></p>")
    assert texts_of(doc) == ["قال7 ذلك."]
    assert refs(doc) == [(0, "7", "n1")]
    assert [(n.marker, n.text, n.ref_block) for n in doc.footnotes] == [("7", "في مقابلة", 0)]


def test_old_style_named_anchor_note() -> None:
    doc = html_loader.parse("<p>نص<a href='#f1'><sup>(1)</sup></a></p><p><a name='f1'></a>(1) حاشية قديمة</p>")
    assert texts_of(doc) == ["نص(1)"] and [(n.marker, n.text) for n in doc.footnotes] == [("(1)", "حاشية قديمة")]


def test_a_link_to_a_section_is_not_a_note() -> None:
    doc = html_loader.parse("<p>انظر<sup><a href='#s'>2</a></sup></p><section id='s'><h2>قسم</h2><p>نص</p></section>")
    assert (texts_of(doc), doc.footnotes) == (["انظر2", "قسم", "نص"], [])


def test_plain_text_notes_still_work() -> None:
    doc = html_loader.parse("<p>نص (1)</p><p>(1) حاشية</p>")
    assert texts_of(doc) == ["نص (1)"] and [(n.marker, n.text, n.ref_block) for n in doc.footnotes] == [("(1)", "حاشية", 0)]


# -- issue 14: a saved page's chrome ------------------------------------------------------------
def test_saved_page_keeps_only_the_article() -> None:
    doc = load("saved_news.html")
    assert doc.title == "افتتاح مكتبة جديدة في المدينة"
    assert doc.meta == {"author": "سلمى حداد", "site": "موقع الصباح", "page_title": "أخبار المدينة | موقع الصباح"}
    assert texts_of(doc) == [
        "بقلم سلمى حداد",
        "افتتحت البلدية صباح اليوم مكتبة عامة جديدة تضم آلاف الكتب.",
        "واجهة المكتبة",
        "قال رئيس البلدية إن المكتبة مفتوحة للجميع.",
        "ساعات العمل",
        "اليوم | الساعات",
        "السبت | 9–17",
        "الأحد | 10–14",
        "اقرأ أيضا: معرض الكتاب",
        "نشر في ٣ أيار",
    ]
    assert "example" not in doc.text and "track" not in doc.text


@pytest.mark.parametrize(
    "chrome",
    [
        "<nav>قائمة</nav>",
        "<header>رأس الموقع</header>",
        "<footer>حقوق</footer>",
        "<div role='navigation'>قائمة</div>",
        "<div role='banner'>شعار</div>",
        "<div role='contentinfo'>اتصل</div>",
        "<noscript>فعّل</noscript>",
        "<template>قالب</template>",
        "<svg><text>رسم</text></svg>",
        "<iframe>إطار</iframe>",
        "<object>كائن</object>",
        "<style>p{}</style>",
        "<script>x()</script>",
    ],
)
def test_page_chrome_is_not_body_text(chrome: str) -> None:
    assert texts(f"{chrome}<p>النص</p>{chrome}") == ["النص"]


def test_article_header_and_footer_are_kept() -> None:
    assert texts("<header>موقع</header><article><header>كاتب</header><p>نص</p><footer>تاريخ</footer></article><footer>حقوق</footer>") == ["كاتب", "نص", "تاريخ"]


def test_largest_article_is_the_body() -> None:
    html = "<article><p>مقال قصير</p></article><div>جانب</div><article><p>المقال الطويل الذي جاء القارئ من أجله</p><p>تتمة</p></article>"
    assert texts(html) == ["المقال الطويل الذي جاء القارئ من أجله", "تتمة"]


def test_asp_net_form_keeps_the_page() -> None:
    """ASP.NET wraps the whole body in ``<form>``: skipping forms lost the article."""
    html = "<body><form id='aspnetForm' action='x.aspx'><input type='hidden' value='v'><h2>قسم</h2><p>المقال كله</p><button>أرسل</button></form></body>"
    assert texts(html) == ["قسم", "المقال كله"]


# -- what already worked keeps working ----------------------------------------------------------
def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the HTML loader opened a connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    doc = load("saved_news.html")
    assert doc.blocks


@pytest.mark.timeout(60)
def test_deep_tag_soup_is_bounded() -> None:
    """10,000 levels of unclosed lists, quotes, tables, links, notes and ids load in linear time."""
    n = 10_000
    soup = "".join(f"<ol><li><blockquote><table><tr><td><a href='#i{k}'><sup id='i{k}'>{k % 10}</sup>" for k in range(n))
    doc = html_loader.parse(soup + "نص عميق" + "</ol>" * n + "<p>بعد</p>")
    assert doc.blocks[-1].text == "بعد" and "نص عميق" in doc.text
    assert all(b.level <= 10 for b in doc.blocks)


@pytest.mark.timeout(60)
def test_many_notes_load_in_linear_time() -> None:
    n = 5_000
    body = "".join(f"<p>جملة<sup><a href='#n{k}'>{k}</a></sup></p>" for k in range(n))
    notes = "".join(f"<li id='n{k}'>حاشية {k}</li>" for k in range(n))
    doc = html_loader.parse(body + f"<ol class='footnotes'>{notes}</ol>")
    assert len(doc.footnotes) == n and len(doc.blocks) == n
    assert doc.footnotes[-1].ref_block == n - 1


def test_unclosed_chrome_ends_where_the_article_starts() -> None:
    assert texts("<header><nav><a>أخبار</a><main><p>المقال</p></main>") == ["المقال"]


def test_a_page_that_is_all_chrome_is_still_read() -> None:
    """Better the site's footer than "no readable text in the file"."""
    assert texts("<footer><p>ملاحظة قصيرة</p></footer>") == ["ملاحظة قصيرة"]


def test_back_link_text_in_the_body_is_kept_unless_it_links_within_the_page() -> None:
    assert texts("<p>أ <a href='http://example.invalid'>^</a> <a href='#top'>↑</a> ب</p>") == ["أ ^ ب"]


def test_derived_title_is_one_line() -> None:
    doc = html_loader.parse("<p>بيت أول<br>بيت ثان</p>")
    assert (doc.title, doc.title_is_derived) == ("بيت أول", True)


def test_short_h1_that_opens_the_title_is_the_articles() -> None:
    doc = html_loader.parse("<title>أخبار | موقع الصباح الإخباري</title><h1>أخبار</h1><p>نص</p>")
    assert (doc.title, texts_of(doc)) == ("أخبار", ["نص"])


def test_h1_that_is_the_og_site_name_gives_way() -> None:
    head = "<head><title>افتتاح المكتبة</title><meta property='og:site_name' content='الصباح'></head>"
    doc = html_loader.parse(head + "<h1>الصباح</h1><p>نص</p>")
    assert (doc.title, texts_of(doc)) == ("افتتاح المكتبة", ["نص"])


def test_python_markdown_and_epub_notes() -> None:
    md = (
        "<p>نص<sup id='fnref:1'><a class='footnote-ref' href='#fn:1'>1</a></sup></p><div class='footnote'><hr><ol>"
        "<li id='fn:1'><p>حاشية&#160;<a class='footnote-backref' href='#fnref:1'>&#8617;</a></p></li></ol></div>"
    )
    epub = "<p>نص<a epub:type='noteref' href='#e1'>*</a></p><aside epub:type='footnote' id='e1'><p>حاشية</p></aside>"
    for html in (md, epub):
        doc = html_loader.parse(html)
        assert texts_of(doc) == [doc.blocks[0].text] and len(doc.blocks[0].refs) == 1
        assert [(n.text, n.ref_block) for n in doc.footnotes] == [("حاشية", 0)]


def test_title_from_a_heading_with_a_line_break() -> None:
    assert html_loader.parse("<h1>عنوان<br>فرعي</h1><p>نص</p>").title == "عنوان فرعي"
