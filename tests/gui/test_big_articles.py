"""Big articles stay responsive: find waits for typing to pause, and Enter never waits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.ui.find_controller import DEBOUNCE_FROM_BYTES


@pytest.fixture
def big(window, qtbot, tmp_path: Path, seed_text: str) -> Path:
    body = seed_text.rsplit("\n", 1)[0]
    path = tmp_path / "big.txt"
    path.write_text("\n".join([body] * (DEBOUNCE_FROM_BYTES // len(body.encode()) + 2)), encoding="utf-8")
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.is_loading and not window.is_analysing, timeout=120000)
    assert window.article.provenance.size > DEBOUNCE_FROM_BYTES
    return path


def test_typing_in_a_big_article_searches_once_the_typing_pauses(window, qtbot, big: Path) -> None:
    window.finder.open()
    searched: list[str] = []
    real_find = window.article.find
    window.article.find = lambda query, options=None: searched.append(query) or real_find(query, options)
    for i in range(1, 7):
        window.find_bar.query.setText("امريكا"[:i])
    assert searched == [], "every keystroke searched the whole article"
    qtbot.waitUntil(lambda: bool(searched), timeout=5000)
    assert searched == ["امريكا"]
    assert window.finder.matches == real_find("امريكا", window.find_bar.options())
    assert window.find_bar.count.text() == f"1/{len(window.finder.matches)}"


def test_enter_right_after_typing_searches_at_once(window, qtbot, big: Path) -> None:
    window.finder.open()
    window.find_bar.query.setText("امريكا")
    qtbot.keyClick(window.find_bar.query, Qt.Key.Key_Return)
    assert window.finder.matches, "Enter must not wait for the pause"
    assert window.finder.current == 1 % len(window.finder.matches)


def test_only_the_matches_near_the_screen_are_highlighted_and_they_follow_the_scrolling(window, qtbot, big: Path) -> None:
    from reader.ui.reading_view import MATCH_MARGIN, MATCHES_ALWAYS_SHOWN

    view = window.view
    matches = window.article.find("ا")
    assert len(matches) > 20 * MATCHES_ALWAYS_SHOWN
    view.verticalScrollBar().setValue(0)
    view.set_matches(matches, 0)
    shown = view.extra_selection_spans()
    assert 0 < len(shown) < len(matches) // 4, "every match got a selection"
    assert max(shown)[0] < view.position_of(2 * MATCH_MARGIN + 10_000), "the highlights are not near the top"
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: view.extra_selection_spans() and min(view.extra_selection_spans())[0] > view.position_of(len(window.doc.text) // 2), timeout=5000)
    end = view.position_of(matches[-1][0])
    assert any(start == end for start, _ in view.extra_selection_spans()), "the last match, on screen now, is not highlighted"
