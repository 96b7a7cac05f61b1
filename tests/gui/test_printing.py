"""Export and print from the window: in a child process, cancellable, errors shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from reader.ui.printing import PrintOptionsDialog, paint_pages, start_export


def test_export_runs_in_the_background(window, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "seed.pdf"
    job = start_export(window, window.doc, window.settings, out)
    qtbot.waitUntil(lambda: out.exists(), timeout=60000)
    assert out.read_bytes()[:5] == b"%PDF-"
    assert job.process.exitCode() == 0


def test_cancelled_export_leaves_no_file(window, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    job = start_export(window, window.doc, window.settings, out)
    job.cancel()
    qtbot.waitUntil(lambda: job.process.state() == job.process.ProcessState.NotRunning, timeout=30000)
    assert not out.exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".cancelled")] == []


def test_unwritable_export_says_why(window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    start_export(window, window.doc, window.settings, tmp_path / "no-such-folder" / "x.pdf")
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    assert "cannot be written" in shown[0] and "Traceback" not in shown[0]


def test_printing_paints_the_typeset_pages(tmp_path: Path, seed_path: Path) -> None:
    from reader.core.entities import analyse
    from reader.core.loaders import load
    from reader.core.settings import PrintOptions
    from reader.pdf.export import export_pages

    doc = load(seed_path)
    pages = tmp_path / "pages"
    pages.mkdir()
    export_pages(doc, analyse(doc.text), pages, PrintOptions(paper="a4"), ppi=72)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pages(printer, pages) == 1
    assert (tmp_path / "printed.pdf").stat().st_size > 10000


def test_print_options_persist(window, qtbot, paths) -> None:
    from reader.core.settings import load_settings

    window.print_settings()
    dialog = window.findChild(PrintOptionsDialog)
    dialog.paper.setCurrentIndex(dialog.paper.findData("us-letter"))
    dialog.digits.setChecked(False)
    dialog.accept()
    saved = load_settings(paths)[0].print
    assert saved.paper == "us-letter" and saved.arabic_digits is False


def test_print_preview_shows_the_typeset_pages(window, qtbot) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    window.print_preview()
    qtbot.waitUntil(lambda: window.findChild(QPrintPreviewDialog) is not None, timeout=60000)
    dialog = window.findChild(QPrintPreviewDialog)
    folder = window._pdf_job.out
    assert sorted(p.name for p in folder.iterdir()) == ["page-0001.png"]
    dialog.close()
    qtbot.waitUntil(lambda: not folder.exists(), timeout=10000)
