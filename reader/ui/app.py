"""Create the QApplication: bundled fonts, theme, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

import fontpkg_amiri
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from reader.core.resources import resource
from reader.core.settings import Paths, Settings
from reader.ui import theme as themes
from reader.ui.main_window import MainWindow

FALLBACK_FAMILY = "Amiri"


def font_files() -> list[Path]:
    """The Arabic font files Qari ships (the ``fontpkg-amiri`` package)."""
    return sorted(Path(fontpkg_amiri.ROOT, "files").glob("Amiri-*.ttf"))


def load_fonts() -> str:
    """Register the bundled Arabic font; return its family name."""
    family = FALLBACK_FAMILY
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    return family


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Qari")
    app.setOrganizationName("Qari")
    app.setDesktopFileName("qari")
    icon = resource("icons", "qari.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def make_window(settings: Settings, paths: Paths, app: QApplication) -> MainWindow:
    """Fonts, theme and a main window for ``settings``."""
    family = load_fonts()
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight if settings.ui_direction == "ltr" else Qt.LayoutDirection.RightToLeft)
    themes.apply(app, settings.theme)
    window = MainWindow(settings, paths, family)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: window.follow_system_theme())
    return window
