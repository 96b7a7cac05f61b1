"""The quick hostile corpus: no crash, no hang, no traceback, no unclean error, no lost text,
no memory blow-up, no network access.

Part of every test run (about a minute and a half on two cores): it generates the
quick corpus into a temporary folder and runs ``python -m tests.hostile.run --quick``
against this checkout, under strace when strace is installed.  The full corpus is
one command, documented in tests/hostile/README.md.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.generate import generate

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.hostile, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("hostile")
    corpus = base / "corpus"
    generate(corpus, quick=True)
    out = base / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "tests.hostile.run", "--quick", "--corpus", str(corpus), "--repo", str(ROOT), "--json", str(out),
         *(["--strace"] if shutil.which("strace") else [])],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert out.exists(), f"the runner wrote no report (exit {done.returncode}):\n{done.stderr[-3000:]}"
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    report["markdown"] = done.stdout
    return report


def _failing(report: dict[str, Any], failure: str) -> list[str]:
    bad = [r for r in report["results"] if failure in r["failures"]]
    return [f"{r['pattern_id'] or r['id']} [{r['mode']}] exit {r['rc']}: {r.get('site') or r['stderr_first']}" for r in bad]


def test_the_quick_subset_covers_every_family_and_mode(quick_report: dict[str, Any]) -> None:
    kinds = {r["kind"] for r in quick_report["results"]}
    modes = {r["mode"] for r in quick_report["results"]}
    assert {"valid", "binary", "encoding", "bom", "nul", "controls", "storm", "huge", "nesting", "entities", "footnotes", "markdown", "docx"} <= kinds
    assert {"special", "device", "name", "dynamic"} <= kinds
    assert {"window", "entities", "find", "find-pattern", "export-pdf", "conll"} <= modes
    assert 25 <= quick_report["meta"]["inputs"] <= 40


@pytest.mark.parametrize("failure", ["crash", "hang", "memory", "unclean-error", "refused-valid", "text-lost", "no-output", "network", "runner-error"])
def test_no_input_breaks_an_invariant(quick_report: dict[str, Any], failure: str) -> None:
    assert _failing(quick_report, failure) == [], quick_report["markdown"]


def test_no_traceback_ever_reaches_stderr(quick_report: dict[str, Any]) -> None:
    assert [r["id"] + " " + r["mode"] for r in quick_report["results"] if r["traceback"]] == []


def test_valid_articles_come_back_word_for_word_in_the_pdf(quick_report: dict[str, Any]) -> None:
    pdfs = [r for r in quick_report["results"] if r["expect"] == "valid" and r["mode"] == "export-pdf"]
    assert len(pdfs) >= 5
    assert [(r["id"], r.get("missing_letters")) for r in pdfs if r.get("missing_letters") != 0] == []
