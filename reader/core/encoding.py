"""Turn a file's bytes into text, saying which encoding it was.

Arabic text still arrives as Windows-1256 as often as UTF-8; UTF-16 files come
from Word's "Unicode text".  Detection is deliberately simple and explainable:
BOM first, then strict UTF-8, then Windows-1256 if the result reads as Arabic.
"""

from __future__ import annotations

import codecs

from reader.core.errors import LoadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in sample)
    return controls > len(sample) * 0.02


def decode(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` or raise :class:`LoadError`."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise LoadError(f"{name}: declared {enc} by its BOM but is not valid {enc}") from exc
    if _looks_binary(data):
        raise LoadError(f"{name}: looks like a binary file, not an article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise LoadError(f"{name}: not UTF-8, UTF-16 or Windows-1256 text") from exc
    if _arabic_share(text) < 0.3:
        raise LoadError(f"{name}: not UTF-8, and not Arabic Windows-1256 text either")
    return text, "windows-1256"
