"""The main window: builds the panes and decides what the widgets' intent signals do.

Navigation is decided by :class:`~reader.core.navigation.Navigator` (plain
data) and carried out by :mod:`reader.ui.navigation_controller`; find and print
have their own controllers; the actions and their keys come from the table
(:mod:`reader.ui.actions`, :mod:`reader.ui.shortcuts`).  The window is given
everything it needs (settings, state, paths, font family) by its constructor.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QVBoxLayout, QWidget

from reader.core.article import Article
from reader.core.document import Document
from reader.core.entities.types import Entity, EntityType
from reader.core.errors import QariError
from reader.core.layout import entity_spans, lay_out
from reader.core.settings import Paths, Settings, field_range, save_settings
from reader.core.state import State, save_state
from reader.ui import theme as themes
from reader.ui.actions import ACTIONS
from reader.ui.dialogs import CommandPalette, PaletteEntry, RecentMenu, choose_recent
from reader.ui.find_bar import FindBar
from reader.ui.find_controller import FindController
from reader.ui.navigation_controller import NavigationController
from reader.ui.opening import Opener
from reader.ui.print_controller import PrintController
from reader.ui.reading_view import ReadingView
from reader.ui.shortcuts import Keymap
from reader.ui.sidebar import Sidebar, sidebar_dock

__all__ = ["FILE_FILTER", "MainWindow"]

FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.docx);;All files (*)"


class MainWindow(QMainWindow):
    """Qari's window.

    Attributes:
        settings: what the user chose (saved to settings.json).
        state: reading positions and recent files (saved to state.json).
        article: the article on screen, if any.
        view: the reading view.
        sidebar: entities and footnotes.
        find_bar: the Arabic-aware find bar; ``finder`` decides what it finds.
        navigation: every "go to" (the navigator decides, the view goes), Back and Forward.
        keymap: the actions and their keys; ``actions_by_id`` its QAction for each entry of the table.
        printing: print, preview, PDF export and print settings.
    """

    def __init__(self, settings: Settings, state: State, paths: Paths, font_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.state = state
        self.paths = paths
        self.article: Article | None = None
        self._theme = themes.resolve(settings.theme)
        self.opener = Opener(self, self.show_article, self._analysed)
        self.setWindowTitle("Qari")
        self.resize(1280, 820)
        self.setAcceptDrops(True)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.view = ReadingView(font_family)
        self.view.setAcceptDrops(False)
        self.navigation = NavigationController(self.view)
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.finder = FindController(self.find_bar, self.view, self.focus_reader)
        self.printing = PrintController(self, settings, lambda: self.article, self._hidden, self._save)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.sidebar = Sidebar()
        self.sidebar.entityActivated.connect(self.navigation.choose_entity)
        self.sidebar.noteActivated.connect(self.navigation.show_note)
        self.sidebar.hiddenTypesChanged.connect(self._on_hidden_changed)
        self.sidebar.escaped.connect(self.focus_reader)
        self.dock = sidebar_dock(self.sidebar, settings.sidebar_visible)
        # The leading side of an Arabic reading layout: Qt mirrors Left/Right with the layout direction.
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [340], Qt.Orientation.Horizontal)
        self.dock.visibilityChanged.connect(self._on_dock_visibility)

        dropped = settings.drop_unknown_shortcuts(spec.id for spec in ACTIONS)
        self.keymap = Keymap(self, settings.shortcuts, self._save)
        self.keymap.install(self, self.view)
        self.actions_by_id = self.keymap.actions
        # The recent files themselves, as a submenu after "Open recent…" (data, not actions).
        self.recent_menu = RecentMenu(self)
        self.keymap.menus["file"].insertMenu(self.actions_by_id["file.print"], self.recent_menu)
        self.recent_menu.aboutToShow.connect(lambda: self.recent_menu.set_paths(self._recent()))
        self.recent_menu.pathChosen.connect(self.open_path)
        self.actions_by_id["view.justify"].setChecked(settings.justify)
        self.actions_by_id["view.sidebar"].setChecked(settings.sidebar_visible)
        # Tab order of the panes: text → sidebar list → find box.
        QWidget.setTabOrder(self.view, self.sidebar.entities)
        QWidget.setTabOrder(self.sidebar.entities, self.find_bar.query)
        self.statusBar()
        if dropped:
            self.statusBar().showMessage(f"Shortcuts for actions that no longer exist were dropped: {', '.join(dropped)}", 10000)

    # -- documents ----------------------------------------------------------------
    @property
    def doc(self) -> Document | None:
        """The document on screen, if any."""
        return self.article.document if self.article else None

    @property
    def entities(self) -> list[Entity]:
        """The entities of the article on screen (empty until analysed)."""
        return self.article.entities_or_empty() if self.article else []

    @property
    def is_loading(self) -> bool:
        """True while a file is being read in the background."""
        return self.opener.loading is not None

    def open_path(self, path: str | Path) -> bool:
        """Open ``path``; on failure say why and keep the current article (see :class:`~reader.ui.opening.Opener`)."""
        return self.opener.open(Path(path))

    @property
    def is_analysing(self) -> bool:
        """True while the entities of the article on screen are being found, or highlighted."""
        return self.opener.analysis is not None or self.view.highlighting()

    def show_article(self, article: Article) -> None:
        """Display an already opened article."""
        self._remember_position()
        self.article = article
        doc, entities = article.document, self.entities
        self.navigation.set_article(doc, entities, self._hidden())
        self.view.clear_marks()
        self._render()
        self.setWindowTitle(f"{doc.title} — Qari")
        if doc.source:
            self.state.add_recent(str(doc.source))
            self._save_state()
        self._say_what_is_shown()
        QTimer.singleShot(0, self._restore_position)
        self.finder.set_article(article)
        self.opener.analyse(article)

    def _analysed(self, article: Article) -> None:
        """The entities of the article on screen arrived: highlight them in place, list them, make them navigable."""
        hidden = self._hidden()
        self.navigation.set_article(article.document, self.entities, hidden)
        self.view.apply_entities(entity_spans(article.document, self.entities, hidden))
        self.sidebar.populate(self.entities, article.document.footnotes, set(hidden), self._theme)
        self._say_what_is_shown()

    def _say_what_is_shown(self) -> None:
        doc, article = self.doc, self.article
        if doc is None or article is None:
            return
        found = f"{len(self.entities)} entities" if article.analysed else "finding entities…"
        self.statusBar().showMessage(f"{doc.encoding} · {found} · {len(doc.footnotes)} notes")

    def _hidden(self) -> frozenset[EntityType]:
        return frozenset(t for t in EntityType if t.value in self.settings.hidden_types)

    def _render(self) -> None:
        if self.doc is None:
            return
        hidden = self._hidden()
        s = self.settings
        self.view.show_document(self.doc, lay_out(self.doc, self.entities, hidden), self._theme, s.font_size, s.line_spacing, s.justify)
        self.sidebar.set_hidden(set(hidden))
        self.sidebar.populate(self.entities, self.doc.footnotes, set(hidden), self._theme)

    def _remember_position(self) -> None:
        if self.doc is not None and self.doc.source is not None and self.view.block_count():
            self.state.remember_position(str(self.doc.source), self.view.top_position())

    def _restore_position(self) -> None:
        pos = self.state.positions.get(str(self.doc.source)) if self.doc and self.doc.source else None
        if pos is not None:
            self.view.scroll_to_top(pos)

    def open_dialog(self) -> None:
        """Ask for a file and open it."""
        start = str(self.doc.source.parent) if self.doc and self.doc.source else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "فتح مقال · Open article", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def _recent(self) -> list[str]:
        return [p for p in self.state.recent_files if Path(p).exists()]

    def open_recent(self) -> None:
        """Choose one of the recent files."""
        choice = choose_recent(self, self._recent())
        if choice:
            self.open_path(choice)

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

    # -- settings and state -------------------------------------------------------
    def _save(self) -> None:
        try:
            save_settings(self.settings, self.paths)
        except QariError as exc:
            self.statusBar().showMessage(str(exc), 10000)

    def _save_state(self) -> None:
        try:
            save_state(self.state, self.paths)
        except QariError as exc:
            self.statusBar().showMessage(str(exc), 10000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Remember where the reader was, then save settings and state."""
        self._remember_position()
        self._save()
        self.printing.cancel()
        self.opener.stop()
        self._save_state()
        super().closeEvent(event)

    def _rerender_keeping_place(self) -> None:
        place = self.view.cursor_place()
        self._render()
        self.view.go_to(place)
        self._save()

    def _set_font_size(self, size: float) -> None:
        low, high = field_range(Settings, "font_size")
        self.settings.font_size = max(low, min(high, size))
        self._rerender_keeping_place()

    def zoom_in(self) -> None:
        """Larger text."""
        self._set_font_size(self.settings.font_size + 2)

    def zoom_out(self) -> None:
        """Smaller text."""
        self._set_font_size(self.settings.font_size - 2)

    def zoom_reset(self) -> None:
        """Default text size."""
        self._set_font_size(Settings().font_size)

    def _set_spacing(self, spacing: float) -> None:
        low, high = field_range(Settings, "line_spacing")
        self.settings.line_spacing = max(low, min(high, round(spacing, 2)))
        self._rerender_keeping_place()

    def spacing_more(self) -> None:
        """More space between lines."""
        self._set_spacing(self.settings.line_spacing + 0.1)

    def spacing_less(self) -> None:
        """Less space between lines."""
        self._set_spacing(self.settings.line_spacing - 0.1)

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
        self.navigation.set_hidden(self._hidden())
        self._rerender_keeping_place()

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

    # -- help ---------------------------------------------------------------------
    def palette_entries(self) -> list[PaletteEntry]:
        """Palette rows: every action, then every entity and footnote by name."""
        rows = self.keymap.palette_rows()
        rows += [(f"→ {e.name} ({e.type.value.lower()})", "", partial(self.navigation.choose_entity, e.type.value, e.key)) for e in self.entities]
        rows += [(f"→ {n.marker} {n.text}", "", partial(self.navigation.show_note, n.note_id)) for n in (self.doc.footnotes if self.doc else [])]
        return rows

    def show_palette(self) -> CommandPalette:
        """Open the command palette."""
        palette = CommandPalette(self.palette_entries(), self)
        palette.open()
        palette.filter.setFocus()
        return palette
