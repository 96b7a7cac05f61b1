"""Opening: the text is painted first, the entities follow from a worker, and opening another file cancels them."""

from __future__ import annotations

import random
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


def _novel_article(tmp_path: Path, words: int) -> Path:
    """Words the model has never seen (its word cache cannot shortcut them): seconds of tagging."""
    rng = random.Random(7)
    letters = [chr(c) for c in range(0x0628, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
    tokens = ["".join(rng.choices(letters, k=rng.randint(3, 7))) for _ in range(words)]
    lines = [" ".join(tokens[i : i + 14]) + "." for i in range(0, words, 14)]
    path = tmp_path / "novel.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
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
    first = _long_article(tmp_path, seed_text, "first.txt", 300)  # seconds of tagging, even with the word cache warm
    second = tmp_path / "second.md"
    second.write_text("# عنوان\n\nزار محمد القاهرة.\n", encoding="utf-8")
    assert window.open_path(first)
    qtbot.waitUntil(lambda: window.opener.analysis is not None, timeout=60000)  # read in the background, then analysed
    job = window.opener.analysis
    assert job.article is window.article
    first_article = window.article
    assert window.open_path(second)
    assert job.cancelled
    job.wait()
    assert not first_article.analysed, "a cancelled analysis must stop, not run on and store its result"
    qtbot.waitUntil(lambda: not window.is_analysing, timeout=60000)
    assert window.doc.source == second
    assert all(m.end <= len(window.doc.text) and window.doc.text[m.start : m.end] == m.text for e in window.entities for m in e.mentions)


@pytest.mark.timeout(300)
def test_the_window_keeps_turning_while_entities_are_found(window, qtbot, tmp_path: Path) -> None:
    path = _novel_article(tmp_path, 30000)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.is_analysing, timeout=60000)  # read and shown; now the entities
    job = window.opener.analysis
    told: list[float] = []
    job.progressed.connect(lambda _percent: told.append(time.perf_counter()))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    qtbot.waitUntil(lambda: not window.is_analysing, timeout=120000)
    timer.stop()
    assert told, "the analysis told no progress"
    # Up to the last progress report: the model's pass, not the re-render that follows it.
    during = [t for t in ticks if t <= told[-1]]
    gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
    assert len(gaps) > 20
    # Measured here with the analysis in its child: 50–120 ms at worst (the page's own layout and
    # the progress reports); with the analysis on a thread of this process it was 100–240 ms.
    assert max(gaps) < 0.3, f"the event loop stalled {max(gaps):.2f} s while the entities were found"


def test_a_failing_analysis_is_a_message_and_the_text_stays(window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from reader.core.entities import child

    script = "import sys; sys.stdin.buffer.read(); print('qari: error: the model is broken', file=sys.stderr); sys.exit(2)"
    monkeypatch.setattr(child, "child_command", lambda: [sys.executable, "-c", script])
    other = tmp_path / "other.md"
    other.write_text("# عنوان\n\nزار محمد القاهرة.\n", encoding="utf-8")
    assert window.open_path(other)
    qtbot.waitUntil(lambda: not window.is_analysing, timeout=30000)
    assert window.doc.source == other and not window.article.analysed
    assert window.statusBar().currentMessage() == "entities could not be found: the model is broken"
    assert "زار محمد القاهرة" in window.view.toPlainText()


def test_highlights_arrive_from_the_top_of_the_screen_first(window, qtbot, tmp_path: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui import reading_view

    path = _long_article(tmp_path, seed_text, "c.txt", 30)
    monkeypatch.setattr(reading_view, "HIGHLIGHT_SLICE", 0)  # hold the slices, to see their order
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.opener.analysis is not None, timeout=60000)
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum() // 2)
    top = window.view.place_at(window.view.top_position()).offset
    qtbot.waitUntil(lambda: window.opener.analysis is None and window.view.highlighting(), timeout=60000)
    order = window.view.pending_highlights()
    assert len(order) == sum(len(e.mentions) for e in window.entities)
    assert top - 200 <= order[0] < top + 2000, "the first highlights must be where the reader is"
    assert min(order) < top and order.index(min(order)) > len(order) // 3, "the part above the screen comes after"
    monkeypatch.setattr(reading_view, "HIGHLIGHT_SLICE", 400)
    qtbot.waitUntil(lambda: not window.is_analysing, timeout=60000)
    assert window.view.pending_highlights() == []
