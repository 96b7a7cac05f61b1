"""Print, preview, PDF export and print settings, for the article on the window.

The window's "File" actions name these methods (``"printing.export_pdf"`` …);
the work itself is done by :mod:`reader.ui.printing` from the article, the
print options and the hidden entity types, never from the file again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMainWindow, QMessageBox

from reader.core.article import Article
from reader.core.entities.types import EntityType
from reader.core.errors import QariError
from reader.core.settings import PrintOptions, Settings
from reader.pdf.source import check_typesettable
from reader.ui.export_job import ExportJob

BUSY_MESSAGE = "A PDF export or print is still running: wait for it, or cancel it in its progress dialog."


class PrintController:
    """Runs the print actions of one window.

    Attributes:
        job: the running export or print job (kept alive until it finishes), if any.
    """

    def __init__(
        self,
        window: QMainWindow,
        settings: Settings,
        article: Callable[[], Article | None],
        hidden: Callable[[], frozenset[EntityType]],
        save: Callable[[], None],
    ) -> None:
        self.job: ExportJob | None = None
        self._window = window
        self._settings = settings
        self._article = article
        self._hidden = hidden
        self._save = save

    def export_pdf(self) -> None:
        """Export the article on screen to a PDF file (typeset from this article and these options)."""
        from reader.ui.printing import export_pdf_dialog

        article = self._ready()
        if article is not None:
            self.job = export_pdf_dialog(self._window, article, self._settings.print, self._hidden())

    def print_document(self) -> None:
        """Print through Qt's print dialog."""
        from reader.ui.printing import print_dialog

        article = self._ready()
        if article is not None:
            self.job = print_dialog(self._window, article, self._settings.print, self._hidden(), preview=False)

    def print_preview(self) -> None:
        """Show the print preview."""
        from reader.ui.printing import print_dialog

        article = self._ready()
        if article is not None:
            self.job = print_dialog(self._window, article, self._settings.print, self._hidden(), preview=True)

    def busy(self) -> bool:
        """Whether an export or print job is still running."""
        return self.job is not None and self.job.running

    def cancel(self) -> None:
        """Stop a running job (the window is closing): its child is killed, the previous file at the target stays."""
        if self.busy():
            assert self.job is not None
            self.job.cancel()

    def _ready(self) -> Article | None:
        """The article to print, unless a job is running (a second job would kill the first's child) or it is too long."""
        if self.busy():
            self._window.statusBar().showMessage(BUSY_MESSAGE, 8000)
            return None
        article = self._article()
        if article is not None:
            try:
                check_typesettable(article)
            except QariError as exc:
                QMessageBox.warning(self._window, "Qari", str(exc))
                return None
        return article

    def print_settings(self) -> None:
        """Paper, margins, print size, highlights, digits: chosen once, remembered."""
        from reader.ui.printing import PrintOptionsDialog

        dialog = PrintOptionsDialog(self._settings.print, self._window)
        dialog.accepted.connect(lambda: self._set_options(dialog.options()))
        dialog.open()

    def _set_options(self, options: PrintOptions) -> None:
        self._settings.print = options
        self._save()
