"""The sidebar: a legend that hides types, entities grouped by type, footnotes.

It only emits intent signals; the window decides what they do.
"""

from __future__ import annotations

from functools import cmp_to_key

from PySide6.QtCore import QCollator, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDockWidget, QHBoxLayout, QLabel, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from reader.core.document import Footnote
from reader.core.entities import Entity, EntityType
from reader.core.entity_style import HIGHLIGHTS, TYPE_LABELS

ROLE = Qt.ItemDataRole.UserRole


def arabic_order(names: list[str]) -> list[str]:
    """``names`` in Arabic dictionary order (ICU's collation: أ إ آ ا sort together), not code-point order."""
    return sorted(names, key=cmp_to_key(QCollator(QLocale(QLocale.Language.Arabic)).compare))


class _Tree(QTreeWidget):
    """A tree where Enter activates the current item (Qt's default is platform-dependent) and Escape leaves."""

    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.itemActivated.emit(self.currentItem(), 0)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class Sidebar(QWidget):
    """Entity and footnote lists.

    Signals:
        entityActivated(str, str): entity type value and key chosen.
        noteActivated(str): note id chosen.
        hiddenTypesChanged(list): the entity type values now hidden.
    """

    entityActivated = Signal(str, str)
    noteActivated = Signal(str)
    hiddenTypesChanged = Signal(list)
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.legend = QWidget()
        legend_layout = QVBoxLayout(self.legend)
        legend_layout.setContentsMargins(0, 0, 0, 0)
        legend_layout.setSpacing(2)
        self.type_boxes: dict[EntityType, QCheckBox] = {}
        self._swatches: dict[EntityType, QLabel] = {}
        for kind in EntityType:
            row = QHBoxLayout()
            swatch = QLabel()
            swatch.setFixedSize(14, 14)
            box = QCheckBox(f"{TYPE_LABELS[kind][1]} · {TYPE_LABELS[kind][0]}")
            box.setChecked(True)
            box.toggled.connect(self._emit_hidden)
            row.addWidget(swatch)
            row.addWidget(box, 1)
            legend_layout.addLayout(row)
            self.type_boxes[kind] = box
            self._swatches[kind] = swatch
        layout.addWidget(self.legend)
        self.tabs = QTabWidget()
        self.entities = _Tree()
        self.entities.setObjectName("entityTree")
        self.entities.setHeaderHidden(True)
        self.entities.itemActivated.connect(self._on_entity)
        self.entities.itemClicked.connect(self._on_entity)
        self.notes = _Tree()
        self.notes.setObjectName("noteList")
        self.notes.setHeaderHidden(True)
        self.notes.setRootIsDecorated(False)
        self.notes.setWordWrap(True)
        self.notes.itemActivated.connect(self._on_note)
        self.notes.itemClicked.connect(self._on_note)
        self.entities.escaped.connect(self.escaped)
        self.notes.escaped.connect(self.escaped)
        self.tabs.addTab(self.entities, "الكيانات · Entities")
        self.tabs.addTab(self.notes, "الحواشي · Notes")
        layout.addWidget(self.tabs, 1)

    def set_theme(self, theme: str) -> None:
        """Colour the legend swatches for ``theme``."""
        for kind, swatch in self._swatches.items():
            swatch.setStyleSheet(f"background: {HIGHLIGHTS[theme][kind][0]}; border: 1px solid #888;")

    def set_hidden(self, hidden: set[EntityType]) -> None:
        """Reflect hidden types in the legend without emitting."""
        for kind, box in self.type_boxes.items():
            box.blockSignals(True)
            box.setChecked(kind not in hidden)
            box.blockSignals(False)

    def populate(self, entities: list[Entity], notes: list[Footnote], hidden: set[EntityType], theme: str) -> None:
        """Fill both lists."""
        self.entities.clear()
        for kind in EntityType:
            members = [e for e in entities if e.type is kind]
            if not members or kind in hidden:
                continue
            total = sum(len(e.mentions) for e in members)
            top = QTreeWidgetItem([f"{TYPE_LABELS[kind][1]} · {TYPE_LABELS[kind][0]} ({len(members)}; {total})"])
            top.setData(0, ROLE, (kind.value, ""))
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
            rank = {name: i for i, name in enumerate(arabic_order([e.name for e in members]))}
            for e in sorted(members, key=lambda e: (-len(e.mentions), rank[e.name])):
                item = QTreeWidgetItem([f"{e.name}  ({len(e.mentions)})"])
                item.setData(0, ROLE, (kind.value, e.key))
                item.setBackground(0, QColor(HIGHLIGHTS[theme][kind][0]))
                item.setForeground(0, QColor(HIGHLIGHTS[theme][kind][1]))
                item.setToolTip(0, "، ".join(sorted({m.text for m in e.mentions})))
                top.addChild(item)
            self.entities.addTopLevelItem(top)
            top.setExpanded(True)
        self.notes.clear()
        for note in notes:
            item = QTreeWidgetItem([f"{note.marker}  {note.text}"])
            item.setData(0, ROLE, note.note_id)
            item.setToolTip(0, note.text)
            self.notes.addTopLevelItem(item)
        self.set_theme(theme)
        first = self.entities.topLevelItem(0)
        child = first.child(0) if first is not None and first.childCount() else None
        if child is not None:
            self.entities.setCurrentItem(child)
        # The reading direction of the lists follows their (Arabic) content.
        self.entities.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.notes.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

    def _on_entity(self, item: QTreeWidgetItem) -> None:
        kind, key = item.data(0, ROLE)
        if key:
            self.entityActivated.emit(kind, key)

    def _on_note(self, item: QTreeWidgetItem) -> None:
        self.noteActivated.emit(item.data(0, ROLE))

    def _emit_hidden(self) -> None:
        self.hiddenTypesChanged.emit([k.value for k, box in self.type_boxes.items() if not box.isChecked()])


def sidebar_dock(sidebar: Sidebar, visible: bool) -> QDockWidget:
    """``sidebar`` in a movable, closable dock (no floating: it belongs beside the text)."""
    dock = QDockWidget("الكيانات والحواشي · Entities and notes")
    dock.setObjectName("sidebarDock")
    dock.setWidget(sidebar)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    dock.setVisible(visible)
    return dock
