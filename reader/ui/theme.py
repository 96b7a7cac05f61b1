"""Light, dark and follow-the-system themes.

pyqtdarktheme styles the widgets; "follow the system" reads Qt's own colour
scheme hint rather than ``setup_theme("auto")``, which starts a ``gsettings
monitor`` process that outlives the app on Linux.
"""

from __future__ import annotations

import qdarktheme
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

THEMES = ("auto", "light", "dark")


def resolve(theme: str) -> str:
    """``"light"`` or ``"dark"`` for a theme setting (``"auto"`` asks the system)."""
    if theme in ("light", "dark"):
        return theme
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def apply(app: QApplication, theme: str) -> str:
    """Style ``app`` for ``theme``; return the resolved ``"light"``/``"dark"``."""
    resolved = resolve(theme)
    app.setPalette(qdarktheme.load_palette(resolved))
    app.setStyleSheet(qdarktheme.load_stylesheet(resolved))
    return resolved
