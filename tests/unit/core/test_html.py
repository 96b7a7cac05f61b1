"""The HTML reader on hostile markup: void elements, character references (issue 13)."""

from __future__ import annotations

import pytest

from reader.core import html_loader


def texts(html: str) -> list[str]:
    return [b.text for b in html_loader.parse(html).blocks]


@pytest.mark.parametrize("tag", ["embed", "img", "br", "hr", "input", "source", "track", "wbr", "area", "col", "meta", "link", "base"])
def test_void_element_keeps_what_follows(tag: str) -> None:
    """``<embed>`` never closes: it used to hide the rest of the article."""
    assert " ".join(texts(f"<p>قبل <{tag} src='x.swf'> بعد</p><p>ثم</p>")) == "قبل بعد ثم"


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
