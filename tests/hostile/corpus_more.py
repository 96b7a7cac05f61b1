"""Structural families: huge lines and paragraphs, deep nesting, entity bombs, footnote storms, pathological Markdown, .docx."""

from __future__ import annotations

import io
import struct
import zipfile

from tests.hostile import texts
from tests.hostile.corpus import Corpus, arabic_filler, utf8

MB = 1 << 20


def huge_family(c: Corpus) -> None:
    """Single 5 MB lines, multi-megabyte paragraphs, a hundred thousand lines, the size limit."""
    if not c.quick_only:
        line = arabic_filler(5 * MB // 2, c.rng)  # two bytes a letter: about 5 MB of UTF-8
        c.add("huge/line-5mb.txt", utf8(line), "huge", "either")
        c.add("huge/line-5mb.md", utf8(line), "huge", "either")
        c.add("huge/line-5mb.html", utf8("<p>" + line + "</p>"), "huge", "either")
        c.add("huge/word-5mb.txt", utf8("ب" * (5 * MB // 2)), "huge", "either", note="one 5 MB word, no space")
        wrapped = "\n".join(line[i : i + 78] for i in range(0, 2 * MB, 78))
        c.add("huge/paragraph-2mb-wrapped.txt", utf8(texts.TITLE + "\n\n" + wrapped + "\n\nنهاية"), "huge", "either")
        c.add("huge/lines-100k.txt", utf8("\n".join(arabic_filler(30, c.rng) for _ in range(100_000))), "huge", "either")
        c.add("huge/paragraphs-100k.txt", utf8("\n\n".join(arabic_filler(40, c.rng) for _ in range(100_000))), "huge", "either")
        c.add("huge/paragraphs-100k.html", utf8("".join(f"<p>{arabic_filler(40, c.rng)}</p>" for _ in range(100_000))), "huge", "either")
        c.add("huge/headings-100k.md", utf8("\n\n".join(f"## {arabic_filler(20, c.rng)}" for _ in range(100_000))), "huge", "either")
        limit = 8 * MB
        bulk = utf8(arabic_filler(limit // 2 + 1000, c.rng))
        c.add("huge/exactly-8mib.txt", bulk[:limit].rsplit(b" ", 1)[0].ljust(limit, b" "), "huge", "either")
        c.add("huge/8mib-plus-1.txt", bulk[:limit].rsplit(b" ", 1)[0].ljust(limit + 1, b" "), "huge", "refuse-ok")
    c.add("huge/line-1mb.txt", utf8(arabic_filler(MB // 2, c.rng)), "huge", "either", quick=True)


def nesting_family(c: Corpus) -> None:
    """HTML 10,000 levels deep, unclosed tags, Markdown quotes and lists nested thousands deep."""
    word = texts.short_text(1)
    html: list[tuple[str, str, bool]] = [
        ("div-10000", "<div>" * 10_000 + word + "</div>" * 10_000, True),
        ("div-10000-unclosed", "<div>" * 10_000 + word, False),
        ("b-i-50000", "<b><i>" * 50_000 + word + "</i></b>" * 50_000, False),
        ("table-2000", "<table><tr><td>" * 2000 + word + "</td></tr></table>" * 2000, False),
        ("ol-li-10000", "<ol><li>" * 10_000 + word, False),
        ("blockquote-10000", "<blockquote>" * 10_000 + word + "</blockquote>" * 10_000, False),
        ("p-unclosed-100000", "<p>كلمة" * 100_000, False),
        ("comment-unclosed", "<p>" + word + "</p><!--" + word * 100, False),
        ("script-unclosed-2mb", "<p>" + word + "</p><script>" + "x" * (2 * MB), False),
        ("lt-100000", "<" * 100_000 + word, False),
        ("close-tags-100000", "</p></div>" * 100_000 + word, False),
        ("attribute-1mb", '<p title="' + "a" * MB + '">' + word + "</p>", False),
        ("attributes-10000", "<p " + " ".join(f"a{i}='{i}'" for i in range(10_000)) + ">" + word + "</p>", False),
        ("title-1mb", "<title>" + "ب" * (MB // 2) + "</title><p>" + word + "</p>", False),
        ("doctype-storm", "<!DOCTYPE html>" * 50_000 + word, False),
        ("cdata-pi-storm", "<![CDATA[" * 20_000 + "<?xml?>" * 20_000 + word, False),
    ]
    for name, text, quick in html:
        c.add(f"nesting/{name}.html", utf8(text), "nesting", "either", quick=quick)
    md: list[tuple[str, str, bool]] = [
        ("quotes-10000-one-line", ">" * 10_000 + " " + word, True),
        ("quotes-stair-2000", "\n".join(">" * i + " كلمة" for i in range(1, 2001)), False),
        ("list-nested-1000", "\n".join("  " * i + "- كلمة" for i in range(1000)), False),
        ("ordered-list-100000", "\n".join(f"{i}. كلمة" for i in range(1, 100_001)), False),
        ("emphasis-50000", "*" * 50_000 + word + "*" * 50_000, False),
        ("quote-list-mix-5000", "\n".join(("> " * (i % 50)) + ("- " * (i % 30)) + "كلمة" for i in range(5000)), False),
        ("html-div-10000", "<div>" * 10_000 + "\n\n" + word, False),
    ]
    for name, text, quick in md:
        c.add(f"nesting/{name}.md", utf8(text), "nesting", "either", quick=quick)


def entity_family(c: Corpus) -> None:
    """Character references by the million, and references to code points that cannot exist."""
    word = texts.short_text(1)
    cases: list[tuple[str, str, bool]] = [
        ("amp-storm-1m", "<p>" + "&amp;" * 1_000_000 + "</p>", False),
        ("amp-storm-100k", "<p>" + word + "&amp;" * 100_000 + "</p>", False),
        ("amp-chain", "<p>&" + "amp;" * 500_000 + "</p>", False),
        ("nbsp-storm-1m", "<p>" + "&nbsp;" * 1_000_000 + word + "</p>", False),
        ("numeric-invalid-mix", "<p>" + word + "&#0;&#xD800;&#xDFFF;&#x110000;&#99999999999999999999;&#x-1;&#;&#x;&#xFFFE;" * 10_000 + "</p>", True),
        ("numeric-zero-10000", "<p>" + "&#0;" * 10_000 + word + "</p>", False),
        ("numeric-surrogate-10000", "<p>" + "&#xD800;" * 10_000 + word + "</p>", False),
        ("numeric-huge-digits", "<p>&#" + "9" * 100_000 + ";" + word + "</p>", False),
        ("numeric-rlo-10000", "<p>" + "&#x202E;" * 10_000 + word + "</p>", False),
        ("numeric-controls", "<p>" + "".join(f"&#{i};" for i in range(1, 32)) * 1000 + word + "</p>", False),
        ("unknown-named-100k", "<p>" + "&qari;" * 100_000 + word + "</p>", False),
        ("no-semicolon-100k", "<p>" + "&amp" * 100_000 + word + "</p>", False),
        ("entity-in-title", "<title>" + "&#x202E;&#0;&amp;" * 1000 + "</title><p>" + word + "</p>", False),
    ]
    for name, text, quick in cases:
        c.add(f"entities/{name}.html", utf8(text), "entities", "either", quick=quick)
    c.add("entities/amp-storm-1m.md", utf8("&amp;" * 1_000_000 + "\n\n" + word), "entities", "either")
    c.add("entities/numeric-invalid-mix.md", utf8(word + "&#0;&#xD800;&#x110000;&#99999999999999999999;" * 10_000), "entities", "either")


def footnote_family(c: Corpus) -> None:
    """Notes and markers by the thousand: unmatched, repeated, circular, Markdown by the hundred thousand."""
    body = texts.short_text(2)
    unmatched = "\n".join(f"(1) ملاحظة رقم {i} بلا إشارة في النص" for i in range(5000))
    c.add("footnotes/5000-unmatched-1.txt", utf8(body + "\n" + unmatched), "footnotes", "either", quick=True)
    numbered = "\n".join(f"({i}) ملاحظة رقم {i}" for i in range(1, 5001))
    c.add("footnotes/5000-unmatched-numbered.txt", utf8(body + "\n" + numbered), "footnotes", "either")
    refs = " ".join("كلمة (1)" for _ in range(10_000))
    c.add("footnotes/10000-refs-one-page.txt", utf8(texts.TITLE + "\n\n" + refs + ".\n\n(1) الملاحظة الوحيدة."), "footnotes", "either", quick=True)
    distinct = " ".join(f"كلمة ({i})" for i in range(1, 10_001))
    notes = "\n".join(f"({i}) ملاحظة {i}" for i in range(1, 10_001))
    c.add("footnotes/10000-refs-10000-notes.txt", utf8(texts.TITLE + "\n\n" + distinct + ".\n\n" + notes), "footnotes", "either")
    md_refs = " ".join(f"كلمة[^{i}]" for i in range(1, 100_001))
    md_defs = "\n".join(f"[^{i}]: ملاحظة {i}" for i in range(1, 100_001))
    c.add("footnotes/md-100000-notes.md", utf8("# " + texts.TITLE + "\n\n" + md_refs + "\n\n" + md_defs), "footnotes", "either")
    c.add("footnotes/md-10000-notes.md", utf8("# عنوان\n\n" + md_refs[: len(md_refs) // 10] + "\n\n" + md_defs[: len(md_defs) // 10]), "footnotes", "either")
    c.add("footnotes/md-100000-undefined-refs.md", utf8(body + " " + "[^x]" * 100_000), "footnotes", "either")
    c.add("footnotes/md-100000-defs-no-refs.md", utf8(body + "\n\n" + md_defs), "footnotes", "either")
    c.add("footnotes/md-note-refers-to-itself.md", utf8(body + "[^a]\n\n[^a]: انظر[^a] و[^b]\n[^b]: انظر[^a]\n"), "footnotes", "either")
    stars = "\n".join("*" * (1 + i % 1000) + " ملاحظة" for i in range(10_000))
    c.add("footnotes/star-notes-10000.txt", utf8(body + "\n" + stars), "footnotes", "either")
    c.add("footnotes/superscripts-100000.txt", utf8(texts.TITLE + "\n\n" + "كلمة¹²³ " * 100_000 + "\n\n¹ ملاحظة"), "footnotes", "either")
    c.add("footnotes/dash-notes-10000.txt", utf8(body + "\n" + "\n".join(f"{i}- ملاحظة" for i in range(10_000))), "footnotes", "either")
    c.add("footnotes/brackets-100000.txt", utf8(texts.TITLE + "\n\n" + "كلمة [1]" * 100_000 + "\n\n[1] ملاحظة"), "footnotes", "either")
    c.add("footnotes/notes-only.txt", utf8("\n".join(f"({i}) ملاحظة" for i in range(1, 200))), "footnotes", "either")
    html_notes = "".join(f"<p>({i}) ملاحظة</p>" for i in range(1, 5001))
    c.add("footnotes/html-5000-notes.html", utf8("<p>" + distinct[:20_000] + "</p>" + html_notes), "footnotes", "either")


def markdown_family(c: Corpus) -> None:
    """Markdown that makes naive parsers backtrack: unclosed brackets, backticks, emphasis runs."""
    word = texts.short_text(1)
    cases: list[tuple[str, str, bool]] = [
        ("brackets-50000-unclosed", "[" * 50_000 + word, True),
        ("brackets-50000-lines", "[\n" * 50_000 + word, False),
        ("link-openers-50000", "[a](" * 50_000 + word, False),
        ("image-openers-50000", "![" * 50_000 + word, False),
        ("footnote-openers-50000", "[^" * 50_000 + word, False),
        ("backticks-50000", "`" * 50_000 + word, False),
        ("backtick-runs-alternating", "`a``b```" * 20_000 + word, False),
        ("fence-unclosed-2mb", "```\n" + "كلمة " * 400_000, False),
        ("lt-50000", "<" * 50_000 + word, False),
        ("autolinks-20000", "<http://" * 20_000 + word, False),
        ("emphasis-alternating-100000", "*_" * 100_000 + word, False),
        ("link-ref-defs-50000", "\n".join(f"[r{i}]: http://example.invalid/{i}" for i in range(50_000)) + "\n\n" + word, False),
        ("hashes-10000", "#" * 10_000 + " " + word, False),
        ("setext-100000", ("كلمة\n===\n" * 50_000) + word, False),
        ("table-10000-columns", "|" + "كلمة|" * 10_000 + "\n|" + "---|" * 10_000 + "\n|" + "ب|" * 10_000, False),
        ("backslashes-100000", "\\" * 100_000 + word, False),
        ("brackets-and-parens-nested", "[(" * 30_000 + word + ")]" * 30_000, False),
    ]
    for name, text, quick in cases:
        c.add(f"markdown/{name}.md", utf8(text), "markdown", "either", quick=quick)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def document_xml(paragraphs: list[str], prolog: str = "") -> str:
    """A WordprocessingML body of right-to-left paragraphs."""
    ps = "".join(f'<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + prolog + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{ps}</w:body></w:document>"
    )


def _member(name: str) -> zipfile.ZipInfo:
    """A zip member with a fixed date, so the corpus is the same bytes every time."""
    info = zipfile.ZipInfo(name, date_time=(2024, 6, 13, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def docx(document: str | bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx (zip) around ``document``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(_member("[Content_Types].xml"), _CONTENT_TYPES)
        z.writestr(_member("_rels/.rels"), _RELS)
        z.writestr(_member("word/document.xml"), document)
        for name, data in (extra or {}).items():
            z.writestr(_member(name), data)
    return buf.getvalue()


def _declare_size(data: bytes, member: bytes, size: int) -> bytes:
    """``data`` with ``member``'s uncompressed size claimed to be ``size`` in both zip headers."""
    out = bytearray(data)
    at = out.find(b"PK\x03\x04")
    while at != -1:
        (name_len,) = struct.unpack_from("<H", out, at + 26)
        if out[at + 30 : at + 30 + name_len] == member:
            struct.pack_into("<I", out, at + 22, size)
        at = out.find(b"PK\x03\x04", at + 4)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        (name_len,) = struct.unpack_from("<H", out, at + 28)
        if out[at + 46 : at + 46 + name_len] == member:
            struct.pack_into("<I", out, at + 24, size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def docx_family(c: Corpus) -> None:
    """Word files: valid minimal ones (for when .docx is read), corrupt zips, bombs."""
    when = "valid once .docx is supported; until then a one-line refusal is right"
    full = document_xml([texts.TITLE, *texts.PARAGRAPHS])
    c.add("docx/valid-article.docx", docx(full), "docx", "either", quick=True, expected_text=texts.plain_text(), note=when)
    c.add("docx/valid-short.docx", docx(document_xml([texts.TITLE, texts.PARAGRAPHS[0]])), "docx", "either", expected_text=texts.short_text(1), note=when)
    good = docx(full)
    c.add("docx/truncated-zip.docx", good[: len(good) // 2], "docx", "refuse-ok")
    c.add("docx/no-central-directory.docx", good[: good.rfind(b"PK\x01\x02")], "docx", "refuse-ok")
    c.add("docx/plain-text-inside.docx", utf8(texts.plain_text()), "docx", "either", expected_text=texts.plain_text())
    c.add("docx/empty.docx", b"", "docx", "refuse-ok")
    c.add("docx/random.docx", c.randbytes(5000), "docx", "refuse-ok")
    c.add("docx/declared-4gib.docx", _declare_size(good, b"word/document.xml", 0xFFFFFFF0), "docx", "refuse-ok", quick=True)
    laughs = '<!DOCTYPE w [<!ENTITY a "هههههههههه">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>\n"
    c.add("docx/billion-laughs.docx", docx(document_xml(["&j;"], laughs)), "docx", "refuse-ok")
    c.add("docx/deep-xml-10000.docx", docx(document_xml(["x"]).replace("<w:body>", "<w:body>" + "<w:sdt>" * 10_000)), "docx", "refuse-ok")
    c.add("docx/path-traversal-names.docx", docx(full, {"../../evil.txt": b"x", "/abs/evil.txt": b"x"}), "docx", "either", expected_text=texts.plain_text())
    c.add("docx/10000-entries.docx", docx(full, {f"word/media/e{i}.bin": b"" for i in range(10_000)}), "docx", "either", expected_text=texts.plain_text())
    c.add("docx/zip-named.txt", good, "docx", "refuse-ok", note="a zip saved as .txt")
    if c.wanted(False):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(_member("[Content_Types].xml"), _CONTENT_TYPES)
            z.writestr(_member("_rels/.rels"), _RELS)
            with z.open(_member("word/document.xml"), "w", force_zip64=True) as fh:
                fh.write(document_xml(["x"]).split("x</w:t>")[0].encode())
                chunk = b" " * (16 * MB)
                for _ in range(64):  # 1 GiB of spaces in one w:t: about 1 MB deflated
                    fh.write(chunk)
                fh.write(b"x</w:t></w:r></w:p></w:body></w:document>")
        c.add("docx/bomb-1gib.docx", buf.getvalue(), "docx", "refuse-ok")
