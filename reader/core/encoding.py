"""Turn a file's bytes into text, saying which encoding it was.

Arabic text still arrives as Windows-1256 as often as UTF-8; UTF-16 files come
from Word's "Unicode text".  Detection is deliberately simple and explainable:
BOM first (UTF-32 before UTF-16, whose BOM is a prefix of UTF-32 LE's), then
UTF-16 without a BOM (NULs or 0x06 on every other byte), then strict UTF-8,
then UTF-8 with a few bad bytes (a truncated download of an Arabic article),
then Windows-1256 if the result reads as Arabic.  Anything else is refused.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass

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


def _lenient_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with under 1 % bad bytes and Arabic in the rest, the bad bytes shown as U+FFFD; else ``None``."""
    text = data.decode("utf-8", "surrogateescape")
    bad = sum(m.end() - m.start() for m in _ESCAPED.finditer(text))
    if not bad or bad > len(data) * _MAX_BAD_SHARE:
        return None
    text = _ESCAPED.sub("\ufffd", text)
    high = _high_counts(text)
    if sum(n for c, n in high.items() if _is_arabic(c)) < 10 or _arabic_share(high) < 0.8:
        return None
    return Decoded(text, f"utf-8 ({bad} bad byte{'s' if bad != 1 else ''} replaced)", bad)


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
    if b"\x00" in data or _too_many_controls(data):
        raise LoadError(f"{name}: looks like a binary file, not an article")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lenient = _lenient_utf8(data)
    if lenient is not None:
        return lenient
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:  # pragma: no cover - Python's cp1256 maps every byte
        raise LoadError(f"{name}: not UTF-8, UTF-16 or Windows-1256 text") from exc
    high = _high_counts(text)
    if _arabic_share(high) < 0.9 or _unusual_share(high) > 0.05:
        raise LoadError(f"{name}: not UTF-8, and not Arabic Windows-1256 text either")
    return Decoded(text, "windows-1256")


def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`LoadError`."""
    decoded = decode_counted(data, name)
    return decoded.text, decoded.encoding
