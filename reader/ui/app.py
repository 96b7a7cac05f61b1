"""Create the QApplication: bundled fonts, theme, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QMessageLogContext, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QFileOpenEvent, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from reader.core.resources import font_dir, resource
from reader.core.settings import Paths, Settings
from reader.core.state import State, load_state
from reader.ui import theme as themes
from reader.ui.main_window import MainWindow

FALLBACK_FAMILY = "Amiri"


def font_files() -> list[Path]:
    """The Arabic font files Qari ships (the ``fontpkg-amiri`` package)."""
    return sorted(font_dir().glob("Amiri-*.ttf"))


def load_fonts() -> str:
    """Register the bundled Arabic font; return its family name."""
    family = FALLBACK_FAMILY
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    return family


#: Qt messages that say nothing to a user (the offscreen platform cannot hint window sizes).
_QUIET = ("This plugin does not support propagateSizeHints()", "This plugin does not support raise()")
_previous_handler = None


def _message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message in _QUIET:
        return
    if _previous_handler is not None:
        _previous_handler(kind, context, message)
    else:
        sys.stderr.write(message + "\n")


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    global _previous_handler
    _previous_handler = qInstallMessageHandler(_message_handler)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QariApp(argv or sys.argv[:1])
    app.setApplicationName("Qari")
    app.setOrganizationName("Qari")
    app.setDesktopFileName("io.github.qari.Qari")
    icon = resource("icons", "qari.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


class QariApp(QApplication):
    """The application, which turns the desktop's FileOpen events (macOS Finder, "Open with") into a signal.

    An override of ``event``, not an application-wide event filter: a filter in Python
    sees every event of every widget, each needing the GIL, and while the entities are
    found in a worker that stalled the event loop by 100–150 ms at a time.

    Signals:
        fileOpenRequested(str): the path the desktop asked to open.
    """

    fileOpenRequested = Signal(str)

    def event(self, event: QEvent) -> bool:
        """Turn a FileOpen event into :attr:`fileOpenRequested`."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.fileOpenRequested.emit(event.file())
            return True
        return super().event(event)


def make_window(settings: Settings, paths: Paths, app: QApplication, state: State | None = None) -> MainWindow:
    """Fonts, theme and a main window for ``settings`` and ``state`` (loaded from ``paths`` if not given)."""
    family = load_fonts()
    app.setLayoutDirection(Qt.LayoutDirection.LeftToRight if settings.ui_direction == "ltr" else Qt.LayoutDirection.RightToLeft)
    themes.apply(app, settings.theme)
    warning = None
    if state is None:
        state, warning = load_state(paths)
    window = MainWindow(settings, state, paths, family)
    if warning:
        window.statusBar().showMessage(warning, 10000)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: window.follow_system_theme())
    if isinstance(app, QariApp):
        app.fileOpenRequested.connect(window.open_path)
    return window
