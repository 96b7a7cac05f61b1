"""Run every Qari mode on every hostile input and report what broke.

    python -m tests.hostile.run                      # generate the full corpus in a temp folder, run it all
    python -m tests.hostile.run --quick              # the CI subset (about 30 inputs), well under 3 minutes
    python -m tests.hostile.run --corpus DIR --repo TREE --json OUT.json
    python -m tests.hostile.run --corpus DIR --only 'valid/*' --modes entities,export-pdf --strace

``--strace`` runs every job under strace and fails any that calls out to an
internet address (see tests/hostile/README.md).

Two worker processes; each job is a child with a wall-time limit and an
address-space limit.  Markdown goes to stdout, every run's record to the JSON
file.  Exit status 0 when no invariant broke, 1 otherwise.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import partial
from pathlib import Path
from typing import Any

from tests.hostile import report
from tests.hostile.execute import run_job
from tests.hostile.generate import MANIFEST, generate

ROOT = Path(__file__).resolve().parents[2]
MODES = ("window", "entities", "find", "export-pdf", "conll")


def has_text_mode(python: str, repo: Path) -> bool:
    """Whether ``python -m reader text --help`` is a text-dump subcommand (not the window's help)."""
    env = dict(os.environ, PYTHONPATH=str(repo), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([python, "-m", "reader", "text", "--help"], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    return done.returncode == 0 and "qari text" in done.stdout


def _size(corpus: Path, path: str) -> int | None:
    try:
        st = os.stat(corpus / path)
    except OSError:
        return None
    return st.st_size if os.path.isfile(corpus / path) else 0


def selected(name: str, only: list[str]) -> bool:
    """Whether an input's path or id (or a pattern's id) matches one of the ``--only`` globs (all do when there are none)."""
    return not only or any(fnmatch.fnmatchcase(name, glob) for glob in only)


def jobs(manifest: dict[str, Any], corpus: Path, modes: tuple[str, ...], quick: bool, rss_limit: int, only: list[str] | None = None) -> list[dict[str, Any]]:
    """One job per (input, mode), and one per hostile pattern on the pattern target (when ``find`` is among the modes)."""
    only = only or []
    out: list[dict[str, Any]] = []
    for entry in manifest["inputs"]:
        if (quick and not entry["quick"]) or not (selected(entry["path"], only) or selected(entry["id"], only)):
            continue
        for mode in modes:
            out.append({**entry, "mode": mode, "size": _size(corpus, entry["path"]), "rss_limit": rss_limit})
    if "find" not in modes:
        return out
    target = next(e for e in manifest["inputs"] if e["path"] == manifest["pattern_target"])
    for p in manifest["patterns"]:
        if (quick and not p["quick"]) or not selected(p["id"], only):
            continue
        size = len(p["pattern"].encode())
        out.append({**target, "mode": "find-pattern", "pattern": p["pattern"], "pattern_id": p["id"], "size": size, "rss_limit": rss_limit})
    return out


def run_all(jobs_: list[dict[str, Any]], *, workers: int, timeouts: dict[str, float], default_timeout: float, **kw: Any) -> list[dict[str, Any]]:
    """Run the jobs on a pool of ``workers`` processes; progress on stderr."""
    results: list[dict[str, Any]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(partial(run_job, job, timeout=timeouts.get(job["mode"], default_timeout), **kw)) for job in jobs_]
        for n, fut in enumerate(as_completed(futures), 1):
            r = fut.result()
            results.append(r)
            if r["failures"] or n % 50 == 0:
                print(f"[{n}/{len(futures)}] {r['pattern_id'] or r['id']} {r['mode']}: {','.join(r['failures']) or 'ok'} ({r['seconds']} s)", file=sys.stderr)
    return sorted(results, key=lambda r: (r["id"], r["mode"], r["pattern_id"] or ""))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="corpus folder (generated here if it has no manifest; default: a new temp folder)")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the Qari tree to test (default: this checkout)")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--quick", action="store_true", help="the small CI subset")
    parser.add_argument("--timeout", type=float, help="seconds per run (default 60; 15 with --quick)")
    parser.add_argument("--mode-timeout", action="append", default=[], metavar="MODE=SECONDS", help="cap one mode's runs")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address-space limit per run (RLIMIT_AS)")
    parser.add_argument("--rss-limit-mb", type=int, default=1024, help="peak RSS above this is a memory blow-up")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated subset of " + ",".join((*MODES, "text")))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", action="append", default=[], metavar="GLOB", help="only inputs whose path or id (patterns: id) matches GLOB; repeatable")
    parser.add_argument("--strace", action="store_true", help="trace connect/sendto/sendmsg: any internet address is the failure 'network'")
    parser.add_argument("--json", type=Path, help="where the JSON report goes (default: next to the corpus)")
    args = parser.parse_args(argv)

    if args.strace and not shutil.which("strace"):
        parser.error("--strace needs strace (apt-get install strace)")
    corpus = args.corpus or Path(tempfile.mkdtemp(prefix="qari-hostile-corpus-"))
    if not (corpus / MANIFEST).exists():
        generate(corpus, quick=args.quick)
    manifest = json.loads((corpus / MANIFEST).read_text(encoding="utf-8"))
    modes = tuple(m for m in args.modes.split(",") if m)
    text_mode = has_text_mode(args.python, args.repo.resolve())
    if text_mode and "text" not in modes:
        modes += ("text",)
    elif not text_mode:
        modes = tuple(m for m in modes if m != "text")
        print("note: `python -m reader text FILE` does not exist in this tree: the text mode is skipped", file=sys.stderr)
    timeouts = {k: float(v) for k, v in (item.split("=", 1) for item in args.mode_timeout)}
    default_timeout = args.timeout or (15.0 if args.quick else 60.0)
    todo = jobs(manifest, corpus, modes, args.quick, args.rss_limit_mb << 20, args.only)
    if not todo:
        parser.error(f"no input matches --only {' '.join(args.only)}")
    started = time.monotonic()
    results = run_all(
        todo, workers=args.workers, timeouts=timeouts, default_timeout=default_timeout,
        repo=str(args.repo.resolve()), corpus=str(corpus.resolve()), python=args.python, mem_bytes=args.memory_mb << 20,
        strace=args.strace,
    )  # fmt: skip
    inputs = {r["id"] for r in results if r["mode"] != "find-pattern"}
    meta = {
        "inputs": len(inputs),
        "patterns": len({r["pattern_id"] for r in results if r["pattern_id"]}),
        "tree": str(args.repo.resolve()),
        "corpus": str(corpus),
        "modes": ", ".join(modes) + ("" if text_mode else " (no `text` mode in this tree: skipped)"),
        "limits": f"{default_timeout:g} s per run {timeouts or ''}, RLIMIT_AS {args.memory_mb} MiB, "
        f"RSS blow-up above {args.rss_limit_mb} MiB, {args.workers} workers",
        "wall time": f"{time.monotonic() - started:.0f} s",
        "network check": "strace: connect/sendto/sendmsg to AF_INET/AF_INET6 fail" if args.strace else "off (run with --strace)",
        "selection": " ".join(args.only) or "all",
        "not covered": "; ".join(manifest.get("not_covered", [])),
    }
    out = args.json or corpus.parent / (corpus.name + "-report.json")
    payload = {"meta": meta, "table": report.table(results), "groups": report.groups(results), "results": results}
    out.write_text(json.dumps(payload, ensure_ascii=True, indent=1), encoding="utf-8")
    sys.stdout.write(report.markdown(results, meta))
    print(f"\nJSON: {out}")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
