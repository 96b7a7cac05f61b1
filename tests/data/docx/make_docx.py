"""Build small .docx files from Python at test time (zipfile, no Word, no python-docx).

Every Word file the tests read is made here from a few lines of XML, so no binary
is committed that could not be made again.  ``build`` wraps a body in the parts
Word writes; ``p``, ``r`` and friends spell out the XML the tests care about.
"""

from __future__ import annotations

import io
import struct
import zipfile
from xml.sax.saxutils import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def rels(*targets: tuple[str, str, str]) -> str:
    """A relationships part: ``(type, target, mode)`` triples, mode ``""`` or ``"External"``."""
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/{kind}" Target={quoteattr(target)}' + (f' TargetMode="{mode}"' if mode else "") + "/>"
        for i, (kind, target, mode) in enumerate(targets, 1)
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG_RELS}">{items}</Relationships>'


PACKAGE_RELS = rels(("officeDocument", "word/document.xml", ""), ("metadata/core-properties", "docProps/core.xml", ""))


def document(body: str, prolog: str = "") -> str:
    """``word/document.xml`` around ``body`` (paragraphs and tables as XML)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )


def part(root: str, inner: str) -> str:
    """Any Word part (``w:styles``, ``w:numbering``, ``w:footnotes``…) around ``inner``."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="{W_NS}">{inner}</w:{root}>'


def core(title: str = "", creator: str = "", created: str = "") -> str:
    """``docProps/core.xml`` with the given properties."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{escape(created)}</dcterms:created>'
        "</cp:coreProperties>"
    )


def r(text: str, *props: str) -> str:
    """A run; ``props`` are run properties by name (``"b"``, ``"bCs"``, ``"i"``, ``"iCs"``, ``"vanish"``)."""
    rpr = "".join(f"<w:{name}/>" for name in props)
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str, style: str = "", bidi: bool = False, num: tuple[int, int] | None = None, outline: int | None = None) -> str:
    """A paragraph: strings are plain runs unless they already are XML (start with ``<``)."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    if bidi:
        ppr += "<w:bidi/>"
    runs = "".join(c if c.startswith("<") else r(c) for c in content)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>"


def table(*rows: list[str], bidi: bool = False) -> str:
    """A table; each row a list of cell texts (or cell XML starting with ``<``)."""
    tblpr = "<w:tblPr><w:bidiVisual/></w:tblPr>" if bidi else "<w:tblPr/>"
    body = "".join("<w:tr>" + "".join(f"<w:tc>{c if c.startswith('<') else p(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{tblpr}{body}</w:tbl>"


def note_ref(note_id: int, kind: str = "footnote", custom: str = "") -> str:
    """A footnote (or endnote) reference run; with ``custom``, the author's own mark follows it."""
    if custom:
        return f'<w:r><w:{kind}Reference w:customMarkFollows="1" w:id="{note_id}"/><w:t>{escape(custom)}</w:t></w:r>'
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def notes(kind: str, bodies: dict[int, str]) -> str:
    """``word/footnotes.xml`` or ``endnotes.xml``: Word's two separator notes, then ``bodies``."""
    inner = f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    inner += f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:t>SEPARATOR</w:t></w:r></w:p></w:{kind}>'
    for note_id, text in bodies.items():
        inner += f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r>{r(" " + text)}</w:p></w:{kind}>'
    return part(kind + "s", inner)


def zip_parts(parts: dict[str, str | bytes]) -> bytes:
    """A zip holding ``parts`` (name → content), deflated, with a fixed date so the bytes repeat."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def build(body: str, extra: dict[str, str | bytes] | None = None, *, doc_xml: str | None = None, doc_rels: str | None = None) -> bytes:
    """A .docx with ``body`` as its document (or ``doc_xml`` whole), plus ``extra`` parts by name.

    ``word/_rels/document.xml.rels`` points at styles, numbering, footnotes and endnotes.
    """
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": doc_xml if doc_xml is not None else document(body),
        "word/_rels/document.xml.rels": doc_rels
        if doc_rels is not None
        else rels(("styles", "styles.xml", ""), ("numbering", "numbering.xml", ""), ("footnotes", "footnotes.xml", ""), ("endnotes", "endnotes.xml", "")),
    }
    parts.update(extra or {})
    return zip_parts(parts)


def declare_size(data: bytes, member: bytes, size: int) -> bytes:
    """``data`` with ``member``'s uncompressed size claimed to be ``size`` in both zip headers."""
    out = bytearray(data)
    for magic, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        at = out.find(magic)
        while at != -1:
            (name_len,) = struct.unpack_from("<H", out, at + name_len_at)
            if out[at + name_at : at + name_at + name_len] == member:
                struct.pack_into("<I", out, at + size_at, size)
            at = out.find(magic, at + 4)
    return bytes(out)


#: Styles the tests share: English, German and custom ids, outline levels, a basedOn loop.
SAMPLE_STYLES = part(
    "styles",
    '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>'
    # localized ids: what German and Arabic Word write for "heading 2" and "Title"
    '<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Outline3"><w:name w:val="My Section"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="Chapter"/><w:basedOn w:val="berschrift2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading9"><w:name w:val="heading 9"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="ArabicBody"><w:name w:val="Arabic Body"/><w:pPr><w:bidi/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop 1"/><w:basedOn w:val="Loop2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop 2"/><w:basedOn w:val="Loop1"/></w:style>',
)


def lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    """One list level of a numbering definition."""
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'


#: Bullets, decimal with a lettered second level, Arabic-Indic formats, a restart at seven.
SAMPLE_NUMBERING = part(
    "numbering",
    '<w:abstractNum w:abstractNumId="10">' + lvl(0, "bullet", "\uf0b7") + lvl(1, "bullet", "o") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="20">' + lvl(0, "decimal", "%1.") + lvl(1, "lowerLetter", "%1.%2)") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="30">' + lvl(0, "hindiNumbers", "%1-") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="40">' + lvl(0, "arabicAbjad", "%1)", start=3) + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="40"/></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>',
)
