"""Turn a file's bytes into text, saying which encoding it was.

Arabic text still arrives as Windows-1256 as often as UTF-8; UTF-16 files come
from Word's "Unicode text".  Detection is deliberately simple and explainable:
BOM first (UTF-32 before UTF-16, whose BOM is a prefix of UTF-32 LE's), then
UTF-16 without a BOM (NULs or 0x06 on every other byte), then strict UTF-8,
then UTF-8 with a few bad bytes (a truncated download of an Arabic article),
then Windows-1256 if the result reads as Arabic words, then UTF-8 with a few
stray bytes in text that is not Arabic (a stray 0xD8 in English is damage, not
one Windows-1256 letter).  Anything else is refused, in one line that names
what Qari reads.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass

from reader.core import arabic
from reader.core.errors import LoadError

#: UTF-32 first: ``FF FE 00 00`` starts with the UTF-16 LE BOM ``FF FE``.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
#: C0 controls other than tab, newline, form feed and carriage return.
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_DROP_CONTROLS = dict.fromkeys(_CONTROLS)
_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that surrogateescape could not decode
#: Two or more Arabic letters in a row: a word, where one stray byte gives a lone letter.
_ARABIC_WORD = re.compile(f"[{arabic.BLOCK_CLASS}]{{2,}}")  # Windows-1256 has no letters beyond this block
#: ISO-2022 switching to a multi-byte set (ESC $): all ASCII bytes, so it passes for UTF-8.
_ISO_2022 = re.compile(rb"\x1b\$[@AB()*+]")
#: Letters that make up a large share of any Arabic text (the article, و، ي، ب…); other scripts'
#: 8-bit encodings read as Windows-1256 (KOI8-R Russian is nearly all Arabic letters) hardly use them.
_COMMON = frozenset(arabic.ARTICLE + arabic.ALEF + arabic.WAW + arabic.NISBA + "".join(arabic.PREPOSITIONS) + "".join(arabic.CONJUNCTIONS))
#: Share of :data:`_COMMON` among the Arabic letters of real text (about 0.45; KOI8-R Russian: 0.04).
_MIN_COMMON_SHARE = 0.25
_READS = "Qari reads UTF-8, UTF-16, UTF-32 and Arabic Windows-1256; save the file as UTF-8"
#: Non-ASCII characters real Windows-1256 Arabic text uses besides the Arabic block.
_USUAL = frozenset("\u00a0«»–—‘’“”…•×÷°\u200c\u200d\u200e\u200f€")
#: A UTF-8 file with at most this share of bad bytes is read with them replaced.
_MAX_BAD_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    """The text of a file, the encoding it was read as, and how many bad bytes were replaced."""

    text: str
    encoding: str
    replaced: int = 0


def _is_arabic(c: str) -> bool:
    return "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f"


def _high_counts(text: str) -> Counter[str]:
    """How often each non-ASCII character occurs (counted in C: 8 MiB take well under a second)."""
    counts = Counter(text)
    return Counter({c: n for c, n in counts.items() if c > "\x7f"})


def _arabic_share(high: Counter[str]) -> float:
    """Share of Arabic among the non-ASCII letters: English around Arabic does not count against it."""
    letters = sum(n for c, n in high.items() if c.isalpha())
    return sum(n for c, n in high.items() if c.isalpha() and _is_arabic(c)) / letters if letters else 0.0


def _unusual_share(high: Counter[str]) -> float:
    """Share of the non-ASCII characters that Arabic text would hardly contain (¤ ¦ ƒ ‰ ² …)."""
    total = high.total()
    unusual = sum(n for c, n in high.items() if not (_is_arabic(c) or c in _USUAL or c.isalpha()))
    return unusual / total if total else 0.0


def _too_many_controls(data: bytes) -> bool:
    return len(data) - len(data.translate(None, _CONTROLS)) > len(data) * 0.02


def _text_too_many_controls(text: str) -> bool:
    return len(text) - len(text.translate(_DROP_CONTROLS)) > len(text) * 0.02


def _checked(text: str, encoding: str, name: str) -> Decoded:
    """``text`` read as ``encoding`` (UTF-16/32), refused if it holds NULs or many controls."""
    if "\x00" in text or _text_too_many_controls(text):
        raise LoadError(f"{name}: looks like a binary file (read as {encoding} it holds NUL or control characters), not an article")
    return Decoded(text, encoding)


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if every other byte is a NUL or 0x06 (ASCII or Arabic), else ``None``."""
    if len(data) < 2 or len(data) % 2:
        return None
    units = len(data) // 2
    for codec, high, low in (("utf-16-le", data[1::2], data[0::2]), ("utf-16-be", data[0::2], data[1::2])):
        if high.count(0) + high.count(6) >= units * 0.9 and low.count(0) <= units * 0.02:
            return codec
    return None


def _escaped_utf8(data: bytes) -> tuple[str, int] | None:
    """``data`` as UTF-8 with under 1 % bad bytes shown as U+FFFD, and how many; ``None`` past 1 %."""
    text = data.decode("utf-8", "surrogateescape")
    bad = sum(m.end() - m.start() for m in _ESCAPED.finditer(text))
    if not bad or bad > len(data) * _MAX_BAD_SHARE:
        return None
    return _ESCAPED.sub("\ufffd", text), bad


def _replaced(text: str, bad: int) -> Decoded:
    return Decoded(text, f"utf-8 ({bad} bad byte{'s' if bad != 1 else ''} replaced)", bad)


def _lenient_utf8(escaped: tuple[str, int] | None) -> Decoded | None:
    """UTF-8 with under 1 % bad bytes and Arabic in the rest (a truncated Arabic article); else ``None``."""
    if escaped is None:
        return None
    high = _high_counts(escaped[0])
    if sum(n for c, n in high.items() if _is_arabic(c)) < 10 or _arabic_share(high) < 0.8:
        return None
    return _replaced(*escaped)


def _reads_as_arabic(text: str) -> bool:
    """Does ``text`` (decoded as Windows-1256) read as Arabic?

    Arabic is judged over the non-ASCII letters only, so a mostly English file with
    some Arabic passes; and most of its Arabic letters must stand in words of two or
    more, so stray bytes in English (each a lone letter) do not; and from 20 letters
    on, the common letters must be common (another script's 8-bit text is not).
    """
    high = _high_counts(text)
    if _arabic_share(high) < 0.9 or _unusual_share(high) > 0.05:
        return False
    letters = sum(n for c, n in high.items() if c.isalpha() and _is_arabic(c))
    if letters >= 20 and sum(high[c] for c in _COMMON) < letters * _MIN_COMMON_SHARE:
        return False
    in_words = sum(len(w) for w in _ARABIC_WORD.findall(text))
    return in_words >= 2 and in_words * 2 >= letters


def decode_counted(data: bytes, name: str = "file") -> Decoded:
    """Decode ``data`` into a :class:`Decoded`, or raise :class:`LoadError` with a one-line reason."""
    declared = [(codec, label) for bom, codec, label in _BOMS if data.startswith(bom)]
    for codec, label in declared:  # FF FE 00 00: UTF-32 LE, or UTF-16 LE starting with a NUL
        try:
            return _checked(data.decode(codec), f"{label} (BOM)", name)
        except UnicodeDecodeError:
            continue
    if declared:
        label = declared[0][1]
        raise LoadError(f"{name}: declared {label} by its BOM but is not valid {label}")
    codec16 = _utf16_without_bom(data)
    if codec16 is not None:
        try:
            text = data.decode(codec16)
        except UnicodeDecodeError as exc:
            raise LoadError(f"{name}: looks like {codec16} without a BOM but is not valid {codec16}") from exc
        return _checked(text, codec16.replace("-le", "le").replace("-be", "be") + " (no BOM)", name)
    if b"\x00" not in data and _ISO_2022.search(data):  # its escapes are controls: say what it is rather than "binary"
        raise LoadError(f"{name}: not UTF-8 but ISO-2022 (a Japanese, Chinese or Korean mail encoding), which Qari cannot read ({_READS})")
    if b"\x00" in data or _too_many_controls(data):
        raise LoadError(f"{name}: looks like a binary file, not an article")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    escaped = _escaped_utf8(data)
    lenient = _lenient_utf8(escaped)
    if lenient is not None:
        return lenient
    text = data.decode("cp1256")  # Python's cp1256 maps every byte
    if _reads_as_arabic(text):
        return Decoded(text, "windows-1256")
    if escaped is not None:  # not Arabic either way: UTF-8 with a few stray bytes
        return _replaced(*escaped)
    raise LoadError(f"{name}: not UTF-8, and not Arabic Windows-1256 text either ({_READS})")


def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`LoadError`."""
    decoded = decode_counted(data, name)
    return decoded.text, decoded.encoding
