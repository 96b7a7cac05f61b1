"""File-system families: special files, odd names, unreadable files, files that vanish or change; and hostile find patterns."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from tests.hostile import texts
from tests.hostile.corpus import Corpus, utf8

#: Devices are referenced by path, never copied: reading them never ends (/dev/zero, /dev/urandom) or gives nothing.
DEVICES = ("/dev/zero", "/dev/urandom", "/dev/null")


def special_family(c: Corpus) -> None:
    """A FIFO, symlink loops, dangling links, folders with article names, a socket, devices."""
    root = c.root / "special"
    root.mkdir(parents=True, exist_ok=True)

    def make(name: str, quick: bool, build: object, note: str = "") -> None:
        if not c.wanted(quick):
            return
        path = root / name
        if callable(build):
            build(path)
        c.entry(f"special/{name}", "special", "refuse-ok", quick=quick, note=note)

    make("fifo.txt", True, os.mkfifo, "a named pipe nobody writes to: opening it blocks")
    make("loop.txt", True, lambda p: os.symlink(p.name, p), "symlink to itself")
    def loop(path: Path) -> None:
        os.symlink("loop-b.md", path)
        os.symlink("loop-a.md", path.with_name("loop-b.md"))

    def folder_link(path: Path) -> None:
        path.with_name("real-folder").mkdir()
        os.symlink("real-folder", path)

    make("loop-a.md", False, loop)
    make("dangling.txt", False, lambda p: os.symlink("does-not-exist.txt", p))
    make("folder.txt", True, lambda p: p.mkdir(), "a folder named like an article")
    make("folder.html", False, lambda p: (p.mkdir(), (p / "index.html").write_bytes(utf8(texts.html_text()))))
    make("link-to-folder.md", False, folder_link)
    make("link-to-dev-zero.txt", False, lambda p: os.symlink("/dev/zero", p), "symlink into /dev")
    make("link-to-dev-urandom.html", False, lambda p: os.symlink("/dev/urandom", p))

    def bind(path: Path) -> None:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(path))

    make("socket.txt", False, bind, "a Unix socket file")
    make("not-there.txt", False, None, "missing")
    make("valid-file-as-folder.txt/child.txt", False, lambda p: p.parent.write_bytes(utf8(texts.short_text(1))), "a path through a file")
    for device in DEVICES:
        c.entry(device, "device", "refuse-ok", quick=device == "/dev/zero", note="referenced, never copied")


def odd_name_family(c: Corpus) -> None:
    """Good articles under names that trip up argv, terminals, error messages and path handling."""
    data = utf8(texts.short_text(2))
    names: list[tuple[str, bool, str]] = [
        (os.fsdecode(b"names/bad-\xff\xfe-utf8.txt"), True, "valid"),
        ("names/new\nline.txt", True, "valid"),
        ("-leading-dash.txt", True, "either"),
        ("--json.txt", False, "either"),
        ("names/" + "ب" * 125 + ".txt", False, "valid"),
        ("names/" + "x" * 251 + ".txt", False, "valid"),
        ("names/مقال عربي.txt", False, "valid"),
        ("names/ spaces around .txt", False, "valid"),
        ("names/\u202eevil-txt.html", False, "valid"),
        ("names/tab\tname.md", False, "valid"),
        ("names/glob*?[].txt", False, "valid"),
        ("names/percent%s%n{}.txt", False, "valid"),
        ("names/UPPER.TXT", False, "valid"),
        ("names/no-extension", False, "valid"),
        ("names/double.html.txt", False, "valid"),
        ("names/.hidden.txt", False, "valid"),
        ("names/ansi\x1b[31mred.txt", False, "valid"),
    ]
    for name, quick, expect in names:
        c.add(name, data, "name", expect, quick=quick, expected_text=texts.short_text(2))
    deep = "names/" + "/".join(["d" * 200] * 19) + "/deep.txt"  # about 3,900 bytes of path
    c.add(deep, data, "name", "valid", expected_text=texts.short_text(2), note="path near PATH_MAX")
    if c.wanted(False):
        too_deep = Path("names/" + "/".join(["e" * 200] * 21))
        try:
            (c.root / too_deep).mkdir(parents=True, exist_ok=True)
            (c.root / too_deep / "over.txt").write_bytes(data)
            c.entry(str(too_deep / "over.txt"), "name", "either", note="path over PATH_MAX")
        except OSError:
            pass


def unreadable_family(c: Corpus) -> None:
    """chmod 000 files and folders; root reads them anyway, so there the outcome is 'valid' in practice."""
    data = utf8(texts.short_text(2))
    c.add("unreadable/mode-000.txt", data, "unreadable", "either", quick=True, expected_text=texts.short_text(2), note="root ignores modes")
    c.add("unreadable/dir-000/inside.txt", data, "unreadable", "either", expected_text=texts.short_text(2), note="root ignores modes")
    if (c.root / "unreadable").exists():
        os.chmod(c.root / "unreadable/mode-000.txt", 0)
        if (c.root / "unreadable/dir-000").exists():
            os.chmod(c.root / "unreadable/dir-000", 0)


def dynamic_family(c: Corpus) -> None:
    """Files the runner deletes, replaces, truncates or grows while Qari reads them (each job gets its own copy)."""
    data = utf8(texts.plain_text())
    actions: list[tuple[str, int, bool]] = [
        ("delete", 0, False),
        ("delete", 300, False),
        ("delete", 800, True),
        ("replace-binary", 300, False),
        ("replace-binary", 800, False),
        ("truncate", 300, False),
        ("truncate", 800, False),
        ("grow", 100, False),
        ("replace-fifo", 300, False),
    ]
    for action, delay, quick in actions:
        c.add(f"dynamic/{action}-{delay}ms.txt", data, "dynamic", "either", quick=quick, action=action, delay_ms=delay, expected_text=texts.plain_text())


def patterns() -> list[dict[str, object]]:
    """Hostile ``find`` patterns, each run on a valid article (NUL and lone surrogates cannot be put in argv: left out)."""
    diacritics = "".join(chr(cp) for cp in range(0x064B, 0x0653))
    items: list[tuple[str, str, bool]] = [
        ("", "empty", True),
        (" ", "space", False),
        ("\t\n ", "whitespace", True),
        (diacritics, "only diacritics", True),
        ("\u0651", "one shadda", False),
        ("ـــ", "only tatweel", True),
        ("\u200f\u202e", "only bidi marks", False),
        (".*", "regex any", True),
        ("(", "open paren", True),
        ("[", "open bracket", False),
        ("\\", "backslash", True),
        ("^$", "anchors", False),
        ("a{1000000}", "regex repeat", False),
        ("(a+)+$", "catastrophic regex", False),
        ("*?+|", "quantifiers", False),
        ("\\d\\w\\s", "classes", False),
        ("-h", "looks like an option", True),
        ("--json", "looks like a long option", False),
        ("--", "end of options", False),
        ("ال", "the article prefix", False),
        ("ء", "lone hamza", False),
        ("ا" + "\u064e" * 1000, "letter with 1000 marks", False),
        ("مكتبة" * 10_000, "100 KB pattern (argv takes at most 128 KiB per argument)", True),
        ("(" * 100_000, "100 KB of parens", False),
        ("المكتبة\nالقديمة", "newline inside", False),
        ("👨\u200d👩\u200d👧", "emoji sequence", False),
        ("\uffff\ufffe", "noncharacters", False),
        ("\x1b[31m", "terminal escape", False),
        (texts.plain_text(), "the whole article", False),
        ("%s%n{}", "format strings", False),
    ]
    return [{"id": f"pattern/{i:02d}", "pattern": p, "note": note, "quick": quick} for i, (p, note, quick) in enumerate(items)]
