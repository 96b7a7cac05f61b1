"""The reading window driven as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QMessageBox

from reader.core.entities import EntityType
from reader.core.entity_style import HIGHLIGHTS, PAGE, contrast
from reader.core.settings import load_settings
from reader.core.state import load_state
from reader.ui.sidebar import arabic_order


def _background_at(win, offset: int) -> str:
    cursor = QTextCursor(win.view.document())
    cursor.setPosition(win.view.position_of(offset) + 1)
    return cursor.charFormat().background().color().name()


def test_seed_is_shown_right_to_left_with_highlights(window) -> None:
    assert window.windowTitle().startswith("البيرو وبعد نجاح")
    first = window.view.document().findBlockByNumber(1)
    assert first.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert first.text().startswith("البيرو")
    for entity in window.entities:
        for m in entity.mentions:
            assert _background_at(window, m.start) == HIGHLIGHTS["light"][entity.type][0]
    top = [window.sidebar.entities.topLevelItem(i).text(0) for i in range(window.sidebar.entities.topLevelItemCount())]
    assert any("People" in t for t in top) and any("Places" in t for t in top)
    assert window.sidebar.notes.topLevelItemCount() == 1


def test_highlight_contrast_is_readable() -> None:
    for theme, colours in HIGHLIGHTS.items():
        for background, text in colours.values():
            assert contrast(background, text) >= 4.5, (theme, background)
        assert contrast(PAGE[theme][0], PAGE[theme][1]) >= 4.5


def test_switch_theme_recolours_and_persists(window, paths) -> None:
    window.set_theme("dark")
    maduro = next(e for e in window.entities if e.name == "مادورو")
    assert _background_at(window, maduro.mentions[0].start) == HIGHLIGHTS["dark"][EntityType.PERSON][0]
    assert load_settings(paths)[0].theme == "dark"
    window.cycle_theme()
    assert window.settings.theme == "auto"


def test_clicking_an_entity_walks_its_mentions(window, qtbot) -> None:
    tree = window.sidebar.entities
    item = next(
        tree.topLevelItem(i).child(j)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
        if tree.topLevelItem(i).child(j).text(0).startswith("امريكا اللاتينية")
    )
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    entity = next(e for e in window.entities if e.name == "امريكا اللاتينية")
    assert window.view.current_mark() == (entity.mentions[0].start, entity.mentions[0].end)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.current_mark() == (entity.mentions[1].start, entity.mentions[1].end)


def test_footnote_link_and_back(window) -> None:
    ref = window.view.ref_position("n1")
    note = window.view.note_position("n1")
    assert ref is not None and note is not None
    window.view.anchorClicked.emit(QUrl("note:n1"))
    assert window.view.textCursor().selectionStart() == note
    window.navigation.go_back()
    assert window.view.textCursor().position() != note
    window.view.anchorClicked.emit(QUrl("ref:n1"))
    assert window.view.textCursor().selectionStart() == ref


def test_marker_tooltip_shows_the_note(window) -> None:
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.ref_position("n1") + 1)
    assert cursor.charFormat().toolTip() == "كاتب وباحث اكاديمي فلسطيني"


def test_hiding_a_type(window) -> None:
    window.sidebar.type_boxes[EntityType.DATE].setChecked(False)
    date = next(e for e in window.entities if e.type is EntityType.DATE)
    assert _background_at(window, date.mentions[0].start) != HIGHLIGHTS["light"][EntityType.DATE][0]
    assert "DATE" in window.settings.hidden_types


def test_font_size_and_spacing_are_remembered(window, paths) -> None:
    size = window.settings.font_size
    window.zoom_in()
    window.spacing_more()
    saved = load_settings(paths)[0]
    assert saved.font_size == size + 2 and saved.line_spacing > 1.25


def test_bad_file_shows_a_message_and_keeps_the_document(window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 50)
    title = window.windowTitle()
    assert not window.open_path(bad)
    assert shown and "binary" in shown[0]
    assert window.windowTitle() == title


def test_drop_opens_a_file_and_recent_and_position_are_remembered(window, tmp_path: Path, paths, seed_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("# مقال آخر\n\nنص قصير عن القاهرة.", encoding="utf-8")
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.windowTitle() == "مقال آخر — Qari"
    window.close()
    saved = load_state(paths)[0]
    assert saved.recent_files[:2] == [str(other), str(seed_path)]
    assert saved.positions[str(seed_path)] > 0


def test_desktop_file_open_event_opens_the_file(window, qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QFileOpenEvent

    article = tmp_path / "opened.md"
    article.write_text("# فتح من سطح المكتب\n\nنص.", encoding="utf-8")
    qapp.sendEvent(qapp, QFileOpenEvent(str(article)))
    assert window.windowTitle() == "فتح من سطح المكتب — Qari"


def test_large_file_opens_in_the_background(window, qtbot, tmp_path: Path, seed_text: str) -> None:
    from reader.ui.loading import SYNC_LIMIT

    body = seed_text.rsplit("\n", 1)[0]
    big = tmp_path / "big.txt"
    big.write_text("\n".join([body] * (SYNC_LIMIT // len(body.encode()) + 20)), encoding="utf-8")
    assert window.open_path(big)
    assert window.is_loading, "a large file must not be analysed on the UI thread"
    qtbot.waitUntil(lambda: not window.is_loading, timeout=60000)
    assert window.doc.source == big
    qtbot.waitUntil(lambda: not window.is_analysing, timeout=120000)
    assert sum(len(e.mentions) for e in window.entities) > 100


def test_large_bad_file_reports_from_the_background(window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ui.loading import SYNC_LIMIT

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    bad = tmp_path / "big.bin"
    bad.write_bytes(b"\x00\x01" * SYNC_LIMIT)
    window.open_path(bad)
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert "binary" in shown[0]


def test_recent_files_submenu(window, tmp_path: Path, seed_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("نص عن القاهرة.", encoding="utf-8")
    window.open_path(other)
    window.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries[0].startswith("&1 other.txt") and entries[1].startswith(f"&2 {seed_path.name}")
    window.recent_menu.actions()[1].trigger()
    assert window.doc.source == seed_path


def test_sidebar_lists_equals_in_arabic_order(window) -> None:
    # Code-point order would put أمريكا (U+0623) before ابراهيم (U+0627); Arabic order files the hamza forms with alef.
    assert arabic_order(["زيد", "أمريكا", "بيروت", "ابراهيم", "القاهرة"]) == ["ابراهيم", "القاهرة", "أمريكا", "بيروت", "زيد"]
    tree = window.sidebar.entities
    places = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if "Places" in tree.topLevelItem(i).text(0))
    rows = [places.child(k).text(0).rsplit("  (", 1) for k in range(places.childCount())]
    for (name_a, count_a), (name_b, count_b) in zip(rows, rows[1:], strict=False):
        assert int(count_a[:-1]) >= int(count_b[:-1])
        if count_a == count_b:
            assert arabic_order([name_b, name_a]) == [name_a, name_b]


def test_a_dropped_word_file_opens_and_the_dialog_offers_it(window, tmp_path: Path) -> None:
    from reader.ui.main_window import FILE_FILTER
    from tests.data.docx import make_docx

    assert "*.docx" in FILE_FILTER
    report = tmp_path / "report.docx"
    report.write_bytes(make_docx.build(make_docx.p("تقرير قصير عن مكتبة القاهرة.", bidi=True), {"docProps/core.xml": make_docx.core(title="تقرير المكتبة")}))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report))])
    window.dropEvent(QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert window.windowTitle() == "تقرير المكتبة — Qari"
    assert window.doc.fmt == "docx" and "مكتبة القاهرة" in window.view.toPlainText()
