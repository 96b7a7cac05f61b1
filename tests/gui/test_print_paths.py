"""Export uses what the window holds: its own options (not the real settings file) and its article (not the file again)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.core.article import open_article
from reader.core.settings import Paths, PrintOptions, Settings, load_settings, save_settings
from reader.pdf.source import typst_source
from reader.ui.app import make_window
from reader.ui.printing import start_export

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def media_boxes(pdf: bytes) -> set[tuple[int, int]]:
    return {(round(float(w)), round(float(h))) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}


@pytest.fixture
def other_window(qtbot, qapp, tmp_path: Path):
    """A window started as with ``--config-dir tmp/other``."""
    paths = Paths.under(tmp_path / "other")
    settings, _ = load_settings(paths)
    win = make_window(settings, paths, qapp)
    qtbot.addWidget(win)
    return win


def test_export_takes_the_windows_options_not_the_real_settings(other_window, qtbot, tmp_path: Path, seed_path: Path) -> None:
    # The real config home (the test's fake HOME) says A4 …
    save_settings(Settings(print=PrintOptions(paper="a4")), Paths.default())
    assert load_settings(Paths.default())[0].print.paper == "a4"
    assert Paths.default().config != Paths.under(tmp_path / "other").config
    # … the window, kept under tmp/other, exports with the options it passes: US Letter.
    out = tmp_path / "letter.pdf"
    job = start_export(other_window, open_article(seed_path), PrintOptions(paper="us-letter"), frozenset(), out)
    qtbot.waitUntil(lambda: not job.running, timeout=60000)
    assert job.state == "done", job.error
    assert media_boxes(out.read_bytes()) == {(612, 792)}


def test_export_never_reads_the_source_file_again(other_window, qtbot, tmp_path: Path, seed_path: Path) -> None:
    src = tmp_path / "article.txt"
    shutil.copy(seed_path, src)
    article = open_article(src)
    first_words = " ".join(article.document.blocks[0].text.split()[:4])
    src.write_text("نص آخر تماما\n", encoding="utf-8")  # changed behind the window's back …
    out = tmp_path / "article.pdf"
    job = start_export(other_window, article, PrintOptions(paper="a4"), frozenset(), out)
    src.unlink()  # … and then gone while the export runs
    qtbot.waitUntil(lambda: not job.running, timeout=60000)
    assert job.state == "done", job.error
    # The markup handed to the typesetter is the article as loaded.
    assert job.source == typst_source(article, PrintOptions(paper="a4"), frozenset())
    assert "نص آخر" not in job.source
    if shutil.which("pdftotext"):
        text = BIDI_CONTROLS.sub("", subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout)
        assert first_words in " ".join(text.split())
        assert "نص آخر" not in text
