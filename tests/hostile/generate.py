"""Write the hostile-input corpus and its manifest.

    python -m tests.hostile.generate OUT_DIR [--quick]

Deterministic (fixed seed, no network, nothing copied): the same command writes
the same bytes.  ``--quick`` writes only the CI subset.  The manifest,
``OUT_DIR/manifest.json``, lists every input with its kind and expected
outcome, the hostile find patterns, and which input they are run against.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tests.hostile import corpus, corpus_fs, corpus_more, texts

FAMILIES = (
    corpus.valid_family,
    corpus.binary_family,
    corpus.encoding_family,
    corpus.bom_family,
    corpus.nul_family,
    corpus.control_family,
    corpus.storm_family,
    corpus.special_bytes,
    corpus_more.huge_family,
    corpus_more.nesting_family,
    corpus_more.entity_family,
    corpus_more.footnote_family,
    corpus_more.markdown_family,
    corpus_more.docx_family,
    corpus_fs.special_family,
    corpus_fs.odd_name_family,
    corpus_fs.unreadable_family,
    corpus_fs.dynamic_family,
)
MANIFEST = "manifest.json"


def generate(out: Path, quick: bool = False) -> Path:
    """Write the corpus (or its quick subset) under ``out``; return the manifest's path."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise SystemExit(f"generate: {out} is not empty")
    c = corpus.Corpus(out, quick_only=quick)
    for family in FAMILIES:
        family(c)
    pats = [p for p in corpus_fs.patterns() if p["quick"] or not quick]
    manifest: dict[str, Any] = {
        "version": 1,
        "seed": corpus.SEED,
        "quick": quick,
        "fixed_pattern": texts.FIXED_PATTERN,
        "pattern_target": "valid/article-utf8.txt",
        "inputs": c.inputs,
        "patterns": pats,
        "not_covered": [
            "NUL bytes and lone surrogates in find patterns: argv cannot carry them",
            "a file replaced between stat() and read(): only approximated by timed delete/replace/truncate/grow (dynamic/*)",
            "chmod 000: the runner runs as root on CI, which reads the file anyway",
        ],
    }
    path = out / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=True, indent=1), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="an empty or new folder")
    parser.add_argument("--quick", action="store_true", help="only the small CI subset")
    args = parser.parse_args(argv)
    path = generate(args.out, args.quick)
    manifest = json.loads(path.read_text(encoding="utf-8"))
    size = sum(f.stat().st_blocks * 512 for f in args.out.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"{len(manifest['inputs'])} inputs, {len(manifest['patterns'])} patterns, {size / 2**20:.0f} MiB on disk → {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
