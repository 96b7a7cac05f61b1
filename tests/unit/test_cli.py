"""The command line, run as a user would: real processes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def qari(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_version() -> None:
    out = qari("--version")
    assert out.returncode == 0 and out.stdout.startswith("Qari ")


def test_entities_json(seed_path: Path) -> None:
    out = qari("entities", str(seed_path), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    names = {(e["type"], e["name"]) for e in data["entities"]}
    assert ("PERSON", "مادورو") in names
    text = seed_path.read_text(encoding="utf-8")
    for e in data["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def test_entities_tsv(seed_path: Path) -> None:
    out = qari("entities", str(seed_path), "--format", "tsv")
    lines = out.stdout.splitlines()
    assert lines[0] == "type\ttext\tnormalized\tstart\tend"
    assert any(line.startswith("PERSON\tغوايدو\t") for line in lines)


def test_entities_conll(tmp_path: Path) -> None:
    conll = tmp_path / "in.txt"
    conll.write_text("قال O\nالرئيس O\nفي O\nواشنطن B-LOC\n\nزار O\nالقاهرة O\n", encoding="utf-8")
    out = qari("entities", "--conll", str(conll))
    assert out.returncode == 0, out.stderr
    rows = [line.split() for line in out.stdout.strip().split("\n")]
    assert rows[3] == ["واشنطن", "B-LOC"]
    assert rows[4] == []
    assert rows[6] == ["القاهرة", "B-LOC"]


def test_find_every_spelling(seed_path: Path) -> None:
    for query in ("امريكا", "أمريكا", "امريكا"):
        out = qari("find", query, str(seed_path), "--json")
        data = json.loads(out.stdout)
        assert data["count"] == 5
        assert {m["text"] for m in data["matches"]} == {"أمريكا", "امريكا"}
    out = qari("find", "بأمريكا", str(seed_path), "--json")
    assert [m["text"] for m in json.loads(out.stdout)["matches"]] == ["بأمريكا"]


def test_bad_input_is_one_line_and_non_zero(tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    for args in (("entities", str(tmp_path / "missing.txt")), ("entities", str(binary)), (str(binary), "--screenshot", str(tmp_path / "s.png"))):
        out = qari(*args)
        assert out.returncode == 2
        assert out.stderr.count("\n") == 1 and out.stderr.startswith("qari: error: ")
        assert "Traceback" not in out.stderr


def test_list_actions() -> None:
    out = qari("--list-actions")
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert rows[0] == ["id", "shortcut", "label", "label_ar"]
    table = {r[0]: r[1] for r in rows[1:]}
    assert table["find.find"].split(", ")[0] == "Ctrl+F"
    assert table["file.open"].split(", ")[0] == "Ctrl+O"
    unbound = [k for k, v in table.items() if not v]
    assert unbound == []


def test_screenshot(tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    out = qari("--temp-basedir", "--screenshot", str(png), "--size", "900x600")
    assert out.returncode == 0, out.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
