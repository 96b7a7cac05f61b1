"""The typesetting child: markup in, PDF or page images out; it reads no file and no setting."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.article import open_article
from reader.core.settings import PrintOptions
from reader.pdf.compile_child import CHILD_SUBCOMMAND, child_command
from reader.pdf.source import typst_source
from reader.pdf.typeset import page_files, page_name
from tests.conftest import ROOT

SMALL = '#set page(width: 6cm, height: 4cm)\n#set text(lang: "ar", dir: rtl)\n#"سطر"\n#pagebreak()\n#"ثان"\n'


def run(argv: list[str], source: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(argv, input=source.encode("utf-8"), capture_output=True, cwd=ROOT, timeout=120)


def test_pdf_comes_back_on_stdout(seed_path: Path) -> None:
    source = typst_source(open_article(seed_path), PrintOptions(paper="us-letter"))
    done = run(child_command("pdf"), source)
    assert done.returncode == 0, done.stderr
    assert done.stdout[:5] == b"%PDF-"
    boxes = {(round(float(w)), round(float(h))) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", done.stdout)}
    assert boxes == {(612, 792)}


def test_pages_go_into_the_folder(tmp_path: Path) -> None:
    done = run(child_command("png", 60, tmp_path), SMALL)
    assert done.returncode == 0, done.stderr
    pages = page_files(tmp_path)
    assert [p.name for p in pages] == ["page-0001.png", "page-0002.png"]
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in pages)
    assert done.stdout.strip() == b"2"


@pytest.mark.parametrize(
    ("argv", "source", "reason"),
    [
        ([], "#(", "could not be typeset"),
        (["--format", "png"], SMALL, "needs --out"),
    ],
)
def test_errors_are_one_line_and_exit_2(argv: list[str], source: str, reason: str) -> None:
    done = run([sys.executable, "-m", "reader.pdf.compile_child", *argv], source)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert reason in err and "Traceback" not in err and err.count("\n") == 1
    assert done.stdout == b""


def test_frozen_app_uses_the_hidden_subcommand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/qari/qari")
    assert child_command("pdf")[:2] == ["/opt/qari/qari", CHILD_SUBCOMMAND]


def test_pages_sort_by_number(tmp_path: Path) -> None:
    for n in (10000, 2, 9999, 1):
        (tmp_path / page_name(n)).write_bytes(b"")
    (tmp_path / "page-x.png").write_bytes(b"")
    assert [p.name for p in page_files(tmp_path)][1:] == [page_name(n) for n in (1, 2, 9999, 10000)]
