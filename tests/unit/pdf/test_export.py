"""PDF export: text copies out in logical order, the font is embedded, errors are clean.

The goldens take the seed's entities from the fixture (``tests/golden/seed_entities.json``),
so they follow the typesetting, not the model.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.core.article import Article, open_article
from reader.core.errors import QariError
from reader.core.settings import PrintOptions
from reader.pdf.export import export_pages, export_pdf
from reader.pdf.source import lit, typst_source
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "seed.typ"
GOLDEN_TEXT = ROOT / "tests" / "golden" / "seed_pdf.txt"
WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3]+|[0-9]+|[A-Za-z]+")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by .ci/run")


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return BIDI_CONTROLS.sub("", out)


def test_typst_source_matches_golden(seed_article: Article) -> None:
    got = typst_source(seed_article, PrintOptions(paper="a4"))
    if os.environ.get("QARI_REGEN_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_article_text_cannot_become_markup() -> None:
    assert lit('a "b" \\ #c') == '"a \\"b\\" \\\\ #c"'


@needs_poppler
def test_seed_pdf_text_is_in_logical_order(seed_article: Article, tmp_path: Path) -> None:
    doc = seed_article.document
    out = tmp_path / "seed.pdf"
    assert export_pdf(seed_article, out, PrintOptions(paper="a4")) == 1
    text = pdf_text(out)
    assert not any("\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufefe" for c in text)
    # Every letter of the article, in order, none missing or doubled.
    letters = "".join(doc.text.split())
    assert letters in "".join(text.split())
    # Word by word, in order.  pdftotext's own bidi pass moves a space or a full stop at a
    # digit or punctuation boundary (في 28 من → في 28من), so words are compared as runs of
    # Arabic letters and of digits.
    words = WORD.findall(doc.text)
    got = WORD.findall(text)
    assert any(got[i : i + len(words)] == words for i in range(len(got) - len(words) + 1))
    assert "كاتب وباحث اكاديمي فلسطيني" in " ".join(text.split())
    # The footnote marker links to its note and the note back to the marker.
    assert len(re.findall(rb"/Subtype\s*/Link", out.read_bytes())) >= 2
    # Golden: the text as pdftotext gives it back, whitespace normalised.
    normalised = " ".join(text.split()) + "\n"
    if os.environ.get("QARI_REGEN_GOLDEN"):
        GOLDEN_TEXT.write_text(normalised, encoding="utf-8")
    assert normalised == GOLDEN_TEXT.read_text(encoding="utf-8")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Amiri-Regular" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])


@needs_poppler
def test_long_document_has_many_pages(tmp_path: Path, seed_text: str) -> None:
    src = tmp_path / "long.txt"
    body = seed_text.rsplit("\n", 1)[0]
    src.write_text("\n".join([body] * 20) + "\n* حاشية", encoding="utf-8")
    pages = export_pdf(open_article(src), tmp_path / "long.pdf", PrintOptions(paper="a4", arabic_digits=False))
    assert pages >= 15
    assert "\n2\n" in pdf_text(tmp_path / "long.pdf")


def test_png_pages_for_printing(seed_article: Article, tmp_path: Path) -> None:
    assert export_pages(seed_article, tmp_path, PrintOptions(paper="a4"), ppi=50) == 1
    assert (tmp_path / "page-0001.png").read_bytes()[:4] == b"\x89PNG"


def test_unwritable_target_is_a_clear_error_and_leaves_nothing(seed_article: Article, tmp_path: Path) -> None:
    with pytest.raises(QariError, match="cannot be written"):
        export_pdf(seed_article, tmp_path / "missing-folder" / "x.pdf", PrintOptions())
    with pytest.raises(QariError, match="is a folder"):
        export_pdf(seed_article, tmp_path, PrintOptions())
    assert not (tmp_path / "missing-folder").exists()


def test_full_disk_leaves_no_half_file(seed_article: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "x.pdf"

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(QariError, match="No space left"):
        export_pdf(seed_article, out, PrintOptions())
    assert list(tmp_path.iterdir()) == [tmp_path / "home"]
