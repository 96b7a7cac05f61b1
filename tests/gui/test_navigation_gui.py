"""The window's navigation, find and action plumbing, driven through public APIs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.core.entities import EntityType
from reader.core.navigation import Place, Region
from reader.ui.actions import ACTIONS, resolve_handler
from reader.ui.find_controller import NO_MATCHES, count_text, first_match_from


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


def test_every_handler_in_the_table_resolves_on_the_window(window) -> None:
    for spec in ACTIONS:
        assert callable(resolve_handler(window, spec.handler)), spec.id
    dotted = {spec.handler.split(".")[0] for spec in ACTIONS if "." in spec.handler}
    assert dotted == {"finder", "keymap", "navigation", "printing", "view"}


def test_places_and_screen_positions_round_trip(window) -> None:
    view = window.view
    regions = set()
    for pos in range(view.end_position() + 1):
        place = view.place_at(pos)
        regions.add(place.region)
        assert view.position_at(place) == pos, (pos, place)
    assert regions == {Region.TITLE, Region.BODY, Region.NOTES}
    assert view.place_at(view.position_of(0)) == Place.in_body(0)
    assert view.place_at(view.note_position("n1")) == window.navigation.navigator.note_place("n1")
    assert view.place_at(view.ref_position("n1")) == window.navigation.navigator.ref_place("n1")


def test_from_the_title_the_next_paragraph_is_the_first(window, qtbot) -> None:
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert window.view.cursor_place().region is Region.TITLE
    press(qtbot, window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.view.current_mark() == window.view.block_span(0)
    press(qtbot, window.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.view.current_mark() == window.view.block_span(0), "the first paragraph is as far back as it goes"


def test_back_and_forward_retrace_jumps(window, qtbot) -> None:
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window.view, Qt.Key.Key_BracketRight)
    ref = window.view.textCursor().position()
    press(qtbot, window.view, Qt.Key.Key_Return)
    note = window.view.textCursor().position()
    assert note == window.view.note_position("n1") != ref
    window.actions_by_id["go.back"].trigger()
    assert window.view.textCursor().position() == ref
    window.actions_by_id["go.forward"].trigger()
    assert window.view.textCursor().position() == note
    window.actions_by_id["go.forward"].trigger()
    assert window.view.textCursor().position() == note, "nothing more to redo"
    press(qtbot, window.view, Qt.Key.Key_Return)
    assert window.view.textCursor().position() == ref, "on a note, Enter returns to its marker"


def test_next_entity_skips_hidden_types(window, qtbot) -> None:
    window.sidebar.type_boxes[EntityType.PERSON].setChecked(False)
    shown = sorted((m.start, m.end) for e in window.entities if e.type is not EntityType.PERSON for m in e.mentions)
    everything = sorted((m.start, m.end) for e in window.entities for m in e.mentions)
    assert shown != everything
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    walked = []
    for _ in range(4):
        press(qtbot, window.view, Qt.Key.Key_N)
        walked.append(window.view.current_mark())
    assert walked == shown[:4]


def test_zoom_keeps_the_place_in_the_notes(window) -> None:
    note = window.navigation.navigator.note_place("n1")
    assert note is not None
    window.view.go_to(Place.in_note(note.note, 3))
    window.zoom_in()
    assert window.view.cursor_place() == Place.in_note(note.note, 3)


def test_a_new_article_starts_unmarked_and_is_searched_again(window, qtbot, tmp_path: Path) -> None:
    window.view.setFocus()
    press(qtbot, window.view, Qt.Key.Key_N)
    window.finder.open()
    window.find_bar.query.setText("امريكا")
    assert window.finder.matches and window.view.current_mark() is not None
    other = tmp_path / "other.md"
    other.write_text("# مقال قصير\n\nزار امريكا مرة.", encoding="utf-8")
    assert window.open_path(other)
    assert window.view.current_mark() is None
    assert window.finder.matches == window.article.find("امريكا", window.find_bar.options())
    assert window.find_bar.count.text() == f"1/{len(window.finder.matches)}"
    window.find_bar.query.setText("القاهرة")
    assert window.finder.matches == [] and window.find_bar.count.text() == NO_MATCHES


def test_find_helpers() -> None:
    spans = [(2, 4), (10, 12), (30, 33)]
    assert [first_match_from(spans, at) for at in (0, 2, 3, 10, 31)] == [0, 0, 1, 1, 0]
    assert first_match_from([], 5) == -1
    assert count_text(1, 3, "x") == "2/3"
    assert count_text(-1, 0, "x") == NO_MATCHES
    assert count_text(-1, 0, "  ") == ""
