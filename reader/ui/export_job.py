"""One export or print run: the typesetting child, any follow-up program, and their progress dialog.

The window builds the Typst markup from the article it holds and the options it
passes, and the job pipes it to :mod:`reader.pdf.compile_child`; nothing re-reads
the file or the settings.  A child process, not a thread: ``typst.compile``
does release the GIL (measured: a 200-page compile in a thread leaves the
window's loop running), but a thread cannot be stopped, and Cancel must stop
the work.  The child sends the PDF back on stdout and the job writes it, so a
cancelled run leaves nothing on disk; page images go to a temporary folder the
job removes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog, QWidget

from reader.core.errors import QariError
from reader.core.scratch import make_temp_dir
from reader.pdf.compile_child import child_command
from reader.pdf.typeset import page_files

RUNNING, DONE, FAILED, CANCELLED = "running", "done", "failed", "cancelled"
ERROR_PREFIX = "qari: error: "


class ExportJob(QObject):
    """Typeset markup in a child process, then call ``then``; cancellable throughout.

    The caller keeps the job alive (the window stores it in an attribute); it is
    not parented to the window.

    Attributes:
        source: the Typst markup handed to the child, built from the caller's article.
        fmt: ``"pdf"`` or ``"png"`` (page images for painting).
        state: ``"running"``, then ``"done"``, ``"failed"`` or ``"cancelled"``.
        pdf: the typeset PDF (``"pdf"`` jobs, once typeset; dropped when the job ends).
        pages: the page images, in order (``"png"`` jobs, once typeset).
        folder: the temporary folder of the page images (``"png"`` jobs), removed when the job
            ends unless :meth:`take_pages` handed it on.
        error: the one-line reason when the job failed.
        process: the child running now (the typesetter, then e.g. ``lp``), or the last one.
        progress: the window-modal progress dialog with its Cancel button.

    Signals:
        ended(str): the final state, once, whichever way the job ends.
    """

    ended = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        source: str,
        fmt: str,
        then: Callable[[], None],
        ppi: int = 200,
        label: str = "Typesetting… · جارٍ الإعداد…",
        cancelled_message: str = "Cancelled; no file was written.",
    ) -> None:
        super().__init__()
        self.source = source
        self.fmt = fmt
        self.state = RUNNING
        self.pdf = b""
        self.pages: list[Path] = []
        self.folder = make_temp_dir("qari-pages-") if fmt == "png" else None
        self.error = ""
        self._parent = parent
        self._then = then
        self._cancelled_message = cancelled_message
        self._cleanups: list[Callable[[], None]] = []
        self.progress = QProgressDialog(label, "Cancel · إلغاء", 0, 0, parent)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.cancel)
        self.process: QProcess
        self._start(child_command(fmt, ppi, self.folder), source.encode("utf-8"), self._typeset)

    @property
    def running(self) -> bool:
        """True until the job is done, has failed or was cancelled."""
        return self.state == RUNNING

    def follow(self, argv: list[str], label: str, on_exit: Callable[[int, str], None]) -> None:
        """Run one more program as part of this job (e.g. ``lp``); ``on_exit(code, stderr)`` when it ends."""
        self.progress.setLabelText(label)
        self._start(argv, None, lambda code, _out, err: on_exit(code, err))

    def on_end(self, cleanup: Callable[[], None]) -> None:
        """Run ``cleanup`` when the job ends, whichever way (e.g. remove a temporary file)."""
        self._cleanups.append(cleanup)

    def take_pages(self) -> tuple[Path, list[Path]]:
        """The page images and their folder, which the caller now owns and removes (the preview)."""
        if self.folder is None:
            raise QariError("this job typesets a PDF, not page images")
        taken = self.folder, self.pages
        self.folder, self.pages = None, []
        return taken

    def cancel(self) -> None:
        """Stop the child now; nothing is left under the target name."""
        if self.state != RUNNING:
            return
        self.state = CANCELLED
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()
            self.process.waitForFinished(5000)
        self._end(self._cancelled_message)

    def fail(self, message: str) -> None:
        """End the job with ``message`` shown to the user."""
        if self.state != RUNNING:
            return
        self.state = FAILED
        self.error = message
        self._end(None)
        QMessageBox.warning(self._parent, "Qari", message)

    def finish(self, message: str) -> None:
        """End the job successfully, with ``message`` in the status bar."""
        if self.state != RUNNING:
            return
        self.state = DONE
        self._end(message)

    # -- internals ---------------------------------------------------------------------
    def _start(self, argv: list[str], stdin: bytes | None, handler: Callable[[int, bytes, str], None]) -> None:
        process = self.process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.finished.connect(lambda code, status: self._exited(process, code, status, handler))
        process.errorOccurred.connect(lambda error: self._error(process, error, argv[0]))
        process.start(argv[0], argv[1:])
        if stdin is not None:
            process.write(stdin)
            process.closeWriteChannel()

    def _error(self, process: QProcess, error: QProcess.ProcessError, program: str) -> None:
        if error == QProcess.ProcessError.FailedToStart and process is self.process:
            self.fail(f"{program} could not be started ({process.errorString()})")

    def _exited(self, process: QProcess, code: int, status: QProcess.ExitStatus, handler: Callable[[int, bytes, str], None]) -> None:
        if self.state != RUNNING or process is not self.process:
            return
        out = bytes(process.readAllStandardOutput().data())
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        if status == QProcess.ExitStatus.CrashExit and code == 0:
            code = -1
        try:
            handler(code, out, err)
        except QariError as exc:
            self.fail(str(exc))
            return
        if self.state == RUNNING and self.process is process:  # the handler started nothing more
            self.finish("")

    def _typeset(self, code: int, out: bytes, err: str) -> None:
        if code != 0:
            last = err.splitlines()[-1] if err else f"the typesetter stopped (exit status {code})"
            raise QariError(last.removeprefix(ERROR_PREFIX))
        if self.folder is not None:
            self.pages = page_files(self.folder)
            if not self.pages:
                raise QariError("the typesetter produced no pages")
        elif not out.startswith(b"%PDF-"):
            raise QariError("the typesetter did not produce a PDF")
        self.pdf = out
        self._then()

    def _end(self, message: str | None) -> None:
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.deleteLater()
        for cleanup in self._cleanups:
            cleanup()
        self._cleanups.clear()
        self.pdf = b""
        self.pages = []
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        if message and isinstance(self._parent, QMainWindow):
            self._parent.statusBar().showMessage(message, 8000)
        self.ended.emit(self.state)
