"""``qari text``: the article as Qari reads it, run as a user would (issue 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.hostile import texts

EXPECTED = texts.TITLE + "\n" + "\n".join(texts.PARAGRAPHS)


def qari(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Bytes, not text: the test checks the output is UTF-8 whatever the locale."""
    full = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, cwd=ROOT, env=full, timeout=120)


def test_text_prints_every_word_and_nothing_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(texts.plain_text(), encoding="utf-8")
    out = qari("text", str(path))
    assert out.returncode == 0 and out.stderr == b""
    stdout = out.stdout.decode("utf-8")
    assert stdout.startswith(texts.TITLE + "\n\n" + texts.PARAGRAPHS[0] + "\n\n")
    assert not texts.missing_words(EXPECTED, stdout)


def test_text_is_utf8_in_a_c_locale(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(texts.plain_text(), encoding="utf-8")
    out = qari("text", str(path), env={"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"})
    assert out.returncode == 0, out.stderr
    assert not texts.missing_words(EXPECTED, out.stdout.decode("utf-8"))


def test_text_json(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(texts.plain_text(), encoding="utf-8")
    out = qari("--temp-basedir", "text", "--json", str(path))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout.decode("utf-8"))
    assert (data["title"], data["title_is_derived"], data["format"], data["encoding"]) == (texts.TITLE, False, "text", "utf-8")
    assert [b["text"] for b in data["blocks"]] == list(texts.PARAGRAPHS)
    assert {b["kind"] for b in data["blocks"]} == {"paragraph"}


def test_the_encoding_is_a_note_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(texts.plain_text().encode("cp1256"))
    out = qari("text", str(path))
    assert out.returncode == 0
    assert out.stderr.decode("utf-8") == "qari: note: a.txt: read as windows-1256\n"
    assert not texts.missing_words(EXPECTED, out.stdout.decode("utf-8"))
    english = "The old city library opened its doors again after ten years.\n" * 20
    path.write_bytes(english.encode("utf-8") + b"\xd8\n")
    out = qari("text", str(path))
    assert out.returncode == 0
    assert out.stderr.decode("utf-8") == "qari: note: a.txt: read as utf-8 (1 bad byte replaced)\n"


def test_an_unreadable_encoding_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "russian.txt"
    path.write_bytes(("Это русский текст о старой библиотеке города.\n" * 30).encode("koi8_r"))
    out = qari("text", str(path))
    assert out.returncode == 2 and out.stdout == b""
    lines = out.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("qari: error: russian.txt: not UTF-8")


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    for args in (["text"], ["text", str(tmp_path / "missing.txt")], ["text", str(tmp_path), "--bogus"]):
        out = qari(*args)
        assert out.returncode == 2
        assert len(out.stderr.decode("utf-8").splitlines()) == 1


def test_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(texts.plain_text() * 400, encoding="utf-8")  # far more than a pipe buffer
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen([sys.executable, "-m", "reader", "text", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read()
        assert proc.wait(timeout=120) == 0
    assert stderr == b""
