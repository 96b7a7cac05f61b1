"""The main window: wires the reading view, sidebar, find bar and actions.

Widgets emit intent signals; this class decides what they do.  It is given
everything it needs (settings, paths, font family) by its constructor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QInputDialog, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from reader.core import loaders
from reader.core.document import Document
from reader.core.entities import Entity, EntityType, Mention, analyse
from reader.core.errors import QariError
from reader.core.layout import lay_out
from reader.core.search import find_all
from reader.core.settings import Paths, PrintOptions, Settings, save_settings
from reader.ui import theme as themes
from reader.ui.actions import ACTIONS, MENUS, ActionSpec, bilingual, ltr
from reader.ui.dialogs import CommandPalette, RebindDialog, ShortcutSheet
from reader.ui.find_bar import FindBar
from reader.ui.loading import SYNC_LIMIT, BackgroundLoad
from reader.ui.reading_view import ReadingView
from reader.ui.sidebar import Sidebar

FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"


def key_sequences(keys: tuple[str, ...]) -> list[QKeySequence]:
    """QKeySequences for portable key strings and ``std:`` standard keys."""
    out: list[QKeySequence] = []
    for key in keys:
        if key.startswith("std:"):
            out += QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, key[4:]))
        else:
            out.append(QKeySequence(key))
    unique: list[QKeySequence] = []
    for k in out:
        if not k.isEmpty() and k not in unique:
            unique.append(k)
    return unique


def wrapped_step(positions: list[int], here: int, step: int) -> int:
    """Index of the first position after ``here`` (step > 0) or the last before it, wrapping around."""
    i = bisect_right(positions, here) if step > 0 else bisect_left(positions, here) - 1
    return i % len(positions)


class MainWindow(QMainWindow):
    """Qari's window.

    Attributes:
        view: the reading view.
        sidebar: entities and footnotes.
        find_bar: the Arabic-aware find bar.
        actions_by_id: the QAction built for each entry of the action table.
    """

    def __init__(self, settings: Settings, paths: Paths, font_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.paths = paths
        self.doc: Document | None = None
        self.entities: list[Entity] = []
        self._mentions: list[tuple[int, int, Mention, Entity]] = []
        self._current_entity: Entity | None = None
        self._matches: list[tuple[int, int]] = []
        self._match_index = -1
        self._back: list[int] = []
        self._forward: list[int] = []
        self._theme = themes.resolve(settings.theme)
        self._loading: BackgroundLoad | None = None
        self.setWindowTitle("Qari")
        self.resize(1280, 820)
        self.setAcceptDrops(True)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.view = ReadingView(font_family)
        self.view.setAcceptDrops(False)
        self.view.noteRequested.connect(self.show_note)
        self.view.refRequested.connect(self.show_ref)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.find_bar.searchChanged.connect(self._run_search)
        self.find_bar.stepRequested.connect(self._step_match)
        self.find_bar.closed.connect(self._end_search)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.sidebar = Sidebar()
        self.sidebar.entityActivated.connect(self._on_entity_chosen)
        self.sidebar.noteActivated.connect(self.show_note)
        self.sidebar.hiddenTypesChanged.connect(self._on_hidden_changed)
        self.sidebar.escaped.connect(self.focus_reader)
        self.dock = QDockWidget("الكيانات والحواشي · Entities and notes")
        self.dock.setObjectName("sidebarDock")
        self.dock.setWidget(self.sidebar)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        # The leading side of an Arabic reading layout: Qt mirrors Left/Right with the layout direction.
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [340], Qt.Orientation.Horizontal)
        self.dock.setVisible(settings.sidebar_visible)
        self.dock.visibilityChanged.connect(self._on_dock_visibility)

        self.actions_by_id: dict[str, QAction] = {}
        self._build_actions()
        # Tab order of the panes: text → sidebar list → find box.
        QWidget.setTabOrder(self.view, self.sidebar.entities)
        QWidget.setTabOrder(self.sidebar.entities, self.find_bar.query)
        self.statusBar()

    # -- actions ------------------------------------------------------------------
    def shortcut_keys(self, spec: ActionSpec) -> tuple[str, ...]:
        """The keys bound to ``spec`` now: the user's override, else the default."""
        if spec.id in self.settings.shortcuts:
            override = self.settings.shortcuts[spec.id]
            return (override,) if override else ()
        return spec.shortcuts

    def shortcut_text(self, spec: ActionSpec) -> str:
        """Human-readable shortcuts of ``spec`` on this platform."""
        return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in key_sequences(self.shortcut_keys(spec)))

    def _build_actions(self) -> None:
        menus = {key: self.menuBar().addMenu(f"{ltr(en)} · {ar}") for key, en, ar in MENUS}
        for spec in ACTIONS:
            action = QAction(bilingual(spec), self)
            action.setObjectName(spec.id)
            action.setCheckable(spec.checkable)
            action.setShortcuts(key_sequences(self.shortcut_keys(spec)))
            handler = getattr(self, spec.handler)
            action.triggered.connect(lambda _checked=False, h=handler: h())
            if spec.scope == "reader":
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.view.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                self.addAction(action)
            if spec.menu:
                menus[spec.menu].addAction(action)
            self.actions_by_id[spec.id] = action
        # The recent files themselves, as a submenu after "Open recent…" (data, not actions).
        self.recent_menu = menus["file"].addMenu("Recent files · الملفات الحديثة")
        menus["file"].insertMenu(self.actions_by_id["file.print"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.actions_by_id["view.justify"].setChecked(self.settings.justify)
        self.actions_by_id["view.sidebar"].setChecked(self.settings.sidebar_visible)

    def rebind(self, action_id: str, keys: str) -> str | None:
        """Bind ``keys`` to ``action_id``; return an error message on a conflict, else None."""
        new = key_sequences((keys,)) if keys else []
        for spec in ACTIONS:
            if spec.id == action_id:
                continue
            if any(k in key_sequences(self.shortcut_keys(spec)) for k in new):
                return f"{keys} is already bound to “{spec.label}”"
        self.settings.shortcuts[action_id] = keys
        self.actions_by_id[action_id].setShortcuts(new)
        self._save()
        return None

    def rebind_shortcut(self) -> None:
        """Ask for an action and new keys; refuse conflicts with a message."""
        dialog = RebindDialog(list(ACTIONS), self)
        if dialog.exec():
            action_id, keys = dialog.choice()
            error = self.rebind(action_id, keys)
            if error:
                QMessageBox.warning(self, "Qari", error)

    # -- documents ----------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Open ``path``; on failure say why and keep the current document.

        An article opens at once; a large file is read and analysed in the
        background (returns True at once, the window stays usable, and the
        status bar says so), then shown.
        """
        path = Path(path)
        try:
            large = path.is_file() and path.stat().st_size > SYNC_LIMIT
        except OSError:
            large = False
        if large:
            return self._open_in_background(path)
        try:
            doc = loaders.load(path)
            entities = analyse(doc.text)
        except QariError as exc:
            QMessageBox.warning(self, "Qari", str(exc))
            return False
        self.show_document(doc, entities)
        return True

    def _open_in_background(self, path: Path) -> bool:
        if self._loading is not None:
            self.statusBar().showMessage("Still opening the previous file…", 5000)
            return False
        job = BackgroundLoad(path, self)
        job.loaded.connect(self._background_loaded)
        job.failed.connect(self._background_failed)
        self._loading = job
        self.statusBar().showMessage(f"Opening {path.name}: reading and finding entities… · جارٍ الفتح…")
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        job.start()
        return True

    def _end_background(self) -> None:
        self._loading = None
        QApplication.restoreOverrideCursor()
        self.statusBar().clearMessage()

    def _background_loaded(self, doc: Document, entities: list[Entity]) -> None:
        self._end_background()
        self.show_document(doc, entities)

    def _background_failed(self, message: str) -> None:
        self._end_background()
        QMessageBox.warning(self, "Qari", message)

    def show_document(self, doc: Document, entities: list[Entity]) -> None:
        """Display an already loaded document."""
        self._remember_position()
        self.doc = doc
        self.entities = entities
        self._mentions = sorted((m.start, m.end, m, e) for e in entities for m in e.mentions)
        self._current_entity = None
        self._back.clear()
        self._forward.clear()
        self._render()
        self.setWindowTitle(f"{doc.title} — Qari")
        source = str(doc.source) if doc.source else ""
        if source:
            self.settings.add_recent(source)
        self.statusBar().showMessage(f"{doc.encoding} · {len(entities)} entities · {len(doc.footnotes)} notes")
        QTimer.singleShot(0, self._restore_position)
        if self.find_bar.isVisible():
            self._run_search()

    def _hidden(self) -> frozenset[EntityType]:
        return frozenset(EntityType(v) for v in self.settings.hidden_types if v in EntityType._value2member_map_)

    def _render(self) -> None:
        if self.doc is None:
            return
        hidden = self._hidden()
        blocks = lay_out(self.doc, self.entities, hidden)
        s = self.settings
        self.view.show_document(self.doc, blocks, self._theme, s.font_size, s.line_spacing, s.justify)
        self.sidebar.set_hidden(set(hidden))
        self.sidebar.populate(self.entities, self.doc.footnotes, set(hidden), self._theme)
        self.view.set_matches(self._matches, self._match_index)

    def _remember_position(self) -> None:
        if self.doc is None or self.doc.source is None or not self.view.block_count():
            return
        top = self.view.cursorForPosition(QPoint(self.view.viewport().width() // 2, 4)).position()
        self.settings.remember_position(str(self.doc.source), top)

    def _restore_position(self) -> None:
        if self.doc is None or self.doc.source is None:
            return
        pos = self.settings.positions.get(str(self.doc.source))
        if pos is None or pos >= self.view.document().characterCount():
            return
        cursor = self.view.textCursor()
        cursor.setPosition(pos)
        self.view.setTextCursor(cursor)
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + self.view.cursorRect(cursor).top())

    def open_dialog(self) -> None:
        """Ask for a file and open it."""
        start = str(self.doc.source.parent) if self.doc and self.doc.source else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "فتح مقال · Open article", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def open_recent(self) -> None:
        """Choose one of the recent files."""
        recent = [p for p in self.settings.recent_files if Path(p).exists()]
        if not recent:
            QMessageBox.information(self, "Qari", "No recent files yet.")
            return
        choice, ok = QInputDialog.getItem(self, "Recent files · الملفات الحديثة", "Open:", recent, 0, False)
        if ok and choice:
            self.open_path(choice)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.settings.recent_files if Path(p).exists()]
        for i, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{i % 10} {Path(path).name} — {Path(path).parent}")
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accept dragged local files."""
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Open the first dropped local file."""
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_path(url.toLocalFile())
                event.acceptProposedAction()
                return

    # -- settings -----------------------------------------------------------------
    def _save(self) -> None:
        try:
            save_settings(self.settings, self.paths)
        except QariError as exc:
            self.statusBar().showMessage(str(exc), 10000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Remember where the reader was, then save settings."""
        self._remember_position()
        self._save()
        super().closeEvent(event)

    def _set_font_size(self, size: float) -> None:
        self.settings.font_size = max(10.0, min(48.0, size))
        self._rerender_keeping_place()

    def _rerender_keeping_place(self) -> None:
        offset = self.view.offset_at_cursor()
        self._render()
        self.view.go_to_position(self.view.position_of(offset))
        self._save()

    def zoom_in(self) -> None:
        """Larger text."""
        self._set_font_size(self.settings.font_size + 2)

    def zoom_out(self) -> None:
        """Smaller text."""
        self._set_font_size(self.settings.font_size - 2)

    def zoom_reset(self) -> None:
        """Default text size."""
        self._set_font_size(Settings().font_size)

    def spacing_more(self) -> None:
        """More space between lines."""
        self.settings.line_spacing = min(3.0, round(self.settings.line_spacing + 0.1, 2))
        self._rerender_keeping_place()

    def spacing_less(self) -> None:
        """Less space between lines."""
        self.settings.line_spacing = max(1.0, round(self.settings.line_spacing - 0.1, 2))
        self._rerender_keeping_place()

    def toggle_justify(self) -> None:
        """Justified or ragged text."""
        self.settings.justify = not self.settings.justify
        self.actions_by_id["view.justify"].setChecked(self.settings.justify)
        self._rerender_keeping_place()

    def set_theme(self, name: str) -> None:
        """Apply ``"light"``, ``"dark"`` or ``"auto"`` and remember it."""
        self.settings.theme = name
        app = QApplication.instance()
        self._theme = themes.apply(app, name) if isinstance(app, QApplication) else themes.resolve(name)
        self._rerender_keeping_place()
        self.statusBar().showMessage(f"Theme: {name}", 3000)

    def cycle_theme(self) -> None:
        """auto → light → dark → auto."""
        order = themes.THEMES
        self.set_theme(order[(order.index(self.settings.theme) + 1) % len(order)] if self.settings.theme in order else "auto")

    def follow_system_theme(self) -> None:
        """Called when the system colour scheme changes."""
        if self.settings.theme == "auto":
            self.set_theme("auto")

    def toggle_ui_direction(self) -> None:
        """Mirror the window (menus, sidebar side) between Arabic and Latin layouts; the text keeps its own direction."""
        self.settings.ui_direction = "ltr" if self.settings.ui_direction == "rtl" else "rtl"
        rtl = self.settings.ui_direction == "rtl"
        QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self._save()

    def toggle_sidebar(self) -> None:
        """Show or hide the sidebar."""
        self.dock.setVisible(not self.dock.isVisible())

    def _on_dock_visibility(self, visible: bool) -> None:
        if self.isVisible():
            self.settings.sidebar_visible = visible
            self.actions_by_id["view.sidebar"].setChecked(visible)

    def _on_hidden_changed(self, hidden: list[str]) -> None:
        self.settings.hidden_types = hidden
        self._rerender_keeping_place()

    # -- history ------------------------------------------------------------------
    def _jump(self, pos: int, length: int = 0) -> None:
        """Go to a Qt position, remembering where we were (for Back)."""
        self._back.append(self.view.textCursor().position())
        self._forward.clear()
        self.view.go_to_position(pos, length)

    def go_back(self) -> None:
        """Return to where the last jump started."""
        if self._back:
            self._forward.append(self.view.textCursor().position())
            self.view.go_to_position(self._back.pop())

    def go_forward(self) -> None:
        """Redo a jump undone by Back."""
        if self._forward:
            self._back.append(self.view.textCursor().position())
            self.view.go_to_position(self._forward.pop())

    # -- footnotes ----------------------------------------------------------------
    def show_note(self, note_id: str) -> None:
        """Jump to a note's body."""
        pos = self.view.note_position(note_id)
        if pos is not None:
            self._jump(pos, 1)
            self.view.setFocus()

    def show_ref(self, note_id: str) -> None:
        """Jump to a note's marker."""
        pos = self.view.ref_position(note_id)
        if pos is not None:
            self._jump(pos, 1)
            self.view.setFocus()

    def _step_footnote(self, step: int) -> None:
        refs = self.view.ref_positions()
        if not refs:
            return
        here = self.view.textCursor().selectionStart()
        positions = [p for p, _ in refs]
        pos = positions[wrapped_step(positions, here, step)]
        self.view.go_to_position(pos, 1)

    def next_footnote(self) -> None:
        """Select the next footnote marker."""
        self._step_footnote(1)

    def previous_footnote(self) -> None:
        """Select the previous footnote marker."""
        self._step_footnote(-1)

    def follow_footnote(self) -> None:
        """On a marker, go to its note; on a note, go back to its marker."""
        here = self.view.textCursor().selectionStart()
        for pos, note_id in self.view.ref_positions():
            if pos == here:
                self.show_note(note_id)
                return
        for note in self.doc.footnotes if self.doc else []:
            start = self.view.note_position(note.note_id)
            if start is not None and start <= here <= start + len(note.marker) + len(note.text) + 2:
                self.show_ref(note.note_id)
                return

    # -- entities -----------------------------------------------------------------
    def _on_entity_chosen(self, kind: str, key: str) -> None:
        entity = next((e for e in self.entities if e.type.value == kind and e.key == key), None)
        if entity is None:
            return
        if entity is self._current_entity:
            self.next_mention()
        else:
            self._current_entity = entity
            first = entity.mentions[0]
            self._back.append(self.view.textCursor().position())
            self.view.mark(first.start, first.end)

    def _step_mention(self, mentions: list[Mention], step: int) -> Mention | None:
        if not mentions:
            return None
        mark = self.view.current_mark()
        here = mark[0] if mark else self.view.offset_at_cursor() - (1 if step > 0 else 0)
        starts = [m.start for m in mentions]
        target = mentions[wrapped_step(starts, here, step)]
        self.view.mark(target.start, target.end)
        return target

    def next_mention(self) -> None:
        """Next mention of the current entity (wraps)."""
        if self._current_entity:
            self._step_mention(self._current_entity.mentions, 1)

    def previous_mention(self) -> None:
        """Previous mention of the current entity (wraps)."""
        if self._current_entity:
            self._step_mention(self._current_entity.mentions, -1)

    def _step_entity(self, step: int) -> None:
        hidden = self._hidden()
        visible = [(m, e) for _, _, m, e in self._mentions if e.type not in hidden]
        target = self._step_mention([m for m, _ in visible], step)
        if target is not None:
            self._current_entity = next(e for m, e in visible if m is target)

    def next_entity(self) -> None:
        """Next highlighted mention of any entity."""
        self._step_entity(1)

    def previous_entity(self) -> None:
        """Previous highlighted mention of any entity."""
        self._step_entity(-1)

    # -- paragraphs and paging ----------------------------------------------------
    def _step_paragraph(self, step: int) -> None:
        count = self.view.block_count()
        if not count:
            return
        starts = [self.view.block_span(i)[0] for i in range(count)]
        mark = self.view.current_mark()
        here = mark[0] if mark else self.view.offset_at_cursor()
        current = bisect_right(starts, here) - 1  # -1 while still in the title
        target = max(0, min(count - 1, current + step))
        self.view.mark(*self.view.block_span(target))

    def next_paragraph(self) -> None:
        """Mark the next paragraph."""
        self._step_paragraph(1)

    def previous_paragraph(self) -> None:
        """Mark the previous paragraph."""
        self._step_paragraph(-1)

    def go_start(self) -> None:
        """Top of the article."""
        self._jump(0)

    def go_end(self) -> None:
        """End of the article."""
        self._jump(self.view.document().characterCount() - 1)

    def page_down(self) -> None:
        """One screen on."""
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + bar.pageStep())

    def page_up(self) -> None:
        """One screen back."""
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() - bar.pageStep())

    # -- focus --------------------------------------------------------------------
    def focus_reader(self) -> None:
        """Keyboard focus to the text."""
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_sidebar(self) -> None:
        """Keyboard focus to the sidebar's current list."""
        self.dock.show()
        self.sidebar.tabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cycle_focus(self) -> None:
        """Reading view → sidebar → find box (if open) → reading view."""
        focus = QApplication.focusWidget()
        if focus is self.view or (focus is not None and self.view.isAncestorOf(focus)):
            self.focus_sidebar()
        elif focus is not None and self.sidebar.isAncestorOf(focus) and self.find_bar.isVisible():
            self.find_bar.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.focus_reader()

    # -- find ---------------------------------------------------------------------
    def show_find(self) -> None:
        """Open the find bar and focus it."""
        self.find_bar.open_bar()

    def _run_search(self) -> None:
        if self.doc is None:
            return
        query = self.find_bar.query.text()
        self._matches = find_all(query, self.doc.text, self.find_bar.options()) if query.strip() else []
        self._match_index = -1
        if self._matches:
            here = self.view.offset_at_cursor()
            self._match_index = next((i for i, (s, _) in enumerate(self._matches) if s >= here), 0)
            self.view.go_to_position(self.view.position_of(self._matches[self._match_index][0]))
        self.view.set_matches(self._matches, self._match_index)
        self._update_count()

    def _update_count(self) -> None:
        n = len(self._matches)
        query = self.find_bar.query.text().strip()
        self.find_bar.count.setText(f"{self._match_index + 1}/{n}" if n else ("لا نتائج" if query else ""))

    def _step_match(self, step: int) -> None:
        if not self._matches:
            return
        self._match_index = (self._match_index + step) % len(self._matches)
        start, _ = self._matches[self._match_index]
        self.view.go_to_position(self.view.position_of(start))
        self.view.set_matches(self._matches, self._match_index)
        self._update_count()

    def find_next(self) -> None:
        """Next match (opens the bar if closed)."""
        if not self.find_bar.isVisible():
            self.show_find()
        self._step_match(1)

    def find_previous(self) -> None:
        """Previous match."""
        if not self.find_bar.isVisible():
            self.show_find()
        self._step_match(-1)

    def _end_search(self) -> None:
        self._matches, self._match_index = [], -1
        self.view.set_matches([], -1)
        self.focus_reader()

    # -- help ---------------------------------------------------------------------
    def palette_entries(self) -> list[tuple[str, str, object]]:
        """Palette rows: every action, then every entity and footnote by name."""
        rows: list[tuple[str, str, object]] = []
        for spec in ACTIONS:
            if spec.menu:
                rows.append((bilingual(spec), self.shortcut_text(spec), self.actions_by_id[spec.id].trigger))
        for e in self.entities:
            rows.append((f"→ {e.name} ({e.type.value.lower()})", "", lambda e=e: self._on_entity_chosen(e.type.value, e.key)))
        for note in self.doc.footnotes if self.doc else []:
            rows.append((f"→ {note.marker} {note.text}", "", lambda n=note.note_id: self.show_note(n)))
        return rows

    def show_palette(self) -> CommandPalette:
        """Open the command palette."""
        palette = CommandPalette(self.palette_entries(), self)
        palette.open()
        palette.filter.setFocus()
        return palette

    def show_shortcuts(self) -> ShortcutSheet:
        """Open the shortcut sheet."""
        sheet = ShortcutSheet([(spec, self.shortcut_text(spec)) for spec in ACTIONS if spec.menu], self)
        sheet.open()
        return sheet

    # -- print and PDF ------------------------------------------------------------
    def export_pdf(self) -> None:
        """Export the article to a PDF file."""
        from reader.ui.printing import export_pdf_dialog

        if self.doc is not None:
            export_pdf_dialog(self, self.doc, self.settings)

    def print_document(self) -> None:
        """Print through Qt's print dialog."""
        from reader.ui.printing import print_dialog

        if self.doc is not None:
            print_dialog(self, self.doc, self.settings, preview=False)

    def print_settings(self) -> None:
        """Paper, margins, print size, highlights, digits: chosen once, remembered."""
        from reader.ui.printing import PrintOptionsDialog

        dialog = PrintOptionsDialog(self.settings.print, self)
        dialog.accepted.connect(lambda: self._set_print_options(dialog.options()))
        dialog.open()

    def _set_print_options(self, options: PrintOptions) -> None:
        self.settings.print = options
        self._save()

    def print_preview(self) -> None:
        """Show the print preview."""
        from reader.ui.printing import print_dialog

        if self.doc is not None:
            print_dialog(self, self.doc, self.settings, preview=True)
