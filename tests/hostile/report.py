"""Summarise hostile-corpus results: a table per mode, and failures grouped by cause with the smallest input that shows each.

    python -m tests.hostile.report REPORT.json     # print the Markdown of a finished run again
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from typing import Any

COLUMNS = (
    "tried", "ok", "clean errors", "crashes", "hangs", "text lost", "refused valid", "unclean errors", "memory blow-ups", "no output",
    "network", "runner errors",
)  # fmt: skip
_FAILURE_COLUMN = {
    "crash": "crashes",
    "hang": "hangs",
    "text-lost": "text lost",
    "refused-valid": "refused valid",
    "unclean-error": "unclean errors",
    "memory": "memory blow-ups",
    "no-output": "no output",
    "network": "network",
    "runner-error": "runner errors",
}


def table(results: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Counts per mode (and ``all``) for each column."""
    rows: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for r in results:
        for key in (r["mode"], "all"):
            row = rows[key]
            row["tried"] += 1
            if not r["failures"]:
                row["ok" if r["rc"] in (0, 1) else "clean errors"] += 1
            for f in r["failures"]:
                row[_FAILURE_COLUMN[f]] += 1
    return dict(rows)


def cause(r: dict[str, Any], failure: str) -> str:
    """What a failure groups under: the exception and the frame of Qari's code for crashes, the first stderr line for unclean errors."""
    if failure in ("crash", "memory", "hang") and r.get("site"):
        return str(r["site"])
    if failure == "crash":
        return f"exit {r['rc']}: {r['stderr_first'][:120]}"
    if failure == "unclean-error":
        first = r["stderr_first"]
        return f"{r['stderr_lines']} stderr lines, first: {first[:80]}" if first.startswith("qari: error:") else f"first line: {first[:100]}"
    if failure == "refused-valid":
        return r["stderr_first"].split(": ")[-1][:120] or f"exit {r['rc']}"
    if failure == "memory":
        return f"peak RSS over the limit, no error (exit {r['rc']})"
    if failure == "runner-error":
        return str(r["stderr_first"])[:120]
    if failure == "text-lost":
        return "words missing from the output"
    if failure == "network":
        calls = r.get("network_calls") or [""]
        return re.sub(r"^(\w+)\(\d+, ", r"\1(", str(calls[0]))[:120]
    return ""


def groups(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct causes: (failure, cause) with the modes, the inputs and the smallest input."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        for f in r["failures"]:
            grouped[(f, cause(r, f))].append(r)
    out = []
    for (failure, why), rs in grouped.items():
        smallest = min(rs, key=lambda r: (r.get("size") if r.get("size") is not None else 1 << 62, r["seconds"]))
        out.append(
            {
                "failure": failure,
                "cause": why,
                "count": len(rs),
                "modes": sorted({r["mode"] for r in rs}),
                "inputs": sorted({r["pattern_id"] or r["id"] for r in rs}),
                "smallest": {k: smallest.get(k) for k in ("id", "path", "mode", "pattern_id", "size", "rc", "seconds", "peak_rss_mb", "missing_sample")},
            }
        )
    order = list(_FAILURE_COLUMN)
    return sorted(out, key=lambda g: (order.index(g["failure"]), -g["count"]))


def markdown(results: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    """The report as Markdown: settings, the table, the grouped failures, the notes."""
    lines = [f"# Hostile corpus: {meta['inputs']} inputs, {meta['patterns']} patterns, {len(results)} runs", ""]
    lines += [f"- {k}: {v}" for k, v in meta.items() if k not in ("inputs", "patterns")]
    lines += ["", "| mode | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    counts = table(results)
    for mode in sorted(counts, key=lambda m: (m == "all", m)):
        lines.append(f"| {mode} | " + " | ".join(str(counts[mode][c]) for c in COLUMNS) + " |")
    gs = groups(results)
    lines += ["", f"## Failures by cause ({len(gs)} distinct)", ""]
    for g in gs:
        s = g["smallest"]
        shown = ", ".join(g["inputs"][:8]) + (f", … ({len(g['inputs'])} inputs)" if len(g["inputs"]) > 8 else "")
        lines.append(f"- **{g['failure']}** — `{g['cause']}` — {g['count']} runs; modes {', '.join(g['modes'])}")
        where = s["pattern_id"] or repr(s["path"])
        lines.append(f"  - smallest: `{where}` ({s['size']} bytes) in {s['mode']}, exit {s['rc']}, {s['seconds']} s, {s['peak_rss_mb']} MB")
        if s.get("missing_sample"):
            lines.append(f"  - missing words, e.g. {' '.join(s['missing_sample'])}")
        lines.append(f"  - inputs: {shown}")
    noted: dict[str, list[str]] = defaultdict(list)
    for r in results:
        for n in r["notes"]:
            noted[n].append(f"{r['pattern_id'] or r['id']}:{r['mode']}")
    if noted:
        lines += ["", "## Notes (not failures)", ""]
        for n, where in sorted(noted.items()):
            lines.append(f"- {n}: {len(where)} runs — {', '.join(where[:12])}{' …' if len(where) > 12 else ''}")
    slow = sorted(results, key=lambda r: -r["seconds"])[:8]
    lines += ["", "## Slowest runs", ""] + [f"- {r['seconds']} s, {r['peak_rss_mb']} MB: {r['pattern_id'] or r['id']} in {r['mode']}" for r in slow]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the Markdown of a JSON report written by ``tests.hostile.run``."""
    args = sys.argv[1:] if argv is None else argv
    with open(args[0], encoding="utf-8") as fh:
        data = json.load(fh)
    sys.stdout.write(markdown(data["results"], data["meta"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
