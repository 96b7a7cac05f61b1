"""Export, print and preview from the window: typeset in a child from the window's article, cancellable, errors shown."""

from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from reader.core.article import Article, ArticleOptions, open_article
from reader.core.settings import PrintOptions
from reader.pdf.export import export_pages
from reader.pdf.typeset import page_files
from reader.ui import printing
from reader.ui.export_job import ExportJob
from reader.ui.printing import PagePreview, PrintOptionsDialog, paint_pages, print_dialog, start_export

A4 = PrintOptions(paper="a4")
NONE: frozenset = frozenset()


def article_of(window) -> Article:
    """The window's article (the window holds one once the seed is open)."""
    article = getattr(window, "article", None)
    return article if article is not None else open_article(window.doc.source)


def wait_done(qtbot, job: ExportJob, timeout: int = 60000) -> None:
    qtbot.waitUntil(lambda: not job.running, timeout=timeout)


def media_boxes(pdf: bytes) -> set[tuple[int, int]]:
    return {(round(float(w)), round(float(h))) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    return shown


@pytest.fixture
def long_article(tmp_path: Path, seed_text: str) -> Article:
    src = tmp_path / "long.txt"
    body = seed_text.rsplit("\n", 1)[0]
    src.write_text("\n".join([body] * 400) + "\n", encoding="utf-8")  # about 300 pages: seconds of typesetting
    return open_article(src, ArticleOptions(analyse=False))


def test_export_runs_in_the_background(window, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "seed.pdf"
    job = start_export(window, article_of(window), A4, NONE, out)
    assert job.running and not out.exists()
    wait_done(qtbot, job)
    assert job.state == "done"
    assert out.read_bytes()[:5] == b"%PDF-"
    assert media_boxes(out.read_bytes()) == {(595, 842)}
    assert "Saved" in window.statusBar().currentMessage()
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()  # a normal file, not the temp file's 0600


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_cancelled_export_leaves_no_file(window, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    job = start_export(window, article_of(window), A4, NONE, out)
    job.cancel()
    assert job.state == "cancelled"
    assert job.process.state() == QProcess.ProcessState.NotRunning
    qtbot.wait(200)
    assert not out.exists()
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".cancelled")] == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_cancel_stops_a_long_typesetting_and_the_window_keeps_running(window, qtbot, tmp_path: Path, long_article: Article) -> None:
    out = tmp_path / "long.pdf"
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    job = start_export(window, long_article, A4, NONE, out)
    timer.start(20)  # from here on the child typesets; the window's loop must keep turning
    qtbot.waitUntil(lambda: job.process.state() == QProcess.ProcessState.Running, timeout=10000)
    qtbot.wait(500)
    assert job.running, "the long article should still be typesetting"
    pid = job.process.processId()
    assert pid > 0
    job.cancel()
    timer.stop()
    assert job.state == "cancelled" and job.process.state() == QProcess.ProcessState.NotRunning
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert not out.exists()
    # The window's event loop kept turning while the child typeset.
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 20 and max(gaps) < 0.5


def test_unwritable_export_says_why(window, qtbot, tmp_path: Path, warnings: list[str]) -> None:
    job = start_export(window, article_of(window), A4, NONE, tmp_path / "no-such-folder" / "x.pdf")
    wait_done(qtbot, job)
    assert job.state == "failed"
    assert len(warnings) == 1 and "cannot be written" in warnings[0] and "Traceback" not in warnings[0]


def test_typesetting_error_is_one_line(window, qtbot, tmp_path: Path, warnings: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "typst_source", lambda *_args: "#(")
    job = start_export(window, article_of(window), A4, NONE, tmp_path / "x.pdf")
    wait_done(qtbot, job)
    assert job.state == "failed"
    assert warnings == [job.error] and job.error.startswith("the PDF could not be typeset") and "\n" not in job.error
    assert not (tmp_path / "x.pdf").exists()


def test_printing_paints_the_typeset_pages(tmp_path: Path, seed_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    assert export_pages(open_article(seed_path), pages, A4, ppi=72) == 1
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert paint_pages(printer, page_files(pages)) == 1
    assert (tmp_path / "printed.pdf").stat().st_size > 10000
    assert paint_pages(printer, page_files(pages), first=2, last=3) == 0  # a range past the end paints nothing


def test_print_options_persist(window, qtbot, paths) -> None:
    from reader.core.settings import load_settings

    window.printing.print_settings()
    dialog = window.findChild(PrintOptionsDialog)
    dialog.paper.setCurrentIndex(dialog.paper.findData("us-letter"))
    dialog.digits.setChecked(False)
    dialog.accept()
    saved = load_settings(paths)[0].print
    assert saved.paper == "us-letter" and saved.arabic_digits is False


def test_print_preview_shows_the_typeset_pages(window, qtbot) -> None:
    job = print_dialog(window, article_of(window), A4, NONE, preview=True)
    assert job is not None
    qtbot.waitUntil(lambda: window.findChild(PagePreview) is not None, timeout=60000)
    dialog = window.findChild(PagePreview)
    folder = dialog.folder
    assert job.state == "done" and job.folder is None  # the dialog owns the images now
    assert [p.name for p in dialog.pages] == ["page-0001.png"] and folder.is_dir()
    dialog.close()
    qtbot.waitUntil(lambda: not folder.exists(), timeout=10000)


def _accept(monkeypatch: pytest.MonkeyPatch, setup=lambda printer: None) -> None:
    """Make QPrintDialog.exec accept at once, after ``setup`` chose things on its printer."""

    def exec_(dialog: QPrintDialog) -> int:
        setup(dialog.printer())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)


def _fake_lp(folder: Path, script: str) -> Path:
    folder.mkdir()
    lp = folder / "lp"
    lp.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    lp.chmod(0o755)
    return lp


@pytest.mark.skipif(os.name != "posix", reason="lp is for Linux and macOS")
def test_printing_sends_the_vector_pdf_to_lp(window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = tmp_path / "lp-args.txt"
    sent = tmp_path / "sent.pdf"
    lp = _fake_lp(tmp_path / "bin", f'printf "%s\\n" "$@" > "{record}"\nfor last; do :; done\ncp "$last" "{sent}"\n')
    monkeypatch.setattr(printing, "lp_program", lambda: str(lp))

    def choose(printer: QPrinter) -> None:
        printer.setOutputFileName("")
        printer.setCopyCount(2)

    _accept(monkeypatch, choose)
    job = print_dialog(window, article_of(window), PrintOptions(paper="us-letter"), NONE, preview=False)
    assert job is not None and job.fmt == "pdf"
    wait_done(qtbot, job)
    assert job.state == "done", job.error
    args = record.read_text(encoding="utf-8").split("\n")
    assert args[args.index("-n") + 1] == "2"
    assert "media=Letter" in args
    assert sent.read_bytes()[:5] == b"%PDF-" and media_boxes(sent.read_bytes()) == {(612, 792)}
    assert not Path(args[-2]).exists()  # the temporary PDF is gone once lp has it
    assert "Sent 1 pages" in window.statusBar().currentMessage()


@pytest.mark.skipif(os.name != "posix", reason="lp is for Linux and macOS")
def test_lp_failing_is_a_clear_message(window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]) -> None:
    lp = _fake_lp(tmp_path / "bin", 'echo "lp: Error - no default destination available." >&2\nexit 1\n')
    monkeypatch.setattr(printing, "lp_program", lambda: str(lp))
    _accept(monkeypatch, lambda printer: printer.setOutputFileName(""))
    job = print_dialog(window, article_of(window), A4, NONE, preview=False)
    assert job is not None
    wait_done(qtbot, job)
    assert job.state == "failed"
    assert warnings == ["Printing failed: lp: Error - no default destination available."]


def test_without_lp_page_images_are_painted(window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printing, "lp_program", lambda: None)
    painted = tmp_path / "painted.pdf"
    real_paint = printing.paint_pages

    def paint_to_file(printer: QPrinter, pages, first: int = 0, last: int = 0) -> int:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # stands in for a real printer
        printer.setOutputFileName(str(painted))
        return real_paint(printer, pages, first, last)

    monkeypatch.setattr(printing, "paint_pages", paint_to_file)
    _accept(monkeypatch, lambda printer: printer.setOutputFileName(""))
    job = print_dialog(window, article_of(window), A4, NONE, preview=False)
    assert job is not None and job.fmt == "png"
    folder = job.folder
    wait_done(qtbot, job)
    assert job.state == "done", job.error
    assert painted.stat().st_size > 10000
    assert "lp (CUPS) was not found" in window.statusBar().currentMessage()
    assert folder is not None and not folder.exists()


def test_print_to_file_writes_the_vector_pdf(window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))

    monkeypatch.setattr(printing, "lp_program", lambda: pytest.fail("print to file must not call lp"))
    _accept(monkeypatch, to_file)
    job = print_dialog(window, article_of(window), A4, NONE, preview=False)
    assert job is not None
    wait_done(qtbot, job)
    assert job.state == "done"
    assert media_boxes(out.read_bytes()) == {(595, 842)} and b"Typst" in out.read_bytes()


def test_cancelled_print_dialog_starts_nothing(window, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda _dialog: QDialog.DialogCode.Rejected)
    assert print_dialog(window, article_of(window), A4, NONE, preview=False) is None


def test_an_lp_that_cannot_start_is_a_clear_message(window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]) -> None:
    monkeypatch.setattr(printing, "lp_program", lambda: str(tmp_path / "gone" / "lp"))
    _accept(monkeypatch, lambda printer: printer.setOutputFileName(""))
    job = print_dialog(window, article_of(window), A4, NONE, preview=False)
    assert job is not None
    wait_done(qtbot, job)
    assert job.state == "failed" and len(warnings) == 1
    assert warnings[0].startswith(str(tmp_path / "gone" / "lp")) and "could not be started" in warnings[0]


def test_a_second_export_while_one_runs_is_refused_and_closing_cancels_it(
    window, qtbot, tmp_path: Path, long_article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "long.pdf"
    out.write_bytes(b"%PDF-1.7 previous\n%%EOF\n")
    window.printing.job = start_export(window, long_article, A4, NONE, out)
    job = window.printing.job
    qtbot.waitUntil(lambda: job.process.state() == QProcess.ProcessState.Running, timeout=10000)
    asked: list[str] = []
    monkeypatch.setattr(printing, "export_pdf_dialog", lambda *_a: asked.append("export") or None)
    monkeypatch.setattr(printing, "print_dialog", lambda *_a, **_k: asked.append("print") or None)
    window.printing.export_pdf()
    window.printing.print_preview()
    assert asked == [] and window.printing.job is job and job.running, "the running job was replaced (its child would be killed)"
    assert "still running" in window.statusBar().currentMessage()
    pid = job.process.processId()
    window.close()
    assert job.state == "cancelled"
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert out.read_bytes() == b"%PDF-1.7 previous\n%%EOF\n", "cancelling must leave the previous file at the target"


def test_an_article_too_long_for_one_pdf_is_a_message_not_a_job(window, monkeypatch: pytest.MonkeyPatch, warnings: list[str]) -> None:
    from reader.pdf import source

    monkeypatch.setattr(source, "MAX_PDF_CHARS", 100)
    monkeypatch.setattr(printing, "export_pdf_dialog", lambda *_a: pytest.fail("the export dialog opened for an article too long to typeset"))
    window.printing.export_pdf()
    assert window.printing.job is None
    assert len(warnings) == 1 and "too long for one PDF" in warnings[0]
