"""Loading articles: encodings, formats, footnotes, and clear errors for bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from reader.core import loaders
from reader.core.document import BlockKind, Direction
from reader.core.errors import LoadError

ARTICLE = "عنوان المقال\nالفقرة الأولى عن القاهرة(1) والثانية.\nThis paragraph is English.\n(1) حاشية أولى"


@pytest.mark.parametrize(
    ("encode", "expected"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8 (BOM)"),
        (lambda t: t.encode("utf-16"), "utf-16 (BOM)"),
        (lambda t: t.encode("cp1256"), "windows-1256"),
    ],
)
def test_encodings_give_the_same_text(tmp_path: Path, encode, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(encode(ARTICLE))
    doc = loaders.load(path)
    assert doc.encoding == expected
    assert doc.title == "عنوان المقال"
    assert doc.blocks[0].text == "الفقرة الأولى عن القاهرة(1) والثانية."
    assert doc.blocks[0].direction is Direction.RTL
    assert doc.blocks[1].direction is Direction.LTR
    assert [(n.marker, n.text, n.ref_block) for n in doc.footnotes] == [("(1)", "حاشية أولى", 0)]
    ref = doc.blocks[0].refs[0]
    assert doc.blocks[0].text[ref.start : ref.end] == "(1)"


def test_seed_author_note_belongs_to_the_title(seed_path: Path) -> None:
    doc = loaders.load(seed_path)
    assert len(doc.blocks) == 5
    assert [(n.marker, n.text, n.ref_block) for n in doc.footnotes] == [("*", "كاتب وباحث اكاديمي فلسطيني", None)]
    assert doc.title_is_derived and doc.title.startswith("البيرو وبعد نجاح")
    assert "كاتب وباحث" not in doc.text


def test_superscript_and_bracket_markers(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("نص فيه إشارة¹ وأخرى [2] هنا.\n\n¹ الأولى\n[2] الثانية", encoding="utf-8")
    doc = loaders.load(path)
    assert [n.text for n in doc.footnotes] == ["الأولى", "الثانية"]
    assert [doc.blocks[0].text[r.start : r.end] for r in doc.blocks[0].refs] == ["¹", "[2]"]


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text(
        "# العنوان\n\n## قسم\n\n"
        "نص **عريض** و*مائل* ورابط [هنا](http://example.invalid) وصورة ![x](http://example.invalid/x.png)[^a].\n\n"
        "> اقتباس\n\n- بند\n\n[^a]: الحاشية",
        encoding="utf-8",
    )
    doc = loaders.load(path)
    assert doc.title == "العنوان" and not doc.title_is_derived
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM]
    para = doc.blocks[1]
    assert para.text == "نص عريض ومائل ورابط هنا وصورة a."
    assert {(para.text[s.start : s.end], s.kind) for s in para.styles} == {("عريض", "strong"), ("مائل", "em")}
    assert [(para.text[r.start : r.end], r.note_id) for r in para.refs] == [("a", "n1")]
    assert doc.footnotes[0].text == "الحاشية" and doc.footnotes[0].ref_block == 1


def test_html_keeps_text_and_drops_what_could_be_fetched(tmp_path: Path) -> None:
    path = tmp_path / "d.html"
    path.write_text(
        "<html><head><title>مقال</title><script>alert(1)</script><style>p{}</style>"
        "<link rel=stylesheet href='http://example.invalid/s.css'></head><body><h2>قسم</h2>"
        "<p>نص <b>مهم</b> <img src='http://example.invalid/a.png'> <a href='http://example.invalid'>رابط</a></p></body></html>",
        encoding="utf-8",
    )
    doc = loaders.load(path)
    assert doc.title == "مقال"
    assert [b.text for b in doc.blocks] == ["قسم", "نص مهم رابط"]
    assert "alert" not in doc.text and "example" not in doc.text
    assert [(doc.blocks[1].text[s.start : s.end], s.kind) for s in doc.blocks[1].styles] == [("مهم", "strong")]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary\x00" * 20, "binary"), ("café résumé naïve ".encode("latin-1") * 30, "not UTF-8")],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        loaders.load(path)


def test_missing_folder_and_huge_files(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        loaders.load(tmp_path / "nope.txt")
    with pytest.raises(LoadError, match="folder"):
        loaders.load(tmp_path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(loaders.MAX_BYTES + 1)
    with pytest.raises(LoadError, match="too large"):
        loaders.load(huge)


def test_a_megabyte_title_becomes_the_first_paragraph(tmp_path: Path) -> None:
    from reader.core.loaders import MAX_TITLE

    long_title = "عنوان " * 200_000
    page = tmp_path / "t.html"
    page.write_text(f"<html><head><title>{long_title}</title></head><body><p>النص[1]</p><p>[1] حاشية</p></body></html>", encoding="utf-8")
    doc = loaders.load(page)
    assert len(doc.title) <= MAX_TITLE and doc.title_is_derived
    assert doc.blocks[0].text.split() == long_title.split(), "the long title must move into the body whole"
    assert "النص" in doc.text
    assert all(n.ref_block is None or doc.blocks[n.ref_block].refs for n in doc.footnotes)


@pytest.mark.timeout(60)
def test_a_markdown_footnote_storm_is_refused_in_one_line(tmp_path: Path) -> None:
    from reader.core.loaders import MAX_MARKDOWN_NOTES

    page = tmp_path / "notes.md"
    count = MAX_MARKDOWN_NOTES * 3
    page.write_text(" ".join(f"كلمة[^{i}]" for i in range(count)) + "\n\n" + "\n".join(f"[^{i}]: حاشية" for i in range(count)), encoding="utf-8")
    with pytest.raises(LoadError, match=r"notes.md: 120,000 footnote labels"):
        loaders.load(page)
    ok = tmp_path / "ok.md"
    ok.write_text("نص[^1] آخر[^2].\n\n[^1]: أولى\n[^2]: ثانية\n", encoding="utf-8")
    assert len(loaders.load(ok).footnotes) == 2
