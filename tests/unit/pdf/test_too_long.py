"""An article too long for one PDF is refused in one line, before it is analysed or typeset."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.core.article import ArticleOptions, open_article
from reader.core.errors import QariError
from reader.core.settings import PrintOptions
from reader.pdf import source
from tests.unit.test_cli import qari


def _book(tmp_path: Path, seed_text: str, copies: int) -> Path:
    path = tmp_path / "book.txt"
    path.write_text("\n".join([seed_text.rsplit("\n", 1)[0]] * copies) + "\n", encoding="utf-8")
    return path


def test_the_limits_are_checked_by_letters_and_by_paragraphs(tmp_path: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    article = open_article(_book(tmp_path, seed_text, 3), ArticleOptions(analyse=False))
    source.check_typesettable(article)  # well under both
    assert source.typst_source(article, PrintOptions(paper="a4"))
    monkeypatch.setattr(source, "MAX_PDF_CHARS", len(article.text) - 1)
    with pytest.raises(QariError, match=r"book.txt: too long for one PDF \(.* letters in .* paragraphs"):
        source.typst_source(article, PrintOptions(paper="a4"))
    monkeypatch.setattr(source, "MAX_PDF_CHARS", 10**9)
    monkeypatch.setattr(source, "MAX_PDF_BLOCKS", len(article.document.blocks) - 1)
    with pytest.raises(QariError, match="paragraphs"):
        source.check_typesettable(article)


@pytest.mark.timeout(120)
def test_the_command_line_refuses_a_book_at_once_and_writes_nothing(tmp_path: Path, seed_text: str) -> None:
    per_copy = len(seed_text)
    book = _book(tmp_path, seed_text, 2 * source.MAX_PDF_CHARS // per_copy)
    out = tmp_path / "book.pdf"
    started = time.monotonic()
    done = qari("export-pdf", "--temp-basedir", str(book), "-o", str(out))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qari: error: book.txt: too long for one PDF"), done.stderr
    assert not out.exists()
    assert time.monotonic() - started < 60, "refused only after analysing or typesetting it"


def test_notes_count_towards_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.article import article_from_document
    from reader.core.document import Block, BlockKind, Document, Footnote

    notes = [Footnote(f"n{i}", str(i), "حاشية " * 50) for i in range(200)]
    article = article_from_document(Document(title="ع", blocks=[Block(BlockKind.PARAGRAPH, "نص قصير")], footnotes=notes), options=ArticleOptions(analyse=False))
    monkeypatch.setattr(source, "MAX_PDF_BLOCKS", 150)
    with pytest.raises(QariError, match="201 paragraphs and notes"):
        source.check_typesettable(article)
    monkeypatch.setattr(source, "MAX_PDF_BLOCKS", 1000)
    monkeypatch.setattr(source, "MAX_PDF_CHARS", 50_000)
    with pytest.raises(QariError, match="too long for one PDF"):
        source.check_typesettable(article)


def test_code_counts_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.article import article_from_document
    from reader.core.document import Block, BlockKind, Document

    code = article_from_document(Document(title="ع", blocks=[Block(BlockKind.CODE, "x = 1 " * 1000)]), options=ArticleOptions(analyse=False))
    prose = article_from_document(Document(title="ع", blocks=[Block(BlockKind.PARAGRAPH, "نص " * 2000)]), options=ArticleOptions(analyse=False))
    monkeypatch.setattr(source, "MAX_PDF_CHARS", 7000)
    source.check_typesettable(prose)
    with pytest.raises(QariError, match="12,000 letters"):
        source.check_typesettable(code)
