"""Opening: the text is painted first, the entities follow from a worker, and opening another file cancels them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from reader.core.entity_style import HIGHLIGHTS


def _long_article(tmp_path: Path, seed_text: str, name: str, copies: int) -> Path:
    body = seed_text.rsplit("\n", 1)[0]
    path = tmp_path / name
    path.write_text("\n".join([body] * copies) + "\n", encoding="utf-8")
    return path


def _background(window, offset: int) -> str:
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.position_of(offset) + 1)
    return cursor.charFormat().background().color().name()


def test_the_text_is_shown_before_the_entities_and_they_follow(window, qtbot, tmp_path: Path, seed_text: str) -> None:
    path = _long_article(tmp_path, seed_text, "a.txt", 8)
    assert window.open_path(path)
    article = window.article
    assert article.document.source == path
    assert not article.analysed, "the entities must not be found before the text is shown"
    assert window.view.document().characterCount() > len(article.text), "the text is on screen already"
    assert "finding entities" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.is_analysing, timeout=60000)
    assert article.analysed and window.entities
    person = next(e for e in window.entities if e.type.value == "PERSON")
    assert _background(window, person.mentions[0].start) == HIGHLIGHTS["light"][person.type][0]
    assert f"{len(window.entities)} entities" in window.statusBar().currentMessage()


def test_opening_another_file_cancels_the_analysis(window, qtbot, tmp_path: Path, seed_text: str) -> None:
    first = _long_article(tmp_path, seed_text, "first.txt", 60)  # seconds of tagging
    second = tmp_path / "second.md"
    second.write_text("# عنوان\n\nزار محمد القاهرة.\n", encoding="utf-8")
    assert window.open_path(first)
    qtbot.waitUntil(lambda: window.opener.analysis is not None, timeout=60000)  # read in the background, then analysed
    job = window.opener.analysis
    assert job.article is window.article
    first_article = window.article
    qtbot.wait(200)
    assert window.open_path(second)
    assert job.cancelled
    job.wait(60)
    assert not first_article.analysed, "a cancelled analysis must stop, not run on and store its result"
    qtbot.waitUntil(lambda: not window.is_analysing, timeout=60000)
    assert window.doc.source == second
    assert all(m.end <= len(window.doc.text) and window.doc.text[m.start : m.end] == m.text for e in window.entities for m in e.mentions)


@pytest.mark.timeout(300)
def test_the_window_keeps_turning_while_entities_are_found(window, qtbot, tmp_path: Path, seed_text: str) -> None:
    path = _long_article(tmp_path, seed_text, "long.txt", 40)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    assert window.open_path(path)
    timer.start(10)
    qtbot.waitUntil(lambda: not window.is_analysing, timeout=120000)
    timer.stop()
    analysing = [b - a for a, b in zip(ticks, ticks[1:], strict=False)][:-3]  # the last ticks include the re-render
    assert len(analysing) > 20
    assert max(analysing) < 0.25, f"the event loop stalled {max(analysing):.2f} s while the entities were found"
