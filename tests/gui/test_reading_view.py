"""The new block kinds on screen: list markers, heading sizes, code, rules, line breaks, symbols.

Built from a Document made here (not a loader), shown in the real window's view, so the
fonts are the ones Qari registers.  The invariant every test leans on: each offset of
``Document.text`` is the same letter at ``position_of(offset)`` in the Qt document.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo, QRawFont, QTextCursor, QTextFormat

from reader.core.document import LINE_BREAK, Block, BlockKind, Direction, Document, InlineStyle
from reader.core.entities.types import Entity, EntityType, Mention
from reader.core.layout import lay_out
from reader.core.navigation import Place
from reader.ui.reading_view import HEADING_SCALE, ReadingView

FONT_SIZE = 16.0
CODE_LINE = "print(x)"
SYMBOLS = "✓ ★"


def _kinds() -> Document:
    para = f"فقرة فيها {CODE_LINE} وعلامة {SYMBOLS}"
    at = para.index(CODE_LINE)
    return Document(
        title="تجربة الأنواع",
        blocks=[
            Block(BlockKind.HEADING, "عنوان أول", level=1),
            Block(BlockKind.HEADING, "عنوان ثان", level=2),
            Block(BlockKind.HEADING, "عنوان ثالث", level=3),
            Block(BlockKind.HEADING, "عنوان رابع", level=4),
            Block(BlockKind.PARAGRAPH, para, styles=[InlineStyle(at, at + len(CODE_LINE), "code")]),
            Block(BlockKind.LIST_ITEM, "البند الأول عن بيروت", level=1, marker="•"),
            Block(BlockKind.LIST_ITEM, "بند متداخل عن دمشق", level=2, marker="٣)"),
            Block(BlockKind.LIST_ITEM, "third item", level=1, direction=Direction.LTR, marker="3."),
            Block(BlockKind.RULE, ""),
            Block(BlockKind.CODE, "def f(x):" + LINE_BREAK + "    return x * 2", direction=Direction.LTR),
            Block(BlockKind.PARAGRAPH, "سطر أول" + LINE_BREAK + "سطر ثان"),
        ],
    )


def _entities(doc: Document) -> list[Entity]:
    out = []
    for name, kind in (("بيروت", EntityType.LOCATION), ("دمشق", EntityType.LOCATION)):
        start = doc.text.index(name)
        out.append(Entity(f"place:{name}", kind, name, [Mention(start, start + len(name), kind, name)]))
    return out


@pytest.fixture
def shown(window) -> tuple[ReadingView, Document]:
    doc = _kinds()
    view: ReadingView = window.view
    view.show_document(doc, lay_out(doc, _entities(doc)), "light", FONT_SIZE, 1.6, False)
    view.document().documentLayout().documentSize()  # lay the whole document out
    return view, doc


def _block_of(view: ReadingView, doc: Document, index: int):
    return view.document().findBlock(view.position_of(doc.block_offsets()[index]))


def _selected(view: ReadingView, start: int, end: int) -> str:
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_every_offset_is_its_letter_on_screen(shown) -> None:
    view, doc = shown
    qdoc = view.document()
    for offset, char in enumerate(doc.text):
        expected = "\u2029" if char == "\n" else char  # Qt's block separator
        assert qdoc.characterAt(view.position_of(offset)) == expected, offset


def test_list_markers_are_drawn_before_the_item_but_are_not_text(shown) -> None:
    view, doc = shown
    for index, marker in ((5, "•"), (6, "٣)"), (7, "3.")):
        block = _block_of(view, doc, index)
        assert block.text() == f"{marker} {doc.blocks[index].text}"
        assert block.blockFormat().indent() == doc.blocks[index].level
    rtl, ltr = _block_of(view, doc, 5).blockFormat(), _block_of(view, doc, 7).blockFormat()
    assert rtl.layoutDirection() == Qt.LayoutDirection.RightToLeft and rtl.alignment() & Qt.AlignmentFlag.AlignRight
    assert ltr.layoutDirection() == Qt.LayoutDirection.LeftToRight and ltr.alignment() & Qt.AlignmentFlag.AlignLeft
    # The marker's letters belong to no offset: they read as the item's first letter.
    item = doc.block_offsets()[6]
    first = _block_of(view, doc, 6).position()
    for pos in range(first, view.position_of(item)):
        assert view.place_at(pos) == Place.in_body(item)
    assert view.place_at(first - 1) == Place.in_body(item - 1), "the previous item's end stays its own"


def test_find_and_entity_marks_land_on_the_letters_of_a_list_item(shown) -> None:
    view, doc = shown
    start = doc.text.index("دمشق")
    end = start + len("دمشق")
    view.set_matches([(start, end)], 0)
    ((a, b),) = view.extra_selection_spans()
    assert _selected(view, a, b) == "دمشق"
    view.mark(start, end)
    assert _selected(view, *view.extra_selection_spans()[-1]) == "دمشق"
    assert [view.entity_key_at(view.position_of(offset)) for offset in range(start, end)] == ["place:دمشق"] * (end - start)
    assert view.entity_key_at(view.position_of(start) - 1) is None, "the space before the name is not marked"
    assert view.place_at(view.position_of(start)) == Place.in_body(start)


def test_headings_get_smaller_by_level(shown) -> None:
    view, doc = shown
    sizes = []
    for index in range(4):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.position_of(doc.block_offsets()[index]) + 1)
        sizes.append(cursor.charFormat().fontPointSize())
        assert cursor.charFormat().fontWeight() == QFont.Weight.Bold
    assert sizes == [FONT_SIZE * HEADING_SCALE[level] for level in (1, 2, 3, 4)]
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] > FONT_SIZE


def _fixed_pitch_at(view: ReadingView, pos: int) -> bool:
    cursor = QTextCursor(view.document())
    cursor.setPosition(pos + 1)
    font = QFont()
    font.setFamilies(cursor.charFormat().fontFamilies())
    return QFontInfo(font).fixedPitch()


def test_code_is_monospace_left_to_right_on_a_light_ground(shown) -> None:
    view, doc = shown
    block = _block_of(view, doc, 9)
    fmt = block.blockFormat()
    assert fmt.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert fmt.alignment() & Qt.AlignmentFlag.AlignLeft
    assert fmt.background().color().lightness() > 200
    code_start = doc.block_offsets()[9]
    assert _fixed_pitch_at(view, view.position_of(code_start))
    inline = doc.text.index(CODE_LINE)
    assert _fixed_pitch_at(view, view.position_of(inline))
    assert not _fixed_pitch_at(view, view.position_of(inline) - 3), "the Arabic around inline code keeps the body face"
    assert block.layout().lineCount() == 2, "the line break inside the code block breaks the line"


def test_a_rule_is_a_centred_line_with_no_text(shown) -> None:
    view, doc = shown
    block = _block_of(view, doc, 8)
    assert block.text() == ""
    assert block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter


def test_a_line_separator_breaks_the_line(shown) -> None:
    view, doc = shown
    block = _block_of(view, doc, 10)
    assert block.layout().lineCount() == 2
    second = doc.block_offsets()[10] + doc.blocks[10].text.index("سطر ثان")
    assert _selected(view, view.position_of(second), view.position_of(second + 3)) == "سطر"


def test_symbols_the_arabic_font_lacks_come_from_a_fallback_face(shown) -> None:
    view, doc = shown
    amiri = QRawFont.fromFont(QFont(view.families[0]))
    block = _block_of(view, doc, 4)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(doc.text.index(SYMBOLS)) + 1)
    assert cursor.charFormat().fontFamilies() == view.families
    for symbol in SYMBOLS.split():
        assert not amiri.supportsCharacter(ord(symbol)), "the test needs a symbol the body font lacks"
        at = view.position_of(doc.text.index(symbol)) - block.position()
        runs = block.layout().glyphRuns(at, 1)
        assert runs, symbol
        for run in runs:
            assert 0 not in run.glyphIndexes(), f"{symbol} drawn as an empty box"
            assert run.rawFont().supportsCharacter(ord(symbol)), run.rawFont().familyName()
    assert len(view.families) > 1, "no fallback face installed for symbols"


@pytest.mark.timeout(180)
def test_an_endless_word_is_shown_with_break_chances_and_offsets_still_land(window) -> None:
    from reader.ui.page_builder import BREAK, LONG_WORD

    word = "ب" + "ـ" * 50_000 + "ت"
    doc = Document(
        title="كلمة طويلة",
        blocks=[Block(BlockKind.PARAGRAPH, "قبل " + word + " بيروت بعد " + word), Block(BlockKind.PARAGRAPH, "ثم دمشق")],
    )
    view: ReadingView = window.view
    view.show_document(doc, lay_out(doc, _entities(doc)), "light", FONT_SIZE, 1.6, True)
    view.document().documentLayout().documentSize()  # the whole page laid out: this took minutes for a million letters
    qdoc = view.document()
    assert qdoc.toPlainText().count(BREAK) == 2 * (len(word) // LONG_WORD)
    for name in ("بيروت", "دمشق"):
        start = doc.text.index(name)
        assert _selected(view, view.position_of(start), view.position_of(start + len(name))) == name
    text = doc.text
    for offset in [0, 4, 4 + LONG_WORD - 1, 4 + LONG_WORD, 4 + LONG_WORD + 1, 4 + len(word), len(text) - 3, *range(9_000, 9_010)]:
        char = text[offset]
        assert qdoc.characterAt(view.position_of(offset)) == ("\u2029" if char == "\n" else char), offset
        assert view.place_at(view.position_of(offset)) == Place.in_body(offset), offset
    assert view.entity_key_at(view.position_of(text.index("دمشق"))) == "place:دمشق"


@pytest.mark.timeout(120)
def test_ten_thousand_notes_are_shown_with_their_anchors(window) -> None:
    from reader.core.document import Footnote, FootnoteRef

    count = 10_000
    text = " ".join(f"كلمة{i}" for i in range(count))
    refs, at = [], 0
    for i in range(count):
        word = f"كلمة{i}"
        refs.append(FootnoteRef(at + len(word) - len(str(i)), at + len(word), f"n{i}"))
        at += len(word) + 1
    notes = [Footnote(f"n{i}", str(i), f"حاشية {i}", 0) for i in range(count)]
    doc = Document(title="حواش كثيرة", blocks=[Block(BlockKind.PARAGRAPH, text, refs=refs)], footnotes=notes)
    view: ReadingView = window.view
    view.show_document(doc, lay_out(doc, []), "light", FONT_SIZE, 1.6, True)  # 37 s before anchors were made distinct
    last = view.note_position(f"n{count - 1}")
    assert last is not None and view.document().characterAt(last) == "9"
    cursor = QTextCursor(view.document())
    cursor.setPosition(last + 1)
    assert f"note-n{count - 1}" in cursor.charFormat().anchorNames()
