"""The document as ``qari text`` prints it: plain text with every word, and a stable JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.article import ArticleOptions, article_from_document, open_article
from reader.core.document import LINE_BREAK, Block, BlockKind, Direction, Document, Footnote, FootnoteRef, InlineStyle
from reader.core.text_dump import NOTES_SEPARATOR, notices, to_dict, to_text
from tests.hostile import texts


def _document() -> Document:
    para = Block(BlockKind.PARAGRAPH, "نص فيه إشارة(1) وكلمة مهمة.", styles=[InlineStyle(19, 23, "strong")], refs=[FootnoteRef(12, 15, "n1")])
    return Document(
        title="عنوان المقال",
        blocks=[
            Block(BlockKind.HEADING, "قسم", level=2),
            para,
            Block(BlockKind.LIST_ITEM, "بند أول", level=1, marker="•"),
            Block(BlockKind.LIST_ITEM, "بند داخلي", level=2, marker="٢."),
            Block(BlockKind.QUOTE, f"سطر مقتبس{LINE_BREAK}وسطر ثان"),
            Block(BlockKind.CODE, "x = 1\nprint(x)", direction=Direction.LTR),
            Block(BlockKind.RULE, ""),
            Block(BlockKind.PARAGRAPH, f"بيت أول{LINE_BREAK}بيت ثان"),
        ],
        footnotes=[Footnote("n1", "(1)", "حاشية أولى", 1), Footnote("n2", "*", "كاتب", None)],
        meta={"author": "كاتب"},
    )


def test_plain_text_shows_each_kind() -> None:
    expected = "\n\n".join(
        [
            "عنوان المقال",
            "## قسم",
            "نص فيه إشارة(1) وكلمة مهمة.",
            "• بند أول",
            "  ٢. بند داخلي",
            "> سطر مقتبس\n> وسطر ثان",
            "x = 1\nprint(x)",
            "* * *",
            "بيت أول\nبيت ثان",
            f"{NOTES_SEPARATOR}\n(1) حاشية أولى\n* كاتب",
        ]
    )
    assert to_text(_document()) == expected
    assert LINE_BREAK not in to_text(_document())


def test_no_notes_no_separator() -> None:
    doc = Document(title="عنوان", blocks=[Block(BlockKind.PARAGRAPH, "نص.")])
    assert to_text(doc) == "عنوان\n\nنص."


def test_json_shape_is_stable() -> None:
    article = article_from_document(_document(), "بايتات".encode(), ArticleOptions(analyse=False))
    data = json.loads(json.dumps(to_dict(article), ensure_ascii=False))
    assert list(data) == ["version", "title", "title_is_derived", "format", "encoding", "sha256", "meta", "blocks", "footnotes"]
    assert (data["version"], data["title"], data["format"], data["meta"]) == (1, "عنوان المقال", "text", {"author": "كاتب"})
    assert len(data["sha256"]) == 64
    block = data["blocks"][1]
    assert list(block) == ["kind", "level", "marker", "direction", "text", "styles", "refs"]
    assert block["styles"] == [{"start": 19, "end": 23, "kind": "strong"}]
    assert block["text"][block["refs"][0]["start"] : block["refs"][0]["end"]] == "(1)"
    assert data["blocks"][3] == {"kind": "list_item", "level": 2, "marker": "٢.", "direction": "rtl", "text": "بند داخلي", "styles": [], "refs": []}
    assert data["footnotes"] == [
        {"id": "n1", "marker": "(1)", "text": "حاشية أولى", "ref_block": 1},
        {"id": "n2", "marker": "*", "text": "كاتب", "ref_block": None},
    ]


@pytest.mark.parametrize(("name", "content"), [("a.txt", texts.plain_text()), ("a.md", texts.markdown_text()), ("a.html", texts.html_text())])
def test_every_word_comes_back(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content + "\n(1) حاشية في آخر المقال\n" if name == "a.txt" else content, encoding="utf-8")
    article = open_article(path, ArticleOptions(analyse=False))
    out = to_text(article.document)
    expected = texts.TITLE + "\n" + "\n".join(texts.PARAGRAPHS)
    assert not texts.missing_words(expected, out)
    if name == "a.txt":
        assert out.endswith("(1) حاشية في آخر المقال")


def test_notices_say_the_encoding_unless_plain_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(texts.plain_text().encode("utf-8"))
    assert notices(open_article(path, ArticleOptions(analyse=False))) == []
    path.write_bytes(texts.plain_text().encode("cp1256"))
    assert notices(open_article(path, ArticleOptions(analyse=False))) == ["a.txt: read as windows-1256"]
