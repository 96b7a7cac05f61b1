"""The parts of a Word (.docx) file, read without trusting the file.

A .docx is a zip of XML parts.  Every size in the zip is a claim, so each part is
refused when it claims too much and read with a bounded read in any case.  Word
never writes a DTD, so one is refused outright: no entity is ever expanded,
fetched or read from disk.  Nesting depth and element counts are bounded too.
Relationships that point outside the package are ignored.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from reader.core import arabic
from reader.core.errors import LoadError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Strict OOXML spells the Word namespace differently; the bytes are rewritten to the usual one.
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_W = W[1:-1].encode()
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: The largest part read, uncompressed, and all parts together: a zip bomb stops here.
MAX_PART = 64 * 1024 * 1024
MAX_TOTAL = 160 * 1024 * 1024
#: Deeper nesting than this is no Word file (a paragraph in a table in a table is about 12).
MAX_DEPTH = 256
#: Elements per part: bounds the time and memory a part of tiny empty elements can cost.
MAX_ELEMENTS = 4_000_000
#: Old binary Word files, and encrypted .docx files (an OLE container around the zip).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
_CHUNK = 64 * 1024
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError, KeyError)


class PartError(LoadError):
    """A part that cannot be read, said without the file's name: :func:`docx_loader.parse` adds it."""


def unreadable(name: str, reason: str) -> LoadError:
    """The one message for a file that is not a Word document we can read."""
    return LoadError(f"{name}: not a readable Word document ({reason})")


def on(el: ET.Element | None) -> bool:
    """Whether a Word toggle (``<w:b/>``, ``<w:bidi w:val="0"/>``…) is present and on."""
    return el is not None and el.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


def number(text: str | None) -> int | None:
    """A small non-negative number attribute (``w:ilvl``, ``w:start``…); None for anything else."""
    return int(text) if text is not None and re.fullmatch(r"[0-9]{1,4}", text) else None


def val(el: ET.Element | None, child: str) -> str | None:
    """The ``w:val`` of ``el``'s child ``w:<child>``, if any."""
    found = el.find(W + child) if el is not None else None
    return found.get(W + "val") if found is not None else None


class Package:
    """An opened Word zip: reads parts by name, each bounded, all of them bounded together."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self._budget = MAX_TOTAL
        if data.startswith(OLE_MAGIC):
            raise LoadError(f"{name}: an encrypted or old-format Word file (.doc); save it as an unprotected .docx to read it")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except _ZIP_ERRORS as exc:
            raise unreadable(name, "the file is empty" if not data else "not a zip archive" if isinstance(exc, zipfile.BadZipFile) else str(exc)) from exc

    def read(self, part: str) -> bytes | None:
        """The bytes of ``part``, None if there is none; :class:`LoadError` if it is too large or corrupt."""
        try:
            info = self._zip.getinfo(part)
        except KeyError:
            return None
        cap = min(MAX_PART, self._budget)
        if info.file_size > cap:
            raise unreadable(self.name, f"{part} claims {info.file_size:,} bytes; the limit is {cap:,}")
        try:
            with self._zip.open(info) as fh:
                data = fh.read(cap + 1)  # never trust the header: read at most one byte past the cap
        except _ZIP_ERRORS as exc:
            raise unreadable(self.name, f"{part}: {exc}") from exc
        if len(data) > cap:
            raise unreadable(self.name, f"{part} is larger than {cap:,} bytes")
        self._budget -= len(data)
        return data

    def close(self) -> None:
        """Let go of the zip."""
        self._zip.close()


def iter_xml(data: bytes, where: str) -> Iterator[tuple[str, ET.Element]]:
    """``("start"|"end", element)`` events of the part ``where``, refusing a DTD, deep nesting and element floods."""
    if any(d in data for d in _DTD):
        raise PartError(f"{where} declares a DTD, which Word never writes")
    data = data.replace(_STRICT_W, _TRANSITIONAL_W)
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    depth = count = 0
    try:
        for at in [*range(0, len(data), _CHUNK), -1]:
            if at >= 0:
                parser.feed(data[at : at + _CHUNK])
            else:
                parser.close()
            for event, elem in cast("Iterator[tuple[str, ET.Element]]", parser.read_events()):
                if event == "start":
                    depth += 1
                    count += 1
                    if depth > MAX_DEPTH:
                        raise PartError(f"{where} is nested more than {MAX_DEPTH} levels deep")
                    if count > MAX_ELEMENTS:
                        raise PartError(f"{where} has more than {MAX_ELEMENTS:,} elements")
                else:
                    depth -= 1
                yield event, elem
    except ET.ParseError as exc:
        raise PartError(f"{where} is not well-formed XML ({exc})") from exc


def parse_xml(data: bytes, where: str) -> ET.Element:
    """The whole tree of a (small) part, with :func:`iter_xml`'s bounds."""
    root: ET.Element | None = None
    for _, elem in iter_xml(data, where):
        if root is None:
            root = elem
    if root is None:
        raise PartError(f"{where} is empty")
    return root


def relationships(pkg: Package, source: str) -> dict[str, str]:
    """Internal relationship targets of ``source`` (``""`` for the package), by type (its last word)."""
    folder, base = posixpath.split(source)
    data = pkg.read(posixpath.join(folder, "_rels", base + ".rels"))
    found: dict[str, str] = {}
    if data is None:
        return found
    for rel in parse_xml(data, f"the relationships of {source or 'the package'}").iter(_RELS + "Relationship"):
        target, kind = rel.get("Target", ""), rel.get("Type", "").rsplit("/", 1)[-1]
        if rel.get("TargetMode", "").lower() == "external" or not target or "://" in target:
            continue  # never followed
        path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
        if not path.startswith("..") and not path.startswith("/"):
            found.setdefault(kind, path)
    return found


_CORE_KEYS = {"title", "subject", "creator", "keywords", "description", "lastModifiedBy", "revision", "created", "modified", "language", "category"}


def core_properties(data: bytes | None, where: str) -> dict[str, str]:
    """``docProps/core.xml`` as metadata: title, creator, created…, only the non-empty ones."""
    meta: dict[str, str] = {}
    if data is None:
        return meta
    for el in parse_xml(data, where):
        key = el.tag.rsplit("}", 1)[-1]
        text = " ".join("".join(el.itertext()).split())
        if key in _CORE_KEYS and text:
            meta["last_modified_by" if key == "lastModifiedBy" else key] = text
    return meta


@dataclass
class Style:
    """What a paragraph or character style says about its text, its ``basedOn`` chain resolved."""

    heading: int = 0
    title: bool = False
    quote: bool = False
    bidi: bool | None = None
    num: tuple[str, int] | None = None
    strong: bool = False
    em: bool = False


_HEADING_NAME = re.compile(r"heading\s*([1-9])")


def read_styles(data: bytes | None, where: str) -> dict[str, Style]:
    """Style id → :class:`Style`: localized ids are resolved by their English ``w:name`` and ``w:outlineLvl``."""
    if data is None:
        return {}
    raw: dict[str, tuple[ET.Element, str | None]] = {}
    for el in parse_xml(data, where).iter(W + "style"):
        sid = el.get(W + "styleId")
        if sid:
            raw.setdefault(sid, (el, val(el, "basedOn")))
    resolved: dict[str, Style] = {}

    def resolve(sid: str, seen: frozenset[str]) -> Style:
        if sid in resolved:
            return resolved[sid]
        el, parent = raw[sid]
        base = resolve(parent, seen | {sid}) if parent in raw and parent not in seen and len(seen) < 32 else Style()
        style = Style(base.heading, base.title, base.quote, base.bidi, base.num, base.strong, base.em)
        name = (val(el, "name") or "").strip().lower()
        ppr, rpr = el.find(W + "pPr"), el.find(W + "rPr")
        if m := _HEADING_NAME.fullmatch(name):
            style.heading, style.title = int(m.group(1)), False
        elif name == "title":
            style.heading, style.title = 1, True
        elif (level := number(val(ppr, "outlineLvl"))) is not None:
            style.heading = level + 1 if level < 9 else 0
        style.quote = style.quote or name in ("quote", "intense quote")
        if ppr is not None and ppr.find(W + "bidi") is not None:
            style.bidi = on(ppr.find(W + "bidi"))
        style.num = num_pr(ppr) or style.num
        if rpr is not None:
            style.strong = on(rpr.find(W + "b")) or on(rpr.find(W + "bCs")) or style.strong
            style.em = on(rpr.find(W + "i")) or on(rpr.find(W + "iCs")) or style.em
        resolved[sid] = style
        return style

    for sid in raw:
        resolve(sid, frozenset())
    return resolved


def num_pr(ppr: ET.Element | None) -> tuple[str, int] | None:
    """``(numId, ilvl)`` of a ``w:numPr``; None when absent or switched off (numId 0)."""
    numpr = ppr.find(W + "numPr") if ppr is not None else None
    if numpr is None:
        return None
    num_id = val(numpr, "numId")
    if not num_id or num_id == "0":
        return None
    return num_id, min(number(val(numpr, "ilvl")) or 0, 8)


#: Number formats Word draws with Arabic-Indic digits (``arabicAbjad``/``arabicAlpha`` are
#: letter sequences in Word; digits are the simple, unambiguous stand-in).
_ARABIC_FORMATS = {"arabicAbjad", "arabicAlpha", "hindiNumbers"}
_TO_ARABIC_INDIC = str.maketrans("0123456789", arabic.DIGITS)
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int) -> str:
    """``n`` in lower-case Roman numerals (Word's default for endnotes); digits from 4000 on."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A list counter as Word's number format draws it, simply."""
    if fmt in _ARABIC_FORMATS:
        return str(n).translate(_TO_ARABIC_INDIC)
    if fmt in ("lowerLetter", "upperLetter") and 0 < n <= 26 * 20:  # past that, Word's "zzzz…" helps no one
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(n).upper() if fmt == "upperRoman" else roman(n)
    return str(n)


class Numbering:
    """List markers from ``word/numbering.xml``: ``•`` for bullets, a running number per list and level."""

    def __init__(self, data: bytes | None, where: str) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if data is None:
            return
        root = parse_xml(data, where)
        abstract = {a.get(W + "abstractNumId"): a for a in root.iter(W + "abstractNum")}
        for num in root.iter(W + "num"):
            num_id = num.get(W + "numId")
            definition = abstract.get(val(num, "abstractNumId"))
            if not num_id:
                continue
            overrides = {o.get(W + "ilvl"): o for o in num.iter(W + "lvlOverride")}
            for lvl in definition.iter(W + "lvl") if definition is not None else ():
                ilvl = lvl.get(W + "ilvl", "0")
                override = overrides.get(ilvl)
                replaced = override.find(W + "lvl") if override is not None else None
                lvl = replaced if replaced is not None else lvl
                start = number(val(override, "startOverride") if override is not None else None)
                if (level := number(ilvl)) is not None and level < 9:
                    start = start if start is not None else number(val(lvl, "start"))
                    self._levels[(num_id, level)] = (val(lvl, "numFmt") or "decimal", val(lvl, "lvlText") or "", 1 if start is None else start)

    def marker(self, num_id: str, ilvl: int) -> str:
        """The marker of the next item of list ``num_id`` at level ``ilvl``; counts it."""
        fmt, text, start = self._levels.get((num_id, ilvl), ("bullet", "", 1))
        if fmt == "bullet":
            return "\u2022"
        if fmt == "none":
            return ""
        counters = self._counters.setdefault(num_id, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        counters[ilvl + 1 :] = [None] * (8 - ilvl)
        if not text:
            return format_number(counters[ilvl] or 0, fmt) + "."

        def level(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lfmt, _, lstart = self._levels.get((num_id, k), (fmt, "", 1))
            return format_number(counters[k] or lstart, lfmt)

        return re.sub(r"%([1-9])", level, text)
