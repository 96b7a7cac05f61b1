"""The window's typesetting child: Typst markup on stdin, the PDF on stdout or page images in a folder.

The window builds the markup from the article it holds and the options it was
given, and hands it over whole; this process reads no article file and no
setting, so it typesets exactly what the window shows (and a window started
with ``--config-dir`` exports with its own options).  A child rather than a
thread because Cancel must stop the work, and a thread inside
``typst.compile`` cannot be stopped.  The PDF comes back on stdout and the
parent writes it, so a killed child leaves nothing under the target name.
Page images (200 pages at 200 ppi are about 150 MB) go into a folder the parent
made and removes, so they are never all in the window's memory.

    python -m reader.pdf.compile_child --format pdf < source.typ > out.pdf
    python -m reader.pdf.compile_child --format png --ppi 200 --out FOLDER < source.typ

Errors: one line on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.core.errors import QariError
from reader.pdf.typeset import compile_source, page_name, panic_message

#: The hidden first argument that makes the frozen app run this module (``qari __typeset-child …``).
CHILD_SUBCOMMAND = "__typeset-child"
EXIT_ERROR = 2


def child_command(fmt: str, ppi: int = 200, out: Path | None = None) -> list[str]:
    """The argv that starts this child: the frozen app with the hidden subcommand, or ``python -m``."""
    frozen = getattr(sys, "frozen", False)
    argv = [sys.executable, CHILD_SUBCOMMAND] if frozen else [sys.executable, "-m", "reader.pdf.compile_child"]
    argv += ["--format", fmt, "--ppi", str(ppi)]
    return argv + ["--out", str(out)] if out is not None else argv


def _run(args: argparse.Namespace) -> None:
    if sys.stdin is None or sys.stdout is None:  # a windowed app started without pipes
        raise QariError("the typesetter was started without its input and output")
    source = sys.stdin.buffer.read().decode("utf-8")
    if args.format == "pdf":
        sys.stdout.buffer.write(compile_source(source, "pdf")[0])
        sys.stdout.buffer.flush()
        return
    if args.out is None or not args.out.is_dir():
        raise QariError("--format png needs --out FOLDER, an existing folder")
    pages = compile_source(source, "png", max(50, min(600, args.ppi)))
    for number, png in enumerate(pages, start=1):
        (args.out / page_name(number)).write_bytes(png)
    print(len(pages))


def main(argv: list[str] | None = None) -> int:
    """Typeset stdin; exit 0, or 2 with a one-line reason on stderr."""
    parser = argparse.ArgumentParser(prog="qari typesetting child", description="Typst markup on stdin → a PDF on stdout, or PNG pages in --out.")
    parser.add_argument("--format", choices=("pdf", "png"), default="pdf")
    parser.add_argument("--ppi", type=int, default=200)
    parser.add_argument("--out", type=Path, help="folder for the PNG pages")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        _run(args)
    except UnicodeDecodeError:
        print("qari: error: the markup handed to the typesetter is not UTF-8", file=sys.stderr)
        return EXIT_ERROR
    except (QariError, OSError) as exc:
        print(f"qari: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a panic compile_source did not turn into QariError: still one line, exit 2
        print(f"qari: error: {panic_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
