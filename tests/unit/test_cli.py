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


def _media_box(pdf: bytes) -> tuple[float, float]:
    import re

    match = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert match, "no MediaBox in the PDF"
    return float(match.group(1)), float(match.group(2))


def _settings_with_paper(config: Path, paper: str) -> None:
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"version": 2, "print": {"paper": paper}}), encoding="utf-8")


def test_global_options_before_or_after_the_subcommand(tmp_path: Path, seed_path: Path) -> None:
    base = tmp_path / "base"
    _settings_with_paper(base / "config", "us-letter")
    for i, args in enumerate(
        (
            ("--config-dir", str(base / "config"), "export-pdf", str(seed_path)),
            ("export-pdf", str(seed_path), "--config-dir", str(base / "config")),
            ("export-pdf", f"--config-dir={base / 'config'}", str(seed_path)),
        )
    ):
        pdf = tmp_path / f"out{i}.pdf"
        out = qari(*args, "-o", str(pdf))
        assert out.returncode == 0, (args, out.stderr)
        assert _media_box(pdf.read_bytes()) == (612, 792), args  # Letter, from the settings under --config-dir


def test_config_dir_from_the_environment(tmp_path: Path, seed_path: Path) -> None:
    _settings_with_paper(tmp_path / "conf", "us-letter")
    pdf = tmp_path / "env.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QARI_CONFIG_DIR": str(tmp_path / "conf")}
    cmd = [sys.executable, "-m", "reader", "export-pdf", str(seed_path), "-o", str(pdf)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert _media_box(pdf.read_bytes()) == (612, 792)
    # Without it, the default (A4 here: the test locale is not a Letter country).
    plain = tmp_path / "plain.pdf"
    assert qari("export-pdf", str(seed_path), "-o", str(plain)).returncode == 0
    width, height = _media_box(plain.read_bytes())
    assert (round(width), round(height)) == (595, 842)


def test_temp_basedir_with_a_subcommand_leaves_nothing(tmp_path: Path, seed_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp)}
    cmd = [sys.executable, "-m", "reader", "find", "--temp-basedir", "امريكا", str(seed_path)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert list(tmp.iterdir()) == []


def test_empty_find_pattern_is_a_usage_error(seed_path: Path) -> None:
    out = qari("find", "  ", str(seed_path))
    assert out.returncode == 2
    assert out.stderr.startswith("qari: error: qari find: the pattern is empty") and out.stderr.count("\n") == 1


def test_usage_errors_are_one_line(tmp_path: Path, seed_path: Path) -> None:
    dash = tmp_path / "-leading-dash.txt"
    dash.write_text("نص", encoding="utf-8")
    for args in (("entities", str(dash.name)), ("find",), ("export-pdf", str(seed_path)), ("--no-such-option",), ("--size",)):
        out = qari(*args, cwd=tmp_path)
        assert out.returncode == 2, args
        assert out.stderr.count("\n") == 1 and out.stderr.startswith("qari: error: "), (args, out.stderr)
        assert "--help" in out.stderr
    # `--` still lets a pattern or a file start with a dash.
    assert qari("find", "--", "--json", str(seed_path)).returncode == 1


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    many = tmp_path / "many.txt"
    many.write_text("عنوان\n\n" + "كتب زيد ثم كتب عمرو. " * 20000, encoding="utf-8")  # ~40,000 matches: far more than a pipe holds
    cmd = [sys.executable, "-m", "reader", "find", "كتب", str(many)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_entities_report_the_content_hash(seed_path: Path) -> None:
    import hashlib

    data = json.loads(qari("entities", str(seed_path)).stdout)
    assert data["sha256"] == hashlib.sha256(seed_path.read_bytes()).hexdigest()
