"""Print, preview and PDF export from the window, from the article it holds.

The window passes its :class:`~reader.core.article.Article`, its print options
and the entity types it hides; the Typst markup is built from those and
typeset in a child process (:class:`~reader.ui.export_job.ExportJob`), so the
window never freezes, Cancel stops the work, and neither the file nor the
settings are read again.  Each function returns the job; the caller keeps it.

Where the print goes:
  * a PDF file (Export PDF, or "Print to file" in the print dialog): the vector PDF, written atomically;
  * a printer on Linux and macOS: the vector PDF through CUPS (``lp``);
  * a printer on Windows, or where ``lp`` is missing: page images (200 ppi) painted through Qt;
  * the preview: page images, as PySide6-Essentials has no PDF renderer (QtPdf).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QMainWindow,
    QWidget,
)

from reader.core.article import Article
from reader.core.entities.types import EntityType
from reader.core.scratch import make_temp_dir
from reader.core.settings import PrintOptions
from reader.pdf.cups import PrintRequest, lp_command, lp_program
from reader.pdf.export import page_count, write_file
from reader.pdf.source import default_paper, typst_source
from reader.ui.export_job import ExportJob

PAPERS = (("", "From the locale · حسب الإعدادات المحلية"), ("a4", "A4"), ("us-letter", "US Letter"))
#: Resolution of the page images painted for printers without ``lp`` (Windows).
PAINT_PPI = 200
#: The preview's page images: enough for the screen at 150 % zoom, and half the time of 200 ppi.
PREVIEW_PPI = 150


def export_pdf_dialog(window: QMainWindow, article: Article, options: PrintOptions, hidden: frozenset[EntityType]) -> ExportJob | None:
    """Ask where to save, then export in the background; None if the user cancelled the file dialog."""
    suggested = article.path.with_suffix(".pdf") if article.path else Path.home() / "article.pdf"
    path, _ = QFileDialog.getSaveFileName(window, "تصدير PDF · Export PDF", str(suggested), "PDF (*.pdf)")
    if not path:
        return None
    return start_export(window, article, options, hidden, Path(path))


def start_export(window: QMainWindow, article: Article, options: PrintOptions, hidden: frozenset[EntityType], out: Path) -> ExportJob:
    """Typeset ``article`` with ``options`` to ``out`` in the background, reporting in the status bar."""
    job: ExportJob

    def save() -> None:
        write_file(out, job.pdf)
        job.finish(f"Saved {out} ({page_count(job.pdf)} pages)")

    job = ExportJob(
        window, typst_source(article, options, hidden), "pdf", save, label="Typesetting the PDF… · جارٍ إعداد ملف PDF…",
        cancelled_message="PDF export cancelled; no file was written.",
    )
    return job


def print_dialog(window: QMainWindow, article: Article, options: PrintOptions, hidden: frozenset[EntityType], preview: bool) -> ExportJob | None:
    """Print ``article`` (after Qt's print dialog) or preview it; None if the user cancelled the dialog."""
    paper = options.paper or default_paper()
    printer = make_printer(paper)
    if preview:
        return _preview(window, article, options, hidden, printer)
    dialog = QPrintDialog(printer, window)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return None
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return start_export(window, article, options, hidden, Path(printer.outputFileName()))
    source = typst_source(article, options, hidden)
    lp = lp_program()
    if lp is not None:
        return _print_with_lp(window, source, print_request(printer, paper, article.title), lp)
    why = "" if sys.platform == "win32" else "lp (CUPS) was not found: printed page images instead of the PDF. "
    return _print_images(window, source, printer, why)


def print_request(printer: QPrinter, paper: str, title: str) -> PrintRequest:
    """What the print dialog's ``printer`` asks for, as plain data for :func:`~reader.pdf.cups.lp_command`."""
    first, last = page_range(printer)
    return PrintRequest(printer.printerName(), max(1, printer.copyCount()), paper, first, last, title)


def _print_with_lp(window: QMainWindow, source: str, request: PrintRequest, lp: str) -> ExportJob:
    folder = make_temp_dir("qari-print-")
    job: ExportJob

    def send() -> None:
        pdf = folder / "article.pdf"
        write_file(pdf, job.pdf)
        pages = page_count(job.pdf)
        job.follow(lp_command(request, pdf, lp), "Sending to the printer… · جارٍ الإرسال إلى الطابعة…", lambda code, err: sent(code, err, pages))

    def sent(code: int, err: str, pages: int) -> None:
        if code != 0:
            job.fail(f"Printing failed: {err.splitlines()[-1] if err else f'lp exit status {code}'}")
        else:
            job.finish(f"Sent {pages} pages to {request.printer or 'the default printer'}")

    job = ExportJob(window, source, "pdf", send, cancelled_message="Printing cancelled.")
    job.on_end(lambda: shutil.rmtree(folder, ignore_errors=True))
    return job


def _print_images(window: QMainWindow, source: str, printer: QPrinter, why: str) -> ExportJob:
    job: ExportJob

    def paint() -> None:
        painted = paint_pages(printer, job.pages, *page_range(printer))
        if painted:
            job.finish(f"{why}Printed {painted} pages.")
        else:
            job.fail(f"{why}The printer {printer.printerName() or ''} could not be opened; nothing was printed.".replace("  ", " "))

    job = ExportJob(window, source, "png", paint, ppi=PAINT_PPI, cancelled_message="Printing cancelled.")
    return job


def _preview(window: QMainWindow, article: Article, options: PrintOptions, hidden: frozenset[EntityType], printer: QPrinter) -> ExportJob:
    job: ExportJob

    def show() -> None:
        folder, pages = job.take_pages()
        PagePreview(printer, folder, pages, window).open()
        job.finish("")

    job = ExportJob(window, typst_source(article, options, hidden), "png", show, ppi=PREVIEW_PPI, cancelled_message="Preview cancelled.")
    return job


class PagePreview(QPrintPreviewDialog):
    """Qt's print preview over the typeset page images; owns its printer and removes the images when closed.

    Attributes:
        pages: the page images, in order.
        folder: their temporary folder, removed when the dialog closes.
    """

    def __init__(self, printer: QPrinter, folder: Path, pages: list[Path], parent: QWidget) -> None:
        super().__init__(printer, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._printer = printer  # the dialog paints on it: it lives as long as the dialog
        self.folder = folder
        self.pages = pages
        self.paintRequested.connect(lambda p: paint_pages(p, self.pages, *page_range(p)))
        self.finished.connect(lambda _result: shutil.rmtree(self.folder, ignore_errors=True))


def page_range(printer: QPrinter) -> tuple[int, int]:
    """The 1-based inclusive page range chosen on ``printer``, or ``(0, 0)`` for all pages."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        return printer.fromPage(), max(printer.fromPage(), printer.toPage())
    return 0, 0


def paint_pages(printer: QPrinter, pages: Sequence[Path], first: int = 0, last: int = 0) -> int:
    """Paint the page images ``pages`` (``first``..``last``, 1-based; 0 → all) onto ``printer``, one per sheet; return the count.

    One image is in memory at a time.
    """
    chosen = list(pages[first - 1 : last] if first > 0 else pages)
    painter = QPainter()
    if not chosen or not painter.begin(printer):
        return 0
    try:
        for i, png in enumerate(chosen):
            if i:
                printer.newPage()
            image = QImage(str(png))
            target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
    finally:
        painter.end()
    return len(chosen)


def make_printer(paper: str) -> QPrinter:
    """A printer set to the typeset paper, full page (the pages carry their own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(300)
    size = QPageSize(QPageSize.PageSizeId.Letter if paper == "us-letter" else QPageSize.PageSizeId.A4)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    return printer


class PrintOptionsDialog(QDialog):
    """Paper, margins, print font size, highlights and digits; saved with the settings."""

    def __init__(self, options: PrintOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("إعدادات الطباعة · Print settings")
        form = QFormLayout(self)
        self.paper = QComboBox()
        for value, label in PAPERS:
            self.paper.addItem(label, value)
        self.paper.setCurrentIndex(max(0, self.paper.findData(options.paper)))
        self.margin = QDoubleSpinBox()
        self.margin.setRange(*PrintOptions.MARGIN_RANGE)
        self.margin.setSuffix(" mm")
        self.margin.setValue(options.margin_mm)
        self.font_size = QDoubleSpinBox()
        self.font_size.setRange(*PrintOptions.FONT_RANGE)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(options.font_size)
        self.highlights = QCheckBox()
        self.highlights.setChecked(options.highlights)
        self.digits = QCheckBox()
        self.digits.setChecked(options.arabic_digits)
        form.addRow("Paper · الورق", self.paper)
        form.addRow("Margins · الهوامش", self.margin)
        form.addRow("Text size · حجم الخط", self.font_size)
        form.addRow("Entity highlights · إبراز الكيانات", self.highlights)
        form.addRow("Arabic-Indic page numbers (١٢٣) · أرقام هندية", self.digits)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def options(self) -> PrintOptions:
        """The options as chosen."""
        return PrintOptions(self.paper.currentData(), self.margin.value(), self.font_size.value(), self.highlights.isChecked(), self.digits.isChecked())
