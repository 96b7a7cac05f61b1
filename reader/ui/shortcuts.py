"""The action table made real: QActions, menus and key bindings, with the user's overrides.

The table (:mod:`reader.ui.actions`) says what exists; this module turns it into
Qt objects once, and answers "which keys run this now?" and "may these keys be
bound to that?" for the window, the shortcut sheet and the palette.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from reader.ui.actions import ACTIONS, MENUS, ActionSpec, bilingual, ltr, resolve_handler
from reader.ui.dialogs import PaletteEntry, RebindDialog, ShortcutSheet


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


def shortcut_keys(spec: ActionSpec, overrides: Mapping[str, str]) -> tuple[str, ...]:
    """The keys bound to ``spec`` now: the user's override (empty: none), else the default."""
    if spec.id in overrides:
        override = overrides[spec.id]
        return (override,) if override else ()
    return spec.shortcuts


def shortcut_text(spec: ActionSpec, overrides: Mapping[str, str]) -> str:
    """Human-readable shortcuts of ``spec`` on this platform."""
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in key_sequences(shortcut_keys(spec, overrides)))


def conflict(action_id: str, keys: str, overrides: Mapping[str, str]) -> ActionSpec | None:
    """The other action ``keys`` already run, if any (a rebinding must not steal them)."""
    new = key_sequences((keys,)) if keys else []
    for spec in ACTIONS:
        if spec.id != action_id and any(k in key_sequences(shortcut_keys(spec, overrides)) for k in new):
            return spec
    return None


class Keymap:
    """A window's actions and their keys: defaults from the table, the user's overrides from the settings.

    Attributes:
        actions: the QAction of each table entry, by id (after :meth:`install`).
        menus: the menus by key (``"file"``, ``"go"`` …).
    """

    def __init__(self, window: QMainWindow, overrides: dict[str, str], save: Callable[[], None]) -> None:
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self._window = window
        self._overrides = overrides
        self._save = save

    def install(self, owner: object, reader: QWidget) -> None:
        """A QAction for every entry of the table, in its menu, bound to its keys.

        Handlers are looked up on ``owner`` (dotted names reach its controllers,
        this keymap included).  "reader" actions only fire while ``reader`` has
        focus, so single keys never steal typing in the find box or the sidebar.
        """
        window = self._window
        self.menus = {key: window.menuBar().addMenu(f"{ltr(en)} · {ar}") for key, en, ar in MENUS}
        for spec in ACTIONS:
            action = QAction(bilingual(spec), window)
            action.setObjectName(spec.id)
            action.setCheckable(spec.checkable)
            action.setShortcuts(key_sequences(shortcut_keys(spec, self._overrides)))
            handler = resolve_handler(owner, spec.handler)
            action.triggered.connect(lambda _checked=False, h=handler: h())
            if spec.scope == "reader":
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                reader.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                window.addAction(action)
            if spec.menu:
                self.menus[spec.menu].addAction(action)
            self.actions[spec.id] = action

    def text(self, spec: ActionSpec) -> str:
        """Human-readable shortcuts of ``spec`` now, on this platform."""
        return shortcut_text(spec, self._overrides)

    def rebind(self, action_id: str, keys: str) -> str | None:
        """Bind ``keys`` (a portable key string; empty: none) to ``action_id`` and save; on a conflict change nothing and say why."""
        taken = conflict(action_id, keys, self._overrides)
        if taken is not None:
            return f"{keys} is already bound to “{taken.label}”"
        self._overrides[action_id] = keys
        self.actions[action_id].setShortcuts(key_sequences((keys,)) if keys else [])
        self._save()
        return None

    def rebind_shortcut(self) -> None:
        """Ask for an action and new keys; refuse conflicts with a message."""
        dialog = RebindDialog(list(ACTIONS), self._window)
        if dialog.exec():
            error = self.rebind(*dialog.choice())
            if error:
                QMessageBox.warning(self._window, "Qari", error)

    def show_shortcuts(self) -> ShortcutSheet:
        """Open the shortcut sheet."""
        sheet = ShortcutSheet([(spec, self.text(spec)) for spec in ACTIONS if spec.menu], self._window)
        sheet.open()
        return sheet

    def palette_rows(self) -> list[PaletteEntry]:
        """A command palette row for every action in a menu."""
        return [(bilingual(spec), self.text(spec), self.actions[spec.id].trigger) for spec in ACTIONS if spec.menu]
