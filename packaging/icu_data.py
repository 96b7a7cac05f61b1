"""A smaller ICU data library for the Linux bundle.

Qt links ICU, and ICU's data library (``libicudata.so.73``, 32 MB) carries
collation, locale names, converters and word-break dictionaries for every
language.  Qari reads Arabic with an English or Arabic interface, and Qt uses
ICU only for collation, case mapping and locale fallbacks (line breaking,
shaping and codecs for UTF-8 are Qt's own; Qari decodes files in Python).  So
the build writes a copy of the library that keeps ICU's core tables and the
locale data of :data:`KEEP_LANGUAGES`, and drops legacy converters,
transliterators, spell-out rules and the CJK/Thai/Khmer/Lao/Burmese word-break
dictionaries.  Anything dropped falls back to ICU's root data, as for any
language ICU does not know.

The data is ICU's common-data package (``CmnD``): a header, a table of contents
sorted by item name, and the items.  The copy keeps the header and the order,
and is assembled into a shared library that exports the same symbol
(``icudt73_dat``) with binutils' ``as`` and ``ld``.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

#: Languages whose locale data (collation, names, break rules) stays.
KEEP_LANGUAGES = frozenset({"ar", "en", "fa", "ur"})
#: Kinds of data Qari never asks for.
DROP_DIRS = frozenset({"translit", "rbnf"})
_LOCALE = re.compile(r"^([a-z]{2,3})(?:_[A-Za-z0-9]+)*$")


def keep(item: str) -> bool:
    """Whether an item (``icudt73l/coll/ar.res``) stays in the trimmed data."""
    parts = item.split("/")[1:]
    name = parts[-1]
    stem, _, ext = name.rpartition(".")
    if ext in ("cnv", "dict"):
        return False
    if len(parts) > 1 and parts[0] in DROP_DIRS:
        return False
    match = _LOCALE.match(stem)
    if ext == "res" and match and stem != "root":
        return match.group(1) in KEEP_LANGUAGES
    return True


def symbol_span(elf: bytes, wanted: bytes) -> tuple[int, int]:
    """File offset and size of a dynamic symbol in a little-endian ELF64 file."""
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    dynsym = next(s for s in sections if s[1] == 11)  # SHT_DYNSYM
    strtab = sections[dynsym[6]]
    for k in range(dynsym[5] // 24):
        st_name, _, _, shndx, value, size = struct.unpack_from("<IBBHQQ", elf, dynsym[4] + k * 24)
        start = strtab[4] + st_name
        if elf[start : elf.index(b"\0", start)] == wanted:
            section = sections[shndx]
            return section[4] + value - section[3], size
    raise ValueError(f"{wanted.decode()} not found")


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Header and ``(name, item)`` pairs of an ICU common-data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD":
        raise ValueError("not an ICU common-data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", data, toc)
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(data) - toc
        name = data[toc + name_at : data.index(b"\0", toc + name_at)].decode("ascii")
        items.append((name, data[toc + data_at : toc + end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common-data package of ``items`` (kept in their sorted order), items 16-byte aligned."""
    names = b"".join(n.encode("ascii") + b"\0" for n, _ in items)
    toc_size = 4 + 8 * len(items)
    offset = -(-(toc_size + len(names)) // 16) * 16
    entries, body, name_at = [], bytearray(), toc_size
    for name, item in items:
        entries.append(struct.pack("<II", name_at, offset + len(body)))
        name_at += len(name) + 1
        body += item + b"\0" * (-len(item) % 16)
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + toc + b"\0" * (offset - len(toc)) + bytes(body)


def trim_library(source: Path, out: Path) -> tuple[int, int]:
    """Write a trimmed copy of ICU data library ``source`` to ``out``; return (old, new) data sizes."""
    elf = source.read_bytes()
    symbol = re.search(rb"icudt\d+_dat", elf)
    if symbol is None:
        raise ValueError(f"{source} is not an ICU data library")
    at, size = symbol_span(elf, symbol.group())
    header, items = read_package(elf[at : at + size])
    package = write_package(header, [(n, d) for n, d in items if keep(n)])
    soname = source.name
    with tempfile.TemporaryDirectory() as tmp:
        dat = Path(tmp, "icu.dat")
        dat.write_bytes(package)
        asm = Path(tmp, "icu.s")
        name = symbol.group().decode()
        asm.write_text(
            f'.section .rodata\n.globl {name}\n.type {name}, @object\n.balign 16\n{name}:\n.incbin "{dat}"\n.size {name}, . - {name}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        obj = Path(tmp, "icu.o")
        subprocess.run(["as", "-o", str(obj), str(asm)], check=True)
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["ld", "-shared", "-soname", soname, "-o", str(out), str(obj)], check=True)
    return size, len(package)


if __name__ == "__main__":
    before, after = trim_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"ICU data {before / 1e6:.1f} MB → {after / 1e6:.1f} MB")
