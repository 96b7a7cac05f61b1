"""Exported files get the user's normal file mode, not the 0600 of a temporary file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.article import Article, open_article
from reader.core.settings import PrintOptions
from reader.pdf.export import export_pdf

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture(scope="module")
def article() -> Article:
    from tests.conftest import SEED

    return open_article(SEED)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_pdf_gets_the_umask_mode(article: Article, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "new.pdf"
    assert export_pdf(article, out, PrintOptions(paper="a4")) == 1
    assert out.read_bytes()[:5] == b"%PDF-"
    assert mode(out) == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_overwritten_pdf_keeps_its_mode(article: Article, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "shared.pdf"
    out.write_bytes(b"old")
    out.chmod(0o640)
    export_pdf(article, out, PrintOptions(paper="a4"))
    assert out.read_bytes()[:5] == b"%PDF-"
    assert mode(out) == 0o640


def test_a_stricter_umask_is_honoured(article: Article, tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        export_pdf(article, tmp_path / "private.pdf", PrintOptions(paper="a4"))
    finally:
        os.umask(old)
    assert mode(tmp_path / "private.pdf") == 0o600
