"""The corpus writer, and the byte-level families: valid texts, binary, encodings, BOMs, NULs, controls, storms.

Every input is made here from a fixed seed: nothing is downloaded or copied.
Each one gets a manifest entry saying what a sturdy reader must do with it:
``valid`` (its words come back), ``refuse-ok`` (a one-line refusal is right;
accepting it is tolerated) or ``either`` (any clean outcome).
"""

from __future__ import annotations

import codecs
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.hostile import texts

SEED = 20240613
BOMS = {
    "utf-8": (codecs.BOM_UTF8, "utf-8"),
    "utf-16le": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16be": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-32le": (codecs.BOM_UTF32_LE, "utf-32-le"),
    "utf-32be": (codecs.BOM_UTF32_BE, "utf-32-be"),
}


@dataclass
class Corpus:
    """Writes inputs under ``root`` and collects their manifest entries.

    Attributes:
        root: the corpus folder.
        quick_only: write only the inputs of the quick subset.
        rng: the one random source, seeded, so two runs write the same bytes.
        inputs: manifest entries, in the order written.
    """

    root: Path
    quick_only: bool = False
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    inputs: list[dict[str, Any]] = field(default_factory=list)

    def wanted(self, quick: bool) -> bool:
        """Whether an input of this quickness is written at all."""
        return quick or not self.quick_only

    def add(self, name: str, data: bytes, kind: str, expect: str, *, quick: bool = False, note: str = "", expected_text: str | None = None, **extra: Any) -> None:  # noqa: E501
        """Write ``data`` to ``root/name`` and record it (``extra`` goes into the manifest entry)."""
        if not self.wanted(quick):
            return
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.entry(name, kind, expect, quick=quick, note=note, expected_text=expected_text, **extra)

    def entry(self, name: str, kind: str, expect: str, *, quick: bool = False, note: str = "", expected_text: str | None = None, **extra: Any) -> None:
        """Record an input that already exists (special files, external paths such as /dev/zero)."""
        if not self.wanted(quick):
            return
        assert expect in ("valid", "refuse-ok", "either"), expect
        row: dict[str, Any] = {"id": name.encode("unicode_escape").decode("ascii"), "path": name, "kind": kind, "expect": expect, "quick": quick, "note": note}
        if expected_text is not None:
            row["expected_text"] = expected_text
        row.update(extra)
        self.inputs.append(row)

    def randbytes(self, n: int) -> bytes:
        """``n`` seeded random bytes."""
        return self.rng.randbytes(n)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8, keeping lone surrogates as the broken bytes a careless writer leaves."""
    return text.encode("utf-8", "surrogatepass")


def arabic_filler(size: int, rng: random.Random) -> str:
    """About ``size`` characters of the article's words in seeded order: bulk that still reads as Arabic."""
    pool = texts.plain_text().split()
    out: list[str] = []
    n = 0
    while n < size:
        word = rng.choice(pool)
        out.append(word)
        n += len(word) + 1
    return " ".join(out)


def valid_family(c: Corpus) -> None:
    """The article in every encoding and format Qari claims to read: its words must come back."""
    plain, md, short = texts.plain_text(), texts.markdown_text(), texts.short_text(2)
    for name, data, quick in (
        ("valid/article-utf8.txt", plain.encode("utf-8"), True),
        ("valid/article-utf8-bom.txt", codecs.BOM_UTF8 + plain.encode("utf-8"), False),
        ("valid/article-utf16le-bom.txt", codecs.BOM_UTF16_LE + plain.encode("utf-16-le"), True),
        ("valid/article-utf16be-bom.txt", codecs.BOM_UTF16_BE + plain.encode("utf-16-be"), False),
        ("valid/article-cp1256.txt", plain.encode("cp1256"), True),
        ("valid/article-crlf.txt", plain.replace("\n", "\r\n").encode("utf-8"), False),
        ("valid/article-cr.txt", plain.replace("\n", "\r").encode("utf-8"), False),
        ("valid/article-one-line-per-para.txt", plain.replace("\n\n", "\n").encode("utf-8"), False),
        ("valid/short-utf8.txt", short.encode("utf-8"), False),
        ("valid/article-utf8.md", md.encode("utf-8"), True),
        ("valid/article-utf8-bom.md", codecs.BOM_UTF8 + md.encode("utf-8"), False),
        ("valid/article-utf16le-bom.md", codecs.BOM_UTF16_LE + md.encode("utf-16-le"), False),
        ("valid/article-cp1256.md", md.encode("cp1256"), False),
        ("valid/article-utf8.html", texts.html_text().encode("utf-8"), True),
        ("valid/article-utf8.htm", texts.html_text().encode("utf-8"), False),
        ("valid/article-utf8-bom.html", codecs.BOM_UTF8 + texts.html_text().encode("utf-8"), False),
        ("valid/article-utf16be-bom.html", codecs.BOM_UTF16_BE + texts.html_text("utf-16").encode("utf-16-be"), False),
        ("valid/article-cp1256.html", texts.html_text("windows-1256").encode("cp1256"), False),
    ):
        expected = short if "short" in name else plain
        c.add(name, data, "valid", "valid", quick=quick, expected_text=expected)


def binary_family(c: Corpus) -> None:
    """Not text at all, or no text in it: a one-line refusal is the right answer."""
    for ext in ("txt", "md", "html"):
        c.add(f"binary/empty.{ext}", b"", "empty", "refuse-ok", quick=ext == "txt")
        c.add(f"binary/whitespace.{ext}", b" \t\n\r\n" * 200, "empty", "refuse-ok")
    c.add("binary/nbsp-only.txt", utf8("\u00a0" * 1000), "empty", "refuse-ok")
    c.add("binary/zwsp-only.txt", utf8("\u200b" * 1000 + "\n"), "empty", "either", note="invisible characters only")
    c.add("binary/markup-only.html", b"<html><head><title></title></head><body><div><p></p></div></body></html>", "empty", "refuse-ok")
    c.add("binary/markup-only.md", b"---\n\n***\n\n> \n\n- \n", "empty", "either")
    for size in (1, 100, 4096, 65536, 1 << 20):
        c.add(f"binary/random-{size}.txt", c.randbytes(size), "binary", "refuse-ok", quick=size == 4096)
    c.add("binary/random-65536.md", c.randbytes(65536), "binary", "refuse-ok")
    c.add("binary/random-65536.html", c.randbytes(65536), "binary", "refuse-ok")
    c.add("binary/all-bytes.txt", bytes(range(256)) * 16, "binary", "refuse-ok")
    heads = (("png", b"\x89PNG\r\n\x1a\n"), ("elf", b"\x7fELF\x02\x01\x01"), ("gzip", b"\x1f\x8b\x08\x00"), ("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"))
    for name, head in heads:
        c.add(f"binary/{name}-header.txt", head + c.randbytes(20000), "binary", "refuse-ok")
    c.add("binary/sqlite.txt", b"SQLite format 3\x00" + c.randbytes(4096), "binary", "refuse-ok")
    high = bytes(c.rng.randrange(0x80, 0x100) for _ in range(20000))
    c.add("binary/high-bytes-no-nul.txt", high, "binary", "refuse-ok", quick=True, note="decodes as Windows-1256 letter soup")
    body = bytearray(utf8(arabic_filler(20000, c.rng)))
    for share, name in ((0.015, "under"), (0.05, "over")):
        noisy = bytearray(body)
        for i in c.rng.sample(range(len(noisy)), int(len(noisy) * share)):
            noisy[i] = c.rng.choice(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1c\x1d\x1e\x1f")
        c.add(f"binary/controls-{name}-2pct.txt", bytes(noisy), "binary", "either" if name == "under" else "refuse-ok")
    c.add("binary/controls-only.txt", bytes(range(1, 32)) * 100, "binary", "refuse-ok")


def encoding_family(c: Corpus) -> None:
    """Truncated, mixed and unclaimed encodings."""
    text = texts.short_text(2).rstrip(".\n")
    ok = text.encode("utf-8")
    mid = len(ok) // 2 - (len(ok) // 2) % 2 + 1  # an odd offset inside an Arabic letter's two bytes
    cases: list[tuple[str, bytes, str, bool]] = [
        ("utf8-truncated-last-byte", ok[:-1], "either", True),
        ("utf8-byte-dropped-mid", ok[:mid] + ok[mid + 1 :], "either", False),
        ("utf8-one-cp1256-byte", ok[:200] + b" \xc7 " + ok[200:], "either", False),
        ("cp1256-plus-utf8-line", text.encode("cp1256") + b"\n" + ok, "either", False),
        ("utf8-overlong", ok + b" \xc0\xaf \xe0\x80\xaf", "either", False),
        ("utf8-encoded-surrogates", ok + b" \xed\xa0\x80\xed\xbf\xbf", "either", False),
        ("utf8-five-byte", ok + b" \xf8\x88\x80\x80\x80 \xfc\x84\x80\x80\x80\x80", "either", False),
        ("utf8-f5-ff-bytes", ok + bytes(range(0xF5, 0x100)), "either", False),
        ("utf8-cesu8-emoji", ok + b" \xed\xa0\xbd\xed\xb8\x80", "either", False),
        ("utf8-noncharacters", utf8(text + " \ufffe\uffff\U0010ffff \ufdd0"), "either", False),
        ("utf16le-odd-length", codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x41", "refuse-ok", False),
        ("utf16le-lone-surrogate", codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x00\xd8\x41\x00", "refuse-ok", False),
        ("utf16be-lone-low-surrogate", codecs.BOM_UTF16_BE + text.encode("utf-16-be") + b"\xdc\x00\x00\x41", "refuse-ok", False),
        ("utf16le-no-bom", text.encode("utf-16-le"), "refuse-ok", False),
        ("utf16be-no-bom", text.encode("utf-16-be"), "refuse-ok", False),
        ("utf32le-no-bom", text.encode("utf-32-le"), "refuse-ok", False),
        ("iso8859-6", text.replace("ـ", "").encode("iso8859-6", "replace"), "refuse-ok", False),
        ("mac-arabic", text.encode("mac-arabic", "replace"), "refuse-ok", False),
        ("latin1-french", "Le théâtre était fermé depuis l'été; à côté, un café.\n".encode("latin-1") * 50, "refuse-ok", False),
        ("shift-jis", "東京の図書館は再び開館した。\n".encode("shift_jis") * 100, "refuse-ok", False),
        ("gb18030", "图书馆重新开放了。\n".encode("gb18030") * 100, "refuse-ok", False),
        ("half-utf8-half-utf16", ok + codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "refuse-ok", False),
        ("single-byte-d8", b"\xd8", "either", False),
        ("ascii-english", b"The old city library opened its doors again on Sunday.\n" * 40, "either", False),
    ]
    foreign = ("latin1-french", "shift-jis", "gb18030", "ascii-english")  # no Arabic in them to recover
    for name, data, expect, quick in cases:
        recover = None if name in foreign else text
        c.add(f"encoding/{name}.txt", data, "encoding", expect, quick=quick, expected_text=recover, note="expected_text: what a forgiving reader would recover")
    c.add("encoding/utf8-truncated-last-byte.md", ok[:-1], "encoding", "either", expected_text=text)
    c.add("encoding/utf8-truncated-last-byte.html", b"<p>" + ok[:-1], "encoding", "either", expected_text=text)
    lying = texts.html_text("utf-8").encode("cp1256")
    c.add("encoding/meta-says-utf8-is-cp1256.html", lying, "encoding", "either", expected_text=texts.plain_text())
    c.add("encoding/meta-says-iso8859-6.html", texts.html_text("iso-8859-6").encode("utf-8"), "encoding", "either", expected_text=texts.plain_text())


def bom_family(c: Corpus) -> None:
    """Every BOM, with matching content, other content, nothing, twice, and mid-file."""
    text = texts.short_text(2)
    for label, (bom, codec) in BOMS.items():
        claimed = label in ("utf-8", "utf-16le", "utf-16be")
        match = bom + text.encode(codec)
        other = bom + (text.encode("cp1256") if label == "utf-8" else text.encode("utf-8"))
        for suffix, data, expect, quick in (
            ("matching", match, "valid" if claimed else "refuse-ok", label == "utf-32le"),
            ("then-utf8-or-cp1256", other, "refuse-ok", False),
            ("only", bom, "refuse-ok", label == "utf-16le"),
            ("twice", bom + match, "either", False),
            ("mid-file", text.encode("utf-8") + bom + text.encode("utf-8"), "either", False),
            ("then-nul-text", bom + b"\x00" * 64 + text.encode(codec), "refuse-ok", False),
        ):
            c.add(f"bom/{label}-{suffix}.txt", data, "bom", expect, quick=quick, expected_text=text)
        c.add(f"bom/{label}-only.md", bom, "bom", "refuse-ok")
        c.add(f"bom/{label}-matching.html", bom + texts.html_text().encode(codec), "bom", "valid" if claimed else "refuse-ok", expected_text=texts.plain_text())


def nul_family(c: Corpus) -> None:
    """NUL bytes early (binary-looking) and after the first 8 KB (past the sniffing window)."""
    body = utf8(arabic_filler(120_000, c.rng))
    for where in (0, 100, 8191, 8192, 8193, 100_000, len(body) - 1):
        expect = "refuse-ok" if where < 8192 else "either"
        data = body[:where] + b"\x00" + body[where + 1 :]
        c.add(f"nul/at-{where}.txt", data, "nul", expect, quick=where == 8193)
    spread = bytearray(body)
    for i in range(9000, len(spread), 100):
        spread[i] = 0
    c.add("nul/every-100-after-8k.txt", bytes(spread), "nul", "either")
    c.add("nul/block-after-8k.txt", body[:10_000] + b"\x00" * 100_000 + body[10_000:], "nul", "either")
    c.add("nul/at-8193.md", body[:8193] + b"\x00" + body[8194:], "nul", "either")
    c.add("nul/at-8193.html", b"<p>" + body[:8193] + b"\x00</p><p>" + body[8194:], "nul", "either")
    c.add("nul/entity-after-8k.html", b"<p>" + body[:9000] + b"&#0;&#x0;\x00</p>", "nul", "either")
    c.add("nul/utf16le-bom-with-nul-char.txt", codecs.BOM_UTF16_LE + (texts.short_text(1) + "\x00" + texts.short_text(1)).encode("utf-16-le"), "nul", "either")


def _sprinkle(text: str, token: str, every: int) -> str:
    words = text.split(" ")
    return " ".join(w + token if i % every == 0 else w for i, w in enumerate(words))


def control_family(c: Corpus) -> None:
    """Control, bidi, format and odd characters inside otherwise good Arabic."""
    base = texts.plain_text()
    cases: list[tuple[str, str, bool]] = [
        ("ansi-escapes", _sprinkle(base, "\x1b[2J\x1b[31m\x1b]0;owned\x07", 20), True),
        ("c0-sparse", _sprinkle(base, "\x01\x08\x0e\x1f", 40), False),
        ("del-storm", base + "\x7f" * 10_000, False),
        ("c1-controls", _sprinkle(base, "".join(chr(i) for i in range(0x80, 0xA0)), 10), False),
        ("rlo-start", "\u202e" + base, False),
        ("rlo-every-word", _sprinkle(base, "\u202e", 1), False),
        ("rlo-unbalanced-10000", base + "\u202e" * 10_000 + "نهاية", False),
        ("lre-rle-pdf-mix", _sprinkle(base, "\u202a\u202b\u202c\u202d", 3), False),
        ("isolates-unbalanced-10000", "\u2067" * 10_000 + base, False),
        ("lrm-rlm-alm-storm", _sprinkle(base, "\u200e\u200f\u061c" * 30, 1), False),
        ("line-para-separators", base.replace(" ", "\u2028", 50).replace("\n\n", "\u2029"), False),
        ("nel-formfeed-vt", base.replace("\n\n", "\u0085\f", 3).replace(" ", "\v", 5), False),
        ("noncharacters-replacement", _sprinkle(base, "\ufffd\ufffe\uffff", 5), False),
        ("private-use", _sprinkle(base, "\ue000\U000f0000\U0010fffd", 5), False),
        ("tag-characters", _sprinkle(base, "".join(chr(0xE0000 + i) for i in range(1, 128)), 10), False),
        ("presentation-forms", "".join(chr(0xFE70 + i % 140) for i in range(20_000)) + "\n" + "\ufdfd" * 2000, False),
        ("zwj-zwnj-storm", "\u200d\u200c".join(base), False),
        ("zwsp-between-letters", "\u200b".join(base), False),
        ("emoji-zwj-families", "👨\u200d👩\u200d👧\u200d👦 " * 5000 + base, False),
        ("variation-selectors", "".join(ch + "\ufe0f\U000e0100" for ch in base), False),
        ("lone-surrogates", base[:300] + "\ud800 \udfff " + base[300:], False),
        ("one-word-100k", "ب" * 100_000 + "\n" + base, False),
    ]
    for name, text, quick in cases:
        recover = None if name == "presentation-forms" else base
        c.add(f"controls/{name}.txt", utf8(text), "controls", "either", quick=quick, expected_text=recover)
    c.add("controls/rlo-heading.md", utf8("# \u202e" + texts.TITLE + "\u202c\n\n" + base), "controls", "either")
    c.add("controls/ansi-title.html", utf8(f"<title>\x1b[31m{texts.TITLE}\x1b]0;x\x07</title><p>{base}</p>"), "controls", "either")


def storm_family(c: Corpus) -> None:
    """Combining marks and tatweel in numbers no article has."""
    marks = "".join(chr(cp) for cp in range(0x064B, 0x0653))
    cases: list[tuple[str, str, bool]] = [
        ("shadda-100k-on-one-letter", "ب" + "\u0651" * 100_000 + " " + texts.short_text(1), True),
        ("harakat-50-per-letter", "".join(ch + marks * 6 if "\u0621" <= ch <= "\u064a" else ch for ch in texts.short_text(2)), False),
        ("harakat-only-1m", marks * 125_000, False),
        ("tatweel-1m-one-word", "ب" + "\u0640" * 1_000_000 + "ت " + texts.short_text(1), False),
        ("tatweel-100-per-letter", "".join(ch + "\u0640" * 100 if "\u0621" <= ch <= "\u064a" else ch for ch in texts.short_text(2)), False),
        ("tatweel-harakat-mix-500k", ("\u0640\u064e\u0651" * 170_000), False),
        ("dagger-alef-maddah-storm", "ه" + "\u0670\u0653\u0654\u0655" * 50_000 + " " + texts.short_text(1), False),
        ("latin-combining-storm", "a" + "\u0301\u0327\u0308" * 50_000 + " " + texts.short_text(1), False),
    ]
    for name, text, quick in cases:
        c.add(f"storm/{name}.txt", utf8(text), "storm", "either", quick=quick)
    c.add("storm/shadda-100k.md", utf8("# " + "ب" + "\u0651" * 100_000 + "\n\n" + texts.short_text(1)), "storm", "either")
    c.add("storm/tatweel-1m.html", utf8("<h1>ب" + "\u0640" * 1_000_000 + "</h1><p>" + texts.short_text(1) + "</p>"), "storm", "either")
    c.add("storm/combining-in-name.txt", utf8(texts.short_text(2).replace("الحداد", "ا" + "\u0651" * 5000 + "لحداد")), "storm", "either")


def special_bytes(c: Corpus) -> None:
    """Large sparse files: one far over the size limit, one of zeros just under it."""
    for name, size, quick in (("sparse-10g.txt", 10 << 30, True), ("sparse-7m-zeros.txt", 7 << 20, False)):
        if not c.wanted(quick):
            continue
        path = c.root / "huge" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.truncate(size)
        c.entry(f"huge/{name}", "huge", "refuse-ok", quick=quick, note="sparse")
