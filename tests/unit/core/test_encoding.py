"""Which encoding a file is read as (issue 14): Arabic share over letters, stray bytes, clear refusals."""

from __future__ import annotations

import random

import pytest

from reader.core.encoding import decode, decode_counted
from reader.core.errors import LoadError
from tests.hostile import texts

ENGLISH = "The old city library opened its doors again after ten years of repairs.\n" * 40
ARABIC = texts.plain_text()
RUSSIAN = "Это русский текст о старой библиотеке города, которая снова открылась после ремонта.\n" * 20


def _refusal(data: bytes) -> str:
    with pytest.raises(LoadError) as info:
        decode_counted(data, "a.txt")
    message = str(info.value)
    assert "\n" not in message and message.startswith("a.txt: ")
    return message


@pytest.mark.parametrize("arabic", ["مقال قصير عن القاهرة.", "القاهرة", "زار الوفد مدينة دمشق وبيروت وعمان في جولة قصيرة."])
def test_mostly_english_windows_1256_with_a_little_arabic(arabic: str) -> None:
    text = ENGLISH + arabic + "\n" + ENGLISH  # the Arabic is under 1 % of the bytes
    assert decode(text.encode("cp1256"), "a.txt") == (text, "windows-1256")


def test_arabic_windows_1256_with_english_around_it() -> None:
    text = ARABIC + ENGLISH
    assert decode(text.encode("cp1256"), "a.txt") == (text, "windows-1256")


@pytest.mark.parametrize("stray", [b"\xd8", b"\xc7", b"\xe9", b"\xff"])
def test_english_utf8_with_one_stray_byte_is_utf8(stray: bytes) -> None:
    data = ENGLISH.encode("utf-8")
    middle = len(data) // 2
    decoded = decode_counted(data[:middle] + stray + data[middle:], "a.txt")
    assert decoded.encoding == "utf-8 (1 bad byte replaced)" and decoded.replaced == 1
    assert decoded.text == ENGLISH[:middle] + "\ufffd" + ENGLISH[middle:]


def test_english_utf8_with_three_stray_bytes_says_how_many() -> None:
    data = ENGLISH.encode("utf-8")
    broken = data[:100] + b"\xd8" + data[100:900] + b"\xd9" + data[900:] + b"\xe3"
    decoded = decode_counted(broken, "a.txt")
    assert (decoded.encoding, decoded.replaced, decoded.text.count("\ufffd")) == ("utf-8 (3 bad bytes replaced)", 3, 3)


def test_utf8_arabic_and_english_with_a_stray_byte_stays_utf8() -> None:
    data = (ARABIC + ENGLISH).encode("utf-8")
    decoded = decode_counted(data[:50] + b"\xd8" + data[50:], "a.txt")
    assert decoded.encoding == "utf-8 (1 bad byte replaced)"


def test_many_stray_bytes_are_not_patched_up() -> None:
    data = ENGLISH.encode("utf-8")
    broken = b"".join(data[i : i + 40] + b"\xd8" for i in range(0, len(data), 40))  # 2.5 % bad
    assert "not UTF-8" in _refusal(broken)


@pytest.mark.parametrize("low", [0x80, 0xC1])
def test_random_high_bytes_are_still_refused(low: int) -> None:
    rng = random.Random(14)
    words = [bytes(rng.randrange(low, 0x100) for _ in range(rng.randrange(2, 8))) for _ in range(3000)]
    assert "not Arabic Windows-1256" in _refusal(b" ".join(words))


def test_random_arabic_letters_are_not_an_article() -> None:
    # Letters only (what KOI8-R Russian becomes when read as Windows-1256), at random: not Arabic text.
    letters = [b for b in range(0xC1, 0xFF) if bytes([b]).decode("cp1256").isalpha() and bytes([b]).decode("cp1256") > "\u0600"]
    rng = random.Random(14)
    words = [bytes(rng.choice(letters) for _ in range(rng.randrange(2, 8))) for _ in range(3000)]
    assert "not Arabic Windows-1256" in _refusal(b" ".join(words))


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("koi8_r", RUSSIAN),
        ("cp1251", RUSSIAN),
        ("iso8859_5", RUSSIAN),
        ("shift_jis", "日本語のテキストです。東京は日本の首都であり、多くの人が住んでいます。\n" * 30),
        ("gbk", "中华人民共和国是世界上人口最多的国家之一，首都是北京。\n" * 30),
        ("euc_kr", "한국어 텍스트입니다. 서울은 대한민국의 수도입니다.\n" * 30),
        ("cp1253", "Αυτό είναι ένα ελληνικό κείμενο για την παλιά βιβλιοθήκη.\n" * 20),
        ("iso8859_6", ARABIC.translate({ord("«"): None, ord("»"): None})),
    ],
)
def test_encodings_qari_cannot_read_are_refused_in_one_line(codec: str, text: str) -> None:
    message = _refusal(text.encode(codec))
    assert message.startswith("a.txt: not UTF-8")
    assert "Qari reads UTF-8, UTF-16, UTF-32 and Arabic Windows-1256" in message


def test_iso_2022_is_refused_though_its_bytes_are_ascii() -> None:
    data = ("日本語のテキストです。東京は日本の首都です。\n" * 30).encode("iso2022_jp")
    assert data.isascii()
    assert "ISO-2022" in _refusal(data)


@pytest.mark.timeout(60)
def test_a_large_windows_1256_file_is_judged_quickly() -> None:
    text = ARABIC * (7 * 1024 * 1024 // len(ARABIC.encode("cp1256")))
    assert decode_counted(text.encode("cp1256"), "a.txt").encoding == "windows-1256"
