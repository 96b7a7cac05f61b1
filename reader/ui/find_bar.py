"""The find bar: a query box, the three Arabic toggles, whole word, a count."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.core.search import SearchOptions


class _QueryEdit(QLineEdit):
    """Enter finds the next match, Shift+Enter the previous, Escape closes."""

    stepRequested = Signal(int)
    closeRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.stepRequested.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        elif event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    """Emits ``searchChanged`` when the query or a toggle changes, ``stepRequested(±1)``, ``closed``."""

    searchChanged = Signal()
    stepRequested = Signal(int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.query = _QueryEdit()
        self.query.setObjectName("findQuery")
        self.query.setPlaceholderText("بحث… (يتجاهل التشكيل والهمزات)")
        self.query.setClearButtonEnabled(True)
        self.query.setMinimumWidth(220)
        self.query.textChanged.connect(self.searchChanged)
        self.query.stepRequested.connect(self.stepRequested)
        self.query.closeRequested.connect(self.close_bar)
        layout.addWidget(self.query, 1)
        self.diacritics = QCheckBox("مطابقة التشكيل")
        self.hamza = QCheckBox("مطابقة الهمزات")
        self.kashida = QCheckBox("مطابقة الكشيدة")
        self.whole_word = QCheckBox("كلمة كاملة")
        for box, tip in (
            (self.diacritics, "Match diacritics"),
            (self.hamza, "Match hamza forms of alef"),
            (self.kashida, "Match kashida (tatweel)"),
            (self.whole_word, "Whole word (prefixes و ف ب ك ل ال allowed)"),
        ):
            box.setToolTip(tip)
            box.toggled.connect(self.searchChanged)
            layout.addWidget(box)
        self.count = QLabel("")
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(70)
        layout.addWidget(self.count)
        for text, step, tip in (("▲", -1, "Previous match (Shift+Enter)"), ("▼", 1, "Next match (Enter)")):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, s=step: self.stepRequested.emit(s))
            layout.addWidget(button)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Escape)")
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)

    def options(self) -> SearchOptions:
        """The toggles as search options."""
        return SearchOptions(self.diacritics.isChecked(), self.hamza.isChecked(), self.kashida.isChecked(), self.whole_word.isChecked())

    def query_text(self) -> str:
        """What the reader typed."""
        return self.query.text()

    def set_count(self, text: str) -> None:
        """Show ``text`` ("2/5", "لا نتائج") beside the toggles."""
        self.count.setText(text)

    def open_bar(self) -> None:
        """Show and focus the query, selecting what was typed before."""
        self.show()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def close_bar(self) -> None:
        """Hide; the window clears the highlights."""
        self.hide()
        self.closed.emit()
