"""The lp command line for printing the vector PDF through CUPS."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.pdf import cups
from reader.pdf.cups import PrintRequest, lp_command


def test_printer_copies_and_paper() -> None:
    argv = lp_command(PrintRequest(printer="Office_Laser", copies=3, paper="us-letter"), Path("/tmp/a.pdf"))
    assert argv == ["lp", "-d", "Office_Laser", "-n", "3", "-o", "media=Letter", "--", "/tmp/a.pdf"]


def test_default_printer_one_copy_a4() -> None:
    argv = lp_command(PrintRequest(paper="a4"), Path("x.pdf"), program="/usr/bin/lp")
    assert argv == ["/usr/bin/lp", "-o", "media=A4", "--", "x.pdf"]


def test_page_range_and_title() -> None:
    argv = lp_command(PrintRequest(printer="p", first_page=2, last_page=5, title="مقال"), Path("a.pdf"))
    assert argv[argv.index("-P") + 1] == "2-5"
    assert argv[argv.index("-t") + 1] == "مقال"
    # a range whose end is before its start prints the first page only
    argv = lp_command(PrintRequest(first_page=4, last_page=1), Path("a.pdf"))
    assert argv[argv.index("-P") + 1] == "4-4"


def test_a_file_name_that_looks_like_an_option_stays_a_file() -> None:
    argv = lp_command(PrintRequest(), Path("-n9.pdf"))
    assert argv[-2:] == ["--", "-n9.pdf"]


def test_unknown_paper_sends_no_media() -> None:
    assert not any(a.startswith("media=") for a in lp_command(PrintRequest(paper="a5"), Path("a.pdf")))


def test_no_lp_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(cups.shutil, "which", lambda _name: "C:/lp.exe")
    assert cups.lp_program() is None


def test_lp_found_on_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert cups.lp_program() is None
    lp = tmp_path / "lp"
    lp.write_text("#!/bin/sh\n")
    lp.chmod(0o755)
    assert cups.lp_program() == str(lp)
