"""Going places in the article: the window's "Go" actions, footnote links, and the sidebar's choices.

The decisions are :class:`~reader.core.navigation.Navigator`'s (plain data,
tested without a window); this controller only asks it where to go, from the
place the reading view reports, and tells the view to go there.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.document import Document
from reader.core.entities.types import Entity, EntityType, Mention
from reader.core.navigation import Navigator, Place, Span
from reader.ui.reading_view import ReadingView


class NavigationController:
    """Runs every "go to" of one reading view.

    Attributes:
        navigator: the targets and the Back/Forward history of the article on screen.
    """

    def __init__(self, view: ReadingView) -> None:
        self.navigator = Navigator()
        self._view = view
        view.noteRequested.connect(self.show_note)
        view.refRequested.connect(self.show_ref)

    def set_article(self, document: Document, entities: Sequence[Entity], hidden: frozenset[EntityType]) -> None:
        """A new article: nothing current, no history."""
        self.navigator = Navigator(document, entities, hidden)

    def set_hidden(self, hidden: frozenset[EntityType]) -> None:
        """Entity types no longer highlighted (skipped by N and Shift+N)."""
        self.navigator.hidden = hidden

    def _jump(self, to: Place | None, length: int = 0) -> bool:
        """Go to ``to``, remembering where we were (for Back)."""
        if to is None:
            return False
        self._view.go_to(self.navigator.jump(self._view.cursor_place(), to), length)
        return True

    def _go(self, to: Place | None, length: int = 0) -> None:
        if to is not None:
            self._view.go_to(to, length)

    def _mark(self, target: Mention | Span | None) -> None:
        if isinstance(target, Mention):
            self._view.mark(target.start, target.end)
        elif target is not None:
            self._view.mark(*target)

    def go_back(self) -> None:
        """Return to where the last jump started."""
        self._go(self.navigator.back(self._view.cursor_place()))

    def go_forward(self) -> None:
        """Redo a jump undone by Back."""
        self._go(self.navigator.forward(self._view.cursor_place()))

    def go_start(self) -> None:
        """Top of the article."""
        self._jump(Place.in_title())

    def go_end(self) -> None:
        """End of the article."""
        self._jump(self._view.place_at(self._view.end_position()))

    def show_note(self, note_id: str) -> None:
        """Jump to a note's body."""
        if self._jump(self.navigator.note_place(note_id), 1):
            self._view.setFocus()

    def show_ref(self, note_id: str) -> None:
        """Jump to a note's marker."""
        if self._jump(self.navigator.ref_place(note_id), 1):
            self._view.setFocus()

    def follow_footnote(self) -> None:
        """On a marker, go to its note; on a note, go back to its marker."""
        if self._jump(self.navigator.follow(self._view.cursor_place()), 1):
            self._view.setFocus()

    def next_footnote(self) -> None:
        """Select the next footnote marker."""
        self._go(self.navigator.next_footnote(self._view.cursor_place(), 1), 1)

    def previous_footnote(self) -> None:
        """Select the previous footnote marker."""
        self._go(self.navigator.next_footnote(self._view.cursor_place(), -1), 1)

    def choose_entity(self, kind: str, key: str) -> None:
        """The sidebar or palette chose an entity: its first mention, or its next if already current."""
        entity = self.navigator.entity(kind, key)
        if entity is not None:
            self._mark(self.navigator.choose(entity, self._view.cursor_place()))

    def next_mention(self) -> None:
        """Next mention of the current entity (wraps)."""
        self._mark(self.navigator.next_of_entity(self.navigator.current, self._view.cursor_place(), 1))

    def previous_mention(self) -> None:
        """Previous mention of the current entity (wraps)."""
        self._mark(self.navigator.next_of_entity(self.navigator.current, self._view.cursor_place(), -1))

    def next_entity(self) -> None:
        """Next highlighted mention of any entity."""
        self._mark(self.navigator.next_mention(self._view.cursor_place(), 1))

    def previous_entity(self) -> None:
        """Previous highlighted mention of any entity."""
        self._mark(self.navigator.next_mention(self._view.cursor_place(), -1))

    def next_paragraph(self) -> None:
        """Mark the next paragraph."""
        self._mark(self.navigator.next_paragraph(self._view.cursor_place(), 1))

    def previous_paragraph(self) -> None:
        """Mark the previous paragraph."""
        self._mark(self.navigator.next_paragraph(self._view.cursor_place(), -1))
