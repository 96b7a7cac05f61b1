"""The Article: one file read once, and what Qari computes about it kept on it."""

from __future__ import annotations

import ast
import hashlib
import threading
from pathlib import Path

import pytest

from reader.core.article import ArticleOptions, article_from_document, open_article
from reader.core.errors import LoadError
from reader.core.normalize import Folding
from reader.core.search import SearchOptions, find_all
from tests.conftest import ROOT


def test_provenance_identifies_the_file(seed_path: Path) -> None:
    article = open_article(seed_path, ArticleOptions(analyse=False))
    data = seed_path.read_bytes()
    assert article.provenance.sha256 == hashlib.sha256(data).hexdigest()
    assert article.provenance.size == len(data)
    assert article.provenance.path == seed_path
    assert article.provenance.encoding == "utf-8"
    assert article.provenance.fmt == "text"
    assert article.title == article.document.title and article.text == article.document.text


def test_same_bytes_same_identity_after_a_move(seed_path: Path, tmp_path: Path) -> None:
    moved = tmp_path / "renamed.txt"
    moved.write_bytes(seed_path.read_bytes())
    assert open_article(moved, ArticleOptions(analyse=False)).provenance.sha256 == open_article(seed_path, ArticleOptions(analyse=False)).provenance.sha256


def test_analysis_can_wait_and_runs_once(seed_path: Path) -> None:
    article = open_article(seed_path, ArticleOptions(analyse=False))
    assert not article.analysed and article.entities_or_empty() == []
    first = article.analyse()
    assert article.analysed and first
    assert article.analyse() is first


def test_analysis_from_two_threads_keeps_one_result(seed_path: Path) -> None:
    article = open_article(seed_path, ArticleOptions(analyse=False))
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(article.analyse())) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results[0] is results[1] is article.entities


def test_opened_article_is_analysed_by_default(seed_path: Path) -> None:
    article = open_article(seed_path)
    assert {e.name for e in article.entities_or_empty()} >= {"مادورو", "غوايدو"}


def test_folded_index_is_built_once_per_toggle_set(seed_path: Path) -> None:
    article = open_article(seed_path, ArticleOptions(analyse=False))
    loose = article.index(Folding())
    assert article.index(Folding()) is loose
    strict = SearchOptions(match_hamza=True).folding()
    assert article.index(strict) is not loose
    for query, options in (("امريكا", SearchOptions()), ("أمريكا", SearchOptions(match_hamza=True)), ("البيرو", SearchOptions(whole_word=True))):
        assert article.find(query, options) == find_all(query, article.text, options)
    assert len(article.find("امريكا")) == 5


def test_text_handed_in_gets_an_identity_too(seed_path: Path) -> None:
    document = open_article(seed_path, ArticleOptions(analyse=False)).document
    article = article_from_document(document, options=ArticleOptions(analyse=False))
    assert article.provenance.sha256 == hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def test_bad_file_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        open_article(tmp_path / "missing.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(LoadError, match="empty"):
        open_article(tmp_path / "empty.txt")


def test_every_caller_opens_articles_the_one_way() -> None:
    """Outside the article module nothing loads a file or analyses text by itself."""
    offenders = []
    for path in (ROOT / "reader").rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("reader/core/"):
            continue  # core builds the article (loaders, entities, article.py)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "reader.core.loaders":
                offenders.append(f"{rel}: imports the loaders")
            if isinstance(node, ast.ImportFrom) and node.module == "reader.core" and any(a.name == "loaders" for a in node.names):
                offenders.append(f"{rel}: imports the loaders")
            if isinstance(node, ast.ImportFrom) and node.module == "reader.core.entities" and any(a.name in {"analyse", "recognise"} for a in node.names):
                offenders.append(f"{rel}: analyses text itself")
    assert offenders == []


def test_code_is_never_an_entity_and_offsets_hold() -> None:
    from reader.core.article import entity_text
    from reader.core.document import LINE_BREAK, Block, BlockKind, Document, InlineStyle

    prose = "زار محمد بن سلمان القاهرة أمس"
    code = "offset = محمد\nprint(offset)"
    inline = "استدعِ الدالة السعودية ثم اكتب"
    doc = Document(
        title="t",
        blocks=[Block(BlockKind.PARAGRAPH, prose), Block(BlockKind.CODE, code), Block(BlockKind.PARAGRAPH, inline, styles=[InlineStyle(14, 23, "code")])],
    )
    assert LINE_BREAK in doc.blocks[1].text and "\n" not in doc.blocks[1].text, "a line break inside a block is U+2028, never the block separator"
    blanked = entity_text(doc)
    assert len(blanked) == len(doc.text)
    assert blanked.split("\n")[0] == prose
    assert blanked.split("\n")[1].strip() == ""
    assert "السعودية" not in blanked and "استدعِ الدالة" in blanked
    article = article_from_document(doc)
    names = {doc.text[m.start : m.end] for e in article.entities_or_empty() for m in e.mentions}
    assert "القاهرة" in names
    assert not any(doc.text.find("offset") <= m.start < doc.text.find("print") for e in article.entities_or_empty() for m in e.mentions)
