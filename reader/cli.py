"""The ``qari`` command: open the reader, or work from the command line.

    qari [FILE]                          open FILE (the sample article if none)
    qari --screenshot OUT.png [FILE]     render the window offscreen to a PNG
    qari entities FILE [--format json|tsv]
    qari entities --conll IN.txt [-o OUT.txt]
    qari find PATTERN FILE [--match-diacritics] [--match-hamza] [--match-kashida] [--whole-word] [--json]
    qari export-pdf FILE -o OUT.pdf
    qari text FILE [--json]              print the article as Qari reads it
    qari --list-actions | --version | --self-test

Global options (``--config-dir``, ``--data-dir``, ``--temp-basedir``) go before or
after a subcommand; ``QARI_CONFIG_DIR`` and ``QARI_DATA_DIR`` set the same folders.
Errors are one line on stderr and a non-zero exit; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader.core.errors import QariError

if TYPE_CHECKING:  # annotations only: the command-line paths must not pay for Qt imports
    from reader.core.settings import Paths

EXIT_ERROR = 2


def _fail(message: str) -> int:
    print(f"qari: error: {message}", file=sys.stderr)
    return EXIT_ERROR


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are Qari's one line on stderr and exit status 2, not a usage block."""

    def error(self, message: str) -> NoReturn:
        """Raise instead of printing the usage: :func:`main` prints one line."""
        raise QariError(f"{self.prog}: {message} (see {self.prog} --help)")


def global_parser() -> argparse.ArgumentParser:
    """The options every mode shares: where Qari keeps its files."""
    parser = Parser(add_help=False, allow_abbrev=False)
    group = parser.add_argument_group("where Qari keeps its files")
    group.add_argument("--config-dir", type=Path, metavar="DIR", help="settings under DIR (also QARI_CONFIG_DIR)")
    group.add_argument("--data-dir", type=Path, metavar="DIR", help="the reader's data and state under DIR (also QARI_DATA_DIR)")
    group.add_argument("--temp-basedir", action="store_true", help="a fresh temporary folder for everything, removed at exit")
    return parser


@contextmanager
def _paths(options: argparse.Namespace) -> Iterator[Paths]:
    """The folders chosen by the global options; a ``--temp-basedir`` is removed afterwards."""
    from reader.core.scratch import clean_stale_temp_dirs, make_temp_dir
    from reader.core.settings import Paths

    clean_stale_temp_dirs()  # what a killed Qari left behind
    temp_base = make_temp_dir("qari-") if options.temp_basedir else None
    try:
        yield Paths.from_options(options.config_dir, options.data_dir, temp_base)
    finally:
        if temp_base is not None:
            shutil.rmtree(temp_base, ignore_errors=True)


def _entities(argv: list[str], _paths: Paths) -> int:
    from reader.core.article import open_article
    from reader.core.entities import tag_sentences
    from reader.core.entities.conll import read_conll

    parser = Parser(prog="qari entities", description="Print the named entities of an article.", parents=[global_parser()])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--format", choices=("json", "tsv"), default="json")
    parser.add_argument("--conll", type=Path, help="tag a CoNLL file (token per line) and print it with a predicted tag column")
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    args = parser.parse_args(argv)
    if args.conll:
        sentences = read_conll(args.conll)  # a LoadError (one line) for anything it cannot read
        lines = []
        words_per_sentence = [[w for w, _ in sent] for sent in sentences]
        for words, tags in zip(words_per_sentence, tag_sentences(words_per_sentence), strict=True):
            lines += [f"{w} {t}" for w, t in zip(words, tags, strict=True)]
            lines.append("")
        out = "\n".join(lines)
    else:
        if args.file is None:
            parser.error("give a FILE or --conll IN")
        article = open_article(args.file)
        entities = article.entities_or_empty()
        if args.format == "json":
            payload = {
                "file": str(args.file),
                "encoding": article.provenance.encoding,
                "sha256": article.provenance.sha256,
                "title": article.title,
                "entities": [
                    {
                        "type": e.type.value,
                        "name": e.name,
                        "normalized": e.key,
                        "count": len(e.mentions),
                        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions],
                    }
                    for e in entities
                ],
            }
            out = json.dumps(payload, ensure_ascii=False, indent=2)
        else:
            rows = ["type\ttext\tnormalized\tstart\tend"]
            rows += [f"{e.type.value}\t{m.text}\t{e.key}\t{m.start}\t{m.end}" for e in entities for m in e.mentions]
            out = "\n".join(rows)
    _emit(out, args.output)
    return 0


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text + "\n")
        return
    from reader.core.atomic import write_file

    write_file(output, (text + "\n").encode("utf-8"), make_parents=True)


def _find(argv: list[str], _paths: Paths) -> int:
    from reader.core.article import ArticleOptions, open_article
    from reader.core.search import SearchOptions

    parser = Parser(prog="qari find", description="Arabic-aware search; offsets are into the article text.", parents=[global_parser()])
    parser.add_argument("pattern")
    parser.add_argument("file", type=Path)
    parser.add_argument("--match-diacritics", action="store_true")
    parser.add_argument("--match-hamza", action="store_true")
    parser.add_argument("--match-kashida", action="store_true")
    parser.add_argument("--whole-word", action="store_true")
    parser.add_argument("--json", action="store_true", help="print JSON (the default prints one match per line)")
    args = parser.parse_args(argv)
    if not args.pattern.strip():
        parser.error("the pattern is empty")
    article = open_article(args.file, ArticleOptions(analyse=False))
    text = article.text
    spans = article.find(args.pattern, SearchOptions(args.match_diacritics, args.match_hamza, args.match_kashida, args.whole_word))
    if args.json:
        matches = [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]
        print(json.dumps({"pattern": args.pattern, "file": str(args.file), "count": len(spans), "matches": matches}, ensure_ascii=False, indent=2))
    else:
        for s, e in spans:
            print(f"{s}\t{e}\t{text[s:e]}")
    return 0 if spans else 1


def _export_pdf(argv: list[str], paths: Paths) -> int:
    from reader.core.article import ArticleOptions, open_article
    from reader.core.atomic import check_target
    from reader.core.entities.types import EntityType
    from reader.core.settings import load_settings
    from reader.pdf.export import export_pdf, pdf_notices
    from reader.pdf.source import check_typesettable

    parser = Parser(prog="qari export-pdf", description="Export an article to PDF (no display needed).", parents=[global_parser()])
    parser.add_argument("file", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF file")
    parser.add_argument("--paper", choices=("a4", "us-letter"))
    parser.add_argument("--margin-mm", type=float)
    parser.add_argument("--font-size", type=float)
    parser.add_argument("--no-highlights", action="store_true")
    parser.add_argument("--western-digits", action="store_true", help="page numbers 1 2 3 instead of ١ ٢ ٣")
    parser.add_argument("--hide", action="append", default=[], choices=[t.value for t in EntityType], help="entity type not to highlight")
    args = parser.parse_args(argv)
    check_target(args.output)  # /dev/full, a folder, a pipe: refused before seconds of typesetting
    article = open_article(args.file, ArticleOptions(analyse=False))
    check_typesettable(article)  # and a book too long for one PDF, before analysing it
    options = load_settings(paths)[0].print
    if args.paper:
        options.paper = args.paper
    if args.margin_mm is not None:
        options.margin_mm = max(options.MARGIN_RANGE[0], min(options.MARGIN_RANGE[1], args.margin_mm))
    if args.font_size is not None:
        options.font_size = max(options.FONT_RANGE[0], min(options.FONT_RANGE[1], args.font_size))
    if args.no_highlights:
        options.highlights = False
    if args.western_digits:
        options.arabic_digits = False
    if options.highlights:
        article.analyse()
    pages = export_pdf(article, args.output, options, frozenset(EntityType(v) for v in args.hide))
    for notice in pdf_notices(article):
        print(f"qari: note: {notice}", file=sys.stderr)
    print(f"{args.output}: {pages} pages")
    return 0


def _text(argv: list[str], _paths: Paths) -> int:
    from reader.core.article import ArticleOptions, open_article
    from reader.core.text_dump import notices, to_dict, to_text

    parser = Parser(prog="qari text", description="Print the article as Qari reads it: title, blocks, notes.", parents=[global_parser()])
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", action="store_true", help="print the blocks, notes and provenance as JSON (a stable shape)")
    args = parser.parse_args(argv)
    article = open_article(args.file, ArticleOptions(analyse=False))
    for notice in notices(article):
        print(f"qari: note: {notice}", file=sys.stderr)
    out = json.dumps(to_dict(article), ensure_ascii=False, indent=2) if args.json else to_text(article.document)
    _write_utf8(out + "\n")
    return 0


def _write_utf8(text: str) -> None:
    """Write ``text`` to standard output as UTF-8 whatever the locale says (a C locale would fail on Arabic)."""
    data = text.encode("utf-8", "replace")  # "replace": a lone surrogate is no word, and never a traceback
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a replaced stdout (tests) takes text
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    buffer.write(data)
    buffer.flush()


SUBCOMMANDS: dict[str, Callable[[list[str], Paths], int]] = {"entities": _entities, "find": _find, "export-pdf": _export_pdf, "text": _text}


def _split_subcommand(argv: list[str]) -> tuple[str | None, list[str]]:
    """The subcommand (the first argument that is not a global option or its value) and the rest."""
    takes_value = {"--config-dir", "--data-dir"}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in takes_value:
            i += 2
            continue
        if arg == "--temp-basedir" or arg.split("=", 1)[0] in takes_value:
            i += 1
            continue
        if arg in SUBCOMMANDS:
            return arg, argv[:i] + argv[i + 1 :]
        return None, argv
    return None, argv


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``qari`` and ``python -m reader``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["__typeset-child"]:  # the window's typesetting child; = reader.pdf.compile_child.CHILD_SUBCOMMAND (a literal: no typst import here)
        from reader.pdf.compile_child import main as typeset_child

        return typeset_child(argv[1:])
    if argv[:1] == ["__entities-child"]:  # the window's entity analysis; = reader.core.entities.child.CHILD_SUBCOMMAND
        from reader.core.entities.child import main as entities_child

        return entities_child(argv[1:])
    try:
        command, rest = _split_subcommand(argv)
        options, _ = global_parser().parse_known_args(rest)
        with _paths(options) as paths:
            if command is not None:
                return SUBCOMMANDS[command](rest, paths)
            from reader.ui.start import run_gui

            return run_gui(rest, paths, global_parser())
    except QariError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (qari --list-actions | head -1): stop quietly, as command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
