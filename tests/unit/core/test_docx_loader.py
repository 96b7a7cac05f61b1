"""Word (.docx) files: structure, notes, titles, and clear one-line refusals of hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reader.core import arabic, docx_loader, docx_parts, loaders
from reader.core.document import LINE_BREAK, BlockKind, Direction, Document, InlineStyle
from reader.core.errors import LoadError
from tests.data.docx.make_docx import (
    PACKAGE_RELS,
    SAMPLE_NUMBERING,
    SAMPLE_STYLES,
    build,
    core,
    declare_size,
    document,
    note_ref,
    notes,
    p,
    part,
    r,
    rels,
    table,
    zip_parts,
)

AR = "\u0627\u0644\u0642\u0627\u0647\u0631\u0629"  # the city of Cairo, in Arabic letters
AR2 = "\u0645\u0642\u0627\u0644 \u0639\u0646 \u0627\u0644\u0646\u064a\u0644"  # "an article about the Nile"


def parse(body: str, **extra: str | bytes) -> Document:
    """A .docx of ``body`` with the shared styles and numbering; ``extra`` parts by name (``word_footnotes_xml``)."""
    parts: dict[str, str | bytes] = {"word/styles.xml": SAMPLE_STYLES, "word/numbering.xml": SAMPLE_NUMBERING}
    parts.update({k.replace("_xml", ".xml").replace("_", "/", 1): v for k, v in extra.items()})
    return docx_loader.parse(build(body, parts), "a.docx")


def refused(data: bytes, name: str = "a.docx") -> str:
    """The one-line message ``data`` is refused with."""
    with pytest.raises(LoadError) as info:
        docx_loader.parse(data, name)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    assert message.startswith(f"{name}: not a readable Word document (") or "encrypted or old-format Word file" in message
    return message


def test_paragraph_text_tabs_breaks_and_symbols() -> None:
    body = p("intro") + (
        '<w:p><w:r><w:t xml:space="preserve">one</w:t><w:tab/><w:t>two</w:t><w:br/><w:t>three</w:t>'
        '<w:noBreakHyphen/><w:t>four</w:t><w:sym w:font="Wingdings" w:char="F04A"/><w:t>.</w:t></w:r></w:p>'
    )
    doc = parse(body)
    assert [b.text for b in doc.blocks] == ["intro", f"one two{LINE_BREAK}three-four."]
    assert doc.fmt == "docx"
    assert all(b.kind is BlockKind.PARAGRAPH for b in doc.blocks)
    pages = p("x") + '<w:p><w:r><w:t>end</w:t><w:br w:type="page"/><w:t>start</w:t><w:br w:type="column"/><w:t>more</w:t></w:r></w:p>'
    assert parse(pages).blocks[1].text == f"end{LINE_BREAK}start{LINE_BREAK}more"  # never glued


def test_deleted_hidden_and_field_codes_are_not_text_but_insertions_are() -> None:
    body = p("x") + (
        "<w:p><w:r><w:t>kept </w:t></w:r><w:del><w:r><w:delText>deleted </w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>inserted </w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden </w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>result</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:hyperlink r:id="rId9"><w:r><w:t> link</w:t></w:r></w:hyperlink></w:p>'
    )
    assert parse(body).blocks[1].text == "kept inserted result link"


def test_text_box_is_read_once_and_after_its_paragraph() -> None:
    box = "<w:txbxContent>" + p("boxed") + "</w:txbxContent>"
    alternate = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f'<mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r>"
    )
    doc = parse(p("before", alternate, "after") + p("next"))
    assert [b.text for b in doc.blocks] == ["beforeafter", "boxed", "next"]


def test_headings_by_style_name_outline_level_and_inheritance() -> None:
    body = (
        p("lead paragraph")
        + p("h1", style="Heading1")
        + p("h2 localized", style="berschrift2")
        + p("h3 by outline", style="Outline3")
        + p("h2 inherited", style="MyHeading")
        + p("h1 by paragraph outline", outline=0)
        + p("h9", style="Heading9")
        + p("quoted", style="Quote")
        + p("looping styles stay a paragraph", style="Loop1")
        + p("unknown style", style="NoSuchStyle")
    )
    doc = parse(body)
    got = [(b.kind, b.level) for b in doc.blocks[1:]]
    h, q, para = BlockKind.HEADING, BlockKind.QUOTE, BlockKind.PARAGRAPH
    assert got == [(h, 1), (h, 2), (h, 3), (h, 2), (h, 1), (h, 6), (q, 0), (para, 0), (para, 0)]


def test_lists_markers_levels_and_running_numbers() -> None:
    body = (
        p("intro")
        + p("dot", num=(1, 0))
        + p("nested dot", num=(1, 1))
        + p("first", num=(2, 0))
        + p("first a", num=(2, 1))
        + p("first b", num=(2, 1))
        + p("second", num=(2, 0))
        + p("second a", num=(2, 1))
        + p(AR, num=(3, 0))
        + p(AR, num=(3, 0))
        + p(AR2, num=(4, 0))
        + p("restarted at seven", num=(5, 0))
        + p("bullet by style", style="ListBullet")
        + p("numbering switched off", num=(0, 0))
    )
    blocks = parse(body).blocks[1:]
    digits = arabic.DIGITS
    assert [(b.marker, b.level) for b in blocks[:-1]] == [
        ("\u2022", 1),
        ("\u2022", 2),
        ("1.", 1),
        ("1.a)", 2),
        ("1.b)", 2),
        ("2.", 1),
        ("2.a)", 2),
        (f"{digits[1]}-", 1),
        (f"{digits[2]}-", 1),
        (f"{digits[3]})", 1),
        ("7.", 1),
        ("\u2022", 1),
    ]
    assert all(b.kind is BlockKind.LIST_ITEM for b in blocks[:-1])
    assert all(b.marker not in b.text for b in blocks[:-1])
    assert (blocks[-1].kind, blocks[-1].marker) == (BlockKind.PARAGRAPH, "")


def test_bold_and_italic_runs_including_complex_script_ones() -> None:
    body = p("x") + p(r("plain "), r("bold", "b"), r(" still", "bCs"), r(" italic", "iCs"), r(" both", "b", "i"), r(" off"))
    strong = '<w:rStyle w:val="Strong"/>'
    body += p(
        f"<w:r><w:rPr>{strong}</w:rPr><w:t>styled</w:t></w:r>", f'<w:r><w:rPr>{strong}<w:b w:val="0"/><w:bCs w:val="0"/></w:rPr><w:t> unbolded</w:t></w:r>'
    )
    doc = parse(body)
    block = doc.blocks[1]
    spans = {(block.text[s.start : s.end], s.kind) for s in block.styles}
    assert spans == {("bold still", "strong"), (" both", "strong"), (" italic both", "em")}
    assert {(doc.blocks[2].text[s.start : s.end], s.kind) for s in doc.blocks[2].styles} == {("styled", "strong")}


def test_direction_from_bidi_or_from_the_text() -> None:
    body = p(AR) + p("English first", bidi=True) + p("English") + p("style says so", style="ArabicBody") + p(AR)
    doc = parse(body)
    assert [b.direction for b in doc.blocks] == [Direction.RTL, Direction.RTL, Direction.LTR, Direction.RTL, Direction.RTL]
    off = parse(p(AR) + '<w:p><w:pPr><w:bidi w:val="0"/></w:pPr><w:r><w:t>Latin</w:t></w:r></w:p>')
    assert off.blocks[1].direction is Direction.LTR


def test_table_rows_are_blocks_with_cells_never_glued() -> None:
    cell_with_two_paragraphs = p("two") + p("paragraphs")
    body = p("intro") + table(["a", "b", "c"], ["d", cell_with_two_paragraphs, ""]) + table([AR, "x"], bidi=True) + p("after")
    doc = parse(body)
    assert [b.text for b in doc.blocks] == ["intro", "a | b | c", "d | two paragraphs", f"{AR} | x", "after"]
    assert doc.blocks[3].direction is Direction.RTL
    nested = table(["outer", table(["in1", "in2"])])
    assert parse(p("intro") + nested).blocks[1].text == "outer | in1 | in2"


def test_footnotes_and_endnotes_with_running_markers() -> None:
    body = p("intro") + p(AR, note_ref(2), " and ", note_ref(5)) + p("end", note_ref(1, "endnote")) + table(["cell", "<w:p>" + note_ref(7) + "</w:p>"])
    doc = parse(
        body,
        word_footnotes_xml=notes("footnote", {2: "first note", 5: "second note", 7: "in a table", 9: "never referenced"}),
        word_endnotes_xml=notes("endnote", {1: "an endnote"}),
    )
    assert [(n.note_id, n.marker, n.text, n.ref_block) for n in doc.footnotes] == [
        ("fn2", "1", "first note", 1),
        ("fn5", "2", "second note", 1),
        ("fn7", "3", "in a table", 3),
        ("en1", "i", "an endnote", 2),
    ]
    block = doc.blocks[1]
    assert block.text == f"{AR}1 and 2"
    assert [(block.text[ref.start : ref.end], ref.note_id) for ref in block.refs] == [("1", "fn2"), ("2", "fn5")]
    assert "SEPARATOR" not in " ".join(n.text for n in doc.footnotes)
    assert doc.footnote("fn5") is doc.footnotes[1]


def test_author_note_on_the_title_belongs_to_the_title() -> None:
    body = p("The title", note_ref(1, custom="*"), style="Titel") + p(AR, note_ref(2))
    author = '<w:footnote w:id="1"><w:p><w:r><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> about the author</w:t></w:r></w:p></w:footnote>'
    footnotes = notes("footnote", {2: "a note"}).replace("</w:footnotes>", author + "</w:footnotes>")
    doc = parse(body, word_footnotes_xml=footnotes)
    assert doc.title == "The title" and not doc.title_is_derived
    assert [(n.marker, n.text, n.ref_block) for n in doc.footnotes] == [("*", "about the author", None), ("1", "a note", 0)]
    assert doc.blocks[0].text == f"{AR}1"


def test_title_from_core_properties_and_not_repeated() -> None:
    extra = {"docProps/core.xml": core("The Nile", "Author Name", "2024-05-01T10:00:00Z")}
    doc = docx_loader.parse(build(p("The Nile", style="Titel") + p(AR), {"word/styles.xml": SAMPLE_STYLES} | extra), "a.docx")
    assert doc.title == "The Nile" and not doc.title_is_derived
    assert [b.text for b in doc.blocks] == [AR]
    assert doc.meta == {"title": "The Nile", "creator": "Author Name", "created": "2024-05-01T10:00:00Z"}
    other = docx_loader.parse(build(p("A heading", style="Heading1") + p(AR), {"word/styles.xml": SAMPLE_STYLES} | extra), "a.docx")
    assert other.title == "The Nile" and [b.text for b in other.blocks] == ["A heading", AR]


def test_title_from_a_title_paragraph_or_a_first_heading_or_derived() -> None:
    assert (parse(p(AR) + p("Styled title", style="Titel") + p("x")).title) == "Styled title"
    first_heading = parse(p("Heading title", style="Heading1") + p(AR))
    assert (first_heading.title, [b.text for b in first_heading.blocks]) == ("Heading title", [AR])
    later_heading = parse(p(AR2) + p("Section", style="Heading1"))
    assert later_heading.title_is_derived and later_heading.title == AR2
    assert [b.text for b in later_heading.blocks] == [AR2, "Section"]


def test_loaders_dispatch_docx_before_decoding(tmp_path: Path) -> None:
    data = build(p("Title", style="Titel") + p(AR), {"word/styles.xml": SAMPLE_STYLES})
    for name in ("article.docx", "article.DOCX", "saved-as.txt", "no-suffix"):
        path = tmp_path / name
        path.write_bytes(data)
        doc = loaders.load(path)
        assert (doc.title, doc.blocks[0].text, doc.fmt, doc.source) == ("Title", AR, "docx", path)


def test_old_word_files_and_html_saved_as_doc(tmp_path: Path) -> None:
    ole = docx_parts.OLE_MAGIC + bytes(4096)
    for name in ("old.doc", "locked.docx"):
        path = tmp_path / name
        path.write_bytes(ole)
        with pytest.raises(LoadError, match="encrypted or old-format Word file"):
            loaders.load(path)
    html = tmp_path / "web.doc"
    html.write_text(f"<html><body><p>{AR}</p></body></html>", encoding="utf-8")
    assert loaders.load(html).blocks[0].text == AR


def test_empty_document_is_refused_by_the_loader(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(build(p("") + p("   ")))
    with pytest.raises(LoadError, match="no readable text"):
        loaders.load(path)


def test_strict_ooxml_namespace_is_read() -> None:
    strict = document(p("x") + p(AR)).replace(docx_parts.W[1:-1], "http://purl.oclc.org/ooxml/wordprocessingml/main")
    assert [b.text for b in docx_loader.parse(build("", doc_xml=strict), "a.docx").blocks] == ["x", AR]


#: Hostile files below.  A valid file to damage:
GOOD = build(p("Title", style="Titel") + p(AR), {"word/styles.xml": SAMPLE_STYLES})


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (AR.encode() * 50, "not a zip archive"),
        (GOOD[: len(GOOD) // 2], "not a zip archive"),
        (GOOD[: GOOD.rfind(b"PK\x01\x02")], "zip"),
    ],
)
def test_not_a_zip_is_one_clear_line(data: bytes, reason: str) -> None:
    message = refused(data)
    assert message.startswith("a.docx: not a readable Word document (") and reason in message


def test_corrupt_compressed_data_is_one_clear_line() -> None:
    body = document(p("x" * 5000))
    data = bytearray(build("", doc_xml=body))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 5 : start + 40] = bytes(35)  # damage the deflate stream
    assert "not a readable Word document" in refused(bytes(data))


def test_zip_without_a_word_document() -> None:
    data = zip_parts({"[Content_Types].xml": "<Types/>", "_rels/.rels": PACKAGE_RELS, "word/other.xml": document(p("x"))})
    assert refused(data) == "a.docx: not a readable Word document (no word/document.xml inside)"


@pytest.mark.timeout(30)
def test_zip_bomb_declaring_2_gib_is_refused_from_its_header() -> None:
    message = refused(declare_size(GOOD, b"word/document.xml", 2 * 1024**3))
    assert "word/document.xml claims 2,147,483,648 bytes" in message


@pytest.mark.timeout(30)
def test_a_lying_size_header_never_reads_past_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_parts, "MAX_PART", 4000)
    big = build("", doc_xml=document(p("x" * 10_000)))
    assert "claims" in refused(big)
    lying = declare_size(big, b"word/document.xml", 3000)  # says small, inflates to far more
    assert "not a readable Word document" in refused(lying)


@pytest.mark.timeout(60)
def test_billion_laughs_is_refused_quickly() -> None:
    laughs = '<!DOCTYPE w:document [<!ENTITY a "ha">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
    message = refused(build("", doc_xml=document(p("&j;"), laughs)))
    assert "declares a DTD" in message and len(message) < 200


@pytest.mark.parametrize("part_name", ["word/document.xml", "word/styles.xml", "word/footnotes.xml", "docProps/core.xml"])
def test_external_entities_are_never_read(tmp_path: Path, part_name: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    dtd = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY pw SYSTEM "file:///etc/passwd">]>'
    hostile = {
        "word/document.xml": document(p("&xxe;&pw;") + p("x"), dtd),
        "word/styles.xml": dtd + part("styles", "<w:style>&xxe;</w:style>"),
        "word/footnotes.xml": dtd + part("footnotes", "<w:footnote>&xxe;</w:footnote>"),
        "docProps/core.xml": dtd + "<cp:coreProperties xmlns:cp='c'><title>&xxe;&pw;</title></cp:coreProperties>",
    }[part_name]
    data = build(p("a") + p(AR), {part_name: hostile, "word/styles.xml": SAMPLE_STYLES} if part_name != "word/styles.xml" else {part_name: hostile})
    if part_name == "word/document.xml":
        data = build("", doc_xml=hostile)
    message = refused(data)
    assert "TOP-SECRET" not in message and "root:" not in message and part_name in message


def test_undeclared_entity_is_an_xml_error_not_a_lookup() -> None:
    assert "not well-formed XML" in refused(build(p("<w:r><w:t>&xxe;</w:t></w:r>")))


@pytest.mark.timeout(60)
def test_deeply_nested_xml_is_refused() -> None:
    deep = document(p("x")).replace("<w:body>", "<w:body>" + "<w:sdt><w:sdtContent>" * 10_000)
    assert f"nested more than {docx_parts.MAX_DEPTH} levels deep" in refused(build("", doc_xml=deep))


def test_nesting_just_under_the_bound_is_read() -> None:
    wrappers = (docx_parts.MAX_DEPTH - 10) // 2
    deep = "<w:sdt><w:sdtContent>" * wrappers + p(AR) + "</w:sdtContent></w:sdt>" * wrappers
    assert [b.text for b in parse(p("x") + deep).blocks] == ["x", AR]


def test_inline_and_table_nesting_under_the_bound_is_read() -> None:
    links = (docx_parts.MAX_DEPTH - 10) // 2
    linked = p("<w:hyperlink><w:smartTag>" * links + r(AR) + "</w:smartTag></w:hyperlink>" * links)
    tables = (docx_parts.MAX_DEPTH - 10) // 4
    nested = "<w:tbl><w:tr><w:tc>" * tables + p("deep") + "</w:tc></w:tr></w:tbl>" * tables
    assert [b.text for b in parse(p("x") + linked + nested).blocks] == ["x", AR, "deep"]


@pytest.mark.timeout(60)
def test_many_runs_in_one_paragraph_stay_linear() -> None:
    runs = "".join(r("a", "i") + r("b") for _ in range(20_000)) + "".join(r("c", "b") for _ in range(20_000))
    block = parse(p("x") + p(runs)).blocks[1]
    assert len(block.styles) == 20_001 and block.styles[-1] == InlineStyle(40_000, 60_000, "strong")


@pytest.mark.timeout(60)
def test_element_flood_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_parts, "MAX_ELEMENTS", 10_000)
    assert "more than 10,000 elements" in refused(build(p("x") + "<w:p/>" * 20_000))


@pytest.mark.parametrize("head", [docx_parts.OLE_MAGIC, docx_parts.OLE_MAGIC + bytes(600)])
def test_encrypted_or_binary_word_file(head: bytes) -> None:
    for name in ("a.docx", "a.doc"):
        assert "encrypted or old-format Word file" in refused(head, name)


def test_external_and_escaping_relationships_are_ignored(tmp_path: Path) -> None:
    outside = tmp_path / "footnotes.xml"
    outside.write_text(notes("footnote", {1: "FROM OUTSIDE"}), encoding="utf-8")
    doc_rels = rels(
        ("footnotes", f"file://{outside}", "External"), ("styles", "../../../styles.xml", ""), ("endnotes", "http://example.invalid/e.xml", "External")
    )
    data = build(p("x") + p(AR, note_ref(1)), {"../../../styles.xml": SAMPLE_STYLES, "word/footnotes.xml": notes("footnote", {1: "inside"})}, doc_rels=doc_rels)
    doc = docx_loader.parse(data, "a.docx")
    assert [n.text for n in doc.footnotes] == ["inside"]  # the default part, never the external one
    assert "FROM OUTSIDE" not in doc.text


def test_encrypted_zip_entry_is_one_clear_line() -> None:
    data = bytearray(GOOD)
    for magic, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(magic)
        while at != -1:
            data[flag_at + at] |= 1  # "encrypted"
            at = data.find(magic, at + 4)
    assert "not a readable Word document" in refused(bytes(data))


@pytest.mark.timeout(120)
def test_a_megabyte_of_text_loads() -> None:
    paragraph = (AR2 + " ") * 20
    body = "".join(p(r(paragraph), r("bold", "b"), bidi=True) for _ in range(1_000_000 // len(paragraph)))
    assert len((doc := parse(body)).text) > 1_000_000 and len(doc.blocks) == 1_000_000 // len(paragraph)
