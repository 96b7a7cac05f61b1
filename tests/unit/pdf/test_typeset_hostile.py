"""Hostile articles at the typesetter: Typst panics become clean errors, and the known panics do not happen.

The inputs are those of ``python -m tests.hostile.generate`` that crashed or
choked the export (issue 13), at the smallest size that still showed it.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.article import Article, open_article
from reader.core.errors import QariError
from reader.core.settings import PrintOptions
from reader.pdf import compile_child, typeset
from reader.pdf.export import export_pdf, pdf_notices
from reader.pdf.notes import MAX_FOOTNOTES
from reader.pdf.safe_text import LONG_WORD, MAX_MARKS, markup
from reader.pdf.source import RUNNING_TITLE, typst_source
from tests.unit.pdf.test_export import needs_poppler, pdf_text

TITLE = "مكتبة المدينة القديمة تفتح أبوابها من جديد"
BODY = "أعلنت بلدية مدينة طرابلس عن إعادة افتتاح المكتبة."
#: 28 letters, so a piece out of order or missing shows in the copied text.
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
SHADDA = "\u0651"


class FakePanic(BaseException):
    """Like pyo3's PanicException: a BaseException, not an Exception."""


def article(tmp_path: Path, text: str, name: str = "a.txt") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return open_article(path)


def export(art: Article, tmp_path: Path) -> Path:
    out = tmp_path / "out.pdf"
    assert export_pdf(art, out, PrintOptions(paper="a4")) >= 1
    return out


def test_a_panic_in_typst_becomes_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def panics(*args: object, **kwargs: object) -> object:
        raise FakePanic("start byte index 65535 is not a char boundary\nbacktrace…")

    monkeypatch.setattr(typeset.typst, "compile", panics)
    with pytest.raises(QariError) as caught:
        typeset.compile_source('#"x"')
    assert str(caught.value) == "the typesetter failed on this article: start byte index 65535 is not a char boundary"
    assert isinstance(caught.value.__cause__, FakePanic)


def test_ctrl_c_in_typst_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(typeset.typst, "compile", interrupted)
    with pytest.raises(KeyboardInterrupt):
        typeset.compile_source('#"x"')


def test_the_child_reports_a_panic_in_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def panics(*args: object, **kwargs: object) -> list[bytes]:
        raise FakePanic("assertion failed: j < i")

    monkeypatch.setattr(compile_child, "compile_source", panics)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'#"x"')))
    assert compile_child.main(["--format", "pdf"]) == compile_child.EXIT_ERROR
    assert capsys.readouterr().err == "qari: error: the typesetter failed on this article: assertion failed: j < i\n"


def test_ordinary_text_stays_one_literal() -> None:
    assert markup("كلمة " * 100) == '#"' + "كلمة " * 100 + '"'
    assert markup("") == '#""'


def test_an_overlong_word_is_boxed_in_reading_order() -> None:
    latin = markup("x" + "a" * LONG_WORD)
    arabic = markup("ب" * (LONG_WORD + 1))
    assert latin.startswith('#box("xaaa') and '#"\u200e"#box(' in latin
    assert arabic.startswith('#box("ببب') and '#"\u200f"#box(' in arabic


def test_a_mark_stays_with_its_letter_across_boxes() -> None:
    word = ("ب" + SHADDA) * LONG_WORD
    pieces = markup(word).split('#"\u200f"')
    assert all(p.startswith('#box("ب') for p in pieces)


@needs_poppler
@pytest.mark.timeout(120)
@pytest.mark.parametrize("where", ["body", "title"])
def test_a_100kb_word_exports_and_copies_out_whole(tmp_path: Path, where: str) -> None:
    word = LETTERS * 1800  # 50,400 letters, 100 KB of UTF-8: one line of it used to panic
    text = f"{word}\n\n{BODY}\n" if where == "title" else f"{TITLE}\n\n{word}\n"
    art = article(tmp_path, text)
    copied = "".join(pdf_text(export(art, tmp_path)).split())
    # Leave out what each page adds: its number, and the running title (cut to a line when long).
    header = word[:RUNNING_TITLE] + "…" if where == "title" else TITLE.replace(" ", "")
    copied = re.sub("[٠-٩]", "", copied).replace(header, "")
    assert word in copied
    assert "\u200b" not in copied
    assert pdf_notices(art) == []


@needs_poppler
@pytest.mark.timeout(120)
def test_a_shadda_storm_exports_with_a_notice(tmp_path: Path) -> None:
    art = article(tmp_path, f"{TITLE}\n\n{BODY} ب{SHADDA * 100_000} {BODY}\n")  # 'assertion failed: j < i' before
    copied = pdf_text(export(art, tmp_path))
    assert copied.count(SHADDA) == MAX_MARKS
    assert BODY.rstrip(".") in copied
    assert pdf_notices(art) == [
        f"the PDF leaves out {100_000 - MAX_MARKS:,} combining marks stacked more than {MAX_MARKS} on one letter (the file and the screen keep them)"
    ]


def star_notes(count: int) -> str:
    """An article whose title carries ``count`` author notes (``*`` … ``****``), like hostile footnotes/star-notes-10000."""
    return f"{TITLE}\n\n{BODY}\n\n" + "\n".join("*" * (1 + i % 4) + " ملاحظة" for i in range(count)) + "\n"


def test_thousands_of_notes_become_endnotes(tmp_path: Path) -> None:
    few = article(tmp_path, star_notes(MAX_FOOTNOTES), "few.txt")
    many = article(tmp_path, star_notes(MAX_FOOTNOTES + 1), "many.txt")
    assert len(few.document.footnotes) == MAX_FOOTNOTES and len(many.document.footnotes) == MAX_FOOTNOTES + 1
    assert typst_source(few, PrintOptions(paper="a4")).count("#footnote(") == MAX_FOOTNOTES
    source = typst_source(many, PrintOptions(paper="a4"))
    assert "#footnote(" not in source
    assert source.count('#super[#"*"]') == 2 * ((MAX_FOOTNOTES + 1 + 3) // 4)  # each marker, then its note at the end
    assert pdf_notices(few) == []
    assert pdf_notices(many) == [f"the PDF lists its {MAX_FOOTNOTES + 1:,} footnotes after the article, without links (more than {MAX_FOOTNOTES:,})"]


@needs_poppler
@pytest.mark.timeout(300)
def test_a_footnote_storm_renders(tmp_path: Path) -> None:
    # 10,000 author notes on the title: Typst took over 90 s and 1.5 GB placing them as footnotes.
    art = article(tmp_path, star_notes(10_000))
    out = export(art, tmp_path)
    for tool in ("pdfinfo", "pdftotext"):
        done = subprocess.run([tool, str(out), "-"] if tool == "pdftotext" else [tool, str(out)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert pdf_text(out).count("ملاحظة") == 10_000
