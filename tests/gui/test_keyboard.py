"""Keyboard only: from the start of the article to the last footnote and back, no mouse."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from reader.core.search import find_all
from reader.ui.actions import ACTIONS
from reader.ui.dialogs import CommandPalette, ShortcutSheet


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier, text: str = "") -> None:
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


def type_text(widget, text: str) -> None:
    """Key events carrying Arabic text, as an Arabic keyboard layout sends them.

    (QTest.keyClicks maps characters to Latin-1 key codes and aborts on Arabic.)
    """
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()


def focused():
    return QApplication.focusWidget()


def test_every_action_has_a_shortcut(window) -> None:
    for spec in ACTIONS:
        assert window.actions_by_id[spec.id].shortcuts(), spec.id


def test_find_bar_from_the_keyboard(window, qtbot) -> None:
    window.view.setFocus()
    press(qtbot, focused(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.find_bar.query
    type_text(window.find_bar.query, "امريكا")
    expected = find_all("امريكا", window.doc.text)
    assert len(expected) == 5
    assert window.find_bar.count.text() == "1/5"
    assert window.view.extra_selection_spans()[:5] == [(window.view.position_of(s), window.view.position_of(e)) for s, e in expected]
    press(qtbot, window.find_bar.query, Qt.Key.Key_Return)
    assert window.find_bar.count.text() == "2/5"
    press(qtbot, window.find_bar.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_bar.count.text() == "1/5"
    press(qtbot, window.find_bar.query, Qt.Key.Key_F3)
    assert window.find_bar.count.text() == "2/5"
    # The toggles: matching hamza finds only the bare spelling.
    window.find_bar.hamza.setChecked(True)
    assert window.find_bar.count.text().endswith("/3")
    press(qtbot, window.find_bar.query, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.view.extra_selection_spans() == []
    assert focused() is window.view


def test_entities_mentions_paragraphs_by_key(window, qtbot) -> None:
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_N)
    first = window.view.current_mark()
    mentions = sorted((m.start, m.end) for e in window.entities for m in e.mentions)
    assert first == mentions[0]
    press(qtbot, window.view, Qt.Key.Key_N)
    assert window.view.current_mark() == mentions[1]
    press(qtbot, window.view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_mark() == mentions[0]
    # M walks the current entity (البيرو) only.
    peru = next(e for e in window.entities if e.name == "البيرو")
    press(qtbot, window.view, Qt.Key.Key_M)
    assert window.view.current_mark() == (peru.mentions[1].start, peru.mentions[1].end)
    # That mention opens paragraph 1: the next paragraph is 2.
    press(qtbot, window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.view.current_mark() == window.view.block_span(2)
    press(qtbot, window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.view.current_mark() == window.view.block_span(3)
    press(qtbot, window.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.view.current_mark() == window.view.block_span(2)


def test_footnote_round_trip_by_keys(window, qtbot) -> None:
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window.view, Qt.Key.Key_BracketRight)
    ref = window.view.ref_position("n1")
    assert window.view.textCursor().selectionStart() == ref
    press(qtbot, window.view, Qt.Key.Key_Return)
    assert window.view.textCursor().selectionStart() == window.view.note_position("n1")
    press(qtbot, window.view, Qt.Key.Key_Backspace)
    assert window.view.textCursor().selectionStart() == ref
    press(qtbot, window.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.view.textCursor().position() == window.view.document().characterCount() - 1
    press(qtbot, window.view, Qt.Key.Key_Backspace)
    assert window.view.textCursor().position() == ref


def test_focus_cycle_and_enter_in_sidebar(window, qtbot) -> None:
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_F6)
    assert focused() is window.sidebar.entities
    press(qtbot, focused(), Qt.Key.Key_Return)
    chosen = window.sidebar.entities.currentItem().data(0, Qt.ItemDataRole.UserRole)
    entity = next(e for e in window.entities if (e.type.value, e.key) == tuple(chosen))
    assert window.view.current_mark() == (entity.mentions[0].start, entity.mentions[0].end)
    press(qtbot, window.sidebar.entities, Qt.Key.Key_F6)
    assert focused() is window.view


def test_palette_filters_in_both_languages_and_jumps(window, qtbot) -> None:
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    palette = window.findChild(CommandPalette)
    assert palette is not None and palette.isVisible()
    qtbot.keyClicks(palette.filter, "sidebar")
    assert palette.list.count() >= 1 and "sidebar" in palette.list.item(0).text().lower()
    palette.filter.clear()
    type_text(palette.filter, "تكبير")
    assert "Zoom in" in palette.list.item(0).text()
    size = window.settings.font_size
    press(qtbot, palette.filter, Qt.Key.Key_Return)
    assert window.settings.font_size == size + 2
    palette = window.show_palette()
    type_text(palette.filter, "غوايدو")
    press(qtbot, palette.filter, Qt.Key.Key_Return)
    guaido = next(e for e in window.entities if e.name == "غوايدو")
    assert window.view.current_mark() == (guaido.mentions[0].start, guaido.mentions[0].end)


def test_shortcut_sheet_lists_the_table(window, qtbot) -> None:
    press(qtbot, window, Qt.Key.Key_F1)
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None
    labels = {sheet.table.item(r, 1).text().strip("\u2066\u2069") for r in range(sheet.table.rowCount())}
    assert {s.label for s in ACTIONS if s.menu} == labels
    press(qtbot, sheet, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(ShortcutSheet) is None)


def test_rebinding_refuses_conflicts_and_persists(window, paths) -> None:
    from reader.core.settings import load_settings

    assert "already bound" in window.keymap.rebind("view.sidebar", "Ctrl+F")
    assert window.keymap.rebind("view.sidebar", "Ctrl+Shift+B") is None
    assert window.actions_by_id["view.sidebar"].shortcut().toString() == "Ctrl+Shift+B"
    assert load_settings(paths)[0].shortcuts["view.sidebar"] == "Ctrl+Shift+B"


def test_zoom_theme_sidebar_keys(window, qtbot) -> None:
    size = window.settings.font_size
    press(qtbot, window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == 22.0
    press(qtbot, window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.settings.theme == "dark"
    press(qtbot, window.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not window.dock.isVisible()
    press(qtbot, window.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.dock.isVisible()
    assert size > 0


def test_arrow_keys_follow_reading_order_in_rtl(window, qtbot) -> None:
    window.view.setFocus()
    start = window.view.position_of(10)
    window.view.go_to_position(start)
    press(qtbot, window.view, Qt.Key.Key_Left)
    assert window.view.textCursor().position() == start + 1, "Left moves forward in Arabic text"
    press(qtbot, window.view, Qt.Key.Key_Right)
    assert window.view.textCursor().position() == start


def test_tab_and_escape_move_between_panes(window, qtbot) -> None:
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_Tab)
    assert focused() is window.sidebar.entities
    press(qtbot, window.sidebar.entities, Qt.Key.Key_Escape)
    assert focused() is window.view
    window.focus_sidebar()
    window.sidebar.tabs.setCurrentIndex(1)
    window.sidebar.notes.setFocus()
    window.sidebar.notes.setCurrentItem(window.sidebar.notes.topLevelItem(0))
    press(qtbot, window.sidebar.notes, Qt.Key.Key_Return)
    assert window.view.textCursor().selectionStart() == window.view.note_position("n1")
    assert focused() is window.view


def test_window_direction_key(window, qtbot, paths) -> None:
    from reader.core.settings import load_settings

    before = QApplication.layoutDirection()
    press(qtbot, window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.layoutDirection() != before
    assert load_settings(paths)[0].ui_direction == ("ltr" if before == Qt.LayoutDirection.RightToLeft else "rtl")
    press(qtbot, window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.layoutDirection() == before


def test_justify_key(window, qtbot) -> None:
    block = window.view.document().findBlockByNumber(1)
    assert not block.blockFormat().alignment() & Qt.AlignmentFlag.AlignJustify
    press(qtbot, window.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    block = window.view.document().findBlockByNumber(1)
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignJustify
    assert window.actions_by_id["view.justify"].isChecked()


def test_page_keys_scroll_by_a_screen(window, qtbot) -> None:
    window.resize(900, 400)
    QApplication.processEvents()
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > bar.pageStep()
    bar.setValue(0)
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_Space)
    assert bar.value() == bar.pageStep()
    press(qtbot, window.view, Qt.Key.Key_PageDown)
    assert bar.value() == min(bar.maximum(), 2 * bar.pageStep())
    press(qtbot, window.view, Qt.Key.Key_PageUp)
    assert bar.value() == min(bar.maximum(), 2 * bar.pageStep()) - bar.pageStep()
