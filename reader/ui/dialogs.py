"""Dialogs built from the action table: command palette, shortcut sheet, rebinding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.normalize import fold
from reader.ui.actions import ActionSpec, bilingual, ltr

ROLE = Qt.ItemDataRole.UserRole
#: A palette row: label, shortcut text, what choosing it runs.
PaletteEntry = tuple[str, str, Callable[[], object]]


class _FilterEdit(QLineEdit):
    """Up/Down move in the list while typing; Enter picks."""

    def __init__(self, target: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            row = self._target.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self._target.setCurrentRow(max(0, min(row, self._target.count() - 1)))
        else:
            super().keyPressEvent(event)


class CommandPalette(QDialog):
    """Filter actions (English or Arabic label, diacritics ignored) and entities/notes by name."""

    def __init__(self, entries: list[PaletteEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("لوحة الأوامر · Command palette")
        self.resize(560, 420)
        self._entries = entries
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("paletteList")
        self.filter = _FilterEdit(self.list)
        self.filter.setObjectName("paletteFilter")
        self.filter.setPlaceholderText("اكتب أمرًا أو اسمًا… · Type a command or a name…")
        self.filter.textChanged.connect(self._refilter)
        self.filter.returnPressed.connect(self._run_current)
        self.list.itemActivated.connect(lambda _item: self._run_current())
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self._refilter("")

    def _refilter(self, text: str) -> None:
        words = fold(text).split()
        self.list.clear()
        for i, (label, keys, _) in enumerate(self._entries):
            hay = fold(label)
            if all(w in hay for w in words):
                item = QListWidgetItem(f"{label}    {ltr(keys)}" if keys else label)
                item.setData(ROLE, i)
                self.list.addItem(item)
        self.list.setCurrentRow(0)

    def _run_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        run = self._entries[item.data(ROLE)][2]
        self.accept()
        run()


class ShortcutSheet(QDialog):
    """Every action with its shortcuts, generated from the table."""

    def __init__(self, rows: list[tuple[ActionSpec, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("اختصارات لوحة المفاتيح · Keyboard shortcuts")
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels(["Shortcut", "Action", "الأمر"])
        self.table.verticalHeader().hide()
        for r, (spec, keys) in enumerate(rows):
            for c, text in enumerate((ltr(keys), ltr(spec.label), spec.label_ar)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class RebindDialog(QDialog):
    """Pick an action and press its new keys; the window checks for conflicts."""

    def __init__(self, specs: list[ActionSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("تغيير اختصار · Change a shortcut")
        layout = QVBoxLayout(self)
        self.action_box = QComboBox()
        for spec in specs:
            self.action_box.addItem(bilingual(spec), spec.id)
        self.keys = QKeySequenceEdit()
        self.keys.setMaximumSequenceLength(1)
        self.message = QLabel("")
        layout.addWidget(self.action_box)
        layout.addWidget(self.keys)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str, str]:
        """(action id, portable key string)."""
        return self.action_box.currentData(), self.keys.keySequence().toString(QKeySequence.SequenceFormat.PortableText)


class RecentMenu(QMenu):
    """The recent files as a submenu; emits ``pathChosen(str)``.

    The window fills it (:meth:`set_paths`) each time it is about to show.
    """

    pathChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Recent files · الملفات الحديثة", parent)

    def set_paths(self, paths: list[str]) -> None:
        """List ``paths``, numbered for the keyboard; "(none yet)" when empty."""
        self.clear()
        for i, path in enumerate(paths, start=1):
            action = self.addAction(f"&{i % 10} {Path(path).name} — {Path(path).parent}")
            action.triggered.connect(lambda _checked=False, p=path: self.pathChosen.emit(p))
        if not paths:
            self.addAction("(none yet)").setEnabled(False)


def choose_recent(parent: QWidget, paths: list[str]) -> str | None:
    """Ask which of ``paths`` to open (say so if there are none); None if cancelled."""
    if not paths:
        QMessageBox.information(parent, "Qari", "No recent files yet.")
        return None
    choice, ok = QInputDialog.getItem(parent, "Recent files · الملفات الحديثة", "Open:", paths, 0, False)
    return choice if ok and choice else None
