"""Print, preview and PDF export from the window.

The PDF is typeset in a separate process (``qari export-pdf``), so a long
article never freezes the window and Cancel really stops it; it is written to a
temporary name and renamed into place only when complete.  Printing and preview
paint page images that the same Typst layout renders (``--png-pages``), so paper
and file match without shipping a PDF renderer.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QProcess, QRectF, Qt
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
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from reader.core.document import Document
from reader.core.settings import PrintOptions, Settings

PAPERS = (("", "From the locale · حسب الإعدادات المحلية"), ("a4", "A4"), ("us-letter", "US Letter"))


def export_command(source: Path, out: Path, options: PrintOptions, hidden: list[str], png_pages: bool = False) -> list[str]:
    """Arguments of the ``qari export-pdf`` process for these options."""
    base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "reader"]
    args = [*base, "export-pdf", str(source), "-o", str(out), "--margin-mm", str(options.margin_mm), "--font-size", str(options.font_size)]
    if png_pages:
        args.append("--png-pages")
    if options.paper:
        args += ["--paper", options.paper]
    if not options.highlights:
        args.append("--no-highlights")
    if not options.arabic_digits:
        args.append("--western-digits")
    for kind in hidden:
        args += ["--hide", kind]
    return args


class PdfJob:
    """Typeset ``doc`` to ``out`` in a child process, with a cancellable progress dialog."""

    def __init__(self, parent: QWidget, doc: Document, settings: Settings, out: Path, done: Callable[[Path], None], png_pages: bool = False) -> None:
        self.out = out
        self._done = done
        self._parent = parent
        self.process = QProcess(parent)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self.process.finished.connect(self._finished)
        self.progress = QProgressDialog("Typesetting the PDF… · جارٍ إعداد ملف PDF…", "Cancel · إلغاء", 0, 0, parent)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.cancel)
        self.cancelled = False
        args = export_command(doc.source, out, settings.print, settings.hidden_types, png_pages)
        self.process.start(args[0], args[1:])

    def cancel(self) -> None:
        """Stop the child; nothing is left under the target name."""
        self.cancelled = True
        self.process.kill()

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self.progress.reset()
        if self.cancelled:
            self._parent.statusBar().showMessage("PDF export cancelled; no file was written.", 8000)
            return
        if code != 0:
            message = bytes(self.process.readAllStandardError()).decode("utf-8", "replace").strip() or f"exit status {code}"
            QMessageBox.warning(self._parent, "Qari", message.removeprefix("qari: error: "))
            return
        self._done(self.out)


def _options_ok(parent: QWidget, doc: Document) -> bool:
    if doc.source is None:
        QMessageBox.warning(parent, "Qari", "This document has no file to print from.")
        return False
    return True


def export_pdf_dialog(window: QMainWindow, doc: Document, settings: Settings) -> PdfJob | None:
    """Ask where to save, then export in the background."""
    if not _options_ok(window, doc):
        return None
    suggested = str(Path(doc.source).with_suffix(".pdf"))
    path, _ = QFileDialog.getSaveFileName(window, "تصدير PDF · Export PDF", suggested, "PDF (*.pdf)")
    if not path:
        return None
    return start_export(window, doc, settings, Path(path))


def start_export(window: QMainWindow, doc: Document, settings: Settings, out: Path) -> PdfJob:
    """Export ``doc`` to ``out`` in the background, reporting in the status bar."""
    job = PdfJob(window, doc, settings, out, lambda p: window.statusBar().showMessage(f"Saved {p}", 8000))
    window._pdf_job = job  # keep it alive until it finishes
    return job


def paint_pages(printer: QPrinter, folder: Path) -> int:
    """Paint the page images in ``folder`` onto ``printer``, one per sheet; return the count."""
    pages = sorted(folder.glob("page-*.png"))
    painter = QPainter()
    if not pages or not painter.begin(printer):
        return 0
    try:
        for i, page in enumerate(pages):
            if i:
                printer.newPage()
            image = QImage(str(page))
            target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
            scale = min(target.width() / image.width(), target.height() / image.height())
            painter.drawImage(QRectF(0, 0, image.width() * scale, image.height() * scale), image)
    finally:
        painter.end()
    return len(pages)


def _printer(settings: Settings) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(300)
    paper = settings.print.paper
    if paper:
        size = QPageSize(QPageSize.PageSizeId.Letter if paper == "us-letter" else QPageSize.PageSizeId.A4)
        printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)
    return printer


def print_dialog(window: QMainWindow, doc: Document, settings: Settings, preview: bool) -> PdfJob | None:
    """Typeset to a temporary PDF, then print it or preview it."""
    if not _options_ok(window, doc):
        return None
    tmp = Path(tempfile.mkdtemp(prefix="qari-print-"))

    def ready(path: Path) -> None:
        printer = _printer(settings)
        if preview:
            dialog = QPrintPreviewDialog(printer, window)
            dialog.paintRequested.connect(lambda p: paint_pages(p, path))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _result: shutil.rmtree(path, ignore_errors=True))
            dialog.open()
            window._print_preview = (dialog, printer)  # the dialog paints on this printer: keep it alive
        else:
            dialog = QPrintDialog(printer, window)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                paint_pages(printer, path)
            shutil.rmtree(path, ignore_errors=True)

    job = PdfJob(window, doc, settings, tmp, ready, png_pages=True)
    window._pdf_job = job
    return job


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
