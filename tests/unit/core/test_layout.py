"""Golden file: the runs both the reading view and the PDF are built from."""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.entities import EntityType, analyse
from reader.core.layout import describe, lay_out
from reader.core.loaders import load
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "seed_layout.txt"


def test_seed_layout_matches_golden(seed_path: Path) -> None:
    doc = load(seed_path)
    got = describe(lay_out(doc, analyse(doc.text)))
    if os.environ.get("QARI_REGEN_GOLDEN"):
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_runs_cover_the_text_exactly(seed_path: Path) -> None:
    doc = load(seed_path)
    blocks = lay_out(doc, analyse(doc.text))
    assert "\n".join(b.text for b in blocks) == doc.text
    for b in blocks:
        for r in b.runs:
            assert doc.text[r.start : r.start + len(r.text)] == r.text


def test_hidden_types_are_not_marked(seed_path: Path) -> None:
    doc = load(seed_path)
    blocks = lay_out(doc, analyse(doc.text), frozenset({EntityType.DATE}))
    assert all(r.entity is not EntityType.DATE for b in blocks for r in b.runs)
    assert any(r.entity is EntityType.PERSON for b in blocks for r in b.runs)
